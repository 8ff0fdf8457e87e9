import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { READ_DB } from '../../database/read-database.module';
import {
  ACTIVITY_CATEGORIES,
  ACTIVITY_CATEGORY_LABELS,
  ACTIVITY_KINDS,
  ACTIVITY_KIND_LABELS,
  TEAM_TYPES,
  TEAM_TYPE_LABELS,
  minutesToHours,
  type BreakdownResponse,
  type BreakdownRow,
  type ServiceDaysResponse,
  type StatsBreakdownBy,
  type StatsFigures,
  type StatsFilter,
  type StatsSummaryResponse,
} from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { filterConditions, StatsScopeResolver, whereSql, type ResolvedFilter } from './stats-scope';
import { townIdOf } from '../../common/sql/names';

/** Label of breakdown rows with no town: activities of county-level (center) sites. */
export const COUNTY_LEVEL_LABEL = '县级';
export const BREAKDOWN_NOTES = 'volunteers in total is distinct over the whole filter, not the sum of rows';

interface RawFigures {
  activities: string | number | null;
  person_times: string | number | null;
  service_minutes: string | number | null;
  audience_reached: string | number | null;
}

export function figures(r: RawFigures | undefined, volunteers: number | string | null | undefined): StatsFigures {
  const serviceMinutes = Number(r?.service_minutes ?? 0);
  return {
    activities: Number(r?.activities ?? 0),
    personTimes: Number(r?.person_times ?? 0),
    volunteers: Number(volunteers ?? 0),
    serviceMinutes,
    serviceHours: minutesToHours(serviceMinutes),
    audienceReached: Number(r?.audience_reached ?? 0),
  };
}

