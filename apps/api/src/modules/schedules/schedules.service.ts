import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  occurrenceDates,
  occurrenceInstants,
  shanghaiDate,
  type ActivityCategory,
  type ServiceDayScheduleChangeResponse,
} from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { AppError } from '../../common/errors/app-error';
import { paginate } from '../../common/dto/pagination.dto';
import { AuditService } from '../audit/audit.service';
import { newCheckinSecret } from '../activities/activities.service';
import { ActivityEntity } from '../activities/activity.entity';
import { cancelActivityInTx, confirmedCount, inTransaction, noticeReschedule, promoteWaitlisted } from '../activities/activity-tx';
import { toActivityDto } from '../activities/activities.mapper';
import { activityViews, assertVenue } from '../activities/activities.repository';
import { CreateScheduleDto, ScheduleQueryDto, UpdateScheduleDto } from './dto/schedule.dto';
import { scheduleErrors } from './schedule-rules';
import { SCHEDULE_COLUMNS, SCHEDULE_FROM, toScheduleDto, type ScheduleRow } from './schedules.mapper';

const NONE = ['00000000-0000-0000-0000-000000000000'];

interface Plan {
  siteId: string;
  address: string;
  title: string;
  category: ActivityCategory;
  weekday: number;
  startTime: string;
  endTime: string;
  startsOn: string;
  endsOn: string;
  capacity: number | null;
  skipDates: string[];
  description: string;
}

