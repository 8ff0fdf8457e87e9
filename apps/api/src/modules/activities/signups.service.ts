import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { shanghaiDate, type ActivityNoticeDto, type SignupDto, type SignupStatus } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppError } from '../../common/errors/app-error';
import { paginate, PaginationQueryDto } from '../../common/dto/pagination.dto';
import { ActivitiesService } from './activities.service';
import { inTransaction } from '../../database/sql';
import { ActivityChangesService } from './activity-changes.service';
import { toMyActivityDto, toSignupDto } from './activities.mapper';
import { ActivitiesRepository } from './activities.repository';
import { SignupsRepository } from './signups.repository';
import { SignupQueryDto } from './dto/activity.dto';
import { SignupEntity } from './signup.entity';
import { NoticesService } from '../notices/notices.service';
import { NoticeTexts } from '../notices/notice-texts';

@Injectable()
export class SignupsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly activities: ActivitiesService,
    private readonly changes: ActivityChangesService,
    private readonly activityRows: ActivitiesRepository,
    private readonly signups: SignupsRepository,
    private readonly notices: NoticesService,
  ) {}

  /**
   * Sign a volunteer up. Under the activity's row lock (then the volunteer's), count the confirmed sign-ups:
   * a free place → confirmed, else waitlisted. Signing up again while confirmed/waitlisted returns the existing
   * row (`created: false` → HTTP 200); a cancelled row is reactivated at the back of the queue (201).
   */
  async signUp(user: AuthUser, activityId: string, volunteerId: string | undefined): Promise<{ created: boolean; signup: SignupDto }> {
    const target = volunteerId ?? user.volunteerId;
    if (!target) throw AppError.validation([{ field: 'volunteerId', message: '您的账号没有志愿者档案，请指定要报名的志愿者 volunteerId' }]);
    const self = target === user.volunteerId;
    return inTransaction(this.db, async (em) => {
      const a = await this.changes.lockActivity(em, activityId);
      if (!self && !(await this.activities.canManage(user, a, em))) {
        throw AppError.outOfScope('只有该活动所属队伍的队长或管理员可以为他人报名');
      }
      if (a.status === 'cancelled' || a.status === 'completed') {
        throw AppError.conflict('ACTIVITY_CLOSED', a.status === 'cancelled' ? '活动已取消，不能报名' : '活动已完成，不能报名');
      }
      if (a.status === 'draft') throw AppError.conflict('ACTIVITY_NOT_PUBLISHED', '活动尚未发布，不能报名');
      if (self && a.endsAt.getTime() <= Date.now()) throw AppError.conflict('ACTIVITY_ENDED', '活动已结束，不能再报名');
      const name = await this.changes.lockVolunteer(em, target);
      const existing = await em.findOneBy(SignupEntity, { activityId, volunteerId: target });
      if (existing && existing.status !== 'cancelled') return { created: false, signup: toSignupDto(existing, name) };
      const clash = await this.changes.overlappingSignup(em, target, a);
      if (clash) {
        const when = `${shanghaiDate(clash.starts_at)} ${new Date(new Date(clash.starts_at).getTime() + 8 * 3600_000).toISOString().slice(11, 16)}`;
        throw AppError.conflict('SIGNUP_OVERLAP', `${self ? '您' : name}已报名同一时间的活动「${clash.title}」（${when} 开始），时间重叠，不能同时报名`);
      }
      const confirmed = await this.changes.confirmedCount(em, activityId);
      const status: SignupStatus = a.capacity === null || confirmed < a.capacity ? 'confirmed' : 'waitlisted';
      if (existing) {
        await this.signups.reactivateCancelledSignup(em, activityId, target, status, user.id);
      } else {
        await this.signups.insertSignup(em, activityId, target, status, user.id);
      }
      const row = await em.findOneByOrFail(SignupEntity, { activityId, volunteerId: target });
      if (status === 'confirmed') await this.notices.toVolunteers(em, [target], NoticeTexts.signupConfirmed(a));
      return { created: true, signup: toSignupDto(row, name) };
    });
  }

  /** Cancel a sign-up (self, or the team's leader/admins) and promote the earliest waitlisted, in the same transaction. */
  async cancel(user: AuthUser, activityId: string, volunteerId: string): Promise<SignupDto> {
    const self = volunteerId === user.volunteerId;
    return inTransaction(this.db, async (em) => {
      const a = await this.changes.lockActivity(em, activityId);
      if (!self && !(await this.activities.canManage(user, a, em))) {
        throw AppError.outOfScope('只能取消自己的报名；队长和管理员可以取消本队活动的报名');
      }
      const s = await em.findOneBy(SignupEntity, { activityId, volunteerId });
      if (!s) throw AppError.notFound('报名记录');
      const name = (await this.activityRows.volunteerName(em, volunteerId)) ?? '';
      if (s.status === 'cancelled') return toSignupDto(s, name); // idempotent
      if (a.status === 'completed') throw AppError.conflict('ACTIVITY_CLOSED', '活动已完成，不能取消报名');
      await this.signups.cancelSignup(em, activityId, volunteerId);
      if (s.status === 'confirmed') await this.notices.toVolunteers(em, await this.changes.promoteWaitlisted(em, a), NoticeTexts.signupPromoted(a));
      const row = await em.findOneByOrFail(SignupEntity, { activityId, volunteerId });
      return toSignupDto(row, name);
    });
  }

  /** Leaders/admins of the activity's team: every sign-up with names; anyone else: only their own. */
  async list(user: AuthUser, activityId: string, q: SignupQueryDto) {
    const a = await this.activityRows.findById(activityId);
    if (!a) throw AppError.notFound('活动');
    const manager = await this.activities.canManage(user, a);
    if (!manager && !user.volunteerId) throw AppError.outOfScope('该活动不在您的管理范围内');
    if (!manager && a.status === 'draft') throw AppError.outOfScope('该活动尚未发布');
    const { rows, total } = await this.signups.signupPage({ activityId, onlyVolunteerId: manager ? null : user.volunteerId, status: q.status }, q.page, q.pageSize);
    const items = rows.map((r) =>
      toSignupDto(
        { activityId: r.activity_id, volunteerId: r.volunteer_id, status: r.status, signedUpBy: r.signed_up_by, createdAt: r.created_at, updatedAt: r.updated_at },
        r.name,
      ),
    );
    return paginate(items, total, q);
  }

  /** The caller's activities that have not ended yet, with the sign-up status (cancelled activities included so they see it). */
  async mine(user: AuthUser, q: PaginationQueryDto) {
    if (!user.volunteerId) return paginate([], 0, q);
    const { ids, total } = await this.signups.myActivityPage(user.volunteerId, q.page, q.pageSize);
    // names, the sign-up status and the place in the waitlist for the whole page in one statement
    const items = (await this.activityRows.views(ids, user.volunteerId)).map(toMyActivityDto);
    return paginate(items, total, q);
  }

  /** Notices of changes (time/place) to activities the caller signed up for, newest first (shown on 我的活动). */
  async myNotices(user: AuthUser, q: PaginationQueryDto) {
    if (!user.volunteerId) return paginate([], 0, q);
    const { rows, total } = await this.signups.activityNoticePage(user.volunteerId, q.page, q.pageSize);
    const items: ActivityNoticeDto[] = rows.map((r) => ({
      id: r.id,
      activityId: r.activity_id,
      activityTitle: r.title,
      kind: r.kind,
      body: r.body,
      createdAt: new Date(r.created_at).toISOString(),
      readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
    }));
    return paginate(items, total, q);
  }
}
