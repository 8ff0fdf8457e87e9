import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';

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

export async function shot(page: Page, name: string): Promise<void> {
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
}

/** Logs in through the API for set-up and look-ups that are not what the test is about. */
export async function apiLogin(request: APIRequestContext, phone: string, password = PASSWORD): Promise<ApiSession> {
  const res = await request.post('/api/v1/auth/login', { data: { phone, password } });
  expect(res.ok(), `login ${phone}: ${res.status()}`).toBeTruthy();
  const { accessToken } = (await res.json()) as { accessToken: string };
  const headers = { Authorization: `Bearer ${accessToken}` };
  const call = async <T>(method: 'get' | 'post' | 'patch', p: string, body?: unknown): Promise<T> => {
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
  await expect(value).not.toHaveText('');
  const text = (await value.innerText()).replace(/[^\d.]/g, '');
  return Number(text);
}

export const uniq = (prefix: string) => `${prefix}${Date.now().toString(36).slice(-5)}`;
