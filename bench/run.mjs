// pnpm bench  (= node bench/run.mjs from apps/api): the side-by-side benchmarks of issue 6, in one run.
//   (a) /stats/summary and /stats/breakdown?by=town (one year, all time) over HTTP vs the naive SQL over raw attendance
//   (b) the attendance CSV export over HTTP vs psql \copy of the same rows, with the API's peak RSS
//   (c) check-in throughput: pgbench -c 16 -j 2 single-row INSERT … ON CONFLICT DO NOTHING baseline; the HTTP side
//       (autocannon against POST /activities/:id/checkin) runs only when that endpoint exists (BENCH_CHECKIN_URL…)
// Needs: apps/api built, PostgreSQL on BENCH_SERVER_URL. Generates wenming_bench first if it is missing
// (or always with BENCH_REGENERATE=1). BENCH_DROP=1 drops the database at the end.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  API,
  DB_NAME,
  ROOT,
  SERVER_URL,
  apiRequire,
  countyAdminToken,
  dbUrl,
  decodeJson,
  httpGet,
  loadavg,
  ms,
  newSecret,
  now,
  percentile,
  rssOf,
  startApi as startApiProcess,
  waitOk,
  withClient,
} from './lib.mjs';
import { generate } from './generate.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 3204);
const BASE = `http://127.0.0.1:${PORT}/api/v1`;
const N_API = Number(process.env.BENCH_RUNS ?? 50);
const N_NAIVE = Number(process.env.BENCH_NAIVE_RUNS ?? 5);
const YEAR = { from: '2025-01-01', to: '2025-12-31' };
/**
 * Parts: stats (a), export (b: CSV + XLSX), pgbench (c, the check-in anchor), checkin (bench/checkin.mjs), lighthouse
 * (e), scale (bench/scale-out.mjs). BENCH_ONLY=<part>[,<part>…] runs those only; BENCH_SKIP=<part>[,…] leaves parts
 * out; the older switches still work (BENCH_XLSX=0, BENCH_LIGHTHOUSE=0, BENCH_CHECKIN=0, BENCH_SCALE=0).
 * BENCH_ONLY=export also runs pgbench (as before).
 */
const ONLY = process.env.BENCH_ONLY;
const PARTS = ['stats', 'export', 'pgbench', 'checkin', 'lighthouse', 'scale'];
const only = ONLY ? ONLY.split(',').map((x) => x.trim()) : PARTS;
if (only.includes('export') && !only.includes('pgbench')) only.push('pgbench');
const skip = new Set((process.env.BENCH_SKIP ?? '').split(',').map((x) => x.trim()));
for (const [part, env] of [
  ['lighthouse', 'BENCH_LIGHTHOUSE'],
  ['checkin', 'BENCH_CHECKIN'],
  ['scale', 'BENCH_SCALE'],
]) {
  if (process.env[env] === '0') skip.add(part);
}
const wants = (part) => only.includes(part) && !skip.has(part);
for (const p of only) if (!PARTS.includes(p)) throw new Error(`BENCH_ONLY: unknown part ${p} (parts: ${PARTS.join(', ')})`);
const results = { startedAt: new Date().toISOString(), machine: `${process.platform} ${process.arch}, node ${process.version}` };

async function dbExists() {
  return withClient(SERVER_URL, async (c) => (await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [DB_NAME])).rowCount > 0);
}

/** The API under test on PORT against the bench database; `SECRET` signs the tokens of countyAdminToken. */
const SECRET = newSecret();
function startApi() {
  return startApiProcess({ port: PORT, databaseUrl: dbUrl(), secret: SECRET });
}

