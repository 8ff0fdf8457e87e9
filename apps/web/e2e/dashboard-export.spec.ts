import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { DEMO, loginUi, newContext, readKpi, shot } from './support';

test('county admin filters the dashboard and downloads the statistics as XLSX', async ({ browser }) => {
  const ctx = await newContext(browser, 'desktop');
  const page = await ctx.newPage();
  await loginUi(page, DEMO.countyAdmin);
  await expect(page).toHaveURL(/\/dashboard/);
  for (const label of ['活动场次', '服务人次', '参与志愿者', '服务时长', '覆盖群众人次']) {
    await expect(page.locator('.kpi-card', { hasText: label })).toBeVisible();
  }
  // The seeded county lands in the report's magnitudes (5000+ activities, 100,000+ reached).
  expect(await readKpi(page, '活动场次')).toBeGreaterThan(1000);

  await page.getByText('按乡镇', { exact: true }).click();
  await expect(page.getByRole('cell', { name: '永清镇' }).first()).toBeVisible();
  await expect(page.getByRole('cell', { name: '合计' })).toBeVisible();
  await shot(page, 'desktop-dashboard-by-town');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出 Excel/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const file = await download.path();
  const head = fs.readFileSync(file).subarray(0, 2).toString('latin1');
  expect(head).toBe('PK'); // an OOXML zip
  await ctx.close();
});

test('the dashboard chunk (ECharts) is not loaded for a volunteer', async ({ browser }) => {
  const ctx = await newContext(browser, 'phone');
  const page = await ctx.newPage();
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  await loginUi(page, DEMO.volunteer);
  await expect(page.getByRole('heading', { name: '近期活动' })).toBeVisible();
  expect(scripts.some((s) => /dashboard-/.test(s))).toBe(false);
  await ctx.close();
});
