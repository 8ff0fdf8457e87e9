import { DataSource } from 'typeorm';
import { ACTIVITY_CATEGORIES, ACTIVITY_KINDS, STATS_BREAKDOWN_BY, type StatsBreakdownBy, type StatsFilter } from '@wenming/shared';
import type { AuthUser } from '../../src/common/auth/auth-user';
import { StatsService } from '../../src/modules/stats/stats.service';
import { periodCells, periodDim } from '../../src/modules/stats/stats.repository';
import { rebuildStats, verifyStats } from '../../src/database/stats-rebuild';
import { Prng } from '../../src/database/seed/prng';
import { isoDay, SPAN, statsTestSeed, withRandomRange, type RandomCounty } from '../setup/random-county';
import { expectFastEqualsSlow, useStatsSuite } from '../setup/stats-suite';

/**
 * The period-bitmap fast path (stats_period_bits, issue 15 part 2: category / kind filters, by=category | kind |
 * month | week) against the stats_daily_volunteers path and against the raw attendance on the same database state:
 * random data over eight years (the generator of stats-bitmap.e2e-spec.ts), random date ranges (whole years, months,
 * weeks and odd days), before and after edits, including a confirm → reject → re-confirm cycle that must clear and set
 * the volunteer's bits; rebuild-stats / verify-stats cover the table.
 */

const SEED = statsTestSeed();
const rng = new Prng(SEED);
const DAY = `(a.starts_at AT TIME ZONE 'Asia/Shanghai')::date`;

