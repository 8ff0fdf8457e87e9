import type { SiteDto } from '@wenming/shared';
import type { SiteEntity } from './site.entity';

export function toSiteDto(s: SiteEntity): SiteDto {
  return {
    id: s.id,
    name: s.name,
    level: s.level,
    regionId: s.regionId,
    parentId: s.parentId,
    address: s.address,
    contactName: s.contactName,
    contactPhone: s.contactPhone,
  };
}
