// (c) Check-in throughput over HTTP: autocannon against POST /activities/:id/checkin, next to the pgbench baseline.
// Usage: node bench/checkin.mjs   (API built). Creates wenming_bench_checkin (migrate + seed via the CLI), a live
// Friday-style service_day activity without capacity (walk-ins allowed), BENCH_CHECKIN_VOLUNTEERS volunteers with
// logins (SQL), signs their tokens with the API's JWT secret (no 40,000 argon2 logins), reads the current code as the
// county admin and runs autocannon: every request is a different volunteer until all have checked in once.
// Then the check-out load (POST /activities/:id/checkout with the code, every volunteer who checked in, once each).
// Same run, same database, before the HTTP load: the anchor — pgbench -c 16 -j 2 of a single-row
// INSERT … ON CONFLICT DO NOTHING (as bench/run.mjs (c)) — and the ratio HTTP req/s ÷ anchor tps; and the
// check-in statement alone in pgbench (`attendance_checkin`, 16 clients, a new walk-in per call to another activity
// by other volunteers): the database side's ceiling for this code; and the same statement for
// BENCH_CHECKIN_PGBENCH_BATCH (16) walk-ins at once, 4 clients — the batched statement the API's batcher sends
// (checkin-batcher.ts). BENCH_CHECKIN_PGBENCH=0 skips all three. CHECKIN_BATCH_MAX=1 runs the API without batching.
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { API, ROOT, SERVER_URL, apiRequire, dbUrl, loadavg, newSecret, signToken, startApi, waitHealthy, withClient } from './lib.mjs';

const DB = process.env.BENCH_CHECKIN_DB ?? 'wenming_bench_checkin';
const N = Number(process.env.BENCH_CHECKIN_VOLUNTEERS ?? 40000);
const PORT = Number(process.env.BENCH_PORT ?? 3204);
const SECONDS = Number(process.env.BENCH_CHECKIN_SECONDS ?? 15);
const PGBENCH = process.env.BENCH_CHECKIN_PGBENCH !== '0';
/** Volunteers of the pgbench run of the statement (another activity, so they never meet the HTTP ones). */
const N_PG = 60000;
const SECRET = newSecret(); // the app refuses guessable secrets
const jwt = (sub, role) => signToken(SECRET, sub, role);
const PG_ACTIVITY = randomUUID();
/** The batched statement's pgbench (a micro-batch: BATCH walk-ins in one statement, as the API's batcher sends them). */
const PG_BATCH_ACTIVITY = randomUUID();
const BATCH = Number(process.env.BENCH_CHECKIN_PGBENCH_BATCH ?? 16);
const sh = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] }).toString();

