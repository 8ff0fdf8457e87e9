import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { AppError, isUniqueViolation } from '../../common/errors/app-error';
import { paginate } from '../../common/dto/pagination.dto';
import { inTransaction } from '../../database/sql';
import { maskIdNumber } from '@wenming/shared';
import { SiteEntity } from '../sites/site.entity';
import { VolunteerMembershipsService } from '../teams/volunteer-memberships.service';
import { VolunteerLoginsService } from '../users/volunteer-logins.service';
import { CreateVolunteerDto, UpdateVolunteerDto, VolunteerQueryDto } from './dto/volunteer.dto';
import { VolunteerEntity } from './volunteer.entity';
import { toVolunteerDto } from './volunteers.mapper';
import { VolunteersRepository, volunteerNames, type VolunteerPageFilter } from './volunteers.repository';

@Injectable()
export class VolunteersService {
  readonly cipher: FieldCipher;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scope: ScopeService,
    private readonly repo: VolunteersRepository,
    private readonly memberships: VolunteerMembershipsService,
    private readonly logins: VolunteerLoginsService,
  ) {
    this.cipher = new FieldCipher(this.config.dataKey);
  }

  /** Translate unique violations of volunteers into the rule's error. */
  static translate(err: unknown): never {
    if (isUniqueViolation(err, 'uq_volunteers_phone')) throw AppError.conflict('PHONE_TAKEN', '该手机号已登记为志愿者');
    if (isUniqueViolation(err, 'uq_volunteers_id_number_hash')) throw AppError.conflict('ID_NUMBER_TAKEN');
    if (isUniqueViolation(err, 'uq_users_phone')) throw AppError.conflict('PHONE_TAKEN', '该手机号已注册账号');
    throw err;
  }

  idNumberFields(idNumber: string | undefined | null) {
    if (!idNumber) return {};
    const n = idNumber.toUpperCase();
    return { idNumberEnc: this.cipher.encrypt(n), idNumberMasked: maskIdNumber(n), idNumberHash: this.cipher.hash(n) };
  }

  /** Insert a volunteer inside the caller's transaction. */
  async insert(em: EntityManager, data: Omit<CreateVolunteerDto, 'teamId'> & { siteId: string }): Promise<VolunteerEntity> {
    const site = await em.findOneBy(SiteEntity, { id: data.siteId });
    if (!site) throw AppError.validation([{ field: 'siteId', message: '所选站点不存在' }]);
    const entity = em.create(VolunteerEntity, {
      name: data.name.trim(),
      phone: data.phone ?? null,
      gender: data.gender ?? null,
      birthDate: data.birthDate ?? null,
      politicalStatus: data.politicalStatus ?? null,
      skills: data.skills ?? [],
      siteId: data.siteId,
      ...this.idNumberFields(data.idNumber),
    });
    try {
      return await em.save(entity);
    } catch (err) {
      VolunteersService.translate(err);
    }
  }

  async create(user: AuthUser, dto: CreateVolunteerDto) {
    return inTransaction(this.db, async (em) => {
      let siteId = dto.siteId;
      if (dto.teamId) {
        const { siteId: teamSite } = await this.scope.assertCanManageTeam(user, dto.teamId, em);
        siteId ??= teamSite;
      } else if (!this.scope.isAdmin(user)) {
        throw AppError.forbidden('队长添加队员时必须指定自己带领的队伍 teamId');
      }
      if (!siteId) throw AppError.validation([{ field: 'siteId', message: '请指定所属站点 siteId 或队伍 teamId' }]);
      if (this.scope.isAdmin(user)) await this.scope.assertSiteInScope(user, siteId, em);
      const v = await this.insert(em, { ...dto, siteId });
      if (dto.teamId) await this.memberships.addMember(em, dto.teamId, v.id);
      return toVolunteerDto(v, (await volunteerNames(em, [v.id])).get(v.id));
    });
  }

  async list(user: AuthUser, q: VolunteerQueryDto) {
    await this.scope.assertSiteFilter(user, q.siteId);
    if (this.scope.isAdmin(user)) await this.scope.assertTeamFilter(user, q.teamId);
    let scope: VolunteerPageFilter['scope'];
    if (this.scope.isAdmin(user)) {
      scope = { kind: 'sites', siteIds: await this.scope.adminSiteIds(user) };
    } else {
      const led = await this.scope.ledTeamIds(user);
      if (!led.length) throw AppError.forbidden('只有管理员或队长可以查看志愿者名单');
      if (q.teamId && !led.includes(q.teamId)) throw AppError.outOfScope('您不是该队伍的队长');
      scope = { kind: 'teams', teamIds: led };
    }
    const [rows, total] = await this.repo.findPage({ ...q, scope });
    // names, teams and logins for the whole page in one statement
    const names = await volunteerNames(
      this.db,
      rows.map((r) => r.id),
    );
    return paginate(
      rows.map((v) => toVolunteerDto(v, names.get(v.id))),
      total,
      q,
    );
  }

  /** May this caller read this volunteer? Self, admins over the volunteer's site or one of its teams, leaders of its teams. */
  async assertCanRead(user: AuthUser, v: VolunteerEntity, em: EntityManager = this.db.manager): Promise<void> {
    if (user.volunteerId === v.id || user.role === 'county_admin') return;
    if (user.role === 'site_admin') {
      const scope = (await this.scope.adminSiteIds(user, em)) ?? [];
      if (scope.includes(v.siteId)) return;
      if (await this.repo.isInTeamOfSites(em, v.id, scope)) return;
    } else if (user.volunteerId) {
      if (await this.repo.isLedBy(em, v.id, user.volunteerId)) return;
    }
    throw AppError.outOfScope('该志愿者不在您的管理范围内');
  }

  async findOr404(id: string, em: EntityManager = this.db.manager): Promise<VolunteerEntity> {
    const v = await em.findOneBy(VolunteerEntity, { id });
    if (!v) throw AppError.notFound('志愿者');
    return v;
  }

  async get(user: AuthUser, id: string) {
    const v = await this.findOr404(id);
    await this.assertCanRead(user, v);
    return toVolunteerDto(v, (await volunteerNames(this.db, [v.id])).get(v.id));
  }

  async update(user: AuthUser, id: string, dto: UpdateVolunteerDto) {
    return inTransaction(this.db, async (em) => {
      const v = await this.findOr404(id, em);
      const self = user.volunteerId === v.id;
      if (!self) {
        if (!this.scope.isAdmin(user)) throw AppError.outOfScope('只能修改自己的资料');
        await this.assertCanRead(user, v, em);
      }
      if (dto.siteId && dto.siteId !== v.siteId) {
        const site = await em.findOneBy(SiteEntity, { id: dto.siteId });
        if (!site) throw AppError.validation([{ field: 'siteId', message: '所选站点不存在' }]);
        if (!self) await this.scope.assertSiteInScope(user, dto.siteId, em);
      }
      const { idNumber, ...rest } = dto;
      Object.assign(v, rest, this.idNumberFields(idNumber));
      if (rest.name) v.name = rest.name.trim();
      try {
        const saved = await em.save(v);
        if (dto.phone) {
          // a volunteer's login phone follows the profile phone
          await this.logins.followProfilePhone(em, v.id, dto.phone);
        }
        return toVolunteerDto(saved, (await volunteerNames(em, [v.id])).get(v.id));
      } catch (err) {
        VolunteersService.translate(err);
      }
    });
  }
}