@Injectable()
export class SchedulesService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, q: ScheduleQueryDto) {
    await this.scope.assertTeamFilter(user, q.teamId);
    const params: unknown[] = [];
    const where: string[] = ['s.deleted_at IS NULL'];
    if (this.scope.isAdmin(user)) {
      const sites = await this.scope.adminSiteIds(user);
      if (sites) {
        // the venue or the team in the subtree
        params.push(sites.length ? sites : NONE);
        where.push(`(s.site_id = ANY($${params.length}::uuid[]) OR st.site_id = ANY($${params.length}::uuid[]))`);
      }
    } else {
      const led = await this.scope.ledTeamIds(user);
      params.push(led.length ? led : NONE);
      where.push(`s.team_id = ANY($${params.length}::uuid[])`);
    }
    if (q.teamId) {
      params.push(q.teamId);
      where.push(`s.team_id = $${params.length}`);
    }
    const w = where.join(' AND ');
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM ${SCHEDULE_FROM} WHERE ${w}`, params);
    const rows: ScheduleRow[] = await this.db.query(
      `SELECT ${SCHEDULE_COLUMNS} FROM ${SCHEDULE_FROM} WHERE ${w} ORDER BY s.created_at DESC, s.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    );
    return paginate(rows.map(toScheduleDto), Number(n), q);
  }

  private async load(em: EntityManager, id: string, lock = false): Promise<ScheduleRow> {
    const rows: ScheduleRow[] = await em.query(`SELECT ${SCHEDULE_COLUMNS} FROM ${SCHEDULE_FROM} WHERE s.id = $1${lock ? ' FOR UPDATE OF s' : ''}`, [id]);
    if (!rows.length || rows[0].deleted_at) throw AppError.notFound('服务日安排');
    return rows[0];
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
    for (let i = 0; i < rows.length; i += 200) await em.insert(ActivityEntity, rows.slice(i, i + 200));
    // rows are in date order already
    return (await activityViews(em, rows.map((r) => r.id))).map(toActivityDto);
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
    const clashes: Array<{ title: string; starts_at: Date; ends_at: Date; schedule_title: string | null }> = await em.query(
      `SELECT DISTINCT a.id, a.title, a.starts_at, a.ends_at, s.title AS schedule_title
         FROM activities a
         JOIN unnest($2::timestamptz[], $3::timestamptz[]) AS o(s, e) ON a.starts_at < o.e AND a.ends_at > o.s
         LEFT JOIN service_day_schedules s ON s.id = a.schedule_id
        WHERE a.team_id = $1 AND a.status IN ('draft', 'published', 'completed') AND NOT (a.id = ANY($4::uuid[]))
        ORDER BY a.starts_at, a.id`,
      [teamId, starts, ends, ownIds.length ? ownIds : NONE],
    );
    if (!clashes.length) return;
    const fmt = (d: Date) => {
      const x = new Date(new Date(d).getTime() + 8 * 3600_000);
      const p = (n: number) => String(n).padStart(2, '0');
      return `${x.getUTCFullYear()}-${p(x.getUTCMonth() + 1)}-${p(x.getUTCDate())} ${p(x.getUTCHours())}:${p(x.getUTCMinutes())}`;
    };
    const named = clashes.slice(0, 3).map((c) => `${fmt(c.starts_at)}「${c.title}」${c.schedule_title ? '（服务日安排）' : ''}`);
    const more = clashes.length > 3 ? ` 等 ${clashes.length} 项` : '';
    throw new AppError(
      409,
      'SCHEDULE_OVERLAP',
      `与本队已有活动时间重叠：${named.join('、')}${more}。请调整时间或日期（可设为跳过日期）；确需同时进行请勾选“允许时间重叠”`,
      undefined,
      { clashes: clashes.map((c) => ({ title: c.title, startsAt: new Date(c.starts_at).toISOString(), endsAt: new Date(c.ends_at).toISOString(), scheduleTitle: c.schedule_title })) },
    );
  }

  async create(user: AuthUser, dto: CreateScheduleDto): Promise<ServiceDayScheduleChangeResponse> {
    const team: Array<{ archived: boolean; site_id: string }> = await this.db.query(`SELECT archived, site_id FROM teams WHERE id = $1`, [dto.teamId]);
    const plan: Plan = {
      siteId: dto.siteId ?? team[0]?.site_id ?? '',
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
    if (!team.length) throw AppError.validation([{ field: 'teamId', message: '所选队伍不存在' }]);
    if (dto.siteId) await assertVenue(this.db.manager, dto.siteId);
    await this.scope.assertCanManageActivity(user, { teamId: dto.teamId, siteId: plan.siteId });
    if (team[0].archived) throw AppError.validation([{ field: 'teamId', message: '该队伍已归档，不能再安排服务日' }]);
    return inTransaction(this.db, async (em) => {
      const [{ id }] = await em.query(
        `INSERT INTO service_day_schedules (team_id, site_id, title, category, weekday, start_time, end_time, starts_on, ends_on, capacity, skip_dates, description, created_by, address)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11::date[],$12,$13,$14) RETURNING id`,
        [dto.teamId, plan.siteId, plan.title, plan.category, plan.weekday, plan.startTime, plan.endTime, plan.startsOn, plan.endsOn, plan.capacity, plan.skipDates, plan.description, user.id, plan.address],
      );
      const dates = occurrenceDates(plan);
      await this.assertNoOverlap(em, dto.teamId, plan, dates, [], dto.allowOverlap);
      const generated = await this.generate(em, user, { id, teamId: dto.teamId }, plan, dates);
      const schedule = toScheduleDto(await this.load(em, id));
      await this.audit.record(em, { actorUserId: user.id, action: 'schedule.create', entity: 'service_day_schedule', entityId: id, after: { ...schedule, generated: generated.length } });
      return { schedule, generated, updated: [], cancelled: [] };
    });
  }

  /** Occurrences that may still change: live (draft/published), starting after now, and without any attendance row. */
  private async occurrences(em: EntityManager, scheduleId: string) {
    const rows: Array<{ id: string; starts_at: Date; status: string; attended: boolean }> = await em.query(
      `SELECT a.id, a.starts_at, a.status, EXISTS (SELECT 1 FROM attendance t WHERE t.activity_id = a.id) AS attended
         FROM activities a WHERE a.schedule_id = $1 AND a.status <> 'cancelled' ORDER BY a.starts_at FOR UPDATE OF a`,
      [scheduleId],
    );
    const now = Date.now();
    const mutable = rows.filter((r) => (r.status === 'published' || r.status === 'draft') && new Date(r.starts_at).getTime() > now && !r.attended);
    const frozenDates = new Set(rows.filter((r) => !mutable.includes(r)).map((r) => shanghaiDate(r.starts_at)));
    return { mutable, frozenDates };
  }

  async update(user: AuthUser, id: string, dto: UpdateScheduleDto): Promise<ServiceDayScheduleChangeResponse> {
    const pre = await this.load(this.db.manager, id);
    await this.scope.assertCanManageActivity(user, { teamId: pre.team_id, siteId: pre.site_id });
    if (dto.siteId && dto.siteId !== pre.site_id) {
      await assertVenue(this.db.manager, dto.siteId);
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
      const desired = new Set(
        occurrenceDates(plan).filter((d) => !frozenDates.has(d) && occurrenceInstants(d, plan.startTime, plan.endTime).startsAt.getTime() > now),
      );
      const keep: Array<{ id: string; date: string }> = [];
      const drop: string[] = [];
      for (const m of mutable) {
        const d = shanghaiDate(m.starts_at);
        if (desired.has(d) && !keep.some((k) => k.date === d)) keep.push({ id: m.id, date: d });
        else drop.push(m.id);
      }
      // every date this series will hold after the change (kept and new), against the team's other activities
      await this.assertNoOverlap(em, cur.teamId, plan, [...desired].sort(), mutable.map((m) => m.id), dto.allowOverlap);
      if (plan.capacity !== null) {
        for (const k of keep) {
          const n = await confirmedCount(em, k.id);
          if (n > plan.capacity) {
            throw AppError.conflict('CAPACITY_BELOW_CONFIRMED', `${k.date} 的服务日已有 ${n} 人报名成功，人数上限不能低于 ${n}`);
          }
        }
      }

      await em.query(
        `UPDATE service_day_schedules SET title = $2, category = $3, weekday = $4, start_time = $5, end_time = $6, starts_on = $7, ends_on = $8,
                capacity = $9, skip_dates = $10::date[], description = $11, site_id = $12, address = $13 WHERE id = $1`,
        [id, plan.title, plan.category, plan.weekday, plan.startTime, plan.endTime, plan.startsOn, plan.endsOn, plan.capacity, plan.skipDates, plan.description, plan.siteId, plan.address],
      );
      for (const k of keep) {
        const { startsAt, endsAt } = occurrenceInstants(k.date, plan.startTime, plan.endTime);
        const was = await em.findOneByOrFail(ActivityEntity, { id: k.id });
        await noticeReschedule(em, was, { startsAt, endsAt, siteId: plan.siteId, address: plan.address });
        await em.query(
          `UPDATE activities SET title = $2, category = $3, starts_at = $4, ends_at = $5, capacity = $6, description = $7, site_id = $8, address = $9,
                  updated_at = now() WHERE id = $1`,
          [k.id, plan.title, plan.category, startsAt, endsAt, plan.capacity, plan.description, plan.siteId, plan.address],
        );
        const a = await em.findOneByOrFail(ActivityEntity, { id: k.id });
        await promoteWaitlisted(em, a);
      }
      const updated = (await activityViews(em, keep.map((k) => k.id))).map(toActivityDto);
      for (const aid of drop) {
        const a = await em.findOneByOrFail(ActivityEntity, { id: aid });
        await cancelActivityInTx(em, a, '服务日安排调整，该日期不再安排');
      }
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
      for (const m of mutable) {
        const a = await em.findOneByOrFail(ActivityEntity, { id: m.id });
        await cancelActivityInTx(em, a, '服务日安排已删除');
      }
      await em.query(`UPDATE service_day_schedules SET deleted_at = now() WHERE id = $1`, [id]);
      const rows: ScheduleRow[] = await em.query(`SELECT ${SCHEDULE_COLUMNS} FROM ${SCHEDULE_FROM} WHERE s.id = $1`, [id]);
      const schedule = toScheduleDto(rows[0]);
      await this.audit.record(em, { actorUserId: user.id, action: 'schedule.delete', entity: 'service_day_schedule', entityId: id, before: cur, after: { cancelled: mutable.length } });
      return { schedule, generated: [], updated: [], cancelled: mutable.map((m) => m.id) };
    });
  }
}
