import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@wenming/shared';
import type { AuthUser } from './auth-user';
import type { DeferredSession } from './session';

export const IS_PUBLIC = 'isPublic';
export const ROLES = 'roles';
export const DEFER_SESSION = 'deferSession';

/** No login needed. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/** Only these stored roles may call (leadership is checked by the service through ScopeService). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/**
 * The guard verifies the token only; the handler checks the login itself (with `@Session()` and resolveSession, or
 * folded into its statement). For routes without roles whose service does the check on every path (check-in).
 */
export const DeferSessionCheck = () => SetMetadata(DEFER_SESSION, true);

/** The caller's login on a `@DeferSessionCheck()` route (checked or not yet, see DeferredSession). */
export const Session = createParamDecorator((_: unknown, ctx: ExecutionContext): DeferredSession => {
  return ctx.switchToHttp().getRequest().session;
});

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest().user;
});

/** The caller if logged in, else undefined (for public endpoints that behave better with a login). */
export const OptionalUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser | undefined => {
  return ctx.switchToHttp().getRequest().user;
});
