import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ActivityCategory, ActivityKind, ActivityStatus, SignupStatus } from '@wenming/shared';
import { AppError } from '../../common/errors/app-error';
import { siteJoins, sitesOfTown } from '../../common/sql/names';
import { idsOrNone, mutateReturning, type Queryable, selectCount, selectOne, selectRows } from '../../database/sql';
import { ActivityEntity } from './activity.entity';

/** An activity with the names a screen shows, its sign-up counts and (optionally) the caller's own sign-up. */
export interface ActivityViewRow {
  id: string;
  title: string;
  kind: ActivityKind;
  category: ActivityCategory;
  site_id: string;
  site_name: string;
  town_id: string | null;
  town_name: string | null;
  address: string;
  team_id: string;
  team_name: string;
  starts_at: Date;
  ends_at: Date;
  capacity: number | null;
  status: ActivityStatus;
  audience_reached: number | null;
  schedule_id: string | null;
  service_order_id: string | null;
  description: string;
  cancel_reason: string | null;
  confirmed: number;
  waitlisted: number;
  my_status: SignupStatus | null;
  my_position: number | null;
}

/** Another live activity a volunteer holds a confirmed sign-up for. */
export interface OverlappingSignupRow {
  id: string;
  title: string;
  starts_at: Date;
}

/** A series occurrence under lock: may it still change? */
export interface OccurrenceRow {
  id: string;
  starts_at: Date;
  status: string;
  attended: boolean;
}

/** The organising team as an activity needs it (home site for the default venue, archived refuses new activities). */
export interface TeamForActivityRow {
  site_id: string;
  archived: boolean;
}

