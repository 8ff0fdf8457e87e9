import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { VolunteerDto } from '@wenming/shared';
import { antdBlock, mockApi, renderWithProviders } from '@/testing/test-utils';
import { EditVolunteerModal } from './edit-volunteer-modal';

const sites = {
  items: [
    { id: 's1', name: '永清镇东街实践站', level: 'station' },
    { id: 's2', name: '永清镇西街实践站', level: 'station' },
  ],
  total: 2,
  page: 1,
  pageSize: 50,
};
const volunteer: VolunteerDto = {
  id: 'v1',
  name: '张晓明',
  phone: '13912345678',
  gender: 'male',
  birthDate: '1990-03-07',
  politicalStatus: 'masses',
  skills: ['摄影'],
  siteId: 's1',
  siteName: '永清镇东街实践站',
  townName: '永清镇',
  idNumber: '110101********123X',
  volunteerNumber: 'QS2026000001',
  hasLogin: true,
  teams: [],
};

describe('EditVolunteerModal', () => {
  it('is prefilled, keeps the masked ID number unless a new one is typed, and sends only what changed', async () => {
    const { calls } = mockApi([
      ['GET', /^\/sites/, () => ({ body: sites })],
      ['PATCH', /^\/volunteers\/v1$/, ({ body }) => ({ body: { ...volunteer, ...(body as object) } })],
    ]);
    const onClose = vi.fn();
    renderWithProviders(<EditVolunteerModal volunteer={volunteer} onClose={onClose} />);
    const user = userEvent.setup();
    expect((screen.getByLabelText('姓名') as HTMLInputElement).value).toBe('张晓明');
    expect((screen.getByLabelText('身份证号') as HTMLInputElement).value).toBe('');
    expect(screen.getByTestId('id-number-current').textContent).toContain('110101********123X');
    expect((screen.getByLabelText('姓名') as HTMLInputElement).maxLength).toBe(50);

    await user.clear(screen.getByLabelText('姓名'));
    await user.type(screen.getByLabelText('姓名'), ' 张小明 {Enter}');
    await new Promise((r) => setTimeout(r, 200));
    expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(0); // Enter never saves
    await user.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(calls.find((c) => c.method === 'PATCH')).toEqual({ method: 'PATCH', path: '/volunteers/v1', body: { name: '张小明' } });
  });

  it('replaces the ID number only when typed, and shows 409 / 400 details on the fields', async () => {
    const { calls } = mockApi([
      ['GET', /^\/sites/, () => ({ body: sites })],
      [
        'PATCH',
        /^\/volunteers\/v1$/,
        () => ({
          status: 409,
          body: { statusCode: 409, code: 'VOLUNTEER_PHONE_TAKEN', message: '该手机号已登记为志愿者', details: [{ field: 'phone', message: '该手机号已登记为志愿者' }] },
        }),
      ],
    ]);
    const onClose = vi.fn();
    renderWithProviders(<EditVolunteerModal volunteer={volunteer} onClose={onClose} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('身份证号'), '12345');
    await user.click(screen.getByRole('button', { name: /保\s*存/ }));
    await screen.findByText('请输入 18 位身份证号');
    expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(0);

    await user.clear(screen.getByLabelText('身份证号'));
    await user.type(screen.getByLabelText('身份证号'), '11010119900307123x');
    await user.clear(screen.getByLabelText('手机号'));
    await user.type(screen.getByLabelText('手机号'), '13800000004');
    await user.click(screen.getByRole('button', { name: /保\s*存/ }));
    const phoneItem = antdBlock(screen.getByLabelText('手机号'), 'form-item');
    await waitFor(() => expect(phoneItem.textContent).toContain('该手机号已登记为志愿者'));
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ phone: '13800000004', idNumber: '11010119900307123X' });
    expect(onClose).not.toHaveBeenCalled();
  });
});
