import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MenuItemDto } from '@wenming/shared';
import { http, HttpResponse } from 'msw';
import { apiError, apiPath, readBody, recordCalls, server } from '@/testing/msw';
import { antdBlock, renderWithProviders } from '@/testing/test-utils';
import { MenuItemFormModal } from './menu-item-form-modal';

const empty = { items: [], total: 0, page: 1, pageSize: 50 };
const teams = {
  items: [
    { id: 't1', name: '红马甲', type: 'red_vest', siteId: 's1', description: '', archived: false },
    { id: 't2', name: '巾帼', type: 'women', siteId: 's1', description: '', archived: false },
  ],
  total: 2,
  page: 1,
  pageSize: 100,
};
const item: MenuItemDto = {
  id: 'm1',
  siteId: 's1',
  siteName: '永清镇东街实践站',
  title: '理发',
  category: 'elderly_care',
  description: '',
  teamIds: ['t1'],
  teams: [{ id: 't1', name: '红马甲' }],
  active: true,
  createdAt: '2026-11-01T00:00:00.000Z',
};

describe('MenuItemFormModal', () => {
  it('a site admin must choose a station; nothing is sent without one', async () => {
    const calls = recordCalls();
    server.use(
      http.get(apiPath('/sites'), () => HttpResponse.json(empty)),
      http.get(apiPath('/teams'), () => HttpResponse.json(teams)),
    );
    renderWithProviders(<MenuItemFormModal open isCountyAdmin={false} onClose={() => undefined} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /保\s*存/ }));
    await screen.findByText('请选择所属实践站');
    await screen.findByText('请填写服务名称');
    await screen.findByText('至少选择一支提供服务的队伍');
    expect(calls.filter((c) => c.method !== 'GET')).toHaveLength(0);
  });

  it('the county office creates a county-wide item (siteId null) with the teams picked', async () => {
    const calls = recordCalls();
    server.use(
      http.get(apiPath('/sites'), () => HttpResponse.json(empty)),
      http.get(apiPath('/teams'), () => HttpResponse.json(teams)),
      http.post(apiPath('/menu-items'), async ({ request }) =>
        HttpResponse.json({ id: 'm2', teams: [], siteName: null, ...((await readBody(request)) as object) }, { status: 201 }),
      ),
    );
    const onClose = vi.fn();
    renderWithProviders(<MenuItemFormModal open isCountyAdmin onClose={onClose} />);
    const user = userEvent.setup();
    screen.getByText('不选实践站即为全县通用，每个实践站的菜单都会显示');
    await user.type(screen.getByLabelText('服务名称'), ' 义诊 ');

    await user.click(screen.getByLabelText('服务类别'));
    await user.click(await screen.findByTitle('健康义诊'));
    await user.click(screen.getByLabelText('提供服务的队伍'));
    await user.click(await screen.findByTitle('红马甲（红马甲）'));

    await user.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(calls.find((c) => c.method === 'POST')).toEqual({
      method: 'POST',
      path: '/menu-items',
      body: { siteId: null, title: '义诊', category: 'health', description: '', teamIds: ['t1'], active: true },
    });
  });

  it('editing patches only the changed fields and shows API details on them', async () => {
    let reject = true;
    const calls = recordCalls();
    server.use(
      http.get(apiPath('/teams'), () => HttpResponse.json(teams)),
      http.patch(apiPath('/menu-items/m1'), async ({ request }) =>
        reject
          ? apiError(400, 'VALIDATION_FAILED', '服务名称最多 100 个字', [{ field: 'title', message: '该站点已有同名服务' }])
          : HttpResponse.json({ ...item, ...((await readBody(request)) as object) }),
      ),
    );
    const onClose = vi.fn();
    renderWithProviders(<MenuItemFormModal open item={item} isCountyAdmin={false} onClose={onClose} />);
    const user = userEvent.setup();
    expect((screen.getByLabelText('适用范围') as HTMLInputElement).value).toBe('永清镇东街实践站');
    await user.clear(screen.getByLabelText('服务名称'));
    await user.type(screen.getByLabelText('服务名称'), '理发修面');
    await user.click(screen.getByRole('switch'));
    await user.click(screen.getByRole('button', { name: /保\s*存/ }));

    await waitFor(() => expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(1));
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ title: '理发修面', active: false });
    const titleItem = antdBlock(screen.getByLabelText('服务名称'), 'form-item');
    await waitFor(() => expect(titleItem.textContent).toContain('该站点已有同名服务'));
    expect(onClose).not.toHaveBeenCalled();

    reject = false;
    await user.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
  });
});
