import fs from 'node:fs';
import zlib from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type APIRequestContext, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';

/** Demo logins from DESIGN.md (seeded demo data only). */
export const DEMO = {
  countyAdmin: '13800000001',
  siteAdmin: '13800000002',
  leader: '13800000003',
  volunteer: '13800000004',
} as const;
export const PASSWORD = process.env.SEED_PASSWORD ?? 'Demo@2026';

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

const SHOTS = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));

/**
 * Screenshot for docs/screenshots/. A screenshot of a broken screen is worse than none: no error
 * toast, no failed load or no-permission panel, no spinner still turning, and the fonts loaded.
 */
export async function shot(page: Page, name: string): Promise<void> {
  await expect(page.locator('.ant-message-error')).toHaveCount(0);
  await expect(page.getByText(/^(加载失败|没有权限|页面不存在)$/)).toHaveCount(0);
  await expect(page.locator('.ant-spin-spinning, .ant-skeleton-active')).toHaveCount(0);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
}

/** A fresh context at desktop or phone size, zh-CN and Asia/Shanghai. */
export async function newContext(browser: Browser, size: 'desktop' | 'phone'): Promise<BrowserContext> {
  return browser.newContext({
    viewport: size === 'phone' ? PHONE : DESKTOP,
    isMobile: size === 'phone',
    hasTouch: size === 'phone',
    deviceScaleFactor: size === 'phone' ? 2 : 1,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
}

export async function loginUi(page: Page, phone: string, password = PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('手机号').fill(phone);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

export interface ApiSession {
  token: string;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body?: unknown): Promise<T>;
  del<T>(path: string): Promise<T>;
}

/** Logs in through the API for set-up and look-ups that are not what the test is about. */
export async function apiLogin(request: APIRequestContext, phone: string, password = PASSWORD): Promise<ApiSession> {
  const res = await request.post('/api/v1/auth/login', { data: { phone, password } });
  expect(res.ok(), `login ${phone}: ${res.status()}`).toBeTruthy();
  const { accessToken } = (await res.json()) as { accessToken: string };
  const headers = { Authorization: `Bearer ${accessToken}` };
  const call = async <T>(method: 'get' | 'post' | 'patch' | 'delete', p: string, body?: unknown): Promise<T> => {
    const r = await request[method](`/api/v1${p}`, { headers, data: body });
    expect(r.ok(), `${method.toUpperCase()} ${p}: ${r.status()} ${await r.text()}`).toBeTruthy();
    const text = await r.text();
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    token: accessToken,
    get: (p) => call('get', p),
    post: (p, b) => call('post', p, b ?? {}),
    patch: (p, b) => call('patch', p, b ?? {}),
    del: (p) => call('delete', p),
  };
}

export interface Me {
  user: { id: string; role: string };
  volunteer: { id: string; name: string } | null;
  teamsLed: Array<{ id: string; name: string; siteId: string }>;
}

/** Reads a KPI card's number on the dashboard (e.g. 服务人次). */
export async function readKpi(page: Page, label: string): Promise<number> {
  const card = page.locator('.kpi-card', { hasText: label });
  const value = card.locator('.ant-statistic-content');
  // The dashboard chunk (ECharts) and the first statistics take a while on a busy 2-core machine.
  await expect(value).not.toHaveText('', { timeout: 30_000 });
  const text = (await value.innerText()).replace(/[^\d.]/g, '');
  return Number(text);
}

export const uniq = (prefix: string) => `${prefix}${Date.now().toString(36).slice(-5)}`;

/**
 * The entries of a zip file (an XLSX is one), read from its central directory, inflated.
 * Enough to look inside a downloaded workbook without another dependency.
 */
export function unzip(buf: Buffer): Map<string, Buffer> {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataAt, dataAt + size);
    out.set(name, method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** The first worksheet of an XLSX as rows of cell texts (shared strings resolved); enough for assertions. */
export function xlsxRows(buf: Buffer): string[][] {
  const files = unzip(buf);
  const xmlText = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  const shared = [...(files.get('xl/sharedStrings.xml')?.toString('utf8') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    [...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => xmlText(t[1])).join(''),
  );
  const sheet = files.get('xl/worksheets/sheet1.xml')?.toString('utf8');
  if (!sheet) throw new Error('no xl/worksheets/sheet1.xml in the workbook');
  return [...sheet.matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)].map((row) =>
    [...row[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)].reduce<string[]>((cells, c) => {
      const col = [...c[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      const v = /<v>([\s\S]*?)<\/v>/.exec(c[3] ?? '')?.[1];
      const inline = /<is>([\s\S]*?)<\/is>/.exec(c[3] ?? '')?.[1];
      cells[col] = / t="s"/.test(c[2]) && v !== undefined ? shared[Number(v)] : inline ? xmlText(inline.replace(/<[^>]+>/g, '')) : xmlText(v ?? '');
      return cells;
    }, []),
  );
}

/**
 * The volunteer's activity card with this title on 近期活动 (soonest first), paging on with 下一页 if
 * earlier runs against the same database put more of today's activities in front of it.
 */
export async function findActivityCard(page: Page, title: string): Promise<Locator> {
  const card = page.getByRole('article', { name: title });
  // a fresh load of /activities first shows the cards public/boot.js painted (no pager, buttons disabled); React's
  // first render removes them with their slot
  await expect(page.locator('#boot-activities')).toHaveCount(0, { timeout: 30_000 });
  for (let i = 0; i < 10; i++) {
    await expect(page.getByRole('article').first()).toBeVisible();
    if (await card.count()) return card;
    const next = page.getByRole('button', { name: '下一页' });
    if (!(await next.count()) || (await next.isDisabled())) break;
    await next.click();
    await expect(page.getByRole('navigation', { name: new RegExp(`^${i + 2} / \\d+$`) })).toBeVisible();
  }
  await expect(card).toBeVisible();
  return card;
}

export const UUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/**
 * The texts of one column (by its header) of the first table on the page, one per data row
 * (antd's measure rows left out). Throws when there is no such column.
 */
export async function columnTexts(page: Page, header: string): Promise<string[]> {
  return page.evaluate((h) => {
    const table = document.querySelector('.ant-table-wrapper table');
    if (!table) throw new Error('no table on the page');
    const ths = [...table.querySelectorAll('thead th')];
    const idx = ths.findIndex((th) => (th.textContent ?? '').trim() === h);
    if (idx < 0) throw new Error(`no column ${h}; columns: ${ths.map((th) => th.textContent).join(', ')}`);
    return [...table.querySelectorAll('tbody tr.ant-table-row')].map((tr) => ((tr.children[idx] as HTMLElement | undefined)?.innerText ?? '').trim());
  }, header);
}

/** A name column of seeded rows: every cell says something, and none is "—", an id or an id prefix. */
export async function expectNamed(page: Page, header: string, minRows = 1): Promise<string[]> {
  // a table that is switching views or pages empties and refills: wait until the rows are there
  let texts: string[] = [];
  await expect
    .poll(
      async () => {
        await expect(page.locator('.ant-table-wrapper .ant-spin-spinning')).toHaveCount(0);
        texts = await columnTexts(page, header).catch(() => []);
        return texts.length;
      },
      { message: `rows under ${header}`, timeout: 30_000 },
    )
    .toBeGreaterThanOrEqual(minRows);
  for (const text of texts) {
    expect(text, `a cell of ${header}`).not.toBe('');
    expect(text, `a cell of ${header}`).not.toBe('—');
    expect(text, `a cell of ${header}`).not.toMatch(UUID_RE);
    expect(text, `a cell of ${header}`).not.toMatch(/^[0-9a-f]{8}$/i);
    expect(text, `a cell of ${header} (an English code)`).not.toMatch(/^[a-z_]+(\.[a-z_]+)*$/);
  }
  return texts;
}
