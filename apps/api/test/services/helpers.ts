import { DataSource } from 'typeorm';
import type { AuthUser } from '../../src/common/auth/auth-user';

/** The AuthUser a request of this login would carry (services are called directly in service tests). */
export async function authUser(db: DataSource, phone: string): Promise<AuthUser> {
  const [u] = await db.query(`SELECT id, phone, role, site_id AS "siteId", volunteer_id AS "volunteerId" FROM users WHERE phone = $1`, [phone]);
  if (!u) throw new Error(`no login ${phone}`);
  return u as AuthUser;
}

/** The AppError code a promise rejects with (fails the test when it resolves). */
export async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return (err as { code?: string }).code ?? `raw:${(err as Error).message}`;
  }
  throw new Error('expected a rejection');
}
