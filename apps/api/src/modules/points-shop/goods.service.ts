import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { GoodsDto, Paginated } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { AppError } from '../../common/errors/app-error';
import { returnedRows } from '../../common/sql/returned';
import { AuditService } from '../audit/audit.service';
import { CreateGoodsDto, GoodsQueryDto, UpdateGoodsDto } from './dto/points-shop.dto';

interface GoodsRow {
  id: string;
  site_id: string | null;
  site_name: string | null;
  name: string;
  image_url: string | null;
  points_price: number;
  stock: number;
  active: boolean;
  created_at: Date;
}
export const GOODS_COLS = `g.id, g.site_id, gs.name AS site_name, g.name, g.image_url, g.points_price, g.stock, g.active, g.created_at`;
export const GOODS_FROM = `goods g LEFT JOIN sites gs ON gs.id = g.site_id`;

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
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, q: GoodsQueryDto): Promise<Paginated<GoodsDto>> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (q.siteId) {
      params.push(q.siteId);
      where.push(`(g.site_id = $${params.length} OR g.site_id IS NULL)`);
    }
    const active = this.scope.isAdmin(user) ? q.active : true; // volunteers see what they can redeem
    if (active !== undefined) {
      params.push(active);
      where.push(`g.active = $${params.length}`);
    }
    if (q.q) {
      params.push(`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`g.name ILIKE $${params.length}`);
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM goods g ${w}`, params);
    const rows: GoodsRow[] = await this.db.query(
      `SELECT ${GOODS_COLS} FROM ${GOODS_FROM} ${w}
        ORDER BY g.site_id IS NULL DESC, g.points_price, g.name, g.id
        LIMIT ${Number(q.pageSize)} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    );
    return { items: rows.map(toGoodsDto), total: Number(n), page: q.page, pageSize: q.pageSize };
  }

  async get(id: string, em: EntityManager = this.db.manager): Promise<GoodsDto> {
    const rows: GoodsRow[] = await em.query(`SELECT ${GOODS_COLS} FROM ${GOODS_FROM} WHERE g.id = $1`, [id]);
    if (!rows.length) throw AppError.notFound('商品');
    return toGoodsDto(rows[0]);
  }

  async create(user: AuthUser, dto: CreateGoodsDto): Promise<GoodsDto> {
    const siteId = dto.siteId ?? null;
    await this.assertCanManage(user, siteId);
    return this.db.transaction(async (em) => {
      const [{ id }] = await em.query(
        `INSERT INTO goods (site_id, name, image_url, points_price, stock, active, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
        [siteId, dto.name, dto.imageUrl ?? null, dto.pointsPrice, dto.stock, dto.active ?? true, user.id],
      );
      const out = await this.get(id, em);
      await this.audit.record(em, { actorUserId: user.id, action: 'goods.create', entity: 'goods', entityId: id, after: out });
      return out;
    });
  }

  async update(user: AuthUser, id: string, dto: UpdateGoodsDto): Promise<GoodsDto> {
    return this.db.transaction(async (em) => {
      const locked = await em.query(`SELECT id FROM goods WHERE id = $1 FOR UPDATE`, [id]);
      if (!locked.length) throw AppError.notFound('商品');
      const before = await this.get(id, em);
      await this.assertCanManage(user, before.siteId, em);
      if (dto.siteId !== undefined && dto.siteId !== before.siteId) await this.assertCanManage(user, dto.siteId, em);
      const sets: string[] = [];
      const params: unknown[] = [id];
      const set = (col: string, v: unknown) => {
        params.push(v);
        sets.push(`${col} = $${params.length}`);
      };
      if (dto.name !== undefined) set('name', dto.name);
      if (dto.imageUrl !== undefined) set('image_url', dto.imageUrl);
      if (dto.pointsPrice !== undefined) set('points_price', dto.pointsPrice);
      if (dto.stock !== undefined) set('stock', dto.stock);
      if (dto.siteId !== undefined) set('site_id', dto.siteId);
      if (dto.active !== undefined) set('active', dto.active);
      if (sets.length) await em.query(`UPDATE goods SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, params);
      const after = await this.get(id, em);
      await this.audit.record(em, { actorUserId: user.id, action: 'goods.update', entity: 'goods', entityId: id, before, after });
      return after;
    });
  }

  /** Goods never redeemed are deleted; goods with redemptions are taken off the shelf (their history stays). */
  async remove(user: AuthUser, id: string): Promise<{ id: string; deleted: boolean; active: boolean }> {
    return this.db.transaction(async (em) => {
      const locked = await em.query(`SELECT id FROM goods WHERE id = $1 FOR UPDATE`, [id]);
      if (!locked.length) throw AppError.notFound('商品');
      const before = await this.get(id, em);
      await this.assertCanManage(user, before.siteId, em);
      const used = await em.query(`SELECT 1 FROM redemptions WHERE goods_id = $1 LIMIT 1`, [id]);
      if (used.length) {
        returnedRows(await em.query(`UPDATE goods SET active = false, updated_at = now() WHERE id = $1`, [id]));
        await this.audit.record(em, { actorUserId: user.id, action: 'goods.update', entity: 'goods', entityId: id, before, after: { ...before, active: false } });
        return { id, deleted: false, active: false };
      }
      await em.query(`DELETE FROM goods WHERE id = $1`, [id]);
      await this.audit.record(em, { actorUserId: user.id, action: 'goods.delete', entity: 'goods', entityId: id, before });
      return { id, deleted: true, active: false };
    });
  }

  private async assertCanManage(user: AuthUser, siteId: string | null, em: EntityManager = this.db.manager): Promise<void> {
    if (siteId === null) {
      if (user.role !== 'county_admin') throw AppError.outOfScope('全县通用商品只能由县文明办管理；请选择您管理的阵地');
      return;
    }
    const rows = await em.query(`SELECT 1 FROM sites WHERE id = $1`, [siteId]);
    if (!rows.length) throw AppError.validation([{ field: 'siteId', message: '所选阵地不存在' }]);
    if (!(await this.scope.isSiteInScope(user, siteId, em))) throw AppError.outOfScope('该阵地不在您的管理范围内');
  }
}
