/**
 * The one HTTP client: base path /api/v1, bearer token, errors as ApiError with the
 * server's Chinese `message` (and per-field `details`).
 */
import type { ApiErrorBody, Paginated } from '@wenming/shared';
import { ERROR_CODES, PAGE_SIZE_MAX } from '@wenming/shared';
import { getToken, setToken } from './auth-token';
import { t } from './i18n';

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly details: Array<{ field: string; message: string }>;
  /** The whole error body, for endpoints that add fields (e.g. import `errors[]`). */
  readonly body: Record<string, unknown>;

  constructor(body: ApiErrorBody & Record<string, unknown>) {
    super(body.message);
    this.name = 'ApiError';
    this.statusCode = body.statusCode;
    this.code = body.code;
    this.details = body.details ?? [];
    this.body = body;
  }
}

let unauthorizedHandler: () => void = () => {
  const here = window.location.pathname + window.location.search;
  if (!window.location.pathname.startsWith('/login')) {
    window.location.assign(`/login?redirect=${encodeURIComponent(here)}`);
  }
};

/** The router installs a handler that navigates to /login without a page reload. */
export function setUnauthorizedHandler(handler: () => void): void {
  unauthorizedHandler = handler;
}

export type QueryValue = string | number | boolean | null | undefined | Array<string | number>;
export type QueryParams = Record<string, QueryValue>;

export function toQueryString(params?: QueryParams): string {
  if (!params) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) value.forEach((v) => search.append(key, String(v)));
    else search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
  /** Public endpoints (menu, tracking) never send the token nor redirect on 401. */
  anonymous?: boolean;
}

function fallbackMessage(status: number): string {
  if (status === 401) return ERROR_CODES.UNAUTHENTICATED;
  if (status === 403) return ERROR_CODES.FORBIDDEN;
  if (status === 404) return ERROR_CODES.NOT_FOUND;
  if (status === 409) return ERROR_CODES.CONFLICT;
  if (status === 429) return ERROR_CODES.TOO_MANY_REQUESTS;
  if (status >= 500) return ERROR_CODES.INTERNAL;
  return ERROR_CODES.BAD_REQUEST;
}

export async function toApiError(res: Response): Promise<ApiError> {
  let body: Partial<ApiErrorBody> | null;
  try {
    body = (await res.json()) as Partial<ApiErrorBody>;
  } catch {
    body = null;
  }
  const message = body && typeof body.message === 'string' && body.message ? body.message : fallbackMessage(res.status);
  return new ApiError({
    ...(body ?? {}),
    statusCode: res.status,
    code: (body?.code as string) ?? 'HTTP_' + res.status,
    message,
    details: Array.isArray(body?.details) ? body!.details : undefined,
  });
}

/** fetch against the API; throws ApiError with a Chinese message on any failure. */
export async function rawRequest(path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = options.anonymous ? null : getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    res = await fetch(API_BASE + path + toQueryString(options.query), {
      method: options.method ?? 'GET',
      headers,
      body,
      signal: options.signal,
    });
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    throw new ApiError({ statusCode: 0, code: 'NETWORK', message: t.common.networkError });
  }
  if (!res.ok) {
    const error = await toApiError(res);
    if (res.status === 401 && token && !path.startsWith('/auth/')) {
      setToken(null);
      unauthorizedHandler();
    }
    throw error;
  }
  return res;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const res = await rawRequest(path, options);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: QueryParams, opts?: Omit<RequestOptions, 'query' | 'method'>) => request<T>(path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body' | 'method'>) => request<T>(path, { ...opts, method: 'POST', body: body ?? {} }),
  patch: <T>(path: string, body?: unknown) => request<T>(path, { method: 'PATCH', body: body ?? {} }),
  delete: <T>(path: string) => request<T>(path, { method: 'DELETE' }),
};

/** pageSize the API allows on the lists where a person counts (attendance and sign-ups of one activity). */
export const LARGE_PAGE = 1000;

/**
 * Every row of a paginated list (`{items, total, page, pageSize}`): the first page tells the total,
 * the rest are fetched in parallel. For lists where a person counts (attendance, sign-ups), which
 * must never stop at the default page of 20.
 */
export async function getAllPages<T>(
  path: string,
  query: QueryParams = {},
  { pageSize = PAGE_SIZE_MAX, anonymous }: { pageSize?: number; anonymous?: boolean } = {},
): Promise<Paginated<T>> {
  const opts = { anonymous };
  const first = await api.get<Paginated<T>>(path, { ...query, page: 1, pageSize }, opts);
  const pages = Math.ceil(first.total / first.pageSize);
  if (pages <= 1) return first;
  const rest = await Promise.all(Array.from({ length: pages - 1 }, (_, i) => api.get<Paginated<T>>(path, { ...query, page: i + 2, pageSize: first.pageSize }, opts)));
  const items = [first, ...rest].flatMap((p) => p.items);
  return { items, total: Math.max(first.total, items.length), page: 1, pageSize: items.length };
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return t.common.unknownError;
}
