import { TIME_ZONE } from '@wenming/shared';
import type { EntityManager } from 'typeorm';
import { masksOf, ORD_JOIN } from './migrations/1764900200000-stats-period-bits';
import { cellsOf2, sumCellsOf } from './migrations/1764900500000-stats-derived-dims';

const LOCAL_DAY = `(a.starts_at AT TIME ZONE '${TIME_ZONE}')::date`;

export interface StatsCheck {
  ok: boolean;
  rollup: StatsTotals;
  raw: StatsTotals;
  /** (month) rows where the roll-up and the raw aggregate disagree */
  mismatchedMonths: string[];
  /** roll-up rows that differ from a fresh raw aggregate at full (day, site, team, category, kind[, volunteer]) grain;
   *  volunteerDays: day-bitmap rows (every table) that differ from a recomputation from stats_daily_volunteers;
   *  periodBits: stats_period_bits cells that differ from a recomputation (+ volunteers without an ordinal);
   *  periodSums: stats_period_sums cells that differ from stats_daily summed again;
   *  periodCounts: stats_period_counts rows that differ from bit_count of the stored non-day cells (either missing) */
  mismatchedRows: { daily: number; volunteers: number; volunteerDays: number; periodBits: number; periodSums: number; periodCounts: number };
}
export interface StatsTotals {
  activities: number;
  personTimes: number;
  volunteers: number;
  serviceMinutes: number;
  audienceReached: number;
}

/**
 * Truncate the roll-ups and recompute them from raw activities + attendance, inside the caller's transaction,
 * then verify them against an independent raw aggregate. Throws if they disagree (the transaction rolls back).
 */
const RAW_DAILY = `
    SELECT day, site_id, team_id, category, kind, sum(acts)::int AS activities, sum(pt)::int AS person_times,
      sum(mins)::bigint AS service_minutes, sum(aud)::bigint AS audience_reached FROM (
      SELECT ${LOCAL_DAY} AS day, a.site_id, a.team_id, a.category, a.kind, 1 AS acts, 0 AS pt, 0::bigint AS mins, coalesce(a.audience_reached, 0)::bigint AS aud
      FROM activities a WHERE a.status = 'completed'
      UNION ALL
      SELECT ${LOCAL_DAY}, a.site_id, a.team_id, a.category, a.kind, 0, 1, t.minutes, 0
      FROM attendance t JOIN activities a ON a.id = t.activity_id
      WHERE t.status = 'confirmed' AND a.status <> 'cancelled'
    ) x GROUP BY day, site_id, team_id, category, kind`;
const RAW_VOLUNTEERS = `
    SELECT ${LOCAL_DAY} AS day, a.site_id, a.team_id, a.category, a.kind, t.volunteer_id, count(*)::int AS person_times
    FROM attendance t JOIN activities a ON a.id = t.activity_id
    WHERE t.status = 'confirmed' AND a.status <> 'cancelled'
    GROUP BY 1, 2, 3, 4, 5, 6`;
/**
 * A bitmap table (stats_volunteer_site_days by (volunteer, site), stats_volunteer_days by volunteer) recomputed from
 * stats_daily_volunteers, normalized (first_day = first day set, bits from it to the last day set, as text).
 */
const freshBitmaps = (keys: string) => `
    SELECT ${keys}, min(day) AS first_day, string_agg(lpad('1', (day - prev)::int, '0'), '' ORDER BY day) AS bits
    FROM (SELECT ${keys}, day, coalesce(lag(day) OVER (PARTITION BY ${keys} ORDER BY day), day - 1) AS prev
          FROM (SELECT DISTINCT ${keys}, day FROM stats_daily_volunteers) d) x
    GROUP BY ${keys}`;
/** The stored bitmaps normalized the same way (a cleared bit may leave leading/trailing zeros). */
const storedBitmaps = (table: string, keys: string) => `
    SELECT ${keys}, first_day + position('1' IN t) - 1 AS first_day, trim(BOTH '0' FROM t) AS bits
    FROM (SELECT ${keys}, first_day, days::text AS t FROM ${table}) s`;
