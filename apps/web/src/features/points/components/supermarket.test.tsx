import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { GoodsDto, PointsAccountDto, RedemptionDto } from '@wenming/shared';
import { http, HttpResponse } from 'msw';
import { apiPath, recordCalls, server } from '@/testing/msw';
import { renderWithProviders } from '@/testing/test-utils';
import { Supermarket } from './supermarket';

const account = (balance: number, held = 0): PointsAccountDto => ({ volunteerId: 'v1', volunteerName: '张三', balance, held, earned: 30, deeds: 5, spent: 0 });
const goods = (over: Partial<GoodsDto>): GoodsDto => ({
  id: 'g1',
  siteId: 's1',
  siteName: '东关社区实践站',
  name: '香皂',
  imageUrl: null,
  pointsPrice: 5,
  stock: 2,
  active: true,
  createdAt: '2026-11-01T00:00:00Z',
  ...over,
});

describe('Supermarket', () => {
  it('redeems after a confirmation, then refreshes the goods (stock) and the redemptions', async () => {
    let stock = 2;
    const redemptions: RedemptionDto[] = [];
    const calls = recordCalls();
    server.use(
      http.get(apiPath('/goods'), () =>
        HttpResponse.json({
          items: [goods({ stock }), goods({ id: 'g2', siteId: null, siteName: null, name: '大米', pointsPrice: 50 })],
          total: 2,
          page: 1,
          pageSize: 100,
        }),
      ),
      http.post(apiPath('/redemptions'), () => {
        stock -= 1;
        const r: RedemptionDto = {
          id: 'r1',
          goodsId: 'g1',
          goodsName: '香皂',
          volunteerId: 'v1',
          volunteerName: '张三',
          volunteerPhone: '138****0004',
          siteId: 's1',
          siteName: '东关社区实践站',
          points: 5,
          status: 'requested',
          requestedAt: '2026-11-30T02:00:00Z',
          expiresAt: '2026-12-14T02:00:00Z',
          fulfilledBy: null,
          fulfilledByName: null,
          fulfilledAt: null,
          closedAt: null,
          cancelReason: null,
        };
        redemptions.push(r);
        return HttpResponse.json(r, { status: 201 });
      }),
      http.get(apiPath('/me/redemptions'), () => HttpResponse.json({ items: redemptions, total: redemptions.length, page: 1, pageSize: 10 })),
    );
    renderWithProviders(<Supermarket account={account(20)} siteId="s1" siteName="东关社区实践站" />);
    const soap = await screen.findByRole('article', { name: '香皂' });
    within(soap).getByText('库存 2');
    // 50 points for rice is more than the balance of 20: the button says so and is disabled.
    const rice = screen.getByRole('article', { name: '大米' });
    within(rice).getByText('全县通用');
    expect((within(rice).getByRole('button', { name: '兑换 大米' }) as HTMLButtonElement).disabled).toBe(true);
    expect(calls.find((c) => c.path.startsWith('/goods'))!.path).toContain('siteId=s1');

    const user = userEvent.setup();
    await user.click(within(soap).getByRole('button', { name: '兑换 香皂' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('用 5 积分兑换“香皂”');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: /兑\s*换/ }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toEqual([{ method: 'POST', path: '/redemptions', body: { goodsId: 'g1' } }]));
    await screen.findByText('库存 1');

    await user.click(screen.getByText('我的兑换'));
    const mine = await screen.findByRole('article', { name: '香皂' });
    within(mine).getByText('待领取');
    within(mine).getByText('取消兑换');
  });

  it('shows a sold-out item as such and does not offer to redeem it', async () => {
    server.use(http.get(apiPath('/goods'), () => HttpResponse.json({ items: [goods({ stock: 0 })], total: 1, page: 1, pageSize: 100 })));
    renderWithProviders(<Supermarket account={account(20)} siteId="s1" />);
    const soap = await screen.findByRole('article', { name: '香皂' });
    expect(within(soap).getAllByText('已兑完').length).toBeGreaterThan(0);
    expect((within(soap).getByRole('button', { name: '兑换 香皂' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
