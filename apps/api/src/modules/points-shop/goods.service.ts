import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { GoodsDto, Paginated } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { AppError } from '../../common/errors/app-error';
import { inTransaction } from '../../database/sql';
import { AuditService } from '../audit/audit.service';
import { CreateGoodsDto, GoodsQueryDto, UpdateGoodsDto } from './dto/points-shop.dto';
import { GoodsRepository, type GoodsRow } from './goods.repository';

export const toGoodsDto = (r: GoodsRow): GoodsDto => ({
  id: r.id,
  siteId: r.site_id,
  siteName: r.site_name,
  name: r.name,
  imageUrl: r.image_url,
  pointsPrice: Number(r.points_price),
  stock: Number(r.stock),
  active: r.active,
  createdAt: new Date(r.created_at).toISOString(),
});

/** 积分超市 catalogue: county-wide goods (county admin) and goods of a site (admins whose subtree holds it). */
@Injectable()
export class GoodsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly repo: GoodsRepository,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, q: GoodsQueryDto): Promise<Paginated<GoodsDto>> {
    const active = this.scope.isAdmin(user) ? q.active : true; // volunteers see what they can redeem
    const { total, rows } = await this.repo.page({ siteId: q.siteId, active, q: q.q }, q.page, q.pageSize);
    return { items: rows.map(toGoodsDto), total, page: q.page, pageSize: q.pageSize };
  }

  async get(id: string, em: EntityManager = this.db.manager): Promise<GoodsDto> {
    const row = await this.repo.findById(em, id);
    if (!row) throw AppError.notFound('商品');
    return toGoodsDto(row);
  }

  async create(user: AuthUser, dto: CreateGoodsDto): Promise<GoodsDto> {
    const siteId = dto.siteId ?? null;
    await this.assertCanManage(user, siteId);
    return inTransaction(this.db, async (em) => {
      const id = await this.repo.insert(em, {
        siteId,
        name: dto.name,
        imageUrl: dto.imageUrl ?? null,
        pointsPrice: dto.pointsPrice,
        stock: dto.stock,
        active: dto.active ?? true,
        createdBy: user.id,
      });
      const out = await this.get(id, em);
      await this.audit.record(em, { actorUserId: user.id, action: 'goods.create', entity: 'goods', entityId: id, after: out });
      return out;
    });
  }

  async update(user: AuthUser, id: string, dto: UpdateGoodsDto): Promise<GoodsDto> {
    return inTransaction(this.db, async (em) => {
      if (!(await this.repo.lock(em, id))) throw AppError.notFound('商品');
      const before = await this.get(id, em);
      await this.assertCanManage(user, before.siteId, em);
      if (dto.siteId !== undefined && dto.siteId !== before.siteId) await this.assertCanManage(user, dto.siteId, em);
      await this.repo.update(em, id, dto);
      const after = await this.get(id, em);
      await this.audit.record(em, { actorUserId: user.id, action: 'goods.update', entity: 'goods', entityId: id, before, after });
      return after;
    });
  }

  /** Goods never redeemed are deleted; goods with redemptions are taken off the shelf (their history stays). */
  async remove(user: AuthUser, id: string): Promise<{ id: string; deleted: boolean; active: boolean }> {
    return inTransaction(this.db, async (em) => {
      if (!(await this.repo.lock(em, id))) throw AppError.notFound('商品');
      const before = await this.get(id, em);
      await this.assertCanManage(user, before.siteId, em);
      if (await this.repo.wasRedeemed(em, id)) {
        await this.repo.takeOffShelf(em, id);
        await this.audit.record(em, { actorUserId: user.id, action: 'goods.update', entity: 'goods', entityId: id, before, after: { ...before, active: false } });
        return { id, deleted: false, active: false };
      }
      await this.repo.delete(em, id);
      await this.audit.record(em, { actorUserId: user.id, action: 'goods.delete', entity: 'goods', entityId: id, before });
      return { id, deleted: true, active: false };
    });
  }

  private async assertCanManage(user: AuthUser, siteId: string | null, em: EntityManager = this.db.manager): Promise<void> {
    if (siteId === null) {
      if (user.role !== 'county_admin') throw AppError.outOfScope('全县通用商品只能由县文明办管理；请选择您管理的阵地');
      return;
    }
    if (!(await this.repo.siteExists(em, siteId))) throw AppError.validation([{ field: 'siteId', message: '所选阵地不存在' }]);
    if (!(await this.scope.isSiteInScope(user, siteId, em))) throw AppError.outOfScope('该阵地不在您的管理范围内');
  }
}
