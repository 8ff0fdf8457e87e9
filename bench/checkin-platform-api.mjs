// Bench only (issue 15, lever (a)): the API's modules — the same AppModule, guard, interceptors, validation pipe and
// check-in code as the product — on a bare HTTP platform, to measure what the platform costs a check-in:
//   BENCH_PLATFORM=fastify  → @nestjs/platform-fastify (Fastify's own JSON body parser)
//   BENCH_PLATFORM=express  → @nestjs/platform-express with the same bare set (Nest's own body parser)
// Neither has the product's hooks (access log, helmet, compression, query/content-type guards, our JSON parser), the
// web serving or the exception filter (Nest's default one answers the errors): the product is dist/main.js (on Fastify
// since session 9); bare express → bare fastify is the platform, bare fastify → the product its hooks.
// Started by bench/checkin.mjs (BENCH_PLATFORM) with the env of bench/lib.mjs's startApi; not a way to run the app.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const API = join(dirname(fileURLToPath(import.meta.url)), '..', 'apps/api');
const require = createRequire(join(API, 'package.json'));
const dist = (p) => require(join(API, 'dist', p));

const { NestFactory } = require('@nestjs/core');
const { loadConfig } = dist('config/app-config.js');
const { prepareDatabase } = dist('database/prepare.js');
const { AppModule } = dist('app.module.js');
const { API_PREFIX } = dist('bootstrap.js');
const { createValidationPipe } = dist('common/errors/validation.js');
const { createRootLogger } = dist('common/observability/logger.js');
const { Metrics } = dist('common/observability/metrics.js');
const { DbHealth } = dist('common/observability/db-health.js');

const platform = process.env.BENCH_PLATFORM ?? 'fastify';
const config = loadConfig();
const db = await prepareDatabase(config);
const log = createRootLogger('silent');
let dataSource;
const metrics = new Metrics(() => undefined);
const ops = { log, metrics, dbHealth: new DbHealth(() => dataSource, log, metrics), draining: false };
const module = AppModule.forRoot(config, db.url, ops);
let app;
if (platform === 'fastify') {
  const { FastifyAdapter } = require('@nestjs/platform-fastify');
  app = await NestFactory.create(module, new FastifyAdapter({ bodyLimit: 1024 * 1024 }), { logger: false });
} else {
  app = await NestFactory.create(module, { logger: false });
}
dataSource = app.get(require('typeorm').DataSource);
app.setGlobalPrefix(API_PREFIX);
app.useGlobalPipes(createValidationPipe());
await app.listen(config.port, config.host);
process.once('SIGTERM', async () => {
  await app.close().catch(() => undefined);
  process.exit(0);
});