const SUMS = `coalesce(sum(d.activities), 0) AS activities, coalesce(sum(d.person_times), 0) AS person_times,
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

/** Options of the figures queries; `bitmap: false` forces the stats_daily_volunteers path (tests compare both). */
export interface StatsQueryOptions {
  bitmap?: boolean;
}

/** Statistics read only from the roll-ups (stats_daily, stats_daily_volunteers) and the small dimension tables. */
@Injectable()
export class StatsService {
  constructor(
    @Inject(READ_DB) private readonly db: DataSource,
    private readonly resolver: StatsScopeResolver,
  ) {}

  resolve(user: AuthUser, f: StatsFilter): Promise<ResolvedFilter> {
    return this.resolver.resolve(user, clean(f));
  }

  async summary(user: AuthUser, f: StatsFilter): Promise<StatsSummaryResponse> {
    const r = await this.resolve(user, f);
    return { filter: r.filter, ...(await this.totals(r)) };
  }

  async totals(r: ResolvedFilter, opts: StatsQueryOptions = {}): Promise<StatsFigures> {
    const p1: unknown[] = [];
    const w1 = whereSql(filterConditions(r, p1));
    const p2: unknown[] = [];
    const fast = opts.bitmap !== false;
    let volSql: string;
    if (fast && bitmapApplies(r)) volSql = bitmapVolunteersSql(r, whereSql(bitmapConditions(r, p2)));
    else if (fast && teamBitmapApplies(r)) volSql = teamBitmapVolunteersSql(whereSql(teamBitmapConditions(r, p2)));
    // GROUP BY (hash aggregate) instead of count(DISTINCT …) (which sorts): ~3× faster on millions of rows
    else volSql = `SELECT count(*) AS n FROM (SELECT d.volunteer_id FROM stats_daily_volunteers d ${whereSql(filterConditions(r, p2))} GROUP BY d.volunteer_id) x`;
    const [[sums], [vol]] = await Promise.all([this.db.query(`SELECT ${SUMS} FROM stats_daily d ${w1}`, p1), this.db.query(volSql, p2)]);
    return figures(sums, vol.n);
  }

  async breakdown(user: AuthUser, q: StatsFilter & { by: StatsBreakdownBy }): Promise<BreakdownResponse> {
    const { by, ...f } = q;
    const r = await this.resolve(user, f);
    return this.breakdownResolved(r, by);
  }

  async breakdownResolved(r: ResolvedFilter, by: StatsBreakdownBy, opts: StatsQueryOptions = {}): Promise<BreakdownResponse> {
    const key = KEY[by];
    const p1: unknown[] = [];
    const w1 = whereSql(filterConditions(r, p1));
    const p2: unknown[] = [];
    const fast = opts.bitmap !== false;
    // by town/site the site bitmaps answer both the per-row and the whole-filter distinct count; by team/team type
    // the team bitmaps answer the rows, and the whole filter comes from whichever bitmap applies
    const bitmap = fast && bitmapApplies(r) && (by === 'town' || by === 'site');
    const teamKeys = fast && teamKeyBitmapApplies(r, by);
    let byKeySql: string;
    if (teamKeys) byKeySql = teamBitmapByKeySql(by as 'team' | 'teamType', whereSql(teamBitmapConditions(r, p2)));
    else byKeySql = volunteersByKeySql(by, whereSql(bitmap ? bitmapConditions(r, p2) : filterConditions(r, p2)), bitmap);
    const p3: unknown[] = [];
    let totalSql: string | null = null;
    if (bitmap || (teamKeys && bitmapApplies(r))) totalSql = bitmapVolunteersSql(r, whereSql(bitmapConditions(r, p3)));
    else if (teamKeys) totalSql = teamBitmapVolunteersSql(whereSql(teamBitmapConditions(r, p3)));
    const [sumRows, volAll, bitmapTotal]: [Array<RawFigures & { key: string | null }>, Array<{ grp: number; key: string | null; n: string }>, Array<{ n: string }> | null] = await Promise.all([
      by === 'town'
        ? // by site first (a few hundred rows), then map sites to towns: ~3× faster than joining every roll-up row
          this.db.query(`SELECT m.key, ${SUMS} FROM (SELECT d.site_id, ${SUMS} FROM stats_daily d ${w1} GROUP BY 1) d JOIN (${TOWN_OF_SITE}) m ON m.id = d.site_id GROUP BY 1`, p1)
        : this.db.query(`SELECT ${key.expr} AS key, ${SUMS} FROM stats_daily d ${key.join} ${w1} GROUP BY 1`, p1),
      this.db.query(byKeySql, p2),
      totalSql ? this.db.query(totalSql, p3) : Promise.resolve(null),
    ]);
    // the bitmap path counts the whole filter in its own query
    if (bitmapTotal) volAll.push({ grp: 1, key: null, n: bitmapTotal[0].n });
    const volRows = volAll.filter((v) => Number(v.grp) === 0);
    // every roll-up row falls in exactly one key, so the total of the additive figures is the sum of the rows
    const add = (k: keyof RawFigures) => sumRows.reduce((acc, x) => acc + Number(x[k] ?? 0), 0);
    const total = figures(
      { activities: add('activities'), person_times: add('person_times'), service_minutes: add('service_minutes'), audience_reached: add('audience_reached') },
      volAll.find((v) => Number(v.grp) === 1)?.n ?? 0,
    );
    const vol = new Map(volRows.map((v) => [v.key, v.n]));
    const keys = new Set<string | null>([...sumRows.map((s) => s.key), ...volRows.map((v) => v.key)]);
    const sums = new Map(sumRows.map((s) => [s.key, s]));
    const labels = await this.labels(by, [...keys].filter((k): k is string => k !== null));
    const rows: Array<BreakdownRow & { order: string | number }> = [...keys].map((k) => ({
      key: k,
      label: k === null ? COUNTY_LEVEL_LABEL : (labels.get(k)?.label ?? k),
      order: k === null ? '' : (labels.get(k)?.order ?? k),
      ...figures(sums.get(k), vol.get(k)),
    }));
    rows.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
    return { by, filter: r.filter, rows: rows.map(({ order: _o, ...row }) => row), total, notes: BREAKDOWN_NOTES };
  }

  /** Chinese labels and sort order of breakdown keys. */
  private async labels(by: StatsBreakdownBy, keys: string[]): Promise<Map<string, { label: string; order: string | number }>> {
    const m = new Map<string, { label: string; order: string | number }>();
    const enumLabels = (values: readonly string[], labels: Record<string, string>) =>
      keys.forEach((k) => m.set(k, { label: labels[k] ?? k, order: String(values.indexOf(k)).padStart(3, '0') }));
    switch (by) {
      case 'town': {
        const rows: Array<{ id: string; name: string; code: string }> = keys.length
          ? await this.db.query(`SELECT id, name, code FROM regions WHERE id = ANY($1::uuid[])`, [keys])
          : [];
        rows.forEach((r) => m.set(r.id, { label: r.name, order: `1${r.code}` }));
        break;
      }
      case 'site': {
        const rows: Array<{ id: string; name: string; path: string }> = keys.length
          ? await this.db.query(
              `SELECT s.id, s.name, coalesce(r.code, '') || CASE s.level WHEN 'center' THEN '0' WHEN 'institute' THEN '1' ELSE '2' END || s.name AS path
               FROM sites s JOIN regions r ON r.id = s.region_id WHERE s.id = ANY($1::uuid[])`,
              [keys],
            )
          : [];
        rows.forEach((r) => m.set(r.id, { label: r.name, order: r.path }));
        break;
      }
      case 'team': {
        const rows: Array<{ id: string; name: string }> = keys.length
          ? await this.db.query(`SELECT id, name FROM teams WHERE id = ANY($1::uuid[])`, [keys])
          : [];
        rows.forEach((r) => m.set(r.id, { label: r.name, order: r.name }));
        break;
      }
      case 'teamType':
        enumLabels(TEAM_TYPES, TEAM_TYPE_LABELS);
        break;
      case 'category':
        enumLabels(ACTIVITY_CATEGORIES, ACTIVITY_CATEGORY_LABELS);
        break;
      case 'kind':
        enumLabels(ACTIVITY_KINDS, ACTIVITY_KIND_LABELS);
        break;
      default:
        keys.forEach((k) => m.set(k, { label: k, order: k }));
    }
    return m;
  }

  async serviceDays(user: AuthUser, f: StatsFilter): Promise<ServiceDaysResponse> {
    const r = await this.resolve(user, f);
    const extra = [`d.kind = 'service_day'`, `extract(isodow FROM d.day) = 5`];
    const p1: unknown[] = [];
    const w1 = whereSql([...filterConditions(r, p1), ...extra]);
    const p2: unknown[] = [];
    const w2 = whereSql([...filterConditions(r, p2), ...extra]);
    const p3: unknown[] = [];
    const w3 = whereSql([...filterConditions(r, p3), ...extra]);
    const p4: unknown[] = [];
    const w4 = whereSql([...filterConditions(r, p4), ...extra]);
    const [days, vols, [tot], [totVol]] = await Promise.all([
      this.db.query(`SELECT to_char(d.day, 'YYYY-MM-DD') AS date, ${SUMS}, count(DISTINCT d.team_id) AS teams FROM stats_daily d ${w1} GROUP BY d.day ORDER BY d.day`, p1),
      this.db.query(`SELECT to_char(d.day, 'YYYY-MM-DD') AS date, count(DISTINCT d.volunteer_id) AS n FROM stats_daily_volunteers d ${w2} GROUP BY d.day`, p2),
      this.db.query(`SELECT ${SUMS}, count(DISTINCT d.team_id) AS teams FROM stats_daily d ${w3}`, p3),
      this.db.query(`SELECT count(*) AS n FROM (SELECT d.volunteer_id FROM stats_daily_volunteers d ${w4} GROUP BY d.volunteer_id) x`, p4),
    ]);
    const vol = new Map<string, string>(vols.map((v: { date: string; n: string }) => [v.date, v.n]));
    const row = (x: RawFigures & { teams: string }, v: string | undefined) => {
      const { audienceReached: _a, ...fig } = figures(x, v);
      return { ...fig, teams: Number(x.teams ?? 0) };
    };
    return {
      filter: r.filter,
      rows: days.map((d: RawFigures & { teams: string; date: string }) => ({ date: d.date, ...row(d, vol.get(d.date)) })),
      total: row(tot, totVol.n),
    };
  }
}

/** Only the filter fields (drops by/format and undefined values). */
export function clean(f: StatsFilter): StatsFilter {
  const out: StatsFilter = {};
  for (const k of ['from', 'to', 'townId', 'siteId', 'teamId', 'teamType', 'category', 'kind'] as const) {
    if (f[k] !== undefined && f[k] !== '') (out as Record<string, string>)[k] = f[k] as string;
  }
  return out;
}
