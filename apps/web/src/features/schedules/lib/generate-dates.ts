/**
 * The preview of a service-day schedule's dates. The calendar rules are the shared ones
 * (`isoWeekday` / `occurrenceDates` in @wenming/shared, the same code the API generates activities with);
 * this file only guards the form's half-filled input (an invalid or reversed range, a weekday outside 1–7)
 * and caps the preview, so the preview can never disagree with what the server creates.
 */
import { MAX_SCHEDULE_SPAN_DAYS, isValidDate, isoWeekday, occurrenceDates as sharedOccurrenceDates } from '@wenming/shared';

export { isoWeekday };

export interface ScheduleDatesInput {
  weekday: number;
  startsOn: string;
  endsOn: string;
  skipDates?: readonly string[];
}

/** At most this many dates in the preview (a schedule spans at most two years: ~105 weeks). */
export const MAX_OCCURRENCES = Math.ceil(MAX_SCHEDULE_SPAN_DAYS / 7) + 1;

function usable({ weekday, startsOn, endsOn }: ScheduleDatesInput): boolean {
  return Number.isInteger(weekday) && weekday >= 1 && weekday <= 7 && isValidDate(startsOn) && isValidDate(endsOn) && startsOn <= endsOn;
}

/** All occurrences (skipped ones included, so the preview can show them struck through), capped at MAX_OCCURRENCES. */
export function occurrenceDates(input: ScheduleDatesInput): string[] {
  if (!usable(input)) return [];
  return sharedOccurrenceDates({ weekday: input.weekday, startsOn: input.startsOn, endsOn: input.endsOn }).slice(0, MAX_OCCURRENCES);
}

/** The dates that will get an activity (the shared rule, skip dates left out). */
export function generateScheduleDates(input: ScheduleDatesInput): string[] {
  if (!usable(input)) return [];
  return sharedOccurrenceDates(input).slice(0, MAX_OCCURRENCES);
}
