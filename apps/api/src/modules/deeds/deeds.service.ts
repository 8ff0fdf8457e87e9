import { TIME_ZONE } from '@wenming/shared';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { shanghaiDate, type DeedAwardDto, type DeedDto, type Paginated } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { AppError, isUniqueViolation } from '../../common/errors/app-error';
import { tableFile, type TableFile } from '../../common/files/table-file';
import { loginNameSubquery } from '../../common/sql/names';
import { PointsService } from '../attendance/points.service';
import { AuditService } from '../audit/audit.service';
import { NoticeTexts } from '../notices/notice-texts';
import { NoticesService } from '../notices/notices.service';
import { CreateDeedAwardDto, CreateDeedDto, DeedAwardExportQueryDto, DeedAwardQueryDto, UpdateDeedDto } from './dto/deed.dto';

interface DeedRow {
  id: string;
  name: string;
  description: string | null;
  points: number;
  yearly_cap: number;
  active: boolean;
}
const toDeedDto = (r: DeedRow): DeedDto => ({ id: r.id, name: r.name, description: r.description, points: Number(r.points), yearlyCap: Number(r.yearly_cap), active: r.active });

interface AwardRow {
  id: string;
  deed_id: string;
  deed_name: string;
  volunteer_id: string;
  volunteer_name: string;
  site_id: string;
  site_name: string;
  points: number;
  note: string | null;
  awarded_by: string;
  awarded_by_name: string | null;
  at: Date;
}
const AWARD_COLS = `w.id, w.deed_id, d.name AS deed_name, w.volunteer_id, v.name AS volunteer_name, w.site_id, s.name AS site_name, w.points, w.note,
  w.awarded_by, ${loginNameSubquery('w.awarded_by')} AS awarded_by_name, w.at`;
