import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import type { NoticeDto } from '@wenming/shared';
import { http, HttpResponse } from 'msw';
import { apiPath, recordCalls, server } from '@/testing/msw';
import { renderWithProviders } from '@/testing/test-utils';
import { NoticeBell } from './notice-bell';
import { NoticeList } from './notice-list';

const notice = (over: Partial<NoticeDto>): NoticeDto => ({
  id: 'n1',
  kind: 'signup_promoted',
  title: '候补转正：周五文明劝导',
  body: '有人取消了报名，您已从候补转为正式报名。',
  link: '/activities/a1',
  createdAt: '2026-11-30T02:00:00Z',
  readAt: null,
  ...over,
});

describe('inbox', () => {
  it('the bell shows the unread count', async () => {
    server.use(http.get(apiPath('/notices/unread-count'), () => HttpResponse.json({ count: 3 })));
    renderWithProviders(<NoticeBell />);
    await waitFor(() => expect(screen.getByTestId('notice-bell').getAttribute('aria-label')).toBe('站内消息（3 条未读）'));
  });

  it('opening a notice marks it read and follows its link; 全部已读 marks all', async () => {
    const items = [notice({}), notice({ id: 'n2', kind: 'activity_cancelled', title: '活动取消', link: null, readAt: '2026-11-29T00:00:00Z' })];
    const calls = recordCalls();
    server.use(
      http.get(apiPath('/notices'), () => HttpResponse.json({ items, total: 2, page: 1, pageSize: 20 })),
      http.post(apiPath('/notices/n1/read'), () => HttpResponse.json({ ...items[0], readAt: '2026-11-30T03:00:00Z' })),
      http.post(apiPath('/notices/read-all'), () => HttpResponse.json({ updated: 1 })),
    );
    renderWithProviders(
      <Routes>
        <Route path="/notices" element={<NoticeList />} />
        <Route path="/activities/:id" element={<p>活动详情页</p>} />
      </Routes>,
      { route: '/notices' },
    );
    const first = await screen.findByRole('article', { name: '候补转正：周五文明劝导' });
    expect(within(first).getByText('候补转正')).toBeTruthy();
    // A notice without a link has nothing to open.
    expect(within(screen.getByRole('article', { name: '活动取消' })).queryByRole('button', { name: '查看' })).toBeNull();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /全部已读/ }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === '/notices/read-all')).toBe(true));
    await user.click(within(await screen.findByRole('article', { name: '候补转正：周五文明劝导' })).getByRole('button', { name: '查看' }));
    expect(await screen.findByText('活动详情页')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST' && c.path === '/notices/n1/read')).toBe(true);
  });
});
