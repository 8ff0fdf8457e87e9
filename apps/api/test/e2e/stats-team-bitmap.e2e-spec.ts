import { DataSource } from 'typeorm';
import { TEAM_TYPES, type StatsBreakdownBy, type StatsFilter } from '@wenming/shared';
import type { AuthUser } from '../../src/common/auth/auth-user';
import { StatsService, bitmapApplies, teamBitmapApplies } from '../../src/modules/stats/stats.service';
import { rebuildStats, verifyStats } from '../../src/database/stats-rebuild';
import { Prng } from '../../src/database/seed/prng';
import { expectedBitmaps, isoDay, SPAN, statsTestSeed, storedBitmaps, withRandomRange, type RandomCounty } from '../setup/random-county';
import { expectFastEqualsSlow, useStatsSuite } from '../setup/stats-suite';

/**
 * The team fast path (stats_volunteer_team_days bitmaps, issue 15) against the stats_daily_volunteers path on the
 * same database state: random data over many years written by SQL (same generator as stats-bitmap.e2e-spec.ts),
 * random date ranges with teamId / teamType / a leader's scope, breakdowns by team and team type, before and after
 * edits; the stored bitmaps equal a day-by-day recomputation; rebuild/verify cover the table.
 */

const SEED = statsTestSeed();
const rng = new Prng(SEED);

describe(`statistics: team bitmap fast path = roll-up path (seed ${SEED})`, () => {
  const suite = useStatsSuite(rng, '队图', async ({ db: d, c: k }) => {
    const [left] = await d.query(`SELECT (SELECT count(*) FROM stats_volunteer_team_days WHERE volunteer_id = ANY($1::uuid[]))::int AS n`, [k.volunteerIds]);
    expect(left.n).toBe(0);
  });
  let db: DataSource;
  let stats: StatsService;
  let county: AuthUser;
  let leader: AuthUser;
  let c: RandomCounty;
  beforeAll(() => ({ db, stats, county, leader, c } = suite));

  function randomFilter(): StatsFilter {
    const f: StatsFilter = {};
    const r = rng.next();
    if (r < 0.6) f.teamId = rng.pick(c.teamIds);
    if (r >= 0.4) f.teamType = rng.pick(TEAM_TYPES);
    return withRandomRange(rng, f);
  }

  /** Both paths for one filter and user: summary volunteers, breakdowns by team and by team type (rows and total). */
  async function compare(f: StatsFilter, user: AuthUser = county, teamRestricted = true) {
    const r = await stats.resolve(user, f);
    if (teamRestricted) expect(teamBitmapApplies(r)).toBe(true);
    else expect(bitmapApplies(r)).toBe(true);
    const fast = await expectFastEqualsSlow(stats, r, ['team', 'teamType', 'town'], f);
    for (const by of ['team', 'teamType', 'town'] as StatsBreakdownBy[]) expect((await stats.breakdownResolved(r, by)).total.volunteers).toBe(fast.volunteers);
    return fast.volunteers;
  }

  async function compareMany(n: number) {
    let nonZero = 0;
    for (const f of [{ teamId: c.teamIds[0] }, { teamId: c.teamIds[4], from: isoDay(0), to: isoDay(SPAN) }, { teamType: TEAM_TYPES[0] }]) await compare(f);
    for (let i = 0; i < n; i++) if ((await compare(randomFilter())) > 0) nonZero++;
    expect(nonZero).toBeGreaterThan(0);
    // no team restriction: by team / team type per row from the team bitmaps, total from stats_volunteer_days
    await compare({}, county, false);
    await compare({ from: isoDay(100), to: isoDay(1000) }, county, false);
    // a leader's scope (their teams) takes the team path
    await compare({}, leader);
    await compare({ from: '2025-01-01', to: '2025-12-31' }, leader);
  }

  const stored = () => storedBitmaps(db, 'stats_volunteer_team_days', 'team_id::text', c.volunteerIds);
  const expected = () => expectedBitmaps(db, 'team_id::text', c.volunteerIds);
  async function expectBitmapsExact() {
    expect(await stored()).toEqual(await expected());
  }

  it('the team bitmaps equal stats_daily_volunteers day by day; fast = slow for team / team type / leader filters', async () => {
    expect((await stored()).length).toBeGreaterThan(10);
    await expectBitmapsExact();
    await compareMany(25);
  });

  it('stays equal after edits: reject, confirm, cancel, move to another day/team, delete, un-cancel', async () => {
    const confirmed: Array<{ id: string }> = await db.query(`SELECT id FROM attendance WHERE status = 'confirmed' AND activity_id = ANY($1::uuid[]) ORDER BY id`, [
      c.activityIds,
    ]);
    await db.query(`UPDATE attendance SET status = 'rejected', rejected_reason = '队图测试' WHERE id = $1`, [confirmed[0].id]);
    await db.query(`UPDATE attendance SET status = 'confirmed' WHERE activity_id = ANY($1::uuid[]) AND status = 'pending'`, [c.activityIds.slice(30, 60)]);
    await db.query(`UPDATE activities SET status = 'cancelled' WHERE id = ANY($1::uuid[])`, [c.activityIds.slice(60, 70)]);
    await db.query(`UPDATE activities SET starts_at = starts_at + interval '400 days', ends_at = ends_at + interval '400 days' WHERE id = ANY($1::uuid[])`, [
      c.activityIds.slice(70, 80),
    ]);
    // another team at the same site (the venue stays): the team key changes, the site key does not
    await db.query(`UPDATE activities SET team_id = $2 WHERE id = ANY($1::uuid[])`, [c.activityIds.slice(80, 95), c.teamIds[1]]);
    await db.query(`DELETE FROM attendance WHERE activity_id = ANY($1::uuid[])`, [c.activityIds.slice(95, 105)]);
    await db.query(`UPDATE attendance SET status = 'rejected' WHERE volunteer_id = $1 AND activity_id = ANY($2::uuid[])`, [c.volunteerIds[0], c.activityIds]);
    const [gone] = await db.query(`SELECT count(*)::int AS n FROM stats_volunteer_team_days WHERE volunteer_id = $1`, [c.volunteerIds[0]]);
    expect(gone.n).toBe(0);
    await expectBitmapsExact();
    await compareMany(15);
    await db.query(`UPDATE activities SET status = 'completed' WHERE id = ANY($1::uuid[])`, [c.activityIds.slice(60, 65)]);
    await expectBitmapsExact();
    await compareMany(10);
  });

  it('rebuildStats recomputes the team bitmaps and verifyStats checks them row by row', async () => {
    const before = await stored();
    const check = await db.transaction((em) => rebuildStats(em));
    expect(check.ok).toBe(true);
    expect(check.mismatchedRows.volunteerDays).toBe(0);
    expect(await stored()).toEqual(before);
    await db
      .transaction(async (em) => {
        await em.query(
          `UPDATE stats_volunteer_team_days SET days = days || B'01'
           WHERE (volunteer_id, team_id) = (SELECT volunteer_id, team_id FROM stats_volunteer_team_days WHERE volunteer_id = ANY($1::uuid[]) LIMIT 1)`,
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
