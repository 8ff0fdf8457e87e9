// Scale-out on this machine (issue 15, part 4): PostgreSQL primary (127.0.0.1:5432) + a streaming replica
// (cluster 15/replica on 5433 — SCALE_REPLICA_CLUSTER / SCALE_REPLICA_PORT — pg_basebackup) + two API processes (DATABASE_URL = primary, DATABASE_READ_URL =
// replica) + HAProxy (Debian package) in front; then, through the balancer: an acceptance smoke (login, stats from the
// replica equal the naive SQL on the primary, CSV export row count, a check-in, both backends served) and the check-in
// load (autocannon -c 16), then the same load against one API process directly (same run). Measures the replica's staleness (time until a committed check-in is visible on it).
//
// Usage (root, API built): node bench/scale-out.mjs
//   SCALE_KEEP=1 keeps the replica cluster, the database and the processes' files; otherwise all is removed at the end.
// Touches the primary's configuration once: a `host replication all 127.0.0.1/32 trust` line in pg_hba.conf + reload
// (pg_basebackup and the standby need a replication connection).
import { randomUUID } from 'node:crypto';
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  API,
  BENCH_DATA_KEY,
  ROOT,
  SERVER_URL,
  apiRequire,
  dbUrl,
  loadavg,
  newSecret,
  signToken,
  sleep,
  startApi as startApiProcess,
  stopProcess,
  waitOk,
  withClient,
} from './lib.mjs';

const DB = process.env.SCALE_DB ?? 'wenming_scale';
const LB_PORT = Number(process.env.SCALE_LB_PORT ?? 3340);
const API_BASE_PORT = Number(process.env.SCALE_API_PORT_BASE ?? 3341);
const API_PORTS = [API_BASE_PORT, API_BASE_PORT + 1];
// SCALE_REPLICA_PORT / SCALE_REPLICA_CLUSTER: another port and cluster name when several people share the machine
const REPLICA_PORT = Number(process.env.SCALE_REPLICA_PORT ?? 5433);
const REPLICA_CLUSTER = process.env.SCALE_REPLICA_CLUSTER ?? 'replica';
// enough for two loads (through the balancer, then one process) of new walk-ins each
const N = Number(process.env.SCALE_VOLUNTEERS ?? 60000);
// both processes share JWT_SECRET and DATA_KEY (the database refuses a process with another DATA_KEY)
const SECRET = newSecret();
const DATA_KEY = BENCH_DATA_KEY;
const LB = `http://127.0.0.1:${LB_PORT}/api/v1`;
const sh = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], ...opts }).toString();
const jwt = (sub, role) => signToken(SECRET, sub, role);
const replicaUrl = (name) => `postgresql://postgres@127.0.0.1:${REPLICA_PORT}/${name}`;
const report = { startedAt: new Date().toISOString(), load: loadavg() };
const children = [];

