import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { idsOrNone, Params, type Queryable, selectCount, selectOne, selectRows } from '../../database/sql';
import type { ScheduleClash, SchedulePlan } from './schedule-rules';
import type { ScheduleRow } from './schedules.mapper';

/** FROM clause for SCHEDULE_COLUMNS: the schedule `s` with its team and venue names. Lock with `FOR UPDATE OF s`. */
const SCHEDULE_FROM = `service_day_schedules s JOIN teams st ON st.id = s.team_id JOIN sites ss ON ss.id = s.site_id`;

const SCHEDULE_COLUMNS = `s.id, s.team_id, st.name AS team_name, s.site_id, ss.name AS site_name, s.address, s.title, s.category, s.weekday, s.start_time, s.end_time,
  to_char(s.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(s.ends_on, 'YYYY-MM-DD') AS ends_on, s.capacity,
  ARRAY(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(s.skip_dates) AS d ORDER BY d) AS skip_dates,
  s.description, s.created_at, s.deleted_at`;

/** Which schedules a caller's list holds (already resolved to the caller's scope). */
export interface ScheduleListFilter {
  /** admins below the county: the venue or the team in these sites */
  adminSites?: string[];
  /** non-admins: the teams they lead */
  ledTeams?: string[];
  teamId?: string;
}

/**
 * All SQL of service-day schedules (service_day_schedules). The series' activities are created, moved and cancelled
 * through the activities module (ActivityChangesService), never here.
 */
@Injectable()
export class SchedulesRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** One page of live schedules, newest first, and the total. */
  async page(f: ScheduleListFilter, page: number, pageSize: number): Promise<{ rows: ScheduleRow[]; total: number }> {
    const p = new Params();
    const where: string[] = ['s.deleted_at IS NULL'];
    if (f.adminSites) {
      // the venue or the team in the subtree
      const sites = p.add(idsOrNone(f.adminSites));
      where.push(`(s.site_id = ANY(${sites}::uuid[]) OR st.site_id = ANY(${sites}::uuid[]))`);
    }
    if (f.ledTeams) where.push(`s.team_id = ANY(${p.add(idsOrNone(f.ledTeams))}::uuid[])`);
    if (f.teamId) where.push(`s.team_id = ${p.add(f.teamId)}`);
    const w = where.join(' AND ');
    const total = await selectCount(this.db, `SELECT count(*)::int AS n FROM ${SCHEDULE_FROM} WHERE ${w}`, p.values);
    const rows = await selectRows<ScheduleRow>(
      this.db,
      `SELECT ${SCHEDULE_COLUMNS} FROM ${SCHEDULE_FROM} WHERE ${w} ORDER BY s.created_at DESC, s.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      p.values,
    );
    return { rows, total };
  }

  /** The schedule with its names (deleted ones too); `lock` takes its row lock. */
  async findSchedule(id: string, em: Queryable = this.db, lock = false): Promise<ScheduleRow | undefined> {
    return selectOne<ScheduleRow>(em, `SELECT ${SCHEDULE_COLUMNS} FROM ${SCHEDULE_FROM} WHERE s.id = $1${lock ? ' FOR UPDATE OF s' : ''}`, [id]);
  }

  async findTeam(teamId: string): Promise<{ archived: boolean; site_id: string } | undefined> {
    return selectOne(this.db, `SELECT archived, site_id FROM teams WHERE id = $1`, [teamId]);
  }

  async insertSchedule(em: EntityManager, teamId: string, plan: SchedulePlan, createdBy: string): Promise<string> {
    const [{ id }] = await selectRows<{ id: string }>(
      em,
      `INSERT INTO service_day_schedules (team_id, site_id, title, category, weekday, start_time, end_time, starts_on, ends_on, capacity, skip_dates, description, created_by, address)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11::date[],$12,$13,$14) RETURNING id`,
      [
        teamId,
        plan.siteId,
        plan.title,
        plan.category,
        plan.weekday,
        plan.startTime,
        plan.endTime,
        plan.startsOn,
        plan.endsOn,
        plan.capacity,
        plan.skipDates,
        plan.description,
        createdBy,
        plan.address,
      ],
    );
    return id;
  }

  async updateSchedule(em: EntityManager, id: string, plan: SchedulePlan): Promise<void> {
    await em.query(
      `UPDATE service_day_schedules SET title = $2, category = $3, weekday = $4, start_time = $5, end_time = $6, starts_on = $7, ends_on = $8,
                capacity = $9, skip_dates = $10::date[], description = $11, site_id = $12, address = $13 WHERE id = $1`,
      [
        id,
        plan.title,
        plan.category,
        plan.weekday,
        plan.startTime,
        plan.endTime,
        plan.startsOn,
        plan.endsOn,
        plan.capacity,
        plan.skipDates,
        plan.description,
        plan.siteId,
        plan.address,
      ],
    );
  }

  async markDeleted(em: EntityManager, id: string): Promise<void> {
    await em.query(`UPDATE service_day_schedules SET deleted_at = now() WHERE id = $1`, [id]);
  }

  /**
   * Live activities of the team (another series' occurrence, or a single activity) overlapping one of the
   * occurrences [starts[i], ends[i]), except `ownIds` (the series' own occurrences being rewritten).
   */
  async findTeamClashes(em: EntityManager, teamId: string, starts: string[], ends: string[], ownIds: string[]): Promise<ScheduleClash[]> {
    return selectRows<ScheduleClash>(
      em,
      `SELECT DISTINCT a.id, a.title, a.starts_at, a.ends_at, s.title AS schedule_title
         FROM activities a
         JOIN unnest($2::timestamptz[], $3::timestamptz[]) AS o(s, e) ON a.starts_at < o.e AND a.ends_at > o.s
         LEFT JOIN service_day_schedules s ON s.id = a.schedule_id
        WHERE a.team_id = $1 AND a.status IN ('draft', 'published', 'completed') AND NOT (a.id = ANY($4::uuid[]))
        ORDER BY a.starts_at, a.id`,
      [teamId, starts, ends, idsOrNone(ownIds)],
    );
  }
}
