import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { TeamType } from '@wenming/shared';
import { siteJoins } from '../../common/sql/names';
import { containsPattern, idsOrNone, NO_ID, type Queryable, selectCount, selectRows } from '../../database/sql';
import { TeamEntity } from './team.entity';

/** Names next to a team's site: the home site and its town. */
export interface TeamNames {
  site_name: string;
  town_name: string | null;
}

/** A membership row of a team's member list. */
export interface MemberRow {
  role: 'leader' | 'member';
  joined_at: Date;
  volunteer_id: string;
}

/** The team list's filters, already resolved to the caller's scope. */
export interface TeamListFilter {
  /** admins below the county: teams of these sites */
  adminSites?: string[];
  /** non-admins: the teams this volunteer belongs to (null: none) */
  memberVolunteerId?: string | null;
  type?: TeamType;
  siteId?: string;
  includeArchived: boolean;
  q?: string;
  page: number;
  pageSize: number;
}

/** One statement for a page of teams (other modules use it too: auth's login answer). */
export async function teamNames(em: Queryable, ids: string[]): Promise<Map<string, TeamNames>> {
  if (!ids.length) return new Map();
  const rows = await selectRows<TeamNames & { id: string }>(
    em,
    `SELECT t.id, hs.name AS site_name, htw.name AS town_name
       FROM teams t ${siteJoins('t.site_id', 'h')}
      WHERE t.id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** All SQL of teams and their memberships (join requests: join-requests.repository.ts). */
@Injectable()
export class TeamsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  names(ids: string[], em: Queryable = this.db): Promise<Map<string, TeamNames>> {
    return teamNames(em, ids);
  }

  async page(f: TeamListFilter): Promise<{ rows: TeamEntity[]; total: number }> {
    const qb = this.db.getRepository(TeamEntity).createQueryBuilder('t');
    if (f.adminSites) qb.andWhere('t.site_id IN (:...scope)', { scope: idsOrNone(f.adminSites) });
    if (f.memberVolunteerId !== undefined) {
      // a volunteer sees the teams they belong to (and lead)
      qb.andWhere('EXISTS (SELECT 1 FROM team_memberships m WHERE m.team_id = t.id AND m.volunteer_id = :vid)', { vid: f.memberVolunteerId ?? NO_ID });
    }
    if (f.type) qb.andWhere('t.type = :type', { type: f.type });
    if (f.siteId) qb.andWhere('t.site_id = :siteId', { siteId: f.siteId });
    if (!f.includeArchived) qb.andWhere('t.archived = false');
    if (f.q) qb.andWhere('t.name ILIKE :like', { like: containsPattern(f.q) });
    const [rows, total] = await qb
      .orderBy('t.name', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .skip((f.page - 1) * f.pageSize)
      .take(f.pageSize)
      .getManyAndCount();
    return { rows, total };
  }

  async findById(id: string): Promise<TeamEntity | null> {
    return this.db.getRepository(TeamEntity).findOneBy({ id });
  }

  async save(team: Partial<TeamEntity>): Promise<TeamEntity> {
    const repo = this.db.getRepository(TeamEntity);
    return repo.save(repo.create(team));
  }

  /** Team id → number of members. */
  async memberCounts(ids: string[]): Promise<Map<string, number>> {
    if (!ids.length) return new Map();
    const rows = await selectRows<{ team_id: string; n: string }>(
      this.db,
      `SELECT team_id, count(*) AS n FROM team_memberships WHERE team_id = ANY($1::uuid[]) GROUP BY team_id`,
      [ids],
    );
    return new Map(rows.map((r) => [r.team_id, Number(r.n)]));
  }

  async isMember(teamId: string, volunteerId: string, em: Queryable = this.db): Promise<boolean> {
    return (await selectRows(em, `SELECT 1 FROM team_memberships WHERE team_id = $1 AND volunteer_id = $2`, [teamId, volunteerId])).length > 0;
  }

  /** One page of a team's members, leaders first, then by name; and the total. */
  async memberPage(teamId: string, page: number, pageSize: number): Promise<{ rows: MemberRow[]; total: number }> {
    const total = await selectCount(this.db, `SELECT count(*) AS n FROM team_memberships WHERE team_id = $1`, [teamId]);
    const rows = await selectRows<MemberRow>(
      this.db,
      `SELECT m.role, m.joined_at, m.volunteer_id
         FROM team_memberships m JOIN volunteers v ON v.id = m.volunteer_id
        WHERE m.team_id = $1
        ORDER BY (m.role = 'leader') DESC, v.name, v.id
        LIMIT $2 OFFSET $3`,
      [teamId, pageSize, (page - 1) * pageSize],
    );
    return { rows, total };
  }

  /** A member joins unless already in (a decided join request). */
  async addMemberIfAbsent(em: EntityManager, teamId: string, volunteerId: string): Promise<void> {
    await em.query(`INSERT INTO team_memberships (team_id, volunteer_id, role) VALUES ($1, $2, 'member') ON CONFLICT (team_id, volunteer_id) DO NOTHING`, [
      teamId,
      volunteerId,
    ]);
  }
}
