import type { ActivityDto, MySignupDto } from '@wenming/shared';
import { fmt, t } from '@/lib/i18n';

/**
 * Where an activity happens, as a person says it: "永清镇东关社区新时代文明实践站 · 东关广场" — the town
 * goes in front of a station's name that does not carry it, the exact spot after a dot.
 */
export function placeOf(a: Pick<ActivityDto, 'siteName' | 'townName' | 'address'>): string {
  const site = a.townName && !a.siteName.startsWith(a.townName) ? `${a.townName}${a.siteName}` : a.siteName;
  const address = a.address.trim();
  return address ? `${site} · ${address}` : site;
}

/** The volunteer's own sign-up as a short phrase: 已报名 / 候补第 N 位 (null when none or cancelled). */
export function mySignupText(s: MySignupDto | null | undefined): string | null {
  if (!s) return null;
  if (s.status === 'confirmed') return t.activities.myStatusConfirmed;
  if (s.status === 'waitlisted') return s.waitlistPosition ? fmt(t.activities.myStatusWaitlisted, { n: s.waitlistPosition }) : t.activities.waitlisted;
  return null;
}
