import { expect, test, type Page } from '@playwright/test';
import { DEMO, loginUi, newContext } from './support';

/**
 * Issue 16: staff lists keep their filters and page in the address (Back, reload, a shared link),
 * and a form dialog is not sent by Enter from a field that is not the last.
 */

async function firstRowText(page: Page): Promise<string> {
  const row = page.locator('.ant-table-wrapper tbody tr.ant-table-row').first();
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.ant-table-wrapper .ant-spin-spinning')).toHaveCount(0);
  return (await row.textContent()) ?? '';
}

test('teams: the type filter and the page survive a reload and Back returns to page 1', async ({ browser }) => {
  const ctx = await newContext(browser, 'desktop');
  const page = await ctx.newPage();
  await loginUi(page, DEMO.countyAdmin);
  await page.goto('/teams');
  const firstOfAll = await firstRowText(page);

  // the table keeps the previous rows on screen while the next answer loads: read it once that answer is in
  const teamsAnswer = (want: RegExp) => page.waitForResponse((r) => r.request().method() === 'GET' && /\/api\/v1\/teams\?/.test(r.url()) && want.test(r.url()) && r.ok());
  const filtered = teamsAnswer(/type=red_vest/);
  await page.getByLabel('队伍类型').click();
  await page.getByTitle('红马甲', { exact: true }).click();
  await expect(page).toHaveURL(/\/teams\?type=red_vest$/);
  await filtered;
  const firstOfType = await firstRowText(page);
  const second = teamsAnswer(/type=red_vest.*page=2|page=2.*type=red_vest/);
  await page.locator('.ant-pagination-item-2').click();
  await expect(page).toHaveURL(/\/teams\?type=red_vest&page=2$/);
  await second;
  await expect(page.locator('.ant-pagination-item-active')).toHaveText('2');
  await expect.poll(() => firstRowText(page)).not.toBe(firstOfType);
  const secondPage = await firstRowText(page);
  expect(secondPage).not.toBe(firstOfAll);

  await page.reload();
  expect(await firstRowText(page)).toBe(secondPage);
  await expect(page.locator('.ant-pagination-item-active')).toHaveText('2');
  await expect(page.locator('.ant-select').filter({ hasText: '红马甲' }).first()).toBeVisible();

  await page.goBack();
  await expect(page).toHaveURL(/\/teams\?type=red_vest$/);
  await expect(page.locator('.ant-pagination-item-active')).toHaveText('1');
  await ctx.close();
});

test('the new-team dialog: Enter in the name field sends nothing; 取消 and reopening starts empty', async ({ browser }) => {
  const ctx = await newContext(browser, 'desktop');
  const page = await ctx.newPage();
  await loginUi(page, DEMO.countyAdmin);
  await page.goto('/teams');
  await firstRowText(page);
  const posts: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/api/v1/teams')) posts.push(r.url());
  });
  await page.getByRole('button', { name: /新建队伍/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('队伍名称').fill(`回车测试队${Date.now()}`);
  await dialog.getByLabel('队伍名称').press('Enter');
  await page.waitForTimeout(500);
  expect(posts).toHaveLength(0);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText(/请选择所属阵地/)).toHaveCount(0);

  await dialog.getByRole('button', { name: /取\s*消/ }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: /新建队伍/ }).click();
  await expect(page.getByRole('dialog').getByLabel('队伍名称')).toHaveValue('');
  await ctx.close();
});
