import type { VolunteerDto } from '@wenming/shared';
import type { VolunteerEntity } from './volunteer.entity';

export function toVolunteerDto(v: VolunteerEntity, hasLogin = false): VolunteerDto {
  return {
    id: v.id,
    name: v.name,
    phone: v.phone,
    gender: v.gender,
    birthDate: v.birthDate,
    politicalStatus: v.politicalStatus,
    skills: v.skills ?? [],
    siteId: v.siteId,
    idNumber: v.idNumberMasked,
    volunteerNumber: v.volunteerNumber,
    hasLogin,
  };
}