const BITMAPS = [
  { table: 'stats_volunteer_site_days', keys: 'volunteer_id, site_id' },
  { table: 'stats_volunteer_days', keys: 'volunteer_id' },
  { table: 'stats_volunteer_team_days', keys: 'volunteer_id, team_id' },
];
const bitmapDiff = BITMAPS.map(
  ({ table, keys }) => `(SELECT count(*) FROM ((${storedBitmaps(table, keys)}) EXCEPT (${freshBitmaps(keys)})) x)::int
      + (SELECT count(*) FROM ((${freshBitmaps(keys)}) EXCEPT (${storedBitmaps(table, keys)})) x)::int`,
).join(' + ');
/** stats_period_bits recomputed from stats_daily_volunteers (with the stored ordinals) vs the stored cells, as text. */
const freshPeriodBits = `SELECT dim::text COLLATE "C" AS dim, grain::text COLLATE "C" AS grain, period, chunk, bits FROM (${masksOf(
  `SELECT c.grain, c.period, c.dim, o.ord FROM (${cellsOf2(`SELECT volunteer_id, day, site_id, team_id, category, kind FROM stats_daily_volunteers`)}) c ${ORD_JOIN}`,
)}) f`;
// compared as varbit (and the keys in C collation): sorting 8192-character texts in the database's collation was most of the time
const storedPeriodBits = `SELECT dim::text COLLATE "C" AS dim, grain::text COLLATE "C" AS grain, period, chunk, bits FROM stats_period_bits`;
// the recomputation once (MATERIALIZED), compared both ways
const periodBitsDiff = `(WITH f AS MATERIALIZED (${freshPeriodBits}), s AS MATERIALIZED (${storedPeriodBits})
      SELECT (SELECT count(*) FROM (TABLE s EXCEPT TABLE f) x) + (SELECT count(*) FROM (TABLE f EXCEPT TABLE s) x))::int
      + (SELECT count(DISTINCT volunteer_id) FROM stats_daily_volunteers v WHERE NOT EXISTS (SELECT 1 FROM stats_volunteer_ordinals o WHERE o.volunteer_id = v.volunteer_id))::int`;
/** stats_period_sums recomputed from stats_daily vs the stored cells, both ways. */
const SUM_COLS = 'dim, grain::text, period, activities, person_times, service_minutes, audience_reached';
const freshPeriodSums = `SELECT dim, grain, period, sum(activities) AS activities, sum(person_times) AS person_times, sum(service_minutes) AS service_minutes,
    sum(audience_reached) AS audience_reached
  FROM (${sumCellsOf('SELECT day, site_id, team_id, category, kind, activities, person_times, service_minutes, audience_reached FROM stats_daily', 1)}) c
  GROUP BY dim, grain, period
  HAVING sum(activities) <> 0 OR sum(person_times) <> 0 OR sum(service_minutes) <> 0 OR sum(audience_reached) <> 0`;
const periodSumsDiff = `(WITH f AS MATERIALIZED (SELECT ${SUM_COLS} FROM (${freshPeriodSums}) f0), s AS MATERIALIZED (SELECT ${SUM_COLS} FROM stats_period_sums)
      SELECT (SELECT count(*) FROM (TABLE s EXCEPT TABLE f) x) + (SELECT count(*) FROM (TABLE f EXCEPT TABLE s) x))::int`;
/** stats_period_counts vs bit_count of every stored non-day cell, both ways (the cells themselves are checked above). */
const COUNT_COLS = `dim::text COLLATE "C" AS dim, grain::text COLLATE "C" AS grain, period, chunk`;
const periodCountsDiff = `(WITH f AS MATERIALIZED (SELECT ${COUNT_COLS}, bit_count(bits)::int AS n FROM stats_period_bits WHERE grain <> 'd'),
      s AS MATERIALIZED (SELECT ${COUNT_COLS}, n FROM stats_period_counts)
      SELECT (SELECT count(*) FROM (TABLE s EXCEPT TABLE f) x) + (SELECT count(*) FROM (TABLE f EXCEPT TABLE s) x))::int`;
const DAILY_COLS = 'day, site_id, team_id, category, kind, activities, person_times, service_minutes, audience_reached';
const VOL_COLS = 'day, site_id, team_id, category, kind, volunteer_id, person_times';

export async function rebuildStats(em: EntityManager): Promise<StatsCheck> {
  await em.query(
    `TRUNCATE stats_daily, stats_daily_volunteers, stats_volunteer_site_days, stats_volunteer_days, stats_volunteer_team_days, stats_period_bits, stats_period_sums, stats_period_counts, stats_volunteer_ordinals RESTART IDENTITY`,
  );
  await em.query(`INSERT INTO stats_daily (${DAILY_COLS}) ${RAW_DAILY}`);
  // the insert trigger on stats_daily fills stats_period_sums; the insert triggers on stats_daily_volunteers fill the day bitmaps, the ordinals and the period bitmaps from these rows
  await em.query(`INSERT INTO stats_daily_volunteers (${VOL_COLS}) ${RAW_VOLUNTEERS}`);
  const check = await verifyStats(em);
  if (!check.ok) throw new Error(`statistics roll-ups disagree with raw data after rebuild: ${JSON.stringify(check)}`);
  return check;
}

