// Renders the PWA icons (public/icons/*.png) from the favicon's star, in the headless Chromium the e2e tests use:
//   node scripts/make-icons.mjs
// "any" icons keep the favicon's rounded corners (transparent outside); "maskable" ones are full-bleed with the
// star inside the 80 % safe zone, so launchers may crop them to any shape.
import { chromium } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');
const STAR = 'M32 12l5.9 12 13.1 1.9-9.5 9.3 2.2 13.1L32 42.1 20.3 48.3l2.2-13.1-9.5-9.3 13.1-1.9z';
const any = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#c8161d"/><path d="${STAR}" fill="#ffd54f"/></svg>`;
// star box is ~38 × 36 around (32, 30); scaled 0.8 around the centre it stays well inside the safe circle (r = 25.6)
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="#c8161d"/><g transform="translate(32 32) scale(0.8) translate(-32 -30)"><path d="${STAR}" fill="#ffd54f"/></g></svg>`;

const icons = [
  ['pwa-192.png', 192, any],
  ['pwa-512.png', 512, any],
  ['maskable-512.png', 512, maskable],
  ['maskable-192.png', 192, maskable],
  ['apple-touch-icon-180.png', 180, maskable],
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const [name, size, svg] of icons) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
  await page.locator('svg').screenshot({ path: path.join(out, name), omitBackground: true });
  console.log('wrote', name);
}
await browser.close();
