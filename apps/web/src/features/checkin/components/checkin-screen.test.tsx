import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, screen } from '@testing-library/react';
import { mockApi, paged, renderWithProviders } from '@/testing/test-utils';
import { nextCodeRefreshMs } from '../api/checkin-api';
import { CheckinScreen } from './checkin-screen';
import { clearOfflineStore, loadCodes } from '../lib/offline-store';

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
  beforeEach(async () => {
    await clearOfflineStore();
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

describe('CheckinScreen with downloaded codes', () => {
  beforeEach(async () => {
    await clearOfflineStore();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => true });
  });

  it('rotates the downloaded codes every minute, keeps going with a 离线 badge when the network drops, and corrects the clock', async () => {
    const codes = Array.from({ length: 10 }, (_, i) => ({ stepStart: new Date(T0.getTime() + i * 60_000).toISOString(), code: String(100000 + i) }));
    let online = true;
    const { calls } = mockApi([
      [
        'GET',
        /^\/activities\/a1\/checkin-codes$/,
        () => {
          if (!online) throw new TypeError('Failed to fetch');
          // the server's clock is 30 s ahead of this screen's
          return {
            body: {
              activityId: 'a1',
              stepSeconds: 60,
              qrPayloadBase: '/checkin/a1?code=',
              from: codes[0].stepStart,
              until: new Date(T0.getTime() + 600_000).toISOString(),
              serverTime: new Date(Date.now() + 30_000).toISOString(),
              codes,
            },
          };
        },
      ],
      ['GET', /^\/activities\/a1\/attendance/, ({ path }) => (online ? paged(attendance(2), path, 1000) : Promise.reject(new TypeError('Failed to fetch')))],
    ]);
    renderWithProviders(<CheckinScreen activityId="a1" title="周五志愿服务日" />);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(50);
    });
    expect(screen.getByTestId('checkin-code').textContent).toBe('100000');
    expect((await loadCodes('a1'))?.codes).toHaveLength(10);
    // 30 s later on this screen's clock the server's minute has turned: the next code
    await act(async () => {
      await vi.advanceTimersByTimeAsync(30_500);
    });
    expect(screen.getByTestId('checkin-code').textContent).toBe('100001');

    online = false;
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    await act(async () => {
      window.dispatchEvent(new Event('offline'));
      await vi.advanceTimersByTimeAsync(3 * 60_000);
    });
    expect(screen.getByTestId('offline-badge').textContent).toBe('离线');
    expect(screen.getByTestId('checkin-code').textContent).toBe('100004');
    expect(screen.getByTestId('checked-in-count').textContent).toBe('2');
    expect(calls.some((c) => c.path === '/activities/a1/checkin-code')).toBe(false);
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
