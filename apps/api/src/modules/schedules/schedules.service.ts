import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { occurrenceDates, occurrenceInstants, shanghaiDate, type ServiceDayScheduleChangeResponse } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { AppError } from '../../common/errors/app-error';
import { paginate } from '../../common/dto/pagination.dto';
import { inTransaction, type Queryable } from '../../database/sql';
import { AuditService } from '../audit/audit.service';
import { newCheckinSecret } from '../activities/activities.service';
import { ActivityChangesService } from '../activities/activity-changes.service';
import { toActivityDto } from '../activities/activities.mapper';
import { CreateScheduleDto, ScheduleQueryDto, UpdateScheduleDto } from './dto/schedule.dto';
import { scheduleErrors, scheduleOverlapError, type SchedulePlan as Plan } from './schedule-rules';
import { toScheduleDto, type ScheduleRow } from './schedules.mapper';
import { SchedulesRepository } from './schedules.repository';

@Injectable()
export class SchedulesService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly repo: SchedulesRepository,
    private readonly activities: ActivityChangesService,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, q: ScheduleQueryDto) {
    await this.scope.assertTeamFilter(user, q.teamId);
    const admin = this.scope.isAdmin(user);
    const adminSites = admin ? ((await this.scope.adminSiteIds(user)) ?? undefined) : undefined;
    const ledTeams = admin ? undefined : await this.scope.ledTeamIds(user);
    const { rows, total } = await this.repo.page({ adminSites, ledTeams, teamId: q.teamId }, q.page, q.pageSize);
    return paginate(rows.map(toScheduleDto), total, q);
  }

  private async load(em: Queryable, id: string, lock = false): Promise<ScheduleRow> {
    const row = await this.repo.findSchedule(id, em, lock);
    if (!row || row.deleted_at) throw AppError.notFound('服务日安排');
    return row;
  }

  /** New `service_day` activities, one per date. */
  private async generate(em: EntityManager, user: AuthUser, s: { id: string; teamId: string }, plan: Plan, dates: string[]) {
    if (!dates.length) return [];
    const rows = dates.map((d) => {
      const { startsAt, endsAt } = occurrenceInstants(d, plan.startTime, plan.endTime);
      return {
        id: randomUUID(),
        title: plan.title,
        kind: 'service_day' as const,
        category: plan.category,
        siteId: plan.siteId,
        address: plan.address,
        teamId: s.teamId,
        startsAt,
        endsAt,
        capacity: plan.capacity,
        status: 'published' as const,
        scheduleId: s.id,
        description: plan.description,
        checkinSecret: newCheckinSecret(),
        createdBy: user.id,
      };
    });
    // rows are in date order already
    return (await this.activities.createOccurrences(em, rows)).map(toActivityDto);
  }

  /**
   * Another live activity of the same team (another series' occurrence, or a single activity) overlapping in time
   * one of `dates` → 409 SCHEDULE_OVERLAP naming the clashes, unless the caller allows the overlap explicitly.
   * `ownIds` are this series' own occurrences being rewritten (they do not clash with themselves).
   */
  private async assertNoOverlap(em: EntityManager, teamId: string, plan: Plan, dates: string[], ownIds: string[], allow: boolean | undefined) {
    if (allow || !dates.length) return;
    const starts = dates.map((d) => occurrenceInstants(d, plan.startTime, plan.endTime).startsAt.toISOString());
    const ends = dates.map((d) => occurrenceInstants(d, plan.startTime, plan.endTime).endsAt.toISOString());
    const clashes = await this.repo.findTeamClashes(em, teamId, starts, ends, ownIds);
    if (clashes.length) throw scheduleOverlapError(clashes);
  }

  async create(user: AuthUser, dto: CreateScheduleDto): Promise<ServiceDayScheduleChangeResponse> {
    const team = await this.repo.findTeam(dto.teamId);
    const plan: Plan = {
      siteId: dto.siteId ?? team?.site_id ?? '',
      address: dto.address ?? '',
      title: dto.title.trim(),
      category: dto.category,
      weekday: dto.weekday ?? 5,
      startTime: dto.startTime,
      endTime: dto.endTime,
      startsOn: dto.startsOn,
      endsOn: dto.endsOn,
      capacity: dto.capacity ?? null,
      skipDates: [...new Set(dto.skipDates ?? [])].sort(),
      description: dto.description ?? '',
    };
    const errors = scheduleErrors(plan);
    if (errors.length) throw AppError.validation(errors);
    if (!team) throw AppError.validation([{ field: 'teamId', message: '所选队伍不存在' }]);
    if (dto.siteId) await this.activities.assertVenue(dto.siteId);
    await this.scope.assertCanManageActivity(user, { teamId: dto.teamId, siteId: plan.siteId });
    if (team.archived) throw AppError.validation([{ field: 'teamId', message: '该队伍已归档，不能再安排服务日' }]);
    return inTransaction(this.db, async (em) => {
      const id = await this.repo.insertSchedule(em, dto.teamId, plan, user.id);
      const dates = occurrenceDates(plan);
      await this.assertNoOverlap(em, dto.teamId, plan, dates, [], dto.allowOverlap);
      const generated = await this.generate(em, user, { id, teamId: dto.teamId }, plan, dates);
      const schedule = toScheduleDto(await this.load(em, id));
      await this.audit.record(em, {
        actorUserId: user.id,
        action: 'schedule.create',
        entity: 'service_day_schedule',
        entityId: id,
        after: { ...schedule, generated: generated.length },
      });
      return { schedule, generated, updated: [], cancelled: [] };
    });
  }

  /** Occurrences that may still change: live (draft/published), starting after now, and without any attendance row. */
  private async occurrences(em: EntityManager, scheduleId: string) {
    const rows = await this.activities.lockSeriesOccurrences(em, scheduleId);
    const now = Date.now();
    const mutable = rows.filter((r) => (r.status === 'published' || r.status === 'draft') && new Date(r.starts_at).getTime() > now && !r.attended);
    const frozenDates = new Set(rows.filter((r) => !mutable.includes(r)).map((r) => shanghaiDate(r.starts_at)));
    return { mutable, frozenDates };
  }

  async update(user: AuthUser, id: string, dto: UpdateScheduleDto): Promise<ServiceDayScheduleChangeResponse> {
    const pre = await this.load(this.db.manager, id);
    await this.scope.assertCanManageActivity(user, { teamId: pre.team_id, siteId: pre.site_id });
    if (dto.siteId && dto.siteId !== pre.site_id) {
      await this.activities.assertVenue(dto.siteId);
      await this.scope.assertCanManageActivity(user, { teamId: pre.team_id, siteId: dto.siteId });
    }
    return inTransaction(this.db, async (em) => {
      const cur = toScheduleDto(await this.load(em, id, true));
      const plan: Plan = {
        siteId: dto.siteId ?? cur.siteId,
        address: dto.address ?? cur.address,
        title: dto.title?.trim() ?? cur.title,
        category: dto.category ?? cur.category,
        weekday: dto.weekday ?? cur.weekday,
        startTime: dto.startTime ?? cur.startTime,
        endTime: dto.endTime ?? cur.endTime,
        startsOn: dto.startsOn ?? cur.startsOn,
        endsOn: dto.endsOn ?? cur.endsOn,
        capacity: dto.capacity !== undefined ? dto.capacity : cur.capacity,
        skipDates: dto.skipDates ? [...new Set(dto.skipDates)].sort() : cur.skipDates,
        description: dto.description ?? cur.description,
      };
      const errors = scheduleErrors(plan);
      if (errors.length) throw AppError.validation(errors);

      const { mutable, frozenDates } = await this.occurrences(em, id);
      const now = Date.now();
      const desired = new Set(occurrenceDates(plan).filter((d) => !frozenDates.has(d) && occurrenceInstants(d, plan.startTime, plan.endTime).startsAt.getTime() > now));
      const keep: Array<{ id: string; date: string }> = [];
      const drop: string[] = [];
      for (const m of mutable) {
        const d = shanghaiDate(m.starts_at);
        if (desired.has(d) && !keep.some((k) => k.date === d)) keep.push({ id: m.id, date: d });
        else drop.push(m.id);
      }
      // every date this series will hold after the change (kept and new), against the team's other activities
      await this.assertNoOverlap(
        em,
        cur.teamId,
        plan,
        [...desired].sort(),
        mutable.map((m) => m.id),
        dto.allowOverlap,
      );
      if (plan.capacity !== null) {
        for (const k of keep) {
          const n = await this.activities.confirmedCount(em, k.id);
          if (n > plan.capacity) {
            throw AppError.conflict('CAPACITY_BELOW_CONFIRMED', `${k.date} 的服务日已有 ${n} 人报名成功，人数上限不能低于 ${n}`);
          }
        }
      }

      await this.repo.updateSchedule(em, id, plan);
      for (const k of keep) {
        const { startsAt, endsAt } = occurrenceInstants(k.date, plan.startTime, plan.endTime);
        const { title, category, capacity, description, siteId, address } = plan;
        await this.activities.rescheduleOccurrence(em, k.id, { title, category, startsAt, endsAt, capacity, description, siteId, address });
      }
      const updated = (
        await this.activities.views(
          em,
          keep.map((k) => k.id),
        )
      ).map(toActivityDto);
      for (const aid of drop) await this.activities.cancelById(em, aid, '服务日安排调整，该日期不再安排');
      const keptDates = new Set(keep.map((k) => k.date));
      const generated = await this.generate(em, user, { id, teamId: cur.teamId }, plan, [...desired].filter((d) => !keptDates.has(d)).sort());
      const schedule = toScheduleDto(await this.load(em, id));
      await this.audit.record(em, {
        actorUserId: user.id,
        action: 'schedule.update',
        entity: 'service_day_schedule',
        entityId: id,
        before: cur,
        after: { ...schedule, generated: generated.length, updated: updated.length, cancelled: drop.length },
      });
      return { schedule, generated, updated, cancelled: drop };
    });
  }

  /** Cancels the future occurrences without attendance and marks the schedule deleted; answers 200 with the change. */
  async remove(user: AuthUser, id: string): Promise<ServiceDayScheduleChangeResponse> {
    const pre = await this.load(this.db.manager, id);
    await this.scope.assertCanManageActivity(user, { teamId: pre.team_id, siteId: pre.site_id });
    return inTransaction(this.db, async (em) => {
      const cur = toScheduleDto(await this.load(em, id, true));
      const { mutable } = await this.occurrences(em, id);
      for (const m of mutable) await this.activities.cancelById(em, m.id, '服务日安排已删除');
      await this.repo.markDeleted(em, id);
      const schedule = toScheduleDto((await this.repo.findSchedule(id, em))!);
      await this.audit.record(em, {
        actorUserId: user.id,
        action: 'schedule.delete',
        entity: 'service_day_schedule',
        entityId: id,
        before: cur,
        after: { cancelled: mutable.length },
      });
      return { schedule, generated: [], updated: [], cancelled: mutable.map((m) => m.id) };
    });
  }
}
