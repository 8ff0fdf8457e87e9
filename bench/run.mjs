// pnpm bench  (= node bench/run.mjs from apps/api): the side-by-side benchmarks of issue 6, in one run.
//   (a) /stats/summary and /stats/breakdown?by=town (one year, all time) over HTTP vs the naive SQL over raw attendance
//   (b) the attendance CSV export over HTTP vs psql \copy of the same rows, with the API's peak RSS
//   (c) check-in throughput: pgbench -c 16 -j 2 single-row INSERT … ON CONFLICT DO NOTHING baseline; the HTTP side
//       (autocannon against POST /activities/:id/checkin) runs only when that endpoint exists (BENCH_CHECKIN_URL…)
// Needs: apps/api built, PostgreSQL on BENCH_SERVER_URL. Generates wenming_bench first if it is missing
// (or always with BENCH_REGENERATE=1). BENCH_DROP=1 drops the database at the end.
import { randomBytes } from 'node:crypto';
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { API, DB_NAME, ROOT, SERVER_URL, apiRequire, dbUrl, ms, now, percentile, withClient } from './lib.mjs';
import { generate } from './generate.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 3204);
const BASE = `http://127.0.0.1:${PORT}/api/v1`;
const N_API = Number(process.env.BENCH_RUNS ?? 50);
const N_NAIVE = Number(process.env.BENCH_NAIVE_RUNS ?? 5);
const YEAR = { from: '2025-01-01', to: '2025-12-31' };
/** BENCH_ONLY=stats runs part (a) only, BENCH_ONLY=export part (b) only (+ the pgbench baseline) */
const ONLY = process.env.BENCH_ONLY;
const results = { startedAt: new Date().toISOString(), machine: `${process.platform} ${process.arch}, node ${process.version}` };

async function dbExists() {
  return withClient(SERVER_URL, async (c) => (await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [DB_NAME])).rowCount > 0);
}

