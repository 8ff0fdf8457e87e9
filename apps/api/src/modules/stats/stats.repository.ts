import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { StatsBreakdownBy } from '@wenming/shared';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { READ_DB } from '../../database/read-database.module';
import { townIdOf } from '../../common/sql/names';
import { preparedQuery, selectParts, type SqlPart } from '../../database/sql';
import type { ResolvedFilter } from './stats-scope';
import { bitDim, bitKeys, bitsByKeySql, bitVolunteersSql, periodSumsSql } from './stats-period-sql';

export { periodCells } from './stats-period-sql';

/** A town, site or team as named in a breakdown: `code` for towns, `path` for sites (their sort keys). */
export interface NameRow {
  id: string;
  name: string;
  code?: string;
  path?: string;
}

/**
 * All SQL of the statistics module: the roll-up reads (stats_daily, stats_daily_volunteers), the day-bitmap fast
 * paths (stats_volunteer_site_days / _days / _team_days), the period tables (stats_period_bits / _sums, built in
 * stats-period-sql.ts), the dimension names, and the lookups the scope resolver needs. Reads go to READ_DB (the replica when DATABASE_READ_URL is set); the scope lookups take the caller's manager.
 */

export interface RawFigures {
  activities: string | number | null;
  person_times: string | number | null;
  service_minutes: string | number | null;
  audience_reached: string | number | null;
}

export interface ByKeyVolunteers {
  grp: number;
  key: string | null;
  n: string | number;
}

/**
 * WHERE conditions over a relation aliased `alias` that has day (or an expression for it), site_id, team_id,
 * category, kind. Parameters are appended to `params`.
 */
export function filterConditions(r: ResolvedFilter, params: unknown[], alias = 'd', dayExpr = `${alias}.day`): string[] {
  const f = r.filter;
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  const c: string[] = [];
  if (f.from) c.push(`${dayExpr} >= ${p(f.from)}::date`);
  if (f.to) c.push(`${dayExpr} <= ${p(f.to)}::date`);
  if (r.siteIds) c.push(`${alias}.site_id = ANY(${p(r.siteIds)}::uuid[])`);
  if (r.teamIds) c.push(`${alias}.team_id = ANY(${p(r.teamIds)}::uuid[])`);
  if (f.category) c.push(`${alias}.category = ${p(f.category)}`);
  if (f.kind) c.push(`${alias}.kind = ${p(f.kind)}`);
  if (f.teamType) c.push(`${alias}.team_id IN (SELECT id FROM teams WHERE type = ${p(f.teamType)})`);
  return c;
}

export function whereSql(conds: string[]): string {
  return conds.length ? `WHERE ${conds.join(' AND ')}` : '';
}

export const SUMS = `coalesce(sum(d.activities), 0) AS activities, coalesce(sum(d.person_times), 0) AS person_times,
  coalesce(sum(d.service_minutes), 0) AS service_minutes, coalesce(sum(d.audience_reached), 0) AS audience_reached`;

/** Group key expression and the joins it needs, per breakdown dimension (over alias d). */
const KEY: Record<StatsBreakdownBy, { expr: string; join: string }> = {
  town: {
    expr: `${townIdOf('r')}::text`,
    join: `JOIN sites s ON s.id = d.site_id JOIN regions r ON r.id = s.region_id`,
  },
  site: { expr: `d.site_id::text`, join: '' },
  team: { expr: `d.team_id::text`, join: '' },
  teamType: { expr: `tm.type`, join: `JOIN teams tm ON tm.id = d.team_id` },
  category: { expr: `d.category`, join: '' },
  kind: { expr: `d.kind`, join: '' },
  month: { expr: `to_char(d.day, 'YYYY-MM')`, join: '' },
  week: { expr: `to_char(d.day, 'IYYY-"W"IW')`, join: '' },
};

