import { ACTIVITY_CATEGORIES, ACTIVITY_KINDS, TEAM_TYPES, type StatsBreakdownBy } from '@wenming/shared';
import type { ResolvedFilter } from './stats-scope';

/**
 * SQL builders of the period tables (migrations 1764900200000, 1764900500000): stats_period_bits (volunteer-indexed
 * bitmaps per (grain, period, dimension value)) and stats_period_sums (stats_daily summed per (grain, period,
 * dimension value)). A date range is read as whole years + months (or weeks) + the remaining days.
 */

export type Grain = 'y' | 'm' | 'w' | 'd';
const DAY_MS = 86400_000;
const msOf = (d: string) => Date.parse(`${d}T00:00:00Z`);
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** First day of the `g` period containing day `d` (ISO weeks start on Monday). */
export function periodStart(g: Grain, d: string): string {
  if (g === 'y') return `${d.slice(0, 4)}-01-01`;
  if (g === 'm') return `${d.slice(0, 7)}-01`;
  if (g === 'w') return isoOf(msOf(d) - ((new Date(msOf(d)).getUTCDay() + 6) % 7) * DAY_MS);
  return d;
}

/** First day of the `g` period after the one containing `d`. */
export function nextPeriod(g: Grain, d: string): string {
  const s = periodStart(g, d);
  if (g === 'y') return `${Number(s.slice(0, 4)) + 1}-01-01`;
  if (g === 'm') return s.slice(5, 7) === '12' ? `${Number(s.slice(0, 4)) + 1}-01-01` : `${s.slice(0, 5)}${String(Number(s.slice(5, 7)) + 1).padStart(2, '0')}-01`;
  return isoOf(msOf(s) + (g === 'w' ? 7 : 1) * DAY_MS);
}

type Range = [string | null, string | null];

/** [lo, hi) of the whole `g` periods inside [from, to] (null = unbounded); for 'd' the range itself. */
function wholeRange(g: Grain, from: string | undefined, to: string | undefined): Range {
  if (g === 'd') return [from ?? null, to === undefined ? null : isoOf(msOf(to) + DAY_MS)];
  return [from === undefined ? null : periodStart(g, from) === from ? from : nextPeriod(g, from), to === undefined ? null : periodStart(g, isoOf(msOf(to) + DAY_MS))];
}

function inRange(col: string, [lo, hi]: Range, p: (v: unknown) => string): string {
  if (lo !== null && hi !== null && lo >= hi) return 'false';
  const c = [...(lo !== null ? [`${col} >= ${p(lo)}`] : []), ...(hi !== null ? [`${col} < ${p(hi)}`] : [])];
  return c.length ? `(${c.join(' AND ')})` : 'true';
}

/**
 * WHERE condition over period cells b selecting the cells that cover [from, to] exactly once: the whole periods
 * of the first grain inside the range, then of each finer grain the whole periods inside the range not covered yet,
 * the remaining days last (`grains` coarsest first, ending with 'd'; each coarser period a union of finer ones).
 */
export function periodCells(from: string | undefined, to: string | undefined, grains: Grain[], params: unknown[]): string {
  const p = (v: unknown) => (params.push(v), `$${params.length}::date`);
  const out: string[] = [];
  let covered: Range | null = null;
  for (const g of grains) {
    const range = wholeRange(g, from, to);
    const cond = inRange('b.period', range, p);
    const notCovered = covered ? ` AND NOT ${inRange('b.period', covered, p)}` : '';
    out.push(`(b.grain = '${g}' AND ${cond}${notCovered})`);
    covered = range;
  }
  return `(${out.join(' OR ')})`;
}

/**
 * The same split without day cells: `cells` over b (grains coarsest first, no 'd'), and `rest` over the day column
 * `dayCol`: the days of [from, to] that no whole period covers (to be read from stats_daily, whose conditions already
 * restrict it to [from, to]).
 */
