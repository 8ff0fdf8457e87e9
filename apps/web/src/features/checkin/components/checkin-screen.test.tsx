import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, screen } from '@testing-library/react';
import { mockApi, paged, renderWithProviders } from '@/testing/test-utils';
import { nextCodeRefreshMs } from '../api/checkin-api';
import { CheckinScreen } from './checkin-screen';

const T0 = new Date('2026-11-27T01:00:00.000Z'); // 09:00 in Shanghai, a Friday

function attendance(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    activityId: 'a1',
    volunteerId: `v${i}`,
    checkInAt: T0.toISOString(),
    checkOutAt: null,
    method: 'code',
    minutes: null,
    status: 'pending',
  }));
}

describe('CheckinScreen', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows the code as QR + digits, fetches a new code when it expires and the count every 10 s', async () => {
    let codeCalls = 0;
    let checkedIn = 1;
    const { calls } = mockApi([
      [
        'GET',
        /^\/activities\/a1\/checkin-code$/,
        () => {
          codeCalls += 1;
          const code = codeCalls === 1 ? '123456' : '654321';
          // The first code expires in 45 s, later ones in 60 s.
          const expiresAt = new Date(Date.now() + (codeCalls === 1 ? 45_000 : 60_000)).toISOString();
          return { body: { code, expiresAt, qrPayload: `http://localhost:3000/checkin/a1?code=${code}` } };
        },
      ],
      ['GET', /^\/activities\/a1\/attendance/, ({ path }) => paged(attendance(checkedIn), path, 1000)],
    ]);

    renderWithProviders(<CheckinScreen activityId="a1" title="周五志愿服务日" />);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(50);
    });
    expect(screen.getByTestId('checkin-code').textContent).toBe('123456');
    expect(screen.getByTestId('checked-in-count').textContent).toBe('1');
    expect(codeCalls).toBe(1);

    // Two volunteers check in; after 10 s the screen shows 3.
    checkedIn = 3;
    await act(async () => {
      await vi.advanceTimersByTimeAsync(10_000);
    });
    expect(screen.getByTestId('checked-in-count').textContent).toBe('3');
    expect(codeCalls).toBe(1);

    // At expiresAt (45 s after the first fetch) a new code is fetched and shown.
    await act(async () => {
      await vi.advanceTimersByTimeAsync(36_000);
    });
    expect(codeCalls).toBe(2);
    expect(screen.getByTestId('checkin-code').textContent).toBe('654321');

    // Afterwards at most every 60 s.
    await act(async () => {
      await vi.advanceTimersByTimeAsync(60_500);
    });
    expect(codeCalls).toBe(3);

    const attendanceCalls = calls.filter((c) => c.path.startsWith('/activities/a1/attendance')).length;
    // ~106.5 s elapsed: the first load plus one refresh per 10 s.
    expect(attendanceCalls).toBeGreaterThanOrEqual(10);
    expect(attendanceCalls).toBeLessThanOrEqual(12);
  });
});

describe('nextCodeRefreshMs', () => {
  it('refreshes at expiry, never later than 60 s, never sooner than 1 s', () => {
    const now = Date.parse('2026-11-27T01:00:00Z');
    expect(nextCodeRefreshMs('2026-11-27T01:00:20Z', now)).toBe(20_250);
    expect(nextCodeRefreshMs('2026-11-27T01:05:00Z', now)).toBe(60_000);
    expect(nextCodeRefreshMs('2026-11-27T00:59:00Z', now)).toBe(1_000);
    expect(nextCodeRefreshMs(undefined, now)).toBe(60_000);
  });
});
