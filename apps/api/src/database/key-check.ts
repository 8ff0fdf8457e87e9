import { createHmac } from 'node:crypto';
import { selectOne, type Queryable } from './sql';

/** HMAC of a fixed label under the key: tells two keys apart without storing anything that reveals the key. */
export function dataKeyCheck(dataKey: Buffer): string {
  return createHmac('sha256', dataKey).update('wenming:data-key-check:v1').digest('hex');
}

export class DataKeyMismatchError extends Error {}

/**
 * The first process to start records its DATA_KEY's fingerprint; every later start (any process, any machine) must
 * present the same key. Several API processes behind a balancer therefore cannot disagree on DATA_KEY (a process
 * with its own generated key would write encrypted ID numbers the others cannot read).
 */
export async function assertDataKey(db: Queryable, dataKey: Buffer): Promise<void> {
  const mine = dataKeyCheck(dataKey);
  await db.query(`INSERT INTO instance_keys (data_key_check) VALUES ($1) ON CONFLICT (id) DO NOTHING`, [mine]);
  const row = await selectOne<{ data_key_check: string }>(db, `SELECT data_key_check FROM instance_keys`);
  if (row && row.data_key_check !== mine) {
    throw new DataKeyMismatchError(
      'DATA_KEY differs from the key this database was written with: every API process must be started with the same DATA_KEY (and JWT_SECRET) — see docs/operations.md',
    );
  }
}
