import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { MembershipDto, VolunteerDto } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { AppError, isUniqueViolation } from '../../common/errors/app-error';
import { paginate, PaginationQueryDto } from '../../common/dto/pagination.dto';
import { inTransaction } from '../../database/sql';
import { AuditService } from '../audit/audit.service';
import { SiteEntity } from '../sites/site.entity';
import { VolunteerEntity } from '../volunteers/volunteer.entity';
import { toVolunteerDto } from '../volunteers/volunteers.mapper';
import { volunteerNames } from '../volunteers/volunteers.repository';
import { AddMemberDto, CreateTeamDto, TeamQueryDto, UpdateTeamDto } from './dto/team.dto';
import { TeamMembershipEntity } from './team-membership.entity';
import { TeamEntity } from './team.entity';
import { toTeamDto } from './teams.mapper';
import { TeamsRepository } from './teams.repository';

/**
 * What a plain member sees of a teammate: the name (and station), nothing personal — no phone, gender, birth date,
 * political status, ID number or volunteer number (issue 14). Leaders and staff in scope get the full record.
 */
export function teammateView(v: VolunteerDto): VolunteerDto {
  return { ...v, phone: null, gender: null, birthDate: null, politicalStatus: null, idNumber: null, volunteerNumber: '', skills: [], teams: [] };
}

