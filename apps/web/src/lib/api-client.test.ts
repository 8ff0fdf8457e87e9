import { describe, expect, it } from 'vitest';
import { http } from 'msw';
import { apiPath, pagedResponse, recordCalls, server } from '@/testing/msw';
import { getAllPages } from './api-client';

describe('getAllPages', () => {
  it('reads every page of a list longer than one page', async () => {
    const rows = Array.from({ length: 250 }, (_, i) => ({ n: i + 1 }));
    const calls = recordCalls();
    server.use(http.get(apiPath('/things'), ({ request }) => pagedResponse(rows, request)));
    const all = await getAllPages<{ n: number }>('/things', { q: 'x' });
    expect(all.items.map((r) => r.n)).toEqual(rows.map((r) => r.n));
    expect(all.total).toBe(250);
    expect(calls.map((c) => c.path).sort()).toEqual(['/things?q=x&page=1&pageSize=100', '/things?q=x&page=2&pageSize=100', '/things?q=x&page=3&pageSize=100']);
  });

  it('asks once when the first page holds everything', async () => {
    const rows = Array.from({ length: 150 }, (_, i) => ({ n: i }));
    const calls = recordCalls();
    server.use(http.get(apiPath('/things'), ({ request }) => pagedResponse(rows, request, 1000)));
    const all = await getAllPages<{ n: number }>('/things', {}, { pageSize: 1000 });
    expect(all.items).toHaveLength(150);
    expect(calls).toHaveLength(1);
  });
});
