import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import type { ScopeService } from '../../common/auth/scope.service';
import { AppError } from '../../common/errors/app-error';
import type { OrderScope } from './service-orders.repository';

/** Admins: orders of sites in their scope. Leaders: orders dispatched to (or served by) teams they lead. */
export async function orderScopeOf(scope: ScopeService, user: AuthUser, em?: EntityManager): Promise<OrderScope> {
  if (scope.isAdmin(user)) {
    const ids = await scope.adminSiteIds(user, em);
    return ids === null ? { kind: 'all' } : { kind: 'sites', siteIds: ids };
  }
  const teams = await scope.ledTeamIds(user, em);
  if (!teams.length) throw AppError.forbidden('只有管理员和队长可以查看点单');
  return { kind: 'teams', teamIds: teams };
}

/** A site filter of an admin must lie in the admin's scope (a leader's list is bounded by the teams anyway). */
export async function assertOrderSiteFilter(scope: ScopeService, user: AuthUser, siteId: string | undefined): Promise<void> {
  if (siteId && scope.isAdmin(user)) await scope.assertSiteInScope(user, siteId);
}
