import type { Role } from '@wenming/shared';
import { AppError } from '../errors/app-error';
import type { Queryable } from '../../database/sql';
import type { AuthUser } from './auth-user';
import { findSessionUser, type SessionUserRow } from './auth-user.repository';

/**
 * The login a request carries, checked or not yet (issue 15): on a route marked `@DeferSessionCheck()` the guard
 * only verifies the token's signature and leaves the database check (login exists, not disabled, token version) to
 * the route's own statement — the check-in folds it into its one round trip. `user` is set once it has been checked;
 * `req.user` reads it, so the interceptors and the access log see the login as on every other route.
 */
export class DeferredSession {
  user: AuthUser | undefined;
  constructor(
    readonly userId: string,
    readonly tokenVersion: number,
  ) {}
}

/** Why a token no longer counts → the guard's 401 (its messages, unchanged). */
export function sessionError(why: 'no_user' | 'disabled' | 'stale_token'): AppError {
  return AppError.unauthenticated(
    why === 'no_user' ? '账号不存在，请重新登录' : why === 'disabled' ? '该账号已停用，请联系管理员' : '登录已失效（密码或权限已变更，或已退出登录），请重新登录',
  );
}

/** The guard's verdict on a login row for a token of version `ver` (the same messages the guard always gave). */
export function judgeSessionRow(row: SessionUserRow | undefined, ver: number): { user: AuthUser } | { error: AppError } {
  if (row && !row.disabled && ver === row.tokenVersion) {
    const { tokenVersion: _v, disabled: _d, ...user } = row;
    return { user };
  }
  return { error: sessionError(!row ? 'no_user' : row.disabled ? 'disabled' : 'stale_token') };
}

/** The checked login of a deferred session (reads it once, as the guard would have; throws its 401). */
export async function resolveSession(db: Queryable, s: DeferredSession): Promise<AuthUser> {
  if (s.user) return s.user;
  const verdict = judgeSessionRow(await findSessionUser(db, s.userId), s.tokenVersion);
  if ('error' in verdict) throw verdict.error;
  s.user = verdict.user;
  return s.user;
}

/** The login a check-in statement returned → the caller (the same fields the guard loads). */
export function sessionUserOf(r: {
  user_id: string | null;
  user_phone: string | null;
  user_role: string | null;
  user_site_id: string | null;
  user_volunteer_id: string | null;
}): AuthUser {
  return { id: r.user_id!, phone: r.user_phone!, role: r.user_role as Role, siteId: r.user_site_id, volunteerId: r.user_volunteer_id };
}