/** Compare the roll-ups with the raw tables: grand totals and every month. */
export async function verifyStats(em: EntityManager): Promise<StatsCheck> {
  const [raw] = await em.query(`
    SELECT
      (SELECT count(*) FROM activities WHERE status = 'completed')::bigint AS activities,
      (SELECT coalesce(sum(audience_reached), 0) FROM activities WHERE status = 'completed')::bigint AS "audienceReached",
      count(*)::bigint AS "personTimes", count(DISTINCT t.volunteer_id)::bigint AS volunteers, coalesce(sum(t.minutes), 0)::bigint AS "serviceMinutes"
    FROM attendance t JOIN activities a ON a.id = t.activity_id
    WHERE t.status = 'confirmed' AND a.status <> 'cancelled'`);
  const [roll] = await em.query(`
    SELECT coalesce(sum(activities), 0)::bigint AS activities, coalesce(sum(audience_reached), 0)::bigint AS "audienceReached",
      coalesce(sum(person_times), 0)::bigint AS "personTimes", coalesce(sum(service_minutes), 0)::bigint AS "serviceMinutes",
      (SELECT count(DISTINCT volunteer_id) FROM stats_daily_volunteers)::bigint AS volunteers
    FROM stats_daily`);
  const months: Array<{ m: string }> = await em.query(`
    WITH r AS (
      SELECT to_char(${LOCAL_DAY}, 'YYYY-MM') AS m, count(*) AS pt, sum(t.minutes) AS mins, count(DISTINCT t.volunteer_id) AS vol
      FROM attendance t JOIN activities a ON a.id = t.activity_id
      WHERE t.status = 'confirmed' AND a.status <> 'cancelled' GROUP BY 1),
    ra AS (SELECT to_char(${LOCAL_DAY}, 'YYYY-MM') AS m, count(*) AS acts, sum(coalesce(a.audience_reached, 0)) AS aud
      FROM activities a WHERE a.status = 'completed' GROUP BY 1),
    s AS (SELECT to_char(day, 'YYYY-MM') AS m, sum(person_times) AS pt, sum(service_minutes) AS mins, sum(activities) AS acts, sum(audience_reached) AS aud
      FROM stats_daily GROUP BY 1),
    sv AS (SELECT to_char(day, 'YYYY-MM') AS m, count(DISTINCT volunteer_id) AS vol, sum(person_times) AS pt FROM stats_daily_volunteers GROUP BY 1),
    keys AS (SELECT m FROM r UNION SELECT m FROM ra UNION SELECT m FROM s UNION SELECT m FROM sv)
    SELECT k.m FROM keys k LEFT JOIN r ON r.m = k.m LEFT JOIN ra ON ra.m = k.m LEFT JOIN s ON s.m = k.m LEFT JOIN sv ON sv.m = k.m
    WHERE coalesce(r.pt, 0) <> coalesce(s.pt, 0) OR coalesce(r.pt, 0) <> coalesce(sv.pt, 0) OR coalesce(r.mins, 0) <> coalesce(s.mins, 0)
       OR coalesce(r.vol, 0) <> coalesce(sv.vol, 0) OR coalesce(ra.acts, 0) <> coalesce(s.acts, 0) OR coalesce(ra.aud, 0) <> coalesce(s.aud, 0)
    ORDER BY 1`);
  // every roll-up row against a fresh aggregate of the raw rows, both directions
  const [diff] = await em.query(`
    SELECT
      (SELECT count(*) FROM ((SELECT ${DAILY_COLS} FROM stats_daily) EXCEPT (${RAW_DAILY})) x)::int
      + (SELECT count(*) FROM ((${RAW_DAILY}) EXCEPT (SELECT ${DAILY_COLS} FROM stats_daily)) x)::int AS daily,
      (SELECT count(*) FROM ((SELECT ${VOL_COLS} FROM stats_daily_volunteers) EXCEPT (${RAW_VOLUNTEERS})) x)::int
      + (SELECT count(*) FROM ((${RAW_VOLUNTEERS}) EXCEPT (SELECT ${VOL_COLS} FROM stats_daily_volunteers)) x)::int AS volunteers,
      ${bitmapDiff} AS "volunteerDays",
      ${periodBitsDiff} AS "periodBits",
      ${periodSumsDiff} AS "periodSums",
      ${periodCountsDiff} AS "periodCounts"`);
  const num = (o: Record<string, string>): StatsTotals => ({
    activities: Number(o.activities),
    personTimes: Number(o.personTimes),
    volunteers: Number(o.volunteers),
    serviceMinutes: Number(o.serviceMinutes),
    audienceReached: Number(o.audienceReached),
  });
  const r = num(raw);
  const s = num(roll);
  const ok =
    (Object.keys(r) as Array<keyof StatsTotals>).every((k) => r[k] === s[k]) &&
    months.length === 0 &&
    diff.daily === 0 &&
    diff.volunteers === 0 &&
    diff.volunteerDays === 0 &&
    diff.periodBits === 0 &&
    diff.periodSums === 0 &&
    diff.periodCounts === 0;
  return {
    ok,
    rollup: s,
    raw: r,
    mismatchedMonths: months.map((x) => x.m),
    mismatchedRows: {
      daily: diff.daily,
      volunteers: diff.volunteers,
      volunteerDays: diff.volunteerDays,
      periodBits: diff.periodBits,
      periodSums: diff.periodSums,
      periodCounts: diff.periodCounts,
    },
  };
}