/**
 * Distinct volunteers per breakdown key AND over the whole filter, in one scan of stats_daily_volunteers:
 * GROUPING SETS ((key, volunteer), (volunteer)); `grp = 1` is the whole-filter row. Keys that need a join (town,
 * teamType) first reduce the rows to distinct (site|team, volunteer) pairs and map that much smaller set to the key.
 * With `bitmap` (by town/site, filter on dates and sites only) the rows per key only; the whole-filter count is
 * bitmapVolunteersSql, run as a separate query (one UNION ALL query got a Parallel Append, slower on a busy server).
 */
function volunteersByKeySql(by: StatsBreakdownBy, where: string, bitmap = false): string {
  let pairs: string;
  if (bitmap) {
    // day bitmaps: one row per (volunteer, site) with a day in the range. By site every row is one (site,
    // volunteer) pair already; by town a volunteer may have several sites in one town (count DISTINCT per town, measured
    // faster here than a hash aggregate over (town, volunteer) pairs, which spilled to disk at 57k pairs).
    const perKey =
      by === 'site'
        ? `SELECT 0 AS grp, b.site_id::text AS key, count(*) AS n FROM stats_volunteer_site_days b ${where} GROUP BY b.site_id`
        : `SELECT 0 AS grp, m.key::text AS key, count(DISTINCT b.volunteer_id) AS n
           FROM stats_volunteer_site_days b JOIN (${TOWN_ID_OF_SITE}) m ON m.id = b.site_id ${where} GROUP BY m.key`;
    return perKey;
  } else if (by === 'town' || by === 'teamType') {
    const col = by === 'town' ? 'site_id' : 'team_id';
    const map = by === 'town' ? TOWN_OF_SITE : `SELECT id, type AS key FROM teams`;
    pairs = `SELECT m.key, p.volunteer_id FROM (SELECT d.${col} AS dim, d.volunteer_id FROM stats_daily_volunteers d ${where} GROUP BY 1, 2) p
        JOIN (${map}) m ON m.id = p.dim`;
  } else {
    const key = KEY[by];
    pairs = `SELECT ${key.expr} AS key, d.volunteer_id FROM stats_daily_volunteers d ${key.join} ${where}`;
  }
  return `SELECT grp, key, count(*) AS n FROM (
      SELECT grouping(key) AS grp, key, volunteer_id FROM (${pairs}) q GROUP BY GROUPING SETS ((key, volunteer_id), (volunteer_id))
    ) x GROUP BY grp, key`;
}

const TOWN_ID_OF_SITE = `SELECT s.id, ${townIdOf('r')} AS key FROM sites s JOIN regions r ON r.id = s.region_id`;
const TOWN_OF_SITE = `SELECT id, key::text AS key FROM (${TOWN_ID_OF_SITE}) t`;

/**
 * Whether stats_volunteer_site_days (per (volunteer, site) bitmaps of days) answers the distinct-volunteer count of
 * this filter exactly: only a date range and a set of sites (townId, siteId, a site admin's scope). Team, team type,
 * category, kind and a leader's team scope need stats_daily_volunteers.
 */
export function bitmapApplies(r: ResolvedFilter): boolean {
  const f = r.filter;
  return r.teamIds === null && !f.teamId && !f.teamType && !f.category && !f.kind;
}

/** Any bit set in a varbit expression (bit_count: PostgreSQL 14+, PGlite 17). */
const ANY_BIT = (x: string) => `bit_count(${x}) > 0`;

/**
 * Whether stats_volunteer_team_days (per (volunteer, team) bitmaps of days) answers the count exactly when the site
 * bitmaps do not: a team restriction (teamId, teamType, a leader's teams) with no site, category or kind restriction.
 */
export function teamBitmapApplies(r: ResolvedFilter): boolean {
  return !bitmapApplies(r) && r.siteIds === null && !r.filter.category && !r.filter.kind;
}

/** Breakdowns by team / team type count per key from the team bitmaps when nothing but dates and teams filters. */
function teamKeyBitmapApplies(r: ResolvedFilter, by: StatsBreakdownBy): boolean {
  return (by === 'team' || by === 'teamType') && r.siteIds === null && !r.filter.category && !r.filter.kind;
}

