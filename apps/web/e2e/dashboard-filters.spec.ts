import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { DEMO, apiLogin, loginUi, newContext, readKpi, shot } from './support';

/**
 * Issue 11, the county office's dashboard: every filter alone with each of its options (a deterministic sample of
 * first, middle and last for the long pickers) and a few combinations, for the county admin and the 永清镇 site
 * admin — never an error panel, the KPIs render, the site admin's pickers hold only their scope. Then the breakdown
 * tables by site/team/week and the service-day export read back with its 合计 row.
 */

const ERROR_TEXT = /失败|不允许|不在您的管理范围内/;
const DESKTOP = { width: 1280, height: 800 };

/** Counts the API requests in flight, to wait until every panel has its answer; remembers every 4xx/5xx. */
function track(page: Page) {
  let inflight = 0;
  const failures: string[] = [];
  const isApi = (url: string) => url.includes('/api/v1/');
  page.on('request', (r) => {
    if (isApi(r.url())) inflight++;
  });
  const done = () => (inflight = Math.max(0, inflight - 1));
  page.on('requestfinished', async (r) => {
    if (!isApi(r.url())) return;
    const res = await r.response();
    if (res && res.status() >= 400) failures.push(`${res.status()} ${r.url()}`);
    done();
  });
  page.on('requestfailed', (r) => {
    if (isApi(r.url())) done();
  });
  return {
    failures,
    async settle() {
      let quiet = 0;
      for (let i = 0; i < 400 && quiet < 3; i++) {
        await page.waitForTimeout(100);
        quiet = inflight === 0 ? quiet + 1 : 0;
      }
    },
  };
}

type Tracker = ReturnType<typeof track>;

async function expectHealthy(page: Page, tr: Tracker, what: string) {
  await tr.settle();
  expect(tr.failures, `API errors after ${what}`).toEqual([]);
  await expect(page.locator('.ant-alert-error'), what).toHaveCount(0);
  await expect(page.locator('main, #root').getByText(ERROR_TEXT), what).toHaveCount(0);
  await expect(page.locator('.kpi-card'), what).toHaveCount(5);
  await expect(page.locator('.kpi-card').first(), what).toContainText(/\d/);
}

const box = (page: Page, name: string) => page.getByRole('combobox', { name, exact: true });
const dropdown = (page: Page) => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');

async function optionsOf(page: Page, name: string): Promise<string[]> {
  // the previous picker's list may still be fading out (it stays un-hidden until its animation ends): read only
  // once this picker's list is the one open
  await expect(dropdown(page)).toHaveCount(0);
  await box(page, name).click();
  await expect(dropdown(page)).toHaveCount(1);
  const items = dropdown(page).locator('.ant-select-item-option');
  await expect(items.first()).toBeVisible();
  const titles = await items.evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? e.textContent ?? ''));
  await page.keyboard.press('Escape');
  await expect(dropdown(page)).toHaveCount(0);
  return titles;
}

async function choose(page: Page, name: string, label: string) {
  await expect(dropdown(page)).toHaveCount(0);
  await box(page, name).click();
  await expect(dropdown(page)).toHaveCount(1);
  await dropdown(page).getByTitle(label, { exact: true }).click();
  // a searchable select may keep its (emptied) list open a moment after the pick: close it, and let it fade out
  if (await dropdown(page).count()) await page.keyboard.press('Escape');
  await expect(dropdown(page)).toHaveCount(0);
}

/** First, middle and last (all when ≤ 5): deterministic, covers both ends. */
const sample = <T>(xs: T[]): T[] => (xs.length <= 3 ? xs : [xs[0], xs[Math.floor(xs.length / 2)], xs[xs.length - 1]]);

async function reset(page: Page, tr: Tracker) {
  await page.getByRole('button', { name: /重\s*置/ }).click();
  await expectHealthy(page, tr, 'reset');
}

