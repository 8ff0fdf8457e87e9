import type { ActivityCategory, CreateMenuItemRequest, MenuItemDto, UpdateMenuItemRequest } from '@wenming/shared';

/** What the menu-item form holds. `siteId` empty = county-wide (county admin only). */
export interface MenuItemFormValues {
  siteId?: string | null;
  title: string;
  category?: ActivityCategory;
  description?: string;
  teamIds: string[];
  active: boolean;
}

export const emptyMenuItem = (siteId?: string | null): MenuItemFormValues => ({
  siteId: siteId ?? undefined,
  title: '',
  category: undefined,
  description: '',
  teamIds: [],
  active: true,
});

export function formValuesOf(item: MenuItemDto): MenuItemFormValues {
  return {
    siteId: item.siteId,
    title: item.title,
    category: item.category,
    description: item.description ?? '',
    teamIds: [...item.teamIds],
    active: item.active,
  };
}

const unique = (ids: string[]) => [...new Set(ids.filter(Boolean))];

/** POST body: trimmed text, unique team ids, an empty station sent as `null` (county-wide). */
export function toCreateRequest(v: MenuItemFormValues): CreateMenuItemRequest {
  return {
    siteId: v.siteId ? v.siteId : null,
    title: v.title.trim(),
    category: v.category as ActivityCategory,
    description: (v.description ?? '').trim(),
    teamIds: unique(v.teamIds),
    active: v.active,
  };
}

/** PATCH body: only what changed (the station of an item cannot be changed). */
export function toUpdateRequest(v: MenuItemFormValues, before: MenuItemDto): UpdateMenuItemRequest {
  const next = toCreateRequest(v);
  const body: UpdateMenuItemRequest = {};
  if (next.title !== before.title) body.title = next.title;
  if (next.category !== before.category) body.category = next.category;
  if (next.description !== (before.description ?? '')) body.description = next.description;
  const beforeTeams = [...before.teamIds].sort().join(',');
  if ([...next.teamIds].sort().join(',') !== beforeTeams) body.teamIds = next.teamIds;
  if (next.active !== before.active) body.active = next.active;
  return body;
}

/**
 * Who may leave the station empty: only the county office can publish a county-wide item;
 * a site admin's items always belong to a station.
 */
export function scopeError(siteId: string | null | undefined, isCountyAdmin: boolean): 'siteRequired' | null {
  return !siteId && !isCountyAdmin ? 'siteRequired' : null;
}
