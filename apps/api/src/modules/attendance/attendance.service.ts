import { lockVolunteer, overlappingSignup } from '../activities/activity-tx';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { maskPhone, type AttendanceListItemDto, type CheckinCodeResponse, type ConfirmAttendanceResponse } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { AppError } from '../../common/errors/app-error';
import { paginate } from '../../common/dto/pagination.dto';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { checkinWindow, checkoutWindow, describeWindow, inWindow, pointsForMinutes, servedMinutes } from './attendance-rules';
import { loginJoins, loginNameOf, loginNameSubquery } from '../../common/sql/names';
import { auditSnapshot, toAttendanceDto, type AttendanceRow } from './attendance.mapper';
import { CheckinAttemptLimiter } from './checkin-attempts';
import { checkinQrPayload, currentCheckinCode, verifyCheckinCode } from './checkin-code';
import { ManualAttendanceDto } from './dto/attendance.dto';
import { PointsService } from './points.service';
import { NoticesService } from '../notices/notices.service';
import { NoticeTexts } from '../notices/notice-texts';

export interface ActivityRow {
  id: string;
  title: string;
  kind: string;
  status: string;
  team_id: string;
  site_id: string;
  starts_at: Date;
  ends_at: Date;
  capacity: number | null;
  checkin_secret: string;
}

/** TypeORM answers UPDATE … RETURNING on PostgreSQL as [rows, affected]; INSERT … RETURNING as rows. */
function returned<T>(result: unknown): T[] {
  return Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as T[]) : (result as T[]);
}

const ATTENDANCE_BASE_COLS = `id, activity_id, volunteer_id, check_in_at, check_out_at, method, minutes, status, confirmed_by, confirmed_at, rejected_reason, received_at, check_out_received_at, checkin_key, checkout_key`;
/** The columns of an answer: the row plus the name of whoever confirmed/rejected it (a scalar subquery, fine in RETURNING). */
const ATTENDANCE_COLS = `${ATTENDANCE_BASE_COLS}, ${loginNameSubquery('confirmed_by')} AS confirmed_by_name`;

