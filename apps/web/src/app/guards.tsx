import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useSession, type Session } from '@/features/auth/hooks/use-session';
import { ErrorState, ForbiddenState, LoadingState } from '@/components/ui/states';

/** Logged-in only; `allow` narrows further by role or leadership. */
export function RequireAuth({ children, allow }: { children: ReactNode; allow?: (s: Session) => boolean }) {
  const session = useSession();
  const location = useLocation();
  if (!session.token) {
    const redirect = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?redirect=${redirect}`} replace />;
  }
  if (session.isLoading) return <LoadingState minHeight={320} />;
  if (!session.me) return <ErrorState error={session.error} onRetry={() => window.location.reload()} />;
  if (allow && !allow(session)) return <ForbiddenState />;
  return <>{children}</>;
}

export const isStaff = (s: Session) => s.isStaff;
export const isCountyAdmin = (s: Session) => s.isCountyAdmin;
export const isLeaderOrStaff = (s: Session) => s.isStaff || s.isLeader;
export const isLeader = (s: Session) => s.isLeader;
export const isVolunteer = (s: Session) => s.isVolunteer;
