import type { ReactElement, ReactNode } from 'react';
import { render } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router-dom';
import { vi } from 'vitest';
import { AppProviders } from '@/app/provider';
import { createQueryClient } from '@/lib/query-client';

export function testQueryClient(): QueryClient {
  const qc = createQueryClient();
  qc.setDefaultOptions({
    queries: { ...qc.getDefaultOptions().queries, retry: false, gcTime: Infinity },
    mutations: { retry: false },
  });
  return qc;
}

export function renderWithProviders(ui: ReactElement, { route = '/', queryClient = testQueryClient() } = {}) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <AppProviders queryClient={queryClient}>
      <MemoryRouter initialEntries={[route]}>{children}</MemoryRouter>
    </AppProviders>
  );
  return { queryClient, ...render(ui, { wrapper }) };
}

export interface MockCall {
  method: string;
  path: string;
  body: unknown;
}
type Responder = (call: MockCall) => { status?: number; body?: unknown } | Promise<{ status?: number; body?: unknown }>;

/**
 * Stubs global fetch with a tiny router: [method, path regex, responder]. Unmatched requests
 * answer 404 with a Chinese message. Returns the spy and the list of calls.
 */
export function mockApi(routes: Array<[string, RegExp, Responder]>) {
  const calls: MockCall[] = [];
  const spy = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    const path = url.pathname.replace(/^\/api\/v1/, '') + url.search;
    let body: unknown = undefined;
    if (typeof init?.body === 'string') body = JSON.parse(init.body);
    const call = { method, path, body };
    calls.push(call);
    const route = routes.find(([m, re]) => m === method && re.test(path));
    const res = route ? await route[2](call) : { status: 404, body: { statusCode: 404, code: 'NOT_FOUND', message: '记录不存在' } };
    const status = res.status ?? 200;
    return new Response(res.body === undefined ? null : JSON.stringify(res.body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', spy);
  return { spy, calls };
}

/**
 * A paginated answer `{items, total, page, pageSize}` for the `page`/`pageSize` of the request,
 * as the API sends lists (default page 1 of 20; pageSize above `maxPageSize` is a 400 like the API's).
 */
export function paged<T>(rows: T[], path: string, maxPageSize = 100): { status?: number; body: unknown } {
  const q = new URL(path, 'http://localhost').searchParams;
  const page = Number(q.get('page') ?? 1);
  const pageSize = Number(q.get('pageSize') ?? 20);
  if (pageSize > maxPageSize) return { status: 400, body: { statusCode: 400, code: 'VALIDATION_FAILED', message: `pageSize 最大为 ${maxPageSize}` } };
  return { body: { items: rows.slice((page - 1) * pageSize, page * pageSize), total: rows.length, page, pageSize } };
}

/**
 * The antd block around an element: antd renders statistics, form items, popovers and table rows without a role
 * that Testing Library could find, so tests scope their queries to the block by its class (the one place that
 * walks the DOM; eslint's testing-library/no-node-access holds in the test files). Given several elements (a
 * getAllBy* answer), the block around the first one that has one.
 */
export function antdBlock(els: HTMLElement | HTMLElement[], part: 'statistic' | 'form-item' | 'popover' | 'row'): HTMLElement {
  const selector = part === 'row' ? 'tr' : `.ant-${part}`;
  const block = [els].flat().map((el) => el.closest(selector)).find((b) => b instanceof HTMLElement);
  if (!(block instanceof HTMLElement)) throw new Error(`no antd ${part} around ${[els].flat()[0]?.outerHTML.slice(0, 120)}`);
  return block;
}
