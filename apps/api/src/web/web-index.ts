import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACTIVITY_CATEGORY_LABELS, type MenuItemDto } from '@wenming/shared';

/**
 * The web app's index.html as the API serves it for a client route (issue 15, the first load on a village phone):
 *
 * - `<link rel="modulepreload">` for the chunks of the page the URL asks for (from Vite's build manifest,
 *   `dist/.vite/manifest.json`), so on a slow network they download alongside the entry instead of after it has run;
 * - the small global stylesheet inlined (one render-blocking request less);
 * - on the public pages (login, a station's menu, …) the public header from `<template id="public-shell">` put into
 *   `#root`, painted before any JavaScript (and on /login the page's heading from `<template id="page-login">`). React
 *   replaces it with the identical header of `PublicLayout`;
 * - on a station's menu, the page itself: its heading and the items as MenuPage renders them (plain elements with
 *   antd's computed styles inline), and the same items as JSON (`<script type="application/json" id="route-data">`,
 *   not executed, so the CSP's script-src holds) that the entry puts into the query cache before React's first
 *   render, so React's first render is the same list in the same place (the largest paint stays the server's). Without
 *   the items (the caller could not read them) `<link rel="preload" as="fetch">` of the public menu-items request the
 *   page makes, so the list arrives with the code instead of after it.
 *
 * Built once per route at start-up (the dist folder does not change while the process runs); without a manifest
 * (an older build, the tests' fake dist) the page is served as built.
 */
export interface WebIndex {
  /** The HTML for a client route's path (`/login`, `/menu/<id>`, …); `data`: what the route's page shows, when known. */
  htmlFor(pathname: string, data?: RouteData): string;
}

/** Data the server read for the page (the same answer the page's first API request gets). */
export interface RouteData {
  /** `GET /api/v1/menu-items?siteId=…&page=1&pageSize=100` of a station's menu (only used when it holds every item) */
  menu?: { items: MenuItemDto[]; total: number };
}

const MENU_PATH = /^\/menu\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

