import { expect, test, type Page } from '@playwright/test';
import { DEMO, apiLogin, loginUi, newContext, shot } from './support';

/**
 * Each role's main screen at desktop (1440×900) and phone (390×844) size, for docs/screenshots/.
 * The flow specs take the rest (check-in screen, attendance, tracking, …); together with these,
 * every role has its main screen at both sizes:
 *   county admin  desktop-dashboard (after the confirmed check-in) · phone-dashboard
 *   site admin    desktop-dispatch-board · phone-dispatch-board
 *   team leader   desktop-leader-activities · phone-leader-activities
 *   volunteer     desktop-activities · phone-activities
 *   resident      desktop-menu · phone-menu
 */
const sizes = ['desktop', 'phone'] as const;

async function asRole(browser: import('@playwright/test').Browser, size: 'desktop' | 'phone', phone: string | null, go: (page: Page) => Promise<void>) {
  const ctx = await newContext(browser, size);
  const page = await ctx.newPage();
  if (phone) await loginUi(page, phone);
  await go(page);
  await ctx.close();
}

test('county admin: dashboard on a phone', async ({ browser }) => {
  await asRole(browser, 'phone', DEMO.countyAdmin, async (page) => {
    await expect(page).toHaveURL(/\/dashboard/);
    await expect(page.locator('.kpi-card', { hasText: '服务人次' }).locator('.ant-statistic-content')).toHaveText(/\d/);
    await shot(page, 'phone-dashboard');
  });
});

test('site admin: dispatch board on a phone', async ({ browser }) => {
  await asRole(browser, 'phone', DEMO.siteAdmin, async (page) => {
    await page.goto('/orders');
    await expect(page.getByRole('tab', { name: /已点单/ })).toBeVisible();
    await expect(page.getByRole('row').nth(1)).toBeVisible();
    await shot(page, 'phone-dispatch-board');
  });
});

for (const size of sizes) {
  test(`team leader: activity schedule (${size})`, async ({ browser }) => {
    await asRole(browser, size, DEMO.leader, async (page) => {
      await expect(page).toHaveURL(/\/manage\/activities/);
      await expect(page.getByRole('heading', { name: '活动安排' })).toBeVisible();
      // Upcoming first: today's and the coming Friday service days.
      await expect(page.getByRole('row').nth(1).getByRole('link').first()).toBeVisible();
      await shot(page, `${size}-leader-activities`);
    });
  });
}

test('volunteer: upcoming activities on a desktop', async ({ browser }) => {
  await asRole(browser, 'desktop', DEMO.volunteer, async (page) => {
    await expect(page).toHaveURL(/\/activities/);
    await expect(page.getByRole('heading', { name: '近期活动' })).toBeVisible();
    await expect(page.getByRole('article').first()).toBeVisible();
    await shot(page, 'desktop-activities');
  });
});

test('resident: a station menu on a desktop', async ({ browser, request }) => {
  const siteAdmin = await apiLogin(request, DEMO.siteAdmin);
  const station = (await siteAdmin.get<{ items: Array<{ id: string }> }>('/sites?level=station&pageSize=1')).items[0];
  await asRole(browser, 'desktop', null, async (page) => {
    await page.goto(`/menu/${station.id}`);
    await expect(page.getByRole('heading', { name: '服务菜单' })).toBeVisible();
    await expect(page.getByRole('button', { name: /我要点单/ }).first()).toBeVisible();
    await shot(page, 'desktop-menu');
  });
});
