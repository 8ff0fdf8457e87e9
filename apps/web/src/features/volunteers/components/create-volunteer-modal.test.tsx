import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { antdBlock, mockApi, renderWithProviders } from '@/testing/test-utils';
import { CreateVolunteerModal } from './create-volunteer-modal';

const sites = { items: [{ id: 's1', name: '永清镇东街实践站', level: 'station' }], total: 1, page: 1, pageSize: 50 };

describe('CreateVolunteerModal', () => {
  it('validates in Chinese before sending, then posts the volunteer', async () => {
    const { calls } = mockApi([
      ['GET', /^\/sites/, () => ({ body: sites })],
      ['GET', /^\/teams/, () => ({ body: { items: [], total: 0, page: 1, pageSize: 50 } })],
      ['POST', /^\/volunteers$/, ({ body }) => ({ status: 201, body: { id: 'v9', volunteerNumber: 'QS2026000009', ...(body as object) } })],
    ]);
    const onClose = vi.fn();
    renderWithProviders(<CreateVolunteerModal open defaultSiteId="s1" onClose={onClose} />);
    const user = userEvent.setup();

    await user.type(screen.getByLabelText('手机号'), '12345');
    await user.click(screen.getByRole('button', { name: /保\s*存/ }));
    await screen.findByText('请填写姓名');
    await screen.findByText('请输入11位手机号');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    await user.type(screen.getByLabelText('姓名'), ' 张晓明 ');
    await user.clear(screen.getByLabelText('手机号'));
    await user.type(screen.getByLabelText('手机号'), '13912345678');
    await user.type(screen.getByLabelText('身份证号'), '11010119900307123x');
    await user.click(screen.getByRole('button', { name: /保\s*存/ }));

    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(calls.find((c) => c.method === 'POST')).toEqual({
      method: 'POST',
      path: '/volunteers',
      body: { name: '张晓明', phone: '13912345678', siteId: 's1', idNumber: '11010119900307123X' },
    });
  });

  it('puts the API details on the matching fields', async () => {
    mockApi([
      ['GET', /^\/sites/, () => ({ body: sites })],
      ['GET', /^\/teams/, () => ({ body: { items: [], total: 0, page: 1, pageSize: 50 } })],
      [
        'POST',
        /^\/volunteers$/,
        () => ({
          status: 409,
          body: {
            statusCode: 409,
            code: 'VOLUNTEER_PHONE_TAKEN',
            message: '该手机号已登记为志愿者',
            details: [
              { field: 'phone', message: '该手机号已登记为志愿者' },
              { field: 'siteId', message: '该站点不在您的管理范围内' },
            ],
          },
        }),
      ],
    ]);
    const onClose = vi.fn();
    renderWithProviders(<CreateVolunteerModal open defaultSiteId="s1" onClose={onClose} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('姓名'), '王五');
    await user.type(screen.getByLabelText('手机号'), '13800000004');
    await user.click(screen.getByRole('button', { name: /保\s*存/ }));

    const phoneItem = antdBlock(screen.getByLabelText('手机号'), 'form-item');
    await waitFor(() => expect(phoneItem.textContent).toContain('该手机号已登记为志愿者'));
    const siteItem = antdBlock(screen.getByText('所属阵地'), 'form-item');
    expect(siteItem.textContent).toContain('该站点不在您的管理范围内');
    expect(onClose).not.toHaveBeenCalled();
  });
});