/** pgbench -n -c 16 -j 2 -T seconds -f script against the bench database: tps and mean latency. */
function pgbench(script, body, seconds, clients = 16) {
  writeFileSync(script, body);
  const out = sh('pgbench', ['-n', '-c', String(clients), '-j', '2', '-T', String(seconds), '-f', script, url]);
  return {
    command: `pgbench -n -c ${clients} -j 2 -T ${seconds} -f ${script}`,
    tps: Number(/tps = ([\d.]+)/.exec(out)?.[1]),
    latencyAvgMs: Number(/latency average = ([\d.]+) ms/.exec(out)?.[1]),
    load: loadavg(),
  };
}

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
  if (PGBENCH) {
    // the statement's own pgbench: a second live service day (later the same day, no overlap with the first: the
    // walk-ins of one never meet the other's) and N_PG other volunteers numbered 1..N_PG
    // and a third right after it for the batched statement (the same volunteers walk in again: no overlap)
    await c.query(
      `INSERT INTO activities (id, title, kind, category, site_id, team_id, starts_at, ends_at, capacity, status, checkin_secret)
       VALUES ($1, '签到压测（pgbench）', 'service_day', 'sanitation', $2, $3, now() - interval '10 minutes', now() + interval '20 minutes', NULL, 'published', $4),
              ($5, '签到压测（pgbench 批）', 'service_day', 'sanitation', $2, $3, now() + interval '20 minutes', now() + interval '3 hours', NULL, 'published', $6)`,
      [
        PG_ACTIVITY,
        team.site_id,
        team.id,
        randomUUID().replace(/-/g, '') + randomUUID().replace(/-/g, ''),
        PG_BATCH_ACTIVITY,
        randomUUID().replace(/-/g, '') + randomUUID().replace(/-/g, ''),
      ],
    );
    await c.query(`CREATE TABLE bench_ck_users (n int PRIMARY KEY, user_id uuid NOT NULL)`);
    await c.query(
      `WITH v AS (INSERT INTO volunteers (name, phone, site_id) SELECT '压测库' || g, '14' || lpad(g::text, 9, '0'), $2 FROM generate_series(1, $1::int) g RETURNING id, phone),
            u AS (INSERT INTO users (phone, password_hash, role, volunteer_id) SELECT v.phone, $3, 'volunteer', v.id FROM v RETURNING id, phone)
       INSERT INTO bench_ck_users SELECT substr(phone, 3)::int, id FROM u`,
      [N_PG, team.site_id, hash],
    );
    await c.query(`ANALYZE`);
  }
  // BENCH_CHECKIN_NO_STATS_TRIGGER=1: measure the same run without the statistics trigger on attendance inserts
  if (process.env.BENCH_CHECKIN_NO_STATS_TRIGGER === '1') await c.query(`ALTER TABLE attendance DISABLE TRIGGER trg_stats_attendance_ins`);
  return { activityId, tokens: rows.map((r) => jwt(r.id, 'volunteer')), admin: jwt(adm.id, 'county_admin') };
});

// ---- the same-run anchors (before the API starts: nothing else of ours on the machine) ----
const anchors = {};
if (PGBENCH) {
  await withClient(url, (c) =>
    c.query(
      `CREATE TABLE bench_checkins (activity_id int NOT NULL, volunteer_id int NOT NULL, at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (activity_id, volunteer_id))`,
    ),
  );
  anchors.singleRowInsert = pgbench(
    '/tmp/wenming-bench-checkin-anchor.sql',
    '\\set a random(1, 60000)\n\\set v random(1, 30000)\nINSERT INTO bench_checkins (activity_id, volunteer_id) VALUES (:a, :v) ON CONFLICT DO NOTHING;\n',
    Math.min(SECONDS, 10),
  );
  console.log('anchor (single-row insert):', anchors.singleRowInsert);
  // the check-in statement alone, as the API calls it on its common path (login checked inside, a walk-in)
  anchors.checkinStatement = pgbench(
    '/tmp/wenming-bench-checkin-statement.sql',
    `\\set n random(1, ${N_PG})\nSELECT outcome FROM attendance_checkin((SELECT user_id FROM bench_ck_users WHERE n = :n), 0, true, NULL, '${PG_ACTIVITY}', now(), 'code', NULL, NULL, 'checkin:', 5, true, 30);\n`,
    Math.min(SECONDS, 10),
  );
  anchors.checkinStatement.distinctCheckIns = await withClient(
    url,
    async (c) => (await c.query(`SELECT count(*)::int AS n FROM attendance WHERE activity_id = $1`, [PG_ACTIVITY])).rows[0].n,
  );
  console.log('the check-in statement alone:', anchors.checkinStatement);
  // the same statement for BATCH walk-ins at once (what the API's batcher sends under load), 4 clients
  anchors.checkinStatementBatch = pgbench(
    '/tmp/wenming-bench-checkin-batch.sql',
    `\\set n random(1, ${N_PG - BATCH + 1})\nSELECT count(*) FROM bench_ck_users u CROSS JOIN LATERAL attendance_checkin(u.user_id, 0, true, NULL, '${PG_BATCH_ACTIVITY}', now(), 'code', NULL, NULL, 'checkin:', 5, true, 30) f WHERE u.n BETWEEN :n AND :n + ${BATCH - 1};\n`,
    Math.min(SECONDS, 10),
    4,
  );
  anchors.checkinStatementBatch.batch = BATCH;
  anchors.checkinStatementBatch.checkinsPerSec = Math.round(anchors.checkinStatementBatch.tps * BATCH);
  anchors.checkinStatementBatch.distinctCheckIns = await withClient(
    url,
    async (c) => (await c.query(`SELECT count(*)::int AS n FROM attendance WHERE activity_id = $1`, [PG_BATCH_ACTIVITY])).rows[0].n,
  );
  console.log(`the check-in statement, ${BATCH} walk-ins per statement:`, anchors.checkinStatementBatch);
}

