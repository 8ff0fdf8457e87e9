import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RegistrationClaimStatus } from '@wenming/shared';
import { Params, selectOne, selectRows, type Queryable } from '../../database/sql';

export interface ClaimRow {
  id: string;
  status: RegistrationClaimStatus;
  name: string;
  phone: string;
  site_id: string;
  site_name: string;
  created_at: Date;
  volunteer_id: string;
  volunteer_name: string;
  volunteer_site_id: string;
  volunteer_site_name: string;
  id_number_masked: string | null;
  decided_at: Date | null;
  decided_by_name: string | null;
  decline_reason: string | null;
}

export interface NewClaim {
  volunteerId: string;
  phone: string;
  name: string;
  siteId: string;
  passwordHash: string;
}

const SELECT = `
  SELECT c.id, c.status, c.name, c.phone, c.site_id, s.name AS site_name, c.created_at,
         v.id AS volunteer_id, v.name AS volunteer_name, v.site_id AS volunteer_site_id, vs.name AS volunteer_site_name,
         v.id_number_masked, c.decided_at, c.decline_reason,
         coalesce(dv.name, du.phone) AS decided_by_name
    FROM registration_claims c
    JOIN sites s ON s.id = c.site_id
    JOIN volunteers v ON v.id = c.volunteer_id
    JOIN sites vs ON vs.id = v.site_id
    LEFT JOIN users du ON du.id = c.decided_by
    LEFT JOIN volunteers dv ON dv.id = du.volunteer_id`;

/** In scope of a site admin: the claimed record's station, or one of its teams' sites, lies in the admin's subtree. */
const IN_SCOPE = (param: string) => `(v.site_id = ANY(${param}::uuid[]) OR EXISTS (
  SELECT 1 FROM team_memberships m JOIN teams t ON t.id = m.team_id WHERE m.volunteer_id = v.id AND t.site_id = ANY(${param}::uuid[])))`;

/** All SQL of 待确认的注册 (table registration_claims). */
@Injectable()
export class RegistrationClaimsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async countPending(em: Queryable, phone: string): Promise<number> {
    const [{ n }] = await selectRows<{ n: number }>(em, `SELECT count(*)::int AS n FROM registration_claims WHERE phone = $1 AND status = 'pending'`, [phone]);
    return n;
  }

  async insert(em: Queryable, c: NewClaim): Promise<void> {
    await em.query(`INSERT INTO registration_claims (volunteer_id, phone, name, site_id, password_hash) VALUES ($1, $2, $3, $4, $5)`, [
      c.volunteerId,
      c.phone,
      c.name,
      c.siteId,
      c.passwordHash,
    ]);
  }

  /** Claims of one status whose record is in `scope` (null = all), oldest first. */
  async page(scope: string[] | null, status: RegistrationClaimStatus, page: number, pageSize: number): Promise<{ total: number; rows: ClaimRow[] }> {
    const p = new Params();
    const where: string[] = [];
    if (scope) where.push(IN_SCOPE(p.add(scope)));
    where.push(`c.status = ${p.add(status)}`);
    const cond = `WHERE ${where.join(' AND ')}`;
    const [{ n }] = await selectRows<{ n: number }>(
      this.db,
      `SELECT count(*)::int AS n FROM registration_claims c JOIN volunteers v ON v.id = c.volunteer_id ${cond}`,
      p.values,
    );
    const rows = await selectRows<ClaimRow>(
      this.db,
      `${SELECT} ${cond} ORDER BY c.created_at, c.id LIMIT ${p.add(pageSize)} OFFSET ${p.add((page - 1) * pageSize)}`,
      p.values,
    );
    return { total: n, rows };
  }

  async lock(em: Queryable, id: string): Promise<boolean> {
    return (await selectRows(em, `SELECT id FROM registration_claims WHERE id = $1 FOR UPDATE`, [id])).length > 0;
  }

  async findById(em: Queryable, id: string): Promise<ClaimRow> {
    const [row] = await selectRows<ClaimRow>(em, `${SELECT} WHERE c.id = $1`, [id]);
    return row;
  }

  async volunteerInScope(em: Queryable, scope: string[], volunteerId: string): Promise<boolean> {
    return (await selectRows(em, `SELECT 1 FROM volunteers v WHERE v.id = $2 AND ${IN_SCOPE('$1')}`, [scope, volunteerId])).length > 0;
  }

  async passwordHashOf(em: Queryable, id: string): Promise<string> {
    return (await selectOne<{ password_hash: string }>(em, `SELECT password_hash FROM registration_claims WHERE id = $1`, [id]))!.password_hash;
  }

  async markApproved(em: Queryable, id: string, by: string): Promise<void> {
    await em.query(`UPDATE registration_claims SET status = 'approved', decided_by = $2, decided_at = now() WHERE id = $1`, [id, by]);
  }

  /** The other pending registrations for the same phone or record (they cannot both be right). */
  async declineOthers(em: Queryable, phone: string, volunteerId: string, by: string): Promise<void> {
    await em.query(
      `UPDATE registration_claims SET status = 'declined', decided_by = $2, decided_at = now(), decline_reason = '已批准同一手机号的另一份注册申请'
          WHERE (phone = $1 OR volunteer_id = $3) AND status = 'pending'`,
      [phone, by, volunteerId],
    );
  }

  async markDeclined(em: Queryable, id: string, by: string, reason: string | null): Promise<void> {
    await em.query(`UPDATE registration_claims SET status = 'declined', decided_by = $2, decided_at = now(), decline_reason = $3 WHERE id = $1`, [id, by, reason]);
  }
}
