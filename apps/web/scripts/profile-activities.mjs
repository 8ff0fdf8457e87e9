#!/usr/bin/env node
// CPU profile of a cold load of the volunteer's /activities at 4× CPU slow-down (the demo member's token): self time by
// script and the top functions, and the largest contentful paint. Usage (an API serving the web build, demo seeded):
//   ORIGIN=http://127.0.0.1:3444 node apps/web/scripts/profile-activities.mjs
import { createRequire } from 'node:module';
const rootRequire = createRequire(new URL('../../../package.json', import.meta.url));
const lhDir = rootRequire.resolve('lighthouse').replace(/\/core\/.*|\/dist\/.*/, '');
const puppeteer = (await import(createRequire(lhDir + '/package.json').resolve('puppeteer-core'))).default;
const ORIGIN = process.env.ORIGIN;
const login = await fetch(`${ORIGIN}/api/v1/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ phone: '13800000004', password: 'Demo@2026' }),
});
const { accessToken } = await login.json();
const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'], headless: true });
const page = await browser.newPage();
await page.setViewport({ width: 390, height: 844 });
await page.goto(`${ORIGIN}/api/v1/health`);
await page.evaluate((t) => localStorage.setItem('wenming.accessToken', t), accessToken);
const cdp = await page.createCDPSession();
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
await page.goto(`${ORIGIN}/activities`, { waitUntil: 'networkidle0' });
await new Promise((r) => setTimeout(r, 1000));
const { profile } = await cdp.send('Profiler.stop');
const dt = {}; // self time per node
const { samples, timeDeltas, nodes } = profile;
const byId = new Map(nodes.map((n) => [n.id, n]));
for (let i = 0; i < samples.length; i++) dt[samples[i]] = (dt[samples[i]] ?? 0) + (timeDeltas[i] ?? 0) / 1000;
const byUrl = {},
  byFn = {};
for (const [id, ms] of Object.entries(dt)) {
  const n = byId.get(Number(id));
  const cf = n.callFrame;
  const u = (cf.url || '(' + cf.functionName + ')').replace(ORIGIN, '');
  byUrl[u] = (byUrl[u] ?? 0) + ms;
  const f = `${cf.functionName || '(anon)'} ${u.split('/').pop()}:${cf.lineNumber}`;
  byFn[f] = (byFn[f] ?? 0) + ms;
}
const top = (o, n) =>
  Object.entries(o)
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${v.toFixed(0).padStart(6)} ms  ${k}`)
    .join('\n');
console.log('self time by URL (4x CPU):\n' + top(byUrl, 15));
console.log('top functions:\n' + top(byFn, 30));
const lcp = await page.evaluate(
  () =>
    new Promise((r) =>
      new PerformanceObserver((l) => {
        const e = l.getEntries().at(-1);
        r([Math.round(e.startTime), e.element?.outerHTML?.slice(0, 120)]);
      }).observe({ type: 'largest-contentful-paint', buffered: true }),
    ),
);
console.log('LCP', lcp);
await browser.close();