function startApi() {
  const child = spawn(process.execPath, [join(API, 'dist/main.js')], {
    env: {
      ...process.env,
      DATABASE_URL: dbUrl(),
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR: '/tmp/wenming-bench-api',
      JWT_SECRET: randomBytes(32).toString('hex'),
      SEED_DEMO: 'false',
      RATE_LIMIT_ENABLED: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

async function waitHealthy() {
  for (let i = 0; i < 120; i++) {
    try {
      const r = await fetch(`${BASE}/health`);
      if (r.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('API did not become healthy');
}

function rssOf(pid) {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)[1]);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

async function time(fn, n, warm) {
  for (let i = 0; i < warm; i++) await fn();
  const xs = [];
  let last;
  for (let i = 0; i < n; i++) {
    const t = now();
    last = await fn();
    xs.push(ms(t));
  }
  return { p50: percentile(xs, 50), p95: percentile(xs, 95), n, last };
}

// ---------- naive SQL over raw rows (what the roll-ups replace) ----------
const DAY = `(a.starts_at AT TIME ZONE 'Asia/Shanghai')::date`;
function naiveSummary(c, range) {
  const w = range ? `AND ${DAY} BETWEEN '${range.from}' AND '${range.to}'` : '';
  return c.query(`
    SELECT (SELECT count(*) FROM activities a WHERE status = 'completed' ${w})::int AS activities,
           (SELECT coalesce(sum(audience_reached), 0) FROM activities a WHERE status = 'completed' ${w})::bigint AS "audienceReached",
           count(*)::int AS "personTimes", count(DISTINCT t.volunteer_id)::int AS volunteers, coalesce(sum(t.minutes), 0)::bigint AS "serviceMinutes"
    FROM attendance t JOIN activities a ON a.id = t.activity_id
    WHERE t.status = 'confirmed' AND a.status <> 'cancelled' ${w}`);
}
function naiveByTown(c, range) {
  const w = range ? `AND ${DAY} BETWEEN '${range.from}' AND '${range.to}'` : '';
  const town = `coalesce((CASE WHEN r.level = 'town' THEN r.id WHEN r.level IN ('village', 'community') THEN r.parent_id END)::text, '')`;
  return c.query(`
    WITH att AS (
      SELECT ${town} AS town, count(*)::int AS "personTimes", count(DISTINCT t.volunteer_id)::int AS volunteers, sum(t.minutes)::bigint AS "serviceMinutes"
      FROM attendance t JOIN activities a ON a.id = t.activity_id JOIN sites s ON s.id = a.site_id JOIN regions r ON r.id = s.region_id
      WHERE t.status = 'confirmed' AND a.status <> 'cancelled' ${w} GROUP BY 1),
    act AS (
      SELECT ${town} AS town, count(*)::int AS activities, sum(coalesce(a.audience_reached, 0))::bigint AS "audienceReached"
      FROM activities a JOIN sites s ON s.id = a.site_id JOIN regions r ON r.id = s.region_id
      WHERE a.status = 'completed' ${w} GROUP BY 1)
    SELECT nullif(coalesce(att.town, act.town), '') AS key, coalesce(activities, 0) AS activities, coalesce("personTimes", 0) AS "personTimes",
      coalesce(volunteers, 0) AS volunteers, coalesce("serviceMinutes", 0) AS "serviceMinutes", coalesce("audienceReached", 0) AS "audienceReached"
    FROM att FULL JOIN act ON act.town = att.town`);
}
const pick = (o) => ({ activities: +o.activities, personTimes: +o.personTimes, volunteers: +o.volunteers, serviceMinutes: +o.serviceMinutes, audienceReached: +o.audienceReached });
const same = (a, b) => JSON.stringify(pick(a)) === JSON.stringify(pick(b));

async function benchStats(token) {
  const get = async (path, q) => {
    const r = await fetch(`${BASE}${path}?${new URLSearchParams(q)}`, { headers: { Authorization: `Bearer ${token}` } });
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return r.json();
  };
  const out = [];
  await withClient(dbUrl(), async (c) => {
    for (const [label, range] of [['one year (2025)', YEAR], ['all time (10 years)', null]]) {
      const q = range ?? {};
      const api = await time(() => get('/stats/summary', q), N_API, 5);
      const naive = await time(() => naiveSummary(c, range), N_NAIVE, 1);
      out.push({ query: `/stats/summary ${label}`, api, naive: { p50: naive.p50, p95: naive.p95, n: naive.n }, equal: same(api.last, naive.last.rows[0]) });
      const apiB = await time(() => get('/stats/breakdown', { ...q, by: 'town' }), N_API, 5);
      const naiveB = await time(() => naiveByTown(c, range), N_NAIVE, 1);
      const naiveRows = new Map(naiveB.last.rows.map((r) => [r.key, r]));
      const rowsEqual = apiB.last.rows.length === naiveRows.size && apiB.last.rows.every((r) => naiveRows.has(r.key) && same(r, naiveRows.get(r.key)));
      const totalEqual = same(apiB.last.total, (await naiveSummary(c, range)).rows[0]);
      out.push({ query: `/stats/breakdown?by=town ${label}`, api: apiB, naive: { p50: naiveB.p50, p95: naiveB.p95, n: naiveB.n }, equal: rowsEqual && totalEqual });
    }
  });
  for (const r of out) {
    r.ratioP50 = r.naive.p50 / r.api.p50;
    delete r.api.last;
  }
  return out;
}

async function benchExport(token, pid) {
  const before = rssOf(pid);
  const t = now();
  const res = await fetch(`${BASE}/exports/attendance?format=csv`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`export: ${res.status}`);
  let bytes = 0;
  let lines = 0;
  let peak = before.rssMb;
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid).rssMb)), 100);
  for await (const chunk of res.body) {
    bytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
  }
  clearInterval(sampler);
  const apiMs = ms(t);
  const after = rssOf(pid);
  // the same rows and joins with psql \copy (the API's own query text)
  const { attendanceExportSql } = apiRequire('./dist/modules/exports/exports.service.js');
  const sql = attendanceExportSql({ filter: {}, siteIds: null, teamIds: null }, []).replace(/\s+/g, ' ');
  const t2 = now();
  execFileSync('psql', [dbUrl(), '-q', '-c', `\\copy (${sql}) TO '/tmp/wenming-bench-copy.csv' WITH (FORMAT csv)`], { stdio: 'inherit' });
  const psqlMs = ms(t2);
  const copyLines = Number(execFileSync('wc', ['-l', '/tmp/wenming-bench-copy.csv']).toString().trim().split(' ')[0]);
  return {
    rows: lines - 5, // 3 title rows + a blank row + the header
    psqlRows: copyLines,
    equalRowCount: lines - 5 === copyLines,
    bytes,
    apiSeconds: apiMs / 1000,
    psqlSeconds: psqlMs / 1000,
    ratio: apiMs / psqlMs,
    rssBeforeMb: before.rssMb,
    peakRssSampledMb: peak,
    peakRssVmHWMMb: after.peakMb,
  };
}

function benchPgbench() {
  execFileSync('psql', [dbUrl(), '-q', '-c', 'DROP TABLE IF EXISTS bench_checkins; CREATE TABLE bench_checkins (activity_id int NOT NULL, volunteer_id int NOT NULL, at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (activity_id, volunteer_id))']);
  const script = '/tmp/wenming-bench-checkin.sql';
  writeFileSync(script, '\\set a random(1, 60000)\n\\set v random(1, 30000)\nINSERT INTO bench_checkins (activity_id, volunteer_id) VALUES (:a, :v) ON CONFLICT DO NOTHING;\n');
  const out = execFileSync('pgbench', ['-n', '-c', '16', '-j', '2', '-T', '15', '-f', script, dbUrl()]).toString();
  execFileSync('psql', [dbUrl(), '-q', '-c', 'DROP TABLE bench_checkins']);
  const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1]);
  const lat = Number(/latency average = ([\d.]+) ms/.exec(out)?.[1]);
  return { command: `pgbench -n -c 16 -j 2 -T 15 -f ${script}`, tps, latencyAvgMs: lat };
}

