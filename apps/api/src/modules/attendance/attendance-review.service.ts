import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { maskPhone, type AttendanceListItemDto, type ConfirmAttendanceResponse } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { paginate } from '../../common/dto/pagination.dto';
import { AppError } from '../../common/errors/app-error';
import { inTransaction } from '../../database/sql';
import { AuditService } from '../audit/audit.service';
import { NoticesService } from '../notices/notices.service';
import { NoticeTexts } from '../notices/notice-texts';
import { checkinWindow, checkoutWindow, describeWindow, inWindow, servedMinutes } from './attendance-rules';
import { auditSnapshot, toAttendanceDto } from './attendance.mapper';
import { AttendanceRepository, type ActivityRow } from './attendance.repository';
import { ManualAttendanceDto } from './dto/attendance.dto';
import { PointsService } from './points.service';

/** A draft or cancelled activity takes no attendance entry or confirmation. */
function assertReviewable(a: ActivityRow, what: string) {
  if (a.status === 'cancelled' || a.status === 'draft') {
    throw AppError.conflict('ACTIVITY_NOT_OPEN', `该活动${a.status === 'cancelled' ? '已取消' : '尚未发布'}，不能${what}`);
  }
}

/**
 * The leader's (or admin's) review of an activity's attendance: the list, manual entry and correction,
 * confirmation (hours, points, a notice) and rejection (points taken back).
 */
@Injectable()
export class AttendanceReviewService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly repo: AttendanceRepository,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly points: PointsService,
    private readonly notices: NoticesService,
  ) {}

  /** The activity, if the caller may manage it (leader of its team, or an admin over its venue or team's site). */
  private async managed(user: AuthUser, activityId: string): Promise<ActivityRow> {
    const a = await this.repo.getActivity(this.db.manager, activityId);
    await this.scope.assertCanManageActivity(user, { teamId: a.team_id, siteId: a.site_id });
    return a;
  }

  async list(user: AuthUser, activityId: string, q: { page: number; pageSize: number }) {
    await this.managed(user, activityId);
    const n = await this.repo.countForActivity(activityId);
    const rows = await this.repo.listForActivity(activityId, q);
    const items: AttendanceListItemDto[] = rows.map((r) => {
      const d = toAttendanceDto(r);
      return { ...d, volunteerName: r.name, volunteerPhone: maskPhone(r.phone), late: !!(d.receivedAt || d.checkOutReceivedAt) };
    });
    return paginate(items, n, q);
  }

  async manual(user: AuthUser, activityId: string, dto: ManualAttendanceDto) {
    const a = await this.managed(user, activityId);
    assertReviewable(a, '录入考勤');
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

    return inTransaction(this.db, async (em) => {
      if (!(await this.repo.volunteerExists(em, dto.volunteerId))) throw AppError.validation([{ field: 'volunteerId', message: '该志愿者不存在' }]);
      if (!(await this.repo.mayBeEnteredByHand(em, a.team_id, a.id, dto.volunteerId))) {
        throw AppError.conflict('VOLUNTEER_NOT_IN_ACTIVITY', '该志愿者既不是本队队员，也没有报名该活动，不能补录');
      }
      const inserted = await this.repo.insertManual(em, { activityId: a.id, volunteerId: dto.volunteerId, checkIn, checkOut, recordedBy: user.id });
      if (inserted) {
        await this.audit.record(em, { actorUserId: user.id, action: 'attendance.manual', entity: 'attendance', entityId: inserted.id, after: auditSnapshot(inserted) });
        return toAttendanceDto(inserted);
      }
      // a row exists: correct its times while it is still pending
      const before = (await this.repo.findAttendance(em, a.id, dto.volunteerId, true))!;
      if (before.status !== 'pending') throw AppError.conflict('ATTENDANCE_FINALISED', '该考勤已确认或已驳回，不能再修改时间');
      const after = await this.repo.correctTimes(em, before.id, checkIn, checkOut, user.id);
      await this.audit.record(em, {
        actorUserId: user.id,
        action: 'attendance.correct',
        entity: 'attendance',
        entityId: before.id,
        before: auditSnapshot(before),
        after: auditSnapshot(after),
      });
      return toAttendanceDto(after);
    });
  }

  async confirm(user: AuthUser, activityId: string, volunteerIds: string[] | undefined): Promise<ConfirmAttendanceResponse> {
    const a = await this.managed(user, activityId);
    assertReviewable(a, '确认考勤');
    if (volunteerIds && volunteerIds.length === 0) return { confirmed: 0 };
    return inTransaction(this.db, async (em) => {
      // lock the activity first (as cancel does), so a concurrent cancel cannot slip between the check and the confirm
      const locked = await this.repo.getActivity(em, activityId, true);
      assertReviewable(locked, '确认考勤');
      const pending = await this.repo.lockPending(em, activityId, volunteerIds);
      let confirmed = 0;
      for (const p of pending) {
        // no check-out: counts to the actual end (endsAt, or now while the activity is still running)
        const actualEnd = new Date(Math.min(locked.ends_at.getTime(), Date.now()));
        const minutes = servedMinutes(new Date(p.check_in_at), p.check_out_at ? new Date(p.check_out_at) : null, a.starts_at, actualEnd);
        const updated = await this.repo.confirmPending(em, p.id, minutes, user.id);
        if (!updated) continue;
        confirmed++;
        await this.audit.record(em, {
          actorUserId: user.id,
          action: 'attendance.confirm',
          entity: 'attendance',
          entityId: p.id,
          before: auditSnapshot(p),
          after: auditSnapshot(updated),
        });
        const pts = await this.points.creditAttendance(em, { volunteerId: p.volunteer_id, attendanceId: p.id, minutes, title: a.title, by: user.id });
        await this.notices.toVolunteers(em, [p.volunteer_id], NoticeTexts.attendanceConfirmed({ id: a.id, title: a.title, startsAt: a.starts_at }, minutes, pts));
      }
      return { confirmed };
    });
  }

  async reject(user: AuthUser, activityId: string, volunteerId: string, reason: string) {
    const a = await this.managed(user, activityId);
    return inTransaction(this.db, async (em) => {
      const before = await this.repo.findAttendance(em, activityId, volunteerId, true);
      if (!before) throw AppError.notFound('该志愿者的考勤记录');
      if (before.status === 'rejected') return toAttendanceDto(before); // idempotent
      const after = await this.repo.reject(em, before.id, before.status, reason.trim(), user.id);
      await this.audit.record(em, {
        actorUserId: user.id,
        action: 'attendance.reject',
        entity: 'attendance',
        entityId: before.id,
        before: auditSnapshot(before),
        after: auditSnapshot(after),
      });
      if (before.status === 'confirmed') await this.points.reverseAttendance(em, { volunteerId, attendanceId: before.id, title: a.title, by: user.id });
      await this.notices.toVolunteers(em, [volunteerId], NoticeTexts.attendanceRejected({ id: a.id, title: a.title, startsAt: a.starts_at }, reason.trim()));
      return toAttendanceDto(after);
    });
  }
}