async function waitHealthy() {
  await waitOk(`${BASE}/health`, 'API');
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
function naiveSummary(c, range, extra = '') {
  const w = (range ? `AND ${DAY} BETWEEN '${range.from}' AND '${range.to}'` : '') + (extra ? ` AND ${extra}` : '');
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
/** The naive breakdown: raw attendance and activities grouped by the key of the activity (as /stats/breakdown?by=…). */
const NAIVE_KEY = {
  site: ['a.site_id::text', ''],
  team: ['a.team_id::text', ''],
  teamType: ['tm.type', 'JOIN teams tm ON tm.id = a.team_id'],
  category: ['a.category', ''],
  kind: ['a.kind', ''],
  month: [`to_char(${DAY}, 'YYYY-MM')`, ''],
  week: [`to_char(${DAY}, 'IYYY-"W"IW')`, ''],
};
function naiveByKey(c, range, by, extra = '') {
  const w = (range ? `AND ${DAY} BETWEEN '${range.from}' AND '${range.to}'` : '') + (extra ? ` AND ${extra}` : '');
  const [key, join] = NAIVE_KEY[by];
  return c.query(`
    WITH att AS (
      SELECT ${key} AS key, count(*)::int AS "personTimes", count(DISTINCT t.volunteer_id)::int AS volunteers, sum(t.minutes)::bigint AS "serviceMinutes"
      FROM attendance t JOIN activities a ON a.id = t.activity_id ${join}
      WHERE t.status = 'confirmed' AND a.status <> 'cancelled' ${w} GROUP BY 1),
    act AS (
      SELECT ${key} AS key, count(*)::int AS activities, sum(coalesce(a.audience_reached, 0))::bigint AS "audienceReached"
      FROM activities a ${join} WHERE a.status = 'completed' ${w} GROUP BY 1)
    SELECT coalesce(att.key, act.key) AS key, coalesce(activities, 0) AS activities, coalesce("personTimes", 0) AS "personTimes",
      coalesce(volunteers, 0) AS volunteers, coalesce("serviceMinutes", 0) AS "serviceMinutes", coalesce("audienceReached", 0) AS "audienceReached"
    FROM att FULL JOIN act ON act.key = att.key`);
}
/** Every API row equals the naive row of its key, and there are as many rows. */
function keyRowsEqual(apiRows, naiveRows) {
  const m = new Map(naiveRows.map((r) => [r.key, r]));
  return apiRows.length === m.size && apiRows.every((r) => m.has(r.key) && same(r, m.get(r.key)));
}
const pick = (o) => ({
  activities: +o.activities,
  personTimes: +o.personTimes,
  volunteers: +o.volunteers,
  serviceMinutes: +o.serviceMinutes,
  audienceReached: +o.audienceReached,
});
const same = (a, b) => JSON.stringify(pick(a)) === JSON.stringify(pick(b));

async function loginAs(phone) {
  const r = await fetch(`${BASE}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone, password: process.env.SEED_PASSWORD ?? 'Demo@2026' }),
  });
  return (await r.json()).accessToken;
}

async function benchStats(token) {
  // timed: the request until the last byte of the answer is in (httpGet); the answer is decoded afterwards
  const get = async (path, q, as = token) => {
    const r = await httpGet(`${BASE}${path}?${new URLSearchParams(q)}`, { Authorization: `Bearer ${as}` });
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${r.body.toString('utf8')}`);
    return r;
  };
  const timeApi = async (fn, n, warm) => {
    const r = await time(fn, n, warm);
    return { ...r, last: decodeJson(r.last) };
  };
  const out = [];
  await withClient(dbUrl(), async (c) => {
    for (const [label, range] of [
      ['one year (2025)', YEAR],
      ['all time (10 years)', null],
    ]) {
      const q = range ?? {};
      const api = await timeApi(() => get('/stats/summary', q), N_API, 5);
      const naive = await time(() => naiveSummary(c, range), N_NAIVE, 1);
      out.push({ query: `/stats/summary ${label}`, api, naive: { p50: naive.p50, p95: naive.p95, n: naive.n }, equal: same(api.last, naive.last.rows[0]) });
      const apiB = await timeApi(() => get('/stats/breakdown', { ...q, by: 'town' }), N_API, 5);
      const naiveB = await time(() => naiveByTown(c, range), N_NAIVE, 1);
      const naiveRows = new Map(naiveB.last.rows.map((r) => [r.key, r]));
      const rowsEqual = apiB.last.rows.length === naiveRows.size && apiB.last.rows.every((r) => naiveRows.has(r.key) && same(r, naiveRows.get(r.key)));
      const totalEqual = same(apiB.last.total, (await naiveSummary(c, range)).rows[0]);
      out.push({ query: `/stats/breakdown?by=town ${label}`, api: apiB, naive: { p50: naiveB.p50, p95: naiveB.p95, n: naiveB.n }, equal: rowsEqual && totalEqual });
    }
  });
  // the filters of issue 15: team, team type, category, kind, a leader's scope, breakdowns by every other key —
  // summary figures (and a breakdown's total) against the naive SQL with the same filter
  // measured as the four above (5 warm-up requests, then BENCH_RUNS samples): a p95 of 20 samples was the second-slowest
  // request, i.e. one JIT or GC pause (sessions 7-9: the same query 14.6 ms in one run and 23.1 ms in the next)
  const N_EXTRA = Number(process.env.BENCH_EXTRA_RUNS ?? N_API);
  const W_EXTRA = 5;
  await withClient(dbUrl(), async (c) => {
    const [team] = (await c.query(`SELECT team_id AS id FROM stats_daily GROUP BY 1 ORDER BY sum(person_times) DESC LIMIT 1`)).rows;
    const leaderToken = await loginAs('13800000003');
    const led = `a.team_id IN (SELECT m.team_id FROM team_memberships m JOIN users u ON u.volunteer_id = m.volunteer_id WHERE u.phone = '13800000003' AND m.role = 'leader')`;
    const cases = [
      ['teamId', { teamId: team.id }, `a.team_id = '${team.id}'`],
      ['teamType=red_vest', { teamType: 'red_vest' }, `a.team_id IN (SELECT id FROM teams WHERE type = 'red_vest')`],
      ['category=elderly_care', { category: 'elderly_care' }, `a.category = 'elderly_care'`],
      ['kind=service_day', { kind: 'service_day' }, `a.kind = 'service_day'`],
    ];
    for (const [label, range] of [
      ['2025', YEAR],
      ['all time', null],
    ]) {
      const q = range ?? {};
      for (const [name, f, extra] of cases) {
        const api = await timeApi(() => get('/stats/summary', { ...q, ...f }), N_EXTRA, W_EXTRA);
        const naive = await time(() => naiveSummary(c, range, extra), Math.min(N_NAIVE, 3), 0);
        out.push({ query: `/stats/summary ${name} ${label}`, api, naive: { p50: naive.p50, p95: naive.p95, n: naive.n }, equal: same(api.last, naive.last.rows[0]) });
      }
      const apiL = await timeApi(() => get('/stats/summary', q, leaderToken), N_EXTRA, W_EXTRA);
      const naiveL = await time(() => naiveSummary(c, range, led), Math.min(N_NAIVE, 3), 0);
      out.push({
        query: `/stats/summary leader's scope ${label}`,
        api: apiL,
        naive: { p50: naiveL.p50, p95: naiveL.p95, n: naiveL.n },
        equal: same(apiL.last, naiveL.last.rows[0]),
      });
      // every other breakdown key: its rows against the naive SQL grouped by the same key (timed once: the anchor)
      // and its total against the naive summary
      const naiveAll = await time(() => naiveSummary(c, range), 1, 0);
      for (const by of ['site', 'team', 'teamType', 'category', 'kind', 'month', 'week']) {
        const api = await timeApi(() => get('/stats/breakdown', { ...q, by }), N_EXTRA, W_EXTRA);
        const naiveB = await time(() => naiveByKey(c, range, by), 1, 0);
        out.push({
          query: `/stats/breakdown?by=${by} ${label} (rows vs naive GROUP BY, total vs naive summary)`,
          api,
          naive: { p50: naiveB.p50, p95: naiveB.p95, n: 1 },
          equal: keyRowsEqual(api.last.rows, naiveB.last.rows) && same(api.last.total, naiveAll.last.rows[0]),
        });
      }
      // breakdowns under a filter: rows against the naive GROUP BY with the same filter, total against the naive summary
      for (const [name, by, f, extra, as] of [
        ['category=elderly_care', 'month', { category: 'elderly_care' }, cases[2][2], token],
        ['kind=service_day', 'week', { kind: 'service_day' }, cases[3][2], token],
        ['kind=service_day', 'category', { kind: 'service_day' }, cases[3][2], token],
        ['teamType=red_vest', 'month', { teamType: 'red_vest' }, cases[1][2], token],
        ["leader's scope", 'month', {}, led, leaderToken],
      ]) {
        const api = await timeApi(() => get('/stats/breakdown', { ...q, ...f, by }, as), N_EXTRA, W_EXTRA);
        const naiveB = await time(() => naiveByKey(c, range, by, extra), 1, 0);
        const naiveS = await naiveSummary(c, range, extra);
        out.push({
          query: `/stats/breakdown?by=${by} ${name} ${label} (rows vs naive GROUP BY, total vs naive summary)`,
          api,
          naive: { p50: naiveB.p50, p95: naiveB.p95, n: 1 },
          equal: keyRowsEqual(api.last.rows, naiveB.last.rows) && same(api.last.total, naiveS.rows[0]),
        });
      }
    }
  });
  for (const r of out) {
    r.ratioP50 = r.naive.p50 / r.api.p50;
    delete r.api.last;
  }
  return out;
}

/** Stream one export over HTTP, sampling the API process's RSS every 100 ms; returns bytes, CSV lines, time, RSS. */
async function downloadExport(token, pid, format) {
  const before = rssOf(pid);
  const t = now();
  const res = await fetch(`${BASE}/exports/attendance?format=${format}`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`export ${format}: ${res.status}`);
  let bytes = 0;
  let lines = 0;
  let peak = before.rssMb;
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid).rssMb)), 100);
  for await (const chunk of res.body) {
    bytes += chunk.length;
    if (format === 'csv') for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  }
  clearInterval(sampler);
  const seconds = ms(t) / 1000;
  const after = rssOf(pid);
  return { bytes, lines, seconds, rssBeforeMb: before.rssMb, peakRssSampledMb: peak, peakRssVmHWMMb: after.peakMb };
}

