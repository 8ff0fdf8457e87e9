#!/usr/bin/env node
// Restore drill: seed a database, check the statistics, back it up, DROP it, restore the backup, and check again.
// Passes only if verify-stats agrees with the raw data after the restore and every table has the same row count.
//
//   node scripts/restore-drill.mjs                          # embedded PGlite in a temporary DATA_DIR
//   node scripts/restore-drill.mjs --postgres postgresql://postgres@127.0.0.1:5432/postgres
//                                                           # a new database on that server, dropped at the end
// Needs a built API (pnpm --filter @wenming/api run build); `pnpm restore-drill` builds first.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const api = join(root, 'apps/api');
const cli = join(api, 'dist/database/cli.js');
const { Client } = createRequire(join(api, 'package.json'))('pg');
const server = process.argv[2] === '--postgres' ? process.argv[3] : undefined;

const dataDir = mkdtempSync(join(tmpdir(), 'wm-drill-'));
const env = { ...process.env, DATA_DIR: dataDir, JWT_SECRET: 'drill-secret-drill-secret-drill-secret', DATA_KEY: 'b'.repeat(64), SEED_DEMO: 'true' };
delete env.DATABASE_URL;
let dbName;
const admin = async (sql) => {
  const c = new Client({ connectionString: server });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
};
if (server) {
  dbName = `wm_drill_${Date.now()}`;
  await admin(`CREATE DATABASE "${dbName}"`);
  const u = new URL(server);
  u.pathname = `/${dbName}`;
  env.DATABASE_URL = u.toString();
}
const cliRun = (...args) => execFileSync(process.execPath, [cli, ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
const step = (label) => console.log(`[drill ${((Date.now() - t0) / 1000).toFixed(1)} s] ${label}`);
const t0 = Date.now();
let failed = false;
try {
  step(`${server ? `PostgreSQL database ${dbName}` : `embedded database in ${dataDir}`}: migrate + seed the demo county (with history)`);
  cliRun('seed');
  step('verify-stats before the backup');
  console.log(cliRun('verify-stats').trim().split('\n').pop());
  const before = JSON.parse(cliRun('counts').trim().split('\n').pop());
  step(`row counts: ${JSON.stringify(before)}`);
  const file = join(dataDir, server ? 'drill.dump' : 'drill.tar.gz');
  console.log(cliRun('backup', file).trim());
  step('drop the database');
  if (server) {
    await admin(`DROP DATABASE "${dbName}" WITH (FORCE)`);
    await admin(`CREATE DATABASE "${dbName}"`);
  } else {
    rmSync(join(dataDir, 'pgdata'), { recursive: true, force: true });
  }
  step('restore');
  console.log(cliRun('restore', file).trim());
  step('verify-stats after the restore');
  console.log(cliRun('verify-stats').trim().split('\n').pop());
  const after = JSON.parse(cliRun('counts').trim().split('\n').pop());
  const diff = Object.keys({ ...before, ...after }).filter((k) => before[k] !== after[k]);
  if (diff.length) throw new Error(`row counts differ after the restore: ${diff.map((k) => `${k} ${before[k]} → ${after[k]}`).join(', ')}`);
  if (!before.volunteers || !before.attendance) throw new Error('the drill database is empty: nothing was proven');
  step(`PASS: restored database verified (${before.volunteers} volunteers, ${before.attendance} attendance rows, statistics agree)`);
} catch (err) {
  failed = true;
  console.error(`[drill] FAIL: ${err.message}`);
} finally {
  if (dbName) await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