async function everyFilter(page: Page, tr: Tracker) {
  // long pickers (and any with more than 5 options, e.g. the 10 服务类别): first, middle and last
  const pickers: Array<[string, boolean]> = [
    ['乡镇', true],
    ['阵地', true],
    ['队伍', true],
    ['队伍类型', false],
    ['服务类别', false],
    ['活动形式', false],
  ];
  for (const [name, long] of pickers) {
    const all = await optionsOf(page, name);
    expect(all.length, `${name} has options`).toBeGreaterThan(0);
    for (const label of long || all.length > 5 ? sample(all) : all) {
      await choose(page, name, label);
      await expectHealthy(page, tr, `${name} = ${label}`);
    }
    await reset(page, tr);
  }
  for (const preset of ['今年', '去年', '近 30 天']) {
    await page.getByLabel('日期范围').first().click();
    await page.locator('.ant-picker-presets').getByText(preset, { exact: true }).click();
    await expectHealthy(page, tr, `日期 ${preset}`);
  }
  await reset(page, tr);
}

async function combinations(page: Page, tr: Tracker) {
  const towns = await optionsOf(page, '乡镇');
  await choose(page, '乡镇', towns[towns.length - 1]);
  await choose(page, '服务类别', '环境卫生');
  await expectHealthy(page, tr, 'town + category');
  const sites = await optionsOf(page, '阵地');
  await choose(page, '阵地', sites[0]);
  await choose(page, '队伍类型', (await optionsOf(page, '队伍类型'))[0]);
  await expectHealthy(page, tr, 'town + site + category + teamType');
  await reset(page, tr);
  await choose(page, '活动形式', '志愿服务日');
  const teams = await optionsOf(page, '队伍');
  await choose(page, '队伍', teams[0]);
  await expectHealthy(page, tr, 'kind + team');
  // the orders panel says plainly that this kind has no orders
  await expect(page.locator('.dashboard-orders').getByText(/所选活动形式“志愿服务日”没有点单/)).toBeVisible();
  await page.getByLabel('日期范围').first().click();
  await page.locator('.ant-picker-presets').getByText('去年', { exact: true }).click();
  await choose(page, '活动形式', '菜单式服务');
  await expectHealthy(page, tr, 'kind + team + dates');
  await expect(page.locator('.dashboard-orders .orders-kind-note')).toHaveCount(0);
  await reset(page, tr);
}

test.describe.configure({ timeout: 360_000 });