const AWARD_FROM = `deed_awards w JOIN deeds d ON d.id = w.deed_id JOIN volunteers v ON v.id = w.volunteer_id JOIN sites s ON s.id = w.site_id`;
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
    private readonly scope: ScopeService,
    private readonly points: PointsService,
    private readonly audit: AuditService,
    private readonly notices: NoticesService,
  ) {}

  async list(q: { active?: boolean }): Promise<DeedDto[]> {
    const rows: DeedRow[] = await this.db.query(
      `SELECT id, name, description, points, yearly_cap, active FROM deeds ${q.active === undefined ? '' : 'WHERE active = $1'} ORDER BY active DESC, name, id`,
      q.active === undefined ? [] : [q.active],
    );
    return rows.map(toDeedDto);
  }

  private async deed(em: EntityManager, id: string, lock = false): Promise<DeedRow> {
    const rows: DeedRow[] = await em.query(`SELECT id, name, description, points, yearly_cap, active FROM deeds WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    if (!rows.length) throw AppError.notFound('村规民约事项');
    return rows[0];
  }

  async create(user: AuthUser, dto: CreateDeedDto): Promise<DeedDto> {
    if (dto.points > dto.yearlyCap) throw AppError.validation([{ field: 'yearlyCap', message: '年度上限不能小于每次奖励积分' }]);
    try {
      return await this.db.transaction(async (em) => {
        const [{ id }] = await em.query(
          `INSERT INTO deeds (name, description, points, yearly_cap, active) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
          [dto.name, dto.description ?? null, dto.points, dto.yearlyCap, dto.active ?? true],
        );
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
      return await this.db.transaction(async (em) => {
        const before = toDeedDto(await this.deed(em, id, true));
        const next = { ...before, ...Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) } as DeedDto;
        if (next.points > next.yearlyCap) throw AppError.validation([{ field: 'yearlyCap', message: '年度上限不能小于每次奖励积分' }]);
        await em.query(`UPDATE deeds SET name = $2, description = $3, points = $4, yearly_cap = $5, active = $6 WHERE id = $1`, [
          id,
          next.name,
          next.description,
          next.points,
          next.yearlyCap,
          next.active,
        ]);
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
    return this.db.transaction(async (em) => {
      const d = await this.deed(em, dto.deedId);
      if (!d.active) throw AppError.conflict('DEED_INACTIVE', `「${d.name}」已停用，不能再奖励`);
      const v: Array<{ id: string; name: string; site_id: string }> = await em.query(`SELECT id, name, site_id FROM volunteers WHERE id = $1 FOR UPDATE`, [dto.volunteerId]);
      if (!v.length) throw AppError.notFound('志愿者');
      if (!(await this.scope.isSiteInScope(user, v[0].site_id, em))) throw AppError.outOfScope('该群众/志愿者不在您的管理范围内');
      const year = Number(shanghaiDate(now).slice(0, 4));
      const [{ s }] = await em.query(`SELECT coalesce(sum(points), 0)::int AS s FROM deed_awards WHERE volunteer_id = $1 AND deed_id = $2 AND year = $3`, [
        v[0].id,
        d.id,
        year,
      ]);
      const points = Number(d.points);
      if (Number(s) + points > Number(d.yearly_cap)) {
        throw AppError.conflict(
          'DEED_CAP_EXCEEDED',
          `${v[0].name} ${year} 年已因「${d.name}」获得 ${s} 积分，本年上限 ${d.yearly_cap} 分，再奖励 ${points} 分将超出上限`,
        );
      }
      const note = dto.note?.trim() || null;
      const [{ id }] = await em.query(
        `INSERT INTO deed_awards (deed_id, volunteer_id, site_id, points, year, note, awarded_by, at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
        [d.id, v[0].id, v[0].site_id, points, year, note, user.id, now],
      );
      await this.points.append(em, { volunteerId: v[0].id, delta: points, reason: `村规民约：${d.name}`, kind: 'deed', deedAwardId: id, createdBy: user.id });
      const [row]: AwardRow[] = await em.query(`SELECT ${AWARD_COLS} FROM ${AWARD_FROM} WHERE w.id = $1`, [id]);
      const out = toAwardDto(row);
      await this.audit.record(em, { actorUserId: user.id, action: 'deed.award', entity: 'deed_award', entityId: id, after: out });
      await this.notices.toVolunteers(em, [v[0].id], NoticeTexts.deedAwarded({ deedName: d.name, points, note }));
      return out;
    });
  }

  private async awardFilter(user: AuthUser, q: DeedAwardQueryDto) {
    const where: string[] = [];
    const params: unknown[] = [];
    let sites = await this.scope.adminSiteIds(user);
    if (q.siteId) {
      if (!(await this.scope.isSiteInScope(user, q.siteId))) throw AppError.outOfScope('该阵地不在您的管理范围内');
      sites = await this.scope.subtree(q.siteId);
    }
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('$?', `$${params.length}`));
    };
    if (sites) add(`w.site_id = ANY($?::uuid[])`, sites);
    if (q.volunteerId) add(`w.volunteer_id = $?`, q.volunteerId);
    if (q.deedId) add(`w.deed_id = $?`, q.deedId);
    if (q.from) add(`(w.at AT TIME ZONE '${TIME_ZONE}')::date >= $?::date`, q.from);
    if (q.to) add(`(w.at AT TIME ZONE '${TIME_ZONE}')::date <= $?::date`, q.to);
    return { w: where.length ? where.join(' AND ') : 'true', params };
  }

  async awards(user: AuthUser, q: DeedAwardQueryDto): Promise<Paginated<DeedAwardDto>> {
    const { w, params } = await this.awardFilter(user, q);
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM deed_awards w WHERE ${w}`, params);
    const rows: AwardRow[] = await this.db.query(
      `SELECT ${AWARD_COLS} FROM ${AWARD_FROM} WHERE ${w} ORDER BY w.at DESC, w.id LIMIT ${Number(q.pageSize)} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    );
    return { items: rows.map(toAwardDto), total: Number(n), page: q.page, pageSize: q.pageSize };
  }

  async exportFile(user: AuthUser, q: DeedAwardExportQueryDto): Promise<TableFile> {
    const { w, params } = await this.awardFilter(user, q);
    const rows: AwardRow[] = await this.db.query(`SELECT ${AWARD_COLS} FROM ${AWARD_FROM} WHERE ${w} ORDER BY w.at DESC, w.id LIMIT 100000`, params);
    const site = q.siteId ? ((await this.db.query(`SELECT name FROM sites WHERE id = $1`, [q.siteId]))[0]?.name ?? '') : '';
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
