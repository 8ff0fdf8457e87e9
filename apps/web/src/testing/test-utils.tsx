import type { ReactElement, ReactNode } from 'react';
import { render } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router-dom';
import { vi } from 'vitest';
import { http, HttpResponse } from 'msw';
import { AppProviders } from '@/app/provider';
import { createQueryClient } from '@/lib/query-client';
import { callPath, mswFetch, notFound, pageOf, readBody, server, type MockCall } from './msw';

export type { MockCall } from './msw';

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

type Responder = (call: MockCall) => { status?: number; body?: unknown } | Promise<{ status?: number; body?: unknown }>;

/**
 * The older table-style mock, kept for the tests that still use it, now on top of MSW (see ./msw.ts):
 * [method, path regex, responder] where the path is below /api/v1 with its query string. Unmatched
 * requests answer 404 with a Chinese message; a responder that throws is a network failure (fetch
 * rejects, as when offline). Returns a spy called once per request and the list of calls.
 * New tests: `server.use(http.get(apiPath(…), …))` and `recordCalls()` from '@/testing/msw'.
 */
export function mockApi(routes: Array<[string, RegExp, Responder]>) {
  const calls: MockCall[] = [];
  const spy = vi.fn((_request: Request) => undefined);
  // A test may have stubbed fetch to be offline first; as before, mockApi brings the network back.
  if (globalThis.fetch !== mswFetch()) vi.stubGlobal('fetch', mswFetch());
  server.use(
    http.all('*', async ({ request }) => {
      spy(request);
      const body = await readBody(request);
      const call: MockCall = { method: request.method.toUpperCase(), path: callPath(request), body };
      calls.push(call);
      const route = routes.find(([m, re]) => m === call.method && re.test(call.path));
      if (!route) return notFound();
      let res: { status?: number; body?: unknown };
      try {
        res = await route[2](call);
      } catch {
        return HttpResponse.error();
      }
      return new HttpResponse(res.body === undefined ? null : JSON.stringify(res.body), {
        status: res.status ?? 200,
        headers: { 'Content-Type': 'application/json' },
      });
    }),
  );
  return { spy, calls };
}

/** The `pageOf` answer of ./msw.ts in mockApi's shape. */
export function paged<T>(rows: T[], path: string, maxPageSize = 100): { status?: number; body: unknown } {
  return pageOf(rows, path, maxPageSize);
}

/**
 * The antd block around an element: antd renders statistics, form items, popovers and table rows without a role
 * that Testing Library could find, so tests scope their queries to the block by its class (the one place that
 * walks the DOM; eslint's testing-library/no-node-access holds in the test files). Given several elements (a
 * getAllBy* answer), the block around the first one that has one.
 */
export function antdBlock(els: HTMLElement | HTMLElement[], part: 'statistic' | 'form-item' | 'popover' | 'row'): HTMLElement {
  const selector = part === 'row' ? 'tr' : `.ant-${part}`;
  const block = [els]
    .flat()
    .map((el) => el.closest(selector))
    .find((b) => b instanceof HTMLElement);
  if (!(block instanceof HTMLElement)) throw new Error(`no antd ${part} around ${[els].flat()[0]?.outerHTML.slice(0, 120)}`);
  return block;
}
