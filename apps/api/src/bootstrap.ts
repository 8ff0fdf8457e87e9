import { existsSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { AppConfig } from './config/app-config';
import { AppModule } from './app.module';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { createValidationPipe } from './common/errors/validation';
import { buildOpenApiDocument } from './openapi/openapi-document';

export const API_PREFIX = 'api/v1';

/** The Nest app with every global piece configured; used by main.ts and by the e2e tests. */
export async function createApp(config: AppConfig, databaseUrl: string, opts: { logger?: false } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), {
    logger: opts.logger === false ? false : [config.logLevel, 'error', 'warn', 'log'].filter((v, i, a) => a.indexOf(v) === i) as never,
    bodyParser: true,
  });
  app.set('trust proxy', 'loopback');
  app.use((req: Request & { id?: string }, res: Response, next: NextFunction) => {
    req.id = (req.headers['x-request-id'] as string) || randomUUID();
    res.setHeader('x-request-id', req.id);
    next();
  });
  app.setGlobalPrefix(API_PREFIX, { exclude: [] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());

  const doc = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });

  // the built web app on the same port, with SPA fallback for client-side routes
  const index = join(config.webDistDir, 'index.html');
  if (existsSync(index)) {
    app.useStaticAssets(config.webDistDir, { index: false, maxAge: '1h', setHeaders: webFileHeaders });
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || req.path.startsWith('/api/') || req.path === '/api') return next();
      // a missing file (/sw.js of an old build, /x.png) is a 404, never the HTML page: a service worker or a
      // manifest answered with HTML breaks installation silently
      if (STATIC_FILE.test(req.path)) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
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
export function webFileHeaders(res: Response, filePath: string): void {
  const name = basename(filePath);
  if (name === 'manifest.webmanifest') res.setHeader('Content-Type', 'application/manifest+json; charset=utf-8');
  if (REVALIDATED.has(name) || /^workbox-[\w-]+\.js$/.test(name)) {
    res.setHeader('Cache-Control', 'no-cache');
    if (name === 'sw.js') res.setHeader('Service-Worker-Allowed', '/');
  } else if (filePath.includes(`${sep}assets${sep}`)) {
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  }
}
