import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { StatsFilter } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { AppError } from '../../common/errors/app-error';
import { StatsRepository } from './stats.repository';

// the filter's SQL conditions live with the module's SQL
export { filterConditions, whereSql } from './stats.repository';

/** A statistics filter after scope: concrete site and team sets (null = no restriction). */
export interface ResolvedFilter {
  filter: StatsFilter;
  siteIds: string[] | null;
  teamIds: string[] | null;
  /** siteIds are exactly the sites of filter.townId (a county admin's town filter, nothing else on sites) */
  townOnly?: boolean;
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
    private readonly repo: StatsRepository,
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
      const level = await this.repo.townLevel(em, f.townId);
      if (level === null) throw AppError.notFound('乡镇');
      if (level !== 'town') throw AppError.validation([{ field: 'townId', message: 'townId 必须是乡镇一级的行政区划' }]);
      const townSites = await this.repo.townSiteIds(em, f.townId);
      if (scopeSites && !intersect(scopeSites, townSites).length) throw AppError.outOfScope('该乡镇不在您的管理范围内');
      siteIds = intersect(siteIds, townSites);
    }
    if (f.siteId) {
      if (!(await this.repo.siteExists(em, f.siteId))) throw AppError.notFound('阵地');
      if (scopeSites && !scopeSites.includes(f.siteId)) throw AppError.outOfScope('该阵地不在您的管理范围内');
      siteIds = intersect(siteIds, await this.scope.subtree(f.siteId, em));
    }
    if (f.teamId) {
      const teamSiteId = await this.repo.teamSiteId(em, f.teamId);
      if (teamSiteId === null) throw AppError.notFound('队伍');
      if (scopeSites && !scopeSites.includes(teamSiteId)) throw AppError.outOfScope('该队伍不在您的管理范围内');
      if (ledTeams && !ledTeams.includes(f.teamId)) throw AppError.outOfScope('您不是该队伍的队长');
      teamIds = intersect(teamIds, [f.teamId]);
    }
    return { filter: f, siteIds, teamIds, townOnly: !!f.townId && !f.siteId && scopeSites === null && ledTeams === null };
  }
}
