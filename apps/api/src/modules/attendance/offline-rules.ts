import { OFFLINE_CLOCK_SKEW_SECONDS } from '@wenming/shared';
import { CHECKIN_STEP_SECONDS, checkinCodeForStep, checkinStep } from './checkin-code';
import { timingSafeEqual } from 'node:crypto';

/**
 * The late-record rule (DESIGN.md "Offline check-in"): a check-in or check-out that a phone kept while it had
 * no network proves the minute it claims by the code of that minute.
 *
 * Accepted only when, in this order:
 * 1. the claimed instant is not in the future (a phone clock may run ahead by OFFLINE_CLOCK_SKEW_SECONDS);
 * 2. it arrives within `graceHours` of the claimed minute;
 * 3. the claimed minute lies in the window (the minute [stepStart, stepStart + 60 s) must overlap
 *    [opens, closes]: a minute that ends exactly at `opens` is before the window);
 * 4. the code is the code of the claimed minute's step or of the step before (the screen shows a code for a
 *    minute, and the previous code stays valid one more minute, as online).
 * The attendance then carries the claimed minute (its step start, never before `opens`).
 */
export type OfflineRefusal = 'OFFLINE_TIME_IN_FUTURE' | 'OFFLINE_GRACE_EXPIRED' | 'OUTSIDE_WINDOW' | 'OFFLINE_CODE_MISMATCH';

export interface OfflineRecordInput {
  secret: string;
  code: string;
  observedAt: Date;
  /** Server time of arrival. */
  now: Date;
  window: { opens: Date; closes: Date };
  graceHours: number;
  skewSeconds?: number;
}

export type OfflineVerdict = { ok: true; at: Date } | { ok: false; reason: OfflineRefusal };

const STEP_MS = CHECKIN_STEP_SECONDS * 1000;

function sameCode(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

export function judgeOfflineRecord(i: OfflineRecordInput): OfflineVerdict {
  const skewMs = (i.skewSeconds ?? OFFLINE_CLOCK_SKEW_SECONDS) * 1000;
  const observed = i.observedAt.getTime();
  const now = i.now.getTime();
  if (!Number.isFinite(observed) || observed > now + skewMs) return { ok: false, reason: 'OFFLINE_TIME_IN_FUTURE' };
  const step = checkinStep(observed);
  const stepStart = step * STEP_MS;
  if (now - stepStart > i.graceHours * 3600_000) return { ok: false, reason: 'OFFLINE_GRACE_EXPIRED' };
  if (stepStart > i.window.closes.getTime() || stepStart + STEP_MS <= i.window.opens.getTime()) return { ok: false, reason: 'OUTSIDE_WINDOW' };
  if (!/^\d{6}$/.test(i.code)) return { ok: false, reason: 'OFFLINE_CODE_MISMATCH' };
  let match = false;
  for (const s of [step, step - 1]) if (sameCode(checkinCodeForStep(i.secret, s), i.code)) match = true;
  if (!match) return { ok: false, reason: 'OFFLINE_CODE_MISMATCH' };
  return { ok: true, at: new Date(Math.max(stepStart, i.window.opens.getTime())) };
}

/** The codes of every step from `from` (its step) to `until` (the step containing it), one per minute. */
export function codesBetween(secret: string, from: Date, until: Date): Array<{ stepStart: Date; code: string }> {
  const out: Array<{ stepStart: Date; code: string }> = [];
  for (let s = checkinStep(from), last = checkinStep(until); s <= last; s++) {
    out.push({ stepStart: new Date(s * STEP_MS), code: checkinCodeForStep(secret, s) });
  }
  return out;
}
