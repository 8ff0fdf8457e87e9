// Shared helpers of the benchmark scripts (plain Node ESM; pg is resolved from apps/api).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const API = join(ROOT, 'apps/api');
export const apiRequire = createRequire(join(API, 'package.json'));
export const pg = apiRequire('pg');

export const SERVER_URL = process.env.BENCH_SERVER_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const DB_NAME = process.env.BENCH_DB ?? 'wenming_bench';
export function dbUrl(name = DB_NAME) {
  const u = new URL(SERVER_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function withClient(url, fn) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
export const now = () => process.hrtime.bigint();

export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}
