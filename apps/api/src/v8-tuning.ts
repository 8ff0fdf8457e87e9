import { setFlagsFromString } from 'node:v8';

/**
 * V8's allocation-site pretenuring off for the API process: imported first by main.ts, before anything allocates.
 *
 * Pretenuring lets V8 allocate the objects of a code site straight into the old generation once it has seen most of
 * them survive a young-generation collection. For a request/answer server that guess goes wrong: a collection that
 * lands while a 375-row answer is being parsed sees pg's row objects alive, their sites are pretenured for good, and
 * from then on every request's rows are born old, die old, and — through their pointers to the young strings and
 * objects beside them — keep those alive across every scavenge, which copies and promotes them. Measured
 * (docs/benchmarks.md "Session 11", `node bench/http-gc.mjs`): with pretenuring every scavenge of the API promoted
 * 1.7 MB and paused 7–8 ms — the p95 of every statistics answer; without it ~0.2 MB and ~1–2 ms. Plain `pg` with
 * TypeORM's promise-style `client.query()` shows it alone, without Nest or Fastify.
 *
 * `V8_PRETENURING=on` keeps V8's default (for comparing, as the bench does).
 */
export const PRETENURING_OFF = process.env.V8_PRETENURING !== 'on';
if (PRETENURING_OFF) setFlagsFromString('--no-allocation-site-pretenuring');
