import type { EntityManager } from 'typeorm';
import { siteJoins } from '../../common/sql/names';

/** Names next to a team's site: the home site and its town. */
export interface TeamNames {
  site_name: string;
  town_name: string | null;
}

/** One statement for a page of teams. */
export async function teamNames(em: Pick<EntityManager, 'query'>, ids: string[]): Promise<Map<string, TeamNames>> {
  if (!ids.length) return new Map();
  const rows: Array<TeamNames & { id: string }> = await em.query(
    `SELECT t.id, hs.name AS site_name, htw.name AS town_name
       FROM teams t ${siteJoins('t.site_id', 'h')}
      WHERE t.id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r]));
}
