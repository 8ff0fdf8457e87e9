import { TIME_ZONE } from '@wenming/shared';
import { Inject, Injectable } from '@nestjs/common';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { ATTENDANCE_STATUS_LABELS, type AttendanceStatus } from '@wenming/shared';
import { READ_DB } from '../../database/read-database.module';
import { filterConditions, whereSql } from '../stats/stats.repository';
import type { ResolvedFilter } from '../stats/stats-scope';

/**
 * The exports' SQL: the attendance detail query (as rows for XLSX/CSV-by-cursor, and shaped as the file's columns
 * for COPY), the server-side cursor that streams it, COPY TO STDOUT, and the names a file's header shows.
 * Reads go to READ_DB (the replica when DATABASE_READ_URL is set).
 */

const FETCH_SIZE = 1000;

export interface AttendanceExportRow {
  day: string;
  title: string;
  team: string;
  site: string;
  town: string;
  name: string;
  phone: string | null;
  check_in: string | null;
  check_out: string | null;
  minutes: number | null;
  status: AttendanceStatus;
}

/** The detail query (all attendance statuses of the filtered activities), in activity start order. */
export function attendanceExportSql(r: ResolvedFilter, params: unknown[]): string {
  const day = `(a.starts_at AT TIME ZONE '${TIME_ZONE}')::date`;
  const where = whereSql(filterConditions(r, params, 'a', day));
  return `SELECT to_char(${day}, 'YYYY-MM-DD') AS day, a.title, tm.name AS team, s.name AS site,
      CASE rg.level WHEN 'town' THEN rg.name WHEN 'county' THEN '县级' ELSE pr.name END AS town,
      v.name, v.phone,
      to_char(t.check_in_at AT TIME ZONE '${TIME_ZONE}', 'YYYY-MM-DD HH24:MI') AS check_in,
      to_char(t.check_out_at AT TIME ZONE '${TIME_ZONE}', 'YYYY-MM-DD HH24:MI') AS check_out,
      t.minutes, t.status
    FROM attendance t
    JOIN activities a ON a.id = t.activity_id
    JOIN teams tm ON tm.id = a.team_id
    JOIN sites s ON s.id = a.site_id
    JOIN regions rg ON rg.id = s.region_id
    LEFT JOIN regions pr ON pr.id = rg.parent_id
    JOIN volunteers v ON v.id = t.volunteer_id
    ${where}
    ORDER BY a.starts_at, a.id, t.check_in_at, t.id`;
}

/**
 * The detail query shaped as the file's columns (what attendanceLine does in JavaScript, in SQL): phone masked
 * like maskPhone, hours like minutesToHours, status labels; blanks are NULL so COPY writes them as empty fields.
 */
export function attendanceCopySql(r: ResolvedFilter, params: unknown[]): string {
  const label = Object.entries(ATTENDANCE_STATUS_LABELS)
    .map(([k, v]) => `WHEN '${k}' THEN '${v}'`)
    .join(' ');
  return `SELECT x.day, x.title, x.team, x.site, x.town, x.name,
      CASE WHEN x.phone IS NULL OR x.phone = '' THEN NULL WHEN length(x.phone) < 7 THEN x.phone
           ELSE left(x.phone, 3) || '****' || right(x.phone, 4) END AS phone,
      x.check_in, x.check_out, x.minutes,
      trim_scale(floor(x.minutes * 10 / 60.0 + 0.5) / 10) AS hours,
      CASE x.status::text ${label} ELSE x.status::text END AS status
    FROM (${attendanceExportSql(r, params)}) x`;
}

/**
 * COPY takes no bind parameters: $n replaced by quoted literals (strings through the driver's escapeLiteral,
 * arrays as ARRAY[…]::text[]). The values are validated ids, dates and enum keys.
 */
export function inlineParams(sql: string, params: unknown[], quote: (v: string) => string): string {
  const lit = (v: unknown): string => {
    if (Array.isArray(v)) return v.length ? `ARRAY[${v.map(lit).join(',')}]::text[]` : `'{}'::text[]`;
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    if (typeof v === 'string') return quote(v);
    throw new Error(`inlineParams: unsupported parameter ${typeof v}`);
  };
  return sql.replace(/\$(\d+)\b/g, (_, n: string) => lit(params[Number(n) - 1]));
}

@Injectable()
export class ExportsRepository {
  constructor(@Inject(READ_DB) private readonly db: DataSource) {}

  /** The name of a town, site or team (null when it does not exist). */
  async nameOf(table: 'regions' | 'sites' | 'teams', id: string): Promise<string | null> {
    const rows: Array<{ name: string }> = await this.db.query(`SELECT name FROM ${table} WHERE id = $1`, [id]);
    return rows[0]?.name ?? null;
  }

  /**
   * The detail rows in batches of 1000 from a server-side cursor in a read-only REPEATABLE READ transaction (one
   * consistent snapshot, memory flat whatever the size); `onBatch` may wait (back-pressure) before the next FETCH.
   */
  async forEachAttendanceBatch(r: ResolvedFilter, onBatch: (rows: AttendanceExportRow[]) => Promise<void>): Promise<void> {
    const params: unknown[] = [];
    const sql = attendanceExportSql(r, params);
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`);
      await runner.query(`DECLARE attendance_export NO SCROLL CURSOR FOR ${sql}`, params);
      for (;;) {
        const rows: AttendanceExportRow[] = await runner.query(`FETCH ${FETCH_SIZE} FROM attendance_export`);
        await onBatch(rows);
        if (rows.length < FETCH_SIZE) break;
      }
      await runner.query(`COMMIT`);
    } catch (err) {
      await runner.query(`ROLLBACK`).catch(() => undefined);
      throw err;
    } finally {
      await runner.release();
    }
  }

  /**
   * The file's rows as the server's own CSV (`COPY (…) TO STDOUT`, PostgreSQL only), piped through `transform`
   * into `dest`, back-pressured end to end.
   */
  async copyAttendanceCsv(r: ResolvedFilter, transform: NodeJS.ReadWriteStream, dest: Writable): Promise<void> {
    const params: unknown[] = [];
    const runner = this.db.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    const sql = inlineParams(attendanceCopySql(r, params), params, (v) => client.escapeLiteral(v));
    let failure: Error | undefined;
    try {
      await pipeline(client.query(copyTo(`COPY (${sql}) TO STDOUT WITH (FORMAT csv)`)), transform, dest);
    } catch (err) {
      failure = err as Error;
      throw err;
    } finally {
      // after an aborted COPY the connection is mid-stream: the pool closes it instead of reusing it
      await (runner as unknown as { releasePostgresConnection(err?: Error): Promise<void> }).releasePostgresConnection(failure);
    }
  }
}
