import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Metrics } from './metrics';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** The request id: `x-request-id` when the caller (or the balancer) sent a well-formed one, else a new UUID. */
export function requestId(headers: Record<string, string | string[] | undefined>): string {
  const given = headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** The error code an answer carried (`VALIDATION_FAILED`, …), counted by the access log; set where the answer is made. */
const errorCodes = new WeakMap<ServerResponse, string>();

export function markErrorCode(reply: FastifyReply | ServerResponse, code: string): void {
  errorCodes.set('raw' in reply ? reply.raw : reply, code);
}

/** The route template Fastify matched (`/api/v1/activities/:id`), never the raw path: ids and queries stay out. */
export function routeOf(req: FastifyRequest): string {
  const url = req.routeOptions?.url;
  if (url && url !== '/*' && url !== '*') return url;
  const path = pathOf(req.url);
  if (path === '/metrics') return '/metrics';
  return path.startsWith('/api/') ? 'unmatched' : 'static';
}

/** The path of a request URL, without its query. */
export function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

const started = Symbol('wenming.started');

/**
 * Request id (echoed back as `x-request-id`) and one JSON access-log line per request: id, user id (when logged in),
 * method, route template, status, latency. No query, body, phone or token. Also feeds the request metrics.
 */
export function registerAccessLog(fastify: FastifyInstance, log: Logger, metrics: Metrics): void {
  fastify.addHook('onRequest', (req, reply, done) => {
    (req as unknown as Record<symbol, bigint>)[started] = process.hrtime.bigint();
    reply.header('x-request-id', req.id);
    metrics.inFlight.inc();
    done();
  });
  /** `status` undefined: the client went away before the answer (499). */
  const finish = (req: FastifyRequest, status: number | undefined, raw: ServerResponse | undefined) => {
    const start = (req as unknown as Record<symbol, bigint | undefined>)[started];
    if (start === undefined) return;
    (req as unknown as Record<symbol, bigint | undefined>)[started] = undefined;
    metrics.inFlight.dec();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const route = routeOf(req);
    status ??= 499; // the client went away first
    metrics.requests.inc({ method: req.method, route, status: String(status) });
    metrics.duration.observe({ method: req.method, route }, seconds);
    const errorCode = raw && errorCodes.get(raw);
    if (errorCode) metrics.errors.inc({ code: errorCode });
    else if (status >= 500) metrics.errors.inc({ code: `HTTP_${status}` });
    if (req.method === 'POST' && /\/activities\/:id\/check(in|out)$/.test(route)) {
      metrics.checkins.inc({ kind: route.endsWith('checkin') ? 'checkin' : 'checkout', outcome: status < 300 ? 'ok' : status < 500 ? 'refused' : 'failed' });
    }
    if (route === 'static' && status < 400) return; // assets: counted, not logged
    const user = (req as FastifyRequest & { user?: { id?: string } }).user;
    const line = { reqId: req.id, userId: user?.id, method: req.method, route, status, ms: Math.round(seconds * 10000) / 10 };
    // 503 during a database outage is expected and already announced once by DbHealth: not an error line
    if (status >= 500 && status !== 503) log.error(line, 'request');
    else if (status === 503) log.warn(line, 'request');
    else log.info(line, 'request');
  };
  fastify.addHook('onResponse', (req, reply, done) => {
    finish(req, reply.raw.writableFinished ? reply.statusCode : undefined, reply.raw);
    done();
  });
  fastify.addHook('onRequestAbort', (req, done) => {
    finish(req, undefined, undefined);
    done();
  });
}
