import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { AppError, isUniqueViolation } from '../../common/errors/app-error';
import { paginate } from '../../common/dto/pagination.dto';
import { maskIdNumber } from '@wenming/shared';
import { SiteEntity } from '../sites/site.entity';
import { TeamMembershipEntity } from '../teams/team-membership.entity';
import { normaliseRows, readSheet, type ImportError } from './volunteer-import';
import { AuditService } from '../audit/audit.service';
import { TeamEntity } from '../teams/team.entity';
import { CreateVolunteerDto, UpdateVolunteerDto, VolunteerQueryDto } from './dto/volunteer.dto';
import { VolunteerEntity } from './volunteer.entity';
import { toVolunteerDto } from './volunteers.mapper';
import { volunteerNames } from './volunteers.repository';

const NONE = ['00000000-0000-0000-0000-000000000000'];

@Injectable()
export class VolunteersService {
  readonly cipher: FieldCipher;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {
    this.cipher = new FieldCipher(config.dataKey);
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
    return this.db.transaction(async (em) => {
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
      if (dto.teamId) await em.insert(TeamMembershipEntity, { teamId: dto.teamId, volunteerId: v.id, role: 'member' });
      return toVolunteerDto(v, (await volunteerNames(em, [v.id])).get(v.id));
    });
  }

  async list(user: AuthUser, q: VolunteerQueryDto) {
    await this.scope.assertSiteFilter(user, q.siteId);
    if (this.scope.isAdmin(user)) await this.scope.assertTeamFilter(user, q.teamId);
    const qb = this.db.getRepository(VolunteerEntity).createQueryBuilder('v');
    if (this.scope.isAdmin(user)) {
      const scope = await this.scope.adminSiteIds(user);
      if (scope) {
        qb.andWhere(
          `(v.site_id IN (:...scope) OR EXISTS (SELECT 1 FROM team_memberships m JOIN teams t ON t.id = m.team_id WHERE m.volunteer_id = v.id AND t.site_id IN (:...scope)))`,
          { scope: scope.length ? scope : NONE },
        );
      }
    } else {
      const led = await this.scope.ledTeamIds(user);
      if (!led.length) throw AppError.forbidden('只有管理员或队长可以查看志愿者名单');
      if (q.teamId && !led.includes(q.teamId)) throw AppError.outOfScope('您不是该队伍的队长');
      qb.andWhere('EXISTS (SELECT 1 FROM team_memberships m WHERE m.volunteer_id = v.id AND m.team_id IN (:...led))', { led });
    }
    if (q.siteId) qb.andWhere('v.site_id = :siteId', { siteId: q.siteId });
    if (q.teamId) qb.andWhere('EXISTS (SELECT 1 FROM team_memberships m2 WHERE m2.volunteer_id = v.id AND m2.team_id = :teamId)', { teamId: q.teamId });
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
      qb.andWhere('(v.name ILIKE :like OR v.phone LIKE :like OR v.volunteer_number ILIKE :like)', { like });
    }
    const [rows, total] = await qb
      .orderBy('v.created_at', 'DESC')
      .addOrderBy('v.id', 'ASC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    // names, teams and logins for the whole page in one statement
    const names = await volunteerNames(this.db, rows.map((r) => r.id));
    return paginate(rows.map((v) => toVolunteerDto(v, names.get(v.id))), total, q);
  }

