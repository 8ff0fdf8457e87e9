import { DataSource } from 'typeorm';
import type { StatsBreakdownBy, StatsFigures, StatsFilter } from '@wenming/shared';
import type { AuthUser } from '../../src/common/auth/auth-user';
import { StatsService } from '../../src/modules/stats/stats.service';
import type { ResolvedFilter } from '../../src/modules/stats/stats-scope';
import { verifyStats } from '../../src/database/stats-rebuild';
import type { Prng } from '../../src/database/seed/prng';
import { deleteRandomCounty, insertRandomCounty, userOf, type RandomCounty } from './random-county';
import { createTestApp, DEMO, type TestApp } from './test-app';

/**
 * The set-up shared by the statistics property suites (stats-bitmap, stats-team-bitmap, stats-period-bits,
 * stats-derived-dims): the app, its StatsService, the demo logins, and a random county written by SQL (labelled
 * `label`) that is removed at the end, after which the roll-ups must still verify. The fields are filled in beforeAll.
 */
export interface StatsSuite {
  t: TestApp;
  db: DataSource;
  stats: StatsService;
  county: AuthUser;
  siteAdmin: AuthUser;
  leader: AuthUser;
  c: RandomCounty;
}

/** Registers the suite's beforeAll / afterAll; `checkLeft` runs once the county's people and records are gone. */
export function useStatsSuite(rng: Prng, label: string, checkLeft?: (s: StatsSuite) => Promise<void>): StatsSuite {
  const s = {} as StatsSuite;
  beforeAll(async () => {
    s.t = await createTestApp();
    s.db = s.t.app.get(DataSource);
    s.stats = s.t.app.get(StatsService);
    s.county = await userOf(s.db, DEMO.county);
    s.siteAdmin = await userOf(s.db, DEMO.site);
    s.leader = await userOf(s.db, DEMO.leader);
    s.c = await insertRandomCounty(s.db, rng, label);
  });
  afterAll(async () => {
    await deleteRandomCounty(s.db, s.c, checkLeft ? () => checkLeft(s) : undefined);
    expect((await verifyStats(s.db.manager)).ok).toBe(true);
    await s.t.close();
  });
  return s;
}

/**
 * The fast paths (bitmaps, period tables) against the stats_daily / stats_daily_volunteers path for one resolved
 * filter: the summary figures and, for each of `bys`, every row and the total. Returns the fast summary.
 */
export async function expectFastEqualsSlow(stats: StatsService, r: ResolvedFilter, bys: readonly StatsBreakdownBy[], f: StatsFilter = r.filter): Promise<StatsFigures> {
  const fast = await stats.totals(r);
  const slow = await stats.totals(r, { bitmap: false });
  expect({ f, fast }).toEqual({ f, fast: slow });
  for (const by of bys) {
    const bf = await stats.breakdownResolved(r, by);
    const bs = await stats.breakdownResolved(r, by, { bitmap: false });
    expect({ f, by, rows: bf.rows, total: bf.total }).toEqual({ f, by, rows: bs.rows, total: bs.total });
  }
  return fast;
}
