import { expect, test, type Page } from '@playwright/test';
import { DEMO, apiLogin, loginUi, newContext, shot, uniq, type ApiSession, type Me } from './support';

/**
 * Issue 13 flows in a browser against the real API:
 * - a volunteer on a phone redeems goods in the 积分超市, the station admin hands them over
 *   (fulfils), and the volunteer sees the balance, the redemption and the history change;
 * - the inbox shows an unread notice after a waitlist promotion, and its link opens the activity.
 * Set-up (goods, a deed award so the volunteer can afford them, an activity) goes through the API.
 */

interface Account {
  balance: number;
  held: number;
  spent: number;
}
interface MeVolunteer extends Me {
  volunteer: { id: string; name: string; siteId: string; siteName: string } | null;
}

async function balanceOnScreen(page: Page): Promise<number> {
  const el = page.getByTestId('points-balance');
  await expect(el).toHaveText(/^\d+$/);
  return Number(await el.innerText());
}

/** Points for the volunteer through a 村规民约 deed created for this run, so the test does not depend on the seed's balances. */
async function givePoints(county: ApiSession, volunteerId: string, points: number): Promise<void> {
  const deed = await county.post<{ id: string }>('/deeds', { name: uniq('E2E好人好事-'), points, yearlyCap: points * 10, active: true });
  await county.post('/deed-awards', { deedId: deed.id, volunteerId, note: '端到端测试奖励' });
}

