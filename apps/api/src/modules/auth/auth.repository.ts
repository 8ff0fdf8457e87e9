import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { mutateReturning, selectRows, type Queryable } from '../../database/sql';

/** The login-throttle counter after an attempt. */
export interface ThrottleRow {
  failures: number;
  locked_until: Date | null;
}

/**
 * All SQL of the auth module's own tables: login_throttle (failed logins per phone) and verification_codes
 * (one-time registration codes), plus the reads registration makes before it creates a login.
 */
@Injectable()
export class AuthRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  // ---- login_throttle

  /** Counts one attempt atomically (before the password is checked) and answers the counter. */
  async countLoginAttempt(phone: string, lockMinutes: number, maxFailures: number): Promise<ThrottleRow | undefined> {
    const rows = await selectRows<ThrottleRow>(
      this.db,
      `INSERT INTO login_throttle AS t (phone, failures, last_failure_at) VALUES ($1, 1, now())
       ON CONFLICT (phone) DO UPDATE SET
         failures = CASE WHEN t.locked_until > now() THEN t.failures
                         WHEN t.last_failure_at < now() - make_interval(mins => $2) THEN 1
                         ELSE t.failures + 1 END,
         last_failure_at = CASE WHEN t.locked_until > now() THEN t.last_failure_at ELSE now() END,
         locked_until = CASE WHEN t.locked_until > now() THEN t.locked_until
                             WHEN t.last_failure_at >= now() - make_interval(mins => $2) AND t.failures + 1 > $3
                               THEN now() + make_interval(mins => $2)
                             ELSE NULL END
       RETURNING failures, locked_until`,
      [phone, lockMinutes, maxFailures],
    );
    return rows[0];
  }

  /** Forgets the failures of a phone that is not locked. */
  async forgetFailures(phone: string): Promise<void> {
    await this.db.query(`DELETE FROM login_throttle WHERE phone = $1 AND (locked_until IS NULL OR locked_until <= now())`, [phone]);
  }

  /** Clears the counter and any lock. */
  async clearThrottle(em: Queryable, phone: string): Promise<void> {
    await em.query(`DELETE FROM login_throttle WHERE phone = $1`, [phone]);
  }

  // ---- verification_codes

  /** Stores a new code unless one was sent less than `resendAfterSeconds` ago; false when refused. */
  async storeCode(phone: string, codeHash: string, ttlSeconds: number, resendAfterSeconds: number): Promise<boolean> {
    const rows = await selectRows(
      this.db,
      `INSERT INTO verification_codes AS c (phone, code_hash, attempts, sent_at, expires_at)
       VALUES ($1, $2, 0, now(), now() + make_interval(secs => $3))
       ON CONFLICT (phone) DO UPDATE SET code_hash = EXCLUDED.code_hash, attempts = 0, sent_at = now(), expires_at = EXCLUDED.expires_at
         WHERE c.sent_at < now() - make_interval(secs => $4)
       RETURNING phone`,
      [phone, codeHash, ttlSeconds, resendAfterSeconds],
    );
    return rows.length > 0;
  }

  async deleteCode(phone: string): Promise<void> {
    await this.db.query(`DELETE FROM verification_codes WHERE phone = $1`, [phone]);
  }

  /** Counts one try of a live code (outside any transaction) and answers its hash, if it may still be tried. */
  async tryCode(phone: string, maxAttempts: number): Promise<string | undefined> {
    const rows = await mutateReturning<{ code_hash: string }>(
      this.db,
      `UPDATE verification_codes SET attempts = attempts + 1
          WHERE phone = $1 AND expires_at > now() AND attempts < $2
          RETURNING code_hash`,
      [phone, maxAttempts],
    );
    return rows[0]?.code_hash;
  }

  /** Uses a code up; false when it was already used or replaced. */
  async consumeCode(em: Queryable, phone: string, codeHash: string): Promise<boolean> {
    return (await mutateReturning(em, `DELETE FROM verification_codes WHERE phone = $1 AND code_hash = $2 RETURNING phone`, [phone, codeHash])).length > 0;
  }

  // ---- reads of registration and the caller's own page

  async siteExists(em: Queryable, siteId: string): Promise<boolean> {
    return (await selectRows(em, `SELECT level FROM sites WHERE id = $1`, [siteId])).length > 0;
  }

  membershipsOf(volunteerId: string): Promise<Array<{ team_id: string; role: 'leader' | 'member' }>> {
    return selectRows(this.db, `SELECT team_id, role FROM team_memberships WHERE volunteer_id = $1`, [volunteerId]);
  }
}
