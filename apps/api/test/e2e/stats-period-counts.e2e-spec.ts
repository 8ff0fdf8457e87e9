import { ACTIVITY_CATEGORIES, ACTIVITY_KINDS, STATS_BREAKDOWN_BY, TEAM_TYPES, type StatsBreakdownBy, type StatsFilter } from '@wenming/shared';
import { exactPeriod, periodPieces, restDays, type Grain } from '../../src/modules/stats/stats-period-sql';
import { rebuildStats, verifyStats } from '../../src/database/stats-rebuild';
import { Prng } from '../../src/database/seed/prng';
import { isoDay, SPAN, statsTestSeed, withRandomRange } from '../setup/random-county';
import { expectFastEqualsSlow, useStatsSuite } from '../setup/stats-suite';

/**
 * stats_period_counts (migration 1765000100000, issue 15 session 6): the distinct count of every non-day cell of
 * stats_period_bits, kept by triggers on that table. Whole-period filters and breakdowns read these counts; the tests
 * check that the counts equal bit_count of the cells after every kind of write, that every filter through the fast
 * path still equals the roll-up path, that the explicit range split covers each day exactly once, and that
 * verify-stats catches a drifted, missing or extra count.
 */

const SEED = statsTestSeed();
const rng = new Prng(SEED);
const BYS = STATS_BREAKDOWN_BY as readonly StatsBreakdownBy[];
const DAY_MS = 86400_000;
const msOf = (d: string) => Date.parse(`${d}T00:00:00Z`);
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The days [lo, hi) of a cell of grain g starting at p (bounded to the test window). */
function daysOfCell(g: Grain, p: string): string[] {
  const end = g === 'd' ? msOf(p) + DAY_MS : g === 'w' ? msOf(p) + 7 * DAY_MS : Date.parse(g === 'm' ? nextMonth(p) : `${Number(p.slice(0, 4)) + 1}-01-01T00:00:00Z`);
  const out: string[] = [];
  for (let t = msOf(p); t < end; t += DAY_MS) out.push(isoOf(t));
  return out;
}
const nextMonth = (p: string) =>
  p.slice(5, 7) === '12' ? `${Number(p.slice(0, 4)) + 1}-01-01T00:00:00Z` : `${p.slice(0, 5)}${String(Number(p.slice(5, 7)) + 1).padStart(2, '0')}-01T00:00:00Z`;

/** Every period start of grain g in [lo, hi) (bounded ranges only). */
function startsIn(g: Grain, lo: string, hi: string): string[] {
  const out: string[] = [];
  for (let t = msOf(lo); t < msOf(hi); t += DAY_MS) {
    const d = isoOf(t);
    const start = g === 'd' || (g === 'w' && new Date(t).getUTCDay() === 1) || (g === 'm' && d.endsWith('-01')) || (g === 'y' && d.endsWith('-01-01'));
    if (start) out.push(d);
  }
  return out;
}

