import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The web app's index.html as the API serves it for a client route (issue 15, the first load on a village phone):
 *
 * - `<link rel="modulepreload">` for the chunks of the page the URL asks for (from Vite's build manifest,
 *   `dist/.vite/manifest.json`), so on a slow network they download alongside the entry instead of after it has run;
 * - the small global stylesheet inlined (one render-blocking request less);
 * - on the public pages (login, a station's menu, …) the public header from `<template id="public-shell">` put into
 *   `#root`, painted before any JavaScript. React replaces it with the identical header of `PublicLayout`.
 *
 * Built once per route at start-up (the dist folder does not change while the process runs); without a manifest
 * (an older build, the tests' fake dist) the page is served as built.
 */
export interface WebIndex {
  /** The HTML for a client route's path (`/login`, `/menu/<id>`, …). */
  htmlFor(pathname: string): string;
}

/** Client routes → the page module of `apps/web/src/app/router.tsx` and whether it sits in the public layout. */
const AUTHED = 'src/app/layouts/authed-layout.tsx';
const ROUTES: ReadonlyArray<{ path: RegExp; module: string; publicShell: boolean; layout?: string }> = [
  { path: /^\/login\/?$/, module: 'src/app/routes/login.tsx', publicShell: true },
  { path: /^\/register\/?$/, module: 'src/app/routes/register.tsx', publicShell: true },
  { path: /^\/menu\/[^/]+\/?$/, module: 'src/app/routes/menu.tsx', publicShell: true },
  { path: /^\/track\/[^/]+\/?$/, module: 'src/app/routes/track.tsx', publicShell: true },
  { path: /^\/honours\/?$/, module: 'src/app/routes/honour-roll.tsx', publicShell: true },
  // the volunteer's pages (staff get the admin shell on top; a logged-out visitor is sent to /login)
  { path: /^\/activities\/?$/, module: 'src/app/routes/browse-activities.tsx', publicShell: false, layout: AUTHED },
  { path: /^\/activities\/[^/]+\/?$/, module: 'src/app/routes/activity.tsx', publicShell: false, layout: AUTHED },
  { path: /^\/checkin(?:\/[^/]+)?\/?$/, module: 'src/app/routes/checkin.tsx', publicShell: false, layout: AUTHED },
  { path: /^\/record\/?$/, module: 'src/app/routes/my-record.tsx', publicShell: false, layout: AUTHED },
  { path: /^\/my-activities\/?$/, module: 'src/app/routes/my-activities.tsx', publicShell: false, layout: AUTHED },
  { path: /^\/points\/?$/, module: 'src/app/routes/points.tsx', publicShell: false, layout: AUTHED },
  { path: /^\/find-teams\/?$/, module: 'src/app/routes/find-teams.tsx', publicShell: false, layout: AUTHED },
  // every other page but the check-in screen sits in the logged-in layout (its page depends on the role)
  { path: /^\/(?!manage\/activities\/[^/]+\/screen)/, module: AUTHED, publicShell: false },
];

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
}

const SHELL_TEMPLATE = /<template id="public-shell">([\s\S]*?)<\/template>\s*/;
const ROOT_DIV = '<div id="root"></div>';
/** Stylesheets this small are cheaper inline than as a render-blocking request (the global styles.css is ~1.5 KB). */
const INLINE_CSS_MAX = 8 * 1024;

export function loadWebIndex(distDir: string): WebIndex {
  let base = readFileSync(join(distDir, 'index.html'), 'utf8');
  const shellMatch = SHELL_TEMPLATE.exec(base);
  const shell = shellMatch ? shellMatch[1].trim() : '';
  if (shellMatch) base = base.replace(SHELL_TEMPLATE, '');
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

  const cache = new Map<string, string>();
  const render = (route: (typeof ROUTES)[number] | undefined): string => {
    const key = route ? route.path.source : '';
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    let html = base;
    if (route && manifest?.[route.module]) {
      const files: string[] = [];
      const seen = new Set<string>();
      const walk = (k: string) => {
        if (seen.has(k) || !manifest[k]) return;
        seen.add(k);
        const c = manifest[k];
        if (!already.has(c.file) && c.file.endsWith('.js')) files.push(c.file);
        for (const i of c.imports ?? []) walk(i);
      };
      if (route.layout) walk(route.layout);
      walk(route.module);
      const links = files.map((f) => `<link rel="modulepreload" crossorigin href="/${f}">`).join('\n    ');
      if (links) html = html.replace('</head>', `  ${links}\n  </head>`);
    }
    if (route?.publicShell && shell) html = html.replace(ROOT_DIV, `<div id="root">${shell}</div>`);
    cache.set(key, html);
    return html;
  };
  return { htmlFor: (pathname) => render(ROUTES.find((r) => r.path.test(pathname))) };
}
