import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { REDEMPTION_STATUS_LABELS, shanghaiDate, shanghaiInstant, addDays, type RedemptionDto } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { AppError } from '../../common/errors/app-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { inTransaction } from '../../database/sql';
import { AuditService } from '../audit/audit.service';
import { NoticeTexts } from '../notices/notice-texts';
import { NoticesService } from '../notices/notices.service';
import { CancelRedemptionDto } from './dto/points-shop.dto';
import { GoodsRepository } from './goods.repository';
import { PointsLedgerService } from './points-ledger.service';
import { toRedemptionDto } from './redemptions.mapper';
import { RedemptionsRepository, type LockedRedemptionRow } from './redemptions.repository';

export { toRedemptionDto } from './redemptions.mapper';

/**
 * 积分兑换 workflow: requested (points held + one item reserved, one transaction) → fulfilled by station staff, or
 * cancelled / expired (points and the item returned). Race-proof: the stock is taken by a conditional UPDATE
 * (stock > 0), the points by the ledger under the volunteer's row lock with CHECK balance_after >= 0.
 * Lists and the export are RedemptionRecordsService.
 */
@Injectable()
export class RedemptionsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: RedemptionsRepository,
    private readonly goods: GoodsRepository,
    private readonly scope: ScopeService,
    private readonly points: PointsLedgerService,
    private readonly audit: AuditService,
    private readonly notices: NoticesService,
  ) {}

  async load(em: EntityManager, id: string): Promise<RedemptionDto> {
    const row = await this.repo.findById(em, id);
    if (!row) throw AppError.notFound('兑换记录');
    return toRedemptionDto(row);
  }

  async request(user: AuthUser, goodsId: string): Promise<RedemptionDto> {
    const volunteerId = user.volunteerId;
    if (!volunteerId) throw AppError.forbidden('只有志愿者账号可以兑换商品', 'NOT_A_VOLUNTEER');
    return inTransaction(this.db, async (em) => {
      const g = await this.goods.findForRedemption(em, goodsId);
      if (!g) throw AppError.notFound('商品');
      if (!g.active) throw AppError.conflict('GOODS_INACTIVE', `「${g.name}」已下架，不能兑换`);
      if (!(await this.goods.takeOne(em, goodsId))) throw AppError.conflict('OUT_OF_STOCK', `「${g.name}」已兑完，请选择其他商品或等待补货`);
      const siteId = g.site_id ?? (await this.repo.homeSiteOf(em, volunteerId)); // county-wide goods are picked up at the volunteer's home station
      const expiresAt = shanghaiInstant(addDays(shanghaiDate(new Date()), this.config.redemptionExpiryDays), '23:59');
      const id = await this.repo.insert(em, { goodsId, volunteerId, siteId, goodsName: g.name, points: g.points_price, expiresAt });
      await this.points.append(em, { volunteerId, delta: -Number(g.points_price), reason: `兑换冻结：${g.name}`, kind: 'held', redemptionId: id, createdBy: user.id });
      const out = await this.load(em, id);
      await this.audit.record(em, { actorUserId: user.id, action: 'redemption.request', entity: 'redemption', entityId: id, after: out });
      await this.notices.toVolunteers(em, [volunteerId], NoticeTexts.redemptionReady({ goodsName: g.name, points: out.points, siteName: out.siteName, expiresAt }));
      return out;
    });
  }

  /** Station staff hand the goods over. Fulfilling twice changes nothing. */
  async fulfil(user: AuthUser, id: string): Promise<RedemptionDto> {
    return inTransaction(this.db, async (em) => {
      const r = await this.lock(em, id);
      await this.assertStaff(user, r.site_id, em);
      if (r.status === 'fulfilled') return this.load(em, id);
      if (r.status !== 'requested') throw AppError.conflict('REDEMPTION_STATE_CONFLICT', `该兑换${REDEMPTION_STATUS_LABELS[r.status]}，不能再领取`);
      await this.repo.markFulfilled(em, id, user.id);
      const out = await this.load(em, id);
      await this.audit.record(em, {
        actorUserId: user.id,
        action: 'redemption.fulfil',
        entity: 'redemption',
        entityId: id,
        before: { status: r.status },
        after: { status: out.status },
      });
      await this.notices.toVolunteers(em, [r.volunteer_id], NoticeTexts.redemptionFulfilled({ goodsName: out.goodsName, points: out.points }));
      return out;
    });
  }

  /** Staff in scope, or the volunteer while it is still `requested`: points and the item go back. */
  async cancel(user: AuthUser, id: string, dto: CancelRedemptionDto): Promise<RedemptionDto> {
    return inTransaction(this.db, async (em) => {
      const r = await this.lock(em, id);
      const self = r.volunteer_id === user.volunteerId;
      if (!self) await this.assertStaff(user, r.site_id, em);
      if (r.status === 'cancelled') return this.load(em, id);
      if (r.status !== 'requested') throw AppError.conflict('REDEMPTION_STATE_CONFLICT', `该兑换${REDEMPTION_STATUS_LABELS[r.status]}，不能取消`);
      const reason = dto.reason?.trim() || null;
      await this.close(em, r, 'cancelled', user.id, reason);
      const out = await this.load(em, id);
      await this.audit.record(em, {
        actorUserId: user.id,
        action: 'redemption.cancel',
        entity: 'redemption',
        entityId: id,
        before: { status: r.status },
        after: { status: out.status, reason },
      });
      if (!self) await this.notices.toVolunteers(em, [r.volunteer_id], NoticeTexts.redemptionCancelled({ goodsName: out.goodsName, points: out.points, reason }));
      return out;
    });
  }

  /** The expiry job: every `requested` redemption past its expiry, each in the caller's transaction. */
  async expireDue(em: EntityManager, now = new Date()): Promise<number> {
    let n = 0;
    for (const id of await this.repo.dueIds(em, now)) {
      const r = await this.lock(em, id);
      if (r.status !== 'requested') continue;
      await this.close(em, r, 'expired', null, null);
      await this.notices.toVolunteers(em, [r.volunteer_id], NoticeTexts.redemptionExpired({ goodsName: r.goods_name, points: Number(r.points) }));
      n++;
    }
    return n;
  }

  private async close(em: EntityManager, r: LockedRedemptionRow, status: 'cancelled' | 'expired', by: string | null, reason: string | null) {
    await this.repo.markClosed(em, r.id, status, by, reason);
    await this.goods.returnOne(em, r.goods_id);
    await this.points.append(em, {
      volunteerId: r.volunteer_id,
      delta: Number(r.points),
      reason: `${status === 'expired' ? '兑换过期退回' : '兑换取消退回'}：${r.goods_name}`,
      kind: 'returned',
      redemptionId: r.id,
      createdBy: by,
    });
  }

  private async lock(em: EntityManager, id: string): Promise<LockedRedemptionRow> {
    const row = await this.repo.lock(em, id);
    if (!row) throw AppError.notFound('兑换记录');
    return row;
  }

  private async assertStaff(user: AuthUser, siteId: string, em: EntityManager) {
    if (!this.scope.isAdmin(user)) throw AppError.forbidden('只有阵地管理员可以办理兑换');
    if (!(await this.scope.isSiteInScope(user, siteId, em))) throw AppError.outOfScope('该兑换的领取阵地不在您的管理范围内');
  }
}
