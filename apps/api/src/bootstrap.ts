import { existsSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import type { IncomingMessage } from 'node:http';
import { constants as zlibConstants } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import { DataSource } from 'typeorm';
import type { AppConfig } from './config/app-config';
import { AppModule } from './app.module';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { createValidationPipe } from './common/errors/validation';
import { buildOpenApiDocument } from './openapi/openapi-document';
import { JSON_BODY_LIMIT, registerJsonParser, registerRequestGuards } from './common/http/request-guards';
import { pathOf, registerAccessLog, requestId } from './common/observability/access-log';
import { DbHealth } from './common/observability/db-health';
import { createRootLogger, PinoNestLogger } from './common/observability/logger';
import { Metrics, type PoolStats } from './common/observability/metrics';
import { loadWebIndex, menuSiteId } from './web/web-index';
import { MenuItemsService } from './modules/menu-items/menu-items.service';
import { MenuItemQueryDto } from './modules/menu-items/dto/menu-item.dto';
import type { Ops } from './common/observability/ops';
export { OPS, type Ops } from './common/observability/ops';

export const API_PREFIX = 'api/v1';

export interface CreateAppOptions {
  /** false: no log output (tests), unless `logStream` is given. */
  logger?: false;
  /** Where the JSON log lines go (default stdout). */
  logStream?: NodeJS.WritableStream;
}

/**
 * Content-Security-Policy that the SPA (Vite bundle, antd's CSS-in-JS <style> tags, QR codes as data: images) and the
 * Swagger UI (its own scripts and styles from /api/docs) work under. No inline scripts, no third-party origins.
 */
/**
 * Answers up to this size are gzipped in one synchronous call instead of through a zlib stream on libuv's threadpool
 * (@fastify/compress's `syncThreshold`; its default on 2 cores is 16 KB). A 73 KB breakdown of 350 sites at zlib's
 * fastest level takes ~0.5 ms of the event loop this way; the stream path's hand-offs added 4 ms at p50 (docs/benchmarks.md).
 */
const API_SYNC_GZIP_BYTES = 256 * 1024;

export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'self'"],
  // the app is often served over plain http on a county LAN: do not make browsers upgrade its requests
  upgradeInsecureRequests: null,
};

