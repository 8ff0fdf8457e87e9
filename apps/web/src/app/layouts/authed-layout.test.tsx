import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { setToken } from '@/lib/auth-token';
import { http, HttpResponse } from 'msw';
import { apiPath, server } from '@/testing/msw';
import { renderWithProviders } from '@/testing/test-utils';
import { AuthedLayout } from './authed-layout';

const me = (role: string, teamsLed: unknown[] = []) => ({
  user: { id: 'u1', phone: '13800000004', role, siteId: null, volunteerId: 'v1', createdAt: '2026-01-01T00:00:00Z' },
  volunteer:
    role === 'volunteer'
      ? {
          id: 'v1',
          name: '张三',
          phone: null,
          gender: null,
          birthDate: null,
          politicalStatus: null,
          skills: [],
          siteId: 's1',
          idNumber: null,
          volunteerNumber: 'V1',
          hasLogin: true,
        }
      : null,
  teamsLed,
  teams: [],
});

function renderAt(path: string) {
  return renderWithProviders(
    <Routes>
      <Route element={<AuthedLayout />}>
        <Route path="/checkin/:id" element={<p>签到页</p>} />
      </Route>
    </Routes>,
    { route: path },
  );
}

describe('AuthedLayout', () => {
  it('gives a plain volunteer the light shell: their four destinations, no admin menu', async () => {
    setToken('t');
    server.use(http.get(apiPath('/me'), () => HttpResponse.json(me('volunteer'))));
    renderAt('/checkin/a1');
    await screen.findByText('签到页');
    await screen.findByText('张三');
    for (const label of ['活动', '我的活动', '签到', '我的记录']) expect(screen.getAllByRole('link', { name: new RegExp(label) }).length).toBeGreaterThan(0);
    screen.getByRole('button', { name: '退出登录' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(screen.queryByText('数据看板')).toBeNull();
  });

  it('loads the side-menu shell for staff', async () => {
    setToken('t');
    server.use(http.get(apiPath('/me'), () => HttpResponse.json(me('county_admin'))));
    renderAt('/checkin/a1');
    await screen.findByText('数据看板', {}, { timeout: 5000 });
    screen.getByText('签到页');
  });
});