test.describe.serial('积分超市 and 站内消息', () => {
  test('a volunteer on a phone redeems goods, the station admin fulfils, balance and history follow', async ({ browser, request }) => {
    const county = await apiLogin(request, DEMO.countyAdmin);
    const vol = await apiLogin(request, DEMO.volunteer);
    const me = await vol.get<MeVolunteer>('/me');
    const volunteer = me.volunteer!;
    const price = 3;
    await givePoints(county, volunteer.id, price * 2);
    const goodsName = uniq('E2E香皂-');
    const goods = await county.post<{ id: string; stock: number }>('/goods', {
      name: goodsName,
      pointsPrice: price,
      stock: 5,
      siteId: volunteer.siteId,
      active: true,
    });
    const before = await vol.get<Account>('/me/points');

    // Volunteer, phone: bottom tab → 积分超市 → 兑换 → confirm.
    const phoneCtx = await newContext(browser, 'phone');
    const phone = await phoneCtx.newPage();
    await loginUi(phone, DEMO.volunteer);
    await phone.getByRole('navigation', { name: '志愿者' }).getByRole('link', { name: '积分超市' }).click();
    await expect(phone).toHaveURL(/\/points$/);
    expect(await balanceOnScreen(phone)).toBe(before.balance);
    const card = phone.getByRole('article', { name: goodsName });
    await expect(card).toBeVisible();
    await expect(card).toContainText(`${price} 积分`);
    await expect(card).toContainText('库存 5');
    await shot(phone, 'phone-points-supermarket');
    await card.getByRole('button', { name: `兑换 ${goodsName}` }).click();
    const dialog = phone.getByRole('dialog', { name: '确认兑换' });
    await expect(dialog).toContainText(`${price} 积分兑换“${goodsName}”`);
    await dialog.getByRole('button', { name: /兑\s*换/ }).click();
    await expect(phone.getByText('兑换成功，请到实践站领取')).toBeVisible();
    await expect(phone.getByTestId('points-balance')).toHaveText(String(before.balance - price));
    await expect(card).toContainText('库存 4');

    await phone.getByText('我的兑换', { exact: true }).click();
    const mine = phone.getByRole('article', { name: goodsName });
    await expect(mine).toContainText('待领取');
    await expect(mine).toContainText(volunteer.siteName);
    await shot(phone, 'phone-points-redemptions');
    await phone.getByText('积分明细', { exact: true }).click();
    const history = phone.getByRole('region', { name: '积分明细' });
    await expect(history.getByRole('listitem').first()).toContainText(`−${price}`);
    await expect(history.getByRole('listitem').first()).toContainText('兑换冻结');
    await shot(phone, 'phone-points-history');

    // Station admin, desktop: the pickup list → 确认领取.
    const adminCtx = await newContext(browser, 'desktop');
    const admin = await adminCtx.newPage();
    await loginUi(admin, DEMO.siteAdmin);
    await admin.getByRole('link', { name: '积分超市' }).first().click();
    await admin.getByPlaceholder('志愿者姓名或手机号').fill(volunteer.name);
    await admin.getByPlaceholder('志愿者姓名或手机号').press('Enter');
    // the search is kept in the address; wait for it so the filtered list (not the previous one) is shot
    await expect(admin).toHaveURL(/[?&]q=/);
    const row = admin.getByRole('row', { name: new RegExp(goodsName) });
    await expect(row).toContainText('待领取');
    await expect(row).toContainText(volunteer.name);
    await shot(admin, 'desktop-points-pickups');
    await row.getByRole('button', { name: new RegExp(`^确认领取 ${volunteer.name}`) }).click();
    await admin
      .getByRole('tooltip')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await expect(admin.getByText('已确认领取')).toBeVisible();
    await expect(row).toHaveCount(0); // it leaves the 待领取 list
    await adminCtx.close();

    // Volunteer again: 已领取, held gone, spent up, balance as after the hold.
    await phone.reload();
    await expect(phone.getByTestId('points-balance')).toHaveText(String(before.balance - price));
    await phone.getByText('我的兑换', { exact: true }).click();
    await expect(phone.getByRole('article', { name: goodsName })).toContainText('已领取');
    const after = await vol.get<Account>('/me/points');
    expect(after.balance).toBe(before.balance - price);
    expect(after.spent).toBe(before.spent + price);
    await expect(phone.getByRole('region', { name: '可用积分' })).toContainText(String(after.spent));
    const stock = await county.get<{ stock: number }>(`/goods/${goods.id}`);
    expect(stock.stock).toBe(4);
    await phoneCtx.close();
  });

  test('the inbox shows an unread notice after a waitlist promotion and opens the activity', async ({ browser, request }) => {
    const leader = await apiLogin(request, DEMO.leader);
    const vol = await apiLogin(request, DEMO.volunteer);
    const leaderMe = await leader.get<Me>('/me');
    const team = leaderMe.teamsLed[0];
    const leaderVolId = leaderMe.volunteer!.id;
    await vol.post('/notices/read-all');

    // Far in the future so no other sign-up of either person overlaps it.
    const startsAt = new Date(Date.now() + (200 + Math.floor(Math.random() * 300)) * 86_400_000);
    const endsAt = new Date(startsAt.getTime() + 60 * 60_000);
    const title = uniq('候补E2E-');
    const activity = await leader.post<{ id: string; status: string }>('/activities', {
      title,
      kind: 'themed',
      category: 'civility_persuasion',
      teamId: team.id,
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      capacity: 1,
      description: '端到端测试：候补转正',
    });
    if (activity.status === 'draft') await leader.patch(`/activities/${activity.id}`, { status: 'published' });
    // The leader takes the one place; the volunteer is waitlisted; the leader lets go → promotion.
    await leader.post(`/activities/${activity.id}/signups`, {});
    const waiting = await vol.post<{ status: string }>(`/activities/${activity.id}/signups`, {});
    expect(waiting.status).toBe('waitlisted');
    await leader.del(`/activities/${activity.id}/signups/${leaderVolId}`);

    const ctx = await newContext(browser, 'phone');
    const page = await ctx.newPage();
    await loginUi(page, DEMO.volunteer);
    const bell = page.getByTestId('notice-bell');
    await expect(bell).toHaveAttribute('aria-label', /站内消息（\d+ 条未读）/);
    await expect(bell.locator('.ant-badge-count')).toBeVisible();
    await bell.click();
    await expect(page).toHaveURL(/\/notices$/);
    const notice = page.getByRole('article').filter({ hasText: title }).first();
    await expect(notice).toContainText('候补转正');
    await expect(notice).toContainText('未读');
    await shot(page, 'phone-inbox');
    await notice.getByRole('button', { name: '查看' }).click();
    await expect(page).toHaveURL(new RegExp(`/activities/${activity.id}$`));
    await expect(page.getByText(title).first()).toBeVisible();
    // Opening it marked it read.
    await page.goBack();
    await expect(page.getByRole('article').filter({ hasText: title }).first()).not.toContainText('未读');
    await ctx.close();
  });

  test('screens: supermarket, inbox, reports, goods, deeds, honours on desktop and phone', async ({ browser }) => {
    test.setTimeout(150_000);
    // Volunteer, desktop: the supermarket.
    const volCtx = await newContext(browser, 'desktop');
    const vol = await volCtx.newPage();
    await loginUi(vol, DEMO.volunteer);
    await vol.getByRole('link', { name: '积分超市' }).first().click();
    await expect(vol.getByRole('article').first()).toBeVisible();
    await shot(vol, 'desktop-points-supermarket');
    await volCtx.close();

    // Site admin, desktop: inbox, no-show report, goods, deed awards, honours.
    const ctx = await newContext(browser, 'desktop');
    const page = await ctx.newPage();
    await loginUi(page, DEMO.siteAdmin);
    await page.getByTestId('notice-bell').click();
    await expect(page.getByRole('article').first()).toBeVisible();
    await shot(page, 'desktop-inbox');
    await page.getByRole('link', { name: '爽约统计' }).first().click();
    await expect(page.getByRole('row').nth(1)).toBeVisible();
    await expect(page.getByText('合计', { exact: true })).toBeVisible();
    await shot(page, 'desktop-no-show-by-team');
    await page.getByText('按志愿者', { exact: true }).click();
    await expect(page.getByRole('columnheader', { name: '志愿者' })).toBeVisible();
    await shot(page, 'desktop-no-show-by-volunteer');
    await page.getByRole('link', { name: '积分超市' }).first().click();
    await page.getByRole('tab', { name: '积分超市商品' }).click();
    await expect(page.getByRole('row').nth(1)).toBeVisible();
    await shot(page, 'desktop-points-goods');
    await page.getByRole('link', { name: '村规民约积分' }).first().click();
    await expect(page.getByRole('row').nth(1)).toBeVisible();
    await shot(page, 'desktop-deed-awards');
    await page.getByRole('link', { name: '先进典型' }).first().click();
    await expect(page.getByRole('row').nth(1)).toBeVisible();
    await shot(page, 'desktop-honours');
    await ctx.close();

    // Site admin and the public, phone: the no-show report and the honour roll.
    const phoneCtx = await newContext(browser, 'phone');
    const phone = await phoneCtx.newPage();
    await loginUi(phone, DEMO.siteAdmin);
    await phone.goto('/reports/no-shows');
    await expect(phone.getByRole('row').nth(1)).toBeVisible();
    await shot(phone, 'phone-no-show-report');
    const pub = await (await newContext(browser, 'phone')).newPage();
    await pub.goto('/honours');
    await expect(pub.getByRole('heading', { name: '先进典型光荣榜' })).toBeVisible();
    await expect(pub.getByRole('region').first()).toBeVisible();
    await shot(pub, 'phone-honour-roll');
    await phoneCtx.close();
  });
});
