import type { SiteDirectoryEntryDto, SiteDto } from '@wenming/shared';
import type { SiteEntity } from './site.entity';
import type { SiteNames } from './sites.repository';

const NO_NAMES: SiteNames = { region_name: '', parent_name: null, town_id: null, town_name: null };

export function toSiteDto(s: SiteEntity, n: SiteNames = NO_NAMES): SiteDto {
  return {
    id: s.id,
    name: s.name,
    level: s.level,
    regionId: s.regionId,
    regionName: n.region_name,
    parentId: s.parentId,
    parentName: n.parent_name,
    townId: n.town_id,
    townName: n.town_name,
    address: s.address,
    contactName: s.contactName,
    contactPhone: s.contactPhone,
  };
}

/** The public directory: names and place, no contacts. */
export function toSiteDirectoryEntry(s: Pick<SiteEntity, 'id' | 'name' | 'level' | 'parentId' | 'regionId' | 'address'>, n: SiteNames = NO_NAMES): SiteDirectoryEntryDto {
  return {
    id: s.id,
    name: s.name,
    level: s.level,
    parentId: s.parentId,
    parentName: n.parent_name,
    regionId: s.regionId,
    regionName: n.region_name,
    townId: n.town_id,
    townName: n.town_name,
    address: s.address,
  };
}
