import type { ThrottlerStorage } from '@nestjs/throttler';
import type { DataSource, EntityManager } from 'typeorm';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;
type Queryable = Pick<DataSource | EntityManager, 'query'>;

/** Roughly one call in this many also deletes long-expired counters, so the table stays small. */
const SWEEP_EVERY = 500;

async function maybeSweep(db: Queryable) {
  if (Math.random() * SWEEP_EVERY >= 1) return;
  await db.query(`DELETE FROM rate_limits WHERE expires_at < now() - interval '1 hour' AND (blocked_until IS NULL OR blocked_until < now())`);
}

/**
 * Fixed-window counters in PostgreSQL (table rate_limits), so every API process behind a balancer counts the same
 * hits. One atomic upsert per hit; never call it with the DataSource inside a transaction on the embedded database.
 */
export class DbCounter {
  constructor(private readonly db: Queryable) {}

  /** Counts a hit; answers the hits in the current window (the window starts with its first hit). */
  async hit(key: string, windowMs: number): Promise<{ hits: number; expiresAt: Date }> {
    const rows: Array<{ hits: number; expires_at: Date }> = await this.db.query(
      `INSERT INTO rate_limits AS r (key, hits, expires_at) VALUES ($1, 1, now() + make_interval(secs => $2))
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN r.expires_at <= now() THEN 1 ELSE r.hits + 1 END,
         expires_at = CASE WHEN r.expires_at <= now() THEN now() + make_interval(secs => $2) ELSE r.expires_at END
       RETURNING hits, expires_at`,
      [key, windowMs / 1000],
    );
    await maybeSweep(this.db);
    return { hits: Number(rows[0].hits), expiresAt: new Date(rows[0].expires_at) };
  }

  /** Hits in the live window (0 when none or expired). */
  async current(key: string): Promise<number> {
    const rows: Array<{ hits: number }> = await this.db.query(`SELECT hits FROM rate_limits WHERE key = $1 AND expires_at > now()`, [key]);
    return rows.length ? Number(rows[0].hits) : 0;
  }
}

/** @nestjs/throttler storage on the same table: the per-IP limits hold across API processes. */
export class DbThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly db: Queryable) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const block = blockDuration > 0 ? blockDuration : ttl;
    const rows: Array<{ hits: number; expires_at: Date; blocked_until: Date | null }> = await this.db.query(
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
      [`throttle:${throttlerName}:${key}`, ttl / 1000, limit, block / 1000],
    );
    await maybeSweep(this.db);
    const r = rows[0];
    const now = Date.now();
    const blockedUntil = r.blocked_until ? new Date(r.blocked_until).getTime() : 0;
    const isBlocked = blockedUntil > now;
    return {
      totalHits: Number(r.hits),
      timeToExpire: Math.max(0, Math.ceil((new Date(r.expires_at).getTime() - now) / 1000)),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.ceil((blockedUntil - now) / 1000) : 0,
    };
  }
}
