import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ACTIVITY_CATEGORIES, ACTIVITY_KINDS, TEAM_TYPES, type StatsBreakdownBy, type StatsFilter } from '@wenming/shared';
import type { AuthUser } from '../../src/common/auth/auth-user';
import { StatsService, bitmapApplies, teamBitmapApplies } from '../../src/modules/stats/stats.service';
import { rebuildStats, verifyStats } from '../../src/modules/stats/stats-rebuild';
import { createTestApp, DEMO, type TestApp } from '../setup/test-app';

/**
 * The team fast path (stats_volunteer_team_days bitmaps, issue 15) against the stats_daily_volunteers path on the
 * same database state: random data over many years written by SQL (same generator as stats-bitmap.e2e-spec.ts),
 * random date ranges with teamId / teamType / a leader's scope, breakdowns by team and team type, before and after
 * edits; the stored bitmaps equal a day-by-day recomputation; rebuild/verify cover the table.
 */

function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] };
}

const SEED = Number(process.env.STATS_TEST_SEED ?? Date.now() % 1e9);
const rng = prng(SEED);
const DAY0 = Date.UTC(2019, 0, 1);
const SPAN = 365 * 8;
const isoDay = (offset: number) => new Date(DAY0 + offset * 86400_000).toISOString().slice(0, 10);

