// node bench/http-gc.mjs — what V8's young-generation collections cost the API per request: starts the built API as
// `pnpm bench` does (PostgreSQL BENCH_DB, county admin token) with --trace-gc-nvp (a diagnosis flag: it only prints),
// sends GC_REQUESTS requests to GC_PATH one after another, and summarises the scavenges of the last half (after the
// warm-up): pause, bytes allocated between them, bytes that survived and were promoted. GC_BARE=1 runs the same loop
// against a bare Fastify process answering a small JSON (the baseline of the platform itself).
//
//   BENCH_PORT=3481 GC_PATH='/stats/breakdown?from=2025-01-01&to=2025-12-31&by=site' node bench/http-gc.mjs
import { spawn } from 'node:child_process';
import { apiRequire, countyAdminToken, dbUrl, loadavg, percentile, sleep, startApi, waitHealthy } from './lib.mjs';

const PORT = Number(process.env.BENCH_PORT ?? 3481);
const PATH = process.env.GC_PATH ?? '/stats/breakdown?from=2025-01-01&to=2025-12-31&by=site';
const N = Number(process.env.GC_REQUESTS ?? 1000);
const BARE = process.env.GC_BARE === '1';

let child;
let url;
let headers = {};
const lines = [];
if (BARE) {
  const fastifyPath = apiRequire.resolve('fastify');
  const src = `const f = require(${JSON.stringify(fastifyPath)})();
const rows = Array.from({ length: 10 }, (_, i) => ({ key: 'k' + i, label: '类别' + i, activities: i, personTimes: i * 3 }));
f.get('/x', async () => ({ rows }));
f.listen({ port: ${PORT}, host: '127.0.0.1' });`;
  child = spawn(process.execPath, ['--trace-gc-nvp', '-e', src], { stdio: ['ignore', 'pipe', 'inherit'] });
  url = `http://127.0.0.1:${PORT}/x`;
  for (let i = 0; i < 40; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {}
    await sleep(250);
  }
} else {
  child = startApi({ port: PORT, databaseUrl: dbUrl(), nodeArgs: ['--trace-gc-nvp'], stdout: 'pipe' });
  await waitHealthy(child);
  headers = { Authorization: `Bearer ${await countyAdminToken(child.secret)}` };
  url = `${child.base}${PATH}`;
}
let counting = false;
child.stdout.setEncoding('utf8');
let rest = '';
child.stdout.on('data', (d) => {
  const parts = (rest + d).split('\n');
  rest = parts.pop();
  if (counting) lines.push(...parts.filter((l) => l.includes('gc=s')));
});
const load = loadavg();
for (let i = 0; i < N; i++) {
  if (i === N >> 1) counting = true;
  const r = await fetch(url, { headers });
  if (!r.ok) throw new Error(`${url}: ${r.status}`);
  await r.arrayBuffer();
}
await sleep(200);
if (child.stop) await child.stop();
else child.kill();
const field = (l, k) => Number(new RegExp(`\\b${k}=([0-9.]+)`).exec(l)?.[1] ?? NaN);
const pauses = lines.map((l) => field(l, 'pause'));
const mb = (xs) => +(xs.reduce((a, b) => a + b, 0) / xs.length / 1048576).toFixed(2);
console.log(
  JSON.stringify({
    target: BARE ? 'bare fastify' : PATH,
    requests: N - (N >> 1),
    scavenges: lines.length,
    requestsPerScavenge: +((N - (N >> 1)) / Math.max(1, lines.length)).toFixed(1),
    pauseMs: { p50: percentile(pauses, 50), max: Math.max(...pauses) },
    allocatedMbBetween: mb(lines.map((l) => field(l, 'allocated'))),
    survivedMb: mb(lines.map((l) => field(l, 'new_space_survived'))),
    promotedMb: mb(lines.map((l) => field(l, 'promoted'))),
    load,
  }),
);
