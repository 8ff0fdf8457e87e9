import { expect, test, type Browser } from '@playwright/test';
import { DEMO, apiLogin, newContext, shot } from './support';

/**
 * Issue 15, the first load on a village phone: /activities shows the volunteer's first cards from public/boot.js before
 * the app's JavaScript has arrived, and React's first render puts the same cards, in the same places, in their stead.
 */
async function openActivities(browser: Browser, token: string, withApp: boolean) {
  const ctx = await newContext(browser, 'phone');
  const page = await ctx.newPage();
  await page.goto('/api/v1/health');
  await page.evaluate((t) => localStorage.setItem('wenming.accessToken', t), token);
  // without the app: its entry module never arrives (a phone still downloading it)
  if (!withApp) await page.route(/\/assets\/index-[^/]*\.js/, (route) => route.abort());
  await page.goto('/activities');
  if (withApp) await expect(page.locator('#boot-activities')).toHaveCount(0, { timeout: 30_000 });
  const cards = page.getByRole('article');
  await expect(cards.first()).toBeVisible({ timeout: 30_000 });
  const boxes = await cards.evaluateAll((els) =>
    els.slice(0, 3).map((el) => {
      const r = el.getBoundingClientRect();
      return { name: el.getAttribute('aria-label'), x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) };
    }),
  );
  return { ctx, page, names: await cards.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label'))), boxes };
}

test("a volunteer's /activities: the first cards are there before the app's JavaScript, and React keeps them in place", async ({ browser, request }) => {
  test.setTimeout(120_000);
  const { token } = await apiLogin(request, DEMO.volunteer);
  const early = await openActivities(browser, token, false);
  await shot(early.page, 'phone-activities-before-js');
  // nothing painted early can be used by mistake: the buttons wait for React's
  for (const button of await early.page.getByRole('article').first().getByRole('button').all()) await expect(button).toBeDisabled();
  const late = await openActivities(browser, token, true);
  expect(early.names.length).toBeGreaterThan(0);
  expect(early.names).toEqual(late.names.slice(0, early.names.length));
  expect(early.boxes).toEqual(late.boxes);
  await expect(late.page.getByRole('article').first().getByRole('button').first()).toBeEnabled();
  await early.ctx.close();
  await late.ctx.close();
});
