import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The SQL of check-in's side of activities (checkin-activity.service.ts). */
@Injectable()
export class CheckinActivityRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** Stamps the first time the leader fetched the check-in code (the at-risk report reads it). */
  async markCheckinCodeShown(activityId: string): Promise<void> {
    await this.db.query(`UPDATE activities SET checkin_code_first_at = now() WHERE id = $1 AND checkin_code_first_at IS NULL`, [activityId]);
  }
}
