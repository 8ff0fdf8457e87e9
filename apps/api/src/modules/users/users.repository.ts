import type { EntityManager } from 'typeorm';

/** Names next to a login's ids: the site it manages, the volunteer it belongs to. */
export interface UserNames {
  site_name: string | null;
  volunteer_name: string | null;
}

/** One statement for a page of logins. */
export async function userNames(em: Pick<EntityManager, 'query'>, ids: string[]): Promise<Map<string, UserNames>> {
  if (!ids.length) return new Map();
  const rows: Array<UserNames & { id: string }> = await em.query(
    `SELECT u.id, s.name AS site_name, v.name AS volunteer_name
       FROM users u LEFT JOIN sites s ON s.id = u.site_id LEFT JOIN volunteers v ON v.id = u.volunteer_id
      WHERE u.id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r]));
}
