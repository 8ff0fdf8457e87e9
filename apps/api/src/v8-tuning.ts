import { setFlagsFromString } from 'node:v8';

/**
 * V8's allocation-site pretenuring off for the API process: imported first by main.ts, before anything allocates.
 *
 * Pretenuring lets V8 allocate the objects of a code site straight into the old generation once it has seen most of
 * them survive a young-generation collection. In this API that goes wrong on pg's row path (TypeORM's promise-style
 * `client.query()`): with it on, every scavenge copied and promoted ~1.7 MB of finished answers and paused 7–8 ms — the
 * p95 of every statistics answer; with it off ~0.2 MB and ~2 ms (`node bench/http-gc.mjs`; plain pg in a bare Fastify
 * process shows the same, `node bench/gc-bisect.mjs`; docs/benchmarks.md "Session 11").
 *
 * `V8_PRETENURING=on` keeps V8's default (for comparing, as the bench does).
 */
if (process.env.V8_PRETENURING !== 'on') setFlagsFromString('--no-allocation-site-pretenuring');
