import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { dayjs } from '@/lib/dates';
import { mockApi, renderWithProviders } from '@/testing/test-utils';
import { ScheduleForm } from './schedule-form';

describe('ScheduleForm', { timeout: 60_000 }, () => {
  it('previews the Fridays, lets the leader skip one, and saves the series with skipDates', async () => {
    const { calls: all } = mockApi([
      [
        'POST',
        /^\/service-day-schedules$/,
        ({ body }) => ({ status: 201, body: { schedule: { id: 's1', ...(body as object) }, generated: [{}, {}, {}], updated: [], cancelled: [] } }),
      ],
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
      <ScheduleForm
        teams={[{ id: 't1', name: '队', siteId: 'site-home', siteName: '东关社区实践站' }]}
        initialValues={{ weekday: 1, startsOn: dayjs('2026-11-02'), endsOn: dayjs('2026-11-16') }}
      />,
    );
    expect(screen.getByTestId('preview-count').textContent).toBe('共 3 次');
    expect(screen.getByRole('button', { name: '2026-11-09' })).toBeTruthy();
  });

  it('Enter in a field never saves the series; a 409 overlap asks before saving with allowOverlap', async () => {
    let n = 0;
    const { calls } = mockApi([
      [
        'POST',
        /^\/service-day-schedules$/,
        ({ body }) =>
          ++n === 1
            ? { status: 409, body: { statusCode: 409, code: 'SCHEDULE_OVERLAP', message: '与本队已有活动时间重叠：2026-11-06 09:00「周五清扫甲」（服务日安排）' } }
            : { status: 201, body: { schedule: { id: 's1', ...(body as object) }, generated: [{}], updated: [], cancelled: [] } },
      ],
      ['GET', /^\/sites\/directory/, () => ({ body: { items: [], total: 0, page: 1, pageSize: 50 } })],
    ]);
    renderWithProviders(
      <ScheduleForm
        teams={[{ id: 't1', name: '队', siteId: 'site-home', siteName: '东关社区实践站' }]}
        initialValues={{ startsOn: dayjs('2026-11-02'), endsOn: dayjs('2026-11-10') }}
      />,
    );
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('具体地点'), '东关广场{Enter}');
    await new Promise((r) => setTimeout(r, 300));
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: /保\s*存/ }));
    expect(await screen.findByText(/周五清扫甲/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '仍然保存（允许重叠）' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(2));
    const posts = calls.filter((c) => c.method === 'POST');
    expect((posts[0].body as { allowOverlap?: boolean }).allowOverlap).toBeUndefined();
    expect((posts[1].body as { allowOverlap?: boolean }).allowOverlap).toBe(true);
  });

  it('edits a schedule: prefilled, its skipped dates listed and removable, a date added, saved with PATCH', async () => {
    const schedule = {
      id: 'sch1',
      teamId: 't1',
      teamName: '红马甲队',
      siteId: 'site-home',
      siteName: '东关社区实践站',
      address: '东关广场',
      title: '周五清扫',
      category: 'sanitation' as const,
      weekday: 5,
      startTime: '09:00',
      endTime: '11:00',
      startsOn: '2026-11-02',
      endsOn: '2026-11-30',
      capacity: 8,
      skipDates: ['2026-11-13'],
      description: '',
      createdAt: '2026-10-01T00:00:00Z',
      deletedAt: null,
    };
    const { calls } = mockApi([
      [
        'PATCH',
        /^\/service-day-schedules\/sch1$/,
        ({ body }) => ({ body: { schedule: { ...schedule, ...(body as object) }, generated: [], updated: [{}, {}], cancelled: ['a1'] } }),
      ],
      ['GET', /^\/sites/, () => ({ body: { items: [], total: 0, page: 1, pageSize: 50 } })],
    ]);
    let saved: unknown = null;
    renderWithProviders(<ScheduleForm teams={[]} schedule={schedule} onSaved={(r) => (saved = r)} />);
    expect((screen.getByLabelText('活动名称') as HTMLInputElement).value).toBe('周五清扫');
    // the skipped date is shown (struck through in the preview, and listed)
    expect(screen.getByRole('button', { name: '2026-11-13' }).getAttribute('aria-pressed')).toBe('false');
    expect(screen.getByTestId('skip-dates').textContent).toContain('2026-11-13');
    expect(screen.getByTestId('preview-count').textContent).toBe('共 3 次');

    const user = userEvent.setup();
    await user.click(screen.getByLabelText('恢复 2026-11-13')); // remove the skip
    await user.click(screen.getByRole('button', { name: '2026-11-27' })); // add another
    expect(screen.getByTestId('skip-dates').textContent).not.toContain('2026-11-13');
    expect(screen.getByTestId('skip-dates').textContent).toContain('2026-11-27');
    await user.clear(screen.getByLabelText('活动名称'));
    await user.type(screen.getByLabelText('活动名称'), '周五大扫除{Enter}');
    await new Promise((r) => setTimeout(r, 200));
    expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(0); // Enter never saves

    await user.click(screen.getByRole('button', { name: /保存修改/ }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(1));
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({
      siteId: 'site-home',
      address: '东关广场',
      title: '周五大扫除',
      category: 'sanitation',
      weekday: 5,
      startTime: '09:00',
      endTime: '11:00',
      startsOn: '2026-11-02',
      endsOn: '2026-11-30',
      capacity: 8,
      skipDates: ['2026-11-27'],
    });
    await waitFor(() => expect(saved).not.toBeNull());
  });
});
