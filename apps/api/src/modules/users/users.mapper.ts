import type { UserDto } from '@wenming/shared';
import type { UserEntity } from './user.entity';

export function toUserDto(u: UserEntity): UserDto {
  return { id: u.id, phone: u.phone, role: u.role, siteId: u.siteId, volunteerId: u.volunteerId, disabled: u.disabledAt !== null, phoneVerified: u.phoneVerifiedAt !== null, createdAt: u.createdAt.toISOString() };
}
