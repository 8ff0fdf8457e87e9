import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { DEMO, apiLogin, loginUi, newContext, shot, uniq, type ApiSession, type Me } from './support';

/**
 * Issue 12: check-in in a village with no signal. The installable app (manifest, service worker), the volunteer's
 * check-in made offline (pending, survives a reload, lands when the network returns) and the leader's screen that
 * keeps rotating valid codes offline.
 */

interface CodeList {
  stepSeconds: number;
  qrPayloadBase: string;
  codes: Array<{ stepStart: string; code: string }>;
}

/** Wait until the service worker is active, then reload so that it controls the page. */
async function underServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 15_000 }).toBe(true);
}

/** A published activity of the leader's team whose check-in window is open now (starts in 5 minutes). */
async function runningActivity(leader: ApiSession, title: string): Promise<string> {
  const me = await leader.get<Me>('/me');
  const now = Date.now();
  const activity = await leader.post<{ id: string; status: string }>('/activities', {
    title,
    kind: 'themed',
    category: 'civility_persuasion',
    teamId: me.teamsLed[0].id,
    startsAt: new Date(now + 5 * 60_000).toISOString(),
    endsAt: new Date(now + 65 * 60_000).toISOString(),
    capacity: 20,
    description: '离线签到端到端测试',
  });
  if (activity.status === 'draft') await leader.patch(`/activities/${activity.id}`, { status: 'published' });
  return activity.id;
}

/** A new volunteer of the leader's team's site (the demo volunteer's record and sign-ups stay untouched). */
async function newVolunteer(request: APIRequestContext, leader: ApiSession): Promise<{ phone: string; password: string; api: ApiSession }> {
  const siteId = (await leader.get<Me>('/me')).teamsLed[0].siteId;
  const phone = `177${String(Date.now()).slice(-8)}`;
  const password = 'Offline@2026';
  const res = await request.post('/api/v1/auth/register', { data: { name: '离线测试志愿者', phone, password, siteId } });
  expect(res.status(), await res.text()).toBe(201);
  return { phone, password, api: await apiLogin(request, phone, password) };
}