// BENCH_CPU_PROF=<dir>: the API runs with --cpu-prof (a .cpuprofile per run in <dir>)
const profArgs = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
// BENCH_PLATFORM=fastify|express: the same modules on a bare HTTP platform (bench/checkin-platform-api.mjs runs
// instead of dist/main.js, which node then only passes it as an argument): lever (a) of issue 15
const PLATFORM = process.env.BENCH_PLATFORM;
const platformArgs = PLATFORM ? [join(ROOT, 'bench/checkin-platform-api.mjs')] : [];
const api = startApi({ port: PORT, databaseUrl: url, secret: SECRET, nodeArgs: [...profArgs, ...platformArgs], env: PLATFORM ? { BENCH_PLATFORM: PLATFORM } : {} });
const BASE = api.base;

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

/** idle and total jiffies of all cores (/proc/stat). */
const machineCpu = () => {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return [f[3] + f[4], f.reduce((a, b) => a + b, 0)];
};

/** autocannon -c 16 for SECONDS on `path`, a different volunteer's token per request; the figures and CPU per request. */
async function load(path, toks, body, amount) {
  const autocannon = apiRequire('autocannon');
  const [idle0, total0] = machineCpu();
  const cpu0 = { api: cpuOf(api.pid), pg: pgCpu(), bench: process.cpuUsage(), t: Date.now(), load: readFileSync('/proc/loadavg', 'utf8').trim() };
  let i = 0;
  const result = await autocannon({
    url: BASE,
    connections: 16,
    // a duration, or `amount` requests (autocannon then ignores the duration)
    duration: SECONDS,
    ...(amount ? { amount } : {}),
    // BENCH_CHECKIN_RATE=<req/s>: a fixed offered rate (CPU per request compared at the same rate, busy machine)
    ...(process.env.BENCH_CHECKIN_RATE ? { overallRate: Number(process.env.BENCH_CHECKIN_RATE) } : {}),
    requests: [
      {
        method: 'POST',
        path,
        setupRequest: (req) => ({
          ...req,
          headers: { ...req.headers, 'content-type': 'application/json', authorization: `Bearer ${toks[i++ % toks.length]}` },
          body: JSON.stringify(body),
        }),
      },
    ],
  });
  const [idle1, total1] = machineCpu();
  const cpu1 = { api: cpuOf(api.pid), pg: pgCpu(), bench: process.cpuUsage(cpu0.bench), t: Date.now(), load: readFileSync('/proc/loadavg', 'utf8').trim() };
  return {
    requestsPerSec: result.requests.average,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    totalRequests: result.requests.total,
    // CPU per request: the API process, and all PostgreSQL processes on the machine (other work included)
    apiCpuMsPerRequest: Math.round(((cpu1.api - cpu0.api) * 1e5) / result.requests.total) / 100,
    pgCpuMsPerRequest: Math.round(((cpu1.pg - cpu0.pg) * 1e5) / result.requests.total) / 100,
    // the load generator itself (autocannon in this process) shares the 2 cores
    benchCpuMsPerRequest: Math.round((cpu1.bench.user + cpu1.bench.system) / 10 / result.requests.total) / 100,
    // busy share of the machine's cores during the load (1 = every core busy all the time)
    machineBusy: Math.round((1 - (idle1 - idle0) / (total1 - total0)) * 100) / 100,
    loadBefore: cpu0.load,
    loadAfter: cpu1.load,
  };
}

