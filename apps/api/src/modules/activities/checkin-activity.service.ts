import { Injectable } from '@nestjs/common';
import { CheckinActivityRepository } from './checkin-activity.repository';

/**
 * The activities module's side of check-in (issue 16): the first showing of the code. The volunteer's sign-up and
 * the walk-in's seat at a service day (capacity under the activity's row lock, the overlap rule under the
 * volunteer's row lock) are decided inside the check-in's one statement since issue 15 (`attendance_checkin`,
 * migration 1764900100000-checkin-one-statement.ts), with the same lock order every sign-up path uses.
 */
@Injectable()
export class CheckinActivityService {
  constructor(private readonly repo: CheckinActivityRepository) {}

  markCodeShown(activityId: string): Promise<void> {
    return this.repo.markCheckinCodeShown(activityId);
  }
}
