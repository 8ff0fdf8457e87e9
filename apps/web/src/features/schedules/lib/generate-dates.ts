/**
 * Dates a service-day schedule generates: every `weekday` (ISO 1 = Monday … 7 = Sunday)
 * from `startsOn` to `endsOn` inclusive, minus `skipDates`. Calendar dates (YYYY-MM-DD)
 * in Asia/Shanghai; the arithmetic is on UTC midnights so the browser's zone never shifts a day.
 */
export interface ScheduleDatesInput {
  weekday: number;
  startsOn: string;
  endsOn: string;
  skipDates?: readonly string[];
}

const DAY_MS = 86_400_000;
export const MAX_OCCURRENCES = 366;

function parseDate(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(ms);
  // Reject 2026-02-30 and the like.
  if (d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return null;
  return ms;
}

function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const ms = parseDate(date);
  if (ms === null) throw new Error(`invalid date: ${date}`);
  const js = new Date(ms).getUTCDay(); // 0 = Sunday
  return js === 0 ? 7 : js;
}

/** All occurrences (skipped ones included), capped at MAX_OCCURRENCES. */
export function occurrenceDates({ weekday, startsOn, endsOn }: ScheduleDatesInput): string[] {
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) return [];
  const start = parseDate(startsOn);
  const end = parseDate(endsOn);
  if (start === null || end === null || end < start) return [];
  const jsStart = new Date(start).getUTCDay();
  const isoStart = jsStart === 0 ? 7 : jsStart;
  let cursor = start + (((weekday - isoStart + 7) % 7) * DAY_MS);
  const out: string[] = [];
  while (cursor <= end && out.length < MAX_OCCURRENCES) {
    out.push(formatDate(cursor));
    cursor += 7 * DAY_MS;
  }
  return out;
}

/** The dates that will get an activity. */
export function generateScheduleDates(input: ScheduleDatesInput): string[] {
  const skip = new Set(input.skipDates ?? []);
  return occurrenceDates(input).filter((d) => !skip.has(d));
}