  /** May this caller read this volunteer? Self, admins over the volunteer's site or one of its teams, leaders of its teams. */
  async assertCanRead(user: AuthUser, v: VolunteerEntity, em: EntityManager = this.db.manager): Promise<void> {
    if (user.volunteerId === v.id || user.role === 'county_admin') return;
    if (user.role === 'site_admin') {
      const scope = (await this.scope.adminSiteIds(user, em)) ?? [];
      if (scope.includes(v.siteId)) return;
      const rows = await em.query(
        `SELECT 1 FROM team_memberships m JOIN teams t ON t.id = m.team_id WHERE m.volunteer_id = $1 AND t.site_id = ANY($2::uuid[]) LIMIT 1`,
        [v.id, scope],
      );
      if (rows.length) return;
    } else if (user.volunteerId) {
      const rows = await em.query(
        `SELECT 1 FROM team_memberships m JOIN team_memberships l ON l.team_id = m.team_id
          WHERE m.volunteer_id = $1 AND l.volunteer_id = $2 AND l.role = 'leader' LIMIT 1`,
        [v.id, user.volunteerId],
      );
      if (rows.length) return;
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
    return this.db.transaction(async (em) => {
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
          await em.query(`UPDATE users SET phone = $1 WHERE volunteer_id = $2`, [dto.phone, v.id]);
        }
        return toVolunteerDto(saved, (await volunteerNames(em, [v.id])).get(v.id));
      } catch (err) {
        VolunteersService.translate(err);
      }
    });
  }

  /**
   * Bulk import from .csv/.xlsx: new phones are created, known phones (in scope) updated.
   * All rows are checked first; any bad row imports nothing (400 with every error listed).
   */
  async import(user: AuthUser, file: { buffer: Buffer; originalname: string } | undefined, defaultSiteId?: string) {
    if (!file) throw AppError.validation([{ field: 'file', message: '请上传 .csv 或 .xlsx 文件（字段名 file）' }]);
    if (!/\.(csv|xlsx)$/i.test(file.originalname)) {
      throw AppError.validation([{ field: 'file', message: '只支持 .csv 或 .xlsx 文件' }]);
    }
    let records: Array<Record<string, string>>;
    try {
      records = await readSheet(file.buffer, file.originalname);
    } catch {
      throw AppError.validation([{ field: 'file', message: '文件无法读取，请用模板另存为 .xlsx 或 UTF-8 编码的 .csv' }]);
    }
    const { rows, errors } = normaliseRows(records);
    if (!rows.length && !errors.length) throw AppError.validation([{ field: 'file', message: '文件中没有数据行' }]);
    if (rows.length > 5000) throw AppError.validation([{ field: 'file', message: '一次最多导入 5000 行，请分批导入' }]);

    const scope = await this.scope.adminSiteIds(user);
    if (defaultSiteId && scope && !scope.includes(defaultSiteId)) throw AppError.outOfScope('默认站点不在您的管理范围内');
    const sites = await this.db.getRepository(SiteEntity).find();
    // a site is named in full or without its suffix; names are matched within the caller's scope first
    const siteByName = new Map<string, SiteEntity[]>();
    const inScope = (id: string) => !scope || scope.includes(id);
    for (const s of [...sites].sort((a, b) => Number(inScope(b.id)) - Number(inScope(a.id)))) {
      for (const key of new Set([s.name, s.name.replace(/新时代文明实践(站|所|中心)$/, '')])) {
        const list = siteByName.get(key) ?? [];
        if (!list.length || inScope(list[0].id) === inScope(s.id)) list.push(s);
        siteByName.set(key, list);
      }
    }
    const teams = await this.db.getRepository(TeamEntity).find({ where: { archived: false } });
    const teamByName = new Map(teams.map((t) => [t.name, t]));

    return this.db.transaction(async (em) => {
      const errs: ImportError[] = [...errors];
      const phones = rows.map((r) => r.phone).filter((p): p is string => !!p);
      const existing = phones.length ? await em.find(VolunteerEntity, { where: phones.map((phone) => ({ phone })) }) : [];
      const byPhone = new Map(existing.map((v) => [v.phone!, v]));
      const plans: Array<{ row: (typeof rows)[number]; siteId: string; teamId: string | null; existing?: VolunteerEntity }> = [];
      for (const r of rows) {
        const candidates = r.site ? (siteByName.get(r.site) ?? []) : [];
        const site = candidates.length === 1 ? candidates[0] : undefined;
        if (r.site && !candidates.length) errs.push({ row: r.row, field: '所属站点', message: `找不到站点“${r.site}”` });
        if (candidates.length > 1) errs.push({ row: r.row, field: '所属站点', message: `站点“${r.site}”有重名，请填写全称，如“${candidates[0].name}”` });
        const siteId = r.site ? site?.id : defaultSiteId;
        if (!r.site && !siteId) errs.push({ row: r.row, field: '所属站点', message: '请填写所属站点，或在导入时选择默认站点' });
        else if (siteId && scope && !scope.includes(siteId)) errs.push({ row: r.row, field: '所属站点', message: '该站点不在您的管理范围内' });
        const team = r.team ? teamByName.get(r.team) : undefined;
        if (r.team && !team) errs.push({ row: r.row, field: '队伍', message: `找不到队伍“${r.team}”` });
        else if (team && scope && !scope.includes(team.siteId)) errs.push({ row: r.row, field: '队伍', message: '该队伍不在您的管理范围内' });
        const ex = r.phone ? byPhone.get(r.phone) : undefined;
        if (ex && scope && !scope.includes(ex.siteId)) errs.push({ row: r.row, field: '手机号', message: '该手机号已登记在您管理范围以外的站点' });
        if (r.idNumber) {
          const clash = await em.query(`SELECT id FROM volunteers WHERE id_number_hash = $1`, [this.cipher.hash(r.idNumber)]);
          if (clash.length && clash[0].id !== ex?.id) errs.push({ row: r.row, field: '身份证号', message: '该身份证号已登记为其他志愿者' });
        }
        if (siteId) plans.push({ row: r, siteId, teamId: team?.id ?? null, existing: ex });
      }
      if (errs.length) {
        errs.sort((a, b) => a.row - b.row);
        const first = errs[0];
        throw new AppError(
          400,
          'IMPORT_ROWS_INVALID',
          `第 ${first.row} 行“${first.field}”：${first.message}${errs.length > 1 ? `（共 ${errs.length} 处错误）` : ''}。未导入任何数据，请修改后重新上传`,
          errs.map((e) => ({ field: `第${e.row}行.${e.field}`, message: e.message })),
          { created: 0, updated: 0, errors: errs },
        );
      }
      let created = 0;
      let updated = 0;
      for (const p of plans) {
        const r = p.row;
        let v: VolunteerEntity;
        if (p.existing) {
          v = p.existing;
          Object.assign(v, {
            name: r.name,
            ...(r.gender ? { gender: r.gender } : {}),
            ...(r.birthDate ? { birthDate: r.birthDate } : {}),
            ...(r.politicalStatus ? { politicalStatus: r.politicalStatus } : {}),
            ...(r.skills.length ? { skills: r.skills } : {}),
            siteId: p.siteId,
            ...this.idNumberFields(r.idNumber),
          });
          try {
            v = await em.save(v);
          } catch (err) {
            VolunteersService.translate(err);
          }
          updated++;
        } else {
          v = await this.insert(em, {
            name: r.name,
            phone: r.phone ?? undefined,
            gender: r.gender ?? undefined,
            birthDate: r.birthDate ?? undefined,
            politicalStatus: r.politicalStatus ?? undefined,
            skills: r.skills,
            siteId: p.siteId,
            idNumber: r.idNumber ?? undefined,
          });
          created++;
        }
        if (p.teamId) {
          await em.query(
            `INSERT INTO team_memberships (team_id, volunteer_id, role) VALUES ($1, $2, 'member') ON CONFLICT DO NOTHING`,
            [p.teamId, v.id],
          );
        }
      }
      await this.audit.record(em, {
        actorUserId: user.id,
        action: 'volunteer.import',
        entity: 'volunteer',
        entityId: 'import',
        after: { file: file.originalname, created, updated },
      });
      return { created, updated, errors: [] as ImportError[] };
    });
  }
}
