import { DataSource } from 'typeorm';
import type { StatsBreakdownBy, StatsFilter } from '@wenming/shared';
import type { AuthUser } from '../../src/common/auth/auth-user';
import { StatsService, bitmapApplies } from '../../src/modules/stats/stats.service';
import { rebuildStats, verifyStats } from '../../src/database/stats-rebuild';
import { Prng } from '../../src/database/seed/prng';
import { expectedBitmaps, isoDay, SPAN, statsTestSeed, storedBitmaps, withRandomRange, type RandomCounty } from '../setup/random-county';
import { expectFastEqualsSlow, useStatsSuite } from '../setup/stats-suite';

/**
 * The distinct-volunteer fast path (stats_volunteer_site_days bitmaps) against the stats_daily_volunteers path on
 * the same database state: random data over many years written by SQL, random date ranges and town/site filters,
 * before and after edits. Both paths read the same instant (suites run in band), so other suites' rows count on
 * both sides equally.
 */

const SEED = statsTestSeed();
const rng = new Prng(SEED);

describe(`statistics: bitmap fast path = roll-up path (seed ${SEED})`, () => {
  const suite = useStatsSuite(rng, '位图', async ({ db: d, c: k }) => {
    const [left] = await d.query(
      `SELECT ((SELECT count(*) FROM stats_volunteer_site_days WHERE volunteer_id = ANY($1::uuid[])) + (SELECT count(*) FROM stats_volunteer_days WHERE volunteer_id = ANY($1::uuid[])))::int AS n`,
      [k.volunteerIds],
    );
    expect(left.n).toBe(0);
  });
  let db: DataSource;
  let stats: StatsService;
  let county: AuthUser;
  let siteAdmin: AuthUser;
  let c: RandomCounty;
  beforeAll(() => ({ db, stats, county, siteAdmin, c } = suite));

  function randomFilter(): StatsFilter {
    const f: StatsFilter = {};
    const r = rng.next();
    if (r < 0.35) f.townId = rng.pick(c.townIds);
    else if (r < 0.65) f.siteId = rng.pick(c.siteIds);
    else if (r < 0.75) f.siteId = c.centerId;
    if (f.siteId && f.siteId !== c.centerId && rng.next() < 0.3) f.townId = c.townIds[c.siteIds.indexOf(f.siteId) < 2 ? 0 : 1];
    return withRandomRange(rng, f);
  }

  /** Both paths for one filter and user: summary volunteers, breakdown by town and by site (rows and total). */
  async function compare(f: StatsFilter, user: AuthUser = county) {
    const r = await stats.resolve(user, f);
    expect(bitmapApplies(r)).toBe(true);
    const fast = await expectFastEqualsSlow(stats, r, ['town', 'site'], f);
    for (const by of ['town', 'site'] as StatsBreakdownBy[]) expect((await stats.breakdownResolved(r, by)).total.volunteers).toBe(fast.volunteers);
    return fast.volunteers;
  }

  async function compareMany(n: number) {
    let nonZero = 0;
    for (const f of [{}, { townId: c.townIds[0] }, { siteId: c.siteIds[3] }, { siteId: c.centerId, from: isoDay(0), to: isoDay(SPAN) }]) await compare(f);
    for (let i = 0; i < n; i++) if ((await compare(randomFilter())) > 0) nonZero++;
    expect(nonZero).toBeGreaterThan(0);
    // a site admin's scope (a subtree of sites) also takes the fast path
    await compare({});
    await compare({ from: '2025-01-01', to: '2025-12-31' }, siteAdmin);
    await compare({}, siteAdmin);
  }

  /** The stored bitmaps of this suite's volunteers (per (volunteer, site) or per volunteer), and the same recomputed. */
  const stored = (bySite: boolean) =>
    bySite ? storedBitmaps(db, 'stats_volunteer_site_days', 'site_id::text', c.volunteerIds) : storedBitmaps(db, 'stats_volunteer_days', `''`, c.volunteerIds);
  const expected = (bySite: boolean) => expectedBitmaps(db, bySite ? 'site_id::text' : `''`, c.volunteerIds);
  async function expectBitmapsExact() {
    for (const bySite of [true, false]) expect({ bySite, rows: await stored(bySite) }).toEqual({ bySite, rows: await expected(bySite) });
  }

  it('the bitmaps equal stats_daily_volunteers day by day; fast = slow for random ranges and town/site filters', async () => {
    expect((await stored(true)).length).toBeGreaterThan(10);
    expect((await stored(false)).length).toBeGreaterThan(10);
    await expectBitmapsExact();
    await compareMany(25);
  });

  it('stays equal after edits: reject, minutes moved, cancel, move to another day/site, delete, un-cancel', async () => {
    const confirmed: Array<{ id: string; activity_id: string }> = await db.query(
      `SELECT id, activity_id FROM attendance WHERE status = 'confirmed' AND activity_id = ANY($1::uuid[]) ORDER BY id`,
      [c.activityIds],
    );
    await db.query(`UPDATE attendance SET status = 'rejected', rejected_reason = '位图测试' WHERE id = $1`, [confirmed[0].id]);
    await db.query(`UPDATE attendance SET minutes = minutes + 13 WHERE activity_id = ANY($1::uuid[]) AND status = 'confirmed'`, [c.activityIds.slice(0, 30)]);
    await db.query(`UPDATE attendance SET status = 'confirmed' WHERE activity_id = ANY($1::uuid[]) AND status = 'pending'`, [c.activityIds.slice(30, 60)]);
    await db.query(`UPDATE activities SET status = 'cancelled' WHERE id = ANY($1::uuid[])`, [c.activityIds.slice(60, 70)]);
    await db.query(`UPDATE activities SET starts_at = starts_at + interval '400 days', ends_at = ends_at + interval '400 days' WHERE id = ANY($1::uuid[])`, [
      c.activityIds.slice(70, 80),
    ]);
    await db.query(`UPDATE activities SET starts_at = starts_at - interval '2000 days', ends_at = ends_at - interval '2000 days' WHERE id = ANY($1::uuid[])`, [
      c.activityIds.slice(80, 85),
    ]);
    await db.query(`UPDATE activities SET team_id = $2, site_id = (SELECT site_id FROM teams WHERE id = $2) WHERE id = ANY($1::uuid[])`, [
      c.activityIds.slice(85, 95),
      c.teamIds[1],
    ]);
    await db.query(`DELETE FROM attendance WHERE activity_id = ANY($1::uuid[])`, [c.activityIds.slice(95, 105)]);
    // every record of one volunteer gone: no bitmap row left for them
    await db.query(`UPDATE attendance SET status = 'rejected' WHERE volunteer_id = $1 AND activity_id = ANY($2::uuid[])`, [c.volunteerIds[0], c.activityIds]);
    const [gone] = await db.query(
      `SELECT (SELECT count(*) FROM stats_volunteer_site_days WHERE volunteer_id = $1) + (SELECT count(*) FROM stats_volunteer_days WHERE volunteer_id = $1) AS n`,
      [c.volunteerIds[0]],
    );
    expect(Number(gone.n)).toBe(0);
    await expectBitmapsExact();
    await compareMany(15);
    await db.query(`UPDATE activities SET status = 'completed' WHERE id = ANY($1::uuid[])`, [c.activityIds.slice(60, 65)]);
    await expectBitmapsExact();
    await compareMany(10);
  });

  it('rebuildStats recomputes the bitmaps and verifyStats checks them row by row', async () => {
    const before = [await stored(true), await stored(false)];
    const check = await db.transaction((em) => rebuildStats(em));
    expect(check.ok).toBe(true);
    expect(check.mismatchedRows.volunteerDays).toBe(0);
    expect([await stored(true), await stored(false)]).toEqual(before);
    // a corrupted bitmap is detected (and rolled back)
    await db
      .transaction(async (em) => {
        await em.query(
          `UPDATE stats_volunteer_site_days SET days = days || B'01'
           WHERE (volunteer_id, site_id) = (SELECT volunteer_id, site_id FROM stats_volunteer_site_days WHERE volunteer_id = ANY($1::uuid[]) LIMIT 1)`,
          [c.volunteerIds],
        );
        const bad = await verifyStats(em);
        expect(bad.ok).toBe(false);
        expect(bad.mismatchedRows.volunteerDays).toBeGreaterThan(0);
        throw new Error('rollback');
      })
      .catch((e: Error) => expect(e.message).toBe('rollback'));
    expect((await verifyStats(db.manager)).ok).toBe(true);
  });
});
