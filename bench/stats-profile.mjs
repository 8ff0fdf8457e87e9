// node bench/stats-profile.mjs — where the time of a statistics query goes: the built StatsService called in-process
// (PostgreSQL + row mapping + labels, no HTTP, no auth) and each SQL statement it sends timed alone with
// EXPLAIN (ANALYZE, BUFFERS) (execution + planning time, shared buffers hit/read). Needs apps/api built and a
// bench database (BENCH_DB, default wenming_bench; only read). PROFILE_RUNS (default 30) per case;
// PROFILE_CASES=<substring>[,…] keeps the matching cases; PROFILE_PLANS=1 prints the plans of the slowest statement.
// "Node CPU per call" is this process's CPU (pg driver parsing the rows + the service's mapping): compare it with the
// API process's CPU per HTTP request of the same query to see what the HTTP layer adds.
import { dbUrl, apiRequire, now, ms, percentile, loadavg } from './lib.mjs';

const { Pool } = apiRequire('pg');
const { StatsService } = apiRequire('./dist/modules/stats/stats.service.js');
const { StatsRepository } = apiRequire('./dist/modules/stats/stats.repository.js');

const RUNS = Number(process.env.PROFILE_RUNS ?? 30);
const YEAR = { from: '2025-01-01', to: '2025-12-31' };
const CASES = [
  ['by=site 2025', 'site', YEAR],
  ['by=site all time', 'site', {}],
  ['by=team 2025', 'team', YEAR],
  ['by=team all time', 'team', {}],
  ['by=category 2025', 'category', YEAR],
  ['by=week all time', 'week', {}],
  ['by=week kind=service_day all time', 'week', { kind: 'service_day' }],
  ['by=town 2025', 'town', YEAR],
  ['by=month teamType=red_vest all time', 'month', { teamType: 'red_vest' }],
  ['summary 2025', null, YEAR],
].filter(([name]) => !process.env.PROFILE_CASES || process.env.PROFILE_CASES.split(',').some((s) => name.includes(s)));

const pool = new Pool({ connectionString: dbUrl(), max: 4 });
let log = null;
const db = {
  query: async (sql, params = []) => {
    if (log) log.push({ sql, params });
    return (await pool.query(sql, params)).rows;
  },
};
const repo = new StatsRepository(db);
const service = new StatsService(repo, null);
const med = (xs) => percentile(xs, 50);

console.log(`load ${loadavg()}, ${RUNS} runs per case, database ${dbUrl()}`);
for (const [name, by, filter] of CASES) {
  const r = { filter, siteIds: null, teamIds: null };
  const call = () => (by ? service.breakdownResolved(r, by) : service.totals(r));
  for (let i = 0; i < 3; i++) await call();
  log = [];
  await call();
  const statements = log;
  log = null;
  const t = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < RUNS; i++) {
    const t0 = now();
    await call();
    t.push(ms(t0));
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000 / RUNS;
  console.log(
    `\n${name}: service in-process p50 ${med(t).toFixed(1)} / p95 ${percentile(t, 95).toFixed(1)} ms, Node CPU ${cpuMs.toFixed(2)} ms per call (pg driver + service), ${statements.length} statements`,
  );
  let slowest = null;
  for (const { sql, params } of statements) {
    const exec = [];
    const plan = [];
    let last;
    for (let i = 0; i < Math.max(5, Math.round(RUNS / 3)); i++) {
      const rows = (await pool.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params)).rows[0]['QUERY PLAN'][0];
      exec.push(rows['Execution Time']);
      plan.push(rows['Planning Time']);
      last = rows;
    }
    const b = last.Plan;
    const oneLine = sql.replace(/\s+/g, ' ').slice(0, 150);
    console.log(
      `  exec p50 ${med(exec).toFixed(2)} ms, plan ${med(plan).toFixed(2)} ms, rows ${b['Actual Rows']}, buffers hit ${b['Shared Hit Blocks']} read ${b['Shared Read Blocks']}: ${oneLine}…`,
    );
    if (!slowest || med(exec) > slowest.t) slowest = { t: med(exec), sql, params };
  }
  if (process.env.PROFILE_PLANS === '1' && slowest) {
    const rows = (await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${slowest.sql}`, slowest.params)).rows;
    console.log(rows.map((x) => `    ${x['QUERY PLAN']}`).join('\n'));
  }
}
await pool.end();