export function wholePeriodsAndRest(
  from: string | undefined,
  to: string | undefined,
  grains: Grain[],
  dayCol: string,
  params: unknown[],
): { cells: string; rest: string } {
  const cells = periodCells(from, to, grains, params);
  const finest = wholeRange(grains[grains.length - 1], from, to);
  const p = (v: unknown) => (params.push(v), `$${params.length}::date`);
  const [lo, hi] = finest;
  let rest: string;
  if (lo === null && hi === null) rest = 'false';
  else if (lo !== null && hi !== null && lo >= hi) rest = 'true';
  else rest = `NOT ${inRange(dayCol, finest, p)}`;
  return { cells, rest };
}

/** Whether [from, to] is a union of whole calendar years (or unbounded on a side). */
export function yearAligned(from: string | undefined, to: string | undefined): boolean {
  return (from === undefined || from.endsWith('-01-01')) && (to === undefined || to.endsWith('-12-31'));
}

/**
 * The cells of [from, to] as disjoint ranges of period starts per grain (`grains` coarsest first, nested): the whole
 * periods of the first grain inside the range, then of each finer grain the whole periods of what is left, and so on.
 * Unlike periodCells the leftovers are explicit ranges (no `NOT covered` filter): a grain with nothing left has no
 * range, so its cells are never read.
 */
export function periodPieces(from: string | undefined, to: string | undefined, grains: Grain[]): Array<{ g: Grain; ranges: Range[] }> {
  let rest: Range[] = [[from ?? null, to === undefined ? null : isoOf(msOf(to) + DAY_MS)]];
  if (from !== undefined && to !== undefined && from > to) rest = [];
  const out: Array<{ g: Grain; ranges: Range[] }> = [];
  for (const g of grains) {
    const mine: Range[] = [];
    const next: Range[] = [];
    for (const [lo, hi] of rest) {
      const a = lo === null || g === 'd' || periodStart(g, lo) === lo ? lo : nextPeriod(g, lo);
      const b = hi === null || g === 'd' ? hi : periodStart(g, hi);
      if (a !== null && b !== null && a >= b) {
        next.push([lo, hi]);
        continue;
      }
      mine.push([a, b]);
      if (lo !== a) next.push([lo, a]);
      if (hi !== b) next.push([b, hi]);
    }
    out.push({ g, ranges: mine });
    rest = next;
  }
  return out;
}

/** SQL over cells b of one grain's ranges (`false` when it has none). */
function piecesCond(pieces: Array<{ g: Grain; ranges: Range[] }>, params: unknown[]): string {
  const p = (v: unknown) => (params.push(v), `$${params.length}::date`);
  const out = pieces.filter((x) => x.ranges.length).map((x) => `(b.grain = '${x.g}' AND (${x.ranges.map((rg) => inRange('b.period', rg, p)).join(' OR ')}))`);
  return out.length ? `(${out.join(' OR ')})` : 'false';
}

/**
 * The days of [from, to] that no whole period of `grains` covers, as a condition over the day column `dayCol`
 * (`false` when whole periods cover the range): the rows of stats_daily to add to the period sums.
 */
export function restDays(from: string | undefined, to: string | undefined, grains: Grain[], dayCol: string, params: unknown[]): string {
  const p = (v: unknown) => (params.push(v), `$${params.length}::date`);
  const left = periodPieces(from, to, [...grains, 'd']).find((x) => x.g === 'd')!.ranges;
  return left.length ? `(${left.map((rg) => inRange(dayCol, rg, p)).join(' OR ')})` : 'false';
}

/** The one period (grain other than 'd', and its start) that is exactly [from, to], or null; all time is 'a'. */
export function exactPeriod(from: string | undefined, to: string | undefined, grains: Grain[]): { g: Grain | 'a'; period: string | null } | null {
  if (from === undefined && to === undefined) return { g: 'a', period: null };
  if (from === undefined || to === undefined) return null;
  for (const g of grains) if (g !== 'd' && periodStart(g, from) === from && nextPeriod(g, from) === isoOf(msOf(to) + DAY_MS)) return { g, period: from };
  return null;
}

