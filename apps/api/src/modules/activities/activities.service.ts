import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { addDays, MAX_ACTIVITY_HOURS, shanghaiInstant, type ActivityWithCountsDto } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { AppError, type FieldError } from '../../common/errors/app-error';
import { paginate } from '../../common/dto/pagination.dto';
import { AuditService } from '../audit/audit.service';
import { inTransaction } from '../../database/sql';
import { ActivityEntity } from './activity.entity';
import { ActivityChangesService } from './activity-changes.service';
import { activityAudit, toActivityWithCounts } from './activities.mapper';
import { ActivitiesRepository } from './activities.repository';
import { ActivityQueryDto, CreateActivityDto, UpdateActivityDto } from './dto/activity.dto';
import { NoticesService } from '../notices/notices.service';
import { NoticeTexts } from '../notices/notice-texts';

/** endsAt > startsAt, at most 24 h. */
export function activityTimeErrors(startsAt: Date, endsAt: Date): FieldError[] {
  if (!(endsAt.getTime() > startsAt.getTime())) return [{ field: 'endsAt', message: '结束时间必须晚于开始时间' }];
  if (endsAt.getTime() - startsAt.getTime() > MAX_ACTIVITY_HOURS * 3600_000) return [{ field: 'endsAt', message: `活动最长 ${MAX_ACTIVITY_HOURS} 小时` }];
  return [];
}

