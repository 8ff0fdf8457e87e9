import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { JoinRequestStatus, TeamDirectoryEntryDto } from '@wenming/shared';
import { loginJoins, loginNameOf } from '../../common/sql/names';
import { containsPattern, Params, type Queryable, selectCount, selectOne, selectRows } from '../../database/sql';

export interface JoinRequestRow {
  id: string;
  team_id: string;
  team_name: string;
  volunteer_id: string;
  volunteer_name: string;
  volunteer_phone: string;
  status: JoinRequestStatus;
  message: string;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Date | null;
  created_at: Date;
}

/** A team of the 招募 directory with the caller's membership and latest request. */
export interface DirectoryRow {
  id: string;
  name: string;
  type: TeamDirectoryEntryDto['type'];
  site_id: string;
  description: string;
  members: string;
  is_member: boolean;
  jr_status: JoinRequestStatus | null;
}

export interface DirectoryFilter {
  type?: TeamDirectoryEntryDto['type'];
  siteId?: string;
  q?: string;
}

const JR_SELECT = `SELECT r.id, r.team_id, t.name AS team_name, r.volunteer_id, v.name AS volunteer_name, v.phone AS volunteer_phone,
         r.status, r.message, r.decided_by, ${loginNameOf('du', 'duv', 'dus')} AS decided_by_name, r.decided_at, r.created_at
    FROM join_requests r JOIN teams t ON t.id = r.team_id JOIN volunteers v ON v.id = r.volunteer_id
    ${loginJoins('r.decided_by', 'd')}`;

/** All SQL of 招募: the team directory and join requests (join_requests). */
@Injectable()
export class JoinRequestsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** Live teams, nearest first (the volunteer's home site, then its town), one page and the total. */
  async directoryPage(volunteerId: string | null, f: DirectoryFilter, page: number, pageSize: number): Promise<{ rows: DirectoryRow[]; total: number }> {
    const p = new Params([volunteerId]);
    const where = ['t.archived = false'];
    if (f.type) where.push(`t.type = ${p.add(f.type)}`);
    if (f.siteId) where.push(`t.site_id = ${p.add(f.siteId)}`);
    if (f.q) where.push(`t.name ILIKE ${p.add(containsPattern(f.q))}`);
    const w = where.join(' AND ');
    const total = await selectCount(this.db, `WITH me AS (SELECT $1::uuid AS vid) SELECT count(*)::int AS n FROM teams t, me WHERE ${w}`, p.values);
    // "near": same site first, then a site under the same institute (town), then the rest
    const rows = await selectRows<DirectoryRow>(
      this.db,
      `WITH me AS (SELECT v.site_id, coalesce(CASE WHEN s.level = 'station' THEN s.parent_id ELSE s.id END, s.id) AS inst
                       FROM volunteers v JOIN sites s ON s.id = v.site_id WHERE v.id = $1::uuid)
         SELECT t.id, t.name, t.type, t.site_id, t.description,
                (SELECT count(*) FROM team_memberships m WHERE m.team_id = t.id) AS members,
                EXISTS (SELECT 1 FROM team_memberships m WHERE m.team_id = t.id AND m.volunteer_id = $1) AS is_member,
                (SELECT r.status FROM join_requests r WHERE r.team_id = t.id AND r.volunteer_id = $1 ORDER BY r.created_at DESC LIMIT 1) AS jr_status
           FROM teams t JOIN sites ts ON ts.id = t.site_id LEFT JOIN me ON true
          WHERE ${w}
          ORDER BY (t.site_id = me.site_id) DESC NULLS LAST,
                   (coalesce(CASE WHEN ts.level = 'station' THEN ts.parent_id ELSE ts.id END, ts.id) = me.inst) DESC NULLS LAST,
                   t.name, t.id
          LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      p.values,
    );
    return { rows, total };
  }

  async findJoinRequest(id: string, em: Queryable = this.db): Promise<JoinRequestRow | undefined> {
    return selectOne<JoinRequestRow>(em, `${JR_SELECT} WHERE r.id = $1`, [id]);
  }

  /** A team's requests (optionally one status), pending first, newest first; and the total. */
  async teamRequestPage(teamId: string, status: JoinRequestStatus | undefined, page: number, pageSize: number): Promise<{ rows: JoinRequestRow[]; total: number }> {
    const params: unknown[] = [teamId];
    let w = 'r.team_id = $1';
    if (status) {
      params.push(status);
      w += ` AND r.status = $2`;
    }
    const total = await selectCount(this.db, `SELECT count(*)::int AS n FROM join_requests r WHERE ${w}`, params);
    const rows = await selectRows<JoinRequestRow>(
      this.db,
      `${JR_SELECT} WHERE ${w} ORDER BY (r.status = 'pending') DESC, r.created_at DESC, r.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    return { rows, total };
  }

  /** A volunteer's own requests, newest first; and the total. */
  async volunteerRequestPage(volunteerId: string, page: number, pageSize: number): Promise<{ rows: JoinRequestRow[]; total: number }> {
    const total = await selectCount(this.db, `SELECT count(*)::int AS n FROM join_requests r WHERE r.volunteer_id = $1`, [volunteerId]);
    const rows = await selectRows<JoinRequestRow>(
      this.db,
      `${JR_SELECT} WHERE r.volunteer_id = $1 ORDER BY r.created_at DESC, r.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      [volunteerId],
    );
    return { rows, total };
  }

  /** Whether the team is archived; undefined if there is no such team. */
  async teamArchived(em: EntityManager, teamId: string): Promise<boolean | undefined> {
    return (await selectOne<{ archived: boolean }>(em, `SELECT archived FROM teams WHERE id = $1`, [teamId]))?.archived;
  }

  /** A pending request (unique per team and volunteer while pending: a second one is a unique violation). */
  async insertJoinRequest(em: EntityManager, teamId: string, volunteerId: string, message: string): Promise<string> {
    const [{ id }] = await selectRows<{ id: string }>(em, `INSERT INTO join_requests (team_id, volunteer_id, message) VALUES ($1, $2, $3) RETURNING id`, [
      teamId,
      volunteerId,
      message,
    ]);
    return id;
  }

  async lockJoinRequest(em: EntityManager, id: string): Promise<{ team_id: string; volunteer_id: string; status: JoinRequestStatus } | undefined> {
    return selectOne(em, `SELECT team_id, volunteer_id, status FROM join_requests WHERE id = $1 FOR UPDATE`, [id]);
  }

  async decideJoinRequest(em: EntityManager, id: string, decision: 'approved' | 'declined', decidedBy: string): Promise<void> {
    await em.query(`UPDATE join_requests SET status = $2, decided_by = $3, decided_at = now() WHERE id = $1`, [id, decision, decidedBy]);
  }

  /** A pending request of a volunteer just added by phone is settled (approved) by the addition. */
  async approvePendingRequest(em: EntityManager, teamId: string, volunteerId: string, decidedBy: string): Promise<void> {
    await em.query(`UPDATE join_requests SET status = 'approved', decided_by = $3, decided_at = now() WHERE team_id = $1 AND volunteer_id = $2 AND status = 'pending'`, [
      teamId,
      volunteerId,
      decidedBy,
    ]);
  }
}
