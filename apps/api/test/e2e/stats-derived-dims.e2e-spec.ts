import { ACTIVITY_CATEGORIES, ACTIVITY_KINDS, STATS_BREAKDOWN_BY, TEAM_TYPES, type StatsBreakdownBy, type StatsFigures, type StatsFilter } from '@wenming/shared';
import type { AuthUser } from '../../src/common/auth/auth-user';
import { bitDim, bitKeys, wholePeriodsAndRest } from '../../src/modules/stats/stats-period-sql';
import { rebuildStats, verifyStats } from '../../src/database/stats-rebuild';
import { Prng } from '../../src/database/seed/prng';
import { townIdOf } from '../../src/common/sql/names';
import { isoDay, SPAN, statsTestSeed, withRandomRange } from '../setup/random-county';
import { expectFastEqualsSlow, useStatsSuite } from '../setup/stats-suite';

/**
 * The period tables of migration 1764900500000 (issue 15 part 2, session 5): stats_period_bits dims by town / team
 * type / category + kind / site and team (whole years), and stats_period_sums (whole years, months, weeks + the
 * remaining days of stats_daily). Random data over eight years; every filter and breakdown through the fast path equals
 * the stats_daily(_volunteers) path AND a naive aggregate over raw attendance + activities; again after a site moves
 * to another town, a village to another town, a team changes type, attendance is rejected / un-confirmed; rebuild and
 * verify cover both tables and catch a corrupted cell.
 */

const SEED = statsTestSeed();
const rng = new Prng(SEED);
const DAY = `(a.starts_at AT TIME ZONE 'Asia/Shanghai')::date`;
const BYS = STATS_BREAKDOWN_BY as readonly StatsBreakdownBy[];

/** Key of an activity `a` (joined to sites s, regions r, teams tm) per breakdown key, as the API reports it. */
const RAW_KEY: Record<StatsBreakdownBy, string> = {
  town: `${townIdOf('r')}::text`,
  site: 'a.site_id::text',
  team: 'a.team_id::text',
  teamType: 'tm.type::text',
  category: 'a.category::text',
  kind: 'a.kind::text',
  month: `to_char(${DAY}, 'YYYY-MM')`,
  week: `to_char(${DAY}, 'IYYY-"W"IW')`,
};

