import { randomBytes } from 'node:crypto';

/** Crypto randomness drawn in 64 KiB blocks (one randomBytes call per id costs ~40 µs on a busy machine). */
let pool = Buffer.alloc(0);
let poolAt = 0;
function random8(): Buffer {
  if (poolAt + 8 > pool.length) {
    pool = randomBytes(65536);
    poolAt = 0;
  }
  poolAt += 8;
  return pool.subarray(poolAt - 8, poolAt);
}

/** mulberry32: a small deterministic PRNG, so the same seed gives the same county. */
export class Prng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /**
   * A UUID (v4 layout) whose first 8 bytes come from the stream and last 8 bytes from the crypto RNG: ids differ on
   * every install (a demo login's id cannot be guessed from the source), while the stream — and so every name and
   * figure — stays the same, and so does the order of ids (the first 8 bytes decide it), which the seed relies on.
   */
  uuid(): string {
    const h = Array.from({ length: 16 }, () => this.int(0, 255));
    const r = random8();
    for (let i = 0; i < 8; i++) h[8 + i] = r[i];
    h[6] = (h[6] & 0x0f) | 0x40;
    h[8] = (h[8] & 0x3f) | 0x80;
    const s = h.map((b) => b.toString(16).padStart(2, '0')).join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
}
