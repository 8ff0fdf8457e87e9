/// <reference lib="webworker" />
/**
 * The service worker (vite-plugin-pwa, injectManifest; Workbox 7). See docs/api/attendance.md "Offline".
 *
 * - Precaches the app shell (the build's JS/CSS/HTML/icons) so the volunteer's pages open with no network.
 * - Navigations: the volunteer's routes (and the leader's check-in screen) are answered with the precached
 *   index.html (new versions arrive through the update prompt); every other page (the admin pages) is network-only.
 * - API: only what the volunteer's pages need to open offline is cached, network-first (4 s), per login
 *   (the cache key carries a hash of the bearer token, so a second login on the phone never sees the first's
 *   data): GET /me, /me/*, /activities, /activities/:id. Nothing else under /api is cached; writes never are.
 * - Background Sync: tag `wenming-checkin-queue` sends the offline check-in queue (even with the page closed).
 * - Update: waits until the page asks (`SKIP_WAITING` after the user taps 刷新 on "新版本可用").
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst, NetworkOnly } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';
import type { WorkboxPlugin } from 'workbox-core';
import { SYNC_TAG } from './features/checkin/lib/offline-store';
import { flushQueue } from './features/checkin/lib/offline-sync';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

/** Client routes that open offline from the precached shell. */
export const OFFLINE_ROUTES = [
  /^\/$/,
  /^\/activities(\/[^/]+)?\/?$/,
  /^\/checkin(\/[^/]+)?\/?$/,
  /^\/record\/?$/,
  /^\/my-activities\/?$/,
  /^\/manage\/activities\/[^/]+\/screen\/?$/,
];

registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { allowlist: OFFLINE_ROUTES }));
// the other pages: always from the network (no offline copy of admin screens)
registerRoute(({ request }) => request.mode === 'navigate', new NetworkOnly());

/** A short non-cryptographic hash: only partitions the cache per login, the token itself is never stored in a key. */
function hash(s: string): string {
  let h = 5381;
  for (let i = 0; i < s.length; i++) h = ((h << 5) + h + s.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}

const perLogin: WorkboxPlugin = {
  cacheKeyWillBeUsed: async ({ request }) => {
    const url = new URL(request.url);
    url.searchParams.set('__login', hash(request.headers.get('Authorization') ?? 'anonymous'));
    return url.href;
  },
};

const VOLUNTEER_API = [/^\/api\/v1\/me(\/[\w-]+)*$/, /^\/api\/v1\/activities$/, /^\/api\/v1\/activities\/[0-9a-f-]{36}$/];

registerRoute(
  ({ url, request, sameOrigin }) => sameOrigin && request.method === 'GET' && VOLUNTEER_API.some((re) => re.test(url.pathname)),
  new NetworkFirst({
    cacheName: 'wm-volunteer-api',
    networkTimeoutSeconds: 4,
    plugins: [perLogin, new ExpirationPlugin({ maxEntries: 80, maxAgeSeconds: 7 * 24 * 3600 })],
  }),
);

self.addEventListener('message', (event) => {
  if (event.data && (event.data as { type?: string }).type === 'SKIP_WAITING') void self.skipWaiting();
});

interface SyncEvent extends ExtendableEvent {
  tag: string;
}
self.addEventListener('sync', ((event: SyncEvent) => {
  if (event.tag !== SYNC_TAG) return;
  event.waitUntil(
    flushQueue().then((r) => {
      // still records left (server down, token expired): let the browser retry the sync later
      if (r.left > 0 && r.stoppedBy === 'retry') throw new Error('offline queue not fully sent');
    }),
  );
}) as EventListener);
