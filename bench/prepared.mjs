// node bench/prepared.mjs — what named prepared statements buy the statistics (session 12): two built API processes
// started as `pnpm bench` does (PostgreSQL BENCH_DB, county admin token), one with DB_PREPARED_STATEMENTS=true (the
// default), one with false, on BENCH_PORT and BENCH_PORT+1. Per path, PREPARED_REQUESTS requests to each, one at a
// time and alternating between the two (so a busy moment of the machine falls on both), PREPARED_ROUNDS times; the
// first fifth of the first round is warm-up (PostgreSQL plans a prepared statement five times before it may keep a
// generic plan). Timed until the answer's last byte with the lean client of bench/lib.mjs. Prints one line per path:
// p50 / p95 of each setting and the ratio of the p50s.
//
//   BENCH_PORT=3491 node bench/prepared.mjs
//
// Options (env): PREPARED_PATHS='/stats/…,/stats/…' (default: the breakdowns that were slowest in session 11) ·
// PREPARED_ROUNDS (2) · PREPARED_REQUESTS (250).
import { countyAdminToken, dbUrl, httpGet, loadavg, percentile, startApi, waitHealthy } from './lib.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 3491);
const ROUNDS = Number(process.env.PREPARED_ROUNDS ?? 2);
const REQUESTS = Number(process.env.PREPARED_REQUESTS ?? 250);
const PATHS = (
  process.env.PREPARED_PATHS ??
  [
    '/stats/breakdown?by=site&from=2025-01-01&to=2025-12-31',
    '/stats/breakdown?by=team&from=2025-01-01&to=2025-12-31',
    '/stats/breakdown?by=site',
    '/stats/breakdown?by=week&kind=service_day',
    '/stats/summary?from=2025-01-01&to=2025-12-31',
  ].join(',')
).split(',');

const samples = new Map(); // `${setting} ${path}` → ms[]
// both processes at once (idle but for the request in flight), their requests alternating one by one: a busy moment
// of the machine falls on both settings alike
const apis = ['true', 'false'].map((setting, i) => ({
  setting,
  api: startApi({ port: PORT + i, databaseUrl: dbUrl(), env: { DB_PREPARED_STATEMENTS: setting } }),
}));
try {
  for (const a of apis) {
    await waitHealthy(a.api);
    a.headers = { authorization: `Bearer ${await countyAdminToken(a.api.secret)}` };
  }
  for (let round = 1; round <= ROUNDS; round++) {
    for (const path of PATHS) {
      for (let i = 0; i < REQUESTS; i++) {
        for (const a of i % 2 ? [...apis].reverse() : apis) {
          const key = `${a.setting} ${path}`;
          if (!samples.has(key)) samples.set(key, []);
          const t0 = performance.now();
          const res = await httpGet(a.api.base + path, a.headers);
          const took = performance.now() - t0;
          if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
          if (round > 1 || i >= REQUESTS / 5) samples.get(key).push(took);
        }
      }
    }
  }
} finally {
  await Promise.all(apis.map((a) => a.api.stop()));
}

const fmt = (x) => x.toFixed(1);
console.log(`| path | prepared p50 / p95 | unprepared p50 / p95 | p50 ratio | load |`);
console.log(`|---|---|---|---|---|`);
for (const path of PATHS) {
  const on = samples.get(`true ${path}`);
  const off = samples.get(`false ${path}`);
  const [p50on, p95on, p50off, p95off] = [percentile(on, 50), percentile(on, 95), percentile(off, 50), percentile(off, 95)];
  console.log(`| ${path} | ${fmt(p50on)} / ${fmt(p95on)} ms | ${fmt(p50off)} / ${fmt(p95off)} ms | ${(p50on / p50off).toFixed(2)}× | ${loadavg()} |`);
}
