import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { dayjs } from '@/lib/dates';
import { mockApi, renderWithProviders } from '@/testing/test-utils';
import { ScheduleForm } from './schedule-form';

describe('ScheduleForm', () => {
  it('previews the Fridays, lets the leader skip one, and saves the series with skipDates', async () => {
    const { calls: all } = mockApi([
      ['POST', /^\/service-day-schedules$/, ({ body }) => ({ status: 201, body: { schedule: { id: 's1', ...(body as object) }, generated: [{}, {}, {}], updated: [], cancelled: [] } })],
      ['GET', /^\/sites\/directory/, () => ({ body: { items: [], total: 0, page: 1, pageSize: 50 } })],
    ]);
    const calls = all.filter((c) => c.method === 'POST');
    renderWithProviders(
      <ScheduleForm
        teams={[{ id: 't1', name: '永清镇红马甲志愿服务队', siteId: 'site-home', siteName: '永清镇东关社区新时代文明实践站' }]}
        initialValues={{ startsOn: dayjs('2026-11-02'), endsOn: dayjs('2026-11-30') }}
      />,
    );

    // Fridays between 2026-11-02 and 2026-11-30.
    for (const d of ['2026-11-06', '2026-11-13', '2026-11-20', '2026-11-27']) {
      expect(screen.getByRole('button', { name: d })).toBeTruthy();
    }
    expect(screen.getByTestId('preview-count').textContent).toBe('共 4 次');

    // The venue defaults to the team's own site, shown by its name (never its id).
    expect(await screen.findByText('永清镇东关社区新时代文明实践站')).toBeTruthy();
    expect(screen.queryByText('site-home')).toBeNull();

    const user = userEvent.setup();
    await user.type(screen.getByLabelText('具体地点'), '东关广场');
    await user.click(screen.getByRole('button', { name: '2026-11-20' }));
    expect(screen.getByTestId('preview-count').textContent).toBe('共 3 次');
    expect(screen.getByRole('button', { name: '2026-11-20' }).getAttribute('aria-pressed')).toBe('false');

    await user.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(all.filter((c) => c.method === 'POST')).toHaveLength(1));
    calls.push(...all.filter((c) => c.method === 'POST'));
    expect(calls[0]).toEqual({
      method: 'POST',
      path: '/service-day-schedules',
      body: {
        teamId: 't1',
        siteId: 'site-home',
        address: '东关广场',
        title: '周五志愿服务日',
        category: 'sanitation',
        weekday: 5,
        startTime: '09:00',
        endTime: '11:00',
        startsOn: '2026-11-02',
        endsOn: '2026-11-30',
        capacity: null,
        skipDates: ['2026-11-20'],
      },
    });
    expect(await screen.findByText('已保存，生成 3 场活动')).toBeTruthy();
  });

  it('updates the preview when the weekday changes', async () => {
    mockApi([]);
    renderWithProviders(
      <ScheduleForm teams={[{ id: 't1', name: '队', siteId: 'site-home', siteName: '东关社区实践站' }]} initialValues={{ weekday: 1, startsOn: dayjs('2026-11-02'), endsOn: dayjs('2026-11-16') }} />,
    );
    expect(screen.getByTestId('preview-count').textContent).toBe('共 3 次');
    expect(screen.getByRole('button', { name: '2026-11-09' })).toBeTruthy();
  });
});
