import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO, UUID_RE, apiLogin, expectNamed, loginUi, newContext, shot, uniq, type Me } from './support';

/**
 * Issue 10: names on every screen, venues, complete lists.
 * Staff tables name every site, town, team and person (never "—", an id or an English code);
 * the volunteer's cards and detail name the place; the leader's counter reads 150 after 150 check-ins.
 */

const sizes = ['desktop', 'phone'] as const;

async function asUser(browser: Browser, size: 'desktop' | 'phone', phone: string, go: (page: Page) => Promise<void>) {
  const ctx = await newContext(browser, size);
  const page = await ctx.newPage();
  await loginUi(page, phone);
  await go(page);
  await ctx.close();
}

/** Waits for the first table's data rows (and no spinner). */
async function tableLoaded(page: Page) {
  await expect(page.locator('.ant-table-wrapper tbody tr.ant-table-row').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.ant-table-wrapper .ant-spin-spinning')).toHaveCount(0);
}

test.describe('names, not ids, on the staff pages (county admin)', () => {
  test('sites: the county as a tree with parent and town names', async ({ browser }) => {
    await asUser(browser, 'desktop', DEMO.countyAdmin, async (page) => {
      await page.goto('/sites');
      await tableLoaded(page);
      // The tree opens on the center with its 18 institutes.
      const names = await expectNamed(page, '阵地名称', 19);
      expect(names[0]).toContain('中心');
      await expectNamed(page, '上级阵地', 19);
      const towns = await expectNamed(page, '所属乡镇', 19);
      expect(towns).toContain('永清镇');
      // Unfold 永清镇's institute: its stations name their parent and town.
      const institute = page.getByRole('row', { name: /永清镇新时代文明实践所/ });
      await institute.getByRole('button', { name: /展开|Expand/i }).click();
      await expect(page.getByRole('row', { name: /实践站/ }).first()).toBeVisible();
      const parents = await expectNamed(page, '上级阵地', 20);
      expect(parents.filter((p) => p === '永清镇新时代文明实践所').length).toBeGreaterThan(0);
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, 'desktop-sites');
      // The list view: stations of page 1, same columns.
      await page.getByText('列表', { exact: true }).click();
      await expect(page).toHaveURL(/view=list/);
      // the tree has no pager; the paged list's arrives with its rows
      await expect(page.locator('.ant-table-wrapper .ant-pagination')).toBeVisible({ timeout: 30_000 });
      await tableLoaded(page);
      await expectNamed(page, '上级阵地', 10);
      await expectNamed(page, '所属乡镇', 10);
    });
    await asUser(browser, 'phone', DEMO.countyAdmin, async (page) => {
      await page.goto('/sites');
      await tableLoaded(page);
      await shot(page, 'phone-sites');
    });
  });

  for (const size of sizes) {
    test(`teams: site and town of every team (${size})`, async ({ browser }) => {
      await asUser(browser, size, DEMO.countyAdmin, async (page) => {
        await page.goto('/teams');
        await tableLoaded(page);
        if (size === 'desktop') {
          await expectNamed(page, '队伍名称', 20);
          await expectNamed(page, '所属阵地', 20);
          await expectNamed(page, '乡镇', 20);
        }
        await shot(page, `${size}-teams`);
      });
    });

    test(`volunteers: home station, town and teams (${size})`, async ({ browser }) => {
      await asUser(browser, size, DEMO.countyAdmin, async (page) => {
        await page.goto('/volunteers');
        await tableLoaded(page);
        if (size === 'desktop') {
          await expectNamed(page, '姓名', 20);
          await expectNamed(page, '所属阵地', 20);
          await expectNamed(page, '乡镇', 20);
          await expectNamed(page, '所在队伍', 20);
        }
        await shot(page, `${size}-volunteers`);
      });
    });

    test(`accounts: the managed site by name (${size})`, async ({ browser, request }) => {
      if (size === 'desktop') {
        // A station's admin, so the page shows at least one station by name.
        const admin = await apiLogin(request, DEMO.countyAdmin);
        const station = (await admin.get<{ items: Array<{ id: string; name: string }> }>('/sites?level=station&pageSize=1')).items[0];
        const phone = `139${String(Date.now()).slice(-8)}`;
        await admin.post('/users', { phone, password: 'Station@2026', role: 'site_admin', siteId: station.id });
      }
      await asUser(browser, size, DEMO.countyAdmin, async (page) => {
        await page.goto('/users');
        await tableLoaded(page);
        if (size === 'desktop') {
          const sites = await expectNamed(page, '管理阵地', 2);
          expect(sites.some((s) => s.includes('实践'))).toBe(true);
          await expectNamed(page, '关联志愿者', 2);
        }
        await shot(page, `${size}-users`);
      });
    });

    test(`audit log: actor names and Chinese labels (${size})`, async ({ browser }) => {
      await asUser(browser, size, DEMO.countyAdmin, async (page) => {
        await page.goto('/audit-log');
        await tableLoaded(page);
        if (size === 'desktop') {
          await expectNamed(page, '操作人');
          await expectNamed(page, '动作');
          await expectNamed(page, '对象');
        }
        await shot(page, `${size}-audit-log`);
      });
    });

    test(`activities: organising team and place (${size})`, async ({ browser }) => {
      await asUser(browser, size, DEMO.countyAdmin, async (page) => {
        await page.goto('/manage/activities');
        await tableLoaded(page);
        if (size === 'desktop') {
          await expectNamed(page, '组织队伍', 5);
          await expectNamed(page, '活动地点', 5);
        } else {
          // On a phone the place sits under the title.
          await expect(page.locator('tbody tr.ant-table-row').first()).toContainText(/实践(站|所|中心)/);
        }
        await shot(page, `${size}-manage-activities`);
      });
    });
  }
});

