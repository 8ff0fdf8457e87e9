import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PointsEntryKind } from '@wenming/shared';
import { Params, selectOne, selectRows, type Queryable } from '../../database/sql';

/** A hold whose redemption was fulfilled shows as `spent`; every other row keeps its kind. */
const KIND = `(CASE WHEN p.kind = 'held' AND r.status = 'fulfilled' THEN 'spent' ELSE p.kind END)`;
const LEDGER_FROM = `points_ledger p LEFT JOIN redemptions r ON r.id = p.redemption_id`;

export interface NewLedgerRow {
  volunteerId: string;
  delta: number;
  balanceAfter: number;
  reason: string;
  kind: PointsEntryKind;
  attendanceId: string | null;
  redemptionId: string | null;
  deedAwardId: string | null;
  createdBy: string | null;
}

export interface AccountSumsRow {
  balance: number | null;
  earned: string | null;
  deeds: string | null;
  spent: string | null;
  held: string | null;
}

export interface LedgerRow {
  id: string;
  kind: PointsEntryKind;
  delta: number;
  balance_after: number;
  reason: string;
  attendance_id: string | null;
  redemption_id: string | null;
  deed_award_id: string | null;
  created_at: Date;
}

export interface PointsHolderRow {
  id: string;
  name: string;
  site_id: string;
}

/** All SQL of the 志愿积分 ledger (points_ledger): the one writer every module goes through (PointsLedgerService). */
@Injectable()
export class PointsLedgerRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** Serializes every change of one volunteer's points (the row lock on the volunteer). */
  async lockVolunteer(em: Queryable, volunteerId: string): Promise<void> {
    await em.query(`SELECT id FROM volunteers WHERE id = $1 FOR UPDATE`, [volunteerId]);
  }

  async lastBalance(em: Queryable, volunteerId: string): Promise<number> {
    const row = await selectOne<{ balance_after: number }>(em, `SELECT balance_after FROM points_ledger WHERE volunteer_id = $1 ORDER BY id DESC LIMIT 1`, [volunteerId]);
    return row ? Number(row.balance_after) : 0;
  }

  async insertEntry(em: Queryable, e: NewLedgerRow): Promise<{ id: string; created_at: Date }> {
    const [row] = await selectRows<{ id: string; created_at: Date }>(
      em,
      `INSERT INTO points_ledger (volunteer_id, delta, balance_after, reason, kind, attendance_id, redemption_id, deed_award_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id, created_at`,
      [e.volunteerId, e.delta, e.balanceAfter, e.reason, e.kind, e.attendanceId, e.redemptionId, e.deedAwardId, e.createdBy],
    );
    return row;
  }

  /** Net points of one attendance (credits minus earlier debits). */
  async netPointsOfAttendance(em: Queryable, attendanceId: string): Promise<number> {
    const r = await selectOne<{ s: string | null }>(em, `SELECT sum(delta) AS s FROM points_ledger WHERE attendance_id = $1`, [attendanceId]);
    return Number(r?.s ?? 0);
  }

  findHolder(volunteerId: string): Promise<PointsHolderRow | undefined> {
    return selectOne<PointsHolderRow>(this.db, `SELECT id, name, site_id FROM volunteers WHERE id = $1`, [volunteerId]);
  }

  async accountSums(volunteerId: string): Promise<AccountSumsRow> {
    const [s] = await selectRows<AccountSumsRow>(
      this.db,
      `SELECT (SELECT balance_after FROM points_ledger WHERE volunteer_id = $1 ORDER BY id DESC LIMIT 1) AS balance,
              sum(p.delta) FILTER (WHERE p.kind IN ('earned', 'adjusted')) AS earned,
              sum(p.delta) FILTER (WHERE p.kind = 'deed') AS deeds,
              -sum(p.delta) FILTER (WHERE ${KIND} = 'spent') AS spent,
              (SELECT sum(points) FROM redemptions WHERE volunteer_id = $1 AND status = 'requested') AS held
         FROM points_ledger p LEFT JOIN redemptions r ON r.id = p.redemption_id
        WHERE p.volunteer_id = $1`,
      [volunteerId],
    );
    return s;
  }

  /** One page of a volunteer's ledger, newest first, optionally of one (shown) kind. */
  async ledgerPage(volunteerId: string, kind: PointsEntryKind | undefined, page: number, pageSize: number): Promise<{ total: number; rows: LedgerRow[] }> {
    const p = new Params([volunteerId]);
    let w = `p.volunteer_id = $1`;
    if (kind) w += ` AND ${KIND} = ${p.add(kind)}`;
    const [{ n }] = await selectRows<{ n: number }>(this.db, `SELECT count(*)::int AS n FROM ${LEDGER_FROM} WHERE ${w}`, p.values);
    const rows = await selectRows<LedgerRow>(
      this.db,
      `SELECT p.id, ${KIND} AS kind, p.delta, p.balance_after, p.reason, p.attendance_id, p.redemption_id, p.deed_award_id, p.created_at
         FROM ${LEDGER_FROM} WHERE ${w} ORDER BY p.id DESC LIMIT ${Number(pageSize)} OFFSET ${(page - 1) * pageSize}`,
      p.values,
    );
    return { total: Number(n), rows };
  }
}