/** Filters of the activity list, already resolved to the caller's scope. */
export interface ActivityPageFilter {
  /** admin's sites (venue or organising team in them); undefined = no site bound */
  adminSites?: string[];
  /** non-admins: drafts only of these teams */
  ledTeams?: string[];
  fromInstant?: Date;
  toInstant?: Date;
  townId?: string;
  siteId?: string;
  teamId?: string;
  kind?: string;
  category?: string;
  status?: string;
  sort: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

/** The fields of an activity a series occurrence rewrites. */
export interface OccurrenceFields {
  title: string;
  category: ActivityCategory;
  startsAt: Date;
  endsAt: Date;
  capacity: number | null;
  description: string;
  siteId: string;
  address: string;
}

/**
 * All SQL of activities and their sign-up counters. Every method that runs inside a transaction takes the
 * transaction's EntityManager (never a second connection: STACK.md gotcha 6).
 * Lock order, everywhere: the activity row first (`lockActivity`), then at most one volunteer row at a time (`lockVolunteer`).
 */
@Injectable()
export class ActivitiesRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /**
   * One statement for a page of activities: names by joins, counts and the caller's sign-up (with its 1-based place
   * in the waitlist, queue order created_at, volunteer_id as promotion uses) by lateral subqueries.
   * Answers in the order of `ids`; missing ids are left out.
   */
  async views(ids: string[], volunteerId: string | null = null, em: Queryable = this.db): Promise<ActivityViewRow[]> {
    if (!ids.length) return [];
    const rows = await selectRows<ActivityViewRow>(
      em,
      `SELECT a.id, a.title, a.kind, a.category, a.site_id, vs.name AS site_name, vtw.id AS town_id, vtw.name AS town_name, a.address,
            a.team_id, t.name AS team_name, a.starts_at, a.ends_at, a.capacity, a.status, a.audience_reached, a.schedule_id,
            a.service_order_id, a.description, a.cancel_reason, c.confirmed, c.waitlisted,
            ms.status AS my_status,
            CASE WHEN ms.status = 'waitlisted' THEN
              (SELECT count(*)::int FROM signups w WHERE w.activity_id = a.id AND w.status = 'waitlisted'
                  AND (w.created_at, w.volunteer_id) <= (ms.created_at, ms.volunteer_id)) END AS my_position
       FROM activities a
       JOIN teams t ON t.id = a.team_id
       ${siteJoins('a.site_id', 'v')}
       CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE status = 'confirmed')::int AS confirmed,
                                  count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted
                             FROM signups WHERE activity_id = a.id) c
       LEFT JOIN signups ms ON ms.activity_id = a.id AND ms.volunteer_id = $2::uuid
      WHERE a.id = ANY($1::uuid[])`,
      [ids, volunteerId],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)).filter((r): r is ActivityViewRow => !!r);
  }

  async view(id: string, volunteerId: string | null = null, em: Queryable = this.db): Promise<ActivityViewRow> {
    const [row] = await this.views([id], volunteerId, em);
    if (!row) throw new Error(`activity ${id} vanished`);
    return row;
  }

  /** Ids of one page of the activity list, newest (or oldest) start first, and the total. */
  async pageIds(f: ActivityPageFilter): Promise<{ ids: string[]; total: number }> {
    const qb = this.db.getRepository(ActivityEntity).createQueryBuilder('a');
    if (f.adminSites) {
      // the venue or the organising team in the subtree
      qb.andWhere('(a.site_id IN (:...sites) OR a.team_id IN (SELECT st.id FROM teams st WHERE st.site_id IN (:...sites)))', { sites: idsOrNone(f.adminSites) });
    }
    if (f.ledTeams) qb.andWhere(`(a.status <> 'draft' OR a.team_id IN (:...led))`, { led: idsOrNone(f.ledTeams) });
    if (f.fromInstant) qb.andWhere('a.starts_at >= :fromI', { fromI: f.fromInstant });
    if (f.toInstant) qb.andWhere('a.starts_at < :toI', { toI: f.toInstant });
    if (f.townId) qb.andWhere(`a.site_id IN ${sitesOfTown(':townId')}`, { townId: f.townId });
    if (f.siteId) qb.andWhere('a.site_id = :siteId', { siteId: f.siteId });
    if (f.teamId) qb.andWhere('a.team_id = :teamId', { teamId: f.teamId });
    if (f.kind) qb.andWhere('a.kind = :kind', { kind: f.kind });
    if (f.category) qb.andWhere('a.category = :category', { category: f.category });
    if (f.status) qb.andWhere('a.status = :status', { status: f.status });
    const [rows, total] = await qb
      .select(['a.id'])
      .orderBy('a.starts_at', f.sort === 'asc' ? 'ASC' : 'DESC')
      .addOrderBy('a.id', 'ASC')
      .skip((f.page - 1) * f.pageSize)
      .take(f.pageSize)
      .getManyAndCount();
    return { ids: rows.map((r) => r.id), total };
  }

  async findById(id: string, em: EntityManager = this.db.manager): Promise<ActivityEntity | null> {
    return em.findOneBy(ActivityEntity, { id });
  }

  /** The level of a region (a list filtered by town checks that the id names a town). */
  async regionLevel(regionId: string): Promise<string | undefined> {
    return (await selectOne<{ level: string }>(this.db, `SELECT level FROM regions WHERE id = $1`, [regionId]))?.level;
  }

  async findTeamForActivity(teamId: string): Promise<TeamForActivityRow | undefined> {
    return selectOne<TeamForActivityRow>(this.db, `SELECT site_id, archived FROM teams WHERE id = $1`, [teamId]);
  }

  /** A venue named in a request must exist (400 on the field `siteId`). */
  async assertVenue(siteId: string, em: Queryable = this.db): Promise<void> {
    const rows = await selectRows(em, `SELECT 1 FROM sites WHERE id = $1`, [siteId]);
    if (!rows.length) throw AppError.validation([{ field: 'siteId', message: '所选活动地点（阵地）不存在，请从阵地列表中选择' }]);
  }

  async siteName(em: EntityManager, siteId: string): Promise<string | undefined> {
    return (await selectOne<{ name: string }>(em, `SELECT name FROM sites WHERE id = $1`, [siteId]))?.name;
  }

  // ---- locks (activity row first, then one volunteer)

  /** `SELECT … FOR UPDATE` the activity, then load it; 404 if missing. */
  async lockActivity(em: EntityManager, id: string): Promise<ActivityEntity> {
    const rows = await selectRows(em, `SELECT id FROM activities WHERE id = $1 FOR UPDATE`, [id]);
    if (!rows.length) throw AppError.notFound('活动');
    return em.findOneByOrFail(ActivityEntity, { id });
  }

  /** `SELECT … FOR UPDATE` the volunteer; returns the name, 404 if missing. */
  async lockVolunteer(em: EntityManager, id: string): Promise<string> {
    const row = await selectOne<{ name: string }>(em, `SELECT name FROM volunteers WHERE id = $1 FOR UPDATE`, [id]);
    if (!row) throw AppError.notFound('志愿者');
    return row.name;
  }

  /** The volunteer's name without a lock (undefined if missing). */
  async volunteerName(em: EntityManager, id: string): Promise<string | undefined> {
    return (await selectOne<{ name: string }>(em, `SELECT name FROM volunteers WHERE id = $1`, [id]))?.name;
  }

  // ---- sign-up counters and queue

  async countConfirmedSignups(em: EntityManager, activityId: string): Promise<number> {
    return selectCount(em, `SELECT count(*)::int AS n FROM signups WHERE activity_id = $1 AND status = 'confirmed'`, [activityId]);
  }

  /** Another live activity the volunteer holds a confirmed sign-up for whose time overlaps [startsAt, endsAt). */
  async findOverlappingSignup(em: EntityManager, volunteerId: string, a: { id: string; startsAt: Date; endsAt: Date }): Promise<OverlappingSignupRow | null> {
    const row = await selectOne<OverlappingSignupRow>(
      em,
      `SELECT a.id, a.title, a.starts_at
       FROM signups s JOIN activities a ON a.id = s.activity_id
      WHERE s.volunteer_id = $1 AND s.status = 'confirmed' AND a.id <> $2
        AND a.status <> 'cancelled' AND a.starts_at < $4 AND a.ends_at > $3
      ORDER BY a.starts_at LIMIT 1`,
      [volunteerId, a.id, a.startsAt, a.endsAt],
    );
    return row ?? null;
  }

  /** The waitlist in queue order (created_at, then volunteer id). */
  async waitlistedVolunteerIds(em: EntityManager, activityId: string): Promise<string[]> {
    const rows = await selectRows<{ volunteer_id: string }>(
      em,
      `SELECT volunteer_id FROM signups WHERE activity_id = $1 AND status = 'waitlisted' ORDER BY created_at, volunteer_id`,
      [activityId],
    );
    return rows.map((r) => r.volunteer_id);
  }

  async confirmWaitlistedSignup(em: EntityManager, activityId: string, volunteerId: string): Promise<void> {
    await em.query(`UPDATE signups SET status = 'confirmed', updated_at = clock_timestamp() WHERE activity_id = $1 AND volunteer_id = $2 AND status = 'waitlisted'`, [
      activityId,
      volunteerId,
    ]);
  }

  /** Volunteers signed up (confirmed or waitlisted) with the name of the site given (for the "changed" notice). */
  async liveSignupsWithSiteName(em: EntityManager, activityId: string, siteId: string): Promise<Array<{ volunteer_id: string; site_name: string }>> {
    return selectRows(
      em,
      `SELECT s.volunteer_id, st.name AS site_name FROM signups s JOIN sites st ON st.id = $2 WHERE s.activity_id = $1 AND s.status IN ('confirmed', 'waitlisted')`,
      [activityId, siteId],
    );
  }

  // ---- status changes

  async hasConfirmedAttendance(em: EntityManager, activityId: string): Promise<boolean> {
    return (await selectRows(em, `SELECT 1 FROM attendance WHERE activity_id = $1 AND status = 'confirmed' LIMIT 1`, [activityId])).length > 0;
  }

  async markCancelled(em: EntityManager, activityId: string, reason: string): Promise<void> {
    await em.query(`UPDATE activities SET status = 'cancelled', cancel_reason = $2, cancelled_at = now(), updated_at = now() WHERE id = $1`, [activityId, reason]);
  }

  /** Cancel every live sign-up of the activity; answers the volunteers whose sign-up this cancelled. */
  async cancelAllSignups(em: EntityManager, activityId: string): Promise<string[]> {
    const rows = await mutateReturning<{ volunteer_id: string }>(
      em,
      `UPDATE signups SET status = 'cancelled', updated_at = clock_timestamp() WHERE activity_id = $1 AND status <> 'cancelled' RETURNING volunteer_id`,
      [activityId],
    );
    return rows.map((r) => r.volunteer_id);
  }

  async markCompleted(em: EntityManager, activityId: string, audienceReached: number, endsAt: Date): Promise<void> {
    await em.query(
      `UPDATE activities SET status = 'completed', audience_reached = $2, ends_at = $3, completed_at = now(), updated_at = now() WHERE id = $1 AND status = 'published'`,
      [activityId, audienceReached, endsAt],
    );
  }

  /** One 我的活动 notice per volunteer signed up (confirmed or waitlisted); answers how many were written. */
  async insertRescheduleNotices(em: EntityManager, activityId: string, body: string): Promise<number> {
    const rows = await mutateReturning<{ id: string }>(
      em,
      `INSERT INTO activity_notices (activity_id, volunteer_id, kind, body)
     SELECT $1, s.volunteer_id, 'rescheduled', $2 FROM signups s WHERE s.activity_id = $1 AND s.status IN ('confirmed', 'waitlisted')
     RETURNING id`,
      [activityId, body],
    );
    return rows.length;
  }

  // ---- series occurrences (service-day schedules ask through ActivityChangesService)

  async insertActivities(em: EntityManager, rows: Array<Partial<ActivityEntity>>): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) await em.insert(ActivityEntity, rows.slice(i, i + 200));
  }

  /** The live occurrences of a series, locked, with whether any attendance row exists. */
  async lockSeriesOccurrences(em: EntityManager, scheduleId: string): Promise<OccurrenceRow[]> {
    return selectRows<OccurrenceRow>(
      em,
      `SELECT a.id, a.starts_at, a.status, EXISTS (SELECT 1 FROM attendance t WHERE t.activity_id = a.id) AS attended
         FROM activities a WHERE a.schedule_id = $1 AND a.status <> 'cancelled' ORDER BY a.starts_at FOR UPDATE OF a`,
      [scheduleId],
    );
  }

  async updateOccurrence(em: EntityManager, id: string, f: OccurrenceFields): Promise<void> {
    await em.query(
      `UPDATE activities SET title = $2, category = $3, starts_at = $4, ends_at = $5, capacity = $6, description = $7, site_id = $8, address = $9,
                  updated_at = now() WHERE id = $1`,
      [id, f.title, f.category, f.startsAt, f.endsAt, f.capacity, f.description, f.siteId, f.address],
    );
  }
}
