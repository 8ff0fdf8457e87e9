import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { VolunteerImportResponse } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { AppError } from '../../common/errors/app-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { inTransaction } from '../../database/sql';
import { AuditService } from '../audit/audit.service';
import { VolunteerMembershipsService } from '../teams/volunteer-memberships.service';
import { ImportFileError, normaliseRows, readSheet, yieldToOthers, type ImportError, type ImportRow, type SheetRecord } from './volunteer-import';
import { VolunteerImportRepository, type ImportSiteRow, type ImportVolunteerValues } from './volunteer-import.repository';
import { VolunteersService } from './volunteers.service';

/** Rows per statement when the import writes in batches (embedded database). */
const IMPORT_BATCH = 100;
const SITE_SUFFIX = /新时代文明实践(站|所|中心)$/;

/** One sheet row, resolved: where it goes, and whether its phone is already registered. */
interface ImportPlan {
  row: ImportRow;
  siteId: string;
  teamId: string | null;
  id: string;
  existing: boolean;
}

/**
 * Bulk import of volunteers from .csv/.xlsx: new phones are created, known phones (in scope) updated.
 * All rows are checked first; any bad row imports nothing (400 with every error listed).
 *
 * Bounded and non-blocking: the file is streamed with row/size caps (volunteer-import.ts); the plan is made from
 * three set-based reads for the whole sheet (the sites and teams it names, the volunteers under its phones and ID
 * numbers); the writes are one statement per kind (update, insert, memberships through the teams module) and the audit entry, whatever the
 * row count, so the embedded database's single connection is held for a moment, not for thousands of round trips.
 */