describe(`statistics: stored counts of whole-period cells (seed ${SEED})`, () => {
  const suite = useStatsSuite(rng, '计数');

  const countsDiff = async () => (await verifyStats(suite.db.manager)).mismatchedRows.periodCounts;

  async function compare(f: StatsFilter, bys: readonly StatsBreakdownBy[] = BYS) {
    const r = await suite.stats.resolve(suite.county, f);
    return expectFastEqualsSlow(suite.stats, r, bys, f);
  }

  /** Whole years, single months, all time, partial months and weeks: the count path and the OR path both. */
  async function compareMany(n: number) {
    const fixed: StatsFilter[] = [
      {},
      { from: '2020-01-01', to: '2020-12-31' },
      { from: '2021-03-01', to: '2021-03-31' },
      { from: '2021-03-01', to: '2021-04-30' },
      { from: '2020-01-01', to: '2020-12-31', category: ACTIVITY_CATEGORIES[0] },
      { kind: ACTIVITY_KINDS[1] },
      { teamType: TEAM_TYPES[0], from: '2022-01-01', to: '2022-12-31' },
      { category: ACTIVITY_CATEGORIES[1], kind: ACTIVITY_KINDS[0] },
      { townId: suite.c.townIds[0] },
      { from: '2020-02-10', to: '2020-05-17' },
      { from: '2021-01-04', to: '2021-02-28', kind: ACTIVITY_KINDS[0] },
    ];
    for (const f of fixed) await compare(f);
    for (let i = 0; i < n; i++) {
      const f: StatsFilter = rng.next() < 0.3 ? { category: rng.pick(ACTIVITY_CATEGORIES) } : rng.next() < 0.3 ? { teamType: rng.pick(TEAM_TYPES) } : {};
      const d = rng.next();
      if (d < 0.3) {
        const y = 2019 + rng.int(0, 7);
        Object.assign(f, { from: `${y}-01-01`, to: `${y}-12-31` });
      } else if (d < 0.5) {
        const m = `${2019 + rng.int(0, 7)}-${String(rng.int(1, 12)).padStart(2, '0')}`;
        Object.assign(f, { from: `${m}-01`, to: isoOf(Date.parse(nextMonth(`${m}-01`)) - DAY_MS) });
      } else if (d < 0.8) withRandomRange(rng, f);
      await compare(f, ['site', 'team', 'town', 'category', 'month', 'week']);
    }
  }

  it('splits ranges into whole periods and days that cover every day exactly once', () => {
    for (let i = 0; i < 300; i++) {
      const a = rng.int(0, SPAN - 1);
      const from = isoDay(a);
      const to = isoDay(Math.min(SPAN - 1, a + rng.int(0, rng.next() < 0.5 ? 40 : 900)));
      for (const grains of [
        ['y', 'm', 'd'],
        ['m', 'd'],
        ['w', 'd'],
        ['y', 'm'],
      ] as Grain[][]) {
        const seen = new Map<string, number>();
        for (const { g, ranges } of periodPieces(from, to, grains))
          for (const [lo, hi] of ranges) for (const p of startsIn(g, lo!, hi!)) for (const day of daysOfCell(g, p)) seen.set(day, (seen.get(day) ?? 0) + 1);
        if (!grains.includes('d')) {
          // the days left for stats_daily: restDays as ranges
          const p: unknown[] = [];
          const cond = restDays(from, to, grains, 'x', p);
          const ranges = cond === 'false' ? [] : [...cond.matchAll(/x >= \$(\d+)::date AND x < \$(\d+)::date/g)].map((m) => [p[+m[1] - 1], p[+m[2] - 1]] as string[]);
          for (const [lo, hi] of ranges) for (const day of startsIn('d', lo, hi)) seen.set(day, (seen.get(day) ?? 0) + 1);
        }
        const want = startsIn('d', from, isoOf(msOf(to) + DAY_MS));
        expect({ from, to, grains, days: [...seen.keys()].sort(), once: [...seen.values()].every((x) => x === 1) }).toEqual({
          from,
          to,
          grains,
          days: want,
          once: true,
        });
      }
    }
    // unbounded: the first grain takes everything
    expect(periodPieces(undefined, undefined, ['y', 'm', 'd'])).toEqual([
      { g: 'y', ranges: [[null, null]] },
      { g: 'm', ranges: [] },
      { g: 'd', ranges: [] },
    ]);
    expect(restDays('2020-01-01', '2021-12-31', ['y', 'm'], 'd.day', [])).toBe('false');
    expect(exactPeriod(undefined, undefined, ['y', 'm'])).toEqual({ g: 'a', period: null });
    expect(exactPeriod('2020-01-01', '2020-12-31', ['y', 'm'])).toEqual({ g: 'y', period: '2020-01-01' });
    expect(exactPeriod('2020-02-01', '2020-02-29', ['y', 'm'])).toEqual({ g: 'm', period: '2020-02-01' });
    expect(exactPeriod('2020-02-01', '2020-02-29', ['y'])).toBeNull();
    expect(exactPeriod('2020-01-01', '2021-12-31', ['y', 'm'])).toBeNull();
    expect(exactPeriod('2020-01-01', undefined, ['y', 'm'])).toBeNull();
  });

  it('holds bit_count of every non-day cell; whole-period filters equal the roll-up path', async () => {
    expect(await countsDiff()).toBe(0);
    const [x] = await suite.db.query(
      `SELECT (SELECT count(*) FROM stats_period_counts)::int AS counts, (SELECT count(*) FROM stats_period_bits WHERE grain <> 'd')::int AS cells`,
    );
    expect(x.counts).toBeGreaterThan(0);
    expect(x.counts).toBe(x.cells);
    await compareMany(10);
  });

  it('stays exact under rejections, un-confirmations, cancellations, moved activities and organisation changes', async () => {
    const { db, c } = suite;
    const confirmed: Array<{ id: string }> = await db.query(
      `SELECT id FROM attendance WHERE status = 'confirmed' AND activity_id = ANY($1::uuid[]) ORDER BY id LIMIT 30`,
      [c.activityIds],
    );
    await db.query(`UPDATE attendance SET status = 'rejected', rejected_reason = '计数测试' WHERE id = ANY($1::uuid[])`, [confirmed.slice(0, 8).map((x) => x.id)]);
    expect(await countsDiff()).toBe(0);
    for (const x of confirmed.slice(8, 14)) await db.query(`UPDATE attendance SET status = 'pending' WHERE id = $1`, [x.id]);
    expect(await countsDiff()).toBe(0);
    await db.query(`UPDATE activities SET status = 'cancelled' WHERE id = ANY($1::uuid[])`, [c.activityIds.slice(0, 6)]);
    await db.query(`UPDATE activities SET starts_at = starts_at + interval '40 days', ends_at = ends_at + interval '40 days' WHERE id = ANY($1::uuid[])`, [
      c.activityIds.slice(6, 16),
    ]);
    await db.query(`UPDATE activities SET category = $2, kind = $3 WHERE id = ANY($1::uuid[])`, [c.activityIds.slice(16, 26), ACTIVITY_CATEGORIES[3], ACTIVITY_KINDS[2]]);
    expect(await countsDiff()).toBe(0);
    // organisation changes: a site to another town's village, a team to another type
    const [village] = await db.query(`SELECT region_id FROM sites WHERE id = $1`, [c.siteIds[3]]);
    await db.query(`UPDATE sites SET region_id = $2 WHERE id = $1`, [c.siteIds[1], village.region_id]);
    const [team] = await db.query(`SELECT type FROM teams WHERE id = $1`, [c.teamIds[2]]);
    await db.query(`UPDATE teams SET type = $2 WHERE id = $1`, [c.teamIds[2], TEAM_TYPES.find((t) => t !== team.type)]);
    const check = await verifyStats(db.manager);
    expect(check.mismatchedRows.periodCounts).toBe(0);
    expect(check.ok).toBe(true);
    await compareMany(6);
    // back again: bits and counts return
    await db.query(`UPDATE attendance SET status = 'confirmed', rejected_reason = NULL WHERE id = ANY($1::uuid[])`, [confirmed.slice(0, 14).map((x) => x.id)]);
    await db.query(`UPDATE teams SET type = $2 WHERE id = $1`, [c.teamIds[2], team.type]);
    expect((await verifyStats(db.manager)).ok).toBe(true);
    await compare({ from: '2020-01-01', to: '2020-12-31' }, ['site', 'teamType', 'month']);
  });

  it('rebuildStats recomputes the counts; verifyStats catches a drifted, missing or extra count', async () => {
    const { db } = suite;
    const before = (await db.query(`SELECT count(*)::int AS n, sum(n)::bigint AS s FROM stats_period_counts`))[0];
    const check = await db.transaction((em) => rebuildStats(em));
    expect(check.ok).toBe(true);
    expect((await db.query(`SELECT count(*)::int AS n, sum(n)::bigint AS s FROM stats_period_counts`))[0]).toEqual(before);
    const one = `(SELECT dim, grain, period, chunk FROM stats_period_counts WHERE grain = 'y' ORDER BY n DESC LIMIT 1)`;
    for (const corrupt of [
      `UPDATE stats_period_counts SET n = n + 1 WHERE (dim, grain, period, chunk) = ${one}`,
      `DELETE FROM stats_period_counts WHERE (dim, grain, period, chunk) = ${one}`,
      `INSERT INTO stats_period_counts (dim, grain, period, chunk, n) VALUES ('', 'y', '1990-01-01', 0, 3)`,
    ]) {
      await db
        .transaction(async (em) => {
          await em.query(corrupt);
          const bad = await verifyStats(em);
          expect(bad.ok).toBe(false);
          expect(bad.mismatchedRows.periodCounts).toBeGreaterThan(0);
          throw new Error('rollback');
        })
        .catch((e: Error) => expect(e.message).toBe('rollback'));
    }
    // a drifted count shows in the answer: the whole-year figure reads it (and the roll-up path does not)
    const cell = `dim = '' AND grain = 'y' AND period = '2020-01-01' AND chunk = 0`;
    await db.query(`UPDATE stats_period_counts SET n = n + 5 WHERE ${cell}`);
    const r = await suite.stats.resolve(suite.county, { from: '2020-01-01', to: '2020-12-31' });
    expect((await suite.stats.totals(r)).volunteers).toBe((await suite.stats.totals(r, { bitmap: false })).volunteers + 5);
    await db.query(`UPDATE stats_period_counts SET n = n - 5 WHERE ${cell}`);
    expect((await verifyStats(db.manager)).ok).toBe(true);
    await compare({ from: isoDay(100), to: isoDay(100 + 365) }, ['month', 'site']);
  });
});
