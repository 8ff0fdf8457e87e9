import { randomUUID } from 'node:crypto';
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
import { ImportFileError, normaliseRows, readSheet, yieldToOthers, type ImportError, type ImportRow, type SheetRecord } from './volunteer-import';
import { AuditService } from '../audit/audit.service';
import { CreateVolunteerDto, UpdateVolunteerDto, VolunteerQueryDto } from './dto/volunteer.dto';
import { VolunteerEntity } from './volunteer.entity';
import { toVolunteerDto } from './volunteers.mapper';
import { volunteerNames } from './volunteers.repository';

const NONE = ['00000000-0000-0000-0000-000000000000'];
/** Rows per statement when the import writes in batches (embedded database). */
const IMPORT_BATCH = 100;
type ImportPlan = { row: ImportRow; siteId: string; teamId: string | null; id: string; existing: boolean };

@Injectable()
export class VolunteersService {
  readonly cipher: FieldCipher;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
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
   *
   * Bounded and non-blocking: the file is streamed with row/size caps (volunteer-import.ts); every check runs before
   * the transaction with a handful of set-based reads; the transaction itself is four statements (update, insert,
   * memberships, audit) whatever the row count, so the embedded database's single connection is held for a moment,
   * not for thousands of round trips.
   */
  async import(user: AuthUser, file: { buffer: Buffer; originalname: string } | undefined, defaultSiteId?: string) {
    if (!file) throw AppError.validation([{ field: 'file', message: '请上传 .csv 或 .xlsx 文件（字段名 file）' }]);
    if (!/\.(csv|xlsx)$/i.test(file.originalname)) {
      throw AppError.validation([{ field: 'file', message: '只支持 .csv 或 .xlsx 文件' }]);
    }
    let records: SheetRecord[];
    try {
      records = await readSheet(file.buffer, file.originalname);
    } catch (err) {
      if (err instanceof ImportFileError) {
        throw new AppError(err.status, err.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'VALIDATION_FAILED', err.message, [{ field: 'file', message: err.message }]);
      }
      throw AppError.validation([{ field: 'file', message: '文件无法读取，请用模板另存为 .xlsx 或 UTF-8 编码的 .csv' }]);
    }
    const { rows, errors } = await normaliseRows(records);
    if (!rows.length && !errors.length) throw AppError.validation([{ field: 'file', message: '文件中没有数据行' }]);

    const scope = await this.scope.adminSiteIds(user);
    if (defaultSiteId && scope && !scope.includes(defaultSiteId)) throw AppError.outOfScope('默认站点不在您的管理范围内');
    // plain reads of the few columns needed (hydrating 350 site entities held the embedded connection ~0.3 s)
    const sites: Array<{ id: string; name: string }> = await this.db.query(`SELECT id, name FROM sites`);
    if (defaultSiteId && !sites.some((s) => s.id === defaultSiteId)) throw AppError.validation([{ field: 'siteId', message: '所选默认站点不存在' }]);
    // a site is named in full or without its suffix; names are matched within the caller's scope first
    const siteByName = new Map<string, Array<{ id: string; name: string }>>();
    const inScope = (id: string) => !scope || scope.includes(id);
    for (const s of [...sites].sort((a, b) => Number(inScope(b.id)) - Number(inScope(a.id)))) {
      for (const key of new Set([s.name, s.name.replace(/新时代文明实践(站|所|中心)$/, '')])) {
        const list = siteByName.get(key) ?? [];
        if (!list.length || inScope(list[0].id) === inScope(s.id)) list.push(s);
        siteByName.set(key, list);
      }
    }
    const teams: Array<{ id: string; name: string; siteId: string }> = await this.db.query(
      `SELECT id, name, site_id AS "siteId" FROM teams WHERE NOT archived`,
    );
    const teamByName = new Map(teams.map((t) => [t.name, t]));

    // existing volunteers by phone and by ID number: two set-based reads, not one per row
    const phones = rows.map((r) => r.phone).filter((p): p is string => !!p);
    const existing: Array<{ id: string; phone: string; siteId: string }> = phones.length
      ? await this.db.query(`SELECT id, phone, site_id AS "siteId" FROM volunteers WHERE phone = ANY($1::varchar[])`, [phones])
      : [];
    const byPhone = new Map(existing.map((v) => [v.phone, v]));
    const hashes = new Map(rows.filter((r) => r.idNumber).map((r) => [r.row, this.cipher.hash(r.idNumber!)]));
    const clashes: Array<{ id: string; hash: string }> = hashes.size
      ? await this.db.query(`SELECT id, id_number_hash AS hash FROM volunteers WHERE id_number_hash = ANY($1::varchar[])`, [[...hashes.values()]])
      : [];
    const idByHash = new Map(clashes.map((c) => [c.hash, c.id]));

    const errs: ImportError[] = [...errors];
    const plans: ImportPlan[] = [];
    for (const r of rows) {
      if (r.row % 500 === 0) await yieldToOthers();
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
      const clash = hashes.has(r.row) ? idByHash.get(hashes.get(r.row)!) : undefined;
      if (clash && clash !== ex?.id) errs.push({ row: r.row, field: '身份证号', message: '该身份证号已登记为其他志愿者' });
      if (siteId) plans.push({ row: r, siteId, teamId: team?.id ?? null, id: ex?.id ?? randomUUID(), existing: !!ex });
    }
    if (errs.length) {
      errs.sort((a, b) => a.row - b.row);
      const first = errs[0];
      throw new AppError(
        400,
        'IMPORT_ROWS_INVALID',
        `第 ${first.row} 行“${first.field}”：${first.message}${errs.length > 1 ? `（共 ${errs.length} 处错误）` : ''}。未导入任何数据，请修改后重新上传`,
        errs.slice(0, 500).map((e) => ({ field: `第${e.row}行.${e.field}`, message: e.message })),
        { created: 0, updated: 0, errors: errs },
      );
    }

    const updates = plans.filter((p) => p.existing);
    const inserts = plans.filter((p) => !p.existing);
    const memberships = plans.filter((p) => p.teamId);
    const audit = (em: EntityManager) =>
      this.audit.record(em, {
        actorUserId: user.id,
        action: 'volunteer.import',
        entity: 'volunteer',
        entityId: 'import',
        after: { file: file.originalname, created: inserts.length, updated: updates.length },
      });
    const result = { created: inserts.length, updated: updates.length, errors: [] as ImportError[] };

    if (!this.config.embedded) {
      // PostgreSQL: one transaction (other requests have their own pooled connections meanwhile)
      return this.db.transaction(async (em) => {
        try {
          await this.writeImport(em, updates, inserts, memberships);
        } catch (err) {
          VolunteersService.translate(err);
        }
        await audit(em);
        return result;
      });
    }
    // Embedded database: ONE session for every request, so a transaction over thousands of rows would stop all of
    // them. New volunteers and memberships go in batches of IMPORT_BATCH rows, each its own statement, with the
    // connection free in between; updates of known volunteers and the audit entry go in one final short transaction.
    // Any failure removes what the batches added, so the import stays all-or-nothing.
    const added: string[] = [];
    const joined: Array<[string, string]> = [];
    try {
      for (let i = 0; i < inserts.length; i += IMPORT_BATCH) {
        await this.writeImport(this.db.manager, [], inserts.slice(i, i + IMPORT_BATCH), []);
        added.push(...inserts.slice(i, i + IMPORT_BATCH).map((p) => p.id));
        await yieldToOthers();
      }
      for (let i = 0; i < memberships.length; i += IMPORT_BATCH) {
        joined.push(...(await this.writeImport(this.db.manager, [], [], memberships.slice(i, i + IMPORT_BATCH))));
        await yieldToOthers();
      }
      await this.db.transaction(async (em) => {
        for (let i = 0; i < updates.length; i += IMPORT_BATCH) await this.writeImport(em, updates.slice(i, i + IMPORT_BATCH), [], []);
        await audit(em);
      });
      return result;
    } catch (err) {
      if (joined.length) {
        await this.db.query(
          `DELETE FROM team_memberships m USING unnest($1::uuid[], $2::uuid[]) AS j(t, v) WHERE m.team_id = j.t AND m.volunteer_id = j.v`,
          [joined.map((j) => j[0]), joined.map((j) => j[1])],
        );
      }
      if (added.length) await this.db.query(`DELETE FROM volunteers WHERE id = ANY($1::uuid[])`, [added]);
      VolunteersService.translate(err);
    }
  }

