import type { TeamDto } from '@wenming/shared';
import type { TeamEntity } from './team.entity';

export function toTeamDto(t: TeamEntity, memberCount?: number): TeamDto {
  return {
    id: t.id,
    name: t.name,
    type: t.type,
    siteId: t.siteId,
    description: t.description,
    archived: t.archived,
    ...(memberCount !== undefined ? { memberCount } : {}),
  };
}
