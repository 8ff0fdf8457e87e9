import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataSource } from '../../src/database/data-source';
import { seedDemo } from '../../src/database/seed/seed';
import { freshDatabase, type TestDatabase } from './databases';

declare global {
  var __WM_TEST_DB__: TestDatabase | undefined;
}

/** One migrated, demo-seeded database shared by the e2e suites of this run. */
export default async function globalSetup(): Promise<void> {
  const db = await freshDatabase('wm_e2e');
  const ds = createDataSource(db.url, { poolSize: 2 });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await seedDemo(ds, { password: 'Demo@2026', history: false });
  await ds.destroy();
  globalThis.__WM_TEST_DB__ = db;
  process.env.WM_TEST_DB_URL = db.url;
  process.env.WM_TEST_DB_KIND = db.kind;
  // uniquePhone's per-worker counters (test-app.ts): numbers unique across every suite of the run
  process.env.WM_TEST_PHONE_DIR = mkdtempSync(join(tmpdir(), 'wm-test-phones-'));
  console.log(`\n[test] database: ${db.kind} (${db.kind === 'postgres' ? db.url : 'in-memory PGlite'})`);
}