describe(`statistics: derived dims and period sums = roll-up path = raw data (seed ${SEED})`, () => {
  const suite = useStatsSuite(rng, '派生');

  /** Naive figures over raw rows under a county admin's filter, per key (or one row with key null). */
  async function raw(f: StatsFilter, by: StatsBreakdownBy | null): Promise<Map<string | null, StatsFigures>> {
    const p: unknown[] = [];
    const w: string[] = [];
    if (f.from) w.push(`${DAY} >= $${p.push(f.from)}::date`);
    if (f.to) w.push(`${DAY} <= $${p.push(f.to)}::date`);
    if (f.category) w.push(`a.category = $${p.push(f.category)}`);
    if (f.kind) w.push(`a.kind = $${p.push(f.kind)}`);
    if (f.teamType) w.push(`tm.type = $${p.push(f.teamType)}`);
    if (f.townId) w.push(`${townIdOf('r')} = $${p.push(f.townId)}::uuid`);
    // '' stands for the null key (county-level sites, the summary) so that the FULL JOIN can hash on it
    const key = `coalesce(${by ? RAW_KEY[by] : 'NULL::text'}, '')`;
    const joins = `JOIN sites s ON s.id = a.site_id JOIN regions r ON r.id = s.region_id JOIN teams tm ON tm.id = a.team_id`;
    const cond = w.map((x) => `AND ${x}`).join(' ');
    const rows: Array<{ key: string | null; activities: number; audience: number; pt: number; vol: number; mins: number }> = await suite.db.query(
      `WITH att AS (
         SELECT ${key} AS key, count(*)::int AS pt, count(DISTINCT t.volunteer_id)::int AS vol, sum(t.minutes)::int AS mins
         FROM attendance t JOIN activities a ON a.id = t.activity_id ${joins}
         WHERE t.status = 'confirmed' AND a.status <> 'cancelled' ${cond} GROUP BY 1),
       act AS (
         SELECT ${key} AS key, count(*)::int AS activities, sum(coalesce(a.audience_reached, 0))::int AS audience
         FROM activities a ${joins} WHERE a.status = 'completed' ${cond} GROUP BY 1)
       SELECT nullif(coalesce(att.key, act.key), '') AS key, coalesce(activities, 0) AS activities, coalesce(audience, 0) AS audience,
         coalesce(pt, 0) AS pt, coalesce(vol, 0) AS vol, coalesce(mins, 0) AS mins
       FROM att FULL JOIN act ON act.key = att.key`,
      p,
    );
    return new Map(
      rows.map((x) => [x.key, { activities: x.activities, personTimes: x.pt, volunteers: x.vol, serviceMinutes: x.mins, audienceReached: x.audience } as StatsFigures]),
    );
  }

  const additive = (x: StatsFigures | undefined) => ({
    activities: x?.activities ?? 0,
    personTimes: x?.personTimes ?? 0,
    volunteers: x?.volunteers ?? 0,
    serviceMinutes: x?.serviceMinutes ?? 0,
    audienceReached: x?.audienceReached ?? 0,
  });

  /** fast = slow on every key, and the summary and every row of `bys` = the naive aggregate. */
  async function compare(f: StatsFilter, bys: readonly StatsBreakdownBy[] = BYS, user: AuthUser = suite.county) {
    const r = await suite.stats.resolve(user, f);
    const fast = await expectFastEqualsSlow(suite.stats, r, BYS, f);
    const naive = await raw(f, null);
    expect({ f, summary: additive(fast) }).toEqual({ f, summary: additive(naive.get(null)) });
    for (const by of bys) {
      const b = await suite.stats.breakdownResolved(r, by);
      const n = await raw(f, by);
      const got = Object.fromEntries(b.rows.filter((x) => x.personTimes || x.activities || x.volunteers).map((x) => [String(x.key), additive(x)]));
      const want = Object.fromEntries([...n.entries()].map(([k, x]) => [String(k), additive(x)]));
      expect({ f, by, rows: got }).toEqual({ f, by, rows: want });
    }
    return fast.volunteers;
  }

  function randomFilter(): StatsFilter {
    const r = rng.next();
    const f: StatsFilter = {};
    if (r < 0.2) f.teamType = rng.pick(TEAM_TYPES);
    else if (r < 0.45) Object.assign(f, { category: rng.pick(ACTIVITY_CATEGORIES), kind: rng.pick(ACTIVITY_KINDS) });
    else if (r < 0.6) f.townId = rng.pick(suite.c.townIds);
    else if (r < 0.7) f.category = rng.pick(ACTIVITY_CATEGORIES);
    // whole years half the time (by=site / team from the year cells)
    if (rng.next() < 0.5) {
      const y = 2019 + rng.int(0, 8);
      const d = rng.next();
      if (d < 0.4) Object.assign(f, { from: `${y}-01-01`, to: `${y + rng.int(0, 3)}-12-31` });
      else if (d < 0.6) f.from = `${y}-01-01`;
      else if (d < 0.8) f.to = `${y}-12-31`;
      return f;
    }
    return withRandomRange(rng, f);
  }

  async function compareMany(n: number) {
    const c = suite.c;
    const fixed: StatsFilter[] = [
      {},
      { from: '2020-01-01', to: '2020-12-31' },
      { from: '2020-01-01', to: '2022-12-31', teamType: TEAM_TYPES[0] },
      { from: '2020-02-10', to: '2021-03-17', teamType: TEAM_TYPES[1] },
      { category: ACTIVITY_CATEGORIES[0], kind: ACTIVITY_KINDS[0] },
      { from: '2019-12-30', to: '2020-01-05', category: ACTIVITY_CATEGORIES[1], kind: ACTIVITY_KINDS[1] },
      { townId: c.townIds[0] },
      { townId: c.townIds[1], from: isoDay(40), to: isoDay(SPAN - 40) },
      { to: '2023-12-31' },
    ];
    let nonZero = 0;
    for (const f of fixed) await compare(f);
    for (let i = 0; i < n; i++) if ((await compare(randomFilter(), ['town', 'teamType', 'site', 'category', 'month'])) > 0) nonZero++;
    expect(nonZero).toBeGreaterThan(0);
  }

  it('chooses the period dims only where they are exact', async () => {
    const r = (f: StatsFilter, u: AuthUser = suite.county) => suite.stats.resolve(u, f);
    expect(bitDim(await r({ teamType: 'red_vest' }))).toBe('tt:red_vest');
    expect(bitDim(await r({ category: 'health', kind: 'lecture' }))).toBe('ck:health|lecture');
    expect(bitDim(await r({ townId: suite.c.townIds[0] }))).toBe(`tn:${suite.c.townIds[0]}`);
    // team type with a category, a site, a leader's scope, a site admin's town: no dimension value (another path)
    expect(bitDim(await r({ teamType: 'red_vest', category: 'health' }))).toBeNull();
    expect(bitDim(await r({ siteId: suite.c.siteIds[0] }))).toBeNull();
    expect(bitDim(await r({}, suite.leader))).toBeNull();
    // by=site / team from year cells only over whole years
    expect(bitKeys(await r({ from: '2020-01-01', to: '2021-12-31' }), 'site', [])).not.toBeNull();
    expect(bitKeys(await r({ from: '2020-01-02', to: '2021-12-31' }), 'site', [])).toBeNull();
    // the remaining days of a range after whole years and months
    const p: unknown[] = [];
    expect(wholePeriodsAndRest(undefined, undefined, ['y', 'm'], 'd.day', p).rest).toBe('false');
    const q: unknown[] = [];
    const { rest } = wholePeriodsAndRest('2020-02-15', '2022-03-03', ['y', 'm'], 'd.day', q);
    expect(rest).toBe(`NOT (d.day >= $7::date AND d.day < $8::date)`);
    expect(q.slice(6)).toEqual(['2020-03-01', '2022-03-01']);
  });

  it('every filter and breakdown equals the roll-up path and the raw data', async () => {
    const check = await verifyStats(suite.db.manager);
    expect(check.mismatchedRows).toMatchObject({ periodBits: 0, periodSums: 0 });
    await compareMany(12);
  });

  it('stays exact when a site moves to another town, a village to another town, a team changes type', async () => {
    const { db, c } = suite;
    // the station of town 0 moves into town 1's village region
    const [village1] = await db.query(`SELECT region_id FROM sites WHERE id = $1`, [c.siteIds[3]]);
    const [oldRegion] = await db.query(`SELECT region_id FROM sites WHERE id = $1`, [c.siteIds[1]]);
    await db.query(`UPDATE sites SET region_id = $2 WHERE id = $1`, [c.siteIds[1], village1.region_id]);
    expect((await verifyStats(db.manager)).mismatchedRows.periodBits).toBe(0);
    await compare({}, ['town']);
    await compare({ townId: c.townIds[0] }, ['town', 'site']);
    await compare({ townId: c.townIds[1], from: '2020-01-01', to: '2024-12-31' }, ['town', 'month']);
    // and back
    await db.query(`UPDATE sites SET region_id = $2 WHERE id = $1`, [c.siteIds[1], oldRegion.region_id]);
    // town 1's village (with its station) moves under town 0
    await db.query(`UPDATE regions SET parent_id = $2 WHERE id = $1`, [village1.region_id, c.townIds[0]]);
    expect((await verifyStats(db.manager)).mismatchedRows.periodBits).toBe(0);
    await compare({}, ['town']);
    await compare({ townId: c.townIds[0] }, ['town']);
    await compare({ townId: c.townIds[1] }, ['town']);
    // a team changes type, twice
    const [team] = await db.query(`SELECT type FROM teams WHERE id = $1`, [c.teamIds[2]]);
    for (const type of TEAM_TYPES.filter((x) => x !== team.type).slice(0, 2)) {
      await db.query(`UPDATE teams SET type = $2 WHERE id = $1`, [c.teamIds[2], type]);
      expect((await verifyStats(db.manager)).mismatchedRows.periodBits).toBe(0);
      await compare({}, ['teamType']);
      await compare({ teamType: type }, ['teamType', 'month', 'team']);
      await compare({ teamType: team.type, from: '2020-01-01', to: '2023-12-31' }, ['teamType', 'month']);
    }
  });

  it('stays exact after rejected and un-confirmed attendance, cancelled and moved activities', async () => {
    const { db, c } = suite;
    const confirmed: Array<{ id: string }> = await db.query(
      `SELECT id FROM attendance WHERE status = 'confirmed' AND activity_id = ANY($1::uuid[]) ORDER BY id LIMIT 20`,
      [c.activityIds],
    );
    for (const x of confirmed.slice(0, 5)) await db.query(`UPDATE attendance SET status = 'rejected', rejected_reason = '派生测试' WHERE id = $1`, [x.id]);
    await db.query(`UPDATE attendance SET status = 'pending' WHERE id = ANY($1::uuid[])`, [confirmed.slice(5, 15).map((x) => x.id)]);
    await db.query(`UPDATE activities SET status = 'cancelled' WHERE id = ANY($1::uuid[])`, [c.activityIds.slice(0, 8)]);
    await db.query(`UPDATE activities SET starts_at = starts_at + interval '45 days', ends_at = ends_at + interval '45 days' WHERE id = ANY($1::uuid[])`, [
      c.activityIds.slice(8, 20),
    ]);
    await db.query(`UPDATE activities SET category = $2, kind = $3, audience_reached = 7 WHERE id = ANY($1::uuid[])`, [
      c.activityIds.slice(20, 30),
      ACTIVITY_CATEGORIES[2],
      ACTIVITY_KINDS[3],
    ]);
    await db.query(`UPDATE activities SET team_id = $2, site_id = (SELECT site_id FROM teams WHERE id = $2) WHERE id = ANY($1::uuid[])`, [
      c.activityIds.slice(30, 40),
      c.teamIds[0],
    ]);
    const check = await verifyStats(db.manager);
    expect(check.mismatchedRows).toMatchObject({ periodBits: 0, periodSums: 0 });
    expect(check.ok).toBe(true);
    await compareMany(6);
    // re-confirm: the bits and sums come back
    await db.query(`UPDATE attendance SET status = 'confirmed', rejected_reason = NULL WHERE id = ANY($1::uuid[])`, [confirmed.slice(0, 15).map((x) => x.id)]);
    expect((await verifyStats(db.manager)).ok).toBe(true);
    await compare({ category: ACTIVITY_CATEGORIES[2], kind: ACTIVITY_KINDS[3] });
  });

  it('rebuildStats recomputes both tables; verifyStats catches a corrupted sum or town cell', async () => {
    const { db } = suite;
    const count = async () =>
      (
        await db.query(
          `SELECT (SELECT count(*) FROM stats_period_sums)::int AS sums, (SELECT coalesce(sum(person_times), 0) FROM stats_period_sums)::int AS pt,
             (SELECT count(*) FROM stats_period_bits WHERE dim LIKE 'tn:%' OR dim LIKE 'tt:%' OR dim LIKE 'ck:%' OR dim LIKE 's:%' OR dim LIKE 't:%')::int AS cells`,
        )
      )[0];
    const before = await count();
    expect(before.sums).toBeGreaterThan(0);
    const check = await db.transaction((em) => rebuildStats(em));
    expect(check.ok).toBe(true);
    expect(await count()).toEqual(before);
    await compare({ from: '2020-01-01', to: '2021-12-31' }, ['site', 'team', 'town']);
    for (const corrupt of [
      `UPDATE stats_period_sums SET person_times = person_times + 1 WHERE (dim, grain, period) = (SELECT dim, grain, period FROM stats_period_sums WHERE dim LIKE 's:%' LIMIT 1)`,
      `UPDATE stats_period_bits SET bits = set_bit(bits, 8191, 1 - get_bit(bits, 8191)) WHERE (dim, grain, period, chunk) = (SELECT dim, grain, period, chunk FROM stats_period_bits WHERE dim LIKE 'tn:%' LIMIT 1)`,
    ]) {
      await db
        .transaction(async (em) => {
          await em.query(corrupt);
          const bad = await verifyStats(em);
          expect(bad.ok).toBe(false);
          expect(bad.mismatchedRows.periodSums + bad.mismatchedRows.periodBits).toBeGreaterThan(0);
          throw new Error('rollback');
        })
        .catch((e: Error) => expect(e.message).toBe('rollback'));
    }
    expect((await verifyStats(db.manager)).ok).toBe(true);
  });
});
