import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { MembershipRole } from '@wenming/shared';
import { siteJoins } from '../../common/sql/names';
import { containsPattern, idsOrNone, selectRows } from '../../database/sql';
import { VolunteerEntity } from './volunteer.entity';

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

/** A page of the volunteer list: who the caller may see, and the list's filters. */
export interface VolunteerPageFilter {
  /** admins: their sites (null = the whole county); leaders: the teams they lead */
  scope: { kind: 'sites'; siteIds: string[] | null } | { kind: 'teams'; teamIds: string[] };
  siteId?: string;
  teamId?: string;
  q?: string;
  page: number;
  pageSize: number;
}

/** All SQL of the volunteers module's profiles (the import's is in volunteer-import.repository.ts). */
@Injectable()
export class VolunteersRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** Newest first; a volunteer is in an admin's sites by home site or by one of its teams. */
  findPage(f: VolunteerPageFilter): Promise<[VolunteerEntity[], number]> {
    const qb = this.db.getRepository(VolunteerEntity).createQueryBuilder('v');
    if (f.scope.kind === 'sites') {
      if (f.scope.siteIds) {
        qb.andWhere(
          `(v.site_id IN (:...scope) OR EXISTS (SELECT 1 FROM team_memberships m JOIN teams t ON t.id = m.team_id WHERE m.volunteer_id = v.id AND t.site_id IN (:...scope)))`,
          { scope: idsOrNone(f.scope.siteIds) },
        );
      }
    } else {
      qb.andWhere('EXISTS (SELECT 1 FROM team_memberships m WHERE m.volunteer_id = v.id AND m.team_id IN (:...led))', { led: f.scope.teamIds });
    }
    if (f.siteId) qb.andWhere('v.site_id = :siteId', { siteId: f.siteId });
    if (f.teamId) qb.andWhere('EXISTS (SELECT 1 FROM team_memberships m2 WHERE m2.volunteer_id = v.id AND m2.team_id = :teamId)', { teamId: f.teamId });
    if (f.q) qb.andWhere('(v.name ILIKE :like OR v.phone LIKE :like OR v.volunteer_number ILIKE :like)', { like: containsPattern(f.q) });
    return qb
      .orderBy('v.created_at', 'DESC')
      .addOrderBy('v.id', 'ASC')
      .skip((f.page - 1) * f.pageSize)
      .take(f.pageSize)
      .getManyAndCount();
  }

  /** Is the volunteer a member of a team of one of these sites? */
  async isInTeamOfSites(em: EntityManager, volunteerId: string, siteIds: string[]): Promise<boolean> {
    const rows = await selectRows(
      em,
      `SELECT 1 FROM team_memberships m JOIN teams t ON t.id = m.team_id WHERE m.volunteer_id = $1 AND t.site_id = ANY($2::uuid[]) LIMIT 1`,
      [volunteerId, siteIds],
    );
    return rows.length > 0;
  }

  /** Does `leaderVolunteerId` lead a team the volunteer belongs to? */
  async isLedBy(em: EntityManager, volunteerId: string, leaderVolunteerId: string): Promise<boolean> {
    const rows = await selectRows(
      em,
      `SELECT 1 FROM team_memberships m JOIN team_memberships l ON l.team_id = m.team_id
          WHERE m.volunteer_id = $1 AND l.volunteer_id = $2 AND l.role = 'leader' LIMIT 1`,
      [volunteerId, leaderVolunteerId],
    );
    return rows.length > 0;
  }
}
