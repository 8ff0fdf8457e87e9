import { expect, test } from '@playwright/test';
import { DEMO, apiLogin, loginUi, newContext, readKpi, shot, uniq, type Me } from './support';

/** "YYYY-MM-DD HH:mm" on the wall clock in Shanghai, as the pickers show it. */
const shanghaiMinute = (d: Date) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);

/** 居民点单 → 站点派单 → 队长接单 → 活动结项 → 群众评单 */
test('resident orders from a station menu, site admin dispatches, leader accepts, resident rates', async ({ browser, request }) => {
  // Four people in four browsers and a dashboard poll: more than the default minute on a busy 2-core machine.
  test.setTimeout(150_000);
  const siteAdmin = await apiLogin(request, DEMO.siteAdmin);
  const stations = await siteAdmin.get<{ items: Array<{ id: string; name: string }> }>('/sites?level=station&pageSize=1');
  const station = stations.items[0];
  expect(station, 'a station under the site admin').toBeTruthy();
  const leader = await apiLogin(request, DEMO.leader);
  const team = (await leader.get<Me>('/me')).teamsLed[0];
  const requester = uniq('王大妈');

  // The county dashboard before: completing the order's activity adds exactly one activity and
  // the residents it reached, and no attendance.
  const countyCtx = await newContext(browser, 'desktop');
  const county = await countyCtx.newPage();
  await loginUi(county, DEMO.countyAdmin);
  await expect(county).toHaveURL(/\/dashboard/);
  const kpis = ['活动场次', '服务人次', '覆盖群众人次'] as const;
  const readAll = async () => {
    const out: Record<string, number> = {};
    for (const k of kpis) out[k] = await readKpi(county, k);
    return out;
  };
  const before = await readAll();

  // Resident on a phone, no login.
  const residentCtx = await newContext(browser, 'phone');
  const resident = await residentCtx.newPage();
  await resident.goto(`/menu/${station.id}`);
  await expect(resident.getByRole('heading', { name: '服务菜单' })).toBeVisible();
  await shot(resident, 'phone-menu');
  await resident
    .getByRole('button', { name: /我要点单/ })
    .first()
    .click();
  await resident.getByLabel('联系人姓名').fill(requester);
  await resident.getByLabel('联系电话').fill('13912345678');
  await resident.getByLabel('服务地址').fill('永清镇东关社区3号楼');
  await resident.getByLabel('补充说明').fill('家里老人需要理发');
  await resident.getByRole('button', { name: /提交点单/ }).click();
  await expect(resident).toHaveURL(/\/track\//);
  const trackUrl = resident.url();
  await expect(resident.getByText('点单进度')).toBeVisible();
  await shot(resident, 'phone-track-ordered');

  // Site admin dispatches it to the leader's team.
  const adminCtx = await newContext(browser, 'desktop');
  const admin = await adminCtx.newPage();
  await loginUi(admin, DEMO.siteAdmin);
  await admin.getByRole('link', { name: '点单' }).first().click();
  const row = admin.getByRole('row', { name: new RegExp(requester) });
  await expect(row).toBeVisible();
  await shot(admin, 'desktop-dispatch-board');
  await row.getByRole('button', { name: /派\s*单/ }).click();
  const dialog = admin.getByRole('dialog');
  await dialog.getByRole('combobox').fill(team.name.slice(0, 4));
  // antd renders a hidden role=option list for screen readers; click the visible item.
  await admin.locator('.ant-select-dropdown .ant-select-item-option', { hasText: team.name }).first().click();
  await dialog.getByRole('button', { name: /派\s*单/ }).click();
  // Dispatched: the order leaves the 已点单 tab.
  await expect(row).toHaveCount(0);
  await adminCtx.close();

  // Leader accepts: a 菜单式服务 activity is created; then completes it.
  const leaderCtx = await newContext(browser, 'desktop');
  const lp = await leaderCtx.newPage();
  await loginUi(lp, DEMO.leader);
  await lp.goto('/orders');
  const incoming = lp.getByRole('row', { name: new RegExp(requester) });
  await incoming.getByRole('button', { name: /接\s*单/ }).click();
  // The service is done on the spot: it started an hour ago (an activity can only be completed
  // once it has started), so the leader types the time instead of taking the suggested one.
  const acceptDialog = lp.getByRole('dialog');
  const step = 5 * 60_000;
  const start = new Date(Math.floor((Date.now() - 60 * 60_000) / step) * step);
  const end = new Date(start.getTime() + 2 * 60 * 60_000);
  const [startInput, endInput] = [acceptDialog.locator('.ant-picker-range input').nth(0), acceptDialog.locator('.ant-picker-range input').nth(1)];
  await startInput.click();
  await startInput.fill(shanghaiMinute(start));
  await startInput.press('Enter');
  await endInput.fill(shanghaiMinute(end));
  await endInput.press('Enter');
  await expect(startInput).toHaveValue(shanghaiMinute(start));
  await expect(endInput).toHaveValue(shanghaiMinute(end));
  await acceptDialog.getByRole('button', { name: /接\s*单/ }).click();
  await expect(lp.getByText('已接单，已生成菜单式服务活动')).toBeVisible();
  await lp.getByRole('tab', { name: '已接单' }).click();
  await lp
    .getByRole('row', { name: new RegExp(requester) })
    .getByRole('link', { name: '查看活动' })
    .click();
  await lp.getByRole('button', { name: /结\s*项/ }).click();
  await lp.getByLabel('覆盖群众人次').fill('3');
  // The service ends before its planned end: the leader confirms the early end (endsAt becomes now).
  await lp.getByRole('dialog').getByRole('checkbox', { name: '确认活动已提前结束' }).check();
  await lp
    .getByRole('dialog')
    .getByRole('button', { name: /结\s*项/ })
    .click();
  await expect(lp.getByText('活动已结项')).toBeVisible();
  await leaderCtx.close();

  await expect
    .poll(
      async () => {
        await county.reload();
        return readAll();
      },
      { timeout: 30_000 },
    )
    .toEqual({ ...before, 活动场次: before['活动场次'] + 1, 覆盖群众人次: before['覆盖群众人次'] + 3 });
  await countyCtx.close();

  // Resident rates.
  await resident.goto(trackUrl);
  await expect(resident.getByText('评价服务')).toBeVisible();
  await resident.locator('.ant-rate-star').nth(4).click();
  await resident.getByLabel('评价内容').fill('志愿者很耐心，谢谢！');
  await resident.getByRole('button', { name: /提\s*交/ }).click();
  await expect(resident.getByText('感谢您的评价！')).toBeVisible();
  await shot(resident, 'phone-track-rated');
  await residentCtx.close();
});
