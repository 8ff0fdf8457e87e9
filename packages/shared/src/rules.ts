/** Rules both sides need. */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/;
export const DEFAULT_STAR_THRESHOLDS_HOURS = [100, 300, 600, 1000, 1500] as const;
export const CHECKIN_OPENS_BEFORE_MINUTES = 30;
export const CHECKOUT_CLOSES_AFTER_MINUTES = 60;
export const MAX_ACTIVITY_HOURS = 24;
export const PAGE_SIZE_MAX = 100;
/** Longest name the API accepts and the web forms allow: a person's name (姓名, 联系人) … */
export const PERSON_NAME_MAX = 50;
/** … and the name of a thing (队伍, 阵地, 服务项目, 商品, 好人好事事项, 荣誉称号). */
export const ENTITY_NAME_MAX = 100;
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

/** Asia/Shanghai is UTC+8 all year (no DST), so local dates are plain arithmetic on +08:00. */
export const SHANGHAI_OFFSET_MINUTES = 8 * 60;

/** The Asia/Shanghai calendar date (YYYY-MM-DD) of an instant, whatever the machine's TZ. */
export function shanghaiDate(instant: Date | string | number): string {
  const t = new Date(instant).getTime() + SHANGHAI_OFFSET_MINUTES * 60_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The instant a local Asia/Shanghai date and time ("HH:mm", default midnight) happens. */
export function shanghaiInstant(date: string, time = '00:00'): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a YYYY-MM-DD date. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** YYYY-MM-DD plus n days. */
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A real calendar date in YYYY-MM-DD form (rejects 2026-02-30). */
export function isValidDate(s: string): boolean {
  return DATE_PATTERN.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
}

/** "HH:mm", 00:00–23:59. */
export const TIME_OF_DAY_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Longest span of a service-day schedule (startsOn … endsOn), in days: two years. */
export const MAX_SCHEDULE_SPAN_DAYS = 731;

/**
 * The occurrence dates of a weekly schedule: every date on ISO `weekday` from `startsOn` to `endsOn`
 * inclusive, minus `skipDates`, ascending. Pure calendar arithmetic on YYYY-MM-DD (no local clock).
 */
export function occurrenceDates(s: { weekday: number; startsOn: string; endsOn: string; skipDates?: readonly string[] }): string[] {
  const skip = new Set(s.skipDates ?? []);
  const out: string[] = [];
  const first = addDays(s.startsOn, (s.weekday - isoWeekday(s.startsOn) + 7) % 7);
  for (let d = first; d <= s.endsOn; d = addDays(d, 7)) if (!skip.has(d)) out.push(d);
  return out;
}

/** The instants of one occurrence: local Asia/Shanghai times on that date, whatever the process TZ. */
export function occurrenceInstants(date: string, startTime: string, endTime: string): { startsAt: Date; endsAt: Date } {
  return { startsAt: shanghaiInstant(date, startTime), endsAt: shanghaiInstant(date, endTime) };
}

/* ---- offline check-in ---- */
/** A late (offline) record may claim a time at most this far ahead of the server's clock (phone clocks drift). */
export const OFFLINE_CLOCK_SKEW_SECONDS = 120;
/** The default of OFFLINE_GRACE_HOURS: how long after the claimed minute a late record is still accepted. */
export const DEFAULT_OFFLINE_GRACE_HOURS = 24;
/** The leader's screen receives codes for at most this many hours ahead (GET /activities/:id/checkin-codes). */
export const CHECKIN_CODES_AHEAD_HOURS = 12;
// ---- volunteer import template (issue 11): the exact columns, what each accepts, one example row ----
import { GENDER_LABELS as _GENDER_LABELS, POLITICAL_STATUS_LABELS as _POLITICAL_STATUS_LABELS } from './enums';

/** Short forms people type for 政治面貌, accepted by the import besides the labels. */
export const POLITICAL_STATUS_ALIASES: Record<string, string> = { 党员: '中共党员', 团员: '共青团员', 少先队: '少先队员', 群众: '群众' };

export interface ImportColumnSpec {
  header: string;
  required: boolean;
  /** what the cell accepts, in words */
  accepts: string;
  example: string;
}

/** Columns of the volunteer import sheet, in the template's order. */
export const VOLUNTEER_IMPORT_COLUMNS: ImportColumnSpec[] = [
  { header: '姓名', required: true, accepts: '最多 50 个字', example: '张红' },
  { header: '手机号', required: false, accepts: '11 位大陆手机号；已存在则更新该志愿者，否则新建（红领巾等可不填）', example: '13900000001' },
  { header: '性别', required: false, accepts: Object.values(_GENDER_LABELS).join(' / '), example: '女' },
  { header: '出生日期', required: false, accepts: 'YYYY-MM-DD，例如 1990-05-01（也可 1990/5/1）', example: '1990-05-01' },
  {
    header: '政治面貌',
    required: false,
    accepts: `${Object.values(_POLITICAL_STATUS_LABELS).join(' / ')}（也可写 ${Object.keys(POLITICAL_STATUS_ALIASES).join('、')}）`,
    example: '共青团员',
  },
  { header: '特长', required: false, accepts: '多个用顿号、逗号或空格分开', example: '理发、义诊' },
  { header: '所属站点', required: false, accepts: '阵地全称（如“永清镇东关社区新时代文明实践站”）；不填则为导入时选择的阵地', example: '' },
  { header: '身份证号', required: false, accepts: '18 位（最后一位可为 X），保存后只显示脱敏号码', example: '' },
  { header: '队伍', required: false, accepts: '队伍全称；导入后加入该队伍', example: '' },
];