@Injectable()
export class TeamsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly repo: TeamsRepository,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, q: TeamQueryDto) {
    await this.scope.assertSiteFilter(user, q.siteId);
    const admin = this.scope.isAdmin(user);
    const { rows, total } = await this.repo.page({
      adminSites: admin ? ((await this.scope.adminSiteIds(user)) ?? undefined) : undefined,
      // a volunteer sees the teams they belong to (and lead)
      memberVolunteerId: admin ? undefined : (user.volunteerId ?? null),
      type: q.type,
      siteId: q.siteId,
      includeArchived: q.archived === true,
      q: q.q,
      page: q.page,
      pageSize: q.pageSize,
    });
    const counts = await this.repo.memberCounts(rows.map((r) => r.id));
    const names = await this.repo.names(rows.map((r) => r.id));
    return paginate(
      rows.map((t) => toTeamDto(t, names.get(t.id), counts.get(t.id) ?? 0)),
      total,
      q,
    );
  }

  private async findOr404(id: string): Promise<TeamEntity> {
    const t = await this.repo.findById(id);
    if (!t) throw AppError.notFound('队伍');
    return t;
  }

  /** Read: admins in scope, and any member of the team. */
  private async assertCanRead(user: AuthUser, team: TeamEntity) {
    if (this.scope.isAdmin(user)) {
      if (await this.scope.isSiteInScope(user, team.siteId)) return;
    } else if (user.volunteerId) {
      if (await this.repo.isMember(team.id, user.volunteerId)) return;
    }
    throw AppError.outOfScope('该队伍不在您的管理范围内');
  }

  async get(user: AuthUser, id: string) {
    const t = await this.findOr404(id);
    await this.assertCanRead(user, t);
    const counts = await this.repo.memberCounts([id]);
    return toTeamDto(t, (await this.repo.names([id])).get(id), counts.get(id) ?? 0);
  }

  async create(user: AuthUser, dto: CreateTeamDto) {
    const site = await this.db.getRepository(SiteEntity).findOneBy({ id: dto.siteId });
    if (!site) throw AppError.validation([{ field: 'siteId', message: '所选阵地不存在' }]);
    await this.scope.assertSiteInScope(user, dto.siteId);
    const saved = await this.repo.save({ name: dto.name.trim(), type: dto.type, siteId: dto.siteId, description: dto.description ?? '' });
    return toTeamDto(saved, (await this.repo.names([saved.id])).get(saved.id), 0);
  }

  async update(user: AuthUser, id: string, dto: UpdateTeamDto) {
    const t = await this.findOr404(id);
    await this.scope.assertCanManageTeam(user, id);
    if (!this.scope.isAdmin(user) && (dto.archived !== undefined || dto.type !== undefined)) {
      throw AppError.forbidden('队伍类型和归档由管理员修改');
    }
    Object.assign(t, dto);
    if (dto.name) t.name = dto.name.trim();
    const saved = await this.repo.save(t);
    return this.get(user, saved.id);
  }

  async members(user: AuthUser, teamId: string, q: PaginationQueryDto) {
    const t = await this.findOr404(teamId);
    await this.assertCanRead(user, t);
    // assertCanRead let in admins in scope and members; of the members only leaders see personal data
    const full = this.scope.isAdmin(user) || (await this.scope.isLeaderOf(user, teamId));
    const { rows, total } = await this.repo.memberPage(teamId, q.page, q.pageSize);
    const ids = rows.map((r) => r.volunteer_id);
    const vols = ids.length ? await this.db.getRepository(VolunteerEntity).findBy({ id: In(ids) }) : [];
    const byId = new Map(vols.map((v) => [v.id, v]));
    const names = await volunteerNames(this.db, ids);
    const items: MembershipDto[] = rows.map((r) => ({
      teamId,
      volunteerId: r.volunteer_id,
      role: r.role,
      joinedAt: new Date(r.joined_at).toISOString(),
      volunteer: full
        ? toVolunteerDto(byId.get(r.volunteer_id)!, names.get(r.volunteer_id))
        : teammateView(toVolunteerDto(byId.get(r.volunteer_id)!, names.get(r.volunteer_id))),
    }));
    return paginate(items, total, q);
  }

  async addMember(user: AuthUser, teamId: string, dto: AddMemberDto) {
    await this.findOr404(teamId);
    await this.scope.assertCanManageTeam(user, teamId);
    const role = dto.role ?? 'member';
    if (role === 'leader' && !this.scope.isAdmin(user)) throw AppError.forbidden('只有管理员可以任命队长');
    return inTransaction(this.db, async (em) => {
      const v = await em.findOneBy(VolunteerEntity, { id: dto.volunteerId });
      if (!v) throw AppError.validation([{ field: 'volunteerId', message: '该志愿者不存在' }]);
      try {
        await em.insert(TeamMembershipEntity, { teamId, volunteerId: dto.volunteerId, role });
      } catch (err) {
        if (isUniqueViolation(err)) throw AppError.conflict('ALREADY_MEMBER');
        throw err;
      }
      await this.audit.record(em, {
        actorUserId: user.id,
        action: 'membership.add',
        entity: 'team_membership',
        entityId: `${teamId}:${dto.volunteerId}`,
        after: { teamId, volunteerId: dto.volunteerId, role },
      });
      const m = await em.findOneByOrFail(TeamMembershipEntity, { teamId, volunteerId: dto.volunteerId });
      const names = await volunteerNames(em, [v.id]);
      return { teamId, volunteerId: v.id, role: m.role, joinedAt: m.joinedAt.toISOString(), volunteer: toVolunteerDto(v, names.get(v.id)) };
    });
  }

  async removeMember(user: AuthUser, teamId: string, volunteerId: string): Promise<void> {
    await this.findOr404(teamId);
    await this.scope.assertCanManageTeam(user, teamId);
    await inTransaction(this.db, async (em) => {
      const m = await em.findOneBy(TeamMembershipEntity, { teamId, volunteerId });
      if (!m) throw AppError.notFound('该队员');
      if (m.role === 'leader' && !this.scope.isAdmin(user)) throw AppError.forbidden('只有管理员可以移除队长');
      await em.delete(TeamMembershipEntity, { teamId, volunteerId });
      await this.audit.record(em, {
        actorUserId: user.id,
        action: 'membership.remove',
        entity: 'team_membership',
        entityId: `${teamId}:${volunteerId}`,
        before: { teamId, volunteerId, role: m.role },
      });
    });
  }
}
