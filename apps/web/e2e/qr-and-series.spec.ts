import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { DEMO, apiLogin, loginUi, newContext, shot, uniq, type Me } from './support';

/**
 * Issue 11, parts 2 and 5: a phone volunteer checks in from a picture of the leader's QR (the app's own ZXing path);
 * a leader edits a series (skipped date, time; the overlap confirmation) and cancels one occurrence; staff edit a volunteer.
 */

const freshPhone = () => `167${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const ymd = (ms: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(ms));
const isoWeekday = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
};

async function register(request: APIRequestContext, siteId: string, name: string): Promise<string> {
  const p = freshPhone();
  const res = await request.post('/api/v1/auth/register', { data: { name, phone: p, password: 'Passw0rd!', siteId } });
  expect(res.status()).toBe(201);
  return p;
}

test('a phone volunteer picks a screenshot of the leader QR from the album and checks in', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const leader = await apiLogin(request, DEMO.leader);
  const me = await leader.get<Me>('/me');
  const team = me.teamsLed[0];
  const now = Date.now();
  const title = uniq('相册扫码');
  const activity = await leader.post<{ id: string; status: string }>('/activities', {
    title,
    kind: 'themed',
    category: 'civility_persuasion',
    teamId: team.id,
    startsAt: new Date(now + 3 * 60_000).toISOString(),
    endsAt: new Date(now + 63 * 60_000).toISOString(),
    capacity: 20,
  });
  if (activity.status === 'draft') await leader.patch(`/activities/${activity.id}`, { status: 'published' });
  // a volunteer of its own (no clash with other specs' sign-ups), signed up
  const vPhone = await register(request, team.siteId, uniq('扫图队员'));
  const vol = await apiLogin(request, vPhone, 'Passw0rd!');
  await vol.post(`/activities/${activity.id}/signups`, {});

  const lctx = await newContext(browser, 'desktop');
  const lpage = await lctx.newPage();
  await loginUi(lpage, DEMO.leader);
  await lpage.goto(`/manage/activities/${activity.id}/screen`);
  await expect(lpage.getByTestId('checkin-code')).toHaveText(/^\d{6}$/, { timeout: 30_000 });
  const png = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qr-')), 'leader-qr.png');
  // The picture is taken of a painted QR that did not change while it was taken: antd redraws the canvas after
  // React commits (a resized canvas is blank until then), and the code rotates each minute.
  const qr = lpage.locator('.ant-qrcode canvas').first();
  const painted = () =>
    qr.evaluate((c: HTMLCanvasElement) => {
      const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] < 100 && data[i + 3] > 200) dark++;
      return dark / (c.width * c.height);
    });
  await expect.poll(painted, { timeout: 30_000 }).toBeGreaterThan(0.2);
  await expect
    .poll(
      async () => {
        const before = await lpage.getByTestId('checkin-code').textContent();
        // as a volunteer's screenshot would be: the code with the white card round it
        await lpage
          .locator('.ant-card', { has: lpage.locator('.ant-qrcode') })
          .first()
          .screenshot({ path: png });
        const after = await lpage.getByTestId('checkin-code').textContent();
        return before === after && (await painted()) > 0.2;
      },
      { timeout: 30_000 },
    )
    .toBe(true);

  const vctx = await newContext(browser, 'phone');
  const vpage = await vctx.newPage();
  await loginUi(vpage, vPhone, 'Passw0rd!');
  await vpage.goto('/checkin');
  await expect(vpage.getByRole('button', { name: '从相册选择二维码' })).toBeVisible();
  await shot(vpage, 'phone-scan-from-picture');

  // a picture without a QR: a plain Chinese message, no navigation
  const blank = path.join(path.dirname(png), 'blank.png');
  await vpage.screenshot({ path: blank, clip: { x: 0, y: 0, width: 120, height: 60 } });
  await vpage.getByTestId('qr-picture-input').setInputFiles(blank);
  await expect(vpage.getByText(/没有找到二维码/)).toBeVisible({ timeout: 30_000 });
  await expect(vpage).toHaveURL(/\/checkin$/);

  await vpage.getByTestId('qr-picture-input').setInputFiles(png);
  await expect(vpage).toHaveURL(new RegExp(`/checkin/${activity.id}\\?code=\\d{6}$`), { timeout: 30_000 });
  await expect(vpage.getByText('签到成功')).toBeVisible({ timeout: 30_000 });
  await vctx.close();
  await lctx.close();
});

test('a leader edits a series: a skipped date, a new time through the overlap confirmation, one occurrence cancelled', async ({ browser, request }) => {
  test.setTimeout(150_000);
  const leader = await apiLogin(request, DEMO.leader);
  const me = await leader.get<Me>('/me');
  const team = me.teamsLed[0];
  // four weeks, far enough ahead to be all future; a random offset keeps reruns apart
  const startsOn = ymd(Date.now() + (120 + Math.floor(Math.random() * 200)) * 86_400_000);
  const endsOn = ymd(Date.parse(`${startsOn}T12:00:00+08:00`) + 27 * 86_400_000);
  const weekday = isoWeekday(startsOn);
  const base = { teamId: team.id, category: 'sanitation', weekday, startsOn, endsOn, capacity: 10, allowOverlap: true };
  const other = uniq('早间保洁');
  await leader.post('/service-day-schedules', { ...base, title: other, startTime: '06:00', endTime: '07:00' });
  const title = uniq('编辑服务日');
  const created = await leader.post<{ schedule: { id: string }; generated: Array<{ id: string; startsAt: string }> }>('/service-day-schedules', {
    ...base,
    title,
    startTime: '07:30',
    endTime: '08:30',
  });
  expect(created.generated).toHaveLength(4);
  const dates = created.generated.map((a) => ymd(Date.parse(a.startsAt))).sort();

  const ctx = await newContext(browser, 'desktop');
  const page = await ctx.newPage();
  await loginUi(page, DEMO.leader);
  await page.goto('/service-days');
  const row = page.getByRole('row').filter({ hasText: title });
  await row.getByRole('button', { name: `编辑 ${title}` }).click();
  const form = page.locator('.ant-card').filter({ hasText: `编辑服务日计划 · ${title}` });
  await expect(form.getByLabel('活动名称')).toHaveValue(title);

  // skip the second date (the preview's date buttons toggle skipping)
  await form.getByRole('button', { name: dates[1], exact: true }).click();
  await expect(form.getByTestId('skip-dates').getByText(dates[1])).toBeVisible();
  // 07:30 → 06:30: now it overlaps the 06:00–07:00 series of the same team
  const start = form.getByLabel('开始时间');
  await start.click();
  await start.fill('06:30');
  await start.press('Enter'); // commits the picker; never saves the form
  await page.keyboard.press('Escape');
  await expect(page.getByText(/「.*」已保存/)).toHaveCount(0);
  await shot(page, 'desktop-edit-series');
  await form.getByRole('button', { name: /保存修改/ }).click();

  const confirm = page.getByRole('dialog').filter({ hasText: '与本队其他活动时间重叠' });
  await expect(confirm).toBeVisible({ timeout: 30_000 });
  await confirm.getByRole('button', { name: /仍然保存/ }).click();
  const result = page.getByTestId('schedule-change-result');
  await expect(result).toContainText('3 场已更新，1 场已取消，0 场新生成', { timeout: 30_000 });
  await expect(page.getByRole('row').filter({ hasText: title })).toContainText(dates[1]);
  await expect(page.getByRole('row').filter({ hasText: title })).toContainText('06:30');

  // the occurrences: cancel the first one alone, with a reason
  await page.getByRole('row').filter({ hasText: title }).getByRole('button', { name: '各场活动' }).click();
  const drawer = page.getByRole('dialog').filter({ hasText: `${title} · 各场活动` });
  await expect(drawer.getByRole('row')).toHaveCount(5, { timeout: 30_000 }); // header + 3 published + 1 cancelled
  const first = drawer
    .getByRole('row')
    .filter({ hasText: dates[0].slice(5) })
    .first();
  await first.getByRole('button', { name: '取消本场' }).click();
  const ask = page.getByRole('dialog').filter({ hasText: '只取消这一场' });
  await ask.getByRole('button', { name: /确定取消这一场/ }).click();
  await expect(ask.getByRole('alert')).toHaveText('请填写取消原因');
  await ask.getByLabel('取消原因').fill('天气原因暂停一次');
  await ask.getByRole('button', { name: /确定取消这一场/ }).click();
  await expect(ask).toBeHidden({ timeout: 30_000 });
  await expect(
    drawer
      .getByRole('row')
      .filter({ hasText: dates[0].slice(5) })
      .first(),
  ).toContainText('已取消', { timeout: 30_000 });
  await ctx.close();
});

test('staff edit a volunteer: name and home station, seen in the list', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const admin = await apiLogin(request, DEMO.countyAdmin);
  const sites = await admin.get<{ items: Array<{ id: string; name: string; level: string }> }>('/sites?pageSize=100');
  const stations = sites.items.filter((s) => s.level === 'station');
  expect(stations.length).toBeGreaterThan(1);
  const name = uniq('待改名');
  const p = await register(request, stations[0].id, name);
  const target = stations[1];

  const ctx = await newContext(browser, 'desktop');
  const page = await ctx.newPage();
  await loginUi(page, DEMO.countyAdmin);
  await page.goto('/volunteers');
  await page.getByLabel('搜索').fill(p);
  await page.getByLabel('搜索').press('Enter');
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await row.getByRole('button', { name: `编辑 ${name}` }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('姓名')).toHaveValue(name);
  const newName = uniq('已改名');
  await dialog.getByLabel('姓名').fill(newName);
  await dialog.getByLabel('所属阵地').click();
  await dialog.getByLabel('所属阵地').fill(target.name);
  await page.locator('.ant-select-item-option').filter({ hasText: target.name }).first().click();
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
  await shot(page, 'desktop-edit-volunteer');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  const edited = page.getByRole('row').filter({ hasText: newName });
  await expect(edited).toBeVisible({ timeout: 30_000 });
  await expect(edited).toContainText(target.name);
  await ctx.close();
});
