import { selectOne, type Queryable } from '../../database/sql';
import type { AuthUser } from './auth-user';

/** The login as it is now, with what decides whether a token still counts. */
export type SessionUserRow = AuthUser & { tokenVersion: number; disabled: boolean };

/** The guard's one indexed lookup per request (primary key of users). */
export function findSessionUser(db: Queryable, userId: string): Promise<SessionUserRow | undefined> {
  return selectOne<SessionUserRow>(
    db,
    `SELECT id, phone, role, site_id AS "siteId", volunteer_id AS "volunteerId", token_version AS "tokenVersion",
                  disabled_at IS NOT NULL AS disabled
             FROM users WHERE id = $1`,
    [userId],
  );
}
