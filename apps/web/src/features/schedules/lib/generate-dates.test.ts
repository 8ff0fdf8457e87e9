import { describe, expect, it } from 'vitest';
import { occurrenceDates as sharedOccurrenceDates } from '@wenming/shared';
import { generateScheduleDates, isoWeekday, MAX_OCCURRENCES, occurrenceDates } from './generate-dates';

describe('generateScheduleDates', () => {
  it('lists every Friday in the range, inclusive of both ends', () => {
    // 2026-11-06 and 2026-11-27 are Fridays.
    expect(generateScheduleDates({ weekday: 5, startsOn: '2026-11-06', endsOn: '2026-11-27' })).toEqual(['2026-11-06', '2026-11-13', '2026-11-20', '2026-11-27']);
  });

  it('starts at the first matching weekday after a mid-week start', () => {
    expect(generateScheduleDates({ weekday: 5, startsOn: '2026-11-02', endsOn: '2026-11-19' })).toEqual(['2026-11-06', '2026-11-13']);
  });

  it('leaves out skip dates (holidays)', () => {
    expect(generateScheduleDates({ weekday: 5, startsOn: '2026-09-25', endsOn: '2026-10-16', skipDates: ['2026-10-02', '2026-10-09'] })).toEqual([
      '2026-09-25',
      '2026-10-16',
    ]);
  });

  it('handles other weekdays, Sunday as 7, and year boundaries', () => {
    expect(generateScheduleDates({ weekday: 7, startsOn: '2026-12-25', endsOn: '2027-01-10' })).toEqual(['2026-12-27', '2027-01-03', '2027-01-10']);
    expect(generateScheduleDates({ weekday: 1, startsOn: '2028-02-28', endsOn: '2028-03-06' })).toEqual(['2028-02-28', '2028-03-06']);
  });

  it('returns nothing for an empty, reversed or invalid range', () => {
    expect(generateScheduleDates({ weekday: 5, startsOn: '2026-11-07', endsOn: '2026-11-12' })).toEqual([]);
    expect(generateScheduleDates({ weekday: 5, startsOn: '2026-11-27', endsOn: '2026-11-06' })).toEqual([]);
    expect(generateScheduleDates({ weekday: 8, startsOn: '2026-11-01', endsOn: '2026-11-30' })).toEqual([]);
    expect(generateScheduleDates({ weekday: 5, startsOn: '2026-02-30', endsOn: '2026-03-30' })).toEqual([]);
  });

  it('does not depend on the browser time zone', () => {
    const before = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      expect(isoWeekday('2026-11-27')).toBe(5);
      expect(occurrenceDates({ weekday: 5, startsOn: '2026-11-27', endsOn: '2026-11-27' })).toEqual(['2026-11-27']);
    } finally {
      process.env.TZ = before;
    }
  });

  it('caps very long ranges', () => {
    expect(occurrenceDates({ weekday: 3, startsOn: '2000-01-01', endsOn: '2099-12-31' })).toHaveLength(MAX_OCCURRENCES);
    // a two-year schedule (the API's longest) is never cut
    expect(occurrenceDates({ weekday: 5, startsOn: '2026-12-01', endsOn: '2028-12-01' }).length).toBeLessThan(MAX_OCCURRENCES);
  });

  it('agrees with the shared rule the API generates activities with', () => {
    const cases = [
      { weekday: 5, startsOn: '2026-11-02', endsOn: '2027-03-01', skipDates: ['2027-02-12'] },
      { weekday: 7, startsOn: '2026-12-25', endsOn: '2027-01-10' },
      { weekday: 1, startsOn: '2028-02-28', endsOn: '2028-03-06' },
      { weekday: 3, startsOn: '2026-12-30', endsOn: '2026-12-30' },
    ];
    for (const c of cases) expect(generateScheduleDates(c)).toEqual(sharedOccurrenceDates(c));
  });
});
