import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { maskPhone, type JoinRequestDto, type MembershipDto, type TeamDirectoryEntryDto } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { AppError, isUniqueViolation } from '../../common/errors/app-error';
import { paginate } from '../../common/dto/pagination.dto';
import { inTransaction, NO_ID, type Queryable } from '../../database/sql';
import { AuditService } from '../audit/audit.service';
import { VolunteerEntity } from '../volunteers/volunteer.entity';
import { toVolunteerDto } from '../volunteers/volunteers.mapper';
import { volunteerNames } from '../volunteers/volunteers.repository';
import type { JoinRequestQueryDto, TeamDirectoryQueryDto } from './dto/join-request.dto';
import { TeamMembershipEntity } from './team-membership.entity';
import { JoinRequestsRepository, type JoinRequestRow } from './join-requests.repository';
import { TeamsRepository } from './teams.repository';

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
    private readonly repo: JoinRequestsRepository,
    private readonly teams: TeamsRepository,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  /** Live teams, nearest first (the caller's home site, then its town), with the caller's membership and request. */
  async directory(user: AuthUser, q: TeamDirectoryQueryDto) {
    const { rows, total } = await this.repo.directoryPage(user.volunteerId ?? null, { type: q.type, siteId: q.siteId, q: q.q }, q.page, q.pageSize);
    const names = await this.teams.names(rows.map((r) => r.id));
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
    return paginate(items, total, q);
  }

  private async one(em: Queryable, id: string): Promise<JoinRequestRow> {
    const row = await this.repo.findJoinRequest(id, em);
    if (!row) throw AppError.notFound('入队申请');
    return row;
  }

  /** A volunteer (with a login) asks to join a live team. 409 if already a member or a request is pending. */
  async request(user: AuthUser, teamId: string, message: string | undefined): Promise<JoinRequestDto> {
    if (!user.volunteerId) throw AppError.forbidden('只有志愿者可以申请加入队伍');
    const vid = user.volunteerId;
    return inTransaction(this.db, async (em) => {
      const archived = await this.repo.teamArchived(em, teamId);
      if (archived === undefined) throw AppError.notFound('队伍');
      if (archived) throw AppError.conflict('TEAM_ARCHIVED', '该队伍已归档，不再招募队员');
      if (await this.teams.isMember(teamId, vid, em)) throw AppError.conflict('ALREADY_MEMBER', '您已经是该队伍的成员');
      let id: string;
      try {
        id = await this.repo.insertJoinRequest(em, teamId, vid, (message ?? '').trim());
      } catch (err) {
        if (isUniqueViolation(err)) throw AppError.conflict('ALREADY_REQUESTED', '您已经申请过加入该队伍，请等待队长审核');
        throw err;
      }
      const dto = toJoinRequestDto(await this.one(em, id));
      await this.audit.record(em, {
        actorUserId: user.id,
        action: 'join_request.create',
        entity: 'join_request',
        entityId: id,
        after: { teamId, volunteerId: vid, status: 'pending' },
      });
      return dto;
    });
  }

  /** Leader / admin in scope: the team's requests, pending first. */
  async list(user: AuthUser, teamId: string, q: JoinRequestQueryDto) {
    await this.scope.assertCanManageTeam(user, teamId);
    const { rows, total } = await this.repo.teamRequestPage(teamId, q.status, q.page, q.pageSize);
    return paginate(rows.map(toJoinRequestDto), total, q);
  }

  /** The caller's own requests (a volunteer sees what became of them). */
  async mine(user: AuthUser, q: JoinRequestQueryDto) {
    const { rows, total } = await this.repo.volunteerRequestPage(user.volunteerId ?? NO_ID, q.page, q.pageSize);
    return paginate(rows.map(toJoinRequestDto), total, q);
  }

  /** Approve (→ member) or decline a pending request. Deciding again the same way is idempotent; the other way is 409. */
  async decide(user: AuthUser, teamId: string, requestId: string, decision: 'approved' | 'declined'): Promise<JoinRequestDto> {
    await this.scope.assertCanManageTeam(user, teamId);
    return inTransaction(this.db, async (em) => {
      const r = await this.repo.lockJoinRequest(em, requestId);
      if (!r || r.team_id !== teamId) throw AppError.notFound('入队申请');
      if (r.status === decision) return toJoinRequestDto(await this.one(em, requestId));
      if (r.status !== 'pending') {
        throw AppError.conflict('JOIN_REQUEST_DECIDED', `该申请已${r.status === 'approved' ? '通过' : '被拒绝'}，不能再改`);
      }
      await this.repo.decideJoinRequest(em, requestId, decision, user.id);
      if (decision === 'approved') {
        await this.teams.addMemberIfAbsent(em, teamId, r.volunteer_id);
        await this.audit.record(em, {
          actorUserId: user.id,
          action: 'membership.add',
          entity: 'team_membership',
          entityId: `${teamId}:${r.volunteer_id}`,
          after: { teamId, volunteerId: r.volunteer_id, role: 'member', joinRequestId: requestId },
        });
      }
      await this.audit.record(em, {
        actorUserId: user.id,
        action: `join_request.${decision === 'approved' ? 'approve' : 'decline'}`,
        entity: 'join_request',
        entityId: requestId,
        before: { status: 'pending' },
        after: { status: decision },
      });
      return toJoinRequestDto(await this.one(em, requestId));
    });
  }

  /**
   * A leader (or admin in scope) adds an existing volunteer by the exact phone. Nothing is listed: an unknown phone
   * is a 404 that says so, and the answer is the new membership only.
   */
  async addByPhone(user: AuthUser, teamId: string, phone: string): Promise<MembershipDto> {
    await this.scope.assertCanManageTeam(user, teamId);
    return inTransaction(this.db, async (em) => {
      const v = await em.findOneBy(VolunteerEntity, { phone });
      if (!v) throw new AppError(404, 'NOT_FOUND', `没有手机号为 ${phone} 的志愿者；请让对方先在平台注册，或由管理员录入`);
      try {
        await em.insert(TeamMembershipEntity, { teamId, volunteerId: v.id, role: 'member' });
      } catch (err) {
        if (isUniqueViolation(err)) throw AppError.conflict('ALREADY_MEMBER', '该志愿者已经是本队成员');
        throw err;
      }
      // a pending request of the same person is settled by the addition
      await this.repo.approvePendingRequest(em, teamId, v.id, user.id);
      await this.audit.record(em, {
        actorUserId: user.id,
        action: 'membership.add',
        entity: 'team_membership',
        entityId: `${teamId}:${v.id}`,
        after: { teamId, volunteerId: v.id, role: 'member', by: 'phone' },
      });
      const m = await em.findOneByOrFail(TeamMembershipEntity, { teamId, volunteerId: v.id });
      const names = await volunteerNames(em, [v.id]);
      return { teamId, volunteerId: v.id, role: m.role, joinedAt: m.joinedAt.toISOString(), volunteer: toVolunteerDto(v, names.get(v.id)) };
    });
  }
}
