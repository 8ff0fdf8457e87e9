import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useQuery, keepPreviousData } from '@tanstack/react-query';
import { Select } from 'antd';
import { http } from 'msw';
import { Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import type { Paginated } from '@wenming/shared';
import { api } from '@/lib/api-client';
import { apiError, apiPath, pagedResponse, recordCalls, server } from '@/testing/msw';
import { renderWithProviders } from '@/testing/test-utils';
import { ListPage, ListSearch, useListParams } from '.';

interface Row {
  id: string;
  name: string;
  kind: 'a' | 'b';
}
interface RowFilter {
  kind?: 'a' | 'b';
  q?: string;
  page?: number;
  pageSize?: number;
}

const rows: Row[] = Array.from({ length: 45 }, (_, i) => ({ id: `r${i + 1}`, name: `队伍${i + 1}`, kind: i % 2 ? 'b' : 'a' }));

function Rows() {
  const { filter, set, setPage } = useListParams<RowFilter>({ defaults: { kind: 'a' }, fields: { kind: 'string', q: 'string' } });
  const query = useQuery({ queryKey: ['rows', filter], queryFn: () => api.get<Paginated<Row>>('/rows', { ...filter }), placeholderData: keepPreviousData });
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <>
      <output data-testid="address">{location.search}</output>
      <button onClick={() => navigate(-1)}>后退</button>
      <ListPage<Row>
        filters={
          <>
            <Select
              aria-label="类型"
              allowClear
              value={filter.kind}
              options={[
                { value: 'a', label: '甲' },
                { value: 'b', label: '乙' },
              ]}
              onChange={(kind) => set({ kind })}
            />
            <ListSearch aria-label="搜索" value={filter.q} onSearch={(q) => set({ q })} />
          </>
        }
        query={query}
        page={filter.page}
        pageSize={filter.pageSize}
        onPage={setPage}
        empty="没有符合条件的队伍"
        columns={[{ title: '名称', dataIndex: 'name' }]}
      />
    </>
  );
}

const serveRows = () =>
  server.use(
    http.get(apiPath('/rows'), ({ request }) => {
      const q = new URL(request.url).searchParams;
      const kind = q.get('kind');
      const text = q.get('q');
      return pagedResponse(
        rows.filter((r) => (!kind || r.kind === kind) && (!text || r.name.includes(text))),
        request,
      );
    }),
  );

const renderAt = (route: string) =>
  renderWithProviders(
    <Routes>
      <Route path="/rows" element={<Rows />} />
    </Routes>,
    { route },
  );

describe('ListPage + useListParams', () => {
  it('opens on the defaults, keeps filter and page in the address, and Back undoes a page change', async () => {
    serveRows();
    const calls = recordCalls();
    renderAt('/rows');
    expect(await screen.findByText('队伍1')).toBeTruthy();
    expect(screen.getByText('共 23 条')).toBeTruthy();
    expect(calls[0].path).toBe('/rows?kind=a&page=1&pageSize=20');
    expect(screen.getByTestId('address').textContent).toBe('');

    const user = userEvent.setup();
    await user.click(screen.getByTitle('2'));
    expect(await screen.findByText('队伍41')).toBeTruthy();
    expect(screen.getByTestId('address').textContent).toBe('?page=2');

    await user.click(screen.getByRole('button', { name: '后退' }));
    expect(await screen.findByText('队伍1')).toBeTruthy();
    expect(screen.getByTestId('address').textContent).toBe('');
  });

  it('reads filters from the address (a reload), goes back to page 1 on a new filter, and writes a cleared default as empty', async () => {
    serveRows();
    const calls = recordCalls();
    renderAt('/rows?kind=b&q=队伍1&page=1');
    // 队伍10,12,14,16,18 are of kind b and contain 队伍1
    await screen.findByText('共 5 条');
    expect((screen.getByLabelText('搜索') as HTMLInputElement).value).toBe('队伍1');
    expect(calls.at(-1)?.path).toBe('/rows?kind=b&q=%E9%98%9F%E4%BC%8D1&page=1&pageSize=20');

    const user = userEvent.setup();
    await user.clear(screen.getByLabelText('搜索'));
    await user.type(screen.getByLabelText('搜索'), '  队伍2 {Enter}');
    await waitFor(() => expect(screen.getByTestId('address').textContent).toBe('?kind=b&q=%E9%98%9F%E4%BC%8D2'));

    // Clearing the type (whose default is 甲) keeps "all types" in the address as kind=; 队伍2 and 队伍20–29
    // antd's clear icon has no role or label: reach it from the select's box
    const kindItem = screen.getByLabelText('类型').closest('.ant-select') as HTMLElement; // eslint-disable-line testing-library/no-node-access -- antd's clear icon is only reachable from its select box
    await user.hover(kindItem);
    await user.click(kindItem.querySelector('.ant-select-clear') as HTMLElement); // eslint-disable-line testing-library/no-node-access -- see above
    await waitFor(() => expect(screen.getByTestId('address').textContent).toBe('?kind=&q=%E9%98%9F%E4%BC%8D2'));
    await screen.findByText('共 11 条');
  });

  it('shows the empty text, and the API message with 重试 when the list fails', async () => {
    let fail = true;
    server.use(http.get(apiPath('/rows'), ({ request }) => (fail ? apiError(403, 'FORBIDDEN', '无权查看该实践站的数据') : pagedResponse([], request))));
    renderAt('/rows');
    expect(await screen.findByText('无权查看该实践站的数据')).toBeTruthy();
    fail = false;
    await userEvent.setup().click(screen.getByRole('button', { name: /重\s*试/ }));
    const table = await screen.findByRole('table');
    expect(await within(table).findByText('没有符合条件的队伍')).toBeTruthy();
  });
});
