import type { EntityManager } from 'typeorm';
import type { MembershipRole } from '@wenming/shared';
import { siteJoins } from '../../common/sql/names';

/** Names next to a volunteer's ids: home station, its town, the teams, and whether a login exists. */
export interface VolunteerNames {
  site_name: string;
  town_name: string | null;
  has_login: boolean;
  teams: Array<{ id: string; name: string; role: MembershipRole }>;
}

/** One statement for a page of volunteers (teams as a JSON array, by name). */
export async function volunteerNames(em: Pick<EntityManager, 'query'>, ids: string[]): Promise<Map<string, VolunteerNames>> {
  if (!ids.length) return new Map();
  const rows: Array<VolunteerNames & { id: string }> = await em.query(
    `SELECT v.id, hs.name AS site_name, htw.name AS town_name,
            EXISTS (SELECT 1 FROM users u WHERE u.volunteer_id = v.id) AS has_login,
            coalesce((SELECT json_agg(json_build_object('id', t.id, 'name', t.name, 'role', m.role) ORDER BY t.name, t.id)
                        FROM team_memberships m JOIN teams t ON t.id = m.team_id WHERE m.volunteer_id = v.id), '[]'::json) AS teams
       FROM volunteers v ${siteJoins('v.site_id', 'h')}
      WHERE v.id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, { ...r, teams: typeof r.teams === 'string' ? JSON.parse(r.teams) : r.teams }]));
}
