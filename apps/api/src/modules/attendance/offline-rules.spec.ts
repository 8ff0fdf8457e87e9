import { checkinCodeForStep, checkinStep } from './checkin-code';
import { codesBetween, judgeOfflineRecord, type OfflineRecordInput } from './offline-rules';

const SECRET = 'b7e2'.repeat(16);
const MIN = 60_000;
const HOUR = 60 * MIN;
// an activity 09:00–11:00 (Asia/Shanghai) on 2026-11-28; check-in window 08:30–11:00
const startsAt = new Date('2026-11-28T09:00:00+08:00');
const endsAt = new Date('2026-11-28T11:00:00+08:00');
const window = { opens: new Date(startsAt.getTime() - 30 * MIN), closes: endsAt };
const codeAt = (t: Date | number) => checkinCodeForStep(SECRET, checkinStep(t));

/** A record seen at 09:03:20, the code of 09:03, arriving at 15:00 (within 24 h). */
function rec(over: Partial<OfflineRecordInput> = {}): OfflineRecordInput {
  const observedAt = new Date('2026-11-28T09:03:20+08:00');
  return { secret: SECRET, code: codeAt(observedAt), observedAt, now: new Date('2026-11-28T15:00:00+08:00'), window, graceHours: 24, ...over };
}

describe('late (offline) record rule', () => {
  it('right minute: accepted, the attendance carries the claimed minute (its step start)', () => {
    expect(judgeOfflineRecord(rec())).toEqual({ ok: true, at: new Date('2026-11-28T09:03:00+08:00') });
  });

  it("the previous minute's code (still on show while the volunteer typed it) is accepted", () => {
    const observedAt = new Date('2026-11-28T09:04:05+08:00');
    const v = judgeOfflineRecord(rec({ observedAt, code: codeAt(observedAt.getTime() - MIN) }));
    expect(v).toEqual({ ok: true, at: new Date('2026-11-28T09:04:00+08:00') });
  });

  it('wrong minute: a real code of another minute (two minutes before, or the next minute) is refused', () => {
    const observedAt = new Date('2026-11-28T09:10:00+08:00');
    expect(judgeOfflineRecord(rec({ observedAt, code: codeAt(observedAt.getTime() - 2 * MIN) }))).toEqual({ ok: false, reason: 'OFFLINE_CODE_MISMATCH' });
    expect(judgeOfflineRecord(rec({ observedAt, code: codeAt(observedAt.getTime() + MIN) }))).toEqual({ ok: false, reason: 'OFFLINE_CODE_MISMATCH' });
    // a code seen at 09:03 moved to claim 09:40 (e.g. to look like a later arrival for check-out) fails too
    expect(judgeOfflineRecord(rec({ observedAt: new Date('2026-11-28T09:40:00+08:00') }))).toEqual({ ok: false, reason: 'OFFLINE_CODE_MISMATCH' });
    expect(judgeOfflineRecord(rec({ code: 'abc123' }))).toEqual({ ok: false, reason: 'OFFLINE_CODE_MISMATCH' });
  });

  it('outside the window: before it opens, or after it closes, even with the right code of that minute', () => {
    const early = new Date('2026-11-28T08:29:30+08:00'); // the minute 08:29 ends exactly when the window opens
    expect(judgeOfflineRecord(rec({ observedAt: early, code: codeAt(early) }))).toEqual({ ok: false, reason: 'OUTSIDE_WINDOW' });
    const first = new Date('2026-11-28T08:30:10+08:00');
    expect(judgeOfflineRecord(rec({ observedAt: first, code: codeAt(first) }))).toEqual({ ok: true, at: window.opens });
    const last = new Date('2026-11-28T11:00:40+08:00'); // the minute 11:00 starts at the window's close: still in
    expect(judgeOfflineRecord(rec({ observedAt: last, code: codeAt(last) }))).toMatchObject({ ok: true });
    const late = new Date('2026-11-28T11:01:00+08:00');
    expect(judgeOfflineRecord(rec({ observedAt: late, code: codeAt(late) }))).toEqual({ ok: false, reason: 'OUTSIDE_WINDOW' });
  });

  it('after the grace period: refused; exactly at the limit still accepted', () => {
    const claimed = new Date('2026-11-28T09:03:00+08:00').getTime();
    expect(judgeOfflineRecord(rec({ now: new Date(claimed + 24 * HOUR) }))).toMatchObject({ ok: true });
    expect(judgeOfflineRecord(rec({ now: new Date(claimed + 24 * HOUR + 1) }))).toEqual({ ok: false, reason: 'OFFLINE_GRACE_EXPIRED' });
    expect(judgeOfflineRecord(rec({ now: new Date(claimed + 3 * HOUR), graceHours: 2 }))).toEqual({ ok: false, reason: 'OFFLINE_GRACE_EXPIRED' });
  });

  it('in the future: more than 2 minutes ahead of the server clock is refused; a phone 2 minutes fast is fine', () => {
    const now = new Date('2026-11-28T09:03:00+08:00');
    const ahead = new Date(now.getTime() + 2 * MIN);
    expect(judgeOfflineRecord(rec({ now, observedAt: ahead, code: codeAt(ahead) }))).toMatchObject({ ok: true });
    const tooFar = new Date(now.getTime() + 2 * MIN + 1000);
    expect(judgeOfflineRecord(rec({ now, observedAt: tooFar, code: codeAt(tooFar) }))).toEqual({ ok: false, reason: 'OFFLINE_TIME_IN_FUTURE' });
    expect(judgeOfflineRecord(rec({ observedAt: new Date(NaN) }))).toEqual({ ok: false, reason: 'OFFLINE_TIME_IN_FUTURE' });
  });

  it('replay: the same record judged again (any time within grace) gives the same minute; the rule has no hidden state', () => {
    const a = judgeOfflineRecord(rec());
    const b = judgeOfflineRecord(rec({ now: new Date('2026-11-29T08:00:00+08:00') }));
    expect(b).toEqual(a);
  });

  it('a check-out window that opens mid-minute (the live check-in time) records no earlier than the check-in', () => {
    const checkIn = new Date('2026-11-28T10:58:45+08:00');
    const w = { opens: checkIn, closes: new Date(endsAt.getTime() + HOUR) };
    const observedAt = new Date('2026-11-28T10:58:50+08:00');
    expect(judgeOfflineRecord(rec({ window: w, observedAt, code: codeAt(observedAt) }))).toEqual({ ok: true, at: checkIn });
  });

  it('codesBetween lists one code per minute, each the code of its step', () => {
    const from = new Date('2026-11-28T09:00:30+08:00');
    const list = codesBetween(SECRET, from, new Date(from.getTime() + 3 * MIN));
    expect(list).toHaveLength(4);
    expect(list[0].stepStart).toEqual(new Date('2026-11-28T09:00:00+08:00'));
    for (const c of list) expect(c.code).toBe(codeAt(c.stepStart));
  });
});
