import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { ActivityWithCountsDto, AttendanceListItemDto, SignupDto } from '@wenming/shared';
import { http } from 'msw';
import { apiPath, pagedResponse, recordCalls, server } from '@/testing/msw';
import { renderWithProviders } from '@/testing/test-utils';
import { AttendancePanel } from './attendance-panel';
import { SignupsTable } from './signups-table';

const activity: ActivityWithCountsDto = {
  id: 'a1',
  title: '周五志愿服务日',
  kind: 'service_day',
  category: 'sanitation',
  siteId: 's1',
  siteName: '永清镇东关社区新时代文明实践站',
  townId: 'r1',
  townName: '永清镇',
  address: '东关广场',
  teamId: 't1',
  teamName: '永清镇红马甲志愿服务队',
  startsAt: '2026-11-27T01:00:00.000Z',
  endsAt: '2026-11-27T03:00:00.000Z',
  capacity: 200,
  status: 'published',
  audienceReached: null,
  scheduleId: null,
  serviceOrderId: null,
  description: '',
  confirmedCount: 150,
  waitlistedCount: 0,
  cancelReason: null,
  mySignup: null,
};

const attendance = (n: number, pending = n): AttendanceListItemDto[] =>
  Array.from({ length: n }, (_, i) => ({
    activityId: 'a1',
    volunteerId: `v${String(i).padStart(3, '0')}`,
    volunteerName: `志愿者${i + 1}`,
    volunteerPhone: '138****0000',
    checkInAt: '2026-11-27T01:00:00.000Z',
    checkOutAt: null,
    method: 'code',
    minutes: null,
    status: i < pending ? 'pending' : 'confirmed',
    confirmedBy: null,
    confirmedByName: null,
    confirmedAt: null,
    rejectedReason: null,
    receivedAt: null,
    checkOutReceivedAt: null,
    late: false,
  }));

const signups = (confirmed: number, waitlisted: number): SignupDto[] =>
  Array.from({ length: confirmed + waitlisted }, (_, i) => ({
    activityId: 'a1',
    volunteerId: `v${i}`,
    volunteerName: `志愿者${i + 1}`,
    status: i < confirmed ? 'confirmed' : 'waitlisted',
    signedUpBy: null,
    createdAt: '2026-11-20T01:00:00.000Z',
    updatedAt: '2026-11-20T01:00:00.000Z',
  }));

describe('lists where a person counts', () => {
  it('the attendance panel counts all 150 people, not the first page of 20', async () => {
    const rows = attendance(150, 140);
    const calls = recordCalls();
    server.use(http.get(apiPath('/activities/a1/attendance'), ({ request }) => pagedResponse(rows, request, 1000)));
    renderWithProviders(<AttendancePanel activity={activity} canManage />);
    const statistic = (title: string) => screen.getAllByText(title).map((el) => el.closest('.ant-statistic')).find(Boolean) as HTMLElement;
    await waitFor(() => expect(within(statistic('已签到')).getByText('150')).toBeTruthy());
    const pending = statistic('待确认');
    expect(within(pending).getByText('140')).toBeTruthy();
    // One request sized for the activity (the API allows pageSize up to 1000 here).
    const asked = calls.filter((c) => c.path.startsWith('/activities/a1/attendance')).map((c) => new URL(c.path, 'http://x').searchParams.get('pageSize'));
    expect(asked).toEqual(['1000']);
    // Names, never ids.
    expect(screen.getByText('志愿者1')).toBeTruthy();
    expect(screen.queryByText(/^v0/)).toBeNull();
  });

  it('the sign-up table counts all 150 confirmed and the waitlist', async () => {
    const rows = signups(150, 7);
    server.use(http.get(apiPath('/activities/a1/signups'), ({ request }) => pagedResponse(rows, request, 1000)));
    renderWithProviders(<SignupsTable activityId="a1" canManage={false} />);
    await waitFor(() => {
      const confirmed = screen.getAllByText('已报名').map((el) => el.closest('.ant-statistic')).find(Boolean) as HTMLElement;
      expect(within(confirmed).getByText('150')).toBeTruthy();
    });
    const waitlisted = screen.getAllByText('候补').map((el) => el.closest('.ant-statistic')).find(Boolean) as HTMLElement;
    expect(within(waitlisted).getByText('7')).toBeTruthy();
    expect(screen.getByText('共 157 条')).toBeTruthy();
  });
});
