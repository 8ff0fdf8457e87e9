/**
 * The page's side of the offline queue: queue a record, and send the queue when the network returns
 * (the `online` event), when the app starts, every 30 s while records wait, and — where the browser has
 * Background Sync — from the service worker even with the page closed.
 */
import type { OfflineCheckinRecord } from '@wenming/shared';
import { getToken } from '@/lib/auth-token';
import { enqueue, queued, setMeta, SYNC_TAG, tokenOwner } from './offline-store';
import { flushQueue, type FlushResult } from './offline-sync';

const RETRY_MS = 30_000;

async function registerBackgroundSync(): Promise<void> {
  try {
    if (!('serviceWorker' in navigator)) return;
    const reg = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } };
    await reg.sync?.register(SYNC_TAG);
  } catch {
    /* no Background Sync (Firefox, Safari): the online event and app start cover it */
  }
}

export async function queueRecord(record: OfflineCheckinRecord): Promise<void> {
  const token = getToken();
  await enqueue(record, tokenOwner(token));
  await setMeta('token', token);
  void registerBackgroundSync();
  scheduleRetry();
}

export function syncNow(): Promise<FlushResult> {
  return flushQueue(getToken());
}

let timer: ReturnType<typeof setTimeout> | null = null;
function scheduleRetry() {
  if (timer) return;
  timer = setTimeout(async () => {
    timer = null;
    if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      scheduleRetry();
      return;
    }
    const r = await syncNow().catch(() => null);
    if (!r || r.left > 0) scheduleRetry();
  }, RETRY_MS);
}

let started = false;
/** Called once from the web entry. */
export function startOfflineSync(): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  window.addEventListener('online', () => void syncNow());
  void queued().then((list) => {
    if (list.length) void syncNow().then((r) => r.left > 0 && scheduleRetry());
  });
}
