import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { shanghaiDate, type DeedAwardDto, type DeedDto, type Paginated } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { AppError, isUniqueViolation } from '../../common/errors/app-error';
import { tableFile, type TableFile } from '../../common/files/table-file';
import { inTransaction } from '../../database/sql';
import { AuditService } from '../audit/audit.service';
import { NoticeTexts } from '../notices/notice-texts';
import { NoticesService } from '../notices/notices.service';
import { PointsLedgerService } from '../points-shop/points-ledger.service';
import { CreateDeedAwardDto, CreateDeedDto, DeedAwardExportQueryDto, DeedAwardQueryDto, UpdateDeedDto } from './dto/deed.dto';
import { DeedsRepository, type AwardFilter, type AwardRow, type DeedRow } from './deeds.repository';

const toDeedDto = (r: DeedRow): DeedDto => ({
  id: r.id,
  name: r.name,
  description: r.description,
  points: Number(r.points),
  yearlyCap: Number(r.yearly_cap),
  active: r.active,
});

const toAwardDto = (r: AwardRow): DeedAwardDto => ({
  id: r.id,
  deedId: r.deed_id,
  deedName: r.deed_name,
  volunteerId: r.volunteer_id,
  volunteerName: r.volunteer_name,
  siteId: r.site_id,
  siteName: r.site_name,
  points: Number(r.points),
  note: r.note,
  awardedBy: r.awarded_by,
  awardedByName: r.awarded_by_name,
  at: new Date(r.at).toISOString(),
});