test.describe.serial('the volunteer finds activities near them', () => {
  let title = '';
  let activityId = '';
  let venueName = '';

  test('a leader schedules at a village station of their town with an exact spot', async ({ browser, request }) => {
    const leader = await apiLogin(request, DEMO.leader);
    const me = await leader.get<Me>('/me');
    const team = me.teamsLed[0];
    // A village station of the volunteer's own town (永清镇), other than the team's site.
    type Entry = { id: string; name: string; townName: string | null };
    const institute = (await leader.get<{ items: Entry[] }>(`/sites/directory?q=${encodeURIComponent('永清镇')}&level=institute`)).items[0];
    const stations = await leader.get<{ items: Entry[] }>(`/sites/directory?parentId=${institute.id}&level=station&pageSize=50`);
    const venue = stations.items.find((s) => s.id !== team.siteId)!;
    // As the screens say it: the town in front of a station's own name.
    venueName = venue.name.startsWith('永清镇') ? venue.name : `永清镇${venue.name}`;
    title = uniq('村站宣讲E2E-');

    // Through the screen: the create modal's venue picker (searchable) and 具体地点.
    const ctx = await newContext(browser, 'desktop');
    const page = await ctx.newPage();
    await loginUi(page, DEMO.leader);
    await page.goto('/manage/activities');
    await page
      .getByRole('button', { name: /发布活动/ })
      .first()
      .click();
    const modal = page.getByRole('dialog');
    await modal.getByLabel('活动名称').fill(title);
    // The venue defaults to the team's site, by name.
    const venueItem = modal.locator('.ant-form-item', { hasText: '活动地点' });
    await expect(venueItem).toContainText(/实践(站|所|中心)/);
    await expect(venueItem).not.toContainText(UUID_RE);
    await modal.getByLabel('活动地点').click();
    await modal.getByLabel('活动地点').fill(venue.name.slice(0, 4));
    await page.locator('.ant-select-dropdown:visible').getByTitle(venueName).click();
    await modal.getByLabel('具体地点').fill('村委会广场');
    // An evening three or four days ahead, never a Friday: the volunteer already holds the Friday
    // service day, and two confirmed sign-ups may not overlap.
    const dayOf = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(d);
    let start = new Date(Date.now() + 3 * 86_400_000);
    if (new Date(`${dayOf(start)}T12:00:00+08:00`).getUTCDay() === 5) start = new Date(start.getTime() + 86_400_000);
    const day = dayOf(start);
    await modal.getByPlaceholder('开始时间').click();
    await modal.getByPlaceholder('开始时间').fill(`${day} 19:30`);
    await modal.getByPlaceholder('开始时间').press('Enter');
    await modal.getByPlaceholder('结束时间').fill(`${day} 21:00`);
    await modal.getByPlaceholder('结束时间').press('Enter');
    await expect(modal.getByPlaceholder('结束时间')).toHaveValue(`${day} 21:00`);
    await shot(page, 'desktop-create-activity-venue');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /发布活动/ })
      .click();
    await expect(page).toHaveURL(/\/manage\/activities\/[0-9a-f-]{36}$/);
    activityId = page.url().split('/').pop()!;
    await expect(page.getByTestId('activity-place')).toHaveText(`${venueName} · 村委会广场`);
    await shot(page, 'desktop-manage-activity-detail');
    await ctx.close();
  });

  test('the volunteer’s list opens on their town; the card and detail name the place; 我的活动 lists the sign-up', async ({ browser }) => {
    expect(activityId, 'the activity of the previous test').not.toBe('');
    for (const size of sizes) {
      const ctx = await newContext(browser, size);
      const page = await ctx.newPage();
      await loginUi(page, DEMO.volunteer);
      await expect(page).toHaveURL(/\/activities/);
      await expect(page.getByRole('combobox', { name: '乡镇' })).toBeVisible();
      await expect(page.locator('.ant-select', { has: page.getByRole('combobox', { name: '乡镇' }) })).toContainText('永清镇');
      // Every card names its place, never an id.
      const places = page.getByTestId('activity-place');
      await expect(places.first()).toBeVisible();
      for (const text of await places.allInnerTexts()) {
        expect(text.trim()).not.toBe('');
        expect(text).not.toMatch(UUID_RE);
      }
      await shot(page, `${size}-activities-nearby`);

      await page.goto(`/activities/${activityId}`);
      await expect(page.getByTestId('activity-place')).toHaveText(`${venueName} · 村委会广场`);
      if (size === 'desktop') {
        await page.getByRole('button', { name: /^报\s*名$/ }).click();
        await expect(page.getByText(/报名成功|已进入候补/)).toBeVisible();
      }
      await expect(page.getByTestId('my-signup')).toHaveText(/已报名|候补第 \d+ 位/);
      await shot(page, `${size}-activity-detail`);

      await page.getByRole('link', { name: '我的活动' }).last().click();
      await expect(page).toHaveURL(/\/my-activities$/);
      const card = page.getByRole('article', { name: title });
      await expect(card).toBeVisible();
      await expect(card.getByTestId('activity-place')).toHaveText(`${venueName} · 村委会广场`);
      await expect(card.getByTestId('my-signup')).toHaveText(/已报名|候补第 \d+ 位/);
      await shot(page, `${size}-my-activities`);
      await ctx.close();
    }
  });
});

