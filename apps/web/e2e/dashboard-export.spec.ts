import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { DEMO, loginUi, newContext, readKpi, shot, xlsxRows } from './support';

test('county admin filters the dashboard and downloads the statistics as XLSX', async ({ browser }) => {
  const ctx = await newContext(browser, 'desktop');
  const page = await ctx.newPage();
  await loginUi(page, DEMO.countyAdmin);
  await expect(page).toHaveURL(/\/dashboard/);
  for (const label of ['活动场次', '服务人次', '参与志愿者', '服务时长', '覆盖群众人次']) {
    await expect(page.locator('.kpi-card', { hasText: label })).toBeVisible();
  }
  // The seeded county lands in the report's magnitudes (5000+ activities, 100,000+ reached).
  const activities = await readKpi(page, '活动场次');
  const personTimes = await readKpi(page, '服务人次');
  expect(activities).toBeGreaterThan(1000);

  await page.getByText('按乡镇', { exact: true }).click();
  await expect(page.getByRole('cell', { name: '永清镇' }).first()).toBeVisible();
  await expect(page.locator('.dashboard-breakdown').getByRole('cell', { name: '合计' })).toBeVisible();
  await shot(page, 'desktop-dashboard-by-town');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page
      .locator('.dashboard-breakdown')
      .getByRole('button', { name: /导出 Excel/ })
      .click(),
  ]);
  // The Chinese name from Content-Disposition (filename*=UTF-8''…), for the breakdown on screen.
  expect(download.suggestedFilename()).toBe('志愿服务统计_按乡镇.xlsx');
  const file = await download.path();
  expect(fs.existsSync(file)).toBe(true);
  const buf = fs.readFileSync(file);
  expect(buf.length).toBeGreaterThan(1000);
  expect(buf.subarray(0, 2).toString('latin1')).toBe('PK'); // an OOXML zip
  // Inside: a header row in Chinese, a row per town and a 合计 row that matches the dashboard.
  const rows = xlsxRows(buf);
  const header = rows.find((r) => r[0] === '乡镇');
  expect(header, 'header row').toBeTruthy();
  expect(rows.some((r) => r[0] === '永清镇')).toBe(true);
  const total = rows.find((r) => r[0] === '合计');
  expect(total, '合计 row').toBeTruthy();
  expect(Number(total![header!.indexOf('活动场次')])).toBe(activities);
  expect(Number(total![header!.indexOf('服务人次')])).toBe(personTimes);
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
