import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config/app-config';
import { createDataSource } from './data-source';
import { startEmbeddedDatabase } from './embedded';
import { isEmpty, seedDemo } from './seed/seed';
import { rebuildStats, verifyStats } from '../modules/stats/stats-rebuild';

/** For operators: node dist/database/cli.js migrate|seed|rebuild-stats|verify-stats */
async function main() {
  const cmd = process.argv[2];
  if (!['migrate', 'seed', 'rebuild-stats', 'verify-stats'].includes(cmd)) {
    console.error('usage: cli.js migrate|seed|rebuild-stats|verify-stats');
    process.exit(2);
  }
  const config = loadConfig();
  const embedded = config.databaseUrl ? undefined : await startEmbeddedDatabase({ dataDir: config.dataDir });
  const ds = createDataSource(config.databaseUrl ?? embedded!.url, { poolSize: 2 });
  await ds.initialize();
  try {
    const ran = await ds.runMigrations({ transaction: 'each' });
    console.log(`migrations applied: ${ran.length ? ran.map((m) => m.name).join(', ') : 'none (up to date)'}`);
    if (cmd === 'seed') {
      if (!(await isEmpty(ds))) {
        console.log('database already has data: the demo county is seeded only into an empty database');
      } else {
        console.log('seeding the Qingshui demo county…');
        console.log(await seedDemo(ds, { password: config.seedPassword }));
      }
    }
    if (cmd === 'rebuild-stats') {
      const started = Date.now();
      // truncate + recompute + verify in one transaction: on a mismatch nothing changes
      const check = await ds.transaction((em) => rebuildStats(em));
      console.log(`statistics roll-ups rebuilt in ${Date.now() - started} ms and verified against raw data:`, JSON.stringify(check));
    }
    if (cmd === 'verify-stats') {
      const check = await verifyStats(ds.manager);
      console.log(check.ok ? 'statistics roll-ups agree with raw data:' : 'MISMATCH between roll-ups and raw data:', JSON.stringify(check));
      if (!check.ok) process.exitCode = 1;
    }
  } finally {
    await ds.destroy();
    await embedded?.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