test('the leader’s live counter reads 150 after 150 check-ins', async ({ browser, request }) => {
  test.setTimeout(240_000);
  const leader = await apiLogin(request, DEMO.leader);
  const me = await leader.get<Me>('/me');
  const team = me.teamsLed[0];
  const now = Date.now();
  const activity = await leader.post<{ id: string; status: string }>('/activities', {
    title: uniq('百五十人E2E-'),
    kind: 'themed',
    category: 'civility_persuasion',
    teamId: team.id,
    startsAt: new Date(now + 5 * 60_000).toISOString(),
    endsAt: new Date(now + 125 * 60_000).toISOString(),
    capacity: null,
    description: '150 人签到计数',
  });
  if (activity.status === 'draft') await leader.patch(`/activities/${activity.id}`, { status: 'published' });

  // 150 new team members (no login, like the pupils of a 红领巾 team), each checked in by the leader.
  const tag = uniq('');
  const checkInAt = new Date(now).toISOString();
  for (let batch = 0; batch < 15; batch++) {
    await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const n = batch * 10 + i + 1;
        const v = await leader.post<{ id: string }>('/volunteers', { name: `计数${tag}-${n}`, teamId: team.id });
        await leader.post(`/activities/${activity.id}/attendance`, { volunteerId: v.id, checkInAt, checkOutAt: null });
      }),
    );
  }
  const page1 = await leader.get<{ total: number }>(`/activities/${activity.id}/attendance?pageSize=20`);
  expect(page1.total).toBe(150);

  const ctx = await newContext(browser, 'desktop');
  const page = await ctx.newPage();
  await loginUi(page, DEMO.leader);
  await page.goto(`/manage/activities/${activity.id}/screen`);
  await expect(page.getByTestId('checked-in-count')).toHaveText('150', { timeout: 20_000 });
  await shot(page, 'desktop-checkin-screen-150');

  // The attendance panel and the sign-up-free list count all of them too.
  await page.goto(`/manage/activities/${activity.id}`);
  const checkedIn = page.locator('.ant-statistic', { hasText: '已签到' });
  await expect(checkedIn.locator('.ant-statistic-content-value')).toHaveText('150', { timeout: 20_000 });
  await ctx.close();
});