  /**
   * The import's writes as set-based statements (unnest keeps the column arrays aligned row by row): at most one
   * UPDATE, one INSERT of volunteers and one INSERT of memberships. Returns the memberships actually added.
   */
  private async writeImport(em: EntityManager, updates: ImportPlan[], inserts: ImportPlan[], memberships: ImportPlan[]): Promise<Array<[string, string]>> {
    const cols = (list: ImportPlan[]) => {
      const idf = list.map((p) => this.idNumberFields(p.row.idNumber));
      return [
        list.map((p) => p.id),
        list.map((p) => p.row.name),
        list.map((p) => p.row.phone),
        list.map((p) => p.row.gender),
        list.map((p) => p.row.birthDate),
        list.map((p) => p.row.politicalStatus),
        list.map((p) => (p.row.skills.length ? JSON.stringify(p.row.skills) : null)),
        list.map((p) => p.siteId),
        idf.map((f) => f.idNumberEnc ?? null),
        idf.map((f) => f.idNumberMasked ?? null),
        idf.map((f) => f.idNumberHash ?? null),
      ];
    };
    const UNNEST = `unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::date[], $6::varchar[], $7::text[], $8::uuid[], $9::text[], $10::varchar[], $11::varchar[])
        AS u(id, name, phone, gender, birth_date, political_status, skills, site_id, id_number_enc, id_number_masked, id_number_hash)`;
    if (updates.length) {
      // an empty cell leaves the stored value as it is (as before); name and site always follow the sheet
      await em.query(
        `UPDATE volunteers v SET name = u.name,
            gender = COALESCE(u.gender, v.gender),
            birth_date = COALESCE(u.birth_date, v.birth_date),
            political_status = COALESCE(u.political_status, v.political_status),
            skills = CASE WHEN u.skills IS NULL THEN v.skills ELSE ARRAY(SELECT jsonb_array_elements_text(u.skills::jsonb)) END,
            site_id = u.site_id,
            id_number_enc = COALESCE(u.id_number_enc, v.id_number_enc),
            id_number_masked = COALESCE(u.id_number_masked, v.id_number_masked),
            id_number_hash = COALESCE(u.id_number_hash, v.id_number_hash)
          FROM ${UNNEST} WHERE v.id = u.id`,
        cols(updates),
      );
    }
    if (inserts.length) {
      await em.query(
        `INSERT INTO volunteers (id, name, phone, gender, birth_date, political_status, skills, site_id, id_number_enc, id_number_masked, id_number_hash)
         SELECT u.id, u.name, u.phone, u.gender, u.birth_date, u.political_status,
                CASE WHEN u.skills IS NULL THEN '{}'::text[] ELSE ARRAY(SELECT jsonb_array_elements_text(u.skills::jsonb)) END,
                u.site_id, u.id_number_enc, u.id_number_masked, u.id_number_hash
           FROM ${UNNEST}`,
        cols(inserts),
      );
    }
    if (!memberships.length) return [];
    const added: Array<{ t: string; v: string }> = await em.query(
      `INSERT INTO team_memberships (team_id, volunteer_id, role)
       SELECT t, v, 'member' FROM unnest($1::uuid[], $2::uuid[]) AS m(t, v) ON CONFLICT DO NOTHING
       RETURNING team_id AS t, volunteer_id AS v`,
      [memberships.map((p) => p.teamId), memberships.map((p) => p.id)],
    );
    return added.map((a) => [a.t, a.v]);
  }
}