/** 村规民约积分: the county's deed list, and awards by site admins to people in their scope (capped per person and year). */
@Injectable()
export class DeedsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly repo: DeedsRepository,
    private readonly scope: ScopeService,
    private readonly points: PointsLedgerService,
    private readonly audit: AuditService,
    private readonly notices: NoticesService,
  ) {}

  async list(q: { active?: boolean }): Promise<DeedDto[]> {
    return (await this.repo.listDeeds(q.active)).map(toDeedDto);
  }

  private async deed(em: EntityManager, id: string, lock = false): Promise<DeedRow> {
    const row = await this.repo.findDeed(em, id, lock);
    if (!row) throw AppError.notFound('村规民约事项');
    return row;
  }

  async create(user: AuthUser, dto: CreateDeedDto): Promise<DeedDto> {
    if (dto.points > dto.yearlyCap) throw AppError.validation([{ field: 'yearlyCap', message: '年度上限不能小于每次奖励积分' }]);
    try {
      return await inTransaction(this.db, async (em) => {
        const id = await this.repo.insertDeed(em, {
          name: dto.name,
          description: dto.description ?? null,
          points: dto.points,
          yearlyCap: dto.yearlyCap,
          active: dto.active ?? true,
        });
        const out = toDeedDto(await this.deed(em, id));
        await this.audit.record(em, { actorUserId: user.id, action: 'deed.create', entity: 'deed', entityId: id, after: out });
        return out;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw AppError.conflict('CONFLICT', `已有名为「${dto.name}」的事项`);
      throw err;
    }
  }

  async update(user: AuthUser, id: string, dto: UpdateDeedDto): Promise<DeedDto> {
    try {
      return await inTransaction(this.db, async (em) => {
        const before = toDeedDto(await this.deed(em, id, true));
        const next = { ...before, ...Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) } as DeedDto;
        if (next.points > next.yearlyCap) throw AppError.validation([{ field: 'yearlyCap', message: '年度上限不能小于每次奖励积分' }]);
        await this.repo.updateDeed(em, id, next);
        const after = toDeedDto(await this.deed(em, id));
        await this.audit.record(em, { actorUserId: user.id, action: 'deed.update', entity: 'deed', entityId: id, before, after });
        return after;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw AppError.conflict('CONFLICT', `已有名为「${dto.name}」的事项`);
      throw err;
    }
  }

  /**
   * Award a deed's points to a person whose home site is in the caller's scope. Under the volunteer's row lock the
   * person's awards of this deed in this (Asia/Shanghai) year are summed; going above the cap is 409.
   */
  async award(user: AuthUser, dto: CreateDeedAwardDto, now = new Date()): Promise<DeedAwardDto> {
    return inTransaction(this.db, async (em) => {
      const d = await this.deed(em, dto.deedId);
      if (!d.active) throw AppError.conflict('DEED_INACTIVE', `「${d.name}」已停用，不能再奖励`);
      const v = await this.repo.lockAwardee(em, dto.volunteerId);
      if (!v) throw AppError.notFound('志愿者');
      if (!(await this.scope.isSiteInScope(user, v.site_id, em))) throw AppError.outOfScope('该群众/志愿者不在您的管理范围内');
      const year = Number(shanghaiDate(now).slice(0, 4));
      const s = await this.repo.pointsAwardedInYear(em, v.id, d.id, year);
      const points = Number(d.points);
      if (s + points > Number(d.yearly_cap)) {
        throw AppError.conflict('DEED_CAP_EXCEEDED', `${v.name} ${year} 年已因「${d.name}」获得 ${s} 积分，本年上限 ${d.yearly_cap} 分，再奖励 ${points} 分将超出上限`);
      }
      const note = dto.note?.trim() || null;
      const id = await this.repo.insertAward(em, { deedId: d.id, volunteerId: v.id, siteId: v.site_id, points, year, note, awardedBy: user.id, at: now });
      await this.points.append(em, { volunteerId: v.id, delta: points, reason: `村规民约：${d.name}`, kind: 'deed', deedAwardId: id, createdBy: user.id });
      const out = toAwardDto(await this.repo.findAward(em, id));
      await this.audit.record(em, { actorUserId: user.id, action: 'deed.award', entity: 'deed_award', entityId: id, after: out });
      await this.notices.toVolunteers(em, [v.id], NoticeTexts.deedAwarded({ deedName: d.name, points, note }));
      return out;
    });
  }

  /** Awards at sites in the caller's scope; a siteId narrows to that site and below. */
  private async awardFilter(user: AuthUser, q: DeedAwardQueryDto): Promise<AwardFilter> {
    let sites = await this.scope.adminSiteIds(user);
    if (q.siteId) {
      if (!(await this.scope.isSiteInScope(user, q.siteId))) throw AppError.outOfScope('该阵地不在您的管理范围内');
      sites = await this.scope.subtree(q.siteId);
    }
    return { siteIds: sites, volunteerId: q.volunteerId, deedId: q.deedId, from: q.from, to: q.to };
  }

  async awards(user: AuthUser, q: DeedAwardQueryDto): Promise<Paginated<DeedAwardDto>> {
    const { total, rows } = await this.repo.awardPage(await this.awardFilter(user, q), q.page, q.pageSize);
    return { items: rows.map(toAwardDto), total, page: q.page, pageSize: q.pageSize };
  }

  async exportFile(user: AuthUser, q: DeedAwardExportQueryDto): Promise<TableFile> {
    const rows = await this.repo.exportAwards(await this.awardFilter(user, q));
    const site = q.siteId ? await this.repo.siteName(q.siteId) : '';
    return tableFile(q.format, {
      title: '村规民约积分奖励记录',
      filter: `筛选条件：${[site && `阵地：${site}（含下级）`, (q.from || q.to) && `日期：${q.from ?? '最早'} 至 ${q.to ?? '最近'}`].filter(Boolean).join('；') || '全部'}`,
      header: ['日期', '姓名', '所属阵地', '事项', '积分', '备注', '经办人'],
      rows: rows.map((r) => [shanghaiDate(r.at), r.volunteer_name, r.site_name, r.deed_name, Number(r.points), r.note ?? '', r.awarded_by_name ?? '']),
      fileName: `村规民约积分${q.from || q.to ? `_${q.from ?? ''}至${q.to ?? ''}` : ''}`,
      asciiName: `wenming-deed-awards${q.from ? `-${q.from}` : ''}${q.to ? `-${q.to}` : ''}`,
    });
  }
}
