import type { UserDto } from '@wenming/shared';
import type { UserEntity } from './user.entity';
import type { UserNames } from './users.repository';

export function toUserDto(u: UserEntity, n: UserNames | undefined): UserDto {
  return {
    id: u.id,
    phone: u.phone,
    role: u.role,
    siteId: u.siteId,
    siteName: n?.site_name ?? null,
    volunteerId: u.volunteerId,
    volunteerName: n?.volunteer_name ?? null,
    disabled: u.disabledAt !== null,
    phoneVerified: u.phoneVerifiedAt !== null,
    createdAt: u.createdAt.toISOString(),
  };
}
