// node bench/gc-bisect.mjs — which piece of the API's stack makes V8's young-generation collections copy and promote
// the requests' objects (docs/benchmarks.md "Session 11"). Each variant is a bare Fastify process (no Nest, no app
// code) answering GET /x, started with --trace-gc-nvp (a diagnosis flag: it only prints); GC_REQUESTS requests are
// sent one after another and the scavenges of the second half summarised: requests per scavenge, pause, bytes that
// survived and were promoted. Variants (GC_VARIANTS=a,b,… to choose):
//   bare          a small JSON answer
//   pg-callback   350 rows of `sites` per request: pool.connect(), client.query(sql, callback), release
//   pg-promise    the same with `await client.query(sql)` (the promise form, which TypeORM uses)
//   typeorm       the same through TypeORM's DataSource.query (what the API's repositories do)
//   helmet-once   a small JSON answer with helmet's headers from one middleware built at start (as bootstrap.ts does)
//   fastify-helmet  the same headers through @fastify/helmet (the API's plugin until session 11; it is no longer a
//                 dependency — copy this script into a checkout of 17747d7, `pnpm install`, then
//                 `GC_VARIANTS=fastify-helmet node bench/gc-bisect.mjs`)
// each once with V8's allocation-site pretenuring (V8's default) and once without (what apps/api/src/v8-tuning.ts
// sets). Needs the bench database (BENCH_DB, default wenming_bench) and apps/api's dependencies.
//
//   node bench/gc-bisect.mjs
import { spawn } from 'node:child_process';
import { apiRequire, dbUrl, sleep } from './lib.mjs';

const SQL = `SELECT s.id, s.name, s.address, s.level, 12345 AS n, 1.5::float8 AS h, now() AS t FROM sites s`;

if (process.argv[2] === 'serve') {
  const [, , , variant, pretenuring, port] = process.argv;
  if (pretenuring === 'off') (await import('node:v8')).setFlagsFromString('--no-allocation-site-pretenuring');
  const fastify = apiRequire('fastify')();
  const pg = apiRequire('pg');
  const pool = new pg.Pool({ connectionString: dbUrl(), max: 4 });
  let ds;
  if (variant === 'typeorm') {
    const { DataSource } = apiRequire('typeorm');
    ds = new DataSource({ type: 'postgres', url: dbUrl() });
    await ds.initialize();
  }
  if (variant === 'helmet-once') {
    const securityHeaders = apiRequire('helmet')({ crossOriginEmbedderPolicy: false });
    fastify.addHook('onRequest', (req, reply, done) => securityHeaders(req.raw, reply.raw, done));
  }
  if (variant === 'fastify-helmet') await fastify.register(apiRequire('@fastify/helmet'), { crossOriginEmbedderPolicy: false });
  fastify.get('/x', async () => {
    if (variant === 'bare' || variant.includes('helmet')) return { ok: true, rows: [1, 2, 3] };
    if (variant === 'typeorm') return { rows: await ds.query(SQL) };
    const client = await pool.connect();
    try {
      if (variant === 'pg-promise') return { rows: (await client.query(SQL)).rows };
      return { rows: await new Promise((ok, fail) => client.query(SQL, (err, res) => (err ? fail(err) : ok(res.rows)))) };
    } finally {
      client.release();
    }
  });
  await fastify.listen({ port: Number(port), host: '127.0.0.1' });
} else {
  const N = Number(process.env.GC_REQUESTS ?? 3000);
  const PORT = Number(process.env.BENCH_PORT ?? 3497);
  const variants = (process.env.GC_VARIANTS ?? 'bare,pg-callback,pg-promise,typeorm,helmet-once,fastify-helmet').split(',').filter((v) => {
    if (v !== 'fastify-helmet') return true;
    try {
      apiRequire.resolve('@fastify/helmet');
      return true;
    } catch {
      console.log(JSON.stringify({ variant: v, skipped: '@fastify/helmet is not installed (see the header)' }));
      return false;
    }
  });
  const field = (l, k) => Number(new RegExp(`\\b${k}=([0-9.]+)`).exec(l)?.[1] ?? NaN);
  for (const variant of variants) {
    for (const pretenuring of ['on', 'off']) {
      const child = spawn(process.execPath, ['--trace-gc-nvp', new URL(import.meta.url).pathname, 'serve', variant, pretenuring, String(PORT)], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const lines = [];
      let counting = false;
      let rest = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (d) => {
        const parts = (rest + d).split('\n');
        rest = parts.pop();
        if (counting) lines.push(...parts.filter((l) => l.includes('gc=s')));
      });
      const url = `http://127.0.0.1:${PORT}/x`;
      for (let i = 0; i < 80; i++) {
        try {
          if ((await fetch(url)).ok) break;
        } catch {}
        await sleep(250);
      }
      for (let i = 0; i < N; i++) {
        if (i === N >> 1) counting = true;
        const r = await fetch(url);
        if (!r.ok) throw new Error(`${variant}: ${r.status}`);
        await r.arrayBuffer();
      }
      await sleep(200);
      child.kill();
      await new Promise((r) => child.once('exit', r));
      const avg = (k) => lines.reduce((a, l) => a + field(l, k), 0) / Math.max(1, lines.length);
      console.log(
        JSON.stringify({
          variant,
          pretenuring,
          requestsPerScavenge: +((N - (N >> 1)) / Math.max(1, lines.length)).toFixed(1),
          pauseMs: +avg('pause').toFixed(2),
          survivedKb: Math.round(avg('new_space_survived') / 1024),
          promotedKb: Math.round(avg('promoted') / 1024),
        }),
      );
    }
  }
}