/** "11月30日 23:50" in Asia/Shanghai. */
export function describeInstant(d: Date): string {
  const x = new Date(d.getTime() + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${x.getUTCMonth() + 1}月${x.getUTCDate()}日 ${pad(x.getUTCHours())}:${pad(x.getUTCMinutes())}`;
}

export const newCheckinSecret = () => randomBytes(32).toString('hex');

@Injectable()
export class ActivitiesService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly repo: ActivitiesRepository,
    private readonly changes: ActivityChangesService,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly notices: NoticesService,
  ) {}

  /** The answer for one activity: names, counts and the caller's own sign-up. */
  async view(user: AuthUser | null, id: string, em: EntityManager = this.db.manager): Promise<ActivityWithCountsDto> {
    return toActivityWithCounts(await this.repo.view(id, user?.volunteerId ?? null, em));
  }

  /**
   * Admins: their subtree (every status). Everyone else: any published/completed/cancelled activity,
   * drafts only of the teams they lead.
   */
  async list(user: AuthUser, q: ActivityQueryDto) {
    const admin = this.scope.isAdmin(user);
    const adminSites = admin ? await this.scope.adminSiteIds(user) : null;
    const ledTeams = admin ? undefined : await this.scope.ledTeamIds(user);
    if (q.townId && (await this.repo.regionLevel(q.townId)) !== 'town') {
      throw AppError.validation([{ field: 'townId', message: 'townId 必须是乡镇一级的行政区划' }]);
    }
    const { ids, total } = await this.repo.pageIds({
      adminSites: adminSites ?? undefined,
      ledTeams,
      fromInstant: q.from ? shanghaiInstant(q.from) : undefined,
      toInstant: q.to ? shanghaiInstant(addDays(q.to, 1)) : undefined,
      townId: q.townId,
      siteId: q.siteId,
      teamId: q.teamId,
      kind: q.kind,
      category: q.category,
      status: q.status,
      sort: q.sort === 'asc' ? 'asc' : 'desc',
      page: q.page,
      pageSize: q.pageSize,
    });
    // names, counts and the caller's own sign-up for the whole page in one statement
    const views = await this.repo.views(ids, user.volunteerId);
    return paginate(views.map(toActivityWithCounts), total, q);
  }

  private async findOr404(id: string): Promise<ActivityEntity> {
    const a = await this.repo.findById(id);
    if (!a) throw AppError.notFound('活动');
    return a;
  }

  /** Can the caller manage (edit, cancel, see all sign-ups of) the activity? Venue or team in an admin's subtree, or its team's leader. */
  async canManage(user: AuthUser, a: { teamId: string; siteId: string }, em?: EntityManager): Promise<boolean> {
    try {
      await this.scope.assertCanManageActivity(user, a, em);
      return true;
    } catch (err) {
      if (err instanceof AppError && err.status === 403) return false;
      throw err;
    }
  }

  async get(user: AuthUser, id: string) {
    const a = await this.findOr404(id);
    if (a.status === 'draft' && !(await this.canManage(user, a))) throw AppError.outOfScope('该活动尚未发布，只有组织队伍的队长和管理员可以查看');
    return this.view(user, a.id);
  }

  async create(user: AuthUser, dto: CreateActivityDto) {
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    const errors = activityTimeErrors(startsAt, endsAt);
    if (errors.length) throw AppError.validation(errors);
    const team = await this.repo.findTeamForActivity(dto.teamId);
    if (!team) throw AppError.validation([{ field: 'teamId', message: '所选队伍不存在' }]);
    const siteId = dto.siteId ?? team.site_id; // the venue; default the team's site
    if (dto.siteId) await this.repo.assertVenue(dto.siteId);
    await this.scope.assertCanManageActivity(user, { teamId: dto.teamId, siteId });
    if (team.archived) throw AppError.validation([{ field: 'teamId', message: '该队伍已归档，不能再发布活动' }]);
    return inTransaction(this.db, async (em) => {
      const saved = await em.save(
        em.create(ActivityEntity, {
          title: dto.title.trim(),
          kind: dto.kind,
          category: dto.category,
          siteId,
          address: dto.address ?? '',
          teamId: dto.teamId,
          startsAt,
          endsAt,
          capacity: dto.capacity ?? null,
          status: dto.status ?? 'published',
          description: dto.description ?? '',
          checkinSecret: newCheckinSecret(),
          createdBy: user.id,
        }),
      );
      await this.audit.record(em, { actorUserId: user.id, action: 'activity.create', entity: 'activity', entityId: saved.id, after: activityAudit(saved) });
      return this.view(user, saved.id, em);
    });
  }

  async update(user: AuthUser, id: string, dto: UpdateActivityDto) {
    const pre = await this.findOr404(id);
    await this.scope.assertCanManageActivity(user, pre);
    if (dto.siteId && dto.siteId !== pre.siteId) {
      await this.repo.assertVenue(dto.siteId);
      // moving the venue: the caller must still manage the activity where it goes
      await this.scope.assertCanManageActivity(user, { teamId: pre.teamId, siteId: dto.siteId });
    }
    return inTransaction(this.db, async (em) => {
      const a = await this.changes.lockActivity(em, id);
      if (a.status === 'cancelled' || a.status === 'completed') {
        throw AppError.conflict('ACTIVITY_CLOSED', a.status === 'cancelled' ? '活动已取消，不能修改' : '活动已完成，不能修改');
      }
      const before = activityAudit(a);
      const was = { id: a.id, title: a.title, startsAt: a.startsAt, endsAt: a.endsAt, siteId: a.siteId, address: a.address };
      const startsAt = dto.startsAt ? new Date(dto.startsAt) : a.startsAt;
      const endsAt = dto.endsAt ? new Date(dto.endsAt) : a.endsAt;
      const errors = activityTimeErrors(startsAt, endsAt);
      if (errors.length) throw AppError.validation(errors);
      if (dto.capacity !== undefined && dto.capacity !== null) {
        const confirmed = await this.repo.countConfirmedSignups(em, id);
        if (dto.capacity < confirmed) {
          throw AppError.conflict('CAPACITY_BELOW_CONFIRMED', `已有 ${confirmed} 人报名成功，人数上限不能低于 ${confirmed}；请先让部分志愿者取消报名`);
        }
      }
      if (dto.title !== undefined) a.title = dto.title.trim();
      if (dto.description !== undefined) a.description = dto.description;
      if (dto.category !== undefined) a.category = dto.category;
      if (dto.siteId !== undefined) a.siteId = dto.siteId;
      if (dto.address !== undefined) a.address = dto.address;
      if (dto.capacity !== undefined) a.capacity = dto.capacity;
      if (dto.status === 'published') a.status = 'published';
      a.startsAt = startsAt;
      a.endsAt = endsAt;
      a.updatedAt = new Date();
      await em.save(a);
      await this.notices.toVolunteers(em, await this.changes.promoteWaitlisted(em, a), NoticeTexts.signupPromoted(a));
      if (before.startsAt !== a.startsAt.toISOString() || before.endsAt !== a.endsAt.toISOString() || before.siteId !== a.siteId || before.address !== a.address) {
        const signed = await this.repo.liveSignupsWithSiteName(em, a.id, a.siteId);
        if (signed.length)
          await this.notices.toVolunteers(
            em,
            signed.map((r) => r.volunteer_id),
            NoticeTexts.activityChanged(a, signed[0].site_name),
          );
      }
      // issue 11: the same change also goes to 我的活动 (activity_notices), kept until issue 13's notices take over
      await this.changes.noticeReschedule(em, was, a);
      await this.audit.record(em, { actorUserId: user.id, action: 'activity.update', entity: 'activity', entityId: id, before, after: activityAudit(a) });
      return this.view(user, a.id, em);
    });
  }

  async cancel(user: AuthUser, id: string, reason: string) {
    const pre = await this.findOr404(id);
    await this.scope.assertCanManageActivity(user, pre);
    return inTransaction(this.db, async (em) => {
      const a = await this.changes.lockActivity(em, id);
      if (a.status === 'cancelled') return this.view(user, a.id, em); // idempotent
      if (a.status === 'completed') throw AppError.conflict('ACTIVITY_CLOSED', '活动已完成，不能取消');
      const before = activityAudit(a);
      await this.notices.toVolunteers(em, await this.changes.cancelInTx(em, a, reason.trim()), NoticeTexts.activityCancelled(a, reason.trim()));
      const after = await em.findOneByOrFail(ActivityEntity, { id });
      await this.audit.record(em, {
        actorUserId: user.id,
        action: 'activity.cancel',
        entity: 'activity',
        entityId: id,
        before,
        after: { ...activityAudit(after), reason },
      });
      return this.view(user, id, em);
    });
  }

  async complete(user: AuthUser, id: string, audienceReached: number, endEarly = false) {
    const pre = await this.findOr404(id);
    await this.scope.assertCanManageActivity(user, pre);
    return inTransaction(this.db, async (em) => {
      const a = await this.changes.lockActivity(em, id);
      if (a.status === 'completed') {
        if (a.audienceReached === audienceReached) return this.view(user, a.id, em); // idempotent
        throw AppError.conflict('ACTIVITY_ALREADY_COMPLETED', `活动已完成，已登记覆盖群众 ${a.audienceReached ?? 0} 人次，不能改为 ${audienceReached}`);
      }
      if (a.status === 'cancelled') throw AppError.conflict('ACTIVITY_CLOSED', '活动已取消，不能标记为完成');
      if (a.status === 'draft') throw AppError.conflict('ACTIVITY_NOT_PUBLISHED', '草稿活动不能标记为完成，请先发布');
      if (a.startsAt.getTime() > Date.now()) throw AppError.conflict('ACTIVITY_NOT_STARTED', '活动还没有开始，开始后才能标记为完成');
      const now = new Date();
      let endsAt = a.endsAt;
      if (a.endsAt.getTime() > now.getTime()) {
        if (!endEarly) {
          throw AppError.conflict(
            'ACTIVITY_NOT_ENDED',
            `活动计划 ${describeInstant(a.endsAt)} 结束，现在还没到；如果活动已经提前结束，请确认“提前结束”（endEarly: true），结束时间将改为现在`,
          );
        }
        // the actual end; at least one minute after the start (endsAt > startsAt)
        endsAt = new Date(Math.max(now.getTime(), a.startsAt.getTime() + 60_000));
      }
      const before = activityAudit(a);
      await this.repo.markCompleted(em, id, audienceReached, endsAt);
      const after = await em.findOneByOrFail(ActivityEntity, { id });
      await this.audit.record(em, { actorUserId: user.id, action: 'activity.complete', entity: 'activity', entityId: id, before, after: activityAudit(after) });
      return this.view(user, id, em);
    });
  }
}
