import { DataSource } from 'typeorm';
import { addDays, shanghaiDate } from '@wenming/shared';
import { createDataSource } from '../../src/database/data-source';
import { SEED_TODAY, seedDemo } from '../../src/database/seed/seed';
import { freshDatabase, type TestDatabase } from '../setup/databases';

/** The activities history of the demo seed: the county's magnitudes, the sign-up rules, something upcoming to sign up to. */
describe('demo seed: activities history', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let summary: Record<string, number>;
  let ms = 0;
  beforeAll(async () => {
    db = await freshDatabase('wm_seed_act');
    ds = createDataSource(db.url, { poolSize: 2 });
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    const t0 = Date.now();
    summary = await seedDemo(ds, { password: 'Demo@2026' });
    ms = Date.now() - t0;
    console.log(`seeded with history in ${ms} ms: ${JSON.stringify(summary)}`);
  }, 300_000);
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });
  const q = (sql: string, p: unknown[] = []) => ds.query(sql, p);

  it('≈5,000 Friday service days, ≈5,000 themed activities, ≈1,000 lectures over two years up to SEED_TODAY', async () => {
    const rows: Array<{ kind: string; n: number }> = await q(`SELECT kind, count(*)::int AS n FROM activities WHERE starts_at < $1 GROUP BY kind`, [
      new Date(`${addDays(SEED_TODAY, 1)}T00:00:00+08:00`),
    ]);
    const by = Object.fromEntries(rows.map((r) => [r.kind, r.n]));
    expect(by.service_day).toBeGreaterThanOrEqual(4500);
    expect(by.service_day).toBeLessThanOrEqual(5500);
    expect(by.themed).toBeGreaterThanOrEqual(4900);
    expect(by.themed).toBeLessThanOrEqual(5100);
    expect(by.lecture).toBeGreaterThanOrEqual(950);
    expect(by.lecture).toBeLessThanOrEqual(1050);
    const [{ first, last }] = await q(`SELECT min(starts_at) AS first, max(starts_at) AS last FROM activities WHERE status IN ('completed', 'cancelled')`);
    expect(shanghaiDate(first) >= addDays(SEED_TODAY, -730)).toBe(true);
    expect(shanghaiDate(last)).toBe(SEED_TODAY);
    // service days are Fridays in Asia/Shanghai
    const [{ notFriday }] = await q(
      `SELECT count(*)::int AS "notFriday" FROM activities WHERE kind = 'service_day' AND extract(isodow FROM (starts_at AT TIME ZONE 'Asia/Shanghai')) <> 5`,
    );
    expect(notFriday).toBe(0);
  });

  it('past ones completed with audienceReached (county total 100,000+), a few cancelled without sign-ups', async () => {
    const [{ audience, completed, cancelled, missing }] = await q(
      `SELECT sum(audience_reached) FILTER (WHERE status = 'completed')::int AS audience, count(*) FILTER (WHERE status = 'completed')::int AS completed,
              count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled, count(*) FILTER (WHERE status = 'completed' AND audience_reached IS NULL)::int AS missing
         FROM activities WHERE starts_at < now() AND kind <> 'menu_service'`,
    );
    expect(audience).toBeGreaterThanOrEqual(100_000);
    expect(audience).toBeLessThan(300_000);
    expect(missing).toBe(0);
    expect(cancelled).toBeGreaterThan(50);
    expect(cancelled / (completed + cancelled)).toBeLessThan(0.05);
    const [{ n }] = await q(
      `SELECT count(*)::int AS n FROM signups s JOIN activities a ON a.id = s.activity_id WHERE a.status = 'cancelled' AND s.status <> 'cancelled'`,
    );
    expect(n).toBe(0);
  });

  it('confirmed sign-ups: team members, within capacity, never two overlapping for one volunteer', async () => {
    const [{ outsiders }] = await q(
      `SELECT count(*)::int AS outsiders FROM signups s JOIN activities a ON a.id = s.activity_id
        WHERE NOT EXISTS (SELECT 1 FROM team_memberships m WHERE m.team_id = a.team_id AND m.volunteer_id = s.volunteer_id)`,
    );
    expect(outsiders).toBe(0);
    const [{ over }] = await q(
      `SELECT count(*)::int AS over FROM activities a WHERE a.capacity IS NOT NULL AND a.capacity < (SELECT count(*) FROM signups s WHERE s.activity_id = a.id AND s.status = 'confirmed')`,
    );
    expect(over).toBe(0);
    const [{ overlaps }] = await q(
      `SELECT count(*)::int AS overlaps FROM signups s1 JOIN activities a1 ON a1.id = s1.activity_id
         JOIN signups s2 ON s2.volunteer_id = s1.volunteer_id AND s2.activity_id > s1.activity_id
         JOIN activities a2 ON a2.id = s2.activity_id
        WHERE s1.status = 'confirmed' AND s2.status = 'confirmed' AND a1.starts_at < a2.ends_at AND a2.starts_at < a1.ends_at`,
    );
    expect(overlaps).toBe(0);
    expect(summary.signups).toBeGreaterThan(50_000);
    // every activity (including the orders step's menu_service ones) has its own check-in secret
    const [{ secrets, total }] = await q(`SELECT count(DISTINCT checkin_secret)::int AS secrets, count(*)::int AS total FROM activities`);
    expect(secrets).toBe(total);
    expect(total).toBeGreaterThanOrEqual(summary.activities + summary.activities_upcoming);
  });

  it('upcoming (4 weeks from the real today): published, no attendance, a weekly schedule for the demo team', async () => {
    const demo = await q(
      `SELECT a.kind, a.schedule_id, a.status FROM activities a JOIN teams t ON t.id = a.team_id
        WHERE t.name = '永清镇红马甲志愿服务队' AND a.starts_at > now() ORDER BY a.starts_at`,
    );
    expect(demo.length).toBeGreaterThanOrEqual(6);
    expect(demo.every((a: { status: string }) => a.status === 'published')).toBe(true);
    expect(demo.filter((a: { kind: string; schedule_id: string | null }) => a.kind === 'service_day' && a.schedule_id).length).toBe(4);
    const [{ n }] = await q(`SELECT count(*)::int AS n FROM activities WHERE starts_at > now() AND starts_at < now() + interval '29 days' AND status = 'published'`);
    expect(n).toBeGreaterThanOrEqual(50);
    const [{ att }] = await q(`SELECT count(*)::int AS att FROM attendance t JOIN activities a ON a.id = t.activity_id WHERE a.starts_at > now()`);
    expect(att).toBe(0);
    const [{ mine }] = await q(
      `SELECT count(*)::int AS mine FROM signups s JOIN volunteers v ON v.id = s.volunteer_id JOIN activities a ON a.id = s.activity_id WHERE v.phone = '13800000004' AND a.starts_at > now()`,
    );
    expect(mine).toBe(1);
  });
});