/** WHERE over stats_volunteer_site_days b: the filter's sites and a day in [from, to] (bit i = first_day + i). */
export function bitmapConditions(r: ResolvedFilter, params: unknown[]): string[] {
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  const c: string[] = [];
  if (r.siteIds) c.push(`b.site_id = ANY(${p(r.siteIds)}::uuid[])`);
  return [...c, ...dayConditions(r, params)];
}

/** WHERE over stats_volunteer_team_days b: the filter's teams (ids, type) and a day in [from, to]. */
export function teamBitmapConditions(r: ResolvedFilter, params: unknown[]): string[] {
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  const c: string[] = [];
  if (r.teamIds) c.push(`b.team_id = ANY(${p(r.teamIds)}::uuid[])`);
  if (r.filter.teamType) c.push(`b.team_id IN (SELECT id FROM teams WHERE type = ${p(r.filter.teamType)})`);
  return [...c, ...dayConditions(r, params)];
}

/** A bitmap row b with a day in [from, to]. */
function dayConditions(r: ResolvedFilter, params: unknown[]): string[] {
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  const c: string[] = [];
  const { from, to } = r.filter;
  if (from && to) {
    const F = `${p(from)}::date`;
    const T = `${p(to)}::date`;
    c.push(`b.first_day <= ${T}`, ANY_BIT(`substring(b.days FROM (${F} - b.first_day + 1) FOR greatest(${T} - ${F} + 1, 0))`));
  } else if (from) {
    c.push(ANY_BIT(`substring(b.days FROM greatest(${p(from)}::date - b.first_day + 1, 1))`));
  } else if (to) {
    const T = `${p(to)}::date`;
    c.push(`b.first_day <= ${T}`, ANY_BIT(`substring(b.days FROM 1 FOR greatest(${T} - b.first_day + 1, 0))`));
  }
  return c;
}

/** Distinct volunteers of a team-restricted filter from the team bitmaps (`where` from teamBitmapConditions). */
function teamBitmapVolunteersSql(where: string): string {
  return `SELECT count(*) AS n FROM (SELECT b.volunteer_id FROM stats_volunteer_team_days b ${where} GROUP BY b.volunteer_id) x`;
}

/** Distinct volunteers per team or team type from the team bitmaps (grp 0 rows, as volunteersByKeySql). */
function teamBitmapByKeySql(by: 'team' | 'teamType', where: string): string {
  return by === 'team'
    ? `SELECT 0 AS grp, b.team_id::text AS key, count(*) AS n FROM stats_volunteer_team_days b ${where} GROUP BY b.team_id`
    : `SELECT 0 AS grp, tm.type AS key, count(DISTINCT b.volunteer_id) AS n
       FROM stats_volunteer_team_days b JOIN teams tm ON tm.id = b.team_id ${where} GROUP BY tm.type`;
}

/** Distinct volunteers of a filter from the bitmaps (`where` from bitmapConditions); without a site restriction one
 *  bitmap per volunteer, no grouping needed. */
function bitmapVolunteersSql(r: ResolvedFilter, where: string): string {
  return r.siteIds === null
    ? `SELECT count(*) AS n FROM stats_volunteer_days b ${where}`
    : `SELECT count(*) AS n FROM (SELECT b.volunteer_id FROM stats_volunteer_site_days b ${where} GROUP BY b.volunteer_id) x`;
}

// ---- stats_period_bits: volunteer-indexed bitmaps per (period, dimension value) ----

/**
 * The stats_period_bits dimension value of migration 1764900200000 answering the filter's distinct volunteers exactly,
 * or null: only a date range and at most one of category / kind. The reads use bitDim (stats-period-sql.ts), which also
 * knows the dims of 1764900500000 (category + kind, team type, town); this one stays for the session-4 property test.
 */
