import type { Session } from '@/features/auth/hooks/use-session';

/** Where `/` sends a signed-in user. Kept apart from nav.tsx so the entry chunk needs no menu icons. */
export function homePathFor(session: Pick<Session, 'isStaff' | 'isLeader' | 'isVolunteer'>): string {
  if (session.isStaff) return '/dashboard';
  if (session.isLeader) return '/manage/activities';
  return '/activities';
}
