import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppError } from '../../common/errors/app-error';
import { AuditService } from '../audit/audit.service';
import { lockVolunteer, overlappingSignup } from './activity-tx';
import { CheckinActivityRepository } from './checkin-activity.repository';

/**
 * The activities module's side of check-in (issue 16: the attendance module asks, this module writes `signups`
 * and `activities`): the volunteer's sign-up status, the walk-in's seat at a service day, and the first showing of
 * the code. Statements run in the caller's transaction `em`, in the order the check-in path always used.
 */
@Injectable()
export class CheckinActivityService {
  constructor(
    private readonly repo: CheckinActivityRepository,
    private readonly audit: AuditService,
  ) {}

  signupStatus(em: EntityManager, activityId: string, volunteerId: string): Promise<string | undefined> {
    return this.repo.findSignupStatus(em, activityId, volunteerId);
  }

  markCodeShown(activityId: string): Promise<void> {
    return this.repo.markCheckinCodeShown(activityId);
  }

  /**
   * A walk-in at a service day: under a row lock on the activity, count the seats taken (confirmed
   * sign-ups + attendance without one) against the capacity, then give the walk-in a confirmed sign-up.
   */
  async seatWalkIn(em: EntityManager, user: AuthUser, a: { id: string; capacity: number | null; starts_at: Date; ends_at: Date }, vid: string): Promise<void> {
    // Only a limited activity needs its seats counted under the activity's row lock; without a capacity
    // walk-ins do not serialize on one row (the (activity, volunteer) key still makes repeats harmless).
    if (a.capacity !== null) await this.repo.lockActivityRow(em, a.id);
    const again = await this.repo.findSignupStatus(em, a.id, vid);
    if (again === 'confirmed') return; // a concurrent request of the same volunteer got the seat
    if (a.capacity !== null && (await this.repo.countTakenSeats(em, a.id)) >= a.capacity) {
      throw AppError.conflict('ACTIVITY_FULL', `该活动名额已满（${a.capacity} 人），不能现场签到`);
    }
    // the walk-in's sign-up obeys the sign-up rule too: no two overlapping confirmed sign-ups (volunteer row locked,
    // after the activity, the lock order every sign-up path uses)
    await lockVolunteer(em, vid);
    const clash = await overlappingSignup(em, vid, { id: a.id, startsAt: a.starts_at, endsAt: a.ends_at });
    if (clash) {
      throw AppError.conflict('SIGNUP_OVERLAP', `您已报名同一时间的活动「${clash.title}」，时间重叠，不能现场签到本活动`);
    }
    await this.repo.upsertConfirmedSignup(em, a.id, vid, user.id);
    await this.audit.record(em, {
      actorUserId: user.id,
      action: 'signup.walk_in',
      entity: 'signup',
      entityId: `${a.id}:${vid}`,
      before: again ? { status: again } : null,
      after: { status: 'confirmed', walkIn: true },
    });
  }
}
