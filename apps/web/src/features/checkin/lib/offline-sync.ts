/**
 * Sending the offline queue (shared by the page and the service worker: relative imports only, no DOM).
 *
 * In order, one record at a time, each with its idempotency key (`id`), so a record the server already has
 * (the answer was lost) is answered with the same attendance and changes nothing. A record leaves the queue
 * when the server answered it: 2xx (landed) or a final 4xx (refused: kept in `refused` with the server's
 * message for the volunteer to read). A network error, a timeout, 5xx, 408, 429 keep it, and stop the run
 * (the records behind it wait, so a check-out never overtakes its check-in); 401 keeps it too until the
 * volunteer logs in again.
 */
import { addRefused, announceChange, getMeta, queued, removeQueued, setMeta, tokenOwner, type QueuedRecord } from './offline-store';

export const API_BASE = '/api/v1';
export const SEND_TIMEOUT_MS = 15_000;
const LOCK = 'wenming-checkin-queue';

export type SendResult = { kind: 'done' } | { kind: 'refused'; statusCode: number; errorCode: string; message: string } | { kind: 'retry' } | { kind: 'auth' };

/** Statuses that say "try again later", not "never". */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

export async function sendRecord(r: QueuedRecord, token: string | null, fetchImpl: typeof fetch = fetch): Promise<SendResult> {
  if (!token) return { kind: 'auth' };
  let res: Response;
  try {
    res = await fetchImpl(`${API_BASE}/activities/${r.activityId}/${r.action}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ code: r.code, observedAt: r.observedAt, idempotencyKey: r.id }),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch {
    return { kind: 'retry' };
  }
  if (res.ok) return { kind: 'done' };
  if (res.status === 401) return { kind: 'auth' };
  if (isTransientStatus(res.status)) return { kind: 'retry' };
  let body: { code?: string; message?: string } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    body = {};
  }
  return { kind: 'refused', statusCode: res.status, errorCode: body.code ?? `HTTP_${res.status}`, message: body.message || `上传被拒绝（${res.status}）` };
}

export interface FlushResult {
  sent: number;
  refused: number;
  left: number;
  stoppedBy?: 'retry' | 'auth';
}

async function flushUnlocked(token: string | null, fetchImpl: typeof fetch): Promise<FlushResult> {
  const out: FlushResult = { sent: 0, refused: 0, left: 0 };
  // only this login's records: another volunteer's records on a shared phone wait for their own login
  const me = tokenOwner(token);
  const list = (await queued()).filter((r) => !r.owner || !me || r.owner === me);
  for (let i = 0; i < list.length; i++) {
    const r = list[i];
    const res = await sendRecord(r, token, fetchImpl);
    if (res.kind === 'done') {
      await removeQueued(r.seq!);
      out.sent++;
    } else if (res.kind === 'refused') {
      await addRefused({
        id: r.id,
        activityId: r.activityId,
        action: r.action,
        code: r.code,
        observedAt: r.observedAt,
        owner: r.owner ?? null,
        statusCode: res.statusCode,
        errorCode: res.errorCode,
        message: res.message,
        refusedAt: new Date().toISOString(),
      });
      await removeQueued(r.seq!);
      out.refused++;
    } else {
      out.stoppedBy = res.kind;
      out.left = list.length - i;
      break;
    }
  }
  if (out.sent || out.refused) announceChange();
  return out;
}

let running: Promise<FlushResult> | null = null;

/**
 * Send the queue now. One run at a time per context, and across the page and the service worker through the
 * Web Locks API where the browser has it (else the idempotency keys make a double send harmless).
 * `token` undefined: the one kept in `meta` (the service worker's case).
 */
export function flushQueue(token?: string | null, fetchImpl: typeof fetch = fetch): Promise<FlushResult> {
  if (running) return running;
  const run = async () => {
    const tok = token === undefined ? ((await getMeta('token')) ?? null) : token;
    if (token) await setMeta('token', token);
    const locks = (globalThis.navigator as Navigator | undefined)?.locks;
    return locks ? locks.request(LOCK, () => flushUnlocked(tok, fetchImpl)) : flushUnlocked(tok, fetchImpl);
  };
  running = run().finally(() => {
    running = null;
  });
  return running;
}

/** A v4 UUID, also on plain-http pages where crypto.randomUUID is missing (e.g. a LAN address). */
export function newRecordId(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const b = new Uint8Array(16);
  c.getRandomValues(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