function ensureHaproxy() {
  if (!existsSync('/usr/sbin/haproxy')) sh('apt-get', ['install', '-y', '-q', 'haproxy'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return sh('/usr/sbin/haproxy', ['-v']).split('\n')[0];
}

function ensureReplicationAccess() {
  const hba = sh('psql', [SERVER_URL, '-Atc', 'SHOW hba_file']).trim();
  const line = 'host replication all 127.0.0.1/32 trust';
  if (!readFileSync(hba, 'utf8').includes(line)) {
    appendFileSync(hba, `\n# wenming bench/scale-out.mjs: streaming replica on this machine\n${line}\n`);
    sh('psql', [SERVER_URL, '-Atc', 'SELECT pg_reload_conf()']);
  }
}

function createReplica() {
  const clusters = sh('pg_lsclusters', ['-h']);
  if (new RegExp(`^15\\s+${REPLICA_CLUSTER}\\s`, 'm').test(clusters)) sh('pg_dropcluster', ['15', REPLICA_CLUSTER, '--stop']);
  sh('pg_createcluster', ['15', REPLICA_CLUSTER, '-p', String(REPLICA_PORT)]);
  const dir = `/var/lib/postgresql/15/${REPLICA_CLUSTER}`;
  // empty it but keep the directory pg_createcluster made (owned by postgres, 0700; its parent is not writable by postgres)
  sh('find', [dir, '-mindepth', '1', '-delete']);
  const t = Date.now();
  sh('su', ['postgres', '-c', `pg_basebackup -h 127.0.0.1 -p 5432 -U postgres -D ${dir} -R -X stream -c fast`]);
  report.basebackupSeconds = (Date.now() - t) / 1000;
  // trust on the replica too (its own pg_hba from pg_createcluster is peer/md5)
  writeFileSync(`/etc/postgresql/15/${REPLICA_CLUSTER}/pg_hba.conf`, 'local all all trust\nhost all all 127.0.0.1/32 trust\n');
  sh('pg_ctlcluster', ['--skip-systemctl-redirect', '15', REPLICA_CLUSTER, 'start']);
}

function startApi(port) {
  const child = startApiProcess({ port, databaseUrl: dbUrl(DB), secret: SECRET, env: { DATABASE_READ_URL: replicaUrl(DB) }, dataDir: `/tmp/wenming-scale-${port}` });
  children.push(child);
  return child;
}

function startHaproxy() {
  const cfg = `/tmp/wenming-scale-haproxy-${LB_PORT}.cfg`;
  writeFileSync(
    cfg,
    `global
  maxconn 4096
defaults
  mode http
  timeout connect 2s
  timeout client 120s
  timeout server 120s
  option http-keep-alive
frontend wenming
  bind 127.0.0.1:${LB_PORT}
  default_backend api
  stats enable
  stats uri /haproxy-stats
backend api
  balance roundrobin
  option httpchk GET /api/v1/health
  http-check expect status 200
${API_PORTS.map((p, i) => `  server api${i + 1} 127.0.0.1:${p} check inter 1s`).join('\n')}
`,
  );
  const child = spawn('/usr/sbin/haproxy', ['-f', cfg, '-db'], { stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  return child;
}

/** Per backend: HTTP responses served (HAProxy's CSV statistics). */
async function servedPerBackend() {
  const csv = await (await fetch(`http://127.0.0.1:${LB_PORT}/haproxy-stats;csv`)).text();
  const head = csv.split('\n')[0].replace(/^# /, '').split(',');
  return Object.fromEntries(
    csv
      .split('\n')
      .slice(1)
      .map((l) => l.split(','))
      .filter((c) => c[0] === 'api' && /^api\d/.test(c[1]))
      .map((c) => [c[1], Number(c[head.indexOf('stot')])]),
  );
}

async function main() {
  report.haproxy = ensureHaproxy();
  // the database first (the base backup then carries it), seeded by the API's CLI
  await withClient(SERVER_URL, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${DB}"`);
  });
  sh(process.execPath, [join(API, 'dist/database/cli.js'), 'seed'], { env: { ...process.env, DATABASE_URL: dbUrl(DB), DATA_DIR: '/tmp/wenming-scale-seed', DATA_KEY } });
  ensureReplicationAccess();
  createReplica();
  const { activityId, tokens, admin } = await withClient(dbUrl(DB), async (c) => {
    const [team] = (await c.query(`SELECT t.id, t.site_id FROM teams t ORDER BY t.name LIMIT 1`)).rows;
    const activityId = randomUUID();
    await c.query(
      `INSERT INTO activities (id, title, kind, category, site_id, team_id, starts_at, ends_at, capacity, status, checkin_secret)
       VALUES ($1, '扩容压测', 'service_day', 'sanitation', $2, $3, now() - interval '10 minutes', now() + interval '3 hours', NULL, 'published', $4)`,
      [activityId, team.site_id, team.id, randomUUID().replace(/-/g, '') + randomUUID().replace(/-/g, '')],
    );
    const [{ hash }] = (await c.query(`SELECT password_hash AS hash FROM users LIMIT 1`)).rows;
    const { rows } = await c.query(
      `WITH v AS (INSERT INTO volunteers (name, phone, site_id) SELECT '扩容' || g, '16' || lpad(g::text, 9, '0'), $2 FROM generate_series(1, $1::int) g RETURNING id)
       INSERT INTO users (phone, password_hash, role, volunteer_id) SELECT '16' || lpad(row_number() OVER ()::text, 9, '0'), $3, 'volunteer', v.id FROM v RETURNING id`,
      [N, team.site_id, hash],
    );
    const [adm] = (await c.query(`SELECT id FROM users WHERE role = 'county_admin' LIMIT 1`)).rows;
    return { activityId, tokens: rows.map((r) => jwt(r.id, 'volunteer')), admin: jwt(adm.id, 'county_admin') };
  });

  API_PORTS.forEach(startApi);
  for (const p of API_PORTS) await waitOk(`http://127.0.0.1:${p}/api/v1/health`, `API on ${p}`);
  startHaproxy();
  await waitOk(`${LB}/health`, 'HAProxy');
  await sleep(1500); // both servers' health checks pass

  // ---- acceptance smoke through the balancer ----
  const auth = { Authorization: `Bearer ${admin}` };
  const smoke = {};
  const login = await fetch(`${LB}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone: '13800000001', password: process.env.SEED_PASSWORD ?? 'Demo@2026' }),
  });
  smoke.login = login.status;
  // the login's token on the next requests: round robin sends them to both processes (same JWT_SECRET)
  const userAuth = { Authorization: `Bearer ${(await login.json()).accessToken}` };
  const me = [];
  for (let k = 0; k < 4; k++) me.push((await fetch(`${LB}/me`, { headers: userAuth })).status);
  smoke.meOnBothProcesses = me.every((x) => x === 200);
  // the XLSX export through the balancer (exceljs loaded on this first workbook of the process)
  const xlsx = await fetch(`${LB}/exports/attendance?format=xlsx`, { headers: userAuth });
  const xlsxBytes = Buffer.from(await xlsx.arrayBuffer());
  smoke.xlsxExport = xlsx.status === 200 && xlsxBytes.subarray(0, 2).toString() === 'PK' ? `${xlsxBytes.length} bytes` : `FAILED ${xlsx.status}`;
  const naive = await withClient(
    dbUrl(DB),
    async (c) =>
      (
        await c.query(`SELECT count(*)::int AS "personTimes", count(DISTINCT t.volunteer_id)::int AS volunteers, coalesce(sum(t.minutes), 0)::int AS "serviceMinutes"
      FROM attendance t JOIN activities a ON a.id = t.activity_id WHERE t.status = 'confirmed' AND a.status <> 'cancelled'`)
      ).rows[0],
  );
  const summaries = [];
  for (let i = 0; i < 4; i++) summaries.push(await (await fetch(`${LB}/stats/summary`, { headers: auth })).json());
  smoke.statsFromReplicaEqualNaiveOnPrimary = summaries.every(
    (s) => s.personTimes === naive.personTimes && s.volunteers === naive.volunteers && s.serviceMinutes === naive.serviceMinutes,
  );
  const csv = await (await fetch(`${LB}/exports/attendance?format=csv`, { headers: auth })).text();
  const [{ n: attendanceRows }] = await withClient(dbUrl(DB), async (c) => (await c.query(`SELECT count(*)::int AS n FROM attendance`)).rows);
  smoke.exportRows = csv.split('\r\n').filter(Boolean).length - 4;
  smoke.exportRowsEqual = smoke.exportRows === attendanceRows;
  const { code } = await (await fetch(`${LB}/activities/${activityId}/checkin-code`, { headers: auth })).json();
  // staleness: a committed check-in, then poll the replica until it sees the row
  const t0 = Date.now();
  const first = await fetch(`${LB}/activities/${activityId}/checkin`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${tokens[0]}`, 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  smoke.checkin = first.status;
  const committedAt = Date.now();
  await withClient(replicaUrl(DB), async (c) => {
    for (;;) {
      if ((await c.query(`SELECT 1 FROM attendance WHERE activity_id = $1`, [activityId])).rowCount) break;
      if (Date.now() - committedAt > 30000) throw new Error('replica did not catch up in 30 s');
      await sleep(2);
    }
  });
  smoke.replicaVisibleAfterMs = Date.now() - committedAt;
  smoke.checkinRequestMs = committedAt - t0;
  smoke.servedPerBackend = await servedPerBackend();
  smoke.ok =
    smoke.login === 200 &&
    smoke.statsFromReplicaEqualNaiveOnPrimary &&
    smoke.exportRowsEqual &&
    [200, 201].includes(smoke.checkin) &&
    smoke.meOnBothProcesses &&
    !smoke.xlsxExport.startsWith('FAILED') &&
    Object.values(smoke.servedPerBackend).every((n) => n > 0);
  report.smoke = smoke;
  console.log('smoke:', smoke);

  // ---- check-in load through the balancer ----
  const autocannon = apiRequire('autocannon');
  let i = 1;
  const before = await servedPerBackend();
  // replication delay while the load runs: the primary's pg_stat_replication.replay_lag, sampled every 250 ms
  const lags = [];
  const sampler = setInterval(async () => {
    try {
      const [r] = await withClient(
        SERVER_URL,
        async (c) =>
          (await c.query(`SELECT extract(epoch FROM replay_lag) * 1000 AS ms FROM pg_stat_replication WHERE application_name <> 'pg_basebackup' LIMIT 1`)).rows,
      );
      if (r?.ms != null) lags.push(Number(r.ms));
    } catch {}
  }, 250);
  const result = await autocannon({
    url: LB,
    connections: 16,
    duration: Number(process.env.SCALE_SECONDS ?? 15),
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
  clearInterval(sampler);
  const after = await servedPerBackend();
  const lag = await withClient(
    replicaUrl(DB),
    async (c) => (await c.query(`SELECT extract(epoch FROM now() - pg_last_xact_replay_timestamp()) * 1000 AS ms`)).rows[0].ms,
  );
  report.checkinThroughBalancer = {
    requestsPerSec: result.requests.average,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    totalRequests: result.requests.total,
    perBackend: Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - (before[k] ?? 0)])),
    replicaLastReplayAgeMsAfterLoad: Number(lag),
    replayLagDuringLoadMs: lags.length ? { samples: lags.length, max: Math.max(...lags), mean: lags.reduce((a, b) => a + b, 0) / lags.length } : null,
    load: loadavg(),
  };
  console.log('check-in through HAProxy:', report.checkinThroughBalancer);

  // ---- the same load against one API process directly (same run, same database, new volunteers) ----
  const single = await autocannon({
    url: `http://127.0.0.1:${API_PORTS[0]}/api/v1`,
    connections: 16,
    duration: Number(process.env.SCALE_SECONDS ?? 15),
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
  report.checkinOneProcess = {
    requestsPerSec: single.requests.average,
    latencyP50: single.latency.p50,
    latencyP99: single.latency.p99,
    non2xx: single.non2xx,
    errors: single.errors,
    totalRequests: single.requests.total,
    load: loadavg(),
  };
  report.balancerOverOneProcess = Math.round((report.checkinThroughBalancer.requestsPerSec / single.requests.average) * 100) / 100;
  report.volunteersUsed = i;
  console.log('check-in, one process directly:', report.checkinOneProcess, 'balancer ÷ one process:', report.balancerOverOneProcess);
}

async function cleanup() {
  for (const c of children.reverse()) await stopProcess(c);
  if (process.env.SCALE_KEEP !== '1') {
    try {
      sh('pg_dropcluster', ['15', REPLICA_CLUSTER, '--stop']);
    } catch {}
    await withClient(SERVER_URL, (c) => c.query(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`));
  }
}

main()
  .then(async () => {
    await cleanup();
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench/results/latest-scale-out.json'), JSON.stringify(report, null, 2));
    console.log('written bench/results/latest-scale-out.json');
    process.exit(report.smoke?.ok ? 0 : 1);
  })
  .catch(async (e) => {
    console.error(e);
    await cleanup().catch(() => undefined);
    // the results so far, with the failure, for bench/run.mjs's table
    writeFileSync(join(ROOT, 'bench/results/latest-scale-out.json'), JSON.stringify({ ...report, failed: String(e?.message ?? e) }, null, 2));
    process.exit(1);
  });
