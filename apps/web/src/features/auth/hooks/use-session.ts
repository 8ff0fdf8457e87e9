import type { MeResponse, Role } from '@wenming/shared';
import { useToken } from '@/lib/auth-token';
import { useMe } from '../api/auth-api';

export interface Session {
  token: string | null;
  me: MeResponse | undefined;
  role: Role | undefined;
  isStaff: boolean;
  isCountyAdmin: boolean;
  isLeader: boolean;
  isVolunteer: boolean;
  isLoading: boolean;
  error: unknown;
}

export function sessionFrom(token: string | null, me: MeResponse | undefined): Omit<Session, 'isLoading' | 'error'> {
  const role = me?.user.role;
  return {
    token,
    me,
    role,
    isStaff: role === 'county_admin' || role === 'site_admin',
    isCountyAdmin: role === 'county_admin',
    isLeader: (me?.teamsLed?.length ?? 0) > 0,
    isVolunteer: !!me?.volunteer || role === 'volunteer',
  };
}

export function useSession(): Session {
  const token = useToken();
  const me = useMe();
  return { ...sessionFrom(token, me.data), isLoading: !!token && me.isPending, error: me.error };
}
