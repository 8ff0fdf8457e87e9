import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import type { ActivityDto } from '@wenming/shared';
import { renderWithProviders } from '@/testing/test-utils';
import { ActivityCard } from './activity-card';

const base: ActivityDto = {
  id: 'a1',
  title: '东关广场文明劝导',
  kind: 'themed',
  category: 'civility_persuasion',
  siteId: '7f1c2a40-0000-4000-8000-000000000001',
  siteName: '东关社区新时代文明实践站',
  townId: 'r1',
  townName: '永清镇',
  address: '东关广场',
  teamId: '7f1c2a40-0000-4000-8000-000000000002',
  teamName: '永清镇红马甲志愿服务队',
  startsAt: '2026-12-04T01:00:00.000Z',
  endsAt: '2026-12-04T03:00:00.000Z',
  capacity: 30,
  status: 'published',
  audienceReached: null,
  scheduleId: null,
  serviceOrderId: null,
  description: '',
};

describe('ActivityCard', () => {
  it('names the place (venue · spot), the town and the team, never an id', () => {
    renderWithProviders(<ActivityCard activity={{ ...base, confirmedCount: 12 }} />);
    expect(screen.getByTestId('activity-place').textContent).toContain('永清镇东关社区新时代文明实践站 · 东关广场');
    screen.getByText('永清镇');
    screen.getByText(/永清镇红马甲志愿服务队/);
    screen.getByText(/剩余 18 个名额/);
    expect(document.body.textContent).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('shows the venue alone when there is no exact spot', () => {
    renderWithProviders(<ActivityCard activity={{ ...base, address: '' }} />);
    expect(screen.getByTestId('activity-place').textContent?.trim()).toBe('永清镇东关社区新时代文明实践站');
  });

  it('shows the volunteer’s own place in the queue', () => {
    const { unmount } = renderWithProviders(<ActivityCard activity={base} mySignup={{ status: 'waitlisted', waitlistPosition: 3 }} />);
    expect(screen.getByTestId('my-signup').textContent).toBe('候补第 3 位');
    unmount();
    renderWithProviders(<ActivityCard activity={base} mySignup={{ status: 'confirmed', waitlistPosition: null }} />);
    expect(screen.getByTestId('my-signup').textContent).toBe('已报名');
  });
});
