// (c) Check-in throughput over HTTP: autocannon against POST /activities/:id/checkin, next to the pgbench baseline.
// Usage: node bench/checkin.mjs   (API built). Creates wenming_bench_checkin (migrate + seed via the CLI), a live
// Friday-style service_day activity without capacity (walk-ins allowed), BENCH_CHECKIN_VOLUNTEERS volunteers with
// logins (SQL), signs their tokens with the API's JWT secret (no 40,000 argon2 logins), reads the current code as the
// county admin and runs autocannon: every request is a different volunteer until all have checked in once.
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { API, ROOT, SERVER_URL, apiRequire, dbUrl, loadavg, newSecret, signToken, startApi, waitHealthy, withClient } from './lib.mjs';

const DB = process.env.BENCH_CHECKIN_DB ?? 'wenming_bench_checkin';
const N = Number(process.env.BENCH_CHECKIN_VOLUNTEERS ?? 40000);
const PORT = Number(process.env.BENCH_PORT ?? 3204);
const SECRET = newSecret(); // the app refuses guessable secrets
const jwt = (sub, role) => signToken(SECRET, sub, role);

await withClient(SERVER_URL, async (c) => {
  await c.query(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);
  await c.query(`CREATE DATABASE "${DB}"`);
});
const url = dbUrl(DB);
execFileSync(process.execPath, [join(API, 'dist/database/cli.js'), 'seed'], {
  env: { ...process.env, DATABASE_URL: url, DATA_DIR: '/tmp/wenming-bench-data' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const { activityId, tokens, admin } = await withClient(url, async (c) => {
  const [team] = (await c.query(`SELECT t.id, t.site_id FROM teams t ORDER BY t.name LIMIT 1`)).rows;
  const activityId = randomUUID();
  await c.query(
    `INSERT INTO activities (id, title, kind, category, site_id, team_id, starts_at, ends_at, capacity, status, checkin_secret)
     VALUES ($1, '签到压测', 'service_day', 'sanitation', $2, $3, now() - interval '10 minutes', now() + interval '3 hours', NULL, 'published', $4)`,
    [activityId, team.site_id, team.id, randomUUID().replace(/-/g, '') + randomUUID().replace(/-/g, '')],
  );
  const [{ hash }] = (await c.query(`SELECT password_hash AS hash FROM users LIMIT 1`)).rows;
  const { rows } = await c.query(
    `WITH v AS (INSERT INTO volunteers (name, phone, site_id) SELECT '压测' || g, '17' || lpad(g::text, 9, '0'), $2 FROM generate_series(1, $1::int) g RETURNING id)
     INSERT INTO users (phone, password_hash, role, volunteer_id) SELECT '17' || lpad(row_number() OVER ()::text, 9, '0'), $3, 'volunteer', v.id FROM v RETURNING id`,
    [N, team.site_id, hash],
  );
  const [adm] = (await c.query(`SELECT id FROM users WHERE role = 'county_admin' LIMIT 1`)).rows;
  // BENCH_CHECKIN_NO_STATS_TRIGGER=1: measure the same run without the statistics trigger on attendance inserts
  if (process.env.BENCH_CHECKIN_NO_STATS_TRIGGER === '1') await c.query(`ALTER TABLE attendance DISABLE TRIGGER trg_stats_attendance_ins`);
  return { activityId, tokens: rows.map((r) => jwt(r.id, 'volunteer')), admin: jwt(adm.id, 'county_admin') };
});

// BENCH_CPU_PROF=<dir>: the API runs with --cpu-prof (a .cpuprofile per run in <dir>)
const profArgs = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
const api = startApi({ port: PORT, databaseUrl: url, secret: SECRET, nodeArgs: profArgs });
const BASE = api.base;
try {
  await waitHealthy(api);
  const codeRes = await fetch(`${BASE}/activities/${activityId}/checkin-code`, { headers: { Authorization: `Bearer ${admin}` } });
  const { code } = await codeRes.json();
  const probe = await fetch(`${BASE}/activities/${activityId}/checkin`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${tokens[0]}`, 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  console.log('probe check-in:', probe.status);
  const autocannon = apiRequire('autocannon');
  // CPU seconds of the API process (utime + stime) and of every PostgreSQL process, before and after the load
  const cpuOf = (pid) => {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(f[11]) + Number(f[12])) / 100;
    } catch {
      return 0;
    }
  };
  const pgCpu = () =>
    readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .reduce((sum, pid) => {
        try {
          return readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('postgres') ? sum + cpuOf(pid) : sum;
        } catch {
          return sum;
        }
      }, 0);
  const cpu0 = { api: cpuOf(api.pid), pg: pgCpu(), load: readFileSync('/proc/loadavg', 'utf8').trim() };
  let i = 1;
  const result = await autocannon({
    url: BASE,
    connections: 16,
    duration: Number(process.env.BENCH_CHECKIN_SECONDS ?? 15),
    requests: [
      {
        method: 'POST',
        path: `/api/v1/activities/${activityId}/checkin`,
        setupRequest: (req) => ({
          ...req,
          headers: { ...req.headers, 'content-type': 'application/json', authorization: `Bearer ${tokens[i++ % tokens.length]}` },
          body: JSON.stringify({ code }),
        }),
      },
    ],
  });
  const cpu1 = { api: cpuOf(api.pid), pg: pgCpu(), load: readFileSync('/proc/loadavg', 'utf8').trim() };
  const checkedIn = await withClient(url, async (c) => (await c.query(`SELECT count(*)::int AS n FROM attendance WHERE activity_id = $1`, [activityId])).rows[0].n);
  const out = {
    command: 'node bench/checkin.mjs (autocannon -c 16, 15 s, POST /activities/:id/checkin, a different volunteer per request)',
    requestsPerSec: result.requests.average,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    totalRequests: result.requests.total,
    distinctCheckIns: checkedIn,
    statsTrigger: process.env.BENCH_CHECKIN_NO_STATS_TRIGGER === '1' ? 'disabled' : 'enabled',
    // CPU per request: the API process, and all PostgreSQL processes on the machine (other work included)
    apiCpuMsPerRequest: Math.round(((cpu1.api - cpu0.api) * 1e5) / result.requests.total) / 100,
    pgCpuMsPerRequest: Math.round(((cpu1.pg - cpu0.pg) * 1e5) / result.requests.total) / 100,
    loadBefore: cpu0.load,
    loadAfter: cpu1.load,
    load: loadavg(),
  };
  console.log(out);
  // bench/run.mjs puts it in its one table
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results/latest-checkin.json'), JSON.stringify(out, null, 2));
} finally {
  await api.stop();
  if (process.env.BENCH_KEEP !== '1') await withClient(SERVER_URL, (c) => c.query(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`));
}
