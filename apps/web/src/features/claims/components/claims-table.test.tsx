import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RegistrationClaimDto } from '@wenming/shared';
import { http, HttpResponse } from 'msw';
import { apiPath, recordCalls, server } from '@/testing/msw';
import { antdBlock, renderWithProviders } from '@/testing/test-utils';
import { ClaimsTable } from './claims-table';

const claim: RegistrationClaimDto = {
  id: 'c1',
  status: 'pending',
  name: '韩秀兰',
  phone: '13912345678',
  siteId: 's1',
  siteName: '东关社区新时代文明实践站',
  createdAt: '2026-11-30T09:00:00+08:00',
  volunteer: { id: 'v1', name: '韩秀芝', siteId: 's1', siteName: '东关社区新时代文明实践站', idNumber: '6205**********1228' },
  decidedAt: null,
  decidedByName: null,
  declineReason: null,
};

describe('ClaimsTable (待确认的注册)', () => {
  it('lists pending claims next to the record they claim, flags a different name, and approves', async () => {
    let status: RegistrationClaimDto['status'] = 'pending';
    const calls = recordCalls();
    server.use(
      http.get(apiPath('/registration-claims'), () =>
        HttpResponse.json({ items: status === 'pending' ? [claim] : [], total: status === 'pending' ? 1 : 0, page: 1, pageSize: 20 }),
      ),
      http.post(apiPath('/registration-claims/c1/approve'), () => {
        status = 'approved';
        return HttpResponse.json({ ...claim, status: 'approved', decidedAt: '2026-11-30T10:00:00+08:00', decidedByName: '13800000002' });
      }),
    );
    renderWithProviders(<ClaimsTable />);
    const row = antdBlock(await screen.findByText('13912345678'), 'row');
    within(row).getByText('韩秀芝');
    within(row).getByText('姓名不一致');
    expect(calls[0].path).toContain('status=pending');

    const user = userEvent.setup();
    await user.click(within(row).getByRole('button', { name: '确认开通' }));
    const confirm = await screen.findByText(/确认 13912345678 是「韩秀芝」本人/);
    const pop = antdBlock(confirm, 'popover');
    await user.click(within(pop).getByRole('button', { name: /确认开通/ }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === '/registration-claims/c1/approve')).toBe(true));
    await waitFor(() => expect(screen.queryByText('13912345678')).toBeNull());
  });

  it('declines with a reason', async () => {
    const calls = recordCalls();
    server.use(
      http.get(apiPath('/registration-claims'), () => HttpResponse.json({ items: [claim], total: 1, page: 1, pageSize: 20 })),
      http.post(apiPath('/registration-claims/c1/decline'), () => HttpResponse.json({ ...claim, status: 'declined' })),
    );
    renderWithProviders(<ClaimsTable />);
    const row = antdBlock(await screen.findByText('13912345678'), 'row');
    const user = userEvent.setup();
    await user.click(within(row).getByRole('button', { name: /拒\s*绝/ }));
    await user.type(await screen.findByLabelText(/原因/), '电话核实不是本人');
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: /拒\s*绝/ }));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST' && c.path === '/registration-claims/c1/decline')?.body).toEqual({ reason: '电话核实不是本人' }));
  });
});
