import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { selectOne, selectRows } from '../../database/sql';

/** The SQL of check-in's side of activities and sign-ups (checkin-activity.service.ts). */
@Injectable()
export class CheckinActivityRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** Stamps the first time the leader fetched the check-in code (the at-risk report reads it). */
  async markCheckinCodeShown(activityId: string): Promise<void> {
    await this.db.query(`UPDATE activities SET checkin_code_first_at = now() WHERE id = $1 AND checkin_code_first_at IS NULL`, [activityId]);
  }

  async lockActivityRow(em: EntityManager, activityId: string): Promise<void> {
    await em.query(`SELECT id FROM activities WHERE id = $1 FOR UPDATE`, [activityId]);
  }

  async findSignupStatus(em: EntityManager, activityId: string, volunteerId: string): Promise<string | undefined> {
    const row = await selectOne<{ status: string }>(em, `SELECT status FROM signups WHERE activity_id = $1 AND volunteer_id = $2`, [activityId, volunteerId]);
    return row?.status;
  }

  /** Seats taken at an activity: confirmed sign-ups plus attendance without one (walk-ins). */
  async countTakenSeats(em: EntityManager, activityId: string): Promise<number> {
    const [{ n }] = await selectRows<{ n: string }>(
      em,
      `SELECT (SELECT count(*) FROM signups WHERE activity_id = $1 AND status = 'confirmed')
              + (SELECT count(*) FROM attendance t WHERE t.activity_id = $1 AND NOT EXISTS (
                   SELECT 1 FROM signups s WHERE s.activity_id = t.activity_id AND s.volunteer_id = t.volunteer_id AND s.status = 'confirmed')) AS n`,
      [activityId],
    );
    return Number(n);
  }

  /** The walk-in's confirmed sign-up (a cancelled or waitlisted one becomes confirmed). */
  async upsertConfirmedSignup(em: EntityManager, activityId: string, volunteerId: string, signedUpBy: string): Promise<void> {
    await em.query(
      `INSERT INTO signups (activity_id, volunteer_id, status, signed_up_by) VALUES ($1, $2, 'confirmed', $3)
       ON CONFLICT (activity_id, volunteer_id) DO UPDATE SET status = 'confirmed', updated_at = clock_timestamp()`,
      [activityId, volunteerId, signedUpBy],
    );
  }
}
