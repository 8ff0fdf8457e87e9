import { Injectable } from '@nestjs/common';
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
import { StatsScopeResolver, type ResolvedFilter } from './stats-scope';
import { StatsRepository, type NameRow, type RawFigures } from './stats.repository';

// the fast-path predicates live with their SQL; the property tests import them from here
export { bitmapApplies, teamBitmapApplies } from './stats.repository';

/** Label of breakdown rows with no town: activities of county-level (center) sites. */
export const COUNTY_LEVEL_LABEL = '县级';
export const BREAKDOWN_NOTES = 'volunteers in total is distinct over the whole filter, not the sum of rows';

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

/** Options of the figures queries; `bitmap: false` forces the stats_daily_volunteers path (tests compare both). */
export interface StatsQueryOptions {
  bitmap?: boolean;
}

/** Statistics read only from the roll-ups (stats_daily, stats_daily_volunteers) and the small dimension tables. */
@Injectable()
export class StatsService {
  constructor(
    private readonly repo: StatsRepository,
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
    const { sums, volunteers } = await this.repo.totals(r, opts.bitmap !== false);
    return figures(sums, volunteers);
  }

  async breakdown(user: AuthUser, q: StatsFilter & { by: StatsBreakdownBy }): Promise<BreakdownResponse> {
    const { by, ...f } = q;
    const r = await this.resolve(user, f);
    return this.breakdownResolved(r, by);
  }

  async breakdownResolved(r: ResolvedFilter, by: StatsBreakdownBy, opts: StatsQueryOptions = {}): Promise<BreakdownResponse> {
    // the names are read in the figures' own statement: every site, team or town the filter can reach
    const { sumRows, volAll, names } = await this.repo.breakdown(r, by, opts.bitmap !== false, this.repo.namesSql(by, labelScope(r, by)));
    const labels = this.labels(by, names);
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
    // a key outside that scope (a team that has since moved to a site outside it) is named in a second read
    const unnamed = [...keys].filter((k): k is string => k !== null && !labels.has(k));
    if (unnamed.length) this.labels(by, await this.repo.names(by, unnamed), unnamed).forEach((v, k) => labels.set(k, v));
    const rows: Array<BreakdownRow & { order: string | number }> = [...keys].map((k) => ({
      key: k,
      label: k === null ? COUNTY_LEVEL_LABEL : (labels.get(k)?.label ?? k),
      order: k === null ? '' : (labels.get(k)?.order ?? k),
      ...figures(sums.get(k), vol.get(k)),
    }));
    rows.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
    return { by, filter: r.filter, rows: rows.map(({ order: _o, ...row }) => row), total, notes: BREAKDOWN_NOTES };
  }

  /**
   * Chinese labels and sort order of breakdown keys: towns, sites and teams from their `names` rows; enums: every value
   * (`keys`: only those); month and week keys name themselves (the caller's fallback), or `keys` when given.
   */
  private labels(by: StatsBreakdownBy, names: NameRow[], keys: string[] | null = null): Map<string, { label: string; order: string | number }> {
    const m = new Map<string, { label: string; order: string | number }>();
    const enumLabels = (values: readonly string[], labels: Record<string, string>) =>
      (keys ?? values).forEach((k) => m.set(k, { label: labels[k] ?? k, order: String(values.indexOf(k)).padStart(3, '0') }));
    switch (by) {
      case 'town':
        names.forEach((r) => m.set(r.id, { label: r.name, order: `1${r.code}` }));
        break;
      case 'site':
        names.forEach((r) => m.set(r.id, { label: r.name, order: r.path ?? r.name }));
        break;
      case 'team':
        names.forEach((r) => m.set(r.id, { label: r.name, order: r.name }));
        break;
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
        keys?.forEach((k) => m.set(k, { label: k, order: k }));
    }
    return m;
  }

  async serviceDays(user: AuthUser, f: StatsFilter): Promise<ServiceDaysResponse> {
    const r = await this.resolve(user, f);
    const { days, vols, total, totalVolunteers } = await this.repo.serviceDays(r);
    const vol = new Map<string, string>(vols.map((v) => [v.date, v.n]));
    const row = (x: RawFigures & { teams: string }, v: string | undefined) => {
      const { audienceReached: _a, ...fig } = figures(x, v);
      return { ...fig, teams: Number(x.teams ?? 0) };
    };
    return {
      filter: r.filter,
      rows: days.map((d) => ({ date: d.date, ...row(d, vol.get(d.date)) })),
      total: row(total, totalVolunteers),
    };
  }
}

/** The ids a breakdown's keys can take, known before its figures: the scope's sites or teams, else all (`null`). */
function labelScope(r: ResolvedFilter, by: StatsBreakdownBy): string[] | null {
  if (by === 'site') return r.siteIds;
  if (by === 'team') return r.teamIds;
  return null;
}

/** Only the filter fields (drops by/format and undefined values). */
export function clean(f: StatsFilter): StatsFilter {
  const out: StatsFilter = {};
  for (const k of ['from', 'to', 'townId', 'siteId', 'teamId', 'teamType', 'category', 'kind'] as const) {
    if (f[k] !== undefined && f[k] !== '') (out as Record<string, string>)[k] = f[k] as string;
  }
  return out;
}
