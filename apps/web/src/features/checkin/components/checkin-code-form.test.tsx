import { beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApi, renderWithProviders } from '@/testing/test-utils';
import { CheckinCodeForm } from './checkin-code-form';
import { parseCheckinPayload } from '../lib/parse-qr';
import { clearOfflineStore, queued, refused } from '../lib/offline-store';
import { flushQueue } from '../lib/offline-sync';
import { setToken } from '@/lib/auth-token';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const attendance = (over: Record<string, unknown> = {}) => ({
  activityId: 'a1',
  volunteerId: 'v1',
  checkInAt: '2026-11-27T01:02:00.000Z',
  checkOutAt: null,
  method: 'code',
  minutes: null,
  status: 'pending',
  ...over,
});

describe('CheckinCodeForm', () => {
  beforeEach(async () => {
    await clearOfflineStore();
  });

  it('checks in at once with the code from the QR link', async () => {
    const { calls } = mockApi([['POST', /^\/activities\/a1\/checkin$/, () => ({ body: attendance() })]]);
    renderWithProviders(<CheckinCodeForm activityId="a1" initialCode="482913" autoSubmit />);
    await screen.findByText('签到成功');
    expect(calls).toEqual([{ method: 'POST', path: '/activities/a1/checkin', body: { code: '482913', idempotencyKey: expect.stringMatching(UUID) } }]);
    // 09:02 in Shanghai whatever the test machine's zone.
    screen.getByText('2026-11-27 09:02');
    screen.getByText('签到已记录，待队长确认');
  });

  it('does not auto-submit a malformed code and validates typed codes in Chinese', async () => {
    const { spy } = mockApi([]);
    renderWithProviders(<CheckinCodeForm activityId="a1" initialCode="12ab" autoSubmit />);
    const user = userEvent.setup();
    const input = screen.getByLabelText('签到码');
    await user.clear(input);
    await user.type(input, '123');
    await user.click(screen.getByRole('button', { name: /签\s*到/ }));
    await screen.findByText('请输入 6 位数字签到码');
    expect(spy).not.toHaveBeenCalled();
  });

  it('shows the API message (e.g. outside the window) and then checks out with a typed code', async () => {
    let outside = true;
    const { calls } = mockApi([
      [
        'POST',
        /^\/activities\/a1\/checkin$/,
        () =>
          outside
            ? { status: 409, body: { statusCode: 409, code: 'CHECKIN_WINDOW_CLOSED', message: '签到时间为 08:30 至 11:00，现在不能签到' } }
            : { body: attendance() },
      ],
      ['POST', /^\/activities\/a1\/checkout$/, () => ({ body: attendance({ checkOutAt: '2026-11-27T03:00:00.000Z', minutes: 118 }) })],
    ]);
    renderWithProviders(<CheckinCodeForm activityId="a1" />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('签到码'), '111222');
    await user.click(screen.getByRole('button', { name: /签\s*到/ }));
    expect((await screen.findByRole('alert')).textContent).toContain('签到时间为 08:30 至 11:00');

    outside = false;
    await user.click(screen.getByRole('button', { name: /签\s*退/ }));
    await screen.findByText('签退成功');
    await screen.findByText('118');
    expect(calls.at(-1)).toEqual({ method: 'POST', path: '/activities/a1/checkout', body: { code: '111222', idempotencyKey: expect.stringMatching(UUID) } });
  });
});