export function periodDim(r: ResolvedFilter): string | null {
  const { category, kind, teamType } = r.filter;
  if (r.siteIds !== null || r.teamIds !== null || teamType || (category && kind)) return null;
  return category ? `c:${category}` : kind ? `k:${kind}` : '';
}

@Injectable()
export class StatsRepository {
  /** Named prepared statements for the figures (`DB_PREPARED_STATEMENTS`, on by default): parsed and planned once per connection. */
  private readonly prepared: boolean;
  constructor(
    @Inject(READ_DB) private readonly db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.prepared = config.dbPreparedStatements;
  }

  /** One read of the figures: a named prepared statement unless turned off. */
  private read<T>(sql: string, params: unknown[]): Promise<T[]> {
    return (this.prepared ? preparedQuery(this.db, sql, params) : this.db.query(sql, params)) as Promise<T[]>;
  }

  /** Additive figures and distinct volunteers of one filter (two queries at once); `fast` allows the bitmaps and the
   *  period sums. */
  async totals(r: ResolvedFilter, fast: boolean): Promise<{ sums: RawFigures; volunteers: string }> {
    const p1: unknown[] = [];
    const c1 = filterConditions(r, p1);
    const periodSums = fast ? periodSumsSql(r, null, c1, p1) : null;
    const p2: unknown[] = [];
    let volSql: string;
    const dim = fast ? bitDim(r) : null;
    if (dim !== null) volSql = bitVolunteersSql(r, dim, p2);
    else if (fast && bitmapApplies(r)) volSql = bitmapVolunteersSql(r, whereSql(bitmapConditions(r, p2)));
    else if (fast && teamBitmapApplies(r)) volSql = teamBitmapVolunteersSql(whereSql(teamBitmapConditions(r, p2)));
    // GROUP BY (hash aggregate) instead of count(DISTINCT …) (which sorts): ~3× faster on millions of rows
    else volSql = `SELECT count(*) AS n FROM (SELECT d.volunteer_id FROM stats_daily_volunteers d ${whereSql(filterConditions(r, p2))} GROUP BY d.volunteer_id) x`;
    const [[sums], [vol]] = await Promise.all([
      this.read<RawFigures>(periodSums ?? `SELECT ${SUMS} FROM stats_daily d ${whereSql(c1)}`, p1),
      this.read<{ n: string }>(volSql, p2),
    ]);
    return { sums, volunteers: vol.n };
  }

  /** The additive figures per key: from the period sums when `fast` and they apply, else from stats_daily. */
  private sumsByKey(r: ResolvedFilter, by: StatsBreakdownBy, fast: boolean): SqlPart {
    const key = KEY[by];
    const p1: unknown[] = [];
    const c1 = filterConditions(r, p1);
    const periodSums = fast ? periodSumsSql(r, by, c1, p1) : null;
    if (periodSums) {
      // rows per site / team: mapped to the town / team type as it is now
      if (by === 'town') return { sql: `SELECT m.key, ${SUMS} FROM (${periodSums}) d JOIN (${TOWN_OF_SITE}) m ON m.id = d.key::uuid GROUP BY 1`, params: p1 };
      if (by === 'teamType') return { sql: `SELECT tm.type AS key, ${SUMS} FROM (${periodSums}) d JOIN teams tm ON tm.id = d.key::uuid GROUP BY 1`, params: p1 };
      return { sql: periodSums, params: p1 };
    }
    const w1 = whereSql(c1);
    if (by === 'town')
      // by site first (a few hundred rows), then map sites to towns: ~3× faster than joining every roll-up row
      return {
        sql: `SELECT m.key, ${SUMS} FROM (SELECT d.site_id, ${SUMS} FROM stats_daily d ${w1} GROUP BY 1) d JOIN (${TOWN_OF_SITE}) m ON m.id = d.site_id GROUP BY 1`,
        params: p1,
      };
    if (by === 'month' || by === 'week')
      // by day first (≤ 3,660 rows over ten years), then format the period key: to_char on every roll-up row
      // cost 32 ms of 71 k rows all time, this 11 ms (psql, quiet)
      return { sql: `SELECT ${key.expr} AS key, ${SUMS} FROM (SELECT d.day, ${SUMS} FROM stats_daily d ${w1} GROUP BY 1) d GROUP BY 1`, params: p1 };
    return { sql: `SELECT ${key.expr} AS key, ${SUMS} FROM stats_daily d ${key.join} ${w1} GROUP BY 1`, params: p1 };
  }