@Injectable()
export class VolunteerImportService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: VolunteerImportRepository,
    private readonly volunteers: VolunteersService,
    private readonly memberships: VolunteerMembershipsService,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  async import(user: AuthUser, file: { buffer: Buffer; originalname: string } | undefined, defaultSiteId?: string): Promise<VolunteerImportResponse> {
    const { rows, errors } = await this.read(file);
    const scope = await this.scope.adminSiteIds(user);
    if (defaultSiteId && scope && !scope.includes(defaultSiteId)) throw AppError.outOfScope('默认站点不在您的管理范围内');
    const plans = await this.plan(rows, errors, scope, defaultSiteId);
    return this.write(user, file!.originalname, plans);
  }

  /** The sheet's rows, normalised; a file that cannot be read is 400 (413 when too large). */
  private async read(file: { buffer: Buffer; originalname: string } | undefined): Promise<{ rows: ImportRow[]; errors: ImportError[] }> {
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
    return { rows, errors };
  }

  /**
   * Every row resolved against the database in three set-based reads; any error anywhere is the 400
   * IMPORT_ROWS_INVALID listing all of them (nothing is written).
   */
  private async plan(rows: ImportRow[], fileErrors: ImportError[], scope: string[] | null, defaultSiteId: string | undefined): Promise<ImportPlan[]> {
    const inScope = (id: string) => !scope || scope.includes(id);
    const distinct = (list: Array<string | null>) => [...new Set(list.filter((x): x is string => !!x))];

    const sites = await this.repo.sitesNamed(distinct(rows.map((r) => r.site)), defaultSiteId);
    if (defaultSiteId && !sites.some((s) => s.id === defaultSiteId)) throw AppError.validation([{ field: 'siteId', message: '所选默认站点不存在' }]);
    // a site is named in full or without its suffix; names are matched within the caller's scope first
    const siteByName = new Map<string, ImportSiteRow[]>();
    for (const s of [...sites].sort((a, b) => Number(inScope(b.id)) - Number(inScope(a.id)))) {
      for (const key of new Set([s.name, s.name.replace(SITE_SUFFIX, '')])) {
        const list = siteByName.get(key) ?? [];
        if (!list.length || inScope(list[0].id) === inScope(s.id)) list.push(s);
        siteByName.set(key, list);
      }
    }
    const teams = await this.repo.teamsNamed(distinct(rows.map((r) => r.team)));
    const teamByName = new Map(teams.map((t) => [t.name, t]));

    // existing volunteers by phone and by ID number: one read for the whole sheet
    const phones = distinct(rows.map((r) => r.phone));
    const hashes = new Map(rows.filter((r) => r.idNumber).map((r) => [r.row, this.volunteers.cipher.hash(r.idNumber!)]));
    const existing = await this.repo.existingVolunteers(phones, [...new Set(hashes.values())]);
    const phoneSet = new Set(phones);
    const hashSet = new Set(hashes.values());
    const byPhone = new Map(existing.filter((v) => v.phone && phoneSet.has(v.phone)).map((v) => [v.phone!, v]));
    const idByHash = new Map(existing.filter((v) => v.hash && hashSet.has(v.hash)).map((v) => [v.hash!, v.id]));

    const errs: ImportError[] = [...fileErrors];
    const plans: ImportPlan[] = [];
    for (const r of rows) {
      if (r.row % 500 === 0) await yieldToOthers();
      const candidates = r.site ? (siteByName.get(r.site) ?? []) : [];
      const site = candidates.length === 1 ? candidates[0] : undefined;
      if (r.site && !candidates.length) errs.push({ row: r.row, field: '所属站点', message: `找不到站点“${r.site}”` });
      if (candidates.length > 1) errs.push({ row: r.row, field: '所属站点', message: `站点“${r.site}”有重名，请填写全称，如“${candidates[0].name}”` });
      const siteId = r.site ? site?.id : defaultSiteId;
      if (!r.site && !siteId) errs.push({ row: r.row, field: '所属站点', message: '请填写所属站点，或在导入时选择默认站点' });
      else if (siteId && !inScope(siteId)) errs.push({ row: r.row, field: '所属站点', message: '该站点不在您的管理范围内' });
      const team = r.team ? teamByName.get(r.team) : undefined;
      if (r.team && !team) errs.push({ row: r.row, field: '队伍', message: `找不到队伍“${r.team}”` });
      else if (team && !inScope(team.siteId)) errs.push({ row: r.row, field: '队伍', message: '该队伍不在您的管理范围内' });
      const ex = r.phone ? byPhone.get(r.phone) : undefined;
      if (ex && !inScope(ex.siteId)) errs.push({ row: r.row, field: '手机号', message: '该手机号已登记在您管理范围以外的站点' });
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
    return plans;
  }

  private values(list: ImportPlan[]): ImportVolunteerValues[] {
    return list.map((p) => {
      const f = this.volunteers.idNumberFields(p.row.idNumber);
      return {
        id: p.id,
        name: p.row.name,
        phone: p.row.phone,
        gender: p.row.gender,
        birthDate: p.row.birthDate,
        politicalStatus: p.row.politicalStatus,
        skills: p.row.skills.length ? JSON.stringify(p.row.skills) : null,
        siteId: p.siteId,
        idNumberEnc: f.idNumberEnc ?? null,
        idNumberMasked: f.idNumberMasked ?? null,
        idNumberHash: f.idNumberHash ?? null,
      };
    });
  }

  private async write(user: AuthUser, fileName: string, plans: ImportPlan[]): Promise<VolunteerImportResponse> {
    const updates = plans.filter((p) => p.existing);
    const inserts = plans.filter((p) => !p.existing);
    const memberships = plans.filter((p) => p.teamId).map((p): [string, string] => [p.teamId!, p.id]);
    const audit = (em: EntityManager) =>
      this.audit.record(em, {
        actorUserId: user.id,
        action: 'volunteer.import',
        entity: 'volunteer',
        entityId: 'import',
        after: { file: fileName, created: inserts.length, updated: updates.length },
      });
    const result = { created: inserts.length, updated: updates.length, errors: [] as ImportError[] };

    if (!this.config.embedded) {
      // PostgreSQL: one transaction (other requests have their own pooled connections meanwhile)
      return inTransaction(this.db, async (em) => {
        try {
          await this.repo.updateVolunteers(em, this.values(updates));
          await this.repo.insertVolunteers(em, this.values(inserts));
          await this.memberships.addMembers(em, memberships);
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
        await this.repo.insertVolunteers(this.db.manager, this.values(inserts.slice(i, i + IMPORT_BATCH)));
        added.push(...inserts.slice(i, i + IMPORT_BATCH).map((p) => p.id));
        await yieldToOthers();
      }
      for (let i = 0; i < memberships.length; i += IMPORT_BATCH) {
        joined.push(...(await this.memberships.addMembers(this.db.manager, memberships.slice(i, i + IMPORT_BATCH))));
        await yieldToOthers();
      }
      await inTransaction(this.db, async (em) => {
        for (let i = 0; i < updates.length; i += IMPORT_BATCH) await this.repo.updateVolunteers(em, this.values(updates.slice(i, i + IMPORT_BATCH)));
        await audit(em);
      });
      return result;
    } catch (err) {
      // memberships first, then the volunteers they point to
      await this.memberships.removeMembers(joined);
      await this.repo.deleteVolunteers(added);
      VolunteersService.translate(err);
    }
  }
}