/** Condition over stats_period_counts b selecting one exact period's cells. */
function exactCond(e: { g: Grain | 'a'; period: string | null }, params: unknown[]): string {
  if (e.period === null) return `b.grain = '${e.g}'`;
  params.push(e.period);
  return `b.grain = '${e.g}' AND b.period = $${params.length}::date`;
}

// ---- distinct volunteers: stats_period_bits ----

/**
 * The stats_period_bits dimension value whose cells hold exactly the volunteers of the filter (every grain), or
 * null: a date range with at most one of — category, kind, category + kind, team type, or a county admin's townId.
 * Site / team restrictions (siteId, teamId, a site admin's or a leader's scope) and team type with category / kind
 * have no dimension value: null.
 */
export function bitDim(r: ResolvedFilter): string | null {
  const { category, kind, teamType, townId, siteId } = r.filter;
  if (r.teamIds !== null) return null;
  if (r.siteIds !== null) return townId && r.townOnly && !siteId && !teamType && !category && !kind ? `tn:${townId}` : null;
  if (teamType) return category || kind ? null : `tt:${teamType}`;
  if (category && kind) return `ck:${category}|${kind}`;
  return category ? `c:${category}` : kind ? `k:${kind}` : '';
}

/**
 * Per breakdown key: the dims to read (a list of values, or an SQL expression of text[]), the key of a cell and the
 * grains to use. `family`: the dims are every value of one prefix ('s:', 't:', …), read as one index range of
 * (grain, period, dim COLLATE "C") where a single period is read (migration 1765000100000).
 */
export interface BitKeys {
  dims: string[] | { sql: string };
  key: string;
  grains: Grain[];
  family?: string;
  /** the key is the period (by=month|week): never the all-time cells; cells are grouped by their period start
   *  (date_trunc unit) before the key is formatted with `fmt` */
  periodKey?: { unit: 'month' | 'week'; fmt: string };
}

const MONTH_FMT = `'YYYY-MM'`;
const WEEK_FMT = `'IYYY-"W"IW'`;

/** The dims of `k` as SQL (parameters pushed only when rendered: an unreferenced parameter cannot be typed). */
function dimsSql(k: BitKeys, params: unknown[]): string {
  if (Array.isArray(k.dims)) return (params.push(k.dims), `$${params.length}::text[]`);
  return k.dims.sql;
}

/** Condition over b: every dim of a prefix family (C collation: the index order of migration 1765000100000). */
export const familyCond = (prefix: string) => `b.dim COLLATE "C" >= '${prefix}' AND b.dim COLLATE "C" < '${prefix.slice(0, -1)};'`;

