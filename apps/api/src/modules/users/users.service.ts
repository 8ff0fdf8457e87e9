import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { hashPassword } from '../../common/crypto/password';
import { assertPasswordPolicy } from '../../common/crypto/password-policy';
import { LoginThrottleService } from '../auth/login-throttle.service';
import { AppError, isUniqueViolation } from '../../common/errors/app-error';
import { paginate } from '../../common/dto/pagination.dto';
import { AuditService } from '../audit/audit.service';
import { SiteEntity } from '../sites/site.entity';
import { CreateUserDto, UpdateUserDto, UserQueryDto } from './dto/user.dto';
import { UserEntity } from './user.entity';
import { toUserDto } from './users.mapper';
import { UsersRepository, type UserNames } from './users.repository';
import { inTransaction } from '../../database/sql';

@Injectable()
export class UsersService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly repo: UsersRepository,
    private readonly audit: AuditService,
    private readonly throttle: LoginThrottleService,
  ) {}

  async list(q: UserQueryDto) {
    const qb = this.db.getRepository(UserEntity).createQueryBuilder('u');
    if (q.role) qb.andWhere('u.role = :role', { role: q.role });
    else qb.andWhere("u.role <> 'volunteer'");
    if (q.q) qb.andWhere('u.phone LIKE :like', { like: `%${q.q.replace(/\D/g, '')}%` });
    const [rows, total] = await qb
      .orderBy('u.created_at', 'ASC')
      .addOrderBy('u.id')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    const names = await this.repo.names(
      this.db,
      rows.map((r) => r.id),
    );
    return paginate(
      rows.map((u) => toUserDto(u, names.get(u.id))),
      total,
      q,
    );
  }

  private async checkSite(siteId: string | null | undefined) {
    if (!siteId) return;
    const site = await this.db.getRepository(SiteEntity).findOneBy({ id: siteId });
    if (!site) throw AppError.validation([{ field: 'siteId', message: '所选阵地不存在' }]);
  }

  async create(actor: AuthUser, dto: CreateUserDto) {
    assertPasswordPolicy(dto.password, dto.phone);
    await this.checkSite(dto.siteId);
    const passwordHash = await hashPassword(dto.password);
    return inTransaction(this.db, async (em) => {
      let saved: UserEntity;
      try {
        saved = await em.save(
          em.create(UserEntity, {
            phone: dto.phone,
            passwordHash,
            role: dto.role,
            siteId: dto.role === 'site_admin' ? dto.siteId! : (dto.siteId ?? null),
          }),
        );
      } catch (err) {
        if (isUniqueViolation(err, 'uq_users_phone')) throw AppError.conflict('PHONE_TAKEN', '该手机号已有账号');
        throw err;
      }
      await this.audit.record(em, {
        actorUserId: actor.id,
        action: 'user.create',
        entity: 'user',
        entityId: saved.id,
        after: { phone: saved.phone, role: saved.role, siteId: saved.siteId },
      });
      return toUserDto(saved, (await this.repo.names(em, [saved.id])).get(saved.id));
    });
  }

  /**
   * Role, site, password reset and disabling. Every one of them bumps token_version, so the login's earlier tokens
   * stop working at once (401); a password reset also clears a login lock.
   */
  async update(actor: AuthUser, id: string, dto: UpdateUserDto) {
    await this.checkSite(dto.siteId);
    if (dto.password) {
      const target = await this.db.getRepository(UserEntity).findOneBy({ id });
      if (!target) throw AppError.notFound('账号');
      assertPasswordPolicy(dto.password, target.phone);
    }
    const passwordHash = dto.password ? await hashPassword(dto.password) : undefined;
    return inTransaction(this.db, async (em) => {
      const u = await em.findOne(UserEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!u) throw AppError.notFound('账号');
      const before = { role: u.role, siteId: u.siteId, disabled: u.disabledAt !== null };
      const role = dto.role ?? u.role;
      const siteId = dto.siteId !== undefined ? dto.siteId : u.siteId;
      if (role === 'site_admin' && !siteId) throw AppError.validation([{ field: 'siteId', message: '站点管理员必须指定 siteId' }]);
      if (role === 'volunteer' && !u.volunteerId) {
        throw AppError.validation([{ field: 'role', message: '该账号没有志愿者档案，不能改为志愿者' }]);
      }
      if (u.id === actor.id && role !== 'county_admin') throw AppError.conflict('SELF_DEMOTION', '不能取消自己的县文明办管理员身份');
      if (u.id === actor.id && dto.disabled === true) throw AppError.conflict('SELF_DISABLE', '不能停用自己的账号');
      u.role = role;
      u.siteId = siteId;
      if (passwordHash) u.passwordHash = passwordHash;
      if (dto.disabled !== undefined) u.disabledAt = dto.disabled ? (u.disabledAt ?? new Date()) : null;
      const roleChanged = before.role !== u.role || before.siteId !== u.siteId;
      const disabledChanged = before.disabled !== (u.disabledAt !== null);
      // earlier tokens die at once on a role/site change, a password reset, and disabling
      if (roleChanged || passwordHash || disabledChanged) u.tokenVersion += 1;
      const saved = await em.save(u);
      if (passwordHash) await this.throttle.clear(saved.phone, em);
      const after = { role: saved.role, siteId: saved.siteId };
      if (roleChanged) await this.audit.record(em, { actorUserId: actor.id, action: 'user.role', entity: 'user', entityId: saved.id, before, after });
      if (passwordHash) await this.audit.record(em, { actorUserId: actor.id, action: 'user.password', entity: 'user', entityId: saved.id, before, after });
      if (disabledChanged) {
        await this.audit.record(em, {
          actorUserId: actor.id,
          action: saved.disabledAt ? 'user.disable' : 'user.enable',
          entity: 'user',
          entityId: saved.id,
          before: { disabled: before.disabled },
          after: { disabled: saved.disabledAt !== null },
        });
      }
      return toUserDto(saved, (await this.repo.names(em, [saved.id])).get(saved.id));
    });
  }

  // ---- for the auth module (registration, claims, logout): logins are this module's table

  names(em: Pick<EntityManager, 'query'>, ids: string[]): Promise<Map<string, UserNames>> {
    return this.repo.names(em, ids);
  }

  /** Ends every session of the login (all devices). */
  endSessions(userId: string): Promise<void> {
    return this.repo.bumpTokenVersion(userId);
  }

  isPhoneTaken(em: EntityManager, phone: string): Promise<boolean> {
    return this.repo.phoneTaken(em, phone);
  }

  hasLogin(em: EntityManager, volunteerId: string): Promise<boolean> {
    return this.repo.volunteerHasLogin(em, volunteerId);
  }

  isPhoneOrVolunteerTaken(em: EntityManager, phone: string, volunteerId: string): Promise<boolean> {
    return this.repo.phoneOrVolunteerTaken(em, phone, volunteerId);
  }

  /** A volunteer's login with an already hashed password (an approved registration claim). */
  createVolunteerLogin(em: EntityManager, phone: string, passwordHash: string, volunteerId: string): Promise<string> {
    return this.repo.insertVolunteerLogin(em, phone, passwordHash, volunteerId);
  }
}
