import { createDataSource } from '../../src/database/data-source';
import { seedDemo } from '../../src/database/seed/seed';
import { freshDatabase } from '../setup/databases';

/** The demo 积分超市: goods, two years of redemptions, deeds, honours, notices — consistent with the points ledger. */
describe('demo seed: 积分超市', () => {
  it('goods at the center and a dozen stations; redemptions, deed awards and earnings reconcile with the ledger', async () => {
    const db = await freshDatabase('wm_points_seed');
    const ds = createDataSource(db.url, { poolSize: 2 });
    await ds.initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
      const summary = await seedDemo(ds, { password: 'Demo@2026' });
      const q = async (sql: string) => (await ds.query(sql))[0];
      expect(summary.goodsStations).toBe(12);
      const { county, stations } = await q(`SELECT count(*) FILTER (WHERE site_id IS NULL)::int AS county, count(DISTINCT site_id)::int AS stations FROM goods`);
      expect(county).toBeGreaterThanOrEqual(8);
      expect(stations).toBe(12);
      const by = Object.fromEntries(
        (await ds.query(`SELECT status, count(*)::int AS n FROM redemptions GROUP BY status`)).map((r: { status: string; n: number }) => [r.status, r.n]),
      );
      expect(by.fulfilled).toBeGreaterThan(500);
      for (const s of ['requested', 'cancelled', 'expired']) expect(by[s]).toBeGreaterThan(0);
      const { first } = await q(`SELECT min(requested_at) AS first FROM redemptions`);
      expect(Date.now() - new Date(first).getTime()).toBeGreaterThan(365 * 86400_000);

      // the ledger: running sums, never negative, whole numbers
      const { broken } = await q(`SELECT count(*)::int AS broken FROM (
          SELECT balance_after, sum(delta) OVER (PARTITION BY volunteer_id ORDER BY id) AS run FROM points_ledger) x
        WHERE x.run <> x.balance_after OR x.balance_after < 0`);
      expect(broken).toBe(0);
      // one hold per redemption; one return per cancelled/expired one, of the same points
      const { holds } = await q(
        `SELECT count(*)::int AS holds FROM redemptions r WHERE (SELECT count(*) FROM points_ledger p WHERE p.redemption_id = r.id AND p.kind = 'held' AND p.delta = -r.points) <> 1`,
      );
      expect(holds).toBe(0);
      const { returns } = await q(`SELECT count(*)::int AS returns FROM redemptions r
        WHERE (SELECT count(*) FROM points_ledger p WHERE p.redemption_id = r.id AND p.kind = 'returned' AND p.delta = r.points) <> (CASE WHEN r.status IN ('cancelled', 'expired') THEN 1 ELSE 0 END)`);
      expect(returns).toBe(0);
      // earned = floor(minutes / 60) per confirmed attendance (1 point per hour in the demo)
      const { earned } = await q(`SELECT count(*)::int AS earned FROM attendance a
        WHERE a.status = 'confirmed' AND coalesce((SELECT sum(delta) FROM points_ledger p WHERE p.attendance_id = a.id), 0) <> floor(a.minutes / 60.0)`);
      expect(earned).toBe(0);
      // deeds in 王河镇, each within its yearly cap, each with its ledger row
      const { awards, outside } = await q(`SELECT count(*)::int AS awards, count(*) FILTER (WHERE tw.name <> '王河镇')::int AS outside
        FROM deed_awards w JOIN sites s ON s.id = w.site_id JOIN regions r ON r.id = s.region_id JOIN regions tw ON tw.id = (CASE WHEN r.level = 'town' THEN r.id ELSE r.parent_id END)`);
      expect(awards).toBeGreaterThan(50);
      expect(outside).toBe(0);
      const { over } = await q(
        `SELECT count(*)::int AS over FROM (SELECT w.volunteer_id, w.deed_id, w.year, sum(w.points) AS s, max(d.yearly_cap) AS cap FROM deed_awards w JOIN deeds d ON d.id = w.deed_id GROUP BY 1, 2, 3) x WHERE s > cap`,
      );
      expect(over).toBe(0);
      const { unposted } = await q(
        `SELECT count(*)::int AS unposted FROM deed_awards w WHERE NOT EXISTS (SELECT 1 FROM points_ledger p WHERE p.deed_award_id = w.id AND p.delta = w.points)`,
      );
      expect(unposted).toBe(0);
      // stock never below zero; honours; notices for every demo login
      expect((await q(`SELECT count(*)::int AS n FROM goods WHERE stock < 0`)).n).toBe(0);
      expect((await q(`SELECT count(*)::int AS n FROM honours WHERE status = 'approved'`)).n).toBeGreaterThanOrEqual(6);
      const inbox = await ds.query(
        `SELECT u.phone, count(n.id)::int AS n, count(n.id) FILTER (WHERE n.read_at IS NULL)::int AS unread FROM users u LEFT JOIN notices n ON n.user_id = u.id GROUP BY u.phone ORDER BY u.phone`,
      );
      for (const row of inbox) {
        expect(row.n).toBeGreaterThanOrEqual(3);
        expect(row.unread).toBeGreaterThanOrEqual(1);
      }
      const { demoOpen } = await q(
        `SELECT count(*)::int AS "demoOpen" FROM redemptions r JOIN volunteers v ON v.id = r.volunteer_id WHERE v.phone = '13800000004' AND r.status = 'requested'`,
      );
      expect(demoOpen).toBeGreaterThanOrEqual(1);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  }, 600_000); // a full two-year seed: minutes on a busy 2-core machine
});