test.describe.serial('offline check-in (issue 12)', () => {
  const created: string[] = [];
  // leave nothing on the shared database that other specs would see (a cancelled activity counts nowhere)
  test.afterAll(async ({ request }) => {
    const leader = await apiLogin(request, DEMO.leader);
    for (const id of created) await leader.post(`/activities/${id}/cancel`, { reason: '端到端测试结束' });
  });

  test('installable: the manifest is JSON with the name and 192/512 + maskable icons; the service worker registers', async ({ browser, request }) => {
    const res = await request.get('/manifest.webmanifest');
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toMatch(/^application\/manifest\+json/);
    const manifest = (await res.json()) as {
      name: string;
      short_name: string;
      start_url: string;
      display: string;
      theme_color: string;
      icons: Array<{ src: string; sizes: string; purpose?: string; type: string }>;
    };
    expect(manifest).toMatchObject({ name: '文明实践志愿服务平台', start_url: '/', display: 'standalone', theme_color: '#c8161d' });
    expect(manifest.short_name).toBeTruthy();
    const sizes = manifest.icons.map((i) => `${i.sizes}:${i.purpose ?? 'any'}`);
    expect(sizes).toEqual(expect.arrayContaining(['192x192:any', '512x512:any', '512x512:maskable']));
    for (const icon of manifest.icons) {
      const r = await request.get(icon.src);
      expect(r.status(), icon.src).toBe(200);
      expect(r.headers()['content-type']).toBe('image/png');
    }
    const sw = await request.get('/sw.js');
    expect(sw.headers()['content-type']).toMatch(/javascript/);
    expect(sw.headers()['cache-control']).toBe('no-cache');

    const ctx = await newContext(browser, 'phone');
    const page = await ctx.newPage();
    await page.goto('/login');
    await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toMatch(/\/$/);
    await underServiceWorker(page);
    await ctx.close();
  });

  test('volunteer: the app opens with no network, a check-in made offline is pending, survives a reload and lands when online', async ({ browser, request }) => {
    const leader = await apiLogin(request, DEMO.leader);
    const title = uniq('离线签到E2E-');
    const activityId = await runningActivity(leader, title);
    created.push(activityId);
    const volunteer = await newVolunteer(request, leader);
    await volunteer.api.post(`/activities/${activityId}/signups`, {});

    const ctx = await newContext(browser, 'phone');
    const page = await ctx.newPage();
    await loginUi(page, volunteer.phone, volunteer.password);
    await underServiceWorker(page);
    // online once: the check-in page and what it reads (me, the activity) are now on the phone
    await page.goto(`/checkin/${activityId}`);
    await expect(page.getByText(title)).toBeVisible();

    await ctx.setOffline(true);
    await page.reload(); // from the service worker: no network at all
    await expect(page.getByLabel('签到码')).toBeVisible();
    await expect(page.getByText(title)).toBeVisible();
    // the admin pages are network-only: not available offline
    const admin = await ctx.newPage();
    await expect(admin.goto('/dashboard')).rejects.toThrow();
    await admin.close();

    const { code } = await leader.get<{ code: string }>(`/activities/${activityId}/checkin-code`);
    await page.getByLabel('签到码').fill(code);
    await page.getByRole('button', { name: /签\s*到/ }).click();
    await expect(page.getByText('已记录，待上传').first()).toBeVisible();
    await expect(page.getByTestId('pending-count')).toHaveText('离线记录待上传 1 条');
    await shot(page, 'phone-offline-checkin-pending');

    // nothing reached the server
    const before = await leader.get<{ items: Array<{ volunteerName: string }> }>(`/activities/${activityId}/attendance`);
    expect(before.items).toHaveLength(0);

    // the record survives a reload (IndexedDB), still offline
    await page.reload();
    await expect(page.getByTestId('pending-count')).toHaveText('离线记录待上传 1 条');

    // the network returns: the record is sent by itself and lands with its minute, marked as late
    await ctx.setOffline(false);
    await expect(page.getByTestId('pending-count')).toHaveCount(0, { timeout: 20_000 });
    const after = await leader.get<{ items: Array<{ method: string; late: boolean; checkInAt: string; receivedAt: string }> }>(`/activities/${activityId}/attendance`);
    expect(after.items).toHaveLength(1);
    expect(after.items[0]).toMatchObject({ method: 'code_offline', late: true });
    expect(Date.parse(after.items[0].checkInAt) % 60_000).toBe(0);
    await ctx.close();
  });

  test('leader: the check-in screen keeps showing the valid code of each minute for 3 minutes offline, with a 离线 badge', async ({ browser, request }) => {
    const leader = await apiLogin(request, DEMO.leader);
    const activityId = await runningActivity(leader, uniq('离线大屏E2E-'));
    created.push(activityId);

    const ctx = await newContext(browser, 'desktop');
    const page = await ctx.newPage();
    await page.clock.install({ time: new Date() });
    await loginUi(page, DEMO.leader);
    await page.goto(`/manage/activities/${activityId}/screen`);
    const codeBox = page.getByTestId('checkin-code');
    await expect(codeBox).toHaveText(/^\d{6}$/);
    // the list the server hands out is the reference: the code of each minute
    const list = await leader.get<CodeList>(`/activities/${activityId}/checkin-codes`);
    const codeAt = (t: number) => list.codes.find((c) => Date.parse(c.stepStart) === Math.floor(t / 60_000) * 60_000)?.code;

    await ctx.setOffline(true);
    await page.evaluate(() => window.dispatchEvent(new Event('offline')));
    await expect(page.getByTestId('offline-badge')).toBeVisible();
    const seen = new Set<string>();
    for (let minute = 0; minute <= 3; minute++) {
      if (minute > 0) await page.clock.fastForward('01:00');
      const pageNow = await page.evaluate(() => Date.now());
      const expected = codeAt(pageNow);
      expect(expected, `a code for ${new Date(pageNow).toISOString()}`).toBeTruthy();
      await expect(codeBox).toHaveText(expected!);
      seen.add(expected!);
      await expect(page.getByTestId('offline-badge')).toBeVisible();
      if (minute === 3) await shot(page, 'desktop-checkin-screen-offline');
    }
    expect(seen.size).toBe(4);
    await ctx.close();
  });
});
