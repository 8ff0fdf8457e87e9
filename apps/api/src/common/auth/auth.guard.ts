import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import type { Role } from '@wenming/shared';
import { AppError } from '../errors/app-error';
import { IS_PUBLIC, ROLES } from './decorators';
import type { AuthUser } from './auth-user';

/** Global guard: bearer JWT → req.user (re-read from the database so role changes apply at once). */
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
      let sub: string | undefined;
      try {
        sub = (await this.jwt.verifyAsync<{ sub: string }>(token)).sub;
      } catch {
        if (!isPublic) throw AppError.unauthenticated('登录已过期或无效，请重新登录');
      }
      if (sub && /^[0-9a-f-]{36}$/i.test(sub)) {
        const rows = await this.db.query(
          `SELECT id, phone, role, site_id AS "siteId", volunteer_id AS "volunteerId" FROM users WHERE id = $1`,
          [sub],
        );
        user = rows[0];
        if (!user && !isPublic) throw AppError.unauthenticated('账号不存在，请重新登录');
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