/** The Nest app with every global piece configured; used by main.ts and by the e2e tests. */
export async function createApp(config: AppConfig, databaseUrl: string, opts: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const quiet = opts.logger === false && !opts.logStream;
  const log = createRootLogger(quiet ? 'silent' : config.logLevel, opts.logStream);
  let dataSource: DataSource | undefined;
  const metrics = new Metrics(() => {
    const pool = (dataSource?.driver as unknown as { master?: PoolStats } | undefined)?.master;
    return pool ? { totalCount: pool.totalCount, idleCount: pool.idleCount, waitingCount: pool.waitingCount } : undefined;
  });
  const ops: Ops = { log, metrics, dbHealth: new DbHealth(() => dataSource, log.child({ context: 'Database' }), metrics), draining: false };

  // Fastify rather than Express (issue 15): the same answers for ~0.2 ms less CPU per request, measured in
  // bench/checkin-platform-api.mjs; no Express-style middleware is used, so middie is not loaded
  const adapter = new FastifyAdapter({
    logger: false,
    skipMiddie: true,
    // X-Forwarded-For is believed from a balancer on this machine only (HAProxy in bench/scale-out.mjs)
    trustProxy: 'loopback',
    bodyLimit: JSON_BODY_LIMIT,
    genReqId: (req: IncomingMessage) => requestId(req.headers),
    routerOptions: { ignoreTrailingSlash: true, caseSensitive: false, maxParamLength: 200 },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, databaseUrl, ops), adapter, {
    logger: quiet ? false : new PinoNestLogger(log),
    // our own JSON parser (depth and size limits) is registered below
    bodyParser: false,
  });
  dataSource = app.get(DataSource);
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  registerAccessLog(fastify, log, metrics);
  // helmet's headers on every answer, from ONE middleware built here. Not @fastify/helmet: it builds helmet's
  // middlewares again for every request, and in a bare Fastify process it alone made every young-generation
  // collection copy ~3.3 MB and promote ~2.8 MB of finished requests (a 13 ms pause), with V8's pretenuring on or off;
  // helmet built once: nothing survives (`node bench/gc-bisect.mjs`, docs/benchmarks.md "Session 11").
  const securityHeaders = helmet({ contentSecurityPolicy: { useDefaults: true, directives: CSP_DIRECTIVES }, crossOriginEmbedderPolicy: false });
  fastify.addHook('onRequest', (req, reply, done) => securityHeaders(req.raw, reply.raw, done as (err?: unknown) => void));
  // the API's JSON at zlib's fastest level (a 73 KB breakdown: 0.8 ms instead of 1.4 ms of CPU, 19 KB instead of
  // 17 KB on the wire); the web's files at the default levels (long-cached by the browser): set per route below
  fastify.addHook('onRoute', (route) => {
    const url = String(route.url ?? route.path ?? '');
    if (!isApiPath(url) && url !== '/metrics' && route.compress === undefined) route.compress = { threshold: 1024 };
  });
  await app.register(fastifyCompress as never, {
    threshold: 1024,
    syncThreshold: API_SYNC_GZIP_BYTES,
    encodings: ['gzip', 'deflate'],
    zlibOptions: { level: zlibConstants.Z_BEST_SPEED },
  });
  registerRequestGuards(fastify);
  registerJsonParser(fastify);
  fastify.get('/metrics', async (req, reply) => {
    const auth = req.headers.authorization;
    const allowed = config.metricsToken ? auth === `Bearer ${config.metricsToken}` : ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(req.socket.remoteAddress ?? '');
    if (!allowed) {
      const status = config.metricsToken ? 401 : 403;
      return reply.status(status).send({
        statusCode: status,
        code: config.metricsToken ? 'UNAUTHENTICATED' : 'FORBIDDEN',
        message: config.metricsToken ? '请提供 METRICS_TOKEN（Authorization: Bearer …）' : '指标仅对本机开放；从其他机器抓取请设置 METRICS_TOKEN',
      });
    }
    reply.header('Content-Type', metrics.registry.contentType).header('Cache-Control', 'no-store');
    return reply.send(await metrics.registry.metrics());
  });
  app.setGlobalPrefix(API_PREFIX, { exclude: [] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter({ dbHealth: ops.dbHealth }));

  // the OpenAPI document (a scan of every route and DTO) is built on the first /api/docs request, not at start: it is
  // memory an API process that nobody reads the docs of never needs (the e2e suite builds and checks it at set-up)
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });

  // the built web app on the same port, with SPA fallback for client-side routes
  const index = join(config.webDistDir, 'index.html');
  if (existsSync(index)) {
    // `root` is the dist folder: send() checks dot segments only BELOW it, so an install path with a dot folder
    // (~/.local/…, /srv/.apps/…) works, while dotfiles inside dist stay hidden. The files' route is a wildcard, so the
    // API's own routes (more specific) never look for a file first (issue 15)
    await app.register(fastifyStatic as never, {
      root: config.webDistDir,
      prefix: '/',
      index: false,
      dotfiles: 'ignore',
      decorateReply: false,
      maxAge: 3600_000,
      setHeaders: webFileHeaders,
    });
    // index.html with the route's chunks preloaded, the small stylesheet inline and the public header painted before JS
    const webIndex = loadWebIndex(config.webDistDir);
    const menuItems = app.get(MenuItemsService);
    fastify.addHook('onRequest', (req, reply, done) => {
      if (req.method !== 'GET') return done();
      const path = pathOf(req.url);
      // a missing file (/sw.js of an old build, /x.png) is a 404, never the HTML page: a service worker or a
      // manifest answered with HTML breaks installation silently
      if (isApiPath(path) || path === '/metrics' || STATIC_FILE.test(path)) return done();
      reply.header('Cache-Control', 'no-cache').type('text/html; charset=utf-8');
      // a station's menu is painted by the server from the public list the page would fetch first (issue 15)
      const siteId = menuSiteId(path);
      if (!siteId) return void reply.send(webIndex.htmlFor(path));
      menuItems.list(undefined, Object.assign(new MenuItemQueryDto(), { siteId, page: 1, pageSize: 100 })).then(
        (menu) => reply.send(webIndex.htmlFor(path, { menu })),
        () => reply.send(webIndex.htmlFor(path)),
      );
    });
  } else {
    new Logger('Web').warn(`web app not built (${index} missing); serving the API only`);
  }
  return app;
}

/** Paths that name a file of the build (never a client route): answered by the files or 404. */
const STATIC_FILE = /\.(?:m?js|css|map|png|svg|ico|jpe?g|webp|woff2?|json|webmanifest|txt)$/i;

/** Files the browser must revalidate on every load: the service worker and what it is built from, the manifest. */
const REVALIDATED = new Set(['sw.js', 'registerSW.js', 'manifest.webmanifest', 'index.html']);

/**
 * Headers of the web app's files (PWA, issue 12): `sw.js` & co. and the manifest are `no-cache` (a new deploy is
 * seen at the next load, and the update prompt appears), the manifest is `application/manifest+json`, and the
 * content-hashed files under `assets/` are immutable for a year. Everything else keeps `max-age=1h`.
 */
/** The API's own paths: never a web file nor the SPA's page. */
function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

export function webFileHeaders(res: { header(name: string, value: string): unknown }, filePath: string): void {
  const name = basename(filePath);
  if (name === 'manifest.webmanifest') res.header('Content-Type', 'application/manifest+json; charset=utf-8');
  if (REVALIDATED.has(name) || /^workbox-[\w-]+\.js$/.test(name)) {
    res.header('Cache-Control', 'no-cache');
    if (name === 'sw.js') res.header('Service-Worker-Allowed', '/');
  } else if (filePath.includes(`${sep}assets${sep}`)) {
    res.header('Cache-Control', 'public, max-age=31536000, immutable');
  }
}