  /**
   * Per key: the additive figures, and the distinct volunteers per key (grp 0) and over the whole filter (grp 1), in
   * one statement (`selectParts`); `fast` allows the bitmaps and the period sums.
   */
  async breakdown(
    r: ResolvedFilter,
    by: StatsBreakdownBy,
    fast: boolean,
    names: SqlPart | null = null,
  ): Promise<{ sumRows: Array<RawFigures & { key: string | null }>; volAll: ByKeyVolunteers[]; names: NameRow[] }> {
    const p2: unknown[] = [];
    // per key, first choice: the period bitmaps (a few hundred cells); then by town/site the site day bitmaps, by
    // team/team type the team day bitmaps; else stats_daily_volunteers
    const periodKey = fast ? bitKeys(r, by, p2) : null;
    const bitmap = fast && !periodKey && bitmapApplies(r) && (by === 'town' || by === 'site');
    const teamKeys = fast && !periodKey && teamKeyBitmapApplies(r, by);
    const dim = fast ? bitDim(r) : null;
    let byKeySql: string;
    if (periodKey) byKeySql = bitsByKeySql(r, periodKey, p2);
    else if (teamKeys) byKeySql = teamBitmapByKeySql(by as 'team' | 'teamType', whereSql(teamBitmapConditions(r, p2)));
    else byKeySql = volunteersByKeySql(by, whereSql(bitmap ? bitmapConditions(r, p2) : filterConditions(r, p2)), bitmap);
    const p3: unknown[] = [];
    let totalSql: string | null = null;
    // the whole filter's count: from the period bitmaps whenever they apply (a few hundred rows), else as before
    if (dim !== null && (periodKey || bitmap || teamKeys)) totalSql = bitVolunteersSql(r, dim, p3);
    else if (bitmap || (teamKeys && bitmapApplies(r))) totalSql = bitmapVolunteersSql(r, whereSql(bitmapConditions(r, p3)));
    else if (teamKeys) totalSql = teamBitmapVolunteersSql(whereSql(teamBitmapConditions(r, p3)));
    const parts: Record<string, SqlPart> = { sums: this.sumsByKey(r, by, fast), vol: { sql: byKeySql, params: p2 } };
    if (totalSql) parts.total = { sql: totalSql, params: p3 };
    // the names of the keys in the same statement: one round trip, and names as of the same snapshot as the figures
    if (names) parts.names = names;
    const answer = await selectParts(this.db, parts, { prepared: this.prepared });
    const sumRows = answer.sums as Array<RawFigures & { key: string | null }>;
    const volAll = answer.vol as ByKeyVolunteers[];
    // the bitmap path counts the whole filter in its own part
    if (answer.total) volAll.push({ grp: 1, key: null, n: (answer.total as Array<{ n: string | number }>)[0].n });
    return { sumRows, volAll, names: (answer.names ?? []) as NameRow[] };
  }