/** The breakdown keys counted from stats_period_bits under this filter, or null (another path). */
export function bitKeys(r: ResolvedFilter, by: StatsBreakdownBy, _params?: unknown[]): BitKeys | null {
  const dim = bitDim(r);
  if (dim === null) return null;
  const { category, kind, from, to } = r.filter;
  if (by === 'month') return { dims: [dim], key: `to_char(b.period, ${MONTH_FMT})`, grains: ['m', 'd'], periodKey: { unit: 'month', fmt: MONTH_FMT } };
  if (by === 'week') return { dims: [dim], key: `to_char(b.period, ${WEEK_FMT})`, grains: ['w', 'd'], periodKey: { unit: 'week', fmt: WEEK_FMT } };
  // (bitsByKeySql reads the 'a' cells instead when the range is unbounded)
  const all: Grain[] = ['y', 'm', 'd'];
  const kindOf = `split_part(substr(b.dim, 4), '|', 2)`;
  const catOf = `split_part(substr(b.dim, 4), '|', 1)`;
  if (by === 'category') {
    if (dim === '') return { dims: ACTIVITY_CATEGORIES.map((c) => `c:${c}`), key: 'substr(b.dim, 3)', grains: all, family: 'c:' };
    if (dim.startsWith('c:')) return { dims: [dim], key: 'substr(b.dim, 3)', grains: all };
    if (dim.startsWith('k:') || dim.startsWith('ck:'))
      return { dims: ACTIVITY_CATEGORIES.filter((c) => !category || c === category).map((c) => `ck:${c}|${kind}`), key: catOf, grains: all };
    return null;
  }
  if (by === 'kind') {
    if (dim === '') return { dims: ACTIVITY_KINDS.map((k) => `k:${k}`), key: 'substr(b.dim, 3)', grains: all, family: 'k:' };
    if (dim.startsWith('k:')) return { dims: [dim], key: 'substr(b.dim, 3)', grains: all };
    if (dim.startsWith('c:') || dim.startsWith('ck:'))
      return { dims: ACTIVITY_KINDS.filter((k) => !kind || k === kind).map((k) => `ck:${category}|${k}`), key: kindOf, grains: all };
    return null;
  }
  if (by === 'town') {
    if (dim === '')
      return {
        dims: { sql: `(SELECT array_agg('tn:' || id::text) || '{tn:}'::text[] FROM regions WHERE level = 'town')::text[]` },
        key: `nullif(substr(b.dim, 4), '')`,
        grains: all,
        family: 'tn:',
      };
    if (dim.startsWith('tn:')) return { dims: [dim], key: `nullif(substr(b.dim, 4), '')`, grains: all };
    return null;
  }
  if (by === 'teamType') {
    if (dim === '') return { dims: TEAM_TYPES.map((t) => `tt:${t}`), key: 'substr(b.dim, 4)', grains: all, family: 'tt:' };
    if (dim.startsWith('tt:')) return { dims: [dim], key: 'substr(b.dim, 4)', grains: all };
    return null;
  }
  if ((by === 'site' || by === 'team') && dim === '' && yearAligned(from, to)) {
    const t = by === 'site' ? 'sites' : 'teams';
    const pre = by === 'site' ? 's:' : 't:';
    return { dims: { sql: `(SELECT array_agg('${pre}' || id::text) FROM ${t})::text[]` }, key: 'substr(b.dim, 3)', grains: ['y'], family: pre };
  }
  return null;
}

/** All time (no date bound): the one 'a' cell per dim and chunk. */
const allTime = (r: ResolvedFilter) => r.filter.from === undefined && r.filter.to === undefined;
const ALL_TIME_CELLS = `b.grain = 'a'`;

/**
 * Distinct volunteers of one dimension value over [from, to]: when the range is one whole period (or all time), the
 * stored counts of its chunks summed (stats_period_counts); else OR of the cells per chunk, bits counted, chunks summed.
 */
export function bitVolunteersSql(r: ResolvedFilter, dim: string, params: unknown[]): string {
  params.push(dim);
  const d = `$${params.length}`;
  const exact = exactPeriod(r.filter.from, r.filter.to, ['y', 'm']);
  if (exact) return `SELECT coalesce(sum(b.n), 0) AS n FROM stats_period_counts b WHERE b.dim = ${d} AND ${exactCond(exact, params)}`;
  const cells = piecesCond(periodPieces(r.filter.from, r.filter.to, ['y', 'm', 'd']), params);
  return `SELECT coalesce(sum(n), 0) AS n FROM (SELECT bit_count(bit_or(b.bits)) AS n FROM stats_period_bits b WHERE b.dim = ${d} AND ${cells} GROUP BY b.chunk) x`;
}

/**
 * Distinct volunteers per breakdown key (grp 0 rows, as the other per-key queries). A key that is one cell per chunk
 * (a whole month / week of by=month|week; any key over one whole period or all time) sums the stored counts of its
 * chunks; the rest (keys over several periods, the days of partial months / weeks) ORs the bitmaps.
 */
