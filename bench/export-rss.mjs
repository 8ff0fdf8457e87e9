// node bench/export-rss.mjs — where the API's memory goes around the attendance export (issue 15: peak RSS ≤ 150 MB
// with no heap flag). Starts the built API as `pnpm bench` does (bench/lib.mjs startApi, PostgreSQL BENCH_DB), waits
// for /health, times /health, then downloads GET /exports/attendance once, sampling the process every 100 ms.
// Prints one JSON line per run: start-up time, /health latency, idle RSS, export time/bytes, sampled peak, VmHWM.
//
//   BENCH_DB=<copy of wenming_bench> BENCH_PORT=3461 node bench/export-rss.mjs
//
// Options (env): EXPORT_FORMAT=csv|xlsx (csv) · EXPORT_ENCODING=identity|gzip (what the client sends as
// Accept-Encoding; default: nothing, as Node's fetch sends gzip, deflate, br) · EXPORT_RUNS=n fresh processes (1) ·
// IDLE_WAIT=s seconds idle before the export (0: at once, as pnpm bench) · PROBE=1 also writes a per-50 ms timeline
// of process.memoryUsage() + V8 space sizes + /proc/self/status from inside the API to /tmp/wenming-export-rss-*.jsonl
// (a --require'd sampler, no heap flag), and the per-package require cache + smaps_rollup at idle ·
// API_NODE_ARGS='…' node flags for the API process, for diagnosis only (the figures of record use none).
import { writeFileSync } from 'node:fs';
import { countyAdminToken, dbUrl, loadavg, ms, newSecret, now, percentile, rssOf, sleep, startApi, waitHealthy } from './lib.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 3461);
const FORMAT = process.env.EXPORT_FORMAT ?? 'csv';
const ENCODING = process.env.EXPORT_ENCODING;
const RUNS = Number(process.env.EXPORT_RUNS ?? 1);
const IDLE_WAIT = Number(process.env.IDLE_WAIT ?? 0);
const PROBE = process.env.PROBE === '1';

const PROBE_SRC = `
const fs = require('fs');
const v8 = require('v8');
const out = process.env.PROBE_OUT;
const t0 = Date.now();
const mb = (x) => +(x / 1048576).toFixed(1);
function status() {
  const s = fs.readFileSync('/proc/self/status', 'utf8');
  const kb = (k) => Number((new RegExp(k + ':\\\\s+(\\\\d+)').exec(s) || [0, 0])[1]) / 1024;
  return { rss: +kb('VmRSS').toFixed(1), hwm: +kb('VmHWM').toFixed(1), anon: +kb('RssAnon').toFixed(1), file: +kb('RssFile').toFixed(1) };
}
setInterval(() => {
  const m = process.memoryUsage();
  const sp = {};
  for (const x of v8.getHeapSpaceStatistics()) sp[x.space_name.replace('_space', '')] = mb(x.physical_space_size);
  fs.appendFileSync(out, JSON.stringify({ t: Date.now() - t0, ...status(), heapUsed: mb(m.heapUsed), heapTotal: mb(m.heapTotal), external: mb(m.external), ab: mb(m.arrayBuffers), sp }) + '\\n');
}, 50).unref();
process.on('SIGUSR1', () => {
  const by = {};
  for (const k of Object.keys(require.cache)) {
    const m = /node_modules\\/(?:\\.pnpm\\/[^/]+\\/node_modules\\/)?((?:@[^/]+\\/)?[^/]+)/.exec(k);
    const pkg = m ? m[1] : k.includes('/packages/shared/') ? '@wenming/shared' : '(app)';
    let size = 0;
    try { size = fs.statSync(k).size; } catch {}
    by[pkg] ??= { modules: 0, sourceKB: 0 };
    by[pkg].modules++;
    by[pkg].sourceKB += Math.round(size / 1024);
  }
  const sorted = Object.fromEntries(Object.entries(by).sort((a, b) => b[1].sourceKB - a[1].sourceKB));
  fs.writeFileSync(out.replace(/\\.jsonl$/, '-modules.json'), JSON.stringify(sorted, null, 1));
  fs.writeFileSync(out.replace(/\\.jsonl$/, '-smaps.txt'), fs.readFileSync('/proc/self/smaps_rollup', 'utf8'));
});
`;

async function healthLatency(base, n = 100) {
  const xs = [];
  for (let i = 0; i < n; i++) {
    const t = now();
    const r = await fetch(`${base}/health`);
    await r.arrayBuffer();
    xs.push(ms(t));
  }
  return { p50: +percentile(xs, 50).toFixed(2), p95: +percentile(xs, 95).toFixed(2) };
}

async function oneRun(run) {
  const secret = newSecret();
  const probeOut = `/tmp/wenming-export-rss-${PORT}-${run}.jsonl`;
  // API_NODE_ARGS: for diagnosis only (e.g. --max-semi-space-size=1 to show what the young generation costs)
  const nodeArgs = (process.env.API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  if (PROBE) {
    writeFileSync('/tmp/wenming-export-rss-probe.cjs', PROBE_SRC);
    writeFileSync(probeOut, '');
    nodeArgs.push('--require', '/tmp/wenming-export-rss-probe.cjs');
  }
  const t0 = now();
  const api = startApi({ port: PORT, databaseUrl: dbUrl(), secret, nodeArgs, env: PROBE ? { PROBE_OUT: probeOut } : {} });
  try {
    await waitHealthy(api);
    const startupMs = Math.round(ms(t0));
    const token = await countyAdminToken(secret);
    const health = await healthLatency(api.base);
    if (IDLE_WAIT) await sleep(IDLE_WAIT * 1000);
    if (PROBE) {
      api.kill('SIGUSR1');
      await sleep(200);
    }
    const idle = rssOf(api.pid);
    const headers = { Authorization: `Bearer ${token}`, ...(ENCODING ? { 'Accept-Encoding': ENCODING } : {}) };
    const load = loadavg();
    const t = now();
    const res = await fetch(`${api.base}/exports/attendance?format=${FORMAT}`, { headers });
    if (!res.ok) throw new Error(`export: ${res.status}`);
    let peak = idle.rssMb;
    const sampler = setInterval(() => (peak = Math.max(peak, rssOf(api.pid).rssMb)), 100);
    let bytes = 0;
    let lines = 0;
    for await (const chunk of res.body) {
      bytes += chunk.length;
      if (FORMAT === 'csv') for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    }
    clearInterval(sampler);
    const seconds = ms(t) / 1000;
    const after = rssOf(api.pid);
    return {
      run,
      format: FORMAT,
      acceptEncoding: ENCODING ?? '(fetch default)',
      contentEncoding: res.headers.get('content-encoding') ?? 'identity',
      startupMs,
      healthMs: health,
      idleRssMb: +idle.rssMb.toFixed(1),
      idleHwmMb: +idle.peakMb.toFixed(1),
      exportSeconds: +seconds.toFixed(2),
      bytes,
      rows: FORMAT === 'csv' ? lines - 5 : undefined,
      peakRssSampledMb: +peak.toFixed(1),
      vmHwmMb: +after.peakMb.toFixed(1),
      load,
      loadAfter: loadavg(),
      ...(PROBE ? { probe: probeOut } : {}),
    };
  } finally {
    await api.stop();
  }
}

for (let run = 1; run <= RUNS; run++) console.log(JSON.stringify(await oneRun(run)));
