#!/usr/bin/env node
/* global window, document */
// The volunteer's header painted before JavaScript (index.html <template id="volunteer-shell">) against React's: boxes of
// the logo, title, every nav/tab link and the h1 with JavaScript off and on, the layout-shift sum, screenshots
// ($OUT_DIR or /tmp: shell-<width>-{nojs,js}.png) at 390×844 and 1440×900; a fresh browser context each (no service worker).
// Usage: a built API serving the web build with the demo county seeded, then
//   ORIGIN=http://127.0.0.1:3444 [PAGE_PATH=/activities] node apps/web/scripts/shell-check.mjs
import { createRequire } from 'node:module';
const rootRequire = createRequire(new URL('../../../package.json', import.meta.url));
const lhDir = rootRequire.resolve('lighthouse').replace(/\/core\/.*|\/dist\/.*/, '');
const lhRequire = createRequire(lhDir + '/package.json');
const puppeteer = (await import(lhRequire.resolve('puppeteer-core'))).default;
const ORIGIN = process.env.ORIGIN;
const PATHNAME = process.env.PAGE_PATH ?? '/activities';
const login = await fetch(`${ORIGIN}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ phone: '13800000004', password: 'Demo@2026' }),
});
const { accessToken } = await login.json();
const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'], headless: true });
const collect = () => {
  const out = {};
  const vis = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 ? [Math.round(r.x * 10) / 10, Math.round(r.y * 10) / 10, Math.round(r.width * 10) / 10, Math.round(r.height * 10) / 10] : null;
  };
  const img = document.querySelector('header img');
  if (img) out.logo = vis(img);
  const strong = document.querySelector('header strong');
  if (strong) out.title = vis(strong);
  const h1 = document.querySelector('main h1');
  if (h1) out.h1 = vis(h1);
  for (const a of document.querySelectorAll('nav a')) {
    const b = vis(a);
    if (b) out['nav:' + a.textContent.trim() + (a.closest('header') ? ':top' : ':tab')] = b;
  }
  return out;
};
for (const [w, h] of [
  [390, 844],
  [1440, 900],
]) {
  const res = {};
  for (const js of [false, true]) {
    const ctx = await browser.createBrowserContext();
    const page = await ctx.newPage();
    await page.setViewport({ width: w, height: h, deviceScaleFactor: 1 });
    await page.goto(`${ORIGIN}/api/v1/health`);
    await page.evaluate((t) => localStorage.setItem('wenming.accessToken', t), accessToken);
    await page.setJavaScriptEnabled(js);
    await page.evaluateOnNewDocument(() => {
      window.__cls = 0;
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(`${ORIGIN}${PATHNAME}`, { waitUntil: 'networkidle0' });
    if (js) await new Promise((r) => setTimeout(r, 1500));
    res[js ? 'on' : 'off'] = await page.evaluate(collect);
    if (js) res.cls = await page.evaluate(() => window.__cls);
    await page.screenshot({ path: `${process.env.OUT_DIR ?? '/tmp'}/shell-${w}-${js ? 'js' : 'nojs'}.png` });
    await ctx.close();
  }
  const keys = Object.keys(res.off);
  const diff = keys.filter((k) => JSON.stringify(res.off[k]) !== JSON.stringify(res.on[k]));
  console.log(`${w}x${h}: ${keys.length - diff.length}/${keys.length} boxes identical, CLS ${res.cls}`);
  for (const k of diff) console.log('  differs', k, res.off[k], res.on[k]);
}
await browser.close();