async function benchCheckinHttp(token) {
  // The check-in endpoint belongs to the attendance module (another branch). Probe it; run only if present.
  const probe = await fetch(`${BASE}/activities/00000000-0000-4000-8000-000000000000/checkin`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{"code":"000000"}',
  });
  const body = await probe.json().catch(() => ({}));
  if (probe.status === 404 && /Cannot POST|不存在|not found/i.test(body.message ?? '')) return { skipped: 'POST /activities/:id/checkin does not exist on this branch; run after merge (see bench/README.md)' };
  return { skipped: `endpoint present (answered ${probe.status} to a dummy id): run node bench/checkin.mjs for the HTTP check-in load` };
}

async function main() {
  if (!existsSync(join(API, 'dist/main.js'))) throw new Error('build the API first: pnpm --filter @wenming/shared build && pnpm --filter @wenming/api build');
  if (process.env.BENCH_REGENERATE === '1' || !(await dbExists())) await generate();
  results.data = await withClient(dbUrl(), async (c) => (await c.query(`SELECT (SELECT count(*) FROM sites)::int AS sites, (SELECT count(*) FROM teams)::int AS teams,
      (SELECT count(*) FROM volunteers)::int AS volunteers, (SELECT count(*) FROM activities)::int AS activities,
      (SELECT count(*) FROM attendance WHERE status = 'confirmed')::int AS "confirmedAttendance", (SELECT count(*) FROM attendance)::int AS attendance,
      (SELECT count(*) FROM stats_daily)::int AS "statsDailyRows", (SELECT count(*) FROM stats_daily_volunteers)::int AS "statsDailyVolunteersRows"`)).rows[0]);
  // the day bitmaps (migration 1764380000500), when present
  await withClient(dbUrl(), async (c) => {
    try {
      Object.assign(results.data, (await c.query(`SELECT (SELECT count(*) FROM stats_volunteer_site_days)::int AS "volunteerSiteDaysRows", (SELECT count(*) FROM stats_volunteer_days)::int AS "volunteerDaysRows"`)).rows[0]);
    } catch {}
  });
  console.log('data:', results.data);
  const api = startApi();
  try {
    await waitHealthy();
    const login = await fetch(`${BASE}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone: '13800000001', password: process.env.SEED_PASSWORD ?? 'Demo@2026' }) });
    const { accessToken } = await login.json();
    if (ONLY !== 'export') results.stats = await benchStats(accessToken);
    if (results.stats) console.table(results.stats.map((r) => ({ query: r.query, apiP50: r.api.p50.toFixed(1), apiP95: r.api.p95.toFixed(1), naiveP50: r.naive.p50.toFixed(0), naiveP95: r.naive.p95.toFixed(0), ratio: r.ratioP50.toFixed(0), equal: r.equal })));
    if (ONLY !== 'stats') {
      results.export = await benchExport(accessToken, api.pid);
      console.log('export:', results.export);
      results.checkinHttp = await benchCheckinHttp(accessToken);
    }
  } finally {
    api.kill('SIGTERM');
  }
  if (ONLY !== 'stats') {
    results.pgbench = benchPgbench();
    console.log('pgbench:', results.pgbench, 'check-in over HTTP:', results.checkinHttp);
  }
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  const out = `bench/results/${ONLY ? `latest-${ONLY}` : 'latest'}.json`;
  writeFileSync(join(ROOT, out), JSON.stringify(results, null, 2));
  console.log(`written ${out}`);
  if (process.env.BENCH_DROP === '1') await withClient(SERVER_URL, (c) => c.query(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
