import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApi, renderWithProviders } from '@/testing/test-utils';
import { CheckinCodeForm } from './checkin-code-form';
import { parseCheckinPayload } from '../lib/parse-qr';

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
  it('checks in at once with the code from the QR link', async () => {
    const { calls } = mockApi([['POST', /^\/activities\/a1\/checkin$/, () => ({ body: attendance() })]]);
    renderWithProviders(<CheckinCodeForm activityId="a1" initialCode="482913" autoSubmit />);
    expect(await screen.findByText('签到成功')).toBeTruthy();
    expect(calls).toEqual([{ method: 'POST', path: '/activities/a1/checkin', body: { code: '482913' } }]);
    // 09:02 in Shanghai whatever the test machine's zone.
    expect(screen.getByText('2026-11-27 09:02')).toBeTruthy();
    expect(screen.getByText('签到已记录，待队长确认')).toBeTruthy();
  });

  it('does not auto-submit a malformed code and validates typed codes in Chinese', async () => {
    const { spy } = mockApi([]);
    renderWithProviders(<CheckinCodeForm activityId="a1" initialCode="12ab" autoSubmit />);
    const user = userEvent.setup();
    const input = screen.getByLabelText('签到码');
    await user.clear(input);
    await user.type(input, '123');
    await user.click(screen.getByRole('button', { name: /签\s*到/ }));
    expect(await screen.findByText('请输入 6 位数字签到码')).toBeTruthy();
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
    expect(await screen.findByText('签退成功')).toBeTruthy();
    await waitFor(() => expect(screen.getByText('118')).toBeTruthy());
    expect(calls.at(-1)).toEqual({ method: 'POST', path: '/activities/a1/checkout', body: { code: '111222' } });
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