export function bitsByKeySql(r: ResolvedFilter, k: BitKeys, params: unknown[]): string {
  const { from, to } = r.filter;
  if (k.periodKey) {
    // whole months / weeks are their own keys (one cell per chunk: the stored counts); a partial one is only day
    // cells (OR-ed per month / week start); grouped by the period start first, formatted once per key
    const { unit, fmt } = k.periodKey;
    const pieces = periodPieces(from, to, k.grains);
    const whole = pieces.filter((x) => x.g !== 'd');
    const days = pieces.filter((x) => x.g === 'd' && x.ranges.length);
    const dims = dimsSql(k, params);
    const parts = [`SELECT b.period AS p, sum(b.n) AS n FROM stats_period_counts b WHERE b.dim = ANY(${dims}) AND ${piecesCond(whole, params)} GROUP BY 1`];
    if (days.length)
      parts.push(`SELECT p, sum(n) AS n FROM (
          SELECT date_trunc('${unit}', b.period)::date AS p, bit_count(bit_or(b.bits)) AS n FROM stats_period_bits b
          WHERE b.dim = ANY(${dims}) AND ${piecesCond(days, params)} GROUP BY 1, b.chunk) d GROUP BY 1`);
    return `SELECT 0 AS grp, to_char(p, ${fmt}) AS key, n FROM (${parts.join(' UNION ALL ')}) x`;
  }
  const exact = exactPeriod(from, to, k.grains);
  if (exact) {
    // one cell per key and chunk: the stored counts, a whole family as one index range
    const dims = k.family ? familyCond(k.family) : `b.dim = ANY(${dimsSql(k, params)})`;
    const cond = exact.period === null ? `b.grain = '${exact.g}' AND b.period = '-infinity'` : exactCond(exact, params);
    return `SELECT 0 AS grp, ${k.key} AS key, sum(b.n) AS n FROM stats_period_counts b WHERE ${dims} AND ${cond} GROUP BY 2`;
  }
  return `SELECT 0 AS grp, key, sum(n) AS n FROM (
      SELECT ${k.key} AS key, bit_count(bit_or(b.bits)) AS n FROM stats_period_bits b WHERE b.dim = ANY(${dimsSql(k, params)})
        AND ${piecesCond(periodPieces(from, to, k.grains), params)} GROUP BY 1, b.chunk
    ) x GROUP BY key`;
}

// ---- additive figures: stats_period_sums + the remaining days of stats_daily ----

type Family = 'any' | 'ck' | 's' | 't';

/** Which family of stats_period_sums dims answers this filter (and breakdown key) exactly, or null (stats_daily). */
function sumFamily(r: ResolvedFilter, by: StatsBreakdownBy | null): Family | null {
  const f = r.filter;
  const siteR = r.siteIds !== null;
  const teamR = r.teamIds !== null || !!f.teamType;
  const ckR = !!f.category || !!f.kind;
  const valid: Record<Family, boolean> = { any: !siteR && !teamR && !ckR, ck: !siteR && !teamR, s: !teamR && !ckR, t: !siteR && !ckR };
  const need: Family | null = by === 'town' || by === 'site' ? 's' : by === 'team' || by === 'teamType' ? 't' : by === 'category' || by === 'kind' ? 'ck' : null;
  if (need) return valid[need] ? need : null;
  // summary, by=month, by=week: the fewest cells first ('w' grain: '' and ck: only)
  if (valid.any) return 'any';
  if (valid.ck) return 'ck';
  if (by === 'week') return null;
  return valid.s ? 's' : valid.t ? 't' : null;
}

const SUM_COLS = `sum(activities) AS activities, sum(person_times) AS person_times, sum(service_minutes) AS service_minutes, sum(audience_reached) AS audience_reached`;