try {
  await waitHealthy(api);
  const codeNow = async () => (await (await fetch(`${BASE}/activities/${activityId}/checkin-code`, { headers: { Authorization: `Bearer ${admin}` } })).json()).code;
  let code = await codeNow();
  const probe = await fetch(`${BASE}/activities/${activityId}/checkin`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${tokens[0]}`, 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  console.log('probe check-in:', probe.status);
  const checkinRun = await load(`/api/v1/activities/${activityId}/checkin`, tokens.slice(1), { code });
  const checkedIn = await withClient(url, async (c) => (await c.query(`SELECT count(*)::int AS n FROM attendance WHERE activity_id = $1`, [activityId])).rows[0].n);
  console.log('check-in:', checkinRun);

  // ---- check-out: every volunteer who checked in, once, with the current code ----
  const outTokens = await withClient(url, async (c) =>
    (await c.query(`SELECT u.id FROM attendance t JOIN users u ON u.volunteer_id = t.volunteer_id WHERE t.activity_id = $1 ORDER BY random()`, [activityId])).rows.map(
      (r) => jwt(r.id, 'volunteer'),
    ),
  );
  code = await codeNow();
  // each volunteer who checked in checks out once (a repeat would be the idempotent answer, a cheaper request)
  const checkoutRun = await load(`/api/v1/activities/${activityId}/checkout`, outTokens, { code }, outTokens.length);
  const checkedOut = await withClient(
    url,
    async (c) => (await c.query(`SELECT count(*)::int AS n FROM attendance WHERE activity_id = $1 AND check_out_at IS NOT NULL`, [activityId])).rows[0].n,
  );
  console.log('check-out:', checkoutRun);

  const anchorTps = anchors.singleRowInsert?.tps;
  const out = {
    command: `node bench/checkin.mjs (autocannon -c 16, ${SECONDS} s, POST /activities/:id/checkin, a different volunteer per request; then POST …/checkout, each checked-in volunteer once)`,
    ...checkinRun,
    distinctCheckIns: checkedIn,
    statsTrigger: process.env.BENCH_CHECKIN_NO_STATS_TRIGGER === '1' ? 'disabled' : 'enabled',
    platform: PLATFORM ? `bare ${PLATFORM} (bench/checkin-platform-api.mjs)` : 'product (dist/main.js, Fastify)',
    load: loadavg(),
    // the same-run anchors and the ratios (HTTP req/s ÷ pgbench tps)
    anchor: anchors.singleRowInsert ?? null,
    ratioToAnchor: anchorTps ? Math.round((checkinRun.requestsPerSec / anchorTps) * 1000) / 1000 : null,
    checkinStatementPgbench: anchors.checkinStatement ?? null,
    ratioToStatement: anchors.checkinStatement ? Math.round((checkinRun.requestsPerSec / anchors.checkinStatement.tps) * 1000) / 1000 : null,
    checkinStatementBatchPgbench: anchors.checkinStatementBatch ?? null,
    ratioToBatchedStatement: anchors.checkinStatementBatch ? Math.round((checkinRun.requestsPerSec / anchors.checkinStatementBatch.checkinsPerSec) * 1000) / 1000 : null,
    // CHECKIN_BATCH_MAX of the API under test (1 = every check-in its own statement)
    checkinBatchMax: Number(process.env.CHECKIN_BATCH_MAX ?? 16),
    checkinBatchesInFlight: Number(process.env.CHECKIN_BATCHES_IN_FLIGHT ?? 1),
    checkout: { ...checkoutRun, distinctCheckOuts: checkedOut, ratioToAnchor: anchorTps ? Math.round((checkoutRun.requestsPerSec / anchorTps) * 1000) / 1000 : null },
  };
  console.log(out);
  // bench/run.mjs puts it in its one table
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, `bench/results/latest-checkin${PLATFORM ? `-${PLATFORM}` : ''}.json`), JSON.stringify(out, null, 2));
} finally {
  await api.stop();
  if (process.env.BENCH_KEEP !== '1') await withClient(SERVER_URL, (c) => c.query(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`));
}
