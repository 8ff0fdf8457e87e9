#!/usr/bin/env node
/* global window, document */
// The volunteer's header painted before JavaScript (index.html <template id="volunteer-shell">) against React's: boxes of
// the logo, title, every nav/tab link and the h1 with JavaScript off and on, the layout-shift sum, screenshots
// ($OUT_DIR or /tmp: shell-<width>-{nojs,boot,js}.png) at 390×844 and 1440×900; a fresh browser context each (no service worker).
// On /activities also the first cards /boot.js paints before React (the app's entry blocked: "boot") against React's:
// the town picker, the kind switch and, for the first three cards, the card, its title, tags, lines and button.
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
  const main = document.querySelector('main');
  const articles = main ? [...main.querySelectorAll('article')].slice(0, 3) : [];
  if (articles.length) {
    const picker = articles[0].parentElement.previousElementSibling?.previousElementSibling;
    const sw = articles[0].parentElement.previousElementSibling;
    if (picker) out.picker = vis(picker);
    if (sw) out.kindSwitch = vis(sw.firstElementChild ?? sw);
  }
  articles.forEach((art, i) => {
    out[`card${i}`] = vis(art);
    const strong = art.querySelector('strong');
    if (strong) out[`card${i}:title`] = vis(strong);
    const col = art.firstElementChild.firstElementChild;
    [...col.children].forEach((row, j) => (out[`card${i}:row${j}`] = vis(row)));
    const button = art.querySelector('button');
    if (button) out[`card${i}:button`] = vis(button);
  });
  return out;
};
for (const [w, h] of [
  [390, 844],
  [1440, 900],
]) {
  const res = {};
  for (const mode of ['nojs', 'boot', 'js']) {
    const js = mode !== 'nojs';
    const ctx = await browser.createBrowserContext();
    const page = await ctx.newPage();
    await page.setViewport({ width: w, height: h, deviceScaleFactor: 1 });
    await page.goto(`${ORIGIN}/api/v1/health`);
    await page.evaluate((t) => localStorage.setItem('wenming.accessToken', t), accessToken);
    await page.setJavaScriptEnabled(js);
    if (mode === 'boot') {
      // what /boot.js paints while the app's JavaScript is still on its way: the entry module never arrives
      await page.setRequestInterception(true);
      page.on('request', (r) => (/\/assets\/index-[^/]*\.js/.test(r.url()) ? r.abort() : r.continue()));
    }
    await page.evaluateOnNewDocument(() => {
      window.__cls = 0;
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(`${ORIGIN}${PATHNAME}`, { waitUntil: 'networkidle0' });
    if (js) await new Promise((r) => setTimeout(r, 1500));
    res[mode] = await page.evaluate(collect);
    if (mode === 'js') res.cls = await page.evaluate(() => window.__cls);
    await page.screenshot({ path: `${process.env.OUT_DIR ?? '/tmp'}/shell-${w}-${mode}.png` });
    await ctx.close();
  }
  for (const before of ['nojs', 'boot']) {
    const keys = Object.keys(res[before]);
    const diff = keys.filter((k) => JSON.stringify(res[before][k]) !== JSON.stringify(res.js[k]));
    console.log(`${w}x${h} ${before} vs React: ${keys.length - diff.length}/${keys.length} boxes identical${before === 'boot' ? `, CLS ${res.cls}` : ''}`);
    for (const k of diff) console.log('  differs', k, res[before][k], res.js[k]);
  }
}
await browser.close();
