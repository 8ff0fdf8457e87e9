/**
 * What the phone keeps while it has no network (IndexedDB via `idb`), shared by the page and the service
 * worker (so: relative imports only, no DOM).
 *
 * - `queue`: check-ins/check-outs that could not reach the server, in the order they were made (auto key);
 *   a record leaves the queue only when the server answered it (2xx, or a final 4xx → `refused`).
 * - `refused`: records the server refused for good, with its message, until the volunteer dismisses them.
 * - `codes`: the leader's downloaded code list per activity (the screen keeps rotating them offline).
 * - `meta`: the bearer token for a sync started by the service worker (Background Sync) with no page open.
 *
 * Without IndexedDB (tests in happy-dom, private modes) everything lives in memory for the page's lifetime.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { CheckinCodeListResponse, OfflineCheckinRecord } from '@wenming/shared';

export interface QueuedRecord extends OfflineCheckinRecord {
  seq?: number;
  queuedAt: string;
  /** The login (user id, the token's `sub`) that made the record: only that login's token ever sends it. */
  owner: string | null;
}
/** The leader's code list as kept on the screen, with the screen clock's offset from the server's. */
export interface StoredCodeList extends CheckinCodeListResponse {
  offsetMs: number;
}
export interface RefusedRecord extends OfflineCheckinRecord {
  owner: string | null;
  statusCode: number;
  errorCode: string;
  message: string;
  refusedAt: string;
}

interface OfflineDb extends DBSchema {
  queue: { key: number; value: QueuedRecord };
  refused: { key: string; value: RefusedRecord };
  codes: { key: string; value: StoredCodeList };
  meta: { key: string; value: string };
}

const DB_NAME = 'wenming-offline';
export const QUEUE_CHANNEL = 'wenming-offline-queue';
export const SYNC_TAG = 'wenming-checkin-queue';

let dbPromise: Promise<IDBPDatabase<OfflineDb> | null> | null = null;

function db(): Promise<IDBPDatabase<OfflineDb> | null> {
  if (!dbPromise) {
    dbPromise =
      typeof indexedDB === 'undefined'
        ? Promise.resolve(null)
        : openDB<OfflineDb>(DB_NAME, 1, {
            upgrade(d) {
              d.createObjectStore('queue', { keyPath: 'seq', autoIncrement: true });
              d.createObjectStore('refused', { keyPath: 'id' });
              d.createObjectStore('codes', { keyPath: 'activityId' });
              d.createObjectStore('meta');
            },
          }).catch(() => null);
  }
  return dbPromise;
}

// in-memory fallback
const mem = { seq: 0, queue: [] as QueuedRecord[], refused: new Map<string, RefusedRecord>(), codes: new Map<string, StoredCodeList>(), meta: new Map<string, string>() };

/** Tell every page (and the worker) that the queue changed. */
export function announceChange(): void {
  try {
    const ch = new BroadcastChannel(QUEUE_CHANNEL);
    ch.postMessage('changed');
    ch.close();
  } catch {
    /* no BroadcastChannel: same-page listeners are called below */
  }
  localListeners.forEach((l) => l());
}
const localListeners = new Set<() => void>();
export function onQueueChange(listener: () => void): () => void {
  localListeners.add(listener);
  let ch: BroadcastChannel | null = null;
  try {
    ch = new BroadcastChannel(QUEUE_CHANNEL);
    ch.onmessage = () => listener();
  } catch {
    ch = null;
  }
  return () => {
    localListeners.delete(listener);
    ch?.close();
  };
}

export async function enqueue(record: OfflineCheckinRecord, owner: string | null): Promise<void> {
  const d = await db();
  const value: QueuedRecord = { ...record, owner, queuedAt: new Date().toISOString() };
  if (d) await d.add('queue', value);
  else mem.queue.push({ ...value, seq: ++mem.seq });
  announceChange();
}

/** The queue, oldest first. */
export async function queued(): Promise<QueuedRecord[]> {
  const d = await db();
  return d ? d.getAll('queue') : [...mem.queue];
}

export async function removeQueued(seq: number): Promise<void> {
  const d = await db();
  if (d) await d.delete('queue', seq);
  else mem.queue = mem.queue.filter((r) => r.seq !== seq);
}

export async function addRefused(r: RefusedRecord): Promise<void> {
  const d = await db();
  if (d) await d.put('refused', r);
  else mem.refused.set(r.id, r);
}

export async function refused(): Promise<RefusedRecord[]> {
  const d = await db();
  const list = d ? await d.getAll('refused') : [...mem.refused.values()];
  return list.sort((a, b) => a.refusedAt.localeCompare(b.refusedAt));
}

export async function dismissRefused(id: string): Promise<void> {
  const d = await db();
  if (d) await d.delete('refused', id);
  else mem.refused.delete(id);
  announceChange();
}

export async function saveCodes(list: StoredCodeList): Promise<void> {
  const d = await db();
  if (d) await d.put('codes', list);
  else mem.codes.set(list.activityId, list);
}

export async function loadCodes(activityId: string): Promise<StoredCodeList | undefined> {
  const d = await db();
  return d ? d.get('codes', activityId) : mem.codes.get(activityId);
}

export async function setMeta(key: string, value: string | null): Promise<void> {
  const d = await db();
  if (d) {
    if (value === null) await d.delete('meta', key);
    else await d.put('meta', value, key);
  } else if (value === null) mem.meta.delete(key);
  else mem.meta.set(key, value);
}

export async function getMeta(key: string): Promise<string | undefined> {
  const d = await db();
  return d ? d.get('meta', key) : mem.meta.get(key);
}

/** Test helper: forget everything (memory and the database). */
export async function clearOfflineStore(): Promise<void> {
  const d = await db();
  if (d) for (const s of ['queue', 'refused', 'codes', 'meta'] as const) await d.clear(s);
  mem.queue = [];
  mem.refused.clear();
  mem.codes.clear();
  mem.meta.clear();
}

/** The user id (`sub`) inside a bearer token (JWT), without verifying it: only to keep one login's records apart from another's. */
export function tokenOwner(token: string | null | undefined): string | null {
  if (!token) return null;
  try {
    const part = token.split('.')[1];
    const json = atob(
      part
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(part.length / 4) * 4, '='),
    );
    const sub = (JSON.parse(json) as { sub?: unknown }).sub;
    return typeof sub === 'string' ? sub : null;
  } catch {
    return null;
  }
}
