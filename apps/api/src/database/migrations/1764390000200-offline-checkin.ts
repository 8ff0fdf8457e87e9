import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Offline check-in (issue 12): a check-in or check-out recorded on a phone without network and sent later.
 * - method 'code_offline' (the column widens from varchar(10): 'code_offline' has 12 characters);
 * - received_at / check_out_received_at: when such a record reached the server (null for live ones);
 *   check_in_at / check_out_at then hold the minute the phone claims, proven by the code of that minute;
 * - checkin_key / checkout_key: the phone's idempotency key of the record, so a replay answers the same row
 *   even after the grace period.
 */
export class OfflineCheckin1764390000200 implements MigrationInterface {
  name = 'OfflineCheckin1764390000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE attendance DROP CONSTRAINT IF EXISTS attendance_method_check`);
    await q.query(`ALTER TABLE attendance ALTER COLUMN method TYPE varchar(20)`);
    await q.query(`ALTER TABLE attendance ADD CONSTRAINT attendance_method_check CHECK (method IN ('code','manual','code_offline'))`);
    await q.query(`ALTER TABLE attendance ADD COLUMN received_at timestamptz`);
    await q.query(`ALTER TABLE attendance ADD COLUMN check_out_received_at timestamptz`);
    await q.query(`ALTER TABLE attendance ADD COLUMN checkin_key uuid`);
    await q.query(`ALTER TABLE attendance ADD COLUMN checkout_key uuid`);
    await q.query(`ALTER TABLE attendance ADD CONSTRAINT chk_attendance_offline_received CHECK (method <> 'code_offline' OR received_at IS NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE attendance DROP CONSTRAINT IF EXISTS chk_attendance_offline_received`);
    for (const c of ['received_at', 'check_out_received_at', 'checkin_key', 'checkout_key']) await q.query(`ALTER TABLE attendance DROP COLUMN IF EXISTS ${c}`);
    await q.query(`UPDATE attendance SET method = 'code' WHERE method = 'code_offline'`);
    await q.query(`ALTER TABLE attendance DROP CONSTRAINT IF EXISTS attendance_method_check`);
    await q.query(`ALTER TABLE attendance ALTER COLUMN method TYPE varchar(10)`);
    await q.query(`ALTER TABLE attendance ADD CONSTRAINT attendance_method_check CHECK (method IN ('code','manual'))`);
  }
}
