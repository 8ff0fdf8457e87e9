import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { selectRows, type Queryable } from '../../database/sql';

/** Names next to a login's ids: the site it manages, the volunteer it belongs to. */
export interface UserNames {
  site_name: string | null;
  volunteer_name: string | null;
}

/** One statement for a page of logins. */
export async function userNames(em: Pick<EntityManager, 'query'>, ids: string[]): Promise<Map<string, UserNames>> {
  if (!ids.length) return new Map();
  const rows = await selectRows<UserNames & { id: string }>(
    em,
    `SELECT u.id, s.name AS site_name, v.name AS volunteer_name
       FROM users u LEFT JOIN sites s ON s.id = u.site_id LEFT JOIN volunteers v ON v.id = u.volunteer_id
      WHERE u.id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** All SQL of logins (table users) that other modules need; TypeORM's UserEntity covers the rest. */
@Injectable()
export class UsersRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  names(em: Queryable, ids: string[]): Promise<Map<string, UserNames>> {
    return userNames(em, ids);
  }

  /** Ends every session of a login (tokens carry the version they were issued with). */
  async bumpTokenVersion(userId: string): Promise<void> {
    await this.db.query(`UPDATE users SET token_version = token_version + 1 WHERE id = $1`, [userId]);
  }

  async phoneTaken(em: Queryable, phone: string): Promise<boolean> {
    return (await selectRows(em, `SELECT 1 FROM users WHERE phone = $1`, [phone])).length > 0;
  }

  async volunteerHasLogin(em: Queryable, volunteerId: string): Promise<boolean> {
    return (await selectRows(em, `SELECT 1 FROM users WHERE volunteer_id = $1`, [volunteerId])).length > 0;
  }

  async phoneOrVolunteerTaken(em: Queryable, phone: string, volunteerId: string): Promise<boolean> {
    return (await selectRows(em, `SELECT 1 FROM users WHERE phone = $1 OR volunteer_id = $2`, [phone, volunteerId])).length > 0;
  }

  /** A volunteer login with an already hashed password; answers its id. */
  async insertVolunteerLogin(em: Queryable, phone: string, passwordHash: string, volunteerId: string): Promise<string> {
    const [u] = await selectRows<{ id: string }>(em, `INSERT INTO users (phone, password_hash, role, volunteer_id) VALUES ($1, $2, 'volunteer', $3) RETURNING id`, [
      phone,
      passwordHash,
      volunteerId,
    ]);
    return u.id;
  }
}
