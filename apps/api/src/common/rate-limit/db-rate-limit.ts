import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Queryable } from '../../database/sql';
import { RateLimitRepository } from './rate-limit.repository';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** Roughly one call in this many also deletes long-expired counters, so the table stays small. */
const SWEEP_EVERY = 500;

async function maybeSweep(repo: RateLimitRepository) {
  if (Math.random() * SWEEP_EVERY >= 1) return;
  await repo.sweep();
}

/**
 * Fixed-window counters in PostgreSQL (table rate_limits), so every API process behind a balancer counts the same
 * hits. One atomic upsert per hit; never call it with the DataSource inside a transaction on the embedded database.
 */
export class DbCounter {
  private readonly repo: RateLimitRepository;
  constructor(db: Queryable) {
    this.repo = new RateLimitRepository(db);
  }

  /** Counts a hit; answers the hits in the current window (the window starts with its first hit). */
  async hit(key: string, windowMs: number): Promise<{ hits: number; expiresAt: Date }> {
    const row = await this.repo.hit(key, windowMs / 1000);
    await maybeSweep(this.repo);
    return { hits: Number(row.hits), expiresAt: new Date(row.expires_at) };
  }

  /** Hits in the live window (0 when none or expired). */
  async current(key: string): Promise<number> {
    const hits = await this.repo.current(key);
    return hits === undefined ? 0 : Number(hits);
  }
}

/** @nestjs/throttler storage on the same table: the per-IP limits hold across API processes. */
export class DbThrottlerStorage implements ThrottlerStorage {
  private readonly repo: RateLimitRepository;
  constructor(db: Queryable) {
    this.repo = new RateLimitRepository(db);
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const block = blockDuration > 0 ? blockDuration : ttl;
    const r = await this.repo.throttle(`throttle:${throttlerName}:${key}`, ttl / 1000, limit, block / 1000);
    await maybeSweep(this.repo);
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
