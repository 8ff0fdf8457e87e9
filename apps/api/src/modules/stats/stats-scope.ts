import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { StatsFilter } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { AppError } from '../../common/errors/app-error';

/** A statistics filter after scope: concrete site and team sets (null = no restriction). */
export interface ResolvedFilter {
  filter: StatsFilter;
  siteIds: string[] | null;
  teamIds: string[] | null;
}

function intersect(a: string[] | null, b: string[]): string[] {
  if (a === null) return b;
  const set = new Set(b);
  return a.filter((x) => set.has(x));
}

/**
 * Turns the caller + filter into site/team sets: a site admin sees its subtree only, a leader only the teams
 * they lead, a plain volunteer nothing (403). A filter naming something outside the caller's scope is 403,
 * something missing is 404.
 */
@Injectable()
export class StatsScopeResolver {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly scope: ScopeService,
  ) {}

  async resolve(user: AuthUser, f: StatsFilter, em: EntityManager = this.db.manager): Promise<ResolvedFilter> {
    let siteIds: string[] | null = null;
    let teamIds: string[] | null = null;
    let scopeSites: string[] | null = null;
    let ledTeams: string[] | null = null;
    if (user.role === 'county_admin' || user.role === 'site_admin') {
      scopeSites = await this.scope.adminSiteIds(user, em);
      siteIds = scopeSites;
    } else {
      ledTeams = await this.scope.ledTeamIds(user, em);
      if (!ledTeams.length) throw AppError.forbidden('只有管理员和队长可以查看统计', 'STATS_SCOPE_REQUIRED');
      teamIds = ledTeams;
    }

    if (f.townId) {
      const town = await em.query(`SELECT level FROM regions WHERE id = $1`, [f.townId]);
      if (!town.length) throw AppError.notFound('乡镇');
      if (town[0].level !== 'town') throw AppError.validation([{ field: 'townId', message: 'townId 必须是乡镇一级的行政区划' }]);
      const rows: Array<{ id: string }> = await em.query(
        `SELECT s.id FROM sites s JOIN regions r ON r.id = s.region_id WHERE r.id = $1 OR r.parent_id = $1`,
        [f.townId],
      );
      const townSites = rows.map((r) => r.id);
      if (scopeSites && !intersect(scopeSites, townSites).length) throw AppError.outOfScope('该乡镇不在您的管理范围内');
      siteIds = intersect(siteIds, townSites);
    }
    if (f.siteId) {
      const site = await em.query(`SELECT 1 FROM sites WHERE id = $1`, [f.siteId]);
      if (!site.length) throw AppError.notFound('阵地');
      if (scopeSites && !scopeSites.includes(f.siteId)) throw AppError.outOfScope('该阵地不在您的管理范围内');
      siteIds = intersect(siteIds, await this.scope.subtree(f.siteId, em));
    }
    if (f.teamId) {
      const team: Array<{ site_id: string }> = await em.query(`SELECT site_id FROM teams WHERE id = $1`, [f.teamId]);
      if (!team.length) throw AppError.notFound('队伍');
      if (scopeSites && !scopeSites.includes(team[0].site_id)) throw AppError.outOfScope('该队伍不在您的管理范围内');
      if (ledTeams && !ledTeams.includes(f.teamId)) throw AppError.outOfScope('您不是该队伍的队长');
      teamIds = intersect(teamIds, [f.teamId]);
    }
    return { filter: f, siteIds, teamIds };
  }
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
