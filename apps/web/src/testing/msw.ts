import { http, HttpResponse, type JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';
import { API_BASE } from '@/lib/api-client';

/**
 * The API as component tests see it: an MSW server (node interceptors under Vitest/happy-dom).
 * Tests add handlers with `server.use(http.get(apiPath('/me'), …))`; anything no handler answers
 * gets the API's own 404 in Chinese, so a forgotten mock fails visibly instead of reaching a network.
 * setup-tests.ts starts it once and resets handlers and listeners after every test.
 */
export const notFound = () => HttpResponse.json({ statusCode: 404, code: 'NOT_FOUND', message: '记录不存在' }, { status: 404 });

export const server = setupServer(http.all('*', notFound));

let interceptedFetch: typeof fetch | undefined;

/** Starts the server (setup-tests.ts) and remembers the fetch MSW intercepts. */
export function startServer(): void {
  server.listen({ onUnhandledRequest: 'error' });
  interceptedFetch = globalThis.fetch;
}

/** The fetch MSW answers; a test that stubbed fetch (e.g. to go offline) gets it back with `vi.stubGlobal('fetch', …)`. */
export function mswFetch(): typeof fetch {
  if (!interceptedFetch) throw new Error('MSW server not started (see setup-tests.ts)');
  return interceptedFetch;
}

/** An MSW path for an API route: `apiPath('/activities/:id')` matches `/api/v1/activities/a1` on any origin. */
export const apiPath = (path: string) => `*${API_BASE}${path}`;

/** The API's error body `{statusCode, code, message, details?}` with its status. */
export function apiError(status: number, code: string, message: string, details?: Array<{ field: string; message: string }>) {
  return HttpResponse.json({ statusCode: status, code, message, ...(details ? { details } : {}) }, { status });
}

export interface MockCall {
  method: string;
  /** The path below /api/v1 with its query string, e.g. `/teams?page=1&pageSize=20`. */
  path: string;
  body: unknown;
}

/** The path below /api/v1 with the query string, as tests assert it. */
export function callPath(request: Request): string {
  const url = new URL(request.url);
  return url.pathname.replace(new RegExp(`^${API_BASE}`), '') + url.search;
}

/** Reads a JSON request body (undefined when there is none or it is not JSON). */
export async function readBody(request: Request): Promise<unknown> {
  const text = await request.clone().text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Records every request the app makes during this test, in order: `{method, path, body}`.
 * The entry is added when the request starts; its body is filled in before any handler answers.
 */
export function recordCalls(): MockCall[] {
  const calls: MockCall[] = [];
  server.events.on('request:start', ({ request }) => {
    const call: MockCall = { method: request.method.toUpperCase(), path: callPath(request), body: undefined };
    calls.push(call);
    void readBody(request).then((b) => (call.body = b));
  });
  return calls;
}

/**
 * A paginated answer `{items, total, page, pageSize}` for the `page`/`pageSize` of the request,
 * as the API sends lists (default page 1 of 20; pageSize above `maxPageSize` is a 400 like the API's).
 */
export function pageOf<T>(rows: T[], path: string, maxPageSize = 100): { status: number; body: JsonBodyType } {
  const q = new URL(path, 'http://localhost').searchParams;
  const page = Number(q.get('page') ?? 1);
  const pageSize = Number(q.get('pageSize') ?? 20);
  if (pageSize > maxPageSize) {
    return { status: 400, body: { statusCode: 400, code: 'VALIDATION_FAILED', message: `pageSize 最大为 ${maxPageSize}` } };
  }
  return { status: 200, body: { items: rows.slice((page - 1) * pageSize, page * pageSize) as JsonBodyType, total: rows.length, page, pageSize } };
}

/** `pageOf` as an MSW response for the handler's request. */
export function pagedResponse<T>(rows: T[], request: Request, maxPageSize = 100) {
  const { status, body } = pageOf(rows, request.url, maxPageSize);
  return HttpResponse.json(body, { status });
}
