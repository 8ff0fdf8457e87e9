import { TIME_ZONE } from '@wenming/shared';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { maskPhone, REDEMPTION_STATUS_LABELS, shanghaiDate, shanghaiInstant, addDays, type Paginated, type RedemptionDto, type RedemptionStatus } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { AppError } from '../../common/errors/app-error';
import { tableFile, type TableFile } from '../../common/files/table-file';
import { loginNameSubquery } from '../../common/sql/names';
import { returnedRows } from '../../common/sql/returned';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { PointsService } from '../attendance/points.service';
import { AuditService } from '../audit/audit.service';
import { inTransaction } from '../activities/activity-tx';
import { NoticeTexts } from '../notices/notice-texts';
import { NoticesService } from '../notices/notices.service';
import { CancelRedemptionDto, RedemptionExportQueryDto, RedemptionQueryDto } from './dto/points-shop.dto';

interface RedemptionRow {
  id: string;
  goods_id: string;
  goods_name: string;
  volunteer_id: string;
  volunteer_name: string;
  volunteer_phone: string | null;
  site_id: string;
  site_name: string;
  points: number;
  status: RedemptionStatus;
  requested_at: Date;
  expires_at: Date;
  fulfilled_by: string | null;
  fulfilled_by_name: string | null;
  fulfilled_at: Date | null;
  closed_at: Date | null;
  cancel_reason: string | null;
}
const COLS = `r.id, r.goods_id, r.goods_name, r.volunteer_id, v.name AS volunteer_name, v.phone AS volunteer_phone, r.site_id,
  s.name AS site_name, r.points, r.status, r.requested_at, r.expires_at, r.fulfilled_by, ${loginNameSubquery('r.fulfilled_by')} AS fulfilled_by_name,
  r.fulfilled_at, r.closed_at, r.cancel_reason`;
const FROM = `redemptions r JOIN volunteers v ON v.id = r.volunteer_id JOIN sites s ON s.id = r.site_id`;
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export const toRedemptionDto = (r: RedemptionRow): RedemptionDto => ({
  id: r.id,
  goodsId: r.goods_id,
  goodsName: r.goods_name,
  volunteerId: r.volunteer_id,
  volunteerName: r.volunteer_name,
  volunteerPhone: maskPhone(r.volunteer_phone),
  siteId: r.site_id,
  siteName: r.site_name,
  points: Number(r.points),
  status: r.status,
  requestedAt: iso(r.requested_at)!,
  expiresAt: iso(r.expires_at)!,
  fulfilledBy: r.fulfilled_by,
  fulfilledByName: r.fulfilled_by_name,
  fulfilledAt: iso(r.fulfilled_at),
  closedAt: iso(r.closed_at),
  cancelReason: r.cancel_reason,
});

/**
 * 积分兑换: requested (points held + one item reserved, one transaction) → fulfilled by station staff, or
 * cancelled / expired (points and the item returned). Race-proof: the stock is taken by a conditional UPDATE
 * (stock > 0), the points by the ledger under the volunteer's row lock with CHECK balance_after >= 0.
 */
