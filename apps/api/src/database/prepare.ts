import { Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { createDataSource } from './data-source';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded';
import { ensureAdmin, seedDemo, isEmpty } from './seed/seed';
import { assertDataKey } from './key-check';

export interface PreparedDatabase {
  url: string;
  embedded?: EmbeddedDatabase;
  seeded: boolean;
}

/** Start the embedded database if no DATABASE_URL; migrate (embedded only, unless asked); seed an empty one. */
export async function prepareDatabase(config: AppConfig, opts: { migrate?: boolean } = {}): Promise<PreparedDatabase> {
  const log = new Logger('Database');
  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  if (!url) {
    log.log(`starting embedded PostgreSQL (PGlite) in ${config.dataDir}`);
    embedded = await startEmbeddedDatabase({ dataDir: config.dataDir, maxConnections: config.pgliteMaxConnections });
    url = embedded.url;
  }
  const ds = createDataSource(url, { poolSize: 2 });
  await ds.initialize();
  let seeded = false;
  try {
    if (opts.migrate ?? config.migrateOnStart) {
      const ran = await ds.runMigrations({ transaction: 'each' });
      if (ran.length) log.log(`applied ${ran.length} migration(s): ${ran.map((m) => m.name).join(', ')}`);
    } else if (await ds.showMigrations()) {
      throw new Error('the database has migrations that are not applied yet: run `pnpm migrate` (or set MIGRATE_ON_START=true)');
    }
    // several processes (behind a balancer) must share DATA_KEY: the first start records its fingerprint
    await assertDataKey(ds, config.dataKey);
    if (config.seedDemo && (await isEmpty(ds))) {
      log.log('empty database: seeding the Qingshui demo county (a minute on the embedded database)…');
      const summary = await seedDemo(ds, { password: config.seedPassword });
      log.log(`seeded: ${JSON.stringify(summary)}`);
      seeded = true;
    }
    if (config.adminPhone && config.adminPassword) await ensureAdmin(ds, config.adminPhone, config.adminPassword);
  } finally {
    await ds.destroy();
  }
  return { url, embedded, seeded };
}
