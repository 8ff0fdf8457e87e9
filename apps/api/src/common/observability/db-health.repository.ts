import type { Queryable } from '../../database/sql';

/** The health probe: the cheapest statement that proves the database answers. */
export async function pingDatabase(db: Queryable): Promise<void> {
  await db.query('SELECT 1');
}
