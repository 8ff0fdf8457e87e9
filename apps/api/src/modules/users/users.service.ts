import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { hashPassword } from '../../common/crypto/password';
import { AppError, isUniqueViolation } from '../../common/errors/app-error';
import { paginate } from '../../common/dto/pagination.dto';
import { AuditService } from '../audit/audit.service';
import { SiteEntity } from '../sites/site.entity';
import { CreateUserDto, UpdateUserDto, UserQueryDto } from './dto/user.dto';
import { UserEntity } from './user.entity';
import { toUserDto } from './users.mapper';
import { userNames } from './users.repository';

@Injectable()
export class UsersService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly audit: AuditService,
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
    const names = await userNames(this.db, rows.map((r) => r.id));
    return paginate(rows.map((u) => toUserDto(u, names.get(u.id))), total, q);
  }

  private async checkSite(siteId: string | null | undefined) {
    if (!siteId) return;
    const site = await this.db.getRepository(SiteEntity).findOneBy({ id: siteId });
    if (!site) throw AppError.validation([{ field: 'siteId', message: '所选阵地不存在' }]);
  }

  async create(actor: AuthUser, dto: CreateUserDto) {
    await this.checkSite(dto.siteId);
    const passwordHash = await hashPassword(dto.password);
    return this.db.transaction(async (em) => {
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
      return toUserDto(saved, (await userNames(em, [saved.id])).get(saved.id));
    });
  }

  async update(actor: AuthUser, id: string, dto: UpdateUserDto) {
    await this.checkSite(dto.siteId);
    const passwordHash = dto.password ? await hashPassword(dto.password) : undefined;
    return this.db.transaction(async (em) => {
      const u = await em.findOne(UserEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!u) throw AppError.notFound('账号');
      const before = { role: u.role, siteId: u.siteId };
      const role = dto.role ?? u.role;
      const siteId = dto.siteId !== undefined ? dto.siteId : u.siteId;
      if (role === 'site_admin' && !siteId) throw AppError.validation([{ field: 'siteId', message: '站点管理员必须指定 siteId' }]);
      if (role === 'volunteer' && !u.volunteerId) {
        throw AppError.validation([{ field: 'role', message: '该账号没有志愿者档案，不能改为志愿者' }]);
      }
      if (u.id === actor.id && role !== 'county_admin') throw AppError.conflict('SELF_DEMOTION', '不能取消自己的县文明办管理员身份');
      u.role = role;
      u.siteId = siteId;
      if (passwordHash) u.passwordHash = passwordHash;
      const saved = await em.save(u);
      if (before.role !== saved.role || before.siteId !== saved.siteId || passwordHash) {
        await this.audit.record(em, {
          actorUserId: actor.id,
          action: passwordHash && before.role === saved.role && before.siteId === saved.siteId ? 'user.password' : 'user.role',
          entity: 'user',
          entityId: saved.id,
          before,
          after: { role: saved.role, siteId: saved.siteId },
        });
      }
      return toUserDto(saved, (await userNames(em, [saved.id])).get(saved.id));
    });
  }
}