/** psql \copy of the API's own COPY query text (county admin, all time): the anchor of the CSV export. */
function psqlCopy() {
  const { attendanceCopySql } = apiRequire('./dist/modules/exports/exports.repository.js');
  const sql = attendanceCopySql({ filter: {}, siteIds: null, teamIds: null }, []).replace(/\s+/g, ' ');
  const t2 = now();
  execFileSync('psql', [dbUrl(), '-q', '-c', `\\copy (${sql}) TO '/tmp/wenming-bench-copy.csv' WITH (FORMAT csv)`], { stdio: 'inherit' });
  const seconds = ms(t2) / 1000;
  const rows = Number(execFileSync('wc', ['-l', '/tmp/wenming-bench-copy.csv']).toString().trim().split(' ')[0]);
  return { seconds, rows };
}

/**
 * (b) CSV over HTTP (COPY TO STDOUT on PostgreSQL) vs psql \copy of the same query, then the XLSX export of the same
 * rows (BENCH_XLSX=0 skips it) — each in a freshly started API process so VmHWM is that export's own peak.
 */
async function benchExport() {
  const out = {};
  for (const format of ['csv', ...(process.env.BENCH_XLSX === '0' ? [] : ['xlsx'])]) {
    const api = startApi();
    try {
      await waitHealthy();
      // a token signed here, not a login: the measured process does nothing but start and export
      out[format] = { load: loadavg(), ...(await downloadExport(await countyAdminToken(SECRET), api.pid, format)) };
    } finally {
      api.kill('SIGTERM');
      await new Promise((r) => api.once('exit', r));
    }
    if (format === 'csv') {
      out.psql = { load: loadavg(), ...psqlCopy() };
      out.csv.rows = out.csv.lines - 5; // 3 title rows + a blank row + the header
      out.csv.equalRowCount = out.csv.rows === out.psql.rows;
      out.csv.ratio = out.csv.seconds / out.psql.seconds;
    }
  }
  if (out.xlsx) out.xlsx.ratioToPsql = out.xlsx.seconds / out.psql.seconds;
  return out;
}

