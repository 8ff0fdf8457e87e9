import { createDataSource } from '../../src/database/data-source';
import { SEED_TODAY, seedDemo } from '../../src/database/seed/seed';
import { freshDatabase } from '../setup/databases';

/** The demo history of menu-style service: two years of orders that look like the county's. */
describe('demo seed: service orders', () => {
  it('~2,200 orders up to SEED_TODAY, mostly completed and rated with their menu_service activities, some open/overdue, declined, cancelled', async () => {
    const db = await freshDatabase('wm_orders_seed');
    const ds = createDataSource(db.url, { poolSize: 2 });
    await ds.initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
      const summary = await seedDemo(ds, { password: 'Demo@2026' });
      const q = async (sql: string) => (await ds.query(sql))[0];

      expect(summary.serviceOrders).toBeGreaterThanOrEqual(2100);
      expect(summary.serviceOrders).toBeLessThanOrEqual(2300);
      const { n, last, first } = await q(`SELECT count(*)::int AS n, max(ordered_at) AS last, min(ordered_at) AS first FROM service_orders`);
      expect(n).toBe(summary.serviceOrders);
      expect(new Date(last).getTime()).toBeLessThan(new Date(`${SEED_TODAY}T24:00:00+08:00`).getTime());
      expect(new Date(first).getTime()).toBeGreaterThan(new Date(`${SEED_TODAY}T00:00:00+08:00`).getTime() - 731 * 86400_000);

      const by = Object.fromEntries(
        (await ds.query(`SELECT status, count(*)::int AS n FROM service_orders GROUP BY status`)).map((r: { status: string; n: number }) => [r.status, r.n]),
      );
      expect(by.rated / n).toBeGreaterThan(0.7);
      expect(by.completed).toBeGreaterThan(0);
      expect(by.ordered).toBeGreaterThan(0);
      expect(by.dispatched).toBeGreaterThan(0);
      expect(by.accepted).toBeGreaterThan(0);
      expect(by.cancelled).toBeGreaterThan(20);
      expect(by.cancelled / n).toBeLessThan(0.06);

      // every accepted/completed/rated order has its menu_service activity, linked both ways, completed when the order is
      const { bad } = await q(`SELECT count(*)::int AS bad FROM service_orders o LEFT JOIN activities a ON a.id = o.activity_id
         WHERE o.status IN ('accepted','completed','rated') AND (a.id IS NULL OR a.kind <> 'menu_service' OR a.service_order_id <> o.id
            OR a.team_id <> o.team_id OR (o.status <> 'accepted') <> (a.status = 'completed') OR a.category <> (SELECT category FROM menu_items WHERE id = o.menu_item_id))`);
      expect(bad).toBe(0);
      const { small } = await q(`SELECT max(audience_reached)::int AS small FROM activities WHERE kind = 'menu_service'`);
      expect(small).toBeLessThanOrEqual(5);
      // dispatched orders went to a team that provides the item; timestamps in order
      const { unprovided } = await q(`SELECT count(*)::int AS unprovided FROM service_orders o WHERE o.team_id IS NOT NULL AND o.status <> 'cancelled'
         AND NOT EXISTS (SELECT 1 FROM menu_item_teams mt WHERE mt.menu_item_id = o.menu_item_id AND mt.team_id = o.team_id)`);
      expect(unprovided).toBe(0);
      const { disorder } = await q(`SELECT count(*)::int AS disorder FROM service_orders
         WHERE dispatched_at < ordered_at OR accepted_at < dispatched_at OR completed_at < accepted_at OR rated_at < completed_at`);
      expect(disorder).toBe(0);
      // some recent orders wait too long (overdue), some were declined once and re-dispatched (reason kept, audited)
      const { overdue } = await q(
        `SELECT count(*)::int AS overdue FROM service_orders WHERE status = 'ordered' AND ordered_at < timestamptz '${SEED_TODAY}T00:00:00+08:00' - interval '24 hours'`,
      );
      expect(overdue).toBeGreaterThan(0);
      const { declined, audited } = await q(`SELECT count(*) FILTER (WHERE decline_reason IS NOT NULL AND status <> 'ordered')::int AS declined,
         (SELECT count(*)::int FROM audit_entries WHERE action = 'service_order.decline') AS audited FROM service_orders`);
      expect(declined).toBeGreaterThan(50);
      expect(audited).toBe(summary.serviceOrdersDeclinedOnce);
      const { avg } = await q(`SELECT avg(rating)::float AS avg FROM service_orders WHERE rating IS NOT NULL`);
      expect(avg).toBeGreaterThan(4.3);
      expect(avg).toBeLessThan(4.9);
      // the demo leader's team has its share, and county-wide plus station menus exist at 东关社区
      const { menu } = await q(
        `SELECT count(*)::int AS menu FROM menu_items m WHERE m.site_id IS NULL OR m.site_id = (SELECT id FROM sites WHERE name = '东关社区新时代文明实践站')`,
      );
      expect(menu).toBeGreaterThanOrEqual(10);
      const { waiting } = await q(`SELECT count(*)::int AS waiting FROM service_orders o JOIN team_memberships m ON m.team_id = o.team_id AND m.role = 'leader'
         JOIN volunteers v ON v.id = m.volunteer_id WHERE v.phone = '13800000003' AND o.status = 'dispatched'`);
      expect(waiting).toBeGreaterThanOrEqual(2);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  }, 180_000); // a full two-year seed (~60 s on PGlite with the statistics roll-ups rebuilt once), as in the other seed suites
});
