// Shared helpers of the benchmark scripts (plain Node ESM; pg is resolved from apps/api).
import { spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';

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

// ---------- the API process of a bench (one place for what every script used to repeat) ----------

export const sleep = (t) => new Promise((r) => setTimeout(r, t));

const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });
/**
 * GET over one keep-alive connection with a lean client (node:http), gzip accepted as a browser does. Resolves when
 * the last byte of the answer is in: { status, encoding, body } with the body still compressed — the time of the
 * answer as a browser's network panel shows it, without the client's own decompression and JSON parsing (Node's
 * fetch spends ~3 ms of CPU per 73 KB answer on a 2-core machine that also runs the API and PostgreSQL: docs/benchmarks.md
 * "Session 11"). `decodeJson` afterwards.
 */
export function httpGet(url, headers = {}) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'Accept-Encoding': 'gzip', ...headers }, agent: keepAlive }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}
export function decodeJson(res) {
  return JSON.parse((res.encoding === 'gzip' ? gunzipSync(res.body) : res.body).toString('utf8'));
}

/** The bench databases' DATA_KEY (test data only; a deployment generates or sets its own). */
export const BENCH_DATA_KEY = process.env.BENCH_DATA_KEY ?? 'b'.repeat(64);

/** A JWT secret the app accepts (it refuses guessable ones); pass the same one to startApi and signToken. */
export const newSecret = () => randomBytes(32).toString('hex');

/** An HS256 bearer token as the API signs it (no argon2 login in the measured process). */
export function signToken(secret, sub, role, ttlSeconds = 3600) {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const iat = Math.floor(Date.now() / 1000);
  const h = b64({ alg: 'HS256', typ: 'JWT' });
  const p = b64({ sub, role, iat, exp: iat + ttlSeconds });
  return `${h}.${p}.${createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url')}`;
}

/** The demo county admin's bearer token, signed with `secret` (the API under test's JWT_SECRET), no login round trip. */
export async function countyAdminToken(secret) {
  const id = await withClient(dbUrl(), async (c) => (await c.query(`SELECT id FROM users WHERE phone = '13800000001'`)).rows[0].id);
  return signToken(secret, id, 'county_admin');
}

/**
 * Start the built API (apps/api/dist/main.js) on 127.0.0.1:port against `databaseUrl`, quiet, rate limits off,
 * no demo seed. Returns the child with `base` (…/api/v1), `origin` and `stop()` (SIGTERM, waits for the exit).
 * `env` adds or overrides variables (DATABASE_READ_URL, WEB_DIST_DIR, …); `nodeArgs` go before the script; `stdout:
 * 'pipe'` gives the caller the process's standard output (default: ignored, or inherited with BENCH_API_STDOUT=1).
 */
export function startApi({ port, databaseUrl, secret = newSecret(), env = {}, nodeArgs = [], dataDir = `/tmp/wenming-bench-api-${port}`, stdout }) {
  const child = spawn(process.execPath, [...nodeArgs, join(API, 'dist/main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      JWT_SECRET: secret,
      // one DATA_KEY for every bench process: the database records the first one it sees and refuses another
      DATA_KEY: BENCH_DATA_KEY,
      SEED_DEMO: 'false',
      RATE_LIMIT_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      // a bench database generated by an older build gets the newer migrations (one process at a time starts it)
      MIGRATE_ON_START: 'true',
      ...env,
    },
    stdio: ['ignore', stdout ?? (process.env.BENCH_API_STDOUT === '1' ? 'inherit' : 'ignore'), 'inherit'],
  });
  child.origin = `http://127.0.0.1:${port}`;
  child.base = `${child.origin}/api/v1`;
  child.secret = secret;
  child.stop = () => stopProcess(child);
  return child;
}

/** SIGTERM and wait for the exit (at once if it already exited). */
export function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  return exited;
}

/** Poll `url` until it answers 2xx (every 0.5 s, up to `seconds`). */
export async function waitOk(url, what = url, seconds = 120) {
  for (let i = 0; i < seconds * 2; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await sleep(500);
  }
  throw new Error(`${what} did not come up in ${seconds} s`);
}

/** The API's health answer, then the process is ready to measure. */
export const waitHealthy = (api, seconds) => waitOk(`${api.base}/health`, `API on ${api.origin}`, seconds);

/** Current and peak (VmHWM) resident set of a process, in MB. */
export function rssOf(pid) {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)[1]);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/** /proc/loadavg's three figures, recorded with every measurement (the machine is shared). */
export function loadavg() {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

/** POST /auth/login with a demo password; the access token. */
export async function login(base, phone, password = process.env.SEED_PASSWORD ?? 'Demo@2026') {
  const r = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone, password }) });
  if (!r.ok) throw new Error(`login ${phone}: ${r.status} ${await r.text()}`);
  return (await r.json()).accessToken;
}
