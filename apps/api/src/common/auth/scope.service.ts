import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../errors/app-error';
import type { AuthUser } from './auth-user';

/**
 * The one scope check every module reuses.
 * county_admin: everything; site_admin: its site and the sites below it;
 * a volunteer: itself, plus the teams it leads (membership role `leader`).
 */
@Injectable()
export class ScopeService {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

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
    const rows: Array<{ id: string }> = await em.query(
      `WITH RECURSIVE t AS (SELECT id FROM sites WHERE id = $1 UNION ALL SELECT s.id FROM sites s JOIN t ON s.parent_id = t.id)
       SELECT id FROM t`,
      [siteId],
    );
    return rows.map((r) => r.id);
  }

  async ledTeamIds(user: AuthUser, em: EntityManager = this.db.manager): Promise<string[]> {
    if (!user.volunteerId) return [];
    const rows: Array<{ team_id: string }> = await em.query(
      `SELECT team_id FROM team_memberships WHERE volunteer_id = $1 AND role = 'leader'`,
      [user.volunteerId],
    );
    return rows.map((r) => r.team_id);
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
    const rows = await em.query(
      `SELECT 1 FROM team_memberships WHERE team_id = $1 AND volunteer_id = $2 AND role = 'leader'`,
      [teamId, user.volunteerId],
    );
    return rows.length > 0;
  }

  /** Admin over the team's site, or a leader of the team. Throws 404 if the team is missing, 403 if out of scope. */
  async assertCanManageTeam(user: AuthUser, teamId: string, em: EntityManager = this.db.manager): Promise<{ siteId: string }> {
    const rows: Array<{ site_id: string }> = await em.query(`SELECT site_id FROM teams WHERE id = $1`, [teamId]);
    if (!rows.length) throw AppError.notFound('队伍');
    const siteId = rows[0].site_id;
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
      const rows: Array<{ site_id: string }> = await em.query(`SELECT site_id FROM teams WHERE id = $1`, [a.teamId]);
      if (rows.length && scope.includes(rows[0].site_id)) return;
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
    const site = await em.query(`SELECT 1 FROM sites WHERE id = $1`, [siteId]);
    if (!site.length) throw AppError.notFound('阵地');
    await this.assertSiteInScope(user, siteId, em);
  }

  /**
   * `?teamId=`: admins — the team's site in their subtree, or above their site (a county or town team serves the
   * stations below it, so its rows can be in scope); everyone else — a team they lead.
   */
  async assertTeamFilter(user: AuthUser, teamId: string | undefined, em: EntityManager = this.db.manager): Promise<void> {
    if (!teamId) return;
    const rows: Array<{ site_id: string }> = await em.query(`SELECT site_id FROM teams WHERE id = $1`, [teamId]);
    if (!rows.length) throw AppError.notFound('队伍');
    if (this.isAdmin(user)) {
      if (await this.isSiteInScope(user, rows[0].site_id, em)) return;
      const above = user.siteId
        ? await em.query(
            `WITH RECURSIVE up AS (SELECT id, parent_id FROM sites WHERE id = $1 UNION ALL SELECT s.id, s.parent_id FROM sites s JOIN up ON s.id = up.parent_id)
             SELECT 1 FROM up WHERE id = $2`,
            [user.siteId, rows[0].site_id],
          )
        : [];
      if (!above.length) throw AppError.outOfScope('该队伍不在您的管理范围内');
    } else if (!(await this.isLeaderOf(user, teamId, em))) {
      throw AppError.outOfScope('您不是该队伍的队长');
    }
  }

  /** `?townId=` of an admin's list: some site of the town must lie in the admin's subtree. */
  async assertTownFilter(user: AuthUser, townId: string | undefined, em: EntityManager = this.db.manager): Promise<void> {
    if (!townId || !this.isAdmin(user)) return;
    const town = await em.query(`SELECT level FROM regions WHERE id = $1`, [townId]);
    if (!town.length) throw AppError.notFound('乡镇');
    const scope = await this.adminSiteIds(user, em);
    if (scope === null) return;
    const hit = await em.query(
      `SELECT 1 FROM sites s JOIN regions r ON r.id = s.region_id WHERE (r.id = $1 OR r.parent_id = $1) AND s.id = ANY($2::uuid[]) LIMIT 1`,
      [townId, scope],
    );
    if (!hit.length) throw AppError.outOfScope('该乡镇不在您的管理范围内');
  }
}
