import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../errors/app-error';
import type { AuthUser } from './auth-user';
import { ScopeRepository } from './scope.repository';

/**
 * The one scope check every module reuses.
 * county_admin: everything; site_admin: its site and the sites below it;
 * a volunteer: itself, plus the teams it leads (membership role `leader`).
 */
@Injectable()
export class ScopeService {
  private readonly repo: ScopeRepository;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Optional() repo?: ScopeRepository,
  ) {
    this.repo = repo ?? new ScopeRepository(db); // the CLI builds this service by hand (database/cli.ts)
  }

  isAdmin(user: AuthUser): boolean {
    return user.role === 'county_admin' || user.role === 'site_admin';
  }

  /** Site ids the caller administers; null = all (county admin); [] = none. */
  async adminSiteIds(user: AuthUser, em: EntityManager = this.db.manager): Promise<string[] | null> {
    if (user.role === 'county_admin') return null;
    if (user.role !== 'site_admin' || !user.siteId) return [];
    return this.subtree(user.siteId, em);
  }

  async subtree(siteId: string, em: EntityManager = this.db.manager): Promise<string[]> {
    return this.repo.subtreeSiteIds(siteId, em);
  }

  async ledTeamIds(user: AuthUser, em: EntityManager = this.db.manager): Promise<string[]> {
    if (!user.volunteerId) return [];
    return this.repo.ledTeamIds(user.volunteerId, em);
  }

  async isSiteInScope(user: AuthUser, siteId: string, em?: EntityManager): Promise<boolean> {
    const ids = await this.adminSiteIds(user, em);
    return ids === null || ids.includes(siteId);
  }

  async assertSiteInScope(user: AuthUser, siteId: string, em?: EntityManager): Promise<void> {
    if (!(await this.isSiteInScope(user, siteId, em))) throw AppError.outOfScope('该阵地不在您的管理范围内');
  }

  async isLeaderOf(user: AuthUser, teamId: string, em: EntityManager = this.db.manager): Promise<boolean> {
    if (!user.volunteerId) return false;
    return this.repo.isLeaderOf(teamId, user.volunteerId, em);
  }

  /** Admin over the team's site, or a leader of the team. Throws 404 if the team is missing, 403 if out of scope. */
  async assertCanManageTeam(user: AuthUser, teamId: string, em: EntityManager = this.db.manager): Promise<{ siteId: string }> {
    const siteId = await this.repo.teamSiteId(teamId, em);
    if (siteId === undefined) throw AppError.notFound('队伍');
    if (this.isAdmin(user)) {
      if (await this.isSiteInScope(user, siteId, em)) return { siteId };
    } else if (await this.isLeaderOf(user, teamId, em)) {
      return { siteId };
    }
    throw AppError.outOfScope('您不是该队伍的队长，也不管理其所属阵地');
  }

  /**
   * May the caller manage (edit, cancel, complete, take attendance of, show the check-in code of) an activity?
   * County admin: all. Site admin: the activity's venue OR its team's site lies in their subtree. Anyone else: a
   * leader of the activity's team (whatever the venue). 403 otherwise.
   */
  async assertCanManageActivity(user: AuthUser, a: { teamId: string; siteId: string }, em: EntityManager = this.db.manager): Promise<void> {
    if (this.isAdmin(user)) {
      const scope = await this.adminSiteIds(user, em);
      if (scope === null || scope.includes(a.siteId)) return;
      const teamSite = await this.repo.teamSiteId(a.teamId, em);
      if (teamSite !== undefined && scope.includes(teamSite)) return;
      throw AppError.outOfScope('该活动的地点和组织队伍都不在您的管理范围内');
    }
    if (await this.isLeaderOf(user, a.teamId, em)) return;
    throw AppError.outOfScope('您不是该活动所属队伍的队长');
  }

  /** SQL condition: activity alias `a` visible to / manageable by a site admin with the sites of `param` (a uuid[]). */
  static activityInSites(param: string, alias = 'a'): string {
    return `(${alias}.site_id = ANY(${param}::uuid[]) OR ${alias}.team_id IN (SELECT id FROM teams WHERE site_id = ANY(${param}::uuid[])))`;
  }

  // ---------- list filters: a filter outside the caller's scope is 403 OUT_OF_SCOPE, never an empty 200 ----------

  /** `?siteId=` of an admin's list: the site must lie in the admin's subtree (leaders' lists are bounded by team). */
  async assertSiteFilter(user: AuthUser, siteId: string | undefined, em: EntityManager = this.db.manager): Promise<void> {
    if (!siteId || !this.isAdmin(user)) return;
    if (!(await this.repo.siteExists(siteId, em))) throw AppError.notFound('阵地');
    await this.assertSiteInScope(user, siteId, em);
  }

  /**
   * `?teamId=`: admins — the team's site in their subtree, or above their site (a county or town team serves the
   * stations below it, so its rows can be in scope); everyone else — a team they lead.
   */
  async assertTeamFilter(user: AuthUser, teamId: string | undefined, em: EntityManager = this.db.manager): Promise<void> {
    if (!teamId) return;
    const teamSite = await this.repo.teamSiteId(teamId, em);
    if (teamSite === undefined) throw AppError.notFound('队伍');
    if (this.isAdmin(user)) {
      if (await this.isSiteInScope(user, teamSite, em)) return;
      const above = user.siteId ? await this.repo.isSiteOrAbove(user.siteId, teamSite, em) : false;
      if (!above) throw AppError.outOfScope('该队伍不在您的管理范围内');
    } else if (!(await this.isLeaderOf(user, teamId, em))) {
      throw AppError.outOfScope('您不是该队伍的队长');
    }
  }

  /** `?townId=` of an admin's list: some site of the town must lie in the admin's subtree. */
  async assertTownFilter(user: AuthUser, townId: string | undefined, em: EntityManager = this.db.manager): Promise<void> {
    if (!townId || !this.isAdmin(user)) return;
    if (!(await this.repo.regionExists(townId, em))) throw AppError.notFound('乡镇');
    const scope = await this.adminSiteIds(user, em);
    if (scope === null) return;
    if (!(await this.repo.townHasSiteAmong(townId, scope, em))) throw AppError.outOfScope('该乡镇不在您的管理范围内');
  }
}
