import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Metrics } from './metrics';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** The route template Express matched (`/api/v1/activities/:id`), never the raw path: ids and queries stay out. */
export function routeOf(req: Request): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  if (route && typeof route.path === 'string') return `${req.baseUrl ?? ''}${route.path}`;
  if (req.path === '/metrics') return '/metrics';
  return req.path.startsWith('/api/') ? 'unmatched' : 'static';
}

/**
 * Request id (`x-request-id` taken when well-formed, else a new UUID; echoed back) and one JSON access-log line per
 * request: id, user id (when logged in), method, route template, status, latency. No query, body, phone or token.
 * Also feeds the request metrics.
 */
export function accessLog(log: Logger, metrics: Metrics): RequestHandler {
  return (req: Request & { id?: string; user?: { id?: string } }, res: Response, next: NextFunction) => {
    const given = req.headers['x-request-id'];
    req.id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', req.id);
    const start = process.hrtime.bigint();
    metrics.inFlight.inc();
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      metrics.inFlight.dec();
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const route = routeOf(req);
      const status = res.writableFinished ? res.statusCode : 499; // 499: the client went away first
      metrics.requests.inc({ method: req.method, route, status: String(status) });
      metrics.duration.observe({ method: req.method, route }, seconds);
      const errorCode = res.locals.errorCode as string | undefined;
      if (errorCode) metrics.errors.inc({ code: errorCode });
      else if (status >= 500) metrics.errors.inc({ code: `HTTP_${status}` });
      if (req.method === 'POST' && /\/activities\/:id\/check(in|out)$/.test(route)) {
        metrics.checkins.inc({ kind: route.endsWith('checkin') ? 'checkin' : 'checkout', outcome: status < 300 ? 'ok' : status < 500 ? 'refused' : 'failed' });
      }
      if (route === 'static' && status < 400) return; // assets: counted, not logged
      const line = { reqId: req.id, userId: req.user?.id, method: req.method, route, status, ms: Math.round(seconds * 10000) / 10 };
      // 503 during a database outage is expected and already announced once by DbHealth: not an error line
      if (status >= 500 && status !== 503) log.error(line, 'request');
      else if (status === 503) log.warn(line, 'request');
      else log.info(line, 'request');
    };
    res.once('finish', finish);
    res.once('close', finish);
    next();
  };
}
