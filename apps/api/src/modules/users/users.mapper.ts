import type { UserDto } from '@wenming/shared';
import type { UserEntity } from './user.entity';

export function toUserDto(u: UserEntity): UserDto {
  return { id: u.id, phone: u.phone, role: u.role, siteId: u.siteId, volunteerId: u.volunteerId, createdAt: u.createdAt.toISOString() };
}
