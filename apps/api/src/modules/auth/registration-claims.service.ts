import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Paginated, RegistrationClaimDto } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { AppError, isUniqueViolation } from '../../common/errors/app-error';
import { paginate } from '../../common/dto/pagination.dto';
import { inTransaction } from '../../database/sql';
import { AuditService } from '../audit/audit.service';
import { UsersService } from '../users/users.service';
import type { ClaimQueryDto } from './dto/claims.dto';
import { RegistrationClaimsRepository, type ClaimRow } from './registration-claims.repository';

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
    private readonly repo: RegistrationClaimsRepository,
    private readonly users: UsersService,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, q: ClaimQueryDto): Promise<Paginated<RegistrationClaimDto>> {
    const scope = await this.scope.adminSiteIds(user);
    const { total, rows } = await this.repo.page(scope, q.status ?? 'pending', q.page, q.pageSize);
    return paginate(rows.map(toClaimDto), total, q);
  }

  private async lockInScope(em: EntityManager, user: AuthUser, id: string): Promise<ClaimRow> {
    if (!(await this.repo.lock(em, id))) throw AppError.notFound('注册申请');
    const row = await this.repo.findById(em, id);
    const scope = await this.scope.adminSiteIds(user, em);
    if (scope && !(await this.repo.volunteerInScope(em, scope, row.volunteer_id))) throw AppError.outOfScope('该志愿者不在您的管理范围内');
    if (row.status !== 'pending') throw AppError.conflict('CLAIM_DECIDED', '该注册申请已处理过');
    return row;
  }

  async approve(user: AuthUser, id: string): Promise<RegistrationClaimDto> {
    return inTransaction(this.db, async (em) => {
      const c = await this.lockInScope(em, user, id);
      if (await this.users.isPhoneOrVolunteerTaken(em, c.phone, c.volunteer_id)) throw AppError.conflict('PHONE_TAKEN', '该手机号或该志愿者已有登录账号，请拒绝此申请');
      const passwordHash = await this.repo.passwordHashOf(em, id);
      let userId: string;
      try {
        userId = await this.users.createVolunteerLogin(em, c.phone, passwordHash, c.volunteer_id);
      } catch (err) {
        if (isUniqueViolation(err)) throw AppError.conflict('PHONE_TAKEN', '该手机号或该志愿者已有登录账号，请拒绝此申请');
        throw err;
      }
      await this.repo.markApproved(em, id, user.id);
      // the other registrations for the same person cannot both be right
      await this.repo.declineOthers(em, c.phone, c.volunteer_id, user.id);
      await this.audit.record(em, {
        actorUserId: user.id,
        action: 'registration_claim.approve',
        entity: 'registration_claim',
        entityId: id,
        before: { status: 'pending' },
        after: { status: 'approved', userId, volunteerId: c.volunteer_id },
      });
      return toClaimDto(await this.repo.findById(em, id));
    });
  }

  async decline(user: AuthUser, id: string, reason: string | undefined): Promise<RegistrationClaimDto> {
    return inTransaction(this.db, async (em) => {
      await this.lockInScope(em, user, id);
      await this.repo.markDeclined(em, id, user.id, reason?.trim() || null);
      await this.audit.record(em, {
        actorUserId: user.id,
        action: 'registration_claim.decline',
        entity: 'registration_claim',
        entityId: id,
        before: { status: 'pending' },
        after: { status: 'declined', reason: reason ?? null },
      });
      return toClaimDto(await this.repo.findById(em, id));
    });
  }
}
