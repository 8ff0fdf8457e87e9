import type { Role } from '@wenming/shared';

/** Who is calling, as the guard resolved it from the bearer token. */
export interface AuthUser {
  id: string;
  phone: string;
  role: Role;
  siteId: string | null;
  volunteerId: string | null;
}
