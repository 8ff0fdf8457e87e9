import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15 (scale-out): one row holding a fingerprint (HMAC, not the key) of the DATA_KEY the database's encrypted
 * fields were written with. Every API process checks its own DATA_KEY against it at start (database/key-check.ts), so
 * a second process started without the shared key stops with a message instead of writing ID numbers another process
 * cannot read.
 */
export class InstanceKeys1764900400000 implements MigrationInterface {
  name = 'InstanceKeys1764900400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE instance_keys (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        data_key_check text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE instance_keys`);
  }
}
