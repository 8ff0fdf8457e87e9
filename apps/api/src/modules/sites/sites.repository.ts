import type { EntityManager } from 'typeorm';
import { townIdOf } from '../../common/sql/names';

/** Names next to a site's ids: its region, its parent site and its town. */
export interface SiteNames {
  region_name: string;
  parent_name: string | null;
  town_id: string | null;
  town_name: string | null;
}

/** One statement for a page of sites. */
export async function siteNames(em: Pick<EntityManager, 'query'>, ids: string[]): Promise<Map<string, SiteNames>> {
  if (!ids.length) return new Map();
  const rows: Array<SiteNames & { id: string }> = await em.query(
    `SELECT s.id, r.name AS region_name, p.name AS parent_name, tw.id AS town_id, tw.name AS town_name
       FROM sites s JOIN regions r ON r.id = s.region_id
       LEFT JOIN sites p ON p.id = s.parent_id
       LEFT JOIN regions tw ON tw.id = ${townIdOf('r')}
      WHERE s.id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r]));
}