/** The station of a `/menu/<uuid>` path (the caller reads its menu for `htmlFor`), else null. */
export function menuSiteId(pathname: string): string | null {
  return MENU_PATH.exec(pathname)?.[1]?.toLowerCase() ?? null;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const TEXT = 'word-break:break-word';
const TAG =
  'display:inline-block;box-sizing:border-box;height:22px;padding:0 7px;border:1px solid transparent;border-radius:4px;font-size:12px;line-height:20px;white-space:nowrap';

/**
 * MenuPage's heading and list (apps/web/src/app/routes/menu.tsx: Typography.Title 3 + Paragraph, Card size=small per
 * active item with title, category Tag, description, 全县通用 Tag, 我要点单 button) with the computed styles of antd's
 * default tokens inline, so React's first render replaces it with the same boxes in the same place.
 */
export function menuHtml(items: MenuItemDto[]): string {
  const cards = items
    .filter((i) => i.active !== false)
    .map((i) => {
      const category = ACTIVITY_CATEGORY_LABELS[i.category] ?? i.category;
      const description = i.description ? `<span style="display:block;color:rgba(0,0,0,0.45);${TEXT}">${esc(i.description)}</span>` : '';
      const county = i.siteId === null ? `<span style="${TAG};width:fit-content;background:#e6f4ff;color:#0958d9">全县通用</span>` : '';
      return (
        `<div style="position:relative;box-sizing:border-box;background:#ffffff;border:1px solid #f0f0f0;border-radius:8px"><div style="padding:12px;border-radius:8px">` +
        `<div style="display:flex;flex-direction:column;gap:6px"><div style="display:flex;justify-content:space-between;align-items:center;gap:8px">` +
        `<span style="display:block;font-size:16px;line-height:1.5714285714285714;${TEXT}"><strong style="font-weight:600">${esc(i.title)}</strong></span>` +
        `<span style="${TAG};background:#f5f5f5;color:rgba(0,0,0,0.88)">${esc(category)}</span></div>${description}${county}` +
        `<button type="button" aria-label="我要点单：${esc(i.title)}" style="display:flex;justify-content:center;align-items:center;gap:8px;box-sizing:border-box;width:100%;height:32px;padding:0 15px;border:1px solid transparent;border-radius:6px;background:#c8161d;color:#ffffff;font:inherit;font-size:14px;line-height:normal;white-space:nowrap;cursor:pointer;box-shadow:0 2px 0 rgba(255,55,25,0.1)"><span>我要点单</span></button>` +
        `</div></div></div>`
      );
    });
  if (!cards.length) return '';
  return (
    `<h3 style="margin:24px 0 12px;font-size:24px;font-weight:600;line-height:1.3333333333333333;color:rgba(0,0,0,0.88);${TEXT}">服务菜单</h3>` +
    `<div style="margin:0 0 14px;color:rgba(0,0,0,0.45);${TEXT}">选择需要的服务，志愿者将上门或到站服务</div>` +
    `<div style="display:flex;flex-direction:column;gap:12px">${cards.join('')}</div>`
  );
}

/** Client routes → the page module of `apps/web/src/app/router.tsx` and whether it sits in the public layout. */
const AUTHED = 'src/app/layouts/authed-layout.tsx';
/** the app itself, imported by the entry (src/main.tsx) */
const APP_MAIN = 'src/app-main.tsx';
const ROUTES: ReadonlyArray<{
  path: RegExp;
  module: string;
  publicShell: boolean;
  layout?: string;
  /** a volunteer's page: `<template id="volunteer-shell">` with this destination (`data-nav`) marked as the current one */
  nav?: string;
  /** `<template id="page-…">` of index.html: the page's static heading, painted with the header */
  page?: string;
  /** the public API request the page makes first (same URL, so the browser hands the preloaded answer to fetch) */
  data?: (m: RegExpExecArray) => string;
  /** public/boot.js paints the page's largest content (its first cards) from its own requests, before any chunk runs */
  bootPainted?: boolean;
}> = [
  { path: /^\/login\/?$/, module: 'src/app/routes/login.tsx', publicShell: true, page: 'login' },
  {
    // apps/web listMenuItems → getAllPages('/menu-items', { siteId }): first page of 100
    path: /^\/menu\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i,
    module: 'src/app/routes/menu.tsx',
    publicShell: true,
    data: (m) => `/api/v1/menu-items?siteId=${m[1]}&page=1&pageSize=100`,
  },
  { path: /^\/register\/?$/, module: 'src/app/routes/register.tsx', publicShell: true },
  { path: /^\/menu\/[^/]+\/?$/, module: 'src/app/routes/menu.tsx', publicShell: true },
  { path: /^\/track\/[^/]+\/?$/, module: 'src/app/routes/track.tsx', publicShell: true },
  { path: /^\/honours\/?$/, module: 'src/app/routes/honour-roll.tsx', publicShell: true },
  // the volunteer's pages (staff get the admin shell on top; a logged-out visitor is sent to /login): the volunteer's
  // header painted before JavaScript, with the page's destination marked
  {
    path: /^\/activities\/?$/,
    module: 'src/app/routes/browse-activities.tsx',
    publicShell: false,
    layout: AUTHED,
    nav: 'activities',
    page: 'activities',
    bootPainted: true,
  },
  { path: /^\/activities\/[^/]+\/?$/, module: 'src/app/routes/activity.tsx', publicShell: false, layout: AUTHED, nav: 'activities' },
  { path: /^\/checkin(?:\/[^/]+)?\/?$/, module: 'src/app/routes/checkin.tsx', publicShell: false, layout: AUTHED, nav: 'checkin' },
  { path: /^\/record\/?$/, module: 'src/app/routes/my-record.tsx', publicShell: false, layout: AUTHED, nav: 'record' },
  { path: /^\/my-activities\/?$/, module: 'src/app/routes/my-activities.tsx', publicShell: false, layout: AUTHED, nav: 'my-activities' },
  { path: /^\/points\/?$/, module: 'src/app/routes/points.tsx', publicShell: false, layout: AUTHED, nav: 'points' },
  { path: /^\/find-teams\/?$/, module: 'src/app/routes/find-teams.tsx', publicShell: false, layout: AUTHED, nav: 'find-teams' },
  // every other page but the check-in screen sits in the logged-in layout (its page depends on the role)
  { path: /^\/(?!manage\/activities\/[^/]+\/screen)/, module: AUTHED, publicShell: false },
];

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
}

