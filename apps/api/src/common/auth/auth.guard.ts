import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import type { Role } from '@wenming/shared';
import { AppError } from '../errors/app-error';
import { DEFER_SESSION, IS_PUBLIC, ROLES } from './decorators';
import type { AuthUser } from './auth-user';
import { findSessionUser } from './auth-user.repository';
import { DeferredSession, judgeSessionRow } from './session';

/**
 * Global guard: bearer JWT → req.user (re-read from the database so role changes apply at once). A token whose
 * `ver` is not the login's current token_version, or of a disabled login, is refused (401).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @Inject(DataSource) private readonly db: DataSource,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets);
    const req = ctx.switchToHttp().getRequest();
    const header: string | undefined = req.headers?.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;

    let user: AuthUser | undefined;
    if (token) {
      let claims: { sub?: string; ver?: number } | undefined;
      try {
        claims = await this.jwt.verifyAsync<{ sub: string; ver?: number }>(token);
      } catch {
        if (!isPublic) throw AppError.unauthenticated('登录已过期或无效，请重新登录');
      }
      const sub = claims?.sub;
      if (sub && /^[0-9a-f-]{36}$/i.test(sub)) {
        if (!isPublic && this.reflector.getAllAndOverride<boolean>(DEFER_SESSION, targets) && !this.reflector.getAllAndOverride(ROLES, targets)) {
          // the handler checks the login in its own statement (check-in, issue 15); req.user follows once it has
          const session = new DeferredSession(sub, claims!.ver ?? 0);
          req.session = session;
          Object.defineProperty(req, 'user', { get: () => session.user, configurable: true, enumerable: true });
          return true;
        }
        // the one indexed lookup per request (primary key): the login as it is now, and its token version
        // a token issued before a password change, role change, logout or disabling carries an older version
        const verdict = judgeSessionRow(await findSessionUser(this.db, sub), claims!.ver ?? 0);
        if ('user' in verdict) user = verdict.user;
        else if (!isPublic) throw verdict.error;
      }
    }
    if (user) req.user = user;
    if (isPublic) return true;
    if (!user) throw AppError.unauthenticated();

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(user.role)) throw AppError.forbidden();
    return true;
  }
}