describe(`statistics: period bitmaps = roll-up path = raw data (seed ${SEED})`, () => {
  const suite = useStatsSuite(rng, '期图');
  let db: DataSource;
  let stats: StatsService;
  let county: AuthUser;
  let leader: AuthUser;
  let c: RandomCounty;
  beforeAll(() => ({ db, stats, county, leader, c } = suite));

  function randomFilter(): StatsFilter {
    const r = rng.next();
    const f: StatsFilter = r < 0.35 ? { category: rng.pick(ACTIVITY_CATEGORIES) } : r < 0.7 ? { kind: rng.pick(ACTIVITY_KINDS) } : {};
    return withRandomRange(rng, f);
  }

  /** Distinct volunteers of the raw confirmed attendance of live activities under the filter (county-wide). */
  async function rawVolunteers(f: StatsFilter): Promise<number> {
    const p: unknown[] = [];
    const w: string[] = [];
    if (f.from) w.push(`${DAY} >= $${p.push(f.from)}::date`);
    if (f.to) w.push(`${DAY} <= $${p.push(f.to)}::date`);
    if (f.category) w.push(`a.category = $${p.push(f.category)}`);
    if (f.kind) w.push(`a.kind = $${p.push(f.kind)}`);
    const [r] = await db.query(
      `SELECT count(DISTINCT t.volunteer_id)::int AS n FROM attendance t JOIN activities a ON a.id = t.activity_id
       WHERE t.status = 'confirmed' AND a.status <> 'cancelled' ${w.map((x) => `AND ${x}`).join(' ')}`,
      p,
    );
    return r.n;
  }

  /** Summary and every breakdown: fast = slow (rows and totals); the summary's volunteers = the raw count. */
  async function compare(f: StatsFilter, user: AuthUser = county) {
    const r = await stats.resolve(user, f);
    if (user === county) expect(periodDim(r)).not.toBeNull();
    const fast = await expectFastEqualsSlow(stats, r, STATS_BREAKDOWN_BY as readonly StatsBreakdownBy[], f);
    if (user === county) expect({ f, volunteers: fast.volunteers }).toEqual({ f, volunteers: await rawVolunteers(f) });
    return fast.volunteers;
  }

  async function compareMany(n: number) {
    let nonZero = 0;
    const fixed: StatsFilter[] = [
      {},
      { from: '2020-01-01', to: '2020-12-31' },
      { from: '2020-02-01', to: '2021-03-31' },
      { from: '2019-12-30', to: '2020-01-05' }, // one ISO week over a year end
      { from: '2020-03-04', to: '2022-11-20', category: ACTIVITY_CATEGORIES[0] },
      { from: isoDay(10), kind: ACTIVITY_KINDS[0] },
      { to: isoDay(SPAN - 10), kind: ACTIVITY_KINDS[1] },
    ];
    for (const f of fixed) await compare(f);
    for (let i = 0; i < n; i++) if ((await compare(randomFilter())) > 0) nonZero++;
    expect(nonZero).toBeGreaterThan(0);
    // a leader's scope and combined filters take the roll-up path: same answers
    await compare({ from: '2020-01-01', to: '2025-12-31' }, leader);
    const combined = await stats.resolve(county, { category: ACTIVITY_CATEGORIES[0], kind: ACTIVITY_KINDS[0] });
    expect(periodDim(combined)).toBeNull();
  }

  /** Cells of this volunteer's chunk where their bit is set. */
  async function cellsWithBit(volunteerId: string): Promise<number> {
    const [r] = await db.query(
      `SELECT count(*)::int AS n FROM stats_period_bits b JOIN stats_volunteer_ordinals o ON o.volunteer_id = $1
       WHERE b.chunk = o.ord >> 13 AND get_bit(b.bits, o.ord & 8191) = 1`,
      [volunteerId],
    );
    return r.n;
  }

  it('splits a date range into whole years, months, weeks and days that cover it once', () => {
    const p: unknown[] = [];
    expect(periodCells(undefined, undefined, ['y', 'm', 'd'], p)).toBe(
      `((b.grain = 'y' AND true) OR (b.grain = 'm' AND true AND NOT true) OR (b.grain = 'd' AND true AND NOT true))`,
    );
    const q: unknown[] = [];
    periodCells('2020-02-15', '2022-03-03', ['y', 'm', 'd'], q);
    // years [2021, 2022), months [2020-03, 2022-03), days [2020-02-15, 2022-03-04)
    expect(q).toEqual(['2021-01-01', '2022-01-01', '2020-03-01', '2022-03-01', '2021-01-01', '2022-01-01', '2020-02-15', '2022-03-04', '2020-03-01', '2022-03-01']);
    const w: unknown[] = [];
    periodCells('2020-12-30', '2021-01-13', ['w', 'd'], w);
    // whole ISO weeks: Monday 2021-01-04 up to (not incl.) Monday 2021-01-11
    expect(w).toEqual(['2021-01-04', '2021-01-11', '2020-12-30', '2021-01-14', '2021-01-04', '2021-01-11']);
  });

  it('the period bitmaps answer category / kind filters and by=category|kind|month|week exactly', async () => {
    expect((await verifyStats(db.manager)).mismatchedRows.periodBits).toBe(0);
    await compareMany(20);
  });

  it('a confirm → reject → re-confirm cycle clears and sets the bits; other edits stay exact', async () => {
    const v = c.volunteerIds[3];
    const mine: Array<{ id: string }> = await db.query(
      `SELECT id FROM attendance WHERE volunteer_id = $1 AND activity_id = ANY($2::uuid[]) AND status = 'confirmed' ORDER BY id`,
      [v, c.activityIds],
    );
    expect(mine.length).toBeGreaterThan(0);
    expect(await cellsWithBit(v)).toBeGreaterThan(0);
    await db.query(`UPDATE attendance SET status = 'rejected', rejected_reason = '期图测试' WHERE id = ANY($1::uuid[])`, [mine.map((x) => x.id)]);
    expect(await cellsWithBit(v)).toBe(0);
    expect((await verifyStats(db.manager)).mismatchedRows.periodBits).toBe(0);
    await compare({});
    // one by one back (each statement sets the bits of one record)
    for (const x of mine) await db.query(`UPDATE attendance SET status = 'confirmed', rejected_reason = NULL WHERE id = $1`, [x.id]);
    expect(await cellsWithBit(v)).toBeGreaterThan(0);
    expect((await verifyStats(db.manager)).mismatchedRows.periodBits).toBe(0);
    // un-confirm one record: bits of its day cleared only where nothing else of the volunteer remains
    await db.query(`UPDATE attendance SET status = 'pending' WHERE id = $1`, [mine[0].id]);
    expect((await verifyStats(db.manager)).mismatchedRows.periodBits).toBe(0);

    await db.query(`UPDATE attendance SET status = 'confirmed' WHERE activity_id = ANY($1::uuid[]) AND status = 'pending'`, [c.activityIds.slice(30, 60)]);
    await db.query(`UPDATE activities SET status = 'cancelled' WHERE id = ANY($1::uuid[])`, [c.activityIds.slice(60, 70)]);
    await db.query(`UPDATE activities SET starts_at = starts_at + interval '400 days', ends_at = ends_at + interval '400 days' WHERE id = ANY($1::uuid[])`, [
      c.activityIds.slice(70, 80),
    ]);
    // category and kind change: the rows move to other dimension values
    await db.query(`UPDATE activities SET category = $2, kind = $3 WHERE id = ANY($1::uuid[])`, [c.activityIds.slice(80, 95), ACTIVITY_CATEGORIES[1], ACTIVITY_KINDS[2]]);
    await db.query(`DELETE FROM attendance WHERE activity_id = ANY($1::uuid[])`, [c.activityIds.slice(95, 105)]);
    expect((await verifyStats(db.manager)).mismatchedRows.periodBits).toBe(0);
    await compareMany(10);
    await db.query(`UPDATE activities SET status = 'completed' WHERE id = ANY($1::uuid[])`, [c.activityIds.slice(60, 65)]);
    expect((await verifyStats(db.manager)).ok).toBe(true);
    await compareMany(5);
  });

  it('rebuildStats recomputes the period bitmaps and verifyStats checks them cell by cell', async () => {
    const count = async () => (await db.query(`SELECT count(*)::int AS n, coalesce(sum(bit_count(bits)), 0)::int AS bits FROM stats_period_bits`))[0];
    const before = await count();
    const check = await db.transaction((em) => rebuildStats(em));
    expect(check.ok).toBe(true);
    expect(check.mismatchedRows.periodBits).toBe(0);
    expect(await count()).toEqual(before);
    await compare({ from: '2020-02-01', to: '2021-03-31' });
    await db
      .transaction(async (em) => {
        await em.query(
          `UPDATE stats_period_bits SET bits = set_bit(bits, 8191, 1 - get_bit(bits, 8191)) WHERE (dim, grain, period, chunk) = (SELECT dim, grain, period, chunk FROM stats_period_bits LIMIT 1)`,
        );
        const bad = await verifyStats(em);
        expect(bad.ok).toBe(false);
        expect(bad.mismatchedRows.periodBits).toBeGreaterThan(0);
        throw new Error('rollback');
      })
      .catch((e: Error) => expect(e.message).toBe('rollback'));
    expect((await verifyStats(db.manager)).ok).toBe(true);
  });
});
