import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11.
 * - `join_requests`: a volunteer asks to join a team (申请加入); the team's leader or an admin approves (→ membership)
 *   or declines. At most one PENDING request per (team, volunteer) — a partial unique index, so a double click or a
 *   race cannot file two; a declined volunteer may ask again later.
 * - `activity_notices`: a change of time or place of an activity tells every volunteer signed up for it; one row per
 *   volunteer, written in the same transaction as the change and shown on 我的活动. (Stored with the activity until
 *   the site-wide notices of issue 13 take over.)
 */
export class JoinRequestsAndActivityNotices1764390000700 implements MigrationInterface {
  name = 'JoinRequestsAndActivityNotices1764390000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE join_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team_id uuid NOT NULL REFERENCES teams(id),
        volunteer_id uuid NOT NULL REFERENCES volunteers(id),
        status varchar(10) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','declined')),
        message text NOT NULL DEFAULT '',
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_join_requests_pending ON join_requests(team_id, volunteer_id) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX idx_join_requests_volunteer ON join_requests(volunteer_id)`);
    await q.query(`
      CREATE TABLE activity_notices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        activity_id uuid NOT NULL REFERENCES activities(id),
        volunteer_id uuid NOT NULL REFERENCES volunteers(id),
        kind varchar(20) NOT NULL DEFAULT 'rescheduled',
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      )`);
    await q.query(`CREATE INDEX idx_activity_notices_volunteer ON activity_notices(volunteer_id, created_at DESC)`);
    await q.query(`CREATE INDEX idx_activity_notices_activity ON activity_notices(activity_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE activity_notices`);
    await q.query(`DROP TABLE join_requests`);
  }
}