const SHELL_TEMPLATE = /<template id="public-shell">([\s\S]*?)<\/template>\s*/;
const VOLUNTEER_TEMPLATE = /<template id="volunteer-shell">([\s\S]*?)<\/template>\s*/;
const PAGE_TEMPLATE = /<template id="page-([a-z-]+)">([\s\S]*?)<\/template>\s*/g;
const ROOT_DIV = '<div id="root"></div>';
/** Vite's entry: `<script type="module" crossorigin src="/assets/index-….js"></script>` */
const ENTRY_SCRIPT = /<script type="module"[^>]*><\/script>/;
/** Where a public page's own content goes inside the shell (empty unless the route has a page template). */
const PAGE_SLOT = '<!--page-->';
const ROOT_CLOSE = '</div><!--/root-->';
/** Stylesheets this small are cheaper inline than as a render-blocking request (the global styles.css is ~1.5 KB). */
const INLINE_CSS_MAX = 8 * 1024;

export function loadWebIndex(distDir: string): WebIndex {
  let base = readFileSync(join(distDir, 'index.html'), 'utf8');
  const shellMatch = SHELL_TEMPLATE.exec(base);
  const shell = shellMatch ? shellMatch[1].trim() : '';
  if (shellMatch) base = base.replace(SHELL_TEMPLATE, '');
  const volunteerMatch = VOLUNTEER_TEMPLATE.exec(base);
  const volunteerShell = volunteerMatch ? volunteerMatch[1].trim() : '';
  if (volunteerMatch) base = base.replace(VOLUNTEER_TEMPLATE, '');
  const pages = new Map<string, string>();
  base = base.replace(PAGE_TEMPLATE, (_t, name: string, body: string) => {
    pages.set(name, body.trim());
    return '';
  });
  base = base.replace(/<link rel="stylesheet"(?: crossorigin)? href="(\/assets\/[^"]+\.css)">/g, (tag, href: string) => {
    const file = join(distDir, href);
    if (!existsSync(file)) return tag;
    const css = readFileSync(file, 'utf8');
    return css.length <= INLINE_CSS_MAX ? `<style>${css.replace(/<\/style/gi, '<\\/style')}</style>` : tag;
  });

  const manifestPath = join(distDir, '.vite', 'manifest.json');
  const manifest: Record<string, ManifestChunk> | null = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : null;
  // what index.html already preloads (the entry and its static imports)
  const already = new Set([...base.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]));

  // public/boot.js (the logged-in page's first requests, started with the stored token before the entry has arrived):
  // named with its content's hash so a new deploy's page never runs an old copy from the HTTP cache (it is not hashed
  // by Vite, and served with max-age=1h)
  const bootFile = join(distDir, 'boot.js');
  const bootSrc = existsSync(bootFile) ? `/boot.js?v=${createHash('sha256').update(readFileSync(bootFile)).digest('hex').slice(0, 10)}` : null;

  const cache = new Map<string, string>();
  const render = (route: (typeof ROUTES)[number] | undefined): string => {
    const key = route ? route.path.source : '';
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    let html = base;
    // a page boot.js paints asks for its code only once it is painted (src/main.tsx): nothing to preload then
    const paintedFirst = !!(route?.bootPainted && bootSrc);
    if (manifest && !paintedFirst) {
      const files: string[] = [];
      const seen = new Set<string>();
      const walk = (k: string) => {
        if (seen.has(k) || !manifest[k]) return;
        seen.add(k);
        const c = manifest[k];
        if (!already.has(c.file) && c.file.endsWith('.js')) files.push(c.file);
        for (const i of c.imports ?? []) walk(i);
      };
      // the app (the entry imports it at once on these pages), then the page's layout and module
      walk(APP_MAIN);
      if (route?.layout) walk(route.layout);
      if (route) walk(route.module);
      const links = files.map((f) => `<link rel="modulepreload" crossorigin href="/${f}">`).join('\n    ');
      if (links) html = html.replace('</head>', `  ${links}\n  </head>`);
    }
    if (route && !route.publicShell && bootSrc) {
      // right before the entry: a `defer` classic script and the module entry run in document order once the page is
      // parsed, so the entry always finds the requests started (an `async` one ran after the entry whenever it queued
      // behind the chunks: measured, every request then went twice); it never holds the parser or the first paint.
      // High priority: its requests are the page's critical path (a deferred script is Low by default)
      const tag = `<script defer fetchpriority="high" src="${bootSrc}"></script>`;
      html = ENTRY_SCRIPT.test(html) ? html.replace(ENTRY_SCRIPT, (entry) => `${tag}\n    ${entry}`) : html.replace('</head>', `  ${tag}\n  </head>`);
    }
    const volunteer = route?.nav && volunteerShell ? volunteerShell : '';
    if ((route?.publicShell && shell) || volunteer) {
      const head = route!.page ? (pages.get(route!.page) ?? '') : volunteer ? '' : PAGE_SLOT;
      const painted = volunteer
        ? volunteer.replaceAll(`data-nav="${route!.nav}"`, `data-nav="${route!.nav}" aria-current="page"`).replace(PAGE_SLOT, head)
        : shell.replace(PAGE_SLOT, head);
      html = html.replace(ROOT_DIV, `<div id="root">${painted}${ROOT_CLOSE}`);
    }
    if (route?.publicShell && shell) {
      // Here the first paint (the shell) needs none of the chunks: say so with a low fetch priority (they still start
      // at once). Lighthouse's simulation otherwise counts every High-priority script that finished before the
      // observed first paint as render-blocking (on a fast local load they all do) and simulates the shell as waiting
      // for ~270 KiB of JavaScript on slow 4G. The other pages keep High: their largest paint does need the JS, and
      // Chrome holds Low requests back while High ones are in flight (measured on /activities before boot.js painted its
      // cards: the chunks then arrived one after another instead of together). /activities, painted by boot.js,
      // preloads nothing (above).
      html = html.replace(/<link rel="modulepreload" crossorigin href=/g, '<link rel="modulepreload" fetchpriority="low" crossorigin href=');
    }
    cache.set(key, html);
    return html;
  };
  return {
    htmlFor: (pathname, data) => {
      for (const route of ROUTES) {
        const m = route.path.exec(pathname);
        if (!m) continue;
        const html = render(route);
        const siteId = menuSiteId(pathname);
        const menu = siteId && data?.menu && data.menu.total <= data.menu.items.length ? data.menu : undefined;
        const page = menu && shell ? menuHtml(menu.items) : '';
        if (siteId && page && html.includes(PAGE_SLOT)) {
          // the page painted by the server, and its data for React's first render (key = apps/web orderKeys.menu)
          const json = JSON.stringify([{ queryKey: ['menu-items', siteId], data: menu!.items }]).replace(/</g, '\\u003c');
          return html.replace(PAGE_SLOT, () => page).replace(ROOT_CLOSE, () => `${ROOT_CLOSE}\n    <script type="application/json" id="route-data">${json}</script>`);
        }
        // the URL part is a checked UUID: nothing the visitor typed reaches the HTML unescaped
        return route.data ? html.replace('</head>', `  <link rel="preload" as="fetch" crossorigin href="${route.data(m)}">\n  </head>`) : html;
      }
      return render(undefined);
    },
  };
}
