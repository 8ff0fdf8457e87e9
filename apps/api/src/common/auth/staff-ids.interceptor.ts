import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import type { AuthUser } from './auth-user';

/**
 * Fields that hold the user id of whoever acted (staff or a leader). Volunteers (leaders included) get null there
 * and see the name the answer carries next to it (`confirmedByName` …): a staff login's id never reaches them
 * (issue 14: a county admin's user id reached volunteers through `confirmedBy`).
 */
export const ACTOR_ID_FIELDS = ['confirmedBy', 'signedUpBy', 'decidedBy', 'recordedBy', 'createdBy', 'actorUserId'] as const;

const MAX_DEPTH = 6;

function strip(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (const v of value) strip(v, depth + 1);
    return value;
  }
  // only plain answer objects (not files, streams, buffers, dates)
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const o = value as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if ((ACTOR_ID_FIELDS as readonly string[]).includes(k)) {
      if (o[k] !== null && o[k] !== undefined) o[k] = null;
    } else if (o[k] !== null && typeof o[k] === 'object') {
      strip(o[k], depth + 1);
    }
  }
  return value;
}

@Injectable()
export class StaffIdsInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest();
    const user: AuthUser | undefined = req?.user;
    if (user && user.role !== 'volunteer') return next.handle();
    // a deferred login (check-in, see DeferredSession) is known only once the handler has checked it
    return next.handle().pipe(map((body) => ((req?.user as AuthUser | undefined)?.role === 'volunteer' ? strip(body, 0) : body)));
  }
}
