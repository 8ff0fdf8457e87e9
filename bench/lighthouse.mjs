// Lighthouse 12.2.3 (mobile, simulated slow 4G — its defaults) with Debian's /usr/bin/chromium against the built web
// app served by the built API: /login, a station's public menu /menu/:siteId and the volunteer's /activities (the demo
// member's token put in localStorage first, storage kept by Lighthouse).
// Usage: node bench/lighthouse.mjs  (API and web built; database wenming_bench with the demo logins, BENCH_DB;
// BENCH_LH_PAGES=activities,login measures only the pages whose names contain one of those words)
// Writes bench/results/latest-lighthouse.json; exported run() is used by bench/run.mjs.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, dbUrl, loadavg, startApi, waitHealthy, withClient } from './lib.mjs';

const PORT = Number(process.env.BENCH_LH_PORT ?? 3293);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const rootRequire = createRequire(join(ROOT, 'package.json'));
const lhDir = join(rootRequire.resolve('lighthouse'), '../../..');
const lhRequire = createRequire(join(lhDir, 'package.json'));

export async function run() {
  if (!existsSync(join(ROOT, 'apps/web/dist/index.html'))) throw new Error('build the web app first: pnpm --filter @wenming/web build');
  const { default: lighthouse } = await import(pathToFileURL(rootRequire.resolve('lighthouse')).href);
  const chromeLauncher = await import(pathToFileURL(lhRequire.resolve('chrome-launcher')).href);
  const puppeteer = (await import(pathToFileURL(lhRequire.resolve('puppeteer-core')).href)).default;
  const siteId = await withClient(
    dbUrl(),
    async (c) => (await c.query(`SELECT site_id FROM menu_items WHERE site_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`)).rows[0].site_id,
  );
  const api = startApi({ port: PORT, databaseUrl: dbUrl(), env: { WEB_DIST_DIR: process.env.BENCH_WEB_DIST ?? join(ROOT, 'apps/web/dist') } });
  const chrome = await chromeLauncher.launch({ chromePath: '/usr/bin/chromium', chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  const out = { load: loadavg(), pages: [] };
  try {
    await waitHealthy(api);
    const login = await fetch(`${ORIGIN}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: '13800000004', password: process.env.SEED_PASSWORD ?? 'Demo@2026' }),
    });
    const { accessToken } = await login.json();
    // the steady state, not a just-started process: each page's requests a few times before the first measurement
    const auth = { headers: { authorization: `Bearer ${accessToken}` } };
    for (let i = 0; i < 5; i++) {
      for (const url of ['/login', `/menu/${siteId}`, '/activities', '/boot.js']) await (await fetch(`${ORIGIN}${url}`)).text();
      for (const url of [
        '/me',
        '/notices/unread-count',
        '/regions?level=town',
        '/me/activities?pageSize=100',
        '/activities?status=published&sort=asc&page=1&pageSize=10',
      ]) {
        await (await fetch(`${ORIGIN}/api/v1${url}`, auth)).text();
      }
    }
    for (const [name, path, token] of [
      ['/login', '/login', null],
      ['/menu/:siteId', `/menu/${siteId}`, null],
      ["volunteer's /activities", '/activities', accessToken],
    ].filter(([name]) => !process.env.BENCH_LH_PAGES || process.env.BENCH_LH_PAGES.split(',').some((p) => name.includes(p)))) {
      const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
      const page = await browser.newPage();
      // same origin without loading the app (a JSON answer), then a cold HTTP cache: the first load is what is measured
      await page.goto(`${ORIGIN}/api/v1/health`);
      // the previous page's visit registered the service worker, which precaches the app: drop it and its caches too,
      // or the next page is measured warm (6 KiB transferred)
      const cdp0 = await page.createCDPSession();
      await cdp0.send('Storage.clearDataForOrigin', { origin: ORIGIN, storageTypes: 'service_workers,cache_storage' });
      await page.evaluate((t) => (t ? localStorage.setItem('wenming.accessToken', t) : localStorage.removeItem('wenming.accessToken')), token);
      const cdp = await page.createCDPSession();
      await cdp.send('Network.clearBrowserCache');
      await page.close();
      browser.disconnect();
      const r = await lighthouse(`${ORIGIN}${path}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance'],
        disableStorageReset: true,
      });
      const a = r.lhr.audits;
      // LH_REPORT_DIR=<dir>: keep each page's whole Lighthouse report (JSON) to see where the time goes
      if (process.env.LH_REPORT_DIR) {
        mkdirSync(process.env.LH_REPORT_DIR, { recursive: true });
        writeFileSync(join(process.env.LH_REPORT_DIR, `${name.replace(/[^a-z]+/gi, '-').replace(/^-|-$/g, '')}.json`), JSON.stringify(r.lhr));
      }
      out.pages.push({
        page: name,
        finalUrl: r.lhr.finalDisplayedUrl,
        performance: Math.round(r.lhr.categories.performance.score * 100),
        fcpMs: Math.round(a['first-contentful-paint'].numericValue),
        lcpMs: Math.round(a['largest-contentful-paint'].numericValue),
        tbtMs: Math.round(a['total-blocking-time'].numericValue),
        cls: Math.round(a['cumulative-layout-shift'].numericValue * 1000) / 1000,
        lcpElement: a['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet ?? null,
        transferKiB: Math.round(a['total-byte-weight'].numericValue / 1024),
        usesTextCompression: a['uses-text-compression'].score === 1,
        renderBlocking: (a['render-blocking-resources'].details?.items ?? []).map((x) => x.url.replace(ORIGIN, '')),
      });
      console.log(out.pages.at(-1));
    }
  } finally {
    await chrome.kill();
    await api.stop();
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const out = await run();
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results/latest-lighthouse.json'), JSON.stringify(out, null, 2));
  console.log('written bench/results/latest-lighthouse.json');
}
