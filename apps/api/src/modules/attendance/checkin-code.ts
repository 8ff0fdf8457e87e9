import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The rotating check-in code: an HOTP-style (RFC 4226) truncation of
 * HMAC-SHA256(activity.checkin_secret, floor(unixSeconds / 60)), six digits.
 * The current and the previous step are accepted, so a code shown at the very end of its
 * step still works while the volunteer types it; a code two steps old is useless.
 */
export const CHECKIN_STEP_SECONDS = 60;
export const CHECKIN_CODE_DIGITS = 6;

export function checkinStep(at: Date | number): number {
  return Math.floor(new Date(at).getTime() / 1000 / CHECKIN_STEP_SECONDS);
}

export function checkinCodeForStep(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const h = createHmac('sha256', secret).update(counter).digest();
  const offset = h[h.length - 1] & 0x0f;
  const bin = ((h[offset] & 0x7f) << 24) | (h[offset + 1] << 16) | (h[offset + 2] << 8) | h[offset + 3];
  return String(bin % 10 ** CHECKIN_CODE_DIGITS).padStart(CHECKIN_CODE_DIGITS, '0');
}

/** The code on show at `at`, and the instant its step ends. */
export function currentCheckinCode(secret: string, at: Date | number = Date.now()): { code: string; expiresAt: Date } {
  const step = checkinStep(at);
  return { code: checkinCodeForStep(secret, step), expiresAt: new Date((step + 1) * CHECKIN_STEP_SECONDS * 1000) };
}

/** True when `code` is the current or the previous step's code (constant-time compare). */
export function verifyCheckinCode(secret: string, code: string, at: Date | number = Date.now()): boolean {
  if (typeof code !== 'string' || !/^\d{6}$/.test(code)) return false;
  const step = checkinStep(at);
  let ok = false;
  for (const s of [step, step - 1]) {
    if (timingSafeEqual(Buffer.from(checkinCodeForStep(secret, s)), Buffer.from(code))) ok = true;
  }
  return ok;
}

/** The QR payload: the web app's check-in route. Relative when no public base URL is configured. */
export function checkinQrPayload(publicBaseUrl: string | undefined, activityId: string, code: string): string {
  const base = (publicBaseUrl ?? '').replace(/\/+$/, '');
  return `${base}/checkin/${activityId}?code=${code}`;
}
