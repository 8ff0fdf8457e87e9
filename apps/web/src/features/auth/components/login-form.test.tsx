import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getToken } from '@/lib/auth-token';
import { http, HttpResponse } from 'msw';
import { apiError, apiPath, recordCalls, server } from '@/testing/msw';
import { renderWithProviders } from '@/testing/test-utils';
import { LoginForm } from './login-form';

const me = {
  user: { id: 'u1', phone: '13800000004', role: 'volunteer', siteId: null, volunteerId: 'v1', createdAt: '2026-01-01T00:00:00+08:00' },
  volunteer: null,
  teamsLed: [],
  teams: [],
};

describe('LoginForm', () => {
  it('shows the API’s Chinese message when the password is wrong', async () => {
    const calls = recordCalls();
    server.use(http.post(apiPath('/auth/login'), () => apiError(401, 'INVALID_CREDENTIALS', '手机号或密码不正确')));
    const onSuccess = vi.fn();
    renderWithProviders(<LoginForm onSuccess={onSuccess} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('手机号'), '13800000001');
    await user.type(screen.getByLabelText('密码'), 'wrong-password');
    await user.click(screen.getByRole('button', { name: /登\s*录/ }));

    expect(await screen.findByRole('alert')).toHaveProperty('textContent', expect.stringContaining('手机号或密码不正确'));
    expect(calls[0]).toMatchObject({ method: 'POST', path: '/auth/login', body: { phone: '13800000001', password: 'wrong-password' } });
    expect(onSuccess).not.toHaveBeenCalled();
    expect(getToken()).toBeNull();
  });

  it('validates the phone number in Chinese before calling the API', async () => {
    const calls = recordCalls();
    renderWithProviders(<LoginForm />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('手机号'), '12345');
    await user.click(screen.getByRole('button', { name: /登\s*录/ }));
    expect(await screen.findByText('请输入11位手机号')).toBeTruthy();
    expect(await screen.findByText('请填写密码')).toBeTruthy();
    expect(calls).toHaveLength(0);
  });

  it('says the network is down in Chinese when fetch fails', async () => {
    server.use(http.all('*', () => HttpResponse.error()));
    renderWithProviders(<LoginForm />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('手机号'), '13800000001');
    await user.type(screen.getByLabelText('密码'), 'Demo@2026');
    await user.click(screen.getByRole('button', { name: /登\s*录/ }));
    expect((await screen.findByRole('alert')).textContent).toContain('网络异常');
  });

  it('stores the token, loads /me and reports success', async () => {
    const calls = recordCalls();
    server.use(
      http.post(apiPath('/auth/login'), () => HttpResponse.json({ accessToken: 'tok-1', expiresIn: 3600, user: me.user })),
      http.get(apiPath('/me'), () => HttpResponse.json(me)),
    );
    const onSuccess = vi.fn();
    renderWithProviders(<LoginForm onSuccess={onSuccess} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('手机号'), '13800000004');
    await user.type(screen.getByLabelText('密码'), 'Demo@2026');
    await user.click(screen.getByRole('button', { name: /登\s*录/ }));
    await waitFor(() => expect(onSuccess).toHaveBeenCalled());
    expect(getToken()).toBe('tok-1');
    expect(calls.map((c) => c.path)).toEqual(['/auth/login', '/me']);
  });
});