@Injectable()
export class RedemptionsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scope: ScopeService,
    private readonly points: PointsService,
    private readonly audit: AuditService,
    private readonly notices: NoticesService,
  ) {}

  async load(em: EntityManager, id: string): Promise<RedemptionDto> {
    const rows: RedemptionRow[] = await em.query(`SELECT ${COLS} FROM ${FROM} WHERE r.id = $1`, [id]);
    if (!rows.length) throw AppError.notFound('兑换记录');
    return toRedemptionDto(rows[0]);
  }

  async request(user: AuthUser, goodsId: string): Promise<RedemptionDto> {
    const volunteerId = user.volunteerId;
    if (!volunteerId) throw AppError.forbidden('只有志愿者账号可以兑换商品', 'NOT_A_VOLUNTEER');
    return inTransaction(this.db, async (em) => {
      const goods: Array<{ id: string; site_id: string | null; name: string; points_price: number; active: boolean }> = await em.query(
        `SELECT id, site_id, name, points_price, active FROM goods WHERE id = $1`,
        [goodsId],
      );
      if (!goods.length) throw AppError.notFound('商品');
      const g = goods[0];
      if (!g.active) throw AppError.conflict('GOODS_INACTIVE', `「${g.name}」已下架，不能兑换`);
      // reserve one item: only while stock lasts (the row lock serializes racers; none goes below zero)
      const took = returnedRows(await em.query(`UPDATE goods SET stock = stock - 1, updated_at = now() WHERE id = $1 AND stock > 0 AND active RETURNING stock`, [goodsId]));
      if (!took.length) throw AppError.conflict('OUT_OF_STOCK', `「${g.name}」已兑完，请选择其他商品或等待补货`);
      const [v]: Array<{ site_id: string }> = await em.query(`SELECT site_id FROM volunteers WHERE id = $1`, [volunteerId]);
      const siteId = g.site_id ?? v.site_id; // county-wide goods are picked up at the volunteer's home station
      const expiresAt = shanghaiInstant(addDays(shanghaiDate(new Date()), this.config.redemptionExpiryDays), '23:59');
      const [{ id }] = await em.query(
        `INSERT INTO redemptions (goods_id, volunteer_id, site_id, goods_name, points, expires_at) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
        [goodsId, volunteerId, siteId, g.name, g.points_price, expiresAt],
      );
      await this.points.append(em, { volunteerId, delta: -Number(g.points_price), reason: `兑换冻结：${g.name}`, kind: 'held', redemptionId: id, createdBy: user.id });
      const out = await this.load(em, id);
      await this.audit.record(em, { actorUserId: user.id, action: 'redemption.request', entity: 'redemption', entityId: id, after: out });
      await this.notices.toVolunteers(em, [volunteerId], NoticeTexts.redemptionReady({ goodsName: g.name, points: out.points, siteName: out.siteName, expiresAt }));
      return out;
    });
  }

  /** Station staff hand the goods over. Fulfilling twice changes nothing. */
  async fulfil(user: AuthUser, id: string): Promise<RedemptionDto> {
    return this.db.transaction(async (em) => {
      const r = await this.lock(em, id);
      await this.assertStaff(user, r.site_id, em);
      if (r.status === 'fulfilled') return this.load(em, id);
      if (r.status !== 'requested') throw AppError.conflict('REDEMPTION_STATE_CONFLICT', `该兑换${REDEMPTION_STATUS_LABELS[r.status]}，不能再领取`);
      await em.query(`UPDATE redemptions SET status = 'fulfilled', fulfilled_by = $2, fulfilled_at = now() WHERE id = $1 AND status = 'requested'`, [id, user.id]);
      const out = await this.load(em, id);
      await this.audit.record(em, { actorUserId: user.id, action: 'redemption.fulfil', entity: 'redemption', entityId: id, before: { status: r.status }, after: { status: out.status } });
      await this.notices.toVolunteers(em, [r.volunteer_id], NoticeTexts.redemptionFulfilled({ goodsName: out.goodsName, points: out.points }));
      return out;
    });
  }

  /** Staff in scope, or the volunteer while it is still `requested`: points and the item go back. */
  async cancel(user: AuthUser, id: string, dto: CancelRedemptionDto): Promise<RedemptionDto> {
    return this.db.transaction(async (em) => {
      const r = await this.lock(em, id);
      const self = r.volunteer_id === user.volunteerId;
      if (!self) await this.assertStaff(user, r.site_id, em);
      if (r.status === 'cancelled') return this.load(em, id);
      if (r.status !== 'requested') throw AppError.conflict('REDEMPTION_STATE_CONFLICT', `该兑换${REDEMPTION_STATUS_LABELS[r.status]}，不能取消`);
      const reason = dto.reason?.trim() || null;
      await this.close(em, r, 'cancelled', user.id, reason);
      const out = await this.load(em, id);
      await this.audit.record(em, { actorUserId: user.id, action: 'redemption.cancel', entity: 'redemption', entityId: id, before: { status: r.status }, after: { status: out.status, reason } });
      if (!self) await this.notices.toVolunteers(em, [r.volunteer_id], NoticeTexts.redemptionCancelled({ goodsName: out.goodsName, points: out.points, reason }));
      return out;
    });
  }

  /** The expiry job: every `requested` redemption past its expiry, each in the caller's transaction. */
  async expireDue(em: EntityManager, now = new Date()): Promise<number> {
    const due: Array<{ id: string }> = await em.query(
      `SELECT id FROM redemptions WHERE status = 'requested' AND expires_at < $1 ORDER BY expires_at, id`,
      [now],
    );
    let n = 0;
    for (const d of due) {
      const r = await this.lock(em, d.id);
      if (r.status !== 'requested') continue;
      await this.close(em, r, 'expired', null, null);
      await this.notices.toVolunteers(em, [r.volunteer_id], NoticeTexts.redemptionExpired({ goodsName: r.goods_name, points: Number(r.points) }));
      n++;
    }
    return n;
  }

  private async close(em: EntityManager, r: { id: string; goods_id: string; volunteer_id: string; points: number; goods_name: string }, status: 'cancelled' | 'expired', by: string | null, reason: string | null) {
    await em.query(`UPDATE redemptions SET status = $2, closed_by = $3, closed_at = now(), cancel_reason = $4 WHERE id = $1 AND status = 'requested'`, [r.id, status, by, reason]);
    await em.query(`UPDATE goods SET stock = stock + 1, updated_at = now() WHERE id = $1`, [r.goods_id]);
    await this.points.append(em, {
      volunteerId: r.volunteer_id,
      delta: Number(r.points),
      reason: `${status === 'expired' ? '兑换过期退回' : '兑换取消退回'}：${r.goods_name}`,
      kind: 'returned',
      redemptionId: r.id,
      createdBy: by,
    });
  }

  private async lock(em: EntityManager, id: string) {
    const rows: Array<{ id: string; goods_id: string; volunteer_id: string; site_id: string; points: number; status: RedemptionStatus; goods_name: string }> = await em.query(
      `SELECT id, goods_id, volunteer_id, site_id, points, status, goods_name FROM redemptions WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!rows.length) throw AppError.notFound('兑换记录');
    return rows[0];
  }

  private async assertStaff(user: AuthUser, siteId: string, em: EntityManager) {
    if (!this.scope.isAdmin(user)) throw AppError.forbidden('只有阵地管理员可以办理兑换');
    if (!(await this.scope.isSiteInScope(user, siteId, em))) throw AppError.outOfScope('该兑换的领取阵地不在您的管理范围内');
  }

  // ---- lists and export

  async mine(user: AuthUser, q: RedemptionQueryDto): Promise<Paginated<RedemptionDto>> {
    if (!user.volunteerId) throw AppError.forbidden('该账号不是志愿者账号', 'NOT_A_VOLUNTEER');
    return this.page({ ...q, siteId: undefined }, [`r.volunteer_id = $1`], [user.volunteerId]);
  }

  async list(user: AuthUser, q: RedemptionQueryDto): Promise<Paginated<RedemptionDto>> {
    const { where, params } = await this.staffFilter(user, q);
    return this.page(q, where, params);
  }

  async exportFile(user: AuthUser, q: RedemptionExportQueryDto): Promise<TableFile> {
    const { where, params } = await this.staffFilter(user, q);
    const { w, params: p } = this.filters(q, where, params);
    const rows: RedemptionRow[] = await this.db.query(`SELECT ${COLS} FROM ${FROM} WHERE ${w} ORDER BY r.requested_at DESC, r.id LIMIT 100000`, p);
    const site = q.siteId ? ((await this.db.query(`SELECT name FROM sites WHERE id = $1`, [q.siteId]))[0]?.name ?? '') : '';
    return tableFile(q.format, {
      title: '积分超市兑换记录',
      filter: `筛选条件：${[site && `阵地：${site}（含下级）`, q.status && `状态：${REDEMPTION_STATUS_LABELS[q.status]}`, (q.from || q.to) && `申请日期：${q.from ?? '最早'} 至 ${q.to ?? '最近'}`].filter(Boolean).join('；') || '全部'}；手机号已脱敏`,
      header: ['申请时间', '志愿者', '手机号', '商品', '积分', '领取阵地', '状态', '领取时间', '经办人', '过期/取消时间', '取消原因'],
      rows: rows.map((r) => {
        const d = toRedemptionDto(r);
        const t = (x: string | null) => (x ? `${shanghaiDate(x)} ${new Date(new Date(x).getTime() + 8 * 3600_000).toISOString().slice(11, 16)}` : '');
        return [t(d.requestedAt), d.volunteerName, d.volunteerPhone ?? '', d.goodsName, d.points, d.siteName, REDEMPTION_STATUS_LABELS[d.status], t(d.fulfilledAt), d.fulfilledByName ?? '', t(d.closedAt), d.cancelReason ?? ''];
      }),
      fileName: `积分兑换记录${q.from || q.to ? `_${q.from ?? ''}至${q.to ?? ''}` : ''}`,
      asciiName: `wenming-redemptions${q.from ? `-${q.from}` : ''}${q.to ? `-${q.to}` : ''}`,
    });
  }

  /** Staff: the redemptions picked up at sites in their scope; a siteId narrows to that site and below. */
  private async staffFilter(user: AuthUser, q: RedemptionQueryDto): Promise<{ where: string[]; params: unknown[] }> {
    if (!this.scope.isAdmin(user)) throw AppError.forbidden('只有管理员可以查看兑换记录');
    const where: string[] = [];
    const params: unknown[] = [];
    let sites = await this.scope.adminSiteIds(user);
    if (q.siteId) {
      if (!(await this.scope.isSiteInScope(user, q.siteId))) throw AppError.outOfScope('该阵地不在您的管理范围内');
      sites = await this.scope.subtree(q.siteId);
    }
    if (sites) {
      params.push(sites);
      where.push(`r.site_id = ANY($${params.length}::uuid[])`);
    }
    return { where, params };
  }

  private filters(q: RedemptionQueryDto, where: string[], params: unknown[]) {
    const w = [...where];
    const p = [...params];
    if (q.status) {
      p.push(q.status);
      w.push(`r.status = $${p.length}`);
    }
    if (q.from) {
      p.push(q.from);
      w.push(`(r.requested_at AT TIME ZONE '${TIME_ZONE}')::date >= $${p.length}::date`);
    }
    if (q.to) {
      p.push(q.to);
      w.push(`(r.requested_at AT TIME ZONE '${TIME_ZONE}')::date <= $${p.length}::date`);
    }
    if (q.q) {
      p.push(`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      w.push(`(v.name ILIKE $${p.length} OR v.phone LIKE $${p.length})`);
    }
    return { w: w.length ? w.join(' AND ') : 'true', params: p };
  }

  private async page(q: RedemptionQueryDto, where: string[], params: unknown[]): Promise<Paginated<RedemptionDto>> {
    const { w, params: p } = this.filters(q, where, params);
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM ${FROM} WHERE ${w}`, p);
    // the pickup list: requested first (oldest first, so nothing waits too long), then the rest newest first
    const rows: RedemptionRow[] = await this.db.query(
      `SELECT ${COLS} FROM ${FROM} WHERE ${w}
        ORDER BY (r.status = 'requested') DESC, CASE WHEN r.status = 'requested' THEN r.requested_at END ASC, r.requested_at DESC, r.id
        LIMIT ${Number(q.pageSize)} OFFSET ${(q.page - 1) * q.pageSize}`,
      p,
    );
    return { items: rows.map(toRedemptionDto), total: Number(n), page: q.page, pageSize: q.pageSize };
  }
}
