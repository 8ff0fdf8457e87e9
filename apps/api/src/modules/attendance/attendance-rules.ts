import { CHECKIN_OPENS_BEFORE_MINUTES, CHECKOUT_CLOSES_AFTER_MINUTES, SHANGHAI_OFFSET_MINUTES } from '@wenming/shared';

const MIN = 60_000;

/** Check-in is open from `startsAt − 30 min` to `endsAt` (inclusive). */
export function checkinWindow(startsAt: Date, endsAt: Date): { opens: Date; closes: Date } {
  return { opens: new Date(startsAt.getTime() - CHECKIN_OPENS_BEFORE_MINUTES * MIN), closes: new Date(endsAt.getTime()) };
}

/** Check-out is open after the check-in until `endsAt + 60 min` (inclusive). */
export function checkoutWindow(checkInAt: Date, endsAt: Date): { opens: Date; closes: Date } {
  return { opens: new Date(checkInAt.getTime()), closes: new Date(endsAt.getTime() + CHECKOUT_CLOSES_AFTER_MINUTES * MIN) };
}

export function inWindow(at: Date, w: { opens: Date; closes: Date }): boolean {
  return at.getTime() >= w.opens.getTime() && at.getTime() <= w.closes.getTime();
}

/** Asia/Shanghai wall-clock parts of an instant, whatever the server's TZ. */
function local(d: Date) {
  const x = new Date(d.getTime() + SHANGHAI_OFFSET_MINUTES * MIN);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { month: x.getUTCMonth() + 1, day: x.getUTCDate(), hm: `${pad(x.getUTCHours())}:${pad(x.getUTCMinutes())}`, date: x.toISOString().slice(0, 10) };
}

/** "11月28日 08:30 至 11:00" (the end's date is repeated only when it differs). */
export function describeWindow(w: { opens: Date; closes: Date }): string {
  const a = local(w.opens);
  const b = local(w.closes);
  const end = a.date === b.date ? b.hm : `${b.month}月${b.day}日 ${b.hm}`;
  return `${a.month}月${a.day}日 ${a.hm} 至 ${end}`;
}

/**
 * Minutes served: overlap of [checkInAt, checkOutAt ?? endsAt] with [startsAt, endsAt], whole minutes (floor).
 * A missing check-out counts until the activity's end (the leader attests by confirming).
 */
export function servedMinutes(checkInAt: Date, checkOutAt: Date | null, startsAt: Date, endsAt: Date): number {
  const from = Math.max(checkInAt.getTime(), startsAt.getTime());
  const to = Math.min((checkOutAt ?? endsAt).getTime(), endsAt.getTime());
  return to > from ? Math.floor((to - from) / MIN) : 0;
}

/** Points earned for confirmed minutes: minutes / 60 × pointsPerHour, to the cent (half up). */
/** Whole points for confirmed minutes: floor(minutes × pointsPerHour / 60) (rounded down; 89 min at 1/h = 1). */
export function pointsForMinutes(minutes: number, pointsPerHour: number): number {
  // the epsilon keeps 0.1 × 600 / 60 = 0.99999… at 1
  return Math.max(0, Math.floor((minutes * pointsPerHour) / 60 + 1e-9));
}
