import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Paginated, RegistrationClaimDto, RegistrationClaimStatus } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { AppError, isUniqueViolation } from '../../common/errors/app-error';
import { paginate } from '../../common/dto/pagination.dto';
import { AuditService } from '../audit/audit.service';
import type { ClaimQueryDto } from './dto/claims.dto';

interface ClaimRow {
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

function toClaimDto(r: ClaimRow): RegistrationClaimDto {
  return {
    id: r.id,
    status: r.status,
    name: r.name,
    phone: r.phone,
    siteId: r.site_id,
    siteName: r.site_name,
    createdAt: new Date(r.created_at).toISOString(),
    volunteer: { id: r.volunteer_id, name: r.volunteer_name, siteId: r.volunteer_site_id, siteName: r.volunteer_site_name, idNumber: r.id_number_masked },
    decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    decidedByName: r.decided_by_name,
    declineReason: r.decline_reason,
  };
}

/**
 * 待确认的注册: registrations that claim a volunteer record staff created. A site admin over the record (or the
 * county admin) approves — the login is created and attached to the record — or declines.
 */
@Injectable()
export class RegistrationClaimsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, q: ClaimQueryDto): Promise<Paginated<RegistrationClaimDto>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const scope = await this.scope.adminSiteIds(user);
    if (scope) {
      params.push(scope);
      where.push(IN_SCOPE(`$${params.length}`));
    }
    params.push(q.status ?? 'pending');
    where.push(`c.status = $${params.length}`);
    const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ n }] = await this.db.query(
      `SELECT count(*)::int AS n FROM registration_claims c JOIN volunteers v ON v.id = c.volunteer_id ${cond}`,
      params,
    );
    const rows: ClaimRow[] = await this.db.query(
      `${SELECT} ${cond} ORDER BY c.created_at, c.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return paginate(rows.map(toClaimDto), n, q);
  }

  private async lockInScope(em: EntityManager, user: AuthUser, id: string): Promise<ClaimRow> {
    const locked = await em.query(`SELECT id FROM registration_claims WHERE id = $1 FOR UPDATE`, [id]);
    if (!locked.length) throw AppError.notFound('注册申请');
    const rows: ClaimRow[] = await em.query(`${SELECT} WHERE c.id = $1`, [id]);
    const scope = await this.scope.adminSiteIds(user, em);
    if (scope) {
      const ok = await em.query(`SELECT 1 FROM volunteers v WHERE v.id = $2 AND ${IN_SCOPE('$1')}`, [scope, rows[0].volunteer_id]);
      if (!ok.length) throw AppError.outOfScope('该志愿者不在您的管理范围内');
    }
    if (rows[0].status !== 'pending') throw AppError.conflict('CLAIM_DECIDED', '该注册申请已处理过');
    return rows[0];
  }

  async approve(user: AuthUser, id: string): Promise<RegistrationClaimDto> {
    return this.db.transaction(async (em) => {
      const c = await this.lockInScope(em, user, id);
      const taken = await em.query(`SELECT 1 FROM users WHERE phone = $1 OR volunteer_id = $2`, [c.phone, c.volunteer_id]);
      if (taken.length) throw AppError.conflict('PHONE_TAKEN', '该手机号或该志愿者已有登录账号，请拒绝此申请');
      const [{ password_hash }] = await em.query(`SELECT password_hash FROM registration_claims WHERE id = $1`, [id]);
      let userId: string;
      try {
        const [u] = await em.query(
          `INSERT INTO users (phone, password_hash, role, volunteer_id) VALUES ($1, $2, 'volunteer', $3) RETURNING id`,
          [c.phone, password_hash, c.volunteer_id],
        );
        userId = u.id;
      } catch (err) {
        if (isUniqueViolation(err)) throw AppError.conflict('PHONE_TAKEN', '该手机号或该志愿者已有登录账号，请拒绝此申请');
        throw err;
      }
      await em.query(
        `UPDATE registration_claims SET status = 'approved', decided_by = $2, decided_at = now() WHERE id = $1`,
        [id, user.id],
      );
      // the other registrations for the same person cannot both be right
      await em.query(
        `UPDATE registration_claims SET status = 'declined', decided_by = $2, decided_at = now(), decline_reason = '已批准同一手机号的另一份注册申请'
          WHERE (phone = $1 OR volunteer_id = $3) AND status = 'pending'`,
        [c.phone, user.id, c.volunteer_id],
      );
      await this.audit.record(em, {
        actorUserId: user.id,
        action: 'registration_claim.approve',
        entity: 'registration_claim',
        entityId: id,
        before: { status: 'pending' },
        after: { status: 'approved', userId, volunteerId: c.volunteer_id },
      });
      const [row]: ClaimRow[] = await em.query(`${SELECT} WHERE c.id = $1`, [id]);
      return toClaimDto(row);
    });
  }

  async decline(user: AuthUser, id: string, reason: string | undefined): Promise<RegistrationClaimDto> {
    return this.db.transaction(async (em) => {
      await this.lockInScope(em, user, id);
      await em.query(
        `UPDATE registration_claims SET status = 'declined', decided_by = $2, decided_at = now(), decline_reason = $3 WHERE id = $1`,
        [id, user.id, reason?.trim() || null],
      );
      await this.audit.record(em, {
        actorUserId: user.id,
        action: 'registration_claim.decline',
        entity: 'registration_claim',
        entityId: id,
        before: { status: 'pending' },
        after: { status: 'declined', reason: reason ?? null },
      });
      const [row]: ClaimRow[] = await em.query(`${SELECT} WHERE c.id = $1`, [id]);
      return toClaimDto(row);
    });
  }
}
