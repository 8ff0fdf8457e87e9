import type { VolunteerDto } from '@wenming/shared';
import type { VolunteerEntity } from './volunteer.entity';
import type { VolunteerNames } from './volunteers.repository';

export function toVolunteerDto(v: VolunteerEntity, n: VolunteerNames | undefined): VolunteerDto {
  return {
    id: v.id,
    name: v.name,
    phone: v.phone,
    gender: v.gender,
    birthDate: v.birthDate,
    politicalStatus: v.politicalStatus,
    skills: v.skills ?? [],
    siteId: v.siteId,
    siteName: n?.site_name ?? '',
    townName: n?.town_name ?? null,
    idNumber: v.idNumberMasked,
    volunteerNumber: v.volunteerNumber,
    hasLogin: n?.has_login ?? false,
    teams: (n?.teams ?? []).map((t) => ({ id: t.id, name: t.name, role: t.role })),
  };
}
