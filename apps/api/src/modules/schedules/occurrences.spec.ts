import { execFileSync } from 'node:child_process';
import { occurrenceDates, occurrenceInstants } from '@wenming/shared';
import { scheduleErrors } from './schedule-rules';

describe('occurrenceDates (pure calendar arithmetic)', () => {
  it('every Friday between startsOn and endsOn inclusive', () => {
    // 2026-03-06 is a Friday
    expect(occurrenceDates({ weekday: 5, startsOn: '2026-03-01', endsOn: '2026-03-27' })).toEqual(['2026-03-06', '2026-03-13', '2026-03-20', '2026-03-27']);
  });

  it('includes startsOn when it is that weekday; skips skipDates', () => {
    expect(occurrenceDates({ weekday: 5, startsOn: '2026-03-06', endsOn: '2026-03-20', skipDates: ['2026-03-13'] })).toEqual(['2026-03-06', '2026-03-20']);
  });

  it('other weekdays (ISO: 1 Monday … 7 Sunday), across month and year ends', () => {
    expect(occurrenceDates({ weekday: 1, startsOn: '2026-12-25', endsOn: '2027-01-12' })).toEqual(['2026-12-28', '2027-01-04', '2027-01-11']);
    expect(occurrenceDates({ weekday: 7, startsOn: '2028-02-20', endsOn: '2028-03-05' })).toEqual(['2028-02-20', '2028-02-27', '2028-03-05']);
  });

  it('empty when no such weekday falls in the range', () => {
    expect(occurrenceDates({ weekday: 5, startsOn: '2026-03-07', endsOn: '2026-03-12' })).toEqual([]);
  });

  it('two years of Fridays: 104 or 105 dates, all Fridays', () => {
    const d = occurrenceDates({ weekday: 5, startsOn: '2024-11-28', endsOn: '2026-11-27' });
    expect(d).toHaveLength(105);
    expect(new Set(d.map((x) => new Date(`${x}T00:00:00Z`).getUTCDay()))).toEqual(new Set([5]));
  });
});

describe('occurrenceInstants: Asia/Shanghai local times → instants', () => {
  it('09:00–11:30 local on 2026-03-06 is 01:00–03:30 UTC', () => {
    const { startsAt, endsAt } = occurrenceInstants('2026-03-06', '09:00', '11:30');
    expect(startsAt.toISOString()).toBe('2026-03-06T01:00:00.000Z');
    expect(endsAt.toISOString()).toBe('2026-03-06T03:30:00.000Z');
  });

  it('early morning local time falls on the previous UTC day', () => {
    expect(occurrenceInstants('2026-01-02', '07:30', '08:00').startsAt.toISOString()).toBe('2026-01-01T23:30:00.000Z');
  });

  // The process TZ must not matter: run the same computation in child processes under other zones,
  // including one with DST (America/New_York switches on 2026-03-08).
  it.each(['UTC', 'America/New_York', 'Asia/Tokyo', 'Pacific/Chatham'])('gives the same dates and instants with TZ=%s', (tz) => {
    const shared = require.resolve('@wenming/shared');
    const script = `
      const s = require(${JSON.stringify(shared)});
      const dates = s.occurrenceDates({ weekday: 5, startsOn: '2026-02-27', endsOn: '2026-11-06', skipDates: ['2026-10-02'] });
      const out = dates.map((d) => { const i = s.occurrenceInstants(d, '09:00', '11:30'); return [d, i.startsAt.toISOString(), i.endsAt.toISOString(), s.shanghaiDate(i.startsAt)]; });
      process.stdout.write(JSON.stringify({ tz: Intl.DateTimeFormat().resolvedOptions().timeZone, offset: new Date('2026-07-01').getTimezoneOffset(), out }));
    `;
    const res = JSON.parse(execFileSync(process.execPath, ['-e', script], { env: { ...process.env, TZ: tz }, encoding: 'utf8' }));
    expect(res.tz).toBe(tz);
    const expected = occurrenceDates({ weekday: 5, startsOn: '2026-02-27', endsOn: '2026-11-06', skipDates: ['2026-10-02'] });
    expect(res.out.map((r: string[]) => r[0])).toEqual(expected);
    expect(res.out).toContainEqual(['2026-03-06', '2026-03-06T01:00:00.000Z', '2026-03-06T03:30:00.000Z', '2026-03-06']);
    expect(res.out).toContainEqual(['2026-03-13', '2026-03-13T01:00:00.000Z', '2026-03-13T03:30:00.000Z', '2026-03-13']);
    expect(res.out).toContainEqual(['2026-11-06', '2026-11-06T01:00:00.000Z', '2026-11-06T03:30:00.000Z', '2026-11-06']);
    expect(res.out.map((r: string[]) => r[0])).not.toContain('2026-10-02');
    for (const r of res.out) expect(r[3]).toBe(r[0]); // each instant is on its Shanghai date
  });
});

describe('scheduleErrors', () => {
  const ok = { startTime: '09:00', endTime: '11:30', startsOn: '2026-12-01', endsOn: '2027-06-30' };
  it('accepts a valid schedule', () => expect(scheduleErrors(ok)).toEqual([]));
  it('end time must be after start time', () => expect(scheduleErrors({ ...ok, endTime: '09:00' })[0].field).toBe('endTime'));
  it('endsOn not before startsOn', () => expect(scheduleErrors({ ...ok, endsOn: '2026-11-30' })[0].field).toBe('endsOn'));
  it('at most two years', () => {
    expect(scheduleErrors({ ...ok, endsOn: '2028-12-02' })[0].message).toContain('两年');
    expect(scheduleErrors({ ...ok, endsOn: '2028-12-01' })).toEqual([]);
  });
});
