import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CHECKIN_CODES_AHEAD_HOURS, ERROR_CODES, type AttendanceDto, type CheckinCodeListResponse } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppError } from '../../common/errors/app-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { checkinWindow, checkoutWindow, describeWindow } from './attendance-rules';
import { toAttendanceDto } from './attendance.mapper';
import type { ActivityRow } from './attendance.repository';
import { CheckinService } from './checkin.service';
import { CheckinAttemptLimiter } from './checkin-attempts';
import { CHECKIN_STEP_SECONDS, checkinQrPayload } from './checkin-code';
import { codesBetween, judgeOfflineRecord, type OfflineRefusal } from './offline-rules';

const HOUR = 3600_000;

/**
 * Check-in without signal (issue 12, docs/api/attendance.md "Offline check-in"):
 * - the leader's screen downloads the codes of the coming minutes (it never holds the secret);
 * - a phone that had no network sends its check-in/out later with `observedAt`; the code proves the minute.
 */
@Injectable()
export class OfflineCheckinService {
  /**
   * Wrong codes in late records, per (volunteer, activity): a queue being synced must not hit the live limiter
   * (5 a minute, shared with typing), yet guessing codes for past minutes must stay slow: 10 per 10 minutes.
   * Counted in PostgreSQL like the live limiter (rate_limits), under keys of its own (`offline:` prefix).
   */
  readonly limiter: CheckinAttemptLimiter;
  /** The server clock; e2e tests move it to prove the grace period. */
  clock: () => Date = () => new Date();

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly attendance: CheckinService,
    private readonly audit: AuditService,
  ) {
    this.limiter = new CheckinAttemptLimiter(db, 10, 10 * 60_000);
  }

  // ---------- the leader's screen ----------

  /**
   * The codes from the current minute to the end of the check-out window (`endsAt + 60 min`), at most
   * CHECKIN_CODES_AHEAD_HOURS ahead, one per minute. Same access as the live code; every download is audited.
   */
  async checkinCodes(user: AuthUser, activityId: string): Promise<CheckinCodeListResponse> {
    const a = await this.attendance.activity(this.db.manager, activityId);
    await this.attendance.assertCanManage(user, a);
    this.attendance.assertLive(a);
    const now = this.clock();
    const opens = checkinWindow(a.starts_at, a.ends_at).opens;
    const closes = checkoutWindow(a.starts_at, a.ends_at).closes;
    const from = new Date(Math.max(now.getTime(), opens.getTime()));
    const until = new Date(Math.min(closes.getTime(), now.getTime() + CHECKIN_CODES_AHEAD_HOURS * HOUR));
    const codes = from.getTime() <= until.getTime() ? codesBetween(a.checkin_secret, from, until) : [];
    const stepMs = CHECKIN_STEP_SECONDS * 1000;
    const res: CheckinCodeListResponse = {
      activityId: a.id,
      stepSeconds: CHECKIN_STEP_SECONDS,
      qrPayloadBase: checkinQrPayload(this.config.publicBaseUrl, a.id, ''),
      from: (codes[0]?.stepStart ?? from).toISOString(),
      until: codes.length ? new Date(codes[codes.length - 1].stepStart.getTime() + stepMs).toISOString() : from.toISOString(),
      serverTime: now.toISOString(),
      codes: codes.map((c) => ({ stepStart: c.stepStart.toISOString(), code: c.code })),
    };
    if (codes.length) {
      await this.audit.record(this.db.manager, {
        actorUserId: user.id,
        action: 'activity.checkin_codes',
        entity: 'activity',
        entityId: a.id,
        after: { from: res.from, until: res.until, count: codes.length },
      });
    }
    return res;
  }

  // ---------- late records ----------

  private refuse(reason: OfflineRefusal, what: '签到' | '签退', w: { opens: Date; closes: Date }): never {
    switch (reason) {
      case 'OFFLINE_TIME_IN_FUTURE':
        throw AppError.badRequest(reason, ERROR_CODES.OFFLINE_TIME_IN_FUTURE);
      case 'OFFLINE_GRACE_EXPIRED':
        throw AppError.badRequest(reason, `离线${what}记录上传太晚，已超过 ${this.config.offlineGraceHours} 小时的补传期限，请联系队长补录`);
      case 'OUTSIDE_WINDOW':
        throw AppError.conflict('CHECKIN_WINDOW_CLOSED', `记录的${what}时间不在${what}时间内（${what}时间为 ${describeWindow(w)}）`);
      case 'OFFLINE_CODE_MISMATCH':
        throw AppError.badRequest(reason, ERROR_CODES.OFFLINE_CODE_MISMATCH);
    }
  }

  private async judge(vid: string, a: ActivityRow, code: string, observedAt: Date, w: { opens: Date; closes: Date }, what: '签到' | '签退') {
    const now = this.clock();
    const key = `offline:${vid}:${a.id}`;
    if (await this.limiter.isBlocked(key)) {
      throw new AppError(429, 'TOO_MANY_ATTEMPTS', '离线记录的签到码错误次数过多，请 10 分钟后再上传');
    }
    const verdict = judgeOfflineRecord({ secret: a.checkin_secret, code, observedAt, now, window: w, graceHours: this.config.offlineGraceHours });
    if (!verdict.ok) {
      if (verdict.reason === 'OFFLINE_CODE_MISMATCH') await this.limiter.recordFailure(key);
      this.refuse(verdict.reason, what, w);
    }
    return { at: verdict.at, now };
  }

  /** A check-in made offline: accepted on published and completed activities (the leader may have completed it meanwhile). */
  async checkin(user: AuthUser, activityId: string, code: string, observedAt: Date, key: string | null): Promise<AttendanceDto> {
    const vid = this.attendance.requireVolunteer(user);
    const a = await this.attendance.activity(this.db.manager, activityId);
    const existing = await this.attendance.row(this.db.manager, activityId, vid);
    if (existing && key && existing.checkin_key === key) return toAttendanceDto(existing); // a replay: the same answer, even after the grace period
    this.attendance.assertLive(a, true);
    const w = checkinWindow(a.starts_at, a.ends_at);
    const { at, now } = await this.judge(vid, a, code, observedAt, w, '签到');
    if (existing) return toAttendanceDto(existing); // already checked in (live or by an earlier record): changes nothing
    return this.attendance.recordCheckin(user, a, vid, { at, method: 'code_offline', receivedAt: now, key });
  }

  async checkout(user: AuthUser, activityId: string, code: string, observedAt: Date, key: string | null): Promise<AttendanceDto> {
    const vid = this.attendance.requireVolunteer(user);
    const a = await this.attendance.activity(this.db.manager, activityId);
    const cur = await this.attendance.row(this.db.manager, activityId, vid);
    if (cur && key && cur.checkout_key === key) return toAttendanceDto(cur); // a replay
    this.attendance.assertLive(a, true);
    const existing = await this.attendance.checkoutTarget(activityId, vid);
    const w = checkoutWindow(new Date(existing.check_in_at), a.ends_at);
    const { at, now } = await this.judge(vid, a, code, observedAt, w, '签退');
    if (existing.check_out_at) return toAttendanceDto(existing); // already checked out: changes nothing
    return this.attendance.recordCheckout(user, existing, { at, receivedAt: now, key });
  }
}
