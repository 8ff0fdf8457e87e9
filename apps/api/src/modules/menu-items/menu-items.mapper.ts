import type { MenuItemDto, MenuItemTeamDto } from '@wenming/shared';
import type { MenuItemEntity } from './menu-item.entity';

export function toMenuItemDto(m: MenuItemEntity, siteName: string | null, teams: MenuItemTeamDto[]): MenuItemDto {
  return {
    id: m.id,
    siteId: m.siteId,
    siteName,
    title: m.title,
    category: m.category,
    description: m.description,
    teamIds: teams.map((t) => t.id),
    teams,
    active: m.active,
    createdAt: m.createdAt.toISOString(),
  };
}
