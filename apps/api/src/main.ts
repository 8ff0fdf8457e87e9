import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './config/app-config';
import { prepareDatabase } from './database/prepare';
import { createApp } from './bootstrap';
import { DEMO_LOGINS } from './database/seed/seed';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const db = await prepareDatabase(config);
  const app = await createApp(config, db.url);
  if (db.embedded) {
    const embedded = db.embedded;
    app.enableShutdownHooks();
    process.once('beforeExit', () => void embedded.stop());
  }
  await app.listen(config.port, config.host);
  const log = new Logger('Wenming');
  const base = `http://localhost:${config.port}`;
  log.log(`文明实践志愿服务平台 is up: ${base}  (API ${base}/api/v1, docs ${base}/api/docs)`);
  log.log(`database: ${config.embedded ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`);
  if (config.seedDemo) {
    log.log(`demo logins (password ${config.seedPassword === 'Demo@2026' ? 'Demo@2026' : 'from SEED_PASSWORD'}):`);
    for (const d of DEMO_LOGINS) log.log(`  ${d.phone}  ${d.label}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