test('county admin: every filter and option, combinations; breakdown tables; service-day export', async ({ browser }) => {
  const ctx = await newContext(browser, 'desktop');
  const page = await ctx.newPage();
  await page.setViewportSize(DESKTOP);
  const tr = track(page);
  await loginUi(page, DEMO.countyAdmin);
  await expect(page).toHaveURL(/\/dashboard/);
  await expectHealthy(page, tr, 'landing');
  expect((await optionsOf(page, '乡镇')).length).toBeGreaterThanOrEqual(18);
  await everyFilter(page, tr);
  await combinations(page, tr);

  // breakdown tables: names (never ids), 合计 = the KPI cards, pages where long, ISO week labels
  const personTimes = await readKpi(page, '服务人次');
  const activities = await readKpi(page, '活动场次');
  const card = page.locator('.dashboard-breakdown');
  const totalCell = (col: number) => card.locator('.figures-total td').nth(col);
  for (const by of ['按阵地', '按队伍', '按周']) {
    await card.getByText(by, { exact: true }).click();
    await expectHealthy(page, tr, by);
    await expect(card.getByRole('cell', { name: '合计' })).toBeVisible();
    expect(Number((await totalCell(1).innerText()).replace(/,/g, ''))).toBe(activities);
    expect(Number((await totalCell(2).innerText()).replace(/,/g, ''))).toBe(personTimes);
    const first = await card.locator('.ant-table-tbody tr.ant-table-row td').first().innerText();
    expect(first).not.toMatch(/^[0-9a-f]{8}-/);
    if (by === '按周') expect(first).toMatch(/^\d{4}年第\d{1,2}周 \((\d{4}年)?\d{1,2}月\d{1,2}日–(\d{4}年)?\d{1,2}月\d{1,2}日\)$/);
    else await expect(card.locator('.ant-pagination')).toBeVisible();
  }
  await card.getByText('按阵地', { exact: true }).click();
  await tr.settle();
  await card.scrollIntoViewIfNeeded();
  await shot(page, 'desktop-dashboard-breakdowns');

  // 志愿服务日: table + CSV export read back with a 合计 row equal to the table's
  const sd = page.locator('.dashboard-service-days');
  await sd.scrollIntoViewIfNeeded();
  await expect(sd.getByRole('cell', { name: '合计' })).toBeVisible();
  const sdTotal = Number((await sd.locator('.figures-total td').nth(2).innerText()).replace(/,/g, ''));
  await shot(page, 'desktop-dashboard-service-days');
  const [download] = await Promise.all([page.waitForEvent('download'), sd.getByRole('button', { name: /导出 CSV/ }).click()]);
  expect(download.suggestedFilename()).toBe('志愿服务日统计.csv');
  const text = fs.readFileSync(await download.path(), 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = text
    .slice(1)
    .split('\r\n')
    .map((l) => l.split(','));
  const header = lines.find((l) => l[0] === '日期')!;
  expect(header).toContain('服务人次');
  const total = lines.find((l) => l[0] === '合计')!;
  expect(Number(total[header.indexOf('服务人次')])).toBe(sdTotal);

  // 五星队伍: the rule on screen, stars and counts
  const five = page.locator('.dashboard-five-star');
  await five.scrollIntoViewIfNeeded();
  await expect(five.locator('.five-star-rule')).toContainText('评价少于 3 条');
  await expect(five.getByRole('columnheader', { name: '评价数' })).toBeVisible();
  await expect(five.locator('.ant-rate').first()).toBeVisible();
  await shot(page, 'desktop-five-star-teams');
  expect(tr.failures).toEqual([]);
  await ctx.close();
});

test('永清镇 site admin: pickers hold only their scope; every filter and option; combinations', async ({ browser, request }) => {
  const api = await apiLogin(request, DEMO.siteAdmin);
  const sites = await api.get<{ items: Array<{ name: string; townName: string | null }>; total: number }>('/sites?pageSize=100');
  const teams = await api.get<{ items: Array<{ name: string; archived: boolean; townName: string | null }>; total: number }>('/teams?pageSize=100');
  const ctx = await newContext(browser, 'desktop');
  const page = await ctx.newPage();
  await page.setViewportSize(DESKTOP);
  const tr = track(page);
  await loginUi(page, DEMO.siteAdmin);
  await page.goto('/dashboard');
  await expectHealthy(page, tr, 'landing');

  expect(await optionsOf(page, '乡镇')).toEqual(['永清镇']);
  const siteOptions = await optionsOf(page, '阵地');
  expect(siteOptions.length).toBe(sites.total);
  for (const s of sites.items) expect(s.townName).toBe('永清镇');
  const teamOptions = await optionsOf(page, '队伍');
  const ownTeams = teams.items.filter((x) => !x.archived).map((x) => x.name);
  expect(teamOptions.length).toBe(ownTeams.length);
  for (const o of teamOptions) expect(ownTeams).toContain(o.replace(/（[^（）]+）$/, ''));

  await everyFilter(page, tr);
  await combinations(page, tr);
  expect(tr.failures).toEqual([]);
  await ctx.close();
});

test('phone: the dashboard tables scroll inside their cards, the filters wrap', async ({ browser }) => {
  const ctx = await newContext(browser, 'phone');
  const page = await ctx.newPage();
  const tr = track(page);
  await loginUi(page, DEMO.countyAdmin);
  await expect(page).toHaveURL(/\/dashboard/);
  await expectHealthy(page, tr, 'phone landing');
  // nothing wider than the screen: the page itself never scrolls sideways
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const card = page.locator('.dashboard-breakdown');
  await card.getByText('按队伍', { exact: true }).click();
  await expectHealthy(page, tr, 'phone by team');
  const body = card.locator('.ant-table-content, .ant-table-body').first();
  expect(await body.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await card.locator('.ant-table').scrollIntoViewIfNeeded();
  await shot(page, 'phone-dashboard-tables');
  await ctx.close();
});
