/** Rules both sides need. */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/;
export const DEFAULT_STAR_THRESHOLDS_HOURS = [100, 300, 600, 1000, 1500] as const;
export const CHECKIN_OPENS_BEFORE_MINUTES = 30;
export const CHECKOUT_CLOSES_AFTER_MINUTES = 60;
export const MAX_ACTIVITY_HOURS = 24;
export const PAGE_SIZE_MAX = 100;
export const TIME_ZONE = 'Asia/Shanghai';

/** 110101199003071234 → 1101**********1234 */
export function maskIdNumber(idNumber: string | null | undefined): string | null {
  if (!idNumber) return null;
  if (idNumber.length <= 8) return '*'.repeat(idNumber.length);
  return idNumber.slice(0, 4) + '*'.repeat(idNumber.length - 8) + idNumber.slice(-4);
}

/** 13800000001 → 138****0001 */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  if (phone.length < 7) return phone;
  return phone.slice(0, 3) + '****' + phone.slice(-4);
}

/** serviceMinutes / 60 rounded half up to one decimal. */
export function minutesToHours(minutes: number): number {
  return Math.floor((minutes * 10) / 60 + 0.5) / 10;
}

export function starLevel(hours: number, thresholds: readonly number[] = DEFAULT_STAR_THRESHOLDS_HOURS): number {
  let star = 0;
  thresholds.forEach((t, i) => {
    if (hours >= t) star = i + 1;
  });
  return star;
}
