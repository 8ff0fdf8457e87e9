import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 志愿积分 as a ledger: every change is a row; balance_after is the running balance of the volunteer
 * (computed under a row lock on the volunteer), never negative. `id` is an identity so rows of one
 * volunteer are ordered even when several land in one transaction.
 */
export class PointsLedger1764380000200 implements MigrationInterface {
  name = 'PointsLedger1764380000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE points_ledger (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        volunteer_id uuid NOT NULL REFERENCES volunteers(id),
        delta numeric(12,2) NOT NULL CHECK (delta <> 0),
        balance_after numeric(12,2) NOT NULL CHECK (balance_after >= 0),
        reason varchar(200) NOT NULL,
        attendance_id uuid REFERENCES attendance(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid
      )`);
    await q.query(`CREATE INDEX idx_points_ledger_volunteer ON points_ledger(volunteer_id, id DESC)`);
    await q.query(`CREATE INDEX idx_points_ledger_attendance ON points_ledger(attendance_id) WHERE attendance_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS points_ledger`);
  }
}