function benchPgbench() {
  execFileSync('psql', [
    dbUrl(),
    '-q',
    '-c',
    'DROP TABLE IF EXISTS bench_checkins; CREATE TABLE bench_checkins (activity_id int NOT NULL, volunteer_id int NOT NULL, at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (activity_id, volunteer_id))',
  ]);
  const script = '/tmp/wenming-bench-checkin.sql';
  writeFileSync(
    script,
    '\\set a random(1, 60000)\n\\set v random(1, 30000)\nINSERT INTO bench_checkins (activity_id, volunteer_id) VALUES (:a, :v) ON CONFLICT DO NOTHING;\n',
  );
  const out = execFileSync('pgbench', ['-n', '-c', '16', '-j', '2', '-T', '15', '-f', script, dbUrl()]).toString();
  execFileSync('psql', [dbUrl(), '-q', '-c', 'DROP TABLE bench_checkins']);
  const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1]);
  const lat = Number(/latency average = ([\d.]+) ms/.exec(out)?.[1]);
  return { command: `pgbench -n -c 16 -j 2 -T 15 -f ${script}`, tps, latencyAvgMs: lat };
}

async function main() {
  if (!existsSync(join(API, 'dist/main.js'))) throw new Error('build the API first: pnpm --filter @wenming/shared build && pnpm --filter @wenming/api build');
  if (process.env.BENCH_REGENERATE === '1' || !(await dbExists())) await generate();
  results.data = await withClient(
    dbUrl(),
    async (c) =>
      (
        await c.query(`SELECT (SELECT count(*) FROM sites)::int AS sites, (SELECT count(*) FROM teams)::int AS teams,
      (SELECT count(*) FROM volunteers)::int AS volunteers, (SELECT count(*) FROM activities)::int AS activities,
      (SELECT count(*) FROM attendance WHERE status = 'confirmed')::int AS "confirmedAttendance", (SELECT count(*) FROM attendance)::int AS attendance,
      (SELECT count(*) FROM stats_daily)::int AS "statsDailyRows", (SELECT count(*) FROM stats_daily_volunteers)::int AS "statsDailyVolunteersRows"`)
      ).rows[0],
  );
  // the day bitmaps (migration 1764380000500), when present
  await withClient(dbUrl(), async (c) => {
    try {
      Object.assign(
        results.data,
        (
          await c.query(
            `SELECT (SELECT count(*) FROM stats_volunteer_site_days)::int AS "volunteerSiteDaysRows", (SELECT count(*) FROM stats_volunteer_days)::int AS "volunteerDaysRows"`,
          )
        ).rows[0],
      );
    } catch {}
  });
  console.log('data:', results.data);
  const login = () => loginAs('13800000001');
  if (wants('stats')) {
    const api = startApi();
    try {
      await waitHealthy();
      results.statsLoad = loadavg();
      results.stats = await benchStats(await login());
      console.table(
        results.stats.map((r) => ({
          query: r.query,
          apiP50: r.api.p50.toFixed(1),
          apiP95: r.api.p95.toFixed(1),
          naiveP50: r.naive.p50.toFixed(0),
          naiveP95: r.naive.p95.toFixed(0),
          ratio: r.ratioP50.toFixed(0),
          equal: r.equal,
        })),
      );
    } finally {
      api.kill('SIGTERM');
      await new Promise((r) => api.once('exit', r));
    }
  }
  if (wants('export')) {
    results.export = await benchExport();
    console.log('export:', results.export);
  }
  if (wants('pgbench')) {
    results.pgbench = { load: loadavg(), ...benchPgbench() };
    console.log('pgbench:', results.pgbench);
  }
  // the HTTP check-in load in its own database (bench/checkin.mjs), after pgbench: its anchor from this run
  if (wants('checkin')) results.checkin = runScript('checkin.mjs', 'latest-checkin.json');
  // (e) Lighthouse, mobile, simulated slow 4G: needs the web build
  if (wants('lighthouse')) {
    results.lighthouse = await (await import('./lighthouse.mjs')).run();
  }
  // two API processes + a streaming replica + HAProxy (root: creates the replica cluster), after the single-process runs
  if (wants('scale')) results.scale = runScript('scale-out.mjs', 'latest-scale-out.json');
  results.table = table(results);
  console.log(results.table);
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  const out = `bench/results/${ONLY ? `latest-${only.join('-')}` : 'latest'}.json`;
  writeFileSync(join(ROOT, out), JSON.stringify(results, null, 2));
  writeFileSync(join(ROOT, out.replace(/\.json$/, '.md')), results.table + '\n');
  console.log(`written ${out}`);
  if (process.env.BENCH_DROP === '1') await withClient(SERVER_URL, (c) => c.query(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`));
}

/**
 * Run another bench script as its own process (it makes and drops its own database); its results file, or the
 * failure (a failed part is a row of the table, not the end of the run).
 */
function runScript(script, resultFile) {
  const t = now();
  try {
    execFileSync(process.execPath, [join(ROOT, 'bench', script)], { stdio: 'inherit', env: { ...process.env } });
    return { ...JSON.parse(readFileSync(join(ROOT, 'bench/results', resultFile), 'utf8')), seconds: ms(t) / 1000 };
  } catch (err) {
    // scale-out.mjs exits 1 when its smoke fails but still writes its results
    try {
      return { ...JSON.parse(readFileSync(join(ROOT, 'bench/results', resultFile), 'utf8')), failed: String(err.message).slice(0, 200) };
    } catch {
      return { failed: String(err.message).slice(0, 200) };
    }
  }
}

/** One table: figure, anchor from the same run, ratio, machine load. */
function table(r) {
  const rows = ['| work | Wenming | anchor (same run) | ratio | load avg |', '|---|---|---|---|---|'];
  for (const x of r.stats ?? []) {
    rows.push(
      `| ${x.query} | p50 ${x.api.p50.toFixed(1)} / p95 ${x.api.p95.toFixed(1)} ms${x.equal ? '' : ' (FIGURES DIFFER)'} | naive SQL p50 ${x.naive.p50.toFixed(0)} ms | ${x.ratioP50.toFixed(1)}× | ${r.statsLoad} |`,
    );
  }
  const e = r.export;
  if (e?.csv) {
    rows.push(
      `| attendance CSV export, ${e.csv.rows.toLocaleString('en')} rows | ${e.csv.seconds.toFixed(1)} s, peak RSS ${e.csv.peakRssVmHWMMb.toFixed(0)} MB | \`psql \\copy\` ${e.psql.seconds.toFixed(1)} s (${e.psql.rows.toLocaleString('en')} rows) | ${e.csv.ratio.toFixed(2)}× | ${e.csv.load} / ${e.psql.load} |`,
    );
  }
  if (e?.xlsx) {
    rows.push(
      `| attendance XLSX export, same rows | ${e.xlsx.seconds.toFixed(1)} s, ${(e.xlsx.bytes / 1048576).toFixed(0)} MB, peak RSS ${e.xlsx.peakRssVmHWMMb.toFixed(0)} MB | \`psql \\copy\` ${e.psql.seconds.toFixed(1)} s | ${e.xlsx.ratioToPsql.toFixed(2)}× | ${e.xlsx.load} |`,
    );
  }
  for (const p of r.lighthouse?.pages ?? []) {
    rows.push(
      `| Lighthouse mobile ${p.page} | performance ${p.performance}, LCP ${(p.lcpMs / 1000).toFixed(1)} s, FCP ${(p.fcpMs / 1000).toFixed(1)} s, TBT ${p.tbtMs} ms, ${p.transferKiB} KiB, compressed: ${p.usesTextCompression ? 'yes' : 'no'} | goal ≥ 90, LCP ≤ 2.5 s | — | ${r.lighthouse.load} |`,
    );
  }
  if (r.pgbench)
    rows.push(`| pgbench single-row insert (check-in anchor) | ${r.pgbench.tps.toFixed(0)} tps, ${r.pgbench.latencyAvgMs} ms mean | — | — | ${r.pgbench.load} |`);
  const c = r.checkin;
  if (c?.requestsPerSec !== undefined) {
    rows.push(
      `| check-in over HTTP, autocannon -c 16, a new walk-in per request | ${c.requestsPerSec.toFixed(0)} req/s, p50 ${c.latencyP50} / p99 ${c.latencyP99} ms, ${c.non2xx} non-2xx | ${r.pgbench ? `pgbench ${r.pgbench.tps.toFixed(0)} tps` : '—'} | ${r.pgbench ? `${(c.requestsPerSec / r.pgbench.tps).toFixed(3)}×` : '—'} | ${c.load ?? '—'} |`,
    );
  } else if (c) rows.push(`| check-in over HTTP | FAILED: ${c.failed} | — | — | — |`);
  const sc = r.scale;
  if (sc?.checkinThroughBalancer) {
    const b = sc.checkinThroughBalancer;
    rows.push(
      `| check-in through HAProxy, 2 API processes + replica | ${b.requestsPerSec.toFixed(0)} req/s, p50 ${b.latencyP50} / p99 ${b.latencyP99} ms, ${b.non2xx} non-2xx, per process ${Object.values(b.perBackend).join(' / ')} | ${c?.requestsPerSec !== undefined ? `one process ${c.requestsPerSec.toFixed(0)} req/s` : '—'} | ${c?.requestsPerSec !== undefined ? `${(b.requestsPerSec / c.requestsPerSec).toFixed(2)}×` : '—'} | ${b.load} |`,
    );
  }
  if (sc?.smoke) {
    rows.push(
      `| acceptance through HAProxy (${sc.acceptance ?? 'smoke'}) | ${sc.smoke.ok ? 'passed' : 'FAILED'}; a check-in visible on the replica after ${sc.smoke.replicaVisibleAfterMs} ms | — | — | ${sc.load.split(' ').slice(0, 3).join(' ')} |`,
    );
  } else if (sc) rows.push(`| scale-out (bench/scale-out.mjs) | FAILED: ${sc.failed} | — | — | — |`);
  return rows.join('\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
