import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { maskPhone, type JoinRequestDto, type JoinRequestStatus, type MembershipDto, type TeamDirectoryEntryDto } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { AppError, isUniqueViolation } from '../../common/errors/app-error';
import { paginate } from '../../common/dto/pagination.dto';
import { loginJoins, loginNameOf } from '../../common/sql/names';
import { AuditService } from '../audit/audit.service';
import { VolunteerEntity } from '../volunteers/volunteer.entity';
import { toVolunteerDto } from '../volunteers/volunteers.mapper';
import { volunteerNames } from '../volunteers/volunteers.repository';
import type { JoinRequestQueryDto, TeamDirectoryQueryDto } from './dto/join-request.dto';
import { TeamMembershipEntity } from './team-membership.entity';
import { teamNames } from './teams.repository';

interface JoinRequestRow {
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

const JR_SELECT = `SELECT r.id, r.team_id, t.name AS team_name, r.volunteer_id, v.name AS volunteer_name, v.phone AS volunteer_phone,
         r.status, r.message, r.decided_by, ${loginNameOf('du', 'duv', 'dus')} AS decided_by_name, r.decided_at, r.created_at
    FROM join_requests r JOIN teams t ON t.id = r.team_id JOIN volunteers v ON v.id = r.volunteer_id
    ${loginJoins('r.decided_by', 'd')}`;

const toJoinRequestDto = (r: JoinRequestRow): JoinRequestDto => ({
  id: r.id,
  teamId: r.team_id,
  teamName: r.team_name,
  volunteerId: r.volunteer_id,
  volunteerName: r.volunteer_name,
  volunteerPhone: maskPhone(r.volunteer_phone) ?? '',
  status: r.status,
  message: r.message,
  decidedBy: r.decided_by,
  decidedByName: r.decided_by_name,
  decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
  createdAt: new Date(r.created_at).toISOString(),
});

/**
 * 招募 (issue 11): the team directory a volunteer browses, join requests (申请加入 → 通过/不通过), and a leader
 * adding an existing volunteer by the exact phone number. Every decision and addition is audited.
 */
@Injectable()
export class JoinRequestsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  /** Live teams, nearest first (the caller's home site, then its town), with the caller's membership and request. */
  async directory(user: AuthUser, q: TeamDirectoryQueryDto) {
    const vid = user.volunteerId ?? null;
    const params: unknown[] = [vid];
    const where = ['t.archived = false'];
    if (q.type) {
      params.push(q.type);
      where.push(`t.type = $${params.length}`);
    }
    if (q.siteId) {
      params.push(q.siteId);
      where.push(`t.site_id = $${params.length}`);
    }
    if (q.q) {
      params.push(`%${q.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
      where.push(`t.name ILIKE $${params.length}`);
    }
    const w = where.join(' AND ');
    const [{ n }] = await this.db.query(`WITH me AS (SELECT $1::uuid AS vid) SELECT count(*)::int AS n FROM teams t, me WHERE ${w}`, params);
    // "near": same site first, then a site under the same institute (town), then the rest
    const rows: Array<{ id: string; name: string; type: TeamDirectoryEntryDto['type']; site_id: string; description: string; members: string; is_member: boolean; jr_status: JoinRequestStatus | null }> =
      await this.db.query(
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
          LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
        params,
      );
    const names = await teamNames(this.db, rows.map((r) => r.id));
    const items: TeamDirectoryEntryDto[] = rows.map((r) => ({
      id: r.id,
      name: r.name,
      type: r.type,
      siteId: r.site_id,
      siteName: names.get(r.id)?.site_name ?? '',
      townName: names.get(r.id)?.town_name ?? null,
      description: r.description,
      memberCount: Number(r.members),
      isMember: r.is_member,
      joinRequestStatus: r.jr_status,
    }));
    return paginate(items, Number(n), q);
  }

  private async one(em: Pick<EntityManager, 'query'>, id: string): Promise<JoinRequestRow> {
    const rows: JoinRequestRow[] = await em.query(`${JR_SELECT} WHERE r.id = $1`, [id]);
    if (!rows.length) throw AppError.notFound('入队申请');
    return rows[0];
  }

  /** A volunteer (with a login) asks to join a live team. 409 if already a member or a request is pending. */
  async request(user: AuthUser, teamId: string, message: string | undefined): Promise<JoinRequestDto> {
    if (!user.volunteerId) throw AppError.forbidden('只有志愿者可以申请加入队伍');
    const vid = user.volunteerId;
    return this.db.transaction(async (em) => {
      const team: Array<{ archived: boolean }> = await em.query(`SELECT archived FROM teams WHERE id = $1`, [teamId]);
      if (!team.length) throw AppError.notFound('队伍');
      if (team[0].archived) throw AppError.conflict('TEAM_ARCHIVED', '该队伍已归档，不再招募队员');
      const member = await em.query(`SELECT 1 FROM team_memberships WHERE team_id = $1 AND volunteer_id = $2`, [teamId, vid]);
      if (member.length) throw AppError.conflict('ALREADY_MEMBER', '您已经是该队伍的成员');
      let id: string;
      try {
        [{ id }] = await em.query(`INSERT INTO join_requests (team_id, volunteer_id, message) VALUES ($1, $2, $3) RETURNING id`, [teamId, vid, (message ?? '').trim()]);
      } catch (err) {
        if (isUniqueViolation(err)) throw AppError.conflict('ALREADY_REQUESTED', '您已经申请过加入该队伍，请等待队长审核');
        throw err;
      }
      const dto = toJoinRequestDto(await this.one(em, id));
      await this.audit.record(em, { actorUserId: user.id, action: 'join_request.create', entity: 'join_request', entityId: id, after: { teamId, volunteerId: vid, status: 'pending' } });
      return dto;
    });
  }

  /** Leader / admin in scope: the team's requests, pending first. */
  async list(user: AuthUser, teamId: string, q: JoinRequestQueryDto) {
    await this.scope.assertCanManageTeam(user, teamId);
    const params: unknown[] = [teamId];
    let w = 'r.team_id = $1';
    if (q.status) {
      params.push(q.status);
      w += ` AND r.status = $2`;
    }
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM join_requests r WHERE ${w}`, params);
    const rows: JoinRequestRow[] = await this.db.query(
      `${JR_SELECT} WHERE ${w} ORDER BY (r.status = 'pending') DESC, r.created_at DESC, r.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    );
    return paginate(rows.map(toJoinRequestDto), Number(n), q);
  }

  /** The caller's own requests (a volunteer sees what became of them). */
  async mine(user: AuthUser, q: JoinRequestQueryDto) {
    const vid = user.volunteerId ?? '00000000-0000-0000-0000-000000000000';
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM join_requests r WHERE r.volunteer_id = $1`, [vid]);
    const rows: JoinRequestRow[] = await this.db.query(
      `${JR_SELECT} WHERE r.volunteer_id = $1 ORDER BY r.created_at DESC, r.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      [vid],
    );
    return paginate(rows.map(toJoinRequestDto), Number(n), q);
  }

  /** Approve (→ member) or decline a pending request. Deciding again the same way is idempotent; the other way is 409. */
  async decide(user: AuthUser, teamId: string, requestId: string, decision: 'approved' | 'declined'): Promise<JoinRequestDto> {
    await this.scope.assertCanManageTeam(user, teamId);
    return this.db.transaction(async (em) => {
      const locked: Array<{ team_id: string; volunteer_id: string; status: JoinRequestStatus }> = await em.query(
        `SELECT team_id, volunteer_id, status FROM join_requests WHERE id = $1 FOR UPDATE`,
        [requestId],
      );
      if (!locked.length || locked[0].team_id !== teamId) throw AppError.notFound('入队申请');
      const r = locked[0];
      if (r.status === decision) return toJoinRequestDto(await this.one(em, requestId));
      if (r.status !== 'pending') {
        throw AppError.conflict('JOIN_REQUEST_DECIDED', `该申请已${r.status === 'approved' ? '通过' : '被拒绝'}，不能再改`);
      }
      await em.query(`UPDATE join_requests SET status = $2, decided_by = $3, decided_at = now() WHERE id = $1`, [requestId, decision, user.id]);
      if (decision === 'approved') {
        await em.query(
          `INSERT INTO team_memberships (team_id, volunteer_id, role) VALUES ($1, $2, 'member') ON CONFLICT (team_id, volunteer_id) DO NOTHING`,
          [teamId, r.volunteer_id],
        );
        await this.audit.record(em, { actorUserId: user.id, action: 'membership.add', entity: 'team_membership', entityId: `${teamId}:${r.volunteer_id}`, after: { teamId, volunteerId: r.volunteer_id, role: 'member', joinRequestId: requestId } });
      }
      await this.audit.record(em, { actorUserId: user.id, action: `join_request.${decision === 'approved' ? 'approve' : 'decline'}`, entity: 'join_request', entityId: requestId, before: { status: 'pending' }, after: { status: decision } });
      return toJoinRequestDto(await this.one(em, requestId));
    });
  }

  /**
   * A leader (or admin in scope) adds an existing volunteer by the exact phone. Nothing is listed: an unknown phone
   * is a 404 that says so, and the answer is the new membership only.
   */
  async addByPhone(user: AuthUser, teamId: string, phone: string): Promise<MembershipDto> {
    await this.scope.assertCanManageTeam(user, teamId);
    return this.db.transaction(async (em) => {
      const v = await em.findOneBy(VolunteerEntity, { phone });
      if (!v) throw new AppError(404, 'NOT_FOUND', `没有手机号为 ${phone} 的志愿者；请让对方先在平台注册，或由管理员录入`);
      try {
        await em.insert(TeamMembershipEntity, { teamId, volunteerId: v.id, role: 'member' });
      } catch (err) {
        if (isUniqueViolation(err)) throw AppError.conflict('ALREADY_MEMBER', '该志愿者已经是本队成员');
        throw err;
      }
      // a pending request of the same person is settled by the addition
      await em.query(`UPDATE join_requests SET status = 'approved', decided_by = $3, decided_at = now() WHERE team_id = $1 AND volunteer_id = $2 AND status = 'pending'`, [teamId, v.id, user.id]);
      await this.audit.record(em, { actorUserId: user.id, action: 'membership.add', entity: 'team_membership', entityId: `${teamId}:${v.id}`, after: { teamId, volunteerId: v.id, role: 'member', by: 'phone' } });
      const m = await em.findOneByOrFail(TeamMembershipEntity, { teamId, volunteerId: v.id });
      const names = await volunteerNames(em, [v.id]);
      return { teamId, volunteerId: v.id, role: m.role, joinedAt: m.joinedAt.toISOString(), volunteer: toVolunteerDto(v, names.get(v.id)) };
    });
  }
}
