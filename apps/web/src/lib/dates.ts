/** Every date and time is shown, and every picked wall-clock time is meant, in Asia/Shanghai. */
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import 'dayjs/locale/zh-cn';
import { TIME_ZONE } from '@wenming/shared';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

export { dayjs };
export type { Dayjs };

/**
 * Asia/Shanghai has been UTC+8 all year since 1991 (no daylight saving): a fixed offset gives the same wall clock as
 * `.tz(TIME_ZONE)` without the timezone plugin's Intl lookup on every call — measured on the volunteer's /activities
 * at 4× CPU slow-down: 167 ms of the first load's main thread for one page of ten cards (issue 15).
 */
const SHANGHAI_UTC_OFFSET_MINUTES = 8 * 60;

export function inShanghai(value: string | number | Date | Dayjs): Dayjs {
  return dayjs(value).utcOffset(SHANGHAI_UTC_OFFSET_MINUTES);
}

export function fmtDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  return inShanghai(value).format('YYYY-MM-DD HH:mm');
}

export function fmtDate(value: string | null | undefined): string {
  if (!value) return '—';
  // Calendar dates (YYYY-MM-DD) already mean Shanghai; do not shift them.
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return inShanghai(value).format('YYYY-MM-DD');
}

export function fmtTime(value: string | null | undefined): string {
  if (!value) return '—';
  return inShanghai(value).format('HH:mm');
}

export function fmtRange(startsAt: string, endsAt: string): string {
  const s = inShanghai(startsAt);
  const e = inShanghai(endsAt);
  const sameDay = s.format('YYYY-MM-DD') === e.format('YYYY-MM-DD');
  return `${s.format('YYYY-MM-DD ddd HH:mm')} – ${sameDay ? e.format('HH:mm') : e.format('YYYY-MM-DD HH:mm')}`;
}

/** Today's calendar date in Shanghai. */
export function todayShanghai(now: Date = new Date()): string {
  return inShanghai(now).format('YYYY-MM-DD');
}

/**
 * A picker value is a wall-clock time typed by a person in Shanghai; turn it into an
 * ISO instant with +08:00 whatever the browser's own zone.
 */
export function wallClockToIso(value: Dayjs): string {
  return dayjs.tz(value.format('YYYY-MM-DD HH:mm:ss'), TIME_ZONE).format();
}

/** Inverse of wallClockToIso: an instant → a picker value showing Shanghai wall clock. */
export function isoToWallClock(iso: string): Dayjs {
  return dayjs(inShanghai(iso).format('YYYY-MM-DD HH:mm:ss'));
}

export function pickerToDate(value: Dayjs | null | undefined): string | undefined {
  return value ? value.format('YYYY-MM-DD') : undefined;
}
