import { TIME_ZONE } from '@wenming/shared';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { AuthRepository } from './auth.repository';

export const MAX_LOGIN_FAILURES = 10;
export const LOCK_MINUTES = 15;

/** "HH:mm" in Asia/Shanghai, for the message that says when a lock ends. */
export function shanghaiTime(d: Date): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
}

/**
 * Per-account login throttling, next to the per-IP limit: 10 failed logins for a phone (within 15 minutes of each
 * other) lock it for 15 minutes. Stored in PostgreSQL (login_throttle) so every API process sees the same count.
 *
 * Every attempt is counted BEFORE the password is checked (one atomic UPDATE … RETURNING), so 100 concurrent tries
 * from 100 addresses cannot all slip past the check; a correct password then clears the count. Unknown phones are
 * counted the same way, so the lock does not reveal which phones have a login.
 */
@Injectable()
export class LoginThrottleService {
  constructor(private readonly repo: AuthRepository) {}

  /** Counts the attempt; throws 429 ACCOUNT_LOCKED when the phone is locked (or this attempt is over the limit). */
  async begin(phone: string): Promise<void> {
    const row = await this.repo.countLoginAttempt(phone, LOCK_MINUTES, MAX_LOGIN_FAILURES);
    const lockedUntil = row?.locked_until ? new Date(row.locked_until) : null;
    if (lockedUntil && lockedUntil.getTime() > Date.now()) throw lockedError(lockedUntil);
  }

  /** A correct password: forget the failures. */
  async succeeded(phone: string): Promise<void> {
    await this.repo.forgetFailures(phone);
  }

  /** Clears a lock (a county admin reset the password). */
  async clear(phone: string, em: EntityManager): Promise<void> {
    await this.repo.clearThrottle(em, phone);
  }
}

export function lockedError(until: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  return new AppError(
    429,
    'ACCOUNT_LOCKED',
    `密码错误次数过多，该账号已锁定，请于 ${shanghaiTime(until)}（北京时间，约 ${Math.ceil(seconds / 60)} 分钟后）再试，或联系管理员重置密码`,
    undefined,
    { lockedUntil: until.toISOString(), retryAfter: seconds },
  );
}