describe(`statistics: team bitmap fast path = roll-up path (seed ${SEED})`, () => {
  let t: TestApp;
  let db: DataSource;
  let stats: StatsService;
  let county: AuthUser;
  let leader: AuthUser;
  const townIds: string[] = [];
  const siteIds: string[] = [];
  const teamIds: string[] = [];
  const volunteerIds: string[] = [];
  const activityIds: string[] = [];

  const userOf = async (phone: string): Promise<AuthUser> => {
    const [u] = await db.query(`SELECT id, phone, role, site_id, volunteer_id FROM users WHERE phone = $1`, [phone]);
    return { id: u.id, phone: u.phone, role: u.role, siteId: u.site_id, volunteerId: u.volunteer_id };
  };

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    stats = t.app.get(StatsService);
    county = await userOf(DEMO.county);
    leader = await userOf(DEMO.leader);
    const [countyRegion] = await db.query(`SELECT id FROM regions WHERE level = 'county' LIMIT 1`);
    const [center] = await db.query(`SELECT id FROM sites WHERE level = 'center' LIMIT 1`);
    const tag = randomBytes(4).toString('hex');
    for (let ti = 0; ti < 2; ti++) {
      const regionId = randomUUID();
      await db.query(`INSERT INTO regions (id, name, level, parent_id, code) VALUES ($1, $2, 'town', $3, $4)`, [regionId, `队图测试${tag}镇${ti}`, countyRegion.id, `B${tag}${ti}`]);
      townIds.push(regionId);
      const instituteId = randomUUID();
      await db.query(`INSERT INTO sites (id, name, level, region_id, parent_id) VALUES ($1, $2, 'institute', $3, $4)`, [instituteId, `队图测试${tag}镇${ti}实践所`, regionId, center.id]);
      const villageId = randomUUID();
      await db.query(`INSERT INTO regions (id, name, level, parent_id, code) VALUES ($1, $2, 'village', $3, $4)`, [villageId, `队图${tag}村${ti}`, regionId, `B${tag}${ti}0`]);
      const stationId = randomUUID();
      await db.query(`INSERT INTO sites (id, name, level, region_id, parent_id) VALUES ($1, $2, 'station', $3, $4)`, [stationId, `队图${tag}村${ti}实践站`, villageId, instituteId]);
      siteIds.push(instituteId, stationId);
    }
    // teams at every new site and one at the county-level center (town key null, 县级)
    for (const siteId of [...siteIds, center.id]) {
      const id = randomUUID();
      await db.query(`INSERT INTO teams (id, name, type, site_id) VALUES ($1, $2, $3, $4)`, [id, `队图${tag}队${teamIds.length}`, rng.pick(TEAM_TYPES), siteId]);
      teamIds.push(id);
    }
    for (let i = 0; i < 25; i++) {
      const id = randomUUID();
      await db.query(`INSERT INTO volunteers (id, name, site_id) VALUES ($1, $2, $3)`, [id, `队图${i}`, siteIds[i % siteIds.length]]);
      volunteerIds.push(id);
    }
    // 120 activities over eight years, clustered on a few days so (volunteer, site, day) repeats across teams/kinds
    const days = Array.from({ length: 40 }, () => rng.int(0, SPAN));
    const acts: unknown[][] = [];
    for (let i = 0; i < 120; i++) {
      const teamId = rng.pick(teamIds);
      const day = DAY0 + rng.pick(days) * 86400_000 + (rng.next() < 0.3 ? rng.int(-3, 3) * 86400_000 : 0);
      const startsAt = new Date(day + (rng.int(0, 23) - 8) * 3600_000); // Shanghai hour; early hours are the previous UTC day
      const endsAt = new Date(startsAt.getTime() + rng.int(30, 240) * 60_000);
      acts.push([randomUUID(), `队图活动${i}`, rng.pick(ACTIVITY_KINDS), rng.pick(ACTIVITY_CATEGORIES), teamId, startsAt, endsAt, rng.pick(['published', 'completed', 'completed'] as const), randomBytes(16).toString('hex')]);
    }
    const p: unknown[] = [];
    const values = acts.map((a) => {
      const base = p.length;
      return `(${a.map((v) => (p.push(v), `$${p.length}`)).join(',')}, (SELECT site_id FROM teams WHERE id = $${base + 5}::uuid))`;
    });
    await db.query(`INSERT INTO activities (id, title, kind, category, team_id, starts_at, ends_at, status, checkin_secret, site_id) VALUES ${values.join(',')}`, p);
    activityIds.push(...acts.map((a) => a[0] as string));
    const att: unknown[][] = [];
    for (const a of acts) {
      for (const v of [...volunteerIds].sort(() => rng.next() - 0.5).slice(0, rng.int(1, 10))) {
        att.push([a[0], v, a[5], a[6], 'manual', rng.int(10, 240), rng.pick(['confirmed', 'confirmed', 'confirmed', 'pending', 'rejected'] as const)]);
      }
    }
    // two statements: the second adds days to existing (volunteer, site) bitmaps (the ON CONFLICT merge)
    const half = Math.floor(att.length / 2);
    for (const part of [att.slice(0, half), att.slice(half)]) {
      const p2: unknown[] = [];
      const v2 = part.map((a) => `(${a.map((v) => (p2.push(v), `$${p2.length}`)).join(',')})`);
      await db.query(`INSERT INTO attendance (activity_id, volunteer_id, check_in_at, check_out_at, method, minutes, status) VALUES ${v2.join(',')}`, p2);
    }
  });

  afterAll(async () => {
    await db.query(`DELETE FROM attendance WHERE activity_id = ANY($1::uuid[])`, [activityIds]);
    await db.query(`DELETE FROM activities WHERE id = ANY($1::uuid[])`, [activityIds]);
    await db.query(`DELETE FROM teams WHERE id = ANY($1::uuid[])`, [teamIds]);
    await db.query(`DELETE FROM volunteers WHERE id = ANY($1::uuid[])`, [volunteerIds]);
    const [left] = await db.query(
      `SELECT (SELECT count(*) FROM stats_volunteer_team_days WHERE volunteer_id = ANY($1::uuid[]))::int AS n`,
      [volunteerIds],
    );
    expect(left.n).toBe(0);
    await db.query(`DELETE FROM sites WHERE id = ANY($1::uuid[]) AND level = 'station'`, [siteIds]);
    await db.query(`DELETE FROM sites WHERE id = ANY($1::uuid[])`, [siteIds]);
    await db.query(`DELETE FROM regions WHERE parent_id = ANY($1::uuid[])`, [townIds]);
    await db.query(`DELETE FROM regions WHERE id = ANY($1::uuid[])`, [townIds]);
    await t.close();
  });

  function randomFilter(): StatsFilter {
    const f: StatsFilter = {};
    const r = rng.next();
    if (r < 0.6) f.teamId = rng.pick(teamIds);
    if (r >= 0.4) f.teamType = rng.pick(TEAM_TYPES);
    const d = rng.next();
    const a = rng.int(-30, SPAN + 30);
    const b = Math.min(a + rng.pick([0, 1, 6, 30, 200, 900, 3000]), SPAN + 400);
    if (d < 0.45) Object.assign(f, { from: isoDay(a), to: isoDay(b) });
    else if (d < 0.6) f.from = isoDay(a);
    else if (d < 0.75) f.to = isoDay(b);
    return f;
  }

  /** Both paths for one filter and user: summary volunteers, breakdowns by team and by team type (rows and total). */
  async function compare(f: StatsFilter, user: AuthUser = county, teamRestricted = true) {
    const r = await stats.resolve(user, f);
    if (teamRestricted) expect(teamBitmapApplies(r)).toBe(true);
    else expect(bitmapApplies(r)).toBe(true);
    const fast = await stats.totals(r);
    const slow = await stats.totals(r, { bitmap: false });
    expect({ f, fast }).toEqual({ f, fast: slow });
    for (const by of ['team', 'teamType', 'town'] as StatsBreakdownBy[]) {
      const bf = await stats.breakdownResolved(r, by);
      const bs = await stats.breakdownResolved(r, by, { bitmap: false });
      expect({ f, by, rows: bf.rows, total: bf.total }).toEqual({ f, by, rows: bs.rows, total: bs.total });
      expect(bf.total.volunteers).toBe(fast.volunteers);
    }
    return fast.volunteers;
  }

  async function compareMany(n: number) {
    let nonZero = 0;
    for (const f of [{ teamId: teamIds[0] }, { teamId: teamIds[4], from: isoDay(0), to: isoDay(SPAN) }, { teamType: TEAM_TYPES[0] }]) await compare(f);
    for (let i = 0; i < n; i++) if ((await compare(randomFilter())) > 0) nonZero++;
    expect(nonZero).toBeGreaterThan(0);
    // no team restriction: by team / team type per row from the team bitmaps, total from stats_volunteer_days
    await compare({}, county, false);
    await compare({ from: isoDay(100), to: isoDay(1000) }, county, false);
    // a leader's scope (their teams) takes the team path
    await compare({}, leader);
    await compare({ from: '2025-01-01', to: '2025-12-31' }, leader);
  }

  async function storedBitmaps() {
    return db.query(
      `SELECT volunteer_id, team_id::text AS team_id, (first_day + position('1' IN days::text) - 1)::text AS first_day, trim(BOTH '0' FROM days::text) AS bits
       FROM stats_volunteer_team_days WHERE volunteer_id = ANY($1::uuid[]) ORDER BY 1, 2`,
      [volunteerIds],
    );
  }
  async function expectedBitmaps() {
    const rows: Array<{ volunteer_id: string; team_id: string; day: string }> = await db.query(
      `SELECT DISTINCT volunteer_id, team_id::text AS team_id, day::text AS day FROM stats_daily_volunteers
       WHERE volunteer_id = ANY($1::uuid[]) ORDER BY 1, 2, 3`,
      [volunteerIds],
    );
    const out = new Map<string, { volunteer_id: string; team_id: string; first_day: string; bits: string[] }>();
    for (const r of rows) {
      const k = `${r.volunteer_id}|${r.team_id}`;
      const e = out.get(k) ?? { volunteer_id: r.volunteer_id, team_id: r.team_id, first_day: r.day, bits: [] };
      const i = Math.round((Date.parse(r.day) - Date.parse(e.first_day)) / 86400_000);
      while (e.bits.length < i) e.bits.push('0');
      e.bits[i] = '1';
      out.set(k, e);
    }
    return [...out.values()].map((e) => ({ ...e, bits: e.bits.join('') }));
  }
  async function expectBitmapsExact() {
    expect(await storedBitmaps()).toEqual(await expectedBitmaps());
  }

  it('the team bitmaps equal stats_daily_volunteers day by day; fast = slow for team / team type / leader filters', async () => {
    expect((await storedBitmaps()).length).toBeGreaterThan(10);
    await expectBitmapsExact();
    await compareMany(25);
  });

  it('stays equal after edits: reject, confirm, cancel, move to another day/team, delete, un-cancel', async () => {
    const confirmed: Array<{ id: string }> = await db.query(`SELECT id FROM attendance WHERE status = 'confirmed' AND activity_id = ANY($1::uuid[]) ORDER BY id`, [activityIds]);
    await db.query(`UPDATE attendance SET status = 'rejected', rejected_reason = '队图测试' WHERE id = $1`, [confirmed[0].id]);
    await db.query(`UPDATE attendance SET status = 'confirmed' WHERE activity_id = ANY($1::uuid[]) AND status = 'pending'`, [activityIds.slice(30, 60)]);
    await db.query(`UPDATE activities SET status = 'cancelled' WHERE id = ANY($1::uuid[])`, [activityIds.slice(60, 70)]);
    await db.query(`UPDATE activities SET starts_at = starts_at + interval '400 days', ends_at = ends_at + interval '400 days' WHERE id = ANY($1::uuid[])`, [activityIds.slice(70, 80)]);
    // another team at the same site (the venue stays): the team key changes, the site key does not
    await db.query(`UPDATE activities SET team_id = $2 WHERE id = ANY($1::uuid[])`, [activityIds.slice(80, 95), teamIds[1]]);
    await db.query(`DELETE FROM attendance WHERE activity_id = ANY($1::uuid[])`, [activityIds.slice(95, 105)]);
    await db.query(`UPDATE attendance SET status = 'rejected' WHERE volunteer_id = $1 AND activity_id = ANY($2::uuid[])`, [volunteerIds[0], activityIds]);
    const [gone] = await db.query(`SELECT count(*)::int AS n FROM stats_volunteer_team_days WHERE volunteer_id = $1`, [volunteerIds[0]]);
    expect(gone.n).toBe(0);
    await expectBitmapsExact();
    await compareMany(15);
    await db.query(`UPDATE activities SET status = 'completed' WHERE id = ANY($1::uuid[])`, [activityIds.slice(60, 65)]);
    await expectBitmapsExact();
    await compareMany(10);
  });

  it('rebuildStats recomputes the team bitmaps and verifyStats checks them row by row', async () => {
    const before = await storedBitmaps();
    const check = await db.transaction((em) => rebuildStats(em));
    expect(check.ok).toBe(true);
    expect(check.mismatchedRows.volunteerDays).toBe(0);
    expect(await storedBitmaps()).toEqual(before);
    await db
      .transaction(async (em) => {
        await em.query(
          `UPDATE stats_volunteer_team_days SET days = days || B'01'
           WHERE (volunteer_id, team_id) = (SELECT volunteer_id, team_id FROM stats_volunteer_team_days WHERE volunteer_id = ANY($1::uuid[]) LIMIT 1)`,
          [volunteerIds],
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
