import type {
  AttendanceDto as AttendanceView,
  AttendanceListItemDto,
  CheckinCodeListResponse,
  CheckinCodeResponse,
  CheckinCodeStep,
  OfflineCheckinRecord,
} from '@wenming/shared';
import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { LARGE_PAGE, api, ApiError, getAllPages } from '@/lib/api-client';
import { getToken } from '@/lib/auth-token';
import { loadCodes, queued, saveCodes, tokenOwner, type StoredCodeList } from '../lib/offline-store';
import { queueRecord } from '../lib/offline-runtime';
import { newRecordId, SEND_TIMEOUT_MS } from '../lib/offline-sync';

export const checkinKeys = {
  all: ['checkin'] as const,
  code: (activityId: string) => [...checkinKeys.all, 'code', activityId] as const,
  count: (activityId: string) => [...checkinKeys.all, 'attendance', activityId] as const,
  codes: (activityId: string) => [...checkinKeys.all, 'codes', activityId] as const,
};

export const CODE_REFRESH_MAX_MS = 60_000;
export const ATTENDANCE_REFRESH_MS = 10_000;

export const getCheckinCode = (activityId: string) => api.get<CheckinCodeResponse>(`/activities/${activityId}/checkin-code`);
export const getCheckinCodes = (activityId: string) => api.get<CheckinCodeListResponse>(`/activities/${activityId}/checkin-codes`);
/** Live check-in/out; the idempotency key rides along so a retry of a lost answer changes nothing. Times out (then queued). */
export const postCheckin = (activityId: string, code: string, idempotencyKey?: string) =>
  api.post<AttendanceView>(`/activities/${activityId}/checkin`, { code, idempotencyKey }, { signal: AbortSignal.timeout(SEND_TIMEOUT_MS) });
export const postCheckout = (activityId: string, code: string, idempotencyKey?: string) =>
  api.post<AttendanceView>(`/activities/${activityId}/checkout`, { code, idempotencyKey }, { signal: AbortSignal.timeout(SEND_TIMEOUT_MS) });
/** Every attendance row (all pages): the live counter must not stop at the first page of 20. */
export const listAttendance = async (activityId: string) =>
  (await getAllPages<AttendanceListItemDto>(`/activities/${activityId}/attendance`, {}, { pageSize: LARGE_PAGE })).items;

/** Milliseconds until the code should be fetched again: at expiresAt, and at least every 60 s. */
export function nextCodeRefreshMs(expiresAt: string | undefined, now = Date.now()): number {
  if (!expiresAt) return CODE_REFRESH_MAX_MS;
  const ms = Date.parse(expiresAt) - now;
  if (!Number.isFinite(ms)) return CODE_REFRESH_MAX_MS;
  return Math.min(CODE_REFRESH_MAX_MS, Math.max(1_000, ms + 250));
}

export function useCheckinCode(activityId: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: checkinKeys.code(activityId),
    queryFn: () => getCheckinCode(activityId),
    staleTime: 0,
    gcTime: 0,
    refetchInterval: (query) => nextCodeRefreshMs(query.state.data?.expiresAt),
    refetchIntervalInBackground: true,
  });
}

export const CODES_REFRESH_MS = 5 * 60_000;

/** Fetch the code list and keep it (IndexedDB) with the offset of this device's clock from the server's. */
async function fetchCodeList(activityId: string): Promise<StoredCodeList> {
  const sent = Date.now();
  const list = await getCheckinCodes(activityId);
  const received = Date.now();
  const stored = { ...list, offsetMs: Date.parse(list.serverTime) - (sent + received) / 2 };
  await saveCodes(stored).catch(() => undefined);
  return stored;
}

/**
 * The codes of the coming minutes for the leader's screen: fetched while online (every 5 min), kept in
 * memory and IndexedDB, so the screen keeps showing the current code when the network drops.
 */
export function useCheckinCodeList(activityId: string) {
  const [stored, setStored] = useState<StoredCodeList | null>(null);
  useEffect(() => {
    let live = true;
    void loadCodes(activityId)
      .then((l) => live && l && setStored((s) => s ?? l))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [activityId]);
  const query = useQuery({
    queryKey: checkinKeys.codes(activityId),
    queryFn: () => fetchCodeList(activityId),
    refetchInterval: CODES_REFRESH_MS,
    refetchIntervalInBackground: true,
    meta: { silent: true },
  });
  return { list: query.data ?? stored, query };
}

/** The step on show at `now` (device clock corrected by the list's offset), or null when the list does not cover it. */
export function currentStep(list: StoredCodeList | null | undefined, now = Date.now()): (CheckinCodeStep & { expiresAt: string; qrPayload: string }) | null {
  if (!list) return null;
  const stepMs = list.stepSeconds * 1000;
  const start = Math.floor((now + list.offsetMs) / stepMs) * stepMs;
  const hit = list.codes.find((c) => Date.parse(c.stepStart) === start);
  if (!hit) return null;
  // expiresAt on the device's own clock, so the countdown matches what it shows
  return { ...hit, expiresAt: new Date(start + stepMs - list.offsetMs).toISOString(), qrPayload: list.qrPayloadBase + hit.code };
}

/** The device's network state (the `online`/`offline` events). */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => (typeof navigator === 'undefined' ? true : navigator.onLine !== false));
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/** Date.now(), re-rendered every `intervalMs`. */
export function useNow(intervalMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

export function useLiveAttendance(activityId: string) {
  return useQuery({
    queryKey: checkinKeys.count(activityId),
    queryFn: () => listAttendance(activityId),
    refetchInterval: ATTENDANCE_REFRESH_MS,
    refetchIntervalInBackground: true,
  });
}

export type CheckinActionResult = { queued: false; attendance: AttendanceView } | { queued: true; record: OfflineCheckinRecord };

/** The request could not reach the server (no network, DNS, timeout): not an answer from it. */
export function isUnreachable(e: unknown): boolean {
  return e instanceof ApiError && e.statusCode === 0;
}

/**
 * Check-in/out: sent at once when the phone is online; kept on the phone (IndexedDB) with the minute it was
 * made when the request cannot reach the server, or when earlier records of this activity still wait (a
 * check-out must not overtake its check-in). A 4xx from the server is shown as before.
 */
export function useCheckinAction(activityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ kind, code }: { kind: 'in' | 'out'; code: string }): Promise<CheckinActionResult> => {
      const record: OfflineCheckinRecord = {
        id: newRecordId(),
        activityId,
        action: kind === 'in' ? 'checkin' : 'checkout',
        code,
        observedAt: new Date().toISOString(),
      };
      const me = tokenOwner(getToken());
      const waiting = (await queued()).some((r) => r.activityId === activityId && (!r.owner || r.owner === me));
      if (waiting || navigator.onLine === false) {
        await queueRecord(record);
        return { queued: true, record };
      }
      try {
        const attendance = kind === 'in' ? await postCheckin(activityId, code, record.id) : await postCheckout(activityId, code, record.id);
        return { queued: false, attendance };
      } catch (e) {
        if (!isUnreachable(e)) throw e;
        await queueRecord(record);
        return { queued: true, record };
      }
    },
    meta: { silent: true },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['me', 'record'] });
    },
  });
}