  /**
   * The SQL naming the keys of a town, site or team breakdown (`ids` null: every one); `null` for the other keys, which
   * name themselves. Rows: `id`, `name` and the sort key — `code` (towns: the county's own order) or `path` (sites:
   * town code, level, name).
   */
  namesSql(by: StatsBreakdownBy, ids: string[] | null): SqlPart | null {
    const where = (col: string) => (ids === null ? { cond: '', params: [] } : { cond: `${col} = ANY($1::uuid[])`, params: [ids] });
    if (by === 'town') {
      const w = where('id');
      return { sql: `SELECT id, name, code FROM regions WHERE ${w.cond || `level = 'town'`}`, params: w.params };
    }
    if (by === 'site') {
      const w = where('s.id');
      return {
        sql: `SELECT s.id, s.name, coalesce(r.code, '') || CASE s.level WHEN 'center' THEN '0' WHEN 'institute' THEN '1' ELSE '2' END || s.name AS path
                FROM sites s JOIN regions r ON r.id = s.region_id ${w.cond ? `WHERE ${w.cond}` : ''}`,
        params: w.params,
      };
    }
    if (by === 'team') {
      const w = where('id');
      return { sql: `SELECT id, name FROM teams ${w.cond ? `WHERE ${w.cond}` : ''}`, params: w.params };
    }
    return null;
  }

  /** The rows of `namesSql` alone (keys a breakdown met outside the names it read with its figures). */
  names(by: StatsBreakdownBy, ids: string[]): Promise<NameRow[]> {
    const part = ids.length ? this.namesSql(by, ids) : null;
    return part ? this.db.query(part.sql, part.params) : Promise.resolve([]);
  }

  async serviceDays(r: ResolvedFilter) {
    const extra = [`d.kind = 'service_day'`, `extract(isodow FROM d.day) = 5`];
    const where = (params: unknown[]) => whereSql([...filterConditions(r, params), ...extra]);
    const p1: unknown[] = [];
    const w1 = where(p1);
    const p2: unknown[] = [];
    const w2 = where(p2);
    const p3: unknown[] = [];
    const w3 = where(p3);
    const p4: unknown[] = [];
    const w4 = where(p4);
    const [days, vols, [total], [totalVolunteers]]: [
      Array<RawFigures & { teams: string; date: string }>,
      Array<{ date: string; n: string }>,
      Array<RawFigures & { teams: string }>,
      Array<{ n: string }>,
    ] = await Promise.all([
      this.db.query(
        `SELECT to_char(d.day, 'YYYY-MM-DD') AS date, ${SUMS}, count(DISTINCT d.team_id) AS teams FROM stats_daily d ${w1} GROUP BY d.day ORDER BY d.day`,
        p1,
      ),
      this.db.query(`SELECT to_char(d.day, 'YYYY-MM-DD') AS date, count(DISTINCT d.volunteer_id) AS n FROM stats_daily_volunteers d ${w2} GROUP BY d.day`, p2),
      this.db.query(`SELECT ${SUMS}, count(DISTINCT d.team_id) AS teams FROM stats_daily d ${w3}`, p3),
      this.db.query(`SELECT count(*) AS n FROM (SELECT d.volunteer_id FROM stats_daily_volunteers d ${w4} GROUP BY d.volunteer_id) x`, p4),
    ]);
    return { days, vols, total, totalVolunteers: totalVolunteers.n };
  }

  // ---- lookups of the scope resolver (on the caller's manager: the primary, or its transaction) ----

  async townLevel(em: EntityManager, townId: string): Promise<string | null> {
    const rows: Array<{ level: string }> = await em.query(`SELECT level FROM regions WHERE id = $1`, [townId]);
    return rows[0]?.level ?? null;
  }

  /** Every site in the town or its villages/communities. */
  async townSiteIds(em: EntityManager, townId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await em.query(`SELECT s.id FROM sites s JOIN regions r ON r.id = s.region_id WHERE r.id = $1 OR r.parent_id = $1`, [townId]);
    return rows.map((x) => x.id);
  }

  async siteExists(em: EntityManager, siteId: string): Promise<boolean> {
    return (await em.query(`SELECT 1 FROM sites WHERE id = $1`, [siteId])).length > 0;
  }

  async teamSiteId(em: EntityManager, teamId: string): Promise<string | null> {
    const rows: Array<{ site_id: string }> = await em.query(`SELECT site_id FROM teams WHERE id = $1`, [teamId]);
    return rows[0]?.site_id ?? null;
  }
}
