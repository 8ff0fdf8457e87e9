#!/usr/bin/env node
/**
 * What a browser downloads on first load of a route of the built SPA.
 *
 *   pnpm --filter @wenming/web build
 *   node apps/web/scripts/measure-bundle.mjs            # starts `vite preview` itself on :4179
 *   BASE_URL=http://localhost:3000 node apps/web/scripts/measure-bundle.mjs   # or any running server
 *   OUT_DIR=/path/to/other/dist node apps/web/scripts/measure-bundle.mjs     # another build (e.g. a baseline)
 *
 * Loads each route in headless Chromium (playwright-core, /usr/bin/chromium) with the API mocked:
 * GET /api/v1/me answers a volunteer (or a county admin for the staff routes), every other API call
 * fails with 503, so only the shell, the layout and the page chunk (plus what they import) load.
 * Sums the JS responses: raw bytes and gzip -9 of each file (what `vite build` reports as gzip).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const here = path.dirname(fileURLToPath(import.meta.url));
const webDir = path.resolve(here, '..');
const PORT = 4179;
let BASE = process.env.BASE_URL;
let preview;

const volunteerMe = {
  user: { id: 'u1', phone: '13800000001', role: 'volunteer', siteId: null, volunteerId: 'v1', createdAt: '2026-01-01T00:00:00Z' },
  volunteer: {
    id: 'v1',
    name: '张三',
    phone: '13800000001',
    gender: null,
    birthDate: null,
    politicalStatus: null,
    skills: [],
    siteId: 's1',
    idNumber: null,
    volunteerNumber: 'V0001',
    hasLogin: true,
  },
  teamsLed: [],
  teams: [],
};
const adminMe = { ...volunteerMe, user: { ...volunteerMe.user, role: 'county_admin', volunteerId: null }, volunteer: null };

const ONLY = process.env.ONLY;
const ROUTES_ALL = [
  { name: 'login', path: '/login', me: null },
  { name: 'volunteer /activities', path: '/activities', me: volunteerMe },
  { name: 'volunteer /checkin/:id (scanned link)', path: '/checkin/00000000-0000-0000-0000-000000000001?code=123456', me: volunteerMe },
  { name: 'volunteer /checkin', path: '/checkin', me: volunteerMe },
  { name: 'admin /volunteers', path: '/volunteers', me: adminMe },
  { name: 'admin /dashboard', path: '/dashboard', me: adminMe },
];

const ROUTES = ONLY ? ROUTES_ALL.filter((r) => r.name.includes(ONLY)) : ROUTES_ALL;

async function waitFor(url, ms = 20_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no server at ${url}`);
}

const kib = (n) => (n / 1024).toFixed(1);

async function measure(browser, route) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  if (route.me) {
    await context.addInitScript(() => globalThis.localStorage.setItem('wenming.accessToken', 'measure-token'));
  }
  await context.route('**/api/**', (r) => {
    const url = new URL(r.request().url());
    if (route.me && url.pathname === '/api/v1/me') return r.fulfill({ status: 200, json: route.me });
    return r.fulfill({ status: 503, json: { statusCode: 503, code: 'INTERNAL', message: '服务暂不可用' } });
  });
  const page = await context.newPage();
  const files = new Map();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  let lastJs = Date.now();
  page.on('response', async (res) => {
    const url = res.url();
    if (!url.endsWith('.js')) return;
    lastJs = Date.now();
    try {
      const body = await res.body();
      files.set(new URL(url).pathname, { raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
    } catch {
      /* navigation raced the body */
    }
  });
  await page.goto(BASE + route.path, { waitUntil: 'networkidle' });
  // Lazy chunks arrive after /me answers; settle once no JS has arrived for 2 s.
  const until = Date.now() + 20_000;
  while (Date.now() - lastJs < 2000 && Date.now() < until) await page.waitForTimeout(250);
  await context.close();
  let raw = 0;
  let gzip = 0;
  for (const f of files.values()) {
    raw += f.raw;
    gzip += f.gzip;
  }
  if (errors.length) console.error(`page errors on ${route.path}:`, errors);
  return { ...route, files: files.size, raw, gzip, list: [...files.entries()].sort((a, b) => b[1].raw - a[1].raw) };
}

try {
  if (!BASE) {
    BASE = `http://localhost:${PORT}`;
    preview = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort', ...(process.env.OUT_DIR ? ['--outDir', process.env.OUT_DIR] : [])], {
      cwd: webDir,
      stdio: 'ignore',
      detached: true,
    });
  }
  await waitFor(BASE + '/login');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const verbose = process.argv.includes('--files');
  // What index.html itself makes every visitor fetch: the entry script and its modulepreloads.
  const distDir = path.resolve(webDir, process.env.OUT_DIR ?? 'dist');
  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  let iraw = 0;
  let igz = 0;
  for (const f of initial) {
    const body = fs.readFileSync(path.join(distDir, f));
    iraw += body.length;
    igz += gzipSync(body, { level: 9 }).length;
  }
  console.log(`index.html entry + modulepreloads: ${initial.length} files, ${kib(iraw)} KiB raw, ${kib(igz)} KiB gzip\n`);
  console.log('| route | JS files | raw KiB | gzip KiB |\n|---|---:|---:|---:|');
  for (const route of ROUTES) {
    const m = await measure(browser, route);
    console.log(`| ${m.name} | ${m.files} | ${kib(m.raw)} | ${kib(m.gzip)} |`);
    if (verbose) for (const [p, f] of m.list) console.log(`|   ${p} | | ${kib(f.raw)} | ${kib(f.gzip)} |`);
  }
  await browser.close();
} finally {
  if (preview) process.kill(-preview.pid);
}