/**
 * The additive figures of the filter, per raw key (`rawKey`: site id for by=town/site, team id for by=team/teamType,
 * else the key itself; null for a summary), from whole periods of stats_period_sums plus the remaining days of
 * stats_daily (`dailyWhere`: the filter's conditions over stats_daily d, with its parameters in `params`), or null.
 */
export function periodSumsSql(r: ResolvedFilter, by: StatsBreakdownBy | null, dailyConds: string[], params: unknown[]): string | null {
  const family = sumFamily(r, by);
  if (family === null) return null;
  const f = r.filter;
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  let dims: string;
  if (family === 'any') dims = `b.dim = ''`;
  // a whole family: one index range of (grain, period, dim COLLATE "C") (migration 1765000100000)
  else if (family === 'ck' && !f.category && !f.kind) dims = familyCond('ck:');
  else if (family === 'ck')
    dims = `b.dim = ANY(${p(ACTIVITY_CATEGORIES.filter((c) => !f.category || c === f.category).flatMap((c) => ACTIVITY_KINDS.filter((k) => !f.kind || k === f.kind).map((k) => `ck:${c}|${k}`)))}::text[])`;
  // dims as one array (an index scan per dim value), not a subquery (the planner hash-joins it over a scan of the table)
  else if (family === 's') dims = r.siteIds ? `b.dim = ANY(${p(r.siteIds.map((s) => `s:${s}`))}::text[])` : familyCond('s:');
  else if (!r.teamIds && !f.teamType) dims = familyCond('t:');
  else {
    const c = [...(r.teamIds ? [`id = ANY(${p(r.teamIds)}::uuid[])`] : []), ...(f.teamType ? [`type = ${p(f.teamType)}`] : [])];
    dims = `b.dim = ANY((SELECT array_agg('t:' || id::text) FROM teams ${c.length ? `WHERE ${c.join(' AND ')}` : ''})::text[])`;
  }
  const grains: Grain[] = by === 'month' ? ['m'] : by === 'week' ? ['w'] : ['y', 'm'];
  const { cells, rest } =
    allTime(r) && by !== 'month' && by !== 'week'
      ? { cells: `${ALL_TIME_CELLS} AND b.period = '-infinity'`, rest: 'false' }
      : { cells: piecesCond(periodPieces(f.from, f.to, grains), params), rest: restDays(f.from, f.to, grains, 'd.day', params) };
  // by=month|week: grouped by the period start (a date) first, formatted once per key (to_char per cell cost more
  // than the rest of the query over ten years of weeks)
  const keys: Record<string, [string, string]> = {
    town: ['substr(b.dim, 3)', 'd.site_id::text'],
    site: ['substr(b.dim, 3)', 'd.site_id::text'],
    team: ['substr(b.dim, 3)', 'd.team_id::text'],
    teamType: ['substr(b.dim, 3)', 'd.team_id::text'],
    category: [`split_part(substr(b.dim, 4), '|', 1)`, 'd.category::text'],
    kind: [`split_part(substr(b.dim, 4), '|', 2)`, 'd.kind::text'],
    month: ['b.period', `date_trunc('month', d.day)::date`],
    week: ['b.period', `date_trunc('week', d.day)::date`],
  };
  const [bKey, dKey] = by ? keys[by] : ['NULL::text', 'NULL::text'];
  const outKey = by === 'month' ? `to_char(key, ${MONTH_FMT})` : by === 'week' ? `to_char(key, ${WEEK_FMT})` : 'key';
  // always present (with `false` when whole periods cover the range): the filter's parameters are typed by it
  const days = `UNION ALL SELECT ${dKey} AS key, ${SUM_COLS} FROM stats_daily d WHERE ${[...dailyConds, rest].join(' AND ')} GROUP BY 1`;
  return `SELECT ${outKey} AS key, ${SUM_COLS} FROM (
      SELECT ${bKey} AS key, ${SUM_COLS} FROM stats_period_sums b WHERE ${dims} AND ${cells} GROUP BY 1
      ${days}
    ) x GROUP BY 1`;
}
