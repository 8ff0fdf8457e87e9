import './v8-tuning';
import 'reflect-metadata';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PID_FILE } from './database/backup';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './config/app-config';
import { prepareDatabase } from './database/prepare';
import { createApp, OPS, type Ops } from './bootstrap';
import { createRootLogger, PinoNestLogger } from './common/observability/logger';
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
  // JSON logs from the first line on (database preparation logs through Nest's static Logger)
  Logger.overrideLogger(new PinoNestLogger(createRootLogger(config.logLevel)));
  const db = await prepareDatabase(config);
  // the embedded data directory has one owner: `pnpm backup`/`restore` refuse to touch it while this pid lives
  const pidFile = join(config.dataDir, PID_FILE);
  if (db.embedded) writeFileSync(pidFile, String(process.pid));
  const app = await createApp(config, db.url);
  // graceful stop: readiness turns 503 (load balancers stop sending), the server stops accepting, requests in flight
  // finish (up to SHUTDOWN_GRACE_SECONDS), then the pool closes and the embedded database shuts down cleanly
  const ops = app.get<Ops>(OPS);
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, async () => {
      if (stopping) return;
      stopping = true;
      const log = ops.log.child({ context: 'Shutdown' });
      log.info({ signal }, 'stopping: draining requests');
      ops.draining = true;
      const server = app.getHttpServer();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections?.();
      const grace = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), config.shutdownGraceSeconds * 1000).unref());
      const outcome = await Promise.race([closed.then(() => 'drained' as const), grace]);
      if (outcome === 'timeout') server.closeAllConnections?.();
      log.info({ outcome }, 'requests drained; closing the database');
      ops.dbHealth.stop();
      await app.close().catch(() => undefined);
      await db.embedded?.stop().catch(() => undefined);
      if (db.embedded) rmSync(pidFile, { force: true });
      ops.log.flush?.();
      process.exit(0);
    });
  }
  await app.listen(config.port, config.host);
  const log = new Logger('Wenming');
  // keep-alive sockets of a client must not outlive a stop by much
  app.getHttpServer().keepAliveTimeout = 5000;
  const base = `http://localhost:${config.port}`;
  log.log(`文明实践志愿服务平台 is up: ${base}  (API ${base}/api/v1, docs ${base}/api/docs)`);
  log.log(`database: ${config.embedded ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`);
  if (config.seedDemo) {
    log.log(`demo logins (password ${config.seedPassword === 'Demo@2026' ? 'Demo@2026' : 'from SEED_PASSWORD'}):`);
    for (const d of DEMO_LOGINS) log.log(`  ${d.phone}  ${d.label}`);
  }
}

main().catch((err) => {
  console.error(`Wenming failed to start: ${err instanceof Error ? err.message : String(err)}`);
  if (err instanceof Error && err.stack) console.error(err.stack.split('\n').slice(1, 6).join('\n'));
  process.exit(1);
});
