// node bench/pglite-wal.mjs — the embedded database's commit stalls when a new WAL segment is opened: PGlite (in
// memory, as the tests run it, and on disk, as `pnpm start` runs it) with PGlite's start parameters, with and without
// `wal_init_zero=off` (src/database/embedded.ts). 30,000 single-row commits of 1.5 KB of random text (~70 MB of WAL,
// four or five new segments); prints per-commit p50 / p99.9 / max and how many took over 50 ms.
//
//   node bench/pglite-wal.mjs            (PGLITE_WAL_DIR=/tmp/wenming-pglite-wal for the on-disk runs)
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { apiRequire } from './lib.mjs';

const { PGlite } = await import(apiRequire.resolve('@electric-sql/pglite'));
const DIR = process.env.PGLITE_WAL_DIR ?? '/tmp/wenming-pglite-wal';
const COMMITS = Number(process.env.PGLITE_WAL_COMMITS ?? 30000);

async function run(onDisk, zeroFill) {
  if (onDisk) rmSync(DIR, { recursive: true, force: true });
  const startParams = [...PGlite.defaultStartParams, ...(zeroFill ? [] : ['-c', 'wal_init_zero=off'])];
  const db = await PGlite.create({ ...(onDisk ? { dataDir: DIR } : {}), startParams });
  await db.exec(`CREATE TABLE t (id serial PRIMARY KEY, v text)`);
  const xs = [];
  const t0 = performance.now();
  for (let i = 0; i < COMMITS; i++) {
    const t = performance.now();
    await db.query(`INSERT INTO t (v) VALUES ($1)`, [randomBytes(1500).toString('base64')]);
    xs.push(performance.now() - t);
  }
  const total = performance.now() - t0;
  const { lsn } = (await db.query(`SELECT pg_current_wal_lsn()::text AS lsn`)).rows[0];
  await db.close();
  if (onDisk) rmSync(DIR, { recursive: true, force: true });
  xs.sort((a, b) => a - b);
  const at = (p) => +xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))].toFixed(2);
  return {
    database: onDisk ? 'on disk' : 'in memory',
    wal_init_zero: zeroFill ? 'on (PostgreSQL default)' : 'off',
    walEnd: lsn,
    totalMs: Math.round(total),
    commitMs: { p50: at(50), p999: at(99.9), max: +xs[xs.length - 1].toFixed(1) },
    over50ms: xs.filter((x) => x > 50).length,
  };
}

for (const onDisk of [false, true]) for (const zeroFill of [true, false]) console.log(JSON.stringify(await run(onDisk, zeroFill)));
