import type { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { rebuildStats } from '../stats-rebuild';

/**
 * Activity venue (issue 10): `activities.site_id` is where the activity happens (any practice site, default the
 * team's site), `address` the exact spot; service-day schedules carry the same pair for their occurrences.
 *
 * An ordered service (菜单式服务) takes place at the ORDERING station: existing `menu_service` activities created from
 * an order move from the team's site to `service_orders.site_id`, with the order's address. The statistics roll-ups
 * follow: the activities UPDATE trigger (1764380000400) carries each moved activity's figures from the old site to
 * the new one in this transaction (county totals unchanged, per-site rows moved); the roll-ups are then rebuilt
 * from the raw tables and verified (rebuildStats throws, and the migration rolls back, if they disagree).
 * A fresh database has no orders: nothing moves and nothing is rebuilt.
 */
export async function moveOrderedActivitiesToStation(em: Pick<EntityManager, 'query'>): Promise<number> {
  const moved: Array<{ id: string }> = await em.query(`
    UPDATE activities a SET site_id = o.site_id, address = left(o.address, 200), updated_at = now()
      FROM service_orders o
     WHERE o.id = a.service_order_id AND a.kind = 'menu_service'
       AND (a.site_id <> o.site_id OR a.address = '')
    RETURNING a.id`);
  // TypeORM answers UPDATE … RETURNING on PostgreSQL as [rows, affected]
  const rows = Array.isArray(moved) && Array.isArray(moved[0]) ? (moved[0] as Array<{ id: string }>) : moved;
  return rows.length;
}

export class ActivityVenue1764390000100 implements MigrationInterface {
  name = 'ActivityVenue1764390000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE activities ADD COLUMN address text NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE service_day_schedules ADD COLUMN address text NOT NULL DEFAULT ''`);
    // the schedule list of a site admin filters by venue
    await q.query(`CREATE INDEX idx_schedules_site ON service_day_schedules(site_id)`);
    const moved = await moveOrderedActivitiesToStation(q.manager);
    if (moved > 0) await rebuildStats(q.manager);
  }

  async down(q: QueryRunner): Promise<void> {
    // the venue of ordered services is not moved back (the team's site was wrong); only the columns go
    await q.query(`DROP INDEX IF EXISTS idx_schedules_site`);
    await q.query(`ALTER TABLE service_day_schedules DROP COLUMN address`);
    await q.query(`ALTER TABLE activities DROP COLUMN address`);
  }
}