@Injectable()
export class AttendanceService {
  /** Wrong check-in codes per (volunteer, activity), counted in the database (shared by every API process). */
  readonly limiter: CheckinAttemptLimiter;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly points: PointsService,
    private readonly notices: NoticesService,
  ) {
    this.limiter = new CheckinAttemptLimiter(db, 5, 60_000);
  }

  // ---------- helpers ----------

  /** Module-internal (also used by OfflineCheckinService). */
  async activity(em: EntityManager, id: string, lock = false): Promise<ActivityRow> {
    const rows: ActivityRow[] = await em.query(
      `SELECT id, title, kind, status, team_id, site_id, starts_at, ends_at, capacity, checkin_secret
         FROM activities WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    if (!rows.length) throw AppError.notFound('活动');
    const a = rows[0];
    return { ...a, starts_at: new Date(a.starts_at), ends_at: new Date(a.ends_at), capacity: a.capacity === null ? null : Number(a.capacity) };
  }

  async row(em: EntityManager, activityId: string, volunteerId: string, lock = false): Promise<AttendanceRow | null> {
    const rows: AttendanceRow[] = await em.query(
      `SELECT ${ATTENDANCE_COLS} FROM attendance WHERE activity_id = $1 AND volunteer_id = $2${lock ? ' FOR UPDATE' : ''}`,
      [activityId, volunteerId],
    );
    return rows[0] ?? null;
  }

  requireVolunteer(user: AuthUser): string {
    if (!user.volunteerId) throw AppError.forbidden('只有志愿者本人可以签到、签退');
    return user.volunteerId;
  }

  assertLive(a: ActivityRow, allowCompleted = false) {
    if (a.status === 'published' || (allowCompleted && a.status === 'completed')) return;
    const why = a.status === 'cancelled' ? '已取消' : a.status === 'completed' ? '已结束' : '尚未发布';
    throw AppError.conflict('ACTIVITY_NOT_OPEN', `该活动${why}，不能签到或签退`);
  }

  /** Leader of the activity's team, or an admin over the activity's venue or its team's site. */
  async assertCanManage(user: AuthUser, a: ActivityRow, em?: EntityManager) {
    await this.scope.assertCanManageActivity(user, { teamId: a.team_id, siteId: a.site_id }, em);
  }

  private async assertCode(volunteerId: string, a: ActivityRow, code: string, now: Date) {
    const key = `${volunteerId}:${a.id}`;
    if (await this.limiter.isBlocked(key)) {
      throw new AppError(429, 'TOO_MANY_ATTEMPTS', '签到码错误次数过多，请 1 分钟后再试');
    }
    if (!verifyCheckinCode(a.checkin_secret, code, now)) {
      await this.limiter.recordFailure(key);
      throw AppError.badRequest('INVALID_CHECKIN_CODE', '签到码不正确或已过期，请扫描队长出示的最新二维码');
    }
  }

  // ---------- check-in code ----------

  async checkinCode(user: AuthUser, activityId: string): Promise<CheckinCodeResponse> {
    const a = await this.activity(this.db.manager, activityId);
    await this.assertCanManage(user, a);
    this.assertLive(a);
    const { code, expiresAt } = currentCheckinCode(a.checkin_secret);
    // the at-risk report needs to know whether the leader ever showed the code (first fetch only)
    await this.db.query(`UPDATE activities SET checkin_code_first_at = now() WHERE id = $1 AND checkin_code_first_at IS NULL`, [a.id]);
    return { code, expiresAt: expiresAt.toISOString(), qrPayload: checkinQrPayload(this.config.publicBaseUrl, a.id, code) };
  }

  // ---------- volunteer check-in / check-out ----------

  async checkin(user: AuthUser, activityId: string, code: string, key: string | null = null) {
    const vid = this.requireVolunteer(user);
    const a = await this.activity(this.db.manager, activityId);
    this.assertLive(a);
    const now = new Date();
    const w = checkinWindow(a.starts_at, a.ends_at);
    if (!inWindow(now, w)) throw AppError.conflict('CHECKIN_WINDOW_CLOSED', `签到时间为 ${describeWindow(w)}`);
    await this.assertCode(vid, a, code, now);
    return this.recordCheckin(user, a, vid, { at: now, method: 'code', receivedAt: null, key });
  }

  /**
   * Writes the check-in once the caller has checked window and code: sign-up (or a walk-in seat), then
   * `INSERT … ON CONFLICT DO NOTHING`; an existing row is answered unchanged (idempotent).
   * `receivedAt` is set for a record made offline (then `at` is the minute it proved).
   */
  async recordCheckin(
    user: AuthUser,
    a: ActivityRow,
    vid: string,
    opts: { at: Date; method: 'code' | 'code_offline'; receivedAt: Date | null; key: string | null },
  ) {
    const activityId = a.id;
    return this.db.transaction(async (em) => {
      const existing = await this.row(em, activityId, vid);
      if (existing) return toAttendanceDto(existing); // idempotent
      const signup: Array<{ status: string }> = await em.query(`SELECT status FROM signups WHERE activity_id = $1 AND volunteer_id = $2`, [activityId, vid]);
      if (signup[0]?.status !== 'confirmed') {
        if (a.kind !== 'service_day') throw AppError.conflict('NOT_SIGNED_UP', '您没有该活动的有效报名，请先报名（只有志愿服务日活动可以现场签到）');
        await this.walkIn(em, user, a, vid);
      }
      const inserted: AttendanceRow[] = await em.query(
        `INSERT INTO attendance (activity_id, volunteer_id, check_in_at, method, recorded_by, received_at, checkin_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (activity_id, volunteer_id) DO NOTHING
         RETURNING ${ATTENDANCE_COLS}`,
        [activityId, vid, opts.at, opts.method, user.id, opts.receivedAt, opts.key],
      );
      if (inserted.length) {
        await this.audit.record(em, {
          actorUserId: user.id,
          action: opts.receivedAt ? 'attendance.checkin_offline' : 'attendance.checkin',
          entity: 'attendance',
          entityId: inserted[0].id,
          after: auditSnapshot(inserted[0]),
        });
        return toAttendanceDto(inserted[0]);
      }
      return toAttendanceDto((await this.row(em, activityId, vid))!);
    });
  }

  /**
   * A walk-in at a service day: under a row lock on the activity, count the seats taken (confirmed
   * sign-ups + attendance without one) against the capacity, then give the walk-in a confirmed sign-up.
   */
  private async walkIn(em: EntityManager, user: AuthUser, a: ActivityRow, vid: string) {
    // Only a limited activity needs its seats counted under the activity's row lock; without a capacity
    // walk-ins do not serialize on one row (the (activity, volunteer) key still makes repeats harmless).
    if (a.capacity !== null) await em.query(`SELECT id FROM activities WHERE id = $1 FOR UPDATE`, [a.id]);
    const again: Array<{ status: string }> = await em.query(`SELECT status FROM signups WHERE activity_id = $1 AND volunteer_id = $2`, [a.id, vid]);
    if (again[0]?.status === 'confirmed') return; // a concurrent request of the same volunteer got the seat
    if (a.capacity !== null) {
      const [{ n }]: Array<{ n: string }> = await em.query(
        `SELECT (SELECT count(*) FROM signups WHERE activity_id = $1 AND status = 'confirmed')
              + (SELECT count(*) FROM attendance t WHERE t.activity_id = $1 AND NOT EXISTS (
                   SELECT 1 FROM signups s WHERE s.activity_id = t.activity_id AND s.volunteer_id = t.volunteer_id AND s.status = 'confirmed')) AS n`,
        [a.id],
      );
      if (Number(n) >= a.capacity) throw AppError.conflict('ACTIVITY_FULL', `该活动名额已满（${a.capacity} 人），不能现场签到`);
    }
    // the walk-in's sign-up obeys the sign-up rule too: no two overlapping confirmed sign-ups (volunteer row locked,
    // after the activity, the lock order every sign-up path uses)
    await lockVolunteer(em, vid);
    const clash = await overlappingSignup(em, vid, { id: a.id, startsAt: a.starts_at, endsAt: a.ends_at });
    if (clash) {
      throw AppError.conflict('SIGNUP_OVERLAP', `您已报名同一时间的活动「${clash.title}」，时间重叠，不能现场签到本活动`);
    }
    await em.query(
      `INSERT INTO signups (activity_id, volunteer_id, status, signed_up_by) VALUES ($1, $2, 'confirmed', $3)
       ON CONFLICT (activity_id, volunteer_id) DO UPDATE SET status = 'confirmed', updated_at = clock_timestamp()`,
      [a.id, vid, user.id],
    );
    await this.audit.record(em, {
      actorUserId: user.id,
      action: 'signup.walk_in',
      entity: 'signup',
      entityId: `${a.id}:${vid}`,
      before: again[0] ? { status: again[0].status } : null,
      after: { status: 'confirmed', walkIn: true },
    });
  }

  async checkout(user: AuthUser, activityId: string, code: string | undefined, key: string | null = null) {
    const vid = this.requireVolunteer(user);
    const a = await this.activity(this.db.manager, activityId);
    this.assertLive(a, true);
    const existing = await this.checkoutTarget(activityId, vid);
    if (existing.check_out_at) return toAttendanceDto(existing); // idempotent
    const now = new Date();
    const w = checkoutWindow(new Date(existing.check_in_at), a.ends_at);
    if (!inWindow(now, w)) throw AppError.conflict('CHECKIN_WINDOW_CLOSED', `签退时间为 ${describeWindow(w)}`);
    if (code !== undefined) await this.assertCode(vid, a, code, now);
    return this.recordCheckout(user, existing, { at: now, receivedAt: null, key });
  }

  /** The volunteer's attendance a check-out applies to: 409 without a check-in, or once confirmed/rejected (unless already checked out). */
  async checkoutTarget(activityId: string, vid: string): Promise<AttendanceRow> {
    const existing = await this.row(this.db.manager, activityId, vid);
    if (!existing) throw AppError.conflict('NOT_CHECKED_IN', '您还没有签到，不能签退');
    if (!existing.check_out_at && existing.status !== 'pending') throw AppError.conflict('ATTENDANCE_FINALISED', '该考勤已由队长确认或驳回，不能再签退');
    return existing;
  }

  /** Writes the check-out (`UPDATE … WHERE check_out_at IS NULL AND status = 'pending'`); a repeat answers the row unchanged. */
  async recordCheckout(user: AuthUser, existing: AttendanceRow, opts: { at: Date; receivedAt: Date | null; key: string | null }) {
    const activityId = existing.activity_id;
    const vid = existing.volunteer_id;
    return this.db.transaction(async (em) => {
      const updated = returned<AttendanceRow>(await em.query(
        `UPDATE attendance SET check_out_at = $2, check_out_received_at = $3, checkout_key = $4, updated_at = now()
          WHERE id = $1 AND status = 'pending' AND check_out_at IS NULL
          RETURNING ${ATTENDANCE_COLS}`,
        [existing.id, opts.at, opts.receivedAt, opts.key],
      ));
      if (!updated.length) {
        const cur = (await this.row(em, activityId, vid))!;
        if (cur.check_out_at) return toAttendanceDto(cur);
        throw AppError.conflict('ATTENDANCE_FINALISED', '该考勤已由队长确认或驳回，不能再签退');
      }
      await this.audit.record(em, {
        actorUserId: user.id,
        action: opts.receivedAt ? 'attendance.checkout_offline' : 'attendance.checkout',
        entity: 'attendance',
        entityId: existing.id,
        before: auditSnapshot(existing),
        after: auditSnapshot(updated[0]),
      });
      return toAttendanceDto(updated[0]);
    });
  }

  // ---------- leader ----------

  async list(user: AuthUser, activityId: string, q: { page: number; pageSize: number }) {
    const a = await this.activity(this.db.manager, activityId);
    await this.assertCanManage(user, a);
    const [{ n }] = await this.db.query(`SELECT count(*) AS n FROM attendance WHERE activity_id = $1`, [activityId]);
    const rows: Array<AttendanceRow & { name: string; phone: string | null }> = await this.db.query(
      `SELECT ${ATTENDANCE_BASE_COLS.split(', ').map((c) => 'a.' + c).join(', ')}, ${loginNameOf('cu', 'cuv', 'cus')} AS confirmed_by_name, v.name, v.phone
         FROM attendance a JOIN volunteers v ON v.id = a.volunteer_id
         ${loginJoins('a.confirmed_by', 'c')}
        WHERE a.activity_id = $1
        ORDER BY a.check_in_at, v.name, a.id
        LIMIT $2 OFFSET $3`,
      [activityId, q.pageSize, (q.page - 1) * q.pageSize],
    );
    const items: AttendanceListItemDto[] = rows.map((r) => {
      const d = toAttendanceDto(r);
      return { ...d, volunteerName: r.name, volunteerPhone: maskPhone(r.phone), late: !!(d.receivedAt || d.checkOutReceivedAt) };
    });
    return paginate(items, Number(n), q);
  }

  async manual(user: AuthUser, activityId: string, dto: ManualAttendanceDto) {
    const a = await this.activity(this.db.manager, activityId);
    await this.assertCanManage(user, a);
    if (a.status === 'cancelled' || a.status === 'draft') {
      throw AppError.conflict('ACTIVITY_NOT_OPEN', `该活动${a.status === 'cancelled' ? '已取消' : '尚未发布'}，不能录入考勤`);
    }
    const checkIn = new Date(dto.checkInAt);
    const checkOut = dto.checkOutAt ? new Date(dto.checkOutAt) : null;
    const inW = checkinWindow(a.starts_at, a.ends_at);
    const errors: Array<{ field: string; message: string }> = [];
    if (!inWindow(checkIn, inW)) errors.push({ field: 'checkInAt', message: `签到时间应在 ${describeWindow(inW)} 之间` });
    const now = Date.now();
    // honest hours: nothing is recorded for time that has not happened yet
    if (checkIn.getTime() > now) errors.push({ field: 'checkInAt', message: '签到时间不能晚于现在' });
    if (checkOut && checkOut.getTime() > now) errors.push({ field: 'checkOutAt', message: '签退时间不能晚于现在；活动还没结束时请先只登记签到，结束后再补签退' });
    if (checkOut && !errors.length) {
      const outW = checkoutWindow(checkIn, a.ends_at);
      if (checkOut < checkIn) errors.push({ field: 'checkOutAt', message: '签退时间不能早于签到时间' });
      else if (!inWindow(checkOut, outW)) errors.push({ field: 'checkOutAt', message: `签退时间应在 ${describeWindow(outW)} 之间` });
    }
    if (errors.length) throw AppError.validation(errors);

    return this.db.transaction(async (em) => {
      const vol: Array<{ id: string }> = await em.query(`SELECT id FROM volunteers WHERE id = $1`, [dto.volunteerId]);
      if (!vol.length) throw AppError.validation([{ field: 'volunteerId', message: '该志愿者不存在' }]);
      const eligible = await em.query(
        `SELECT 1 FROM team_memberships WHERE team_id = $1 AND volunteer_id = $3
         UNION ALL SELECT 1 FROM signups WHERE activity_id = $2 AND volunteer_id = $3 AND status <> 'cancelled'`,
        [a.team_id, a.id, dto.volunteerId],
      );
      if (!eligible.length) throw AppError.conflict('VOLUNTEER_NOT_IN_ACTIVITY', '该志愿者既不是本队队员，也没有报名该活动，不能补录');
      const inserted: AttendanceRow[] = await em.query(
        `INSERT INTO attendance (activity_id, volunteer_id, check_in_at, check_out_at, method, recorded_by)
         VALUES ($1, $2, $3, $4, 'manual', $5)
         ON CONFLICT (activity_id, volunteer_id) DO NOTHING
         RETURNING ${ATTENDANCE_COLS}`,
        [a.id, dto.volunteerId, checkIn, checkOut, user.id],
      );
      if (inserted.length) {
        await this.audit.record(em, { actorUserId: user.id, action: 'attendance.manual', entity: 'attendance', entityId: inserted[0].id, after: auditSnapshot(inserted[0]) });
        return toAttendanceDto(inserted[0]);
      }
      // a row exists: correct its times while it is still pending
      const before = (await this.row(em, a.id, dto.volunteerId, true))!;
      if (before.status !== 'pending') throw AppError.conflict('ATTENDANCE_FINALISED', '该考勤已确认或已驳回，不能再修改时间');
      const [after] = returned<AttendanceRow>(await em.query(
        `UPDATE attendance SET check_in_at = $2, check_out_at = $3, method = 'manual', recorded_by = $4, updated_at = now()
          WHERE id = $1 AND status = 'pending' RETURNING ${ATTENDANCE_COLS}`,
        [before.id, checkIn, checkOut, user.id],
      ));
      await this.audit.record(em, { actorUserId: user.id, action: 'attendance.correct', entity: 'attendance', entityId: before.id, before: auditSnapshot(before), after: auditSnapshot(after) });
      return toAttendanceDto(after);
    });
  }

  async confirm(user: AuthUser, activityId: string, volunteerIds: string[] | undefined): Promise<ConfirmAttendanceResponse> {
    const a = await this.activity(this.db.manager, activityId);
    await this.assertCanManage(user, a);
    if (a.status === 'cancelled' || a.status === 'draft') {
      throw AppError.conflict('ACTIVITY_NOT_OPEN', `该活动${a.status === 'cancelled' ? '已取消' : '尚未发布'}，不能确认考勤`);
    }
    if (volunteerIds && volunteerIds.length === 0) return { confirmed: 0 };
    return this.db.transaction(async (em) => {
      // lock the activity first (as cancel does), so a concurrent cancel cannot slip between the check and the confirm
      const locked = await this.activity(em, activityId, true);
      if (locked.status === 'cancelled' || locked.status === 'draft') {
        throw AppError.conflict('ACTIVITY_NOT_OPEN', `该活动${locked.status === 'cancelled' ? '已取消' : '尚未发布'}，不能确认考勤`);
      }
      const pending: AttendanceRow[] = await em.query(
        `SELECT ${ATTENDANCE_COLS} FROM attendance
          WHERE activity_id = $1 AND status = 'pending' ${volunteerIds ? 'AND volunteer_id = ANY($2::uuid[])' : ''}
          ORDER BY volunteer_id FOR UPDATE`,
        volunteerIds ? [activityId, volunteerIds] : [activityId],
      );
      let confirmed = 0;
      for (const p of pending) {
        // no check-out: counts to the actual end (endsAt, or now while the activity is still running)
        const actualEnd = new Date(Math.min(locked.ends_at.getTime(), Date.now()));
        const minutes = servedMinutes(new Date(p.check_in_at), p.check_out_at ? new Date(p.check_out_at) : null, a.starts_at, actualEnd);
        const updated = returned<AttendanceRow>(await em.query(
          `UPDATE attendance SET status = 'confirmed', minutes = $2, confirmed_by = $3, confirmed_at = now(), rejected_reason = NULL, updated_at = now()
            WHERE id = $1 AND status = 'pending' RETURNING ${ATTENDANCE_COLS}`,
          [p.id, minutes, user.id],
        ));
        if (!updated.length) continue;
        confirmed++;
        await this.audit.record(em, { actorUserId: user.id, action: 'attendance.confirm', entity: 'attendance', entityId: p.id, before: auditSnapshot(p), after: auditSnapshot(updated[0]) });
        const pts = pointsForMinutes(minutes, this.config.pointsPerHour);
        if (pts > 0) {
          await this.points.append(em, { volunteerId: p.volunteer_id, delta: pts, reason: `服务时长：${a.title}`.slice(0, 200), kind: 'earned', attendanceId: p.id, createdBy: user.id });
        }
        await this.notices.toVolunteers(em, [p.volunteer_id], NoticeTexts.attendanceConfirmed({ id: a.id, title: a.title, startsAt: a.starts_at }, minutes, pts));
      }
      return { confirmed };
    });
  }

  async reject(user: AuthUser, activityId: string, volunteerId: string, reason: string) {
    const a = await this.activity(this.db.manager, activityId);
    await this.assertCanManage(user, a);
    return this.db.transaction(async (em) => {
      const before = await this.row(em, activityId, volunteerId, true);
      if (!before) throw AppError.notFound('该志愿者的考勤记录');
      if (before.status === 'rejected') return toAttendanceDto(before); // idempotent
      const [after] = returned<AttendanceRow>(await em.query(
        `UPDATE attendance SET status = 'rejected', minutes = NULL, rejected_reason = $3, confirmed_by = $4, confirmed_at = now(), updated_at = now()
          WHERE id = $1 AND status = $2 RETURNING ${ATTENDANCE_COLS}`,
        [before.id, before.status, reason.trim(), user.id],
      ));
      await this.audit.record(em, { actorUserId: user.id, action: 'attendance.reject', entity: 'attendance', entityId: before.id, before: auditSnapshot(before), after: auditSnapshot(after) });
      if (before.status === 'confirmed') {
        const earned = await this.points.earnedBy(em, before.id);
        if (earned > 0) {
          await this.points.append(em, {
            volunteerId,
            delta: -earned,
            reason: `考勤驳回，扣回积分：${a.title}`.slice(0, 200),
            kind: 'adjusted',
            attendanceId: before.id,
            createdBy: user.id,
            clampAtZero: true,
          });
        }
      }
      await this.notices.toVolunteers(em, [volunteerId], NoticeTexts.attendanceRejected({ id: a.id, title: a.title, startsAt: a.starts_at }, reason.trim()));
      return toAttendanceDto(after);
    });
  }
}
