import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { ActivityEntity } from './activity.entity';
import { ActivitiesRepository, type ActivityViewRow, type OccurrenceFields, type OccurrenceRow, type OverlappingSignupRow } from './activities.repository';

/** "12月4日 09:00–11:30" (Asia/Shanghai; the end's date is repeated when it differs). */
export function describeSpan(startsAt: Date, endsAt: Date): string {
  const f = (d: Date) => {
    const x = new Date(d.getTime() + 8 * 3600_000);
    const p = (n: number) => String(n).padStart(2, '0');
    return { date: `${x.getUTCMonth() + 1}月${x.getUTCDate()}日`, hm: `${p(x.getUTCHours())}:${p(x.getUTCMinutes())}` };
  };
  const a = f(startsAt);
  const b = f(endsAt);
  return `${a.date} ${a.hm}–${a.date === b.date ? '' : b.date + ' '}${b.hm}`;
}

/**
 * Changes to activities inside the caller's transaction, shared by activities, sign-ups and service-day schedules
 * (the only way another module writes activities). Every method takes the transaction's EntityManager.
 * Lock order, everywhere: the activity row first (`lockActivity`), then at most one volunteer row at a time.
 */
@Injectable()
export class ActivityChangesService {
  constructor(private readonly repo: ActivitiesRepository) {}

  lockActivity(em: EntityManager, id: string): Promise<ActivityEntity> {
    return this.repo.lockActivity(em, id);
  }

  lockVolunteer(em: EntityManager, id: string): Promise<string> {
    return this.repo.lockVolunteer(em, id);
  }

  confirmedCount(em: EntityManager, activityId: string): Promise<number> {
    return this.repo.countConfirmedSignups(em, activityId);
  }

  overlappingSignup(em: EntityManager, volunteerId: string, a: { id: string; startsAt: Date; endsAt: Date }): Promise<OverlappingSignupRow | null> {
    return this.repo.findOverlappingSignup(em, volunteerId, a);
  }

  views(em: EntityManager, ids: string[], volunteerId: string | null = null): Promise<ActivityViewRow[]> {
    return this.repo.views(ids, volunteerId, em);
  }

  /** A venue named in a request must exist (400 on the field `siteId`). */
  assertVenue(siteId: string, em?: EntityManager): Promise<void> {
    return this.repo.assertVenue(siteId, em);
  }

  /**
   * Fill free places from the waitlist, earliest first (created_at). The activity row must already be locked by
   * the caller. A waitlisted volunteer whose promotion would overlap another confirmed sign-up stays waitlisted.
   * Returns the promoted volunteer ids.
   */
  async promoteWaitlisted(em: EntityManager, a: ActivityEntity): Promise<string[]> {
    if (a.status !== 'published' && a.status !== 'draft') return [];
    let confirmed = await this.repo.countConfirmedSignups(em, a.id);
    if (a.capacity !== null && confirmed >= a.capacity) return [];
    const waiting = await this.repo.waitlistedVolunteerIds(em, a.id);
    const promoted: string[] = [];
    for (const volunteerId of waiting) {
      if (a.capacity !== null && confirmed >= a.capacity) break;
      await this.repo.lockVolunteer(em, volunteerId);
      if (await this.repo.findOverlappingSignup(em, volunteerId, a)) continue;
      await this.repo.confirmWaitlistedSignup(em, a.id, volunteerId);
      promoted.push(volunteerId);
      confirmed++;
    }
    return promoted;
  }

  /** Cancel a live activity (row locked by the caller): refuses confirmed attendance, cancels sign-ups; answers their volunteers. */
  async cancelInTx(em: EntityManager, a: ActivityEntity, reason: string): Promise<string[]> {
    if (await this.repo.hasConfirmedAttendance(em, a.id)) {
      throw AppError.conflict('ACTIVITY_HAS_CONFIRMED_ATTENDANCE', '该活动已有确认的考勤，请先驳回已确认的考勤再取消活动');
    }
    await this.repo.markCancelled(em, a.id, reason);
    const volunteers = await this.repo.cancelAllSignups(em, a.id);
    a.status = 'cancelled';
    a.cancelReason = reason;
    return volunteers;
  }

  /**
   * A change of time or place tells every volunteer signed up (confirmed or waitlisted): one 我的活动 notice each,
   * in the caller's transaction. Sign-ups are kept. Answers the number of notices written (0 when nothing they see changed).
   */
  async noticeReschedule(
    em: EntityManager,
    before: { id: string; title: string; startsAt: Date; endsAt: Date; siteId: string; address: string },
    after: { startsAt: Date; endsAt: Date; siteId: string; address: string },
  ): Promise<number> {
    const timeChanged = before.startsAt.getTime() !== after.startsAt.getTime() || before.endsAt.getTime() !== after.endsAt.getTime();
    const placeChanged = before.siteId !== after.siteId || before.address !== after.address;
    if (!timeChanged && !placeChanged) return 0;
    const parts: string[] = [];
    if (timeChanged) parts.push(`时间由 ${describeSpan(before.startsAt, before.endsAt)} 改为 ${describeSpan(after.startsAt, after.endsAt)}`);
    if (placeChanged) {
      const site = await this.repo.siteName(em, after.siteId);
      parts.push(`地点改为 ${site ?? ''}${after.address ? ' ' + after.address : ''}`);
    }
    const body = `您报名的活动「${before.title}」${parts.join('，')}。您的报名保留，如不能参加请取消报名。`;
    return this.repo.insertRescheduleNotices(em, before.id, body);
  }

  // ---- service-day series (schedules module)

  /** Insert the occurrences of a series (already built, ids included) and answer their views in the same order. */
  async createOccurrences(em: EntityManager, rows: Array<Partial<ActivityEntity> & { id: string }>): Promise<ActivityViewRow[]> {
    if (!rows.length) return [];
    await this.repo.insertActivities(em, rows);
    return this.repo.views(
      rows.map((r) => r.id),
      null,
      em,
    );
  }

  /** The live occurrences of a series, locked (activity rows, in start order). */
  lockSeriesOccurrences(em: EntityManager, scheduleId: string): Promise<OccurrenceRow[]> {
    return this.repo.lockSeriesOccurrences(em, scheduleId);
  }

  /** Move a still-mutable occurrence to the series' new plan: 我的活动 notice, the update, then fill freed places. */
  async rescheduleOccurrence(em: EntityManager, id: string, f: OccurrenceFields): Promise<void> {
    const was = await em.findOneByOrFail(ActivityEntity, { id });
    await this.noticeReschedule(em, was, f);
    await this.repo.updateOccurrence(em, id, f);
    await this.promoteWaitlisted(em, await em.findOneByOrFail(ActivityEntity, { id }));
  }

  /** Cancel an occurrence by id inside the caller's transaction (its row is locked by lockSeriesOccurrences). */
  async cancelById(em: EntityManager, id: string, reason: string): Promise<string[]> {
    return this.cancelInTx(em, await em.findOneByOrFail(ActivityEntity, { id }), reason);
  }
}
