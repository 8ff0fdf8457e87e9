import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { SignupStatus } from '@wenming/shared';
import { Params, selectCount, selectRows } from '../../database/sql';

/** A sign-up with the volunteer's name (the sign-up table of an activity). */
export interface SignupWithNameRow {
  activity_id: string;
  volunteer_id: string;
  status: SignupStatus;
  signed_up_by: string | null;
  created_at: Date;
  updated_at: Date;
  name: string;
}

/** A 我的活动 notice (time or place of an activity changed). */
export interface ActivityNoticeRow {
  id: string;
  activity_id: string;
  title: string;
  kind: 'rescheduled';
  body: string;
  created_at: Date;
  read_at: Date | null;
}

/** Which sign-ups of an activity a caller sees: all (managers), or only one volunteer's; optionally one status. */
export interface SignupFilter {
  activityId: string;
  onlyVolunteerId?: string | null;
  status?: SignupStatus;
}

/** "The caller's activities that have not ended yet" (cancelled activities included so they see it). */
const MINE_WHERE = `s.volunteer_id = $1 AND a.ends_at >= now() AND (s.status <> 'cancelled' OR a.status = 'cancelled')`;

/** All SQL of sign-ups and 我的活动 notices. Writes take the transaction's EntityManager (the activity row locked by the caller). */
@Injectable()
export class SignupsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** Sign up again after a cancellation: back of the queue (created_at = now). */
  async reactivateCancelledSignup(em: EntityManager, activityId: string, volunteerId: string, status: SignupStatus, signedUpBy: string): Promise<void> {
    await em.query(
      `UPDATE signups SET status = $3, signed_up_by = $4, created_at = clock_timestamp(), updated_at = clock_timestamp()
            WHERE activity_id = $1 AND volunteer_id = $2 AND status = 'cancelled'`,
      [activityId, volunteerId, status, signedUpBy],
    );
  }

  async insertSignup(em: EntityManager, activityId: string, volunteerId: string, status: SignupStatus, signedUpBy: string): Promise<void> {
    await em.query(`INSERT INTO signups (activity_id, volunteer_id, status, signed_up_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [
      activityId,
      volunteerId,
      status,
      signedUpBy,
    ]);
  }

  async cancelSignup(em: EntityManager, activityId: string, volunteerId: string): Promise<void> {
    await em.query(`UPDATE signups SET status = 'cancelled', updated_at = clock_timestamp() WHERE activity_id = $1 AND volunteer_id = $2`, [activityId, volunteerId]);
  }

  private signupWhere(f: SignupFilter): { where: string; params: unknown[] } {
    const p = new Params([f.activityId]);
    let where = `s.activity_id = $1`;
    if (f.onlyVolunteerId) where += ` AND s.volunteer_id = ${p.add(f.onlyVolunteerId)}`;
    if (f.status) where += ` AND s.status = ${p.add(f.status)}`;
    return { where, params: p.values };
  }

  /** One page of an activity's sign-ups (confirmed, then waitlisted in queue order, then cancelled) and the total. */
  async signupPage(f: SignupFilter, page: number, pageSize: number): Promise<{ rows: SignupWithNameRow[]; total: number }> {
    const { where, params } = this.signupWhere(f);
    const total = await selectCount(this.db, `SELECT count(*)::int AS n FROM signups s WHERE ${where}`, params);
    // one statement for the page (up to 1000 rows: a leader's sign-up table holds the whole activity)
    const rows = await selectRows<SignupWithNameRow>(
      this.db,
      `SELECT s.activity_id, s.volunteer_id, s.status, s.signed_up_by, s.created_at, s.updated_at, v.name
           FROM signups s JOIN volunteers v ON v.id = s.volunteer_id WHERE ${where}
          ORDER BY CASE s.status WHEN 'confirmed' THEN 0 WHEN 'waitlisted' THEN 1 ELSE 2 END, s.created_at, s.volunteer_id
          LIMIT ${Number(pageSize)} OFFSET ${(Number(page) - 1) * Number(pageSize)}`,
      params,
    );
    return { rows, total };
  }

  /** Ids of one page of the volunteer's activities that have not ended (start order) and the total. */
  async myActivityPage(volunteerId: string, page: number, pageSize: number): Promise<{ ids: string[]; total: number }> {
    const total = await selectCount(this.db, `SELECT count(*)::int AS n FROM signups s JOIN activities a ON a.id = s.activity_id WHERE ${MINE_WHERE}`, [volunteerId]);
    const rows = await selectRows<{ id: string }>(
      this.db,
      `SELECT a.id FROM signups s JOIN activities a ON a.id = s.activity_id
        WHERE ${MINE_WHERE} ORDER BY a.starts_at, a.id LIMIT $2 OFFSET $3`,
      [volunteerId, pageSize, (page - 1) * pageSize],
    );
    return { ids: rows.map((r) => r.id), total };
  }

  /** One page of the volunteer's 我的活动 notices, newest first, and the total. */
  async activityNoticePage(volunteerId: string, page: number, pageSize: number): Promise<{ rows: ActivityNoticeRow[]; total: number }> {
    const total = await selectCount(this.db, `SELECT count(*)::int AS n FROM activity_notices WHERE volunteer_id = $1`, [volunteerId]);
    const rows = await selectRows<ActivityNoticeRow>(
      this.db,
      `SELECT n.id, n.activity_id, a.title, n.kind, n.body, n.created_at, n.read_at
         FROM activity_notices n JOIN activities a ON a.id = n.activity_id
        WHERE n.volunteer_id = $1 ORDER BY n.created_at DESC, n.id LIMIT $2 OFFSET $3`,
      [volunteerId, pageSize, (page - 1) * pageSize],
    );
    return { rows, total };
  }
}
