import { checkinWindow, checkoutWindow, describeWindow, inWindow, pointsForMinutes, servedMinutes } from './attendance-rules';

const at = (s: string) => new Date(s);
const S = at('2026-11-28T01:00:00Z'); // 09:00 Shanghai
const E = at('2026-11-28T03:00:00Z'); // 11:00 Shanghai

describe('attendance rules', () => {
  it('check-in window: 30 min before the start until the end, said in Shanghai time', () => {
    const w = checkinWindow(S, E);
    expect(inWindow(at('2026-11-28T00:29:59Z'), w)).toBe(false);
    expect(inWindow(at('2026-11-28T00:30:00Z'), w)).toBe(true);
    expect(inWindow(E, w)).toBe(true);
    expect(inWindow(at('2026-11-28T03:00:01Z'), w)).toBe(false);
    expect(describeWindow(w)).toBe('11月28日 08:30 至 11:00');
  });

  it('check-out window: after check-in until an hour after the end', () => {
    const w = checkoutWindow(at('2026-11-28T01:10:00Z'), E);
    expect(inWindow(at('2026-11-28T04:00:00Z'), w)).toBe(true);
    expect(inWindow(at('2026-11-28T04:00:01Z'), w)).toBe(false);
    expect(describeWindow(w)).toBe('11月28日 09:10 至 12:00');
  });

  it('describes a window crossing midnight with both dates', () => {
    expect(describeWindow({ opens: at('2026-11-28T15:30:00Z'), closes: at('2026-11-28T16:30:00Z') })).toBe('11月28日 23:30 至 11月29日 00:30');
  });

  it('minutes = overlap with the activity, floored; no check-out counts to the end', () => {
    expect(servedMinutes(at('2026-11-28T00:40:00Z'), at('2026-11-28T03:30:00Z'), S, E)).toBe(120);
    expect(servedMinutes(at('2026-11-28T01:10:30Z'), at('2026-11-28T02:00:59Z'), S, E)).toBe(50);
    expect(servedMinutes(at('2026-11-28T01:15:00Z'), null, S, E)).toBe(105);
    expect(servedMinutes(at('2026-11-28T03:10:00Z'), null, S, E)).toBe(0);
  });

  it('points: whole points, floor(minutes × points per hour / 60)', () => {
    expect(pointsForMinutes(120, 1)).toBe(2);
    expect(pointsForMinutes(50, 1)).toBe(0);
    expect(pointsForMinutes(119, 1)).toBe(1);
    expect(pointsForMinutes(90, 2)).toBe(3);
    expect(pointsForMinutes(89, 2)).toBe(2);
    expect(pointsForMinutes(600, 0.1)).toBe(1);
    expect(pointsForMinutes(45, 4)).toBe(3);
  });
});
