import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CHECKIN_OPENS_BEFORE_MINUTES, CHECKOUT_CLOSES_AFTER_MINUTES, type CheckinCodeResponse } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { AppError } from '../../common/errors/app-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { CheckinActivityService } from '../activities/checkin-activity.service';
import { DeferredSession, resolveSession, sessionError, sessionUserOf } from '../../common/auth/session';
import { checkinWindow, checkoutWindow, describeWindow, inWindow } from './attendance-rules';
import { toAttendanceDto, type AttendanceRow } from './attendance.mapper';
import { AttendanceRepository, type ActivityRow, type CheckinStatementRow, type CheckoutStatementRow } from './attendance.repository';
import { CheckinFactsCache } from './checkin-facts';
import { CheckinAttemptLimiter } from './checkin-attempts';
import { checkinQrPayload, currentCheckinCode, verifyCheckinCode } from './checkin-code';

/**
 * The volunteer's check-in and check-out (live; OfflineCheckinService reuses the writes for late records), the
 * walk-in seat at a service day, and the leader's live check-in code. The write path is one short transaction:
 * the round trips are counted by the bench (issue 15), keep them.
 */
@Injectable()
export class CheckinService {
  /** Wrong check-in codes per (volunteer, activity), counted in the database (shared by every API process). */
  readonly limiter: CheckinAttemptLimiter;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: AttendanceRepository,
    private readonly scope: ScopeService,
    private readonly activities: CheckinActivityService,
  ) {
    this.limiter = new CheckinAttemptLimiter(db, 5, 60_000);
    this.facts = new CheckinFactsCache((id) => repo.findCheckinFacts(id));
  }

  /** The activity facts the common path needs before its statement, cached for seconds (checkin-facts.ts). */
  readonly facts: CheckinFactsCache;

  // ---------- shared with OfflineCheckinService ----------

  activity(em: EntityManager, id: string, lock = false): Promise<ActivityRow> {
    return this.repo.getActivity(em, id, lock);
  }

  row(em: EntityManager, activityId: string, volunteerId: string, lock = false): Promise<AttendanceRow | null> {
    return this.repo.findAttendance(em, activityId, volunteerId, lock);
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

  // ---------- the leader's code ----------

  async checkinCode(user: AuthUser, activityId: string): Promise<CheckinCodeResponse> {
    const a = await this.activity(this.db.manager, activityId);
    await this.assertCanManage(user, a);
    this.assertLive(a);
    const { code, expiresAt } = currentCheckinCode(a.checkin_secret);
    await this.activities.markCodeShown(a.id);
    return { code, expiresAt: expiresAt.toISOString(), qrPayload: checkinQrPayload(this.config.publicBaseUrl, a.id, code) };
  }

  // ---------- check-in ----------

  /**
   * The live check-in. Common path (issue 15): the activity's facts from the cache, window and code checked here,
   * then ONE statement (`attendance_checkin`) that checks the login, re-checks the activity (status, window — the
   * database decides, so a stale cache can never let a cancelled activity accept a check-in), the limiter, and
   * writes sign-up/attendance/audit. Anything unusual (unknown activity, closed window, wrong code) takes the
   * step-by-step path, which checks the login first, exactly as the guard did, and answers the same errors in the
   * same order as ever.
   */
  async checkin(caller: AuthUser | DeferredSession, activityId: string, code: string, key: string | null = null) {
    const now = new Date();
    if (caller instanceof DeferredSession && !caller.user) {
      const facts = await this.facts.get(activityId);
      if (facts && facts.status === 'published' && inWindow(now, checkinWindow(facts.starts_at, facts.ends_at)) && verifyCheckinCode(facts.checkin_secret, code, now)) {
        const r = await this.repo.checkinStatement({
          userId: caller.userId,
          tokenVersion: caller.tokenVersion,
          checkSession: true,
          volunteerId: null,
          activityId,
          at: now,
          method: 'code',
          receivedAt: null,
          key,
          limiterPrefix: CheckinAttemptLimiter.PREFIX,
          limiterLimit: this.limiter.limit,
          liveOnly: true,
          opensBeforeMinutes: CHECKIN_OPENS_BEFORE_MINUTES,
        });
        if (r.outcome !== 'no_user') caller.user = sessionUserOf(r);
        return this.answer(r);
      }
    }
    const user = caller instanceof DeferredSession ? await resolveSession(this.db, caller) : caller;
    const vid = this.requireVolunteer(user);
    const a = await this.activity(this.db.manager, activityId);
    this.assertLive(a);
    const w = checkinWindow(a.starts_at, a.ends_at);
    if (!inWindow(now, w)) throw AppError.conflict('CHECKIN_WINDOW_CLOSED', `签到时间为 ${describeWindow(w)}`);
    await this.assertCode(vid, a, code, now);
    return this.recordCheckin(user, a, vid, { at: now, method: 'code', receivedAt: null, key });
  }

  /** A statement's outcome → the answer, or the AppError the step-by-step path throws for the same case. */
  private answer(r: CheckinStatementRow) {
    const refusal = commonRefusal(r.outcome);
    if (refusal) throw refusal;
    switch (r.outcome) {
      case 'created':
      case 'existing':
        return toAttendanceDto(r);
      case 'not_open':
        return this.assertLive({ status: r.detail } as ActivityRow) as never;
      case 'window': {
        const w = checkinWindow(new Date(r.starts_at!), new Date(r.ends_at!));
        throw AppError.conflict('CHECKIN_WINDOW_CLOSED', `签到时间为 ${describeWindow(w)}`);
      }
      case 'not_signed_up':
        throw AppError.conflict('NOT_SIGNED_UP', '您没有该活动的有效报名，请先报名（只有志愿服务日活动可以现场签到）');
      case 'full':
        throw AppError.conflict('ACTIVITY_FULL', `该活动名额已满（${r.detail} 人），不能现场签到`);
      case 'overlap':
        throw AppError.conflict('SIGNUP_OVERLAP', `您已报名同一时间的活动「${r.detail}」，时间重叠，不能现场签到本活动`);
    }
    throw new Error(`attendance_checkin: unknown outcome ${String(r.outcome)}`);
  }

  /**
   * Writes the check-in once the caller has checked login, window and code: one statement (`attendance_checkin`)
   * that gives the sign-up (or a walk-in seat: capacity, overlap) and `INSERT … ON CONFLICT DO NOTHING`s the row;
   * an existing row is answered unchanged (idempotent). `receivedAt` is set for a record made offline (then `at` is
   * the minute it proved).
   */
  async recordCheckin(user: AuthUser, a: ActivityRow, vid: string, opts: { at: Date; method: 'code' | 'code_offline'; receivedAt: Date | null; key: string | null }) {
    const r = await this.repo.checkinStatement({
      userId: user.id,
      tokenVersion: 0,
      checkSession: false,
      volunteerId: vid,
      activityId: a.id,
      at: opts.at,
      method: opts.method,
      receivedAt: opts.receivedAt,
      key: opts.key,
      limiterPrefix: null,
      limiterLimit: this.limiter.limit,
      liveOnly: false,
      opensBeforeMinutes: CHECKIN_OPENS_BEFORE_MINUTES,
    });
    return this.answer(r);
  }

  // ---------- check-out ----------

  /**
   * The live check-out, on the check-in's path (issue 15): without a code, or with a code that is right by the
   * cached activity's secret, ONE statement (`attendance_checkout`) checks the login, the activity, the row, the
   * window and the limiter in the order the step-by-step path did, and writes the check-out and its audit entry.
   * A wrong code (it must count as a failure, after the earlier refusals), or an activity unknown to the cache,
   * takes the step-by-step path: same errors, same order.
   */
  async checkout(caller: AuthUser | DeferredSession, activityId: string, code: string | undefined, key: string | null = null) {
    const now = new Date();
    if (caller instanceof DeferredSession && !caller.user) {
      const facts = code === undefined ? undefined : await this.facts.get(activityId);
      if (code === undefined || (facts && verifyCheckinCode(facts.checkin_secret, code, now))) {
        const r = await this.repo.checkoutStatement({
          userId: caller.userId,
          tokenVersion: caller.tokenVersion,
          checkSession: true,
          volunteerId: null,
          activityId,
          at: now,
          receivedAt: null,
          key,
          limiterPrefix: code === undefined ? null : CheckinAttemptLimiter.PREFIX,
          limiterLimit: this.limiter.limit,
          checkWindow: true,
          closesAfterMinutes: CHECKOUT_CLOSES_AFTER_MINUTES,
        });
        if (r.outcome !== 'no_user') caller.user = sessionUserOf(r);
        return this.answerCheckout(r);
      }
    }
    const user = caller instanceof DeferredSession ? await resolveSession(this.db, caller) : caller;
    const vid = this.requireVolunteer(user);
    const a = await this.activity(this.db.manager, activityId);
    this.assertLive(a, true);
    const existing = await this.checkoutTarget(activityId, vid);
    if (existing.check_out_at) return toAttendanceDto(existing); // idempotent
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

  /**
   * Writes the check-out once the caller has checked login, activity, window and code (the step-by-step path, offline
   * records): the same statement with those checks off — UPDATE only while pending and not checked out, audit entry;
   * a repeat (or a check-out that won the race) answers the row unchanged.
   */
  async recordCheckout(user: AuthUser, existing: AttendanceRow, opts: { at: Date; receivedAt: Date | null; key: string | null }) {
    const r = await this.repo.checkoutStatement({
      userId: user.id,
      tokenVersion: 0,
      checkSession: false,
      volunteerId: existing.volunteer_id,
      activityId: existing.activity_id,
      at: opts.at,
      receivedAt: opts.receivedAt,
      key: opts.key,
      limiterPrefix: null,
      limiterLimit: this.limiter.limit,
      checkWindow: false,
      closesAfterMinutes: CHECKOUT_CLOSES_AFTER_MINUTES,
    });
    return this.answerCheckout(r);
  }

  /** A check-out statement's outcome → the answer, or the AppError the step-by-step path throws for the same case. */
  private answerCheckout(r: CheckoutStatementRow) {
    const refusal = commonRefusal(r.outcome);
    if (refusal) throw refusal;
    switch (r.outcome) {
      case 'updated':
      case 'existing':
        return toAttendanceDto(r);
      case 'not_open':
        return this.assertLive({ status: r.detail } as ActivityRow, true) as never;
      case 'not_checked_in':
        throw AppError.conflict('NOT_CHECKED_IN', '您还没有签到，不能签退');
      case 'finalised':
        throw AppError.conflict('ATTENDANCE_FINALISED', '该考勤已由队长确认或驳回，不能再签退');
      case 'window': {
        const w = checkoutWindow(new Date(r.detail!), new Date(r.ends_at!));
        throw AppError.conflict('CHECKIN_WINDOW_CLOSED', `签退时间为 ${describeWindow(w)}`);
      }
    }
    throw new Error(`attendance_checkout: unknown outcome ${String(r.outcome)}`);
  }
}

/** The refusals the check-in and check-out statements answer alike: login, volunteer, activity, wrong-code limiter. */
function commonRefusal(outcome: string): AppError | undefined {
  switch (outcome) {
    case 'no_user':
    case 'disabled':
    case 'stale_token':
      return sessionError(outcome);
    case 'no_volunteer':
      return AppError.forbidden('只有志愿者本人可以签到、签退');
    case 'not_found':
      return AppError.notFound('活动');
    case 'blocked':
      return new AppError(429, 'TOO_MANY_ATTEMPTS', '签到码错误次数过多，请 1 分钟后再试');
  }
  return undefined;
}
