import type { EntityManager } from 'typeorm';
import type { ActivityCategory, ActivityKind, ActivityStatus, SignupStatus } from '@wenming/shared';
import { AppError } from '../../common/errors/app-error';
import { siteJoins } from '../../common/sql/names';

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

/**
 * One statement for a page of activities: names by joins, counts and the caller's sign-up (with its 1-based place
 * in the waitlist, queue order created_at, volunteer_id as promotion uses) by lateral subqueries.
 * Answers in the order of `ids`; missing ids are left out.
 */
export async function activityViews(em: EntityManager, ids: string[], volunteerId: string | null = null): Promise<ActivityViewRow[]> {
  if (!ids.length) return [];
  const rows: ActivityViewRow[] = await em.query(
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

export async function activityView(em: EntityManager, id: string, volunteerId: string | null = null): Promise<ActivityViewRow> {
  const [row] = await activityViews(em, [id], volunteerId);
  if (!row) throw new Error(`activity ${id} vanished`);
  return row;
}

/** A venue named in a request must exist (400 on the field `siteId`). */
export async function assertVenue(em: Pick<EntityManager, 'query'>, siteId: string): Promise<void> {
  const rows = await em.query(`SELECT 1 FROM sites WHERE id = $1`, [siteId]);
  if (!rows.length) throw AppError.validation([{ field: 'siteId', message: '所选活动地点（阵地）不存在，请从阵地列表中选择' }]);
}
