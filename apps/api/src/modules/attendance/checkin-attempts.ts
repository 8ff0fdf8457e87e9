import type { DataSource } from 'typeorm';
import { DbCounter } from '../../common/rate-limit/db-rate-limit';

/**
 * Wrong check-in codes per (volunteer, activity): at most `limit` in a window of `windowMs` that starts with the
 * first wrong try. Counted in PostgreSQL (rate_limits), so the limit holds across API processes. Called outside
 * any transaction (it queries through the DataSource).
 */
export class CheckinAttemptLimiter {
  private readonly counter: DbCounter;

  constructor(
    db: DataSource,
    readonly limit = 5,
    readonly windowMs = 60_000,
  ) {
    this.counter = new DbCounter(db);
  }

  /** Counter keys are `checkin:<key>`; the check-in statement reads `checkin:<volunteer>:<activity>` itself. */
  static readonly PREFIX = 'checkin:';

  private static key(key: string) {
    return `${CheckinAttemptLimiter.PREFIX}${key}`;
  }

  /** True when the key already has `limit` wrong tries inside the window. */
  async isBlocked(key: string): Promise<boolean> {
    return (await this.counter.current(CheckinAttemptLimiter.key(key))) >= this.limit;
  }

  async recordFailure(key: string): Promise<void> {
    await this.counter.hit(CheckinAttemptLimiter.key(key), this.windowMs);
  }
}
