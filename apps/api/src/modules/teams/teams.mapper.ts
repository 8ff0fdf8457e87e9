import type { TeamDto } from '@wenming/shared';
import type { TeamEntity } from './team.entity';
import type { TeamNames } from './teams.repository';

export function toTeamDto(t: TeamEntity, n: TeamNames | undefined, memberCount?: number): TeamDto {
  return {
    id: t.id,
    name: t.name,
    type: t.type,
    siteId: t.siteId,
    siteName: n?.site_name ?? '',
    townName: n?.town_name ?? null,
    description: t.description,
    archived: t.archived,
    ...(memberCount !== undefined ? { memberCount } : {}),
  };
}
