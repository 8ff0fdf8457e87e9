import { selectRows, type Queryable } from '../../database/sql';

export interface CounterRow {
  hits: number;
  expires_at: Date;
}

export interface ThrottleCounterRow extends CounterRow {
  blocked_until: Date | null;
}

/**
 * All SQL of the rate_limits table (fixed-window counters shared by every API process). One atomic upsert per
 * hit; never call it with the DataSource inside a transaction on the embedded database.
 */
export class RateLimitRepository {
  constructor(private readonly db: Queryable) {}

  /** Deletes long-expired counters (called now and then, so the table stays small). */
  async sweep(): Promise<void> {
    await this.db.query(`DELETE FROM rate_limits WHERE expires_at < now() - interval '1 hour' AND (blocked_until IS NULL OR blocked_until < now())`);
  }

  /** Counts a hit on `key`; the window (of `windowSeconds`) starts with its first hit. */
  async hit(key: string, windowSeconds: number): Promise<CounterRow> {
    const rows = await selectRows<CounterRow>(
      this.db,
      `INSERT INTO rate_limits AS r (key, hits, expires_at) VALUES ($1, 1, now() + make_interval(secs => $2))
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN r.expires_at <= now() THEN 1 ELSE r.hits + 1 END,
         expires_at = CASE WHEN r.expires_at <= now() THEN now() + make_interval(secs => $2) ELSE r.expires_at END
       RETURNING hits, expires_at`,
      [key, windowSeconds],
    );
    return rows[0];
  }

  /** Hits in the live window of `key`, if any. */
  async current(key: string): Promise<number | undefined> {
    const rows = await selectRows<{ hits: number }>(this.db, `SELECT hits FROM rate_limits WHERE key = $1 AND expires_at > now()`, [key]);
    return rows[0]?.hits;
  }

  /** @nestjs/throttler's hit: counts unless blocked, and blocks for `blockSeconds` once over `limit`. */
  async throttle(key: string, ttlSeconds: number, limit: number, blockSeconds: number): Promise<ThrottleCounterRow> {
    const rows = await selectRows<ThrottleCounterRow>(
      this.db,
      `INSERT INTO rate_limits AS r (key, hits, expires_at, blocked_until)
       VALUES ($1, 1, now() + make_interval(secs => $2), CASE WHEN 1 > $3 THEN now() + make_interval(secs => $4) END)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN r.blocked_until > now() THEN r.hits WHEN r.expires_at <= now() THEN 1 ELSE r.hits + 1 END,
         expires_at = CASE WHEN r.blocked_until > now() THEN r.expires_at
                           WHEN r.expires_at <= now() THEN now() + make_interval(secs => $2) ELSE r.expires_at END,
         blocked_until = CASE WHEN r.blocked_until > now() THEN r.blocked_until
                              WHEN (CASE WHEN r.expires_at <= now() THEN 1 ELSE r.hits + 1 END) > $3 THEN now() + make_interval(secs => $4)
                              ELSE NULL END
       RETURNING hits, expires_at, blocked_until`,
      [key, ttlSeconds, limit, blockSeconds],
    );
    return rows[0];
  }
}