describe('CheckinCodeForm offline', () => {
  beforeEach(async () => {
    await clearOfflineStore();
  });

  it('no network: the check-in is kept with its minute and shown as 已记录，待上传; later sent in order, with observedAt and the same key', async () => {
    const failing = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    vi.stubGlobal('fetch', failing);
    renderWithProviders(<CheckinCodeForm activityId="a1" />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('签到码'), '482913');
    await user.click(screen.getByRole('button', { name: /签\s*到/ }));
    expect(await screen.findAllByText(/已记录，待上传/)).not.toHaveLength(0);
    expect((await screen.findByTestId('pending-count')).textContent).toBe('离线记录待上传 1 条');
    // a check-out while the check-in still waits is queued behind it (never sent first)
    await user.click(screen.getByRole('button', { name: /签\s*退/ }));
    await waitFor(async () => expect(await queued()).toHaveLength(2));
    expect(failing).toHaveBeenCalledTimes(1);
    expect((await screen.findByTestId('pending-count')).textContent).toBe('离线记录待上传 2 条');
    const [first, second] = await queued();
    expect(first).toMatchObject({ activityId: 'a1', action: 'checkin', code: '482913', id: expect.stringMatching(UUID) });
    expect(second.action).toBe('checkout');

    // the network returns: both are sent, in order, each once, with observedAt and the idempotency key
    const { calls } = mockApi([
      ['POST', /^\/activities\/a1\/checkin$/, () => ({ body: attendance({ method: 'code_offline' }) })],
      ['POST', /^\/activities\/a1\/checkout$/, () => ({ body: attendance({ method: 'code_offline' }) })],
    ]);
    const r = await flushQueue('token');
    expect(r).toMatchObject({ sent: 2, refused: 0, left: 0 });
    expect(calls.map((c) => c.path)).toEqual(['/activities/a1/checkin', '/activities/a1/checkout']);
    expect(calls[0].body).toEqual({ code: '482913', observedAt: first.observedAt, idempotencyKey: first.id });
    expect(await queued()).toHaveLength(0);
    await waitFor(() => expect(screen.queryByTestId('pending-count')).toBeNull());
  });

  it('a record is only ever sent with the token of the login that made it (a shared phone)', async () => {
    const jwt = (sub: string) => `h.${btoa(JSON.stringify({ sub })).replace(/=+$/, '')}.s`;
    setToken(jwt('user-a'));
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('offline');
      }),
    );
    renderWithProviders(<CheckinCodeForm activityId="a1" />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('签到码'), '111222');
    await user.click(screen.getByRole('button', { name: /签\s*到/ }));
    await waitFor(async () => expect(await queued()).toEqual([expect.objectContaining({ owner: 'user-a' })]));
    const { calls } = mockApi([['POST', /^\/activities\/a1\/checkin$/, () => ({ body: attendance() })]]);
    expect(await flushQueue(jwt('user-b'))).toMatchObject({ sent: 0, left: 0 });
    expect(calls).toHaveLength(0);
    expect(await queued()).toHaveLength(1);
    expect(await flushQueue(jwt('user-a'))).toMatchObject({ sent: 1 });
    expect(calls).toHaveLength(1);
    setToken(null);
  });

  it("5xx and timeouts keep the record; a final 4xx removes it and shows the server's reason", async () => {
    let status = 503;
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('offline');
      }),
    );
    renderWithProviders(<CheckinCodeForm activityId="a1" />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('签到码'), '111222');
    await user.click(screen.getByRole('button', { name: /签\s*到/ }));
    await waitFor(async () => expect(await queued()).toHaveLength(1));
    mockApi([
      [
        'POST',
        /^\/activities\/a1\/checkin$/,
        () =>
          status === 503
            ? { status: 503, body: { statusCode: 503, code: 'INTERNAL', message: '服务器出错了' } }
            : { status: 400, body: { statusCode: 400, code: 'OFFLINE_CODE_MISMATCH', message: '签到码与记录的时间不符，这条离线记录无法证明当时在场' } },
      ],
    ]);
    expect(await flushQueue('token')).toMatchObject({ sent: 0, left: 1, stoppedBy: 'retry' });
    expect(await queued()).toHaveLength(1);
    expect(await flushQueue(null)).toMatchObject({ left: 1, stoppedBy: 'auth' });
    status = 400;
    expect(await flushQueue('token')).toMatchObject({ refused: 1, left: 0 });
    expect(await queued()).toHaveLength(0);
    expect(await refused()).toEqual([expect.objectContaining({ errorCode: 'OFFLINE_CODE_MISMATCH' })]);
    expect((await screen.findByTestId('offline-refused')).textContent).toContain('签到码与记录的时间不符');
  });
});

describe('parseCheckinPayload', () => {
  it('reads the activity and code from the QR URL', () => {
    expect(parseCheckinPayload('https://wm.example.cn/checkin/7d0c5b6e-1c2f-4a7b-9f55-1f0b2f3f4a5b?code=012345')).toEqual({
      activityId: '7d0c5b6e-1c2f-4a7b-9f55-1f0b2f3f4a5b',
      code: '012345',
    });
    expect(parseCheckinPayload('/checkin/abc-123')).toEqual({ activityId: 'abc-123', code: null });
    expect(parseCheckinPayload('https://example.com/other')).toBeNull();
  });
});
