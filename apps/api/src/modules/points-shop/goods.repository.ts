import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { containsPattern, mutateReturning, Params, selectOne, selectRows, type Queryable } from '../../database/sql';

export interface GoodsRow {
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

export interface GoodsFilter {
  siteId?: string;
  active?: boolean;
  q?: string;
}

export interface NewGoods {
  siteId: string | null;
  name: string;
  imageUrl: string | null;
  pointsPrice: number;
  stock: number;
  active: boolean;
  createdBy: string;
}

/** Columns an update may set (undefined = unchanged). */
export interface GoodsChanges {
  name?: string;
  imageUrl?: string | null;
  pointsPrice?: number;
  stock?: number;
  siteId?: string | null;
  active?: boolean;
}

export interface GoodsForRedemptionRow {
  id: string;
  site_id: string | null;
  name: string;
  points_price: number;
  active: boolean;
}

/** All SQL of the 积分超市 catalogue (table goods), including the stock a redemption takes and gives back. */
@Injectable()
export class GoodsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async page(f: GoodsFilter, page: number, pageSize: number): Promise<{ total: number; rows: GoodsRow[] }> {
    const p = new Params();
    const where: string[] = [];
    if (f.siteId) {
      const s = p.add(f.siteId);
      where.push(`(g.site_id = ${s} OR g.site_id IS NULL)`);
    }
    if (f.active !== undefined) where.push(`g.active = ${p.add(f.active)}`);
    if (f.q) where.push(`g.name ILIKE ${p.add(containsPattern(f.q))}`);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ n }] = await selectRows<{ n: number }>(this.db, `SELECT count(*)::int AS n FROM goods g ${w}`, p.values);
    const rows = await selectRows<GoodsRow>(
      this.db,
      `SELECT ${GOODS_COLS} FROM ${GOODS_FROM} ${w}
        ORDER BY g.site_id IS NULL DESC, g.points_price, g.name, g.id
        LIMIT ${Number(pageSize)} OFFSET ${(page - 1) * pageSize}`,
      p.values,
    );
    return { total: Number(n), rows };
  }

  findById(em: Queryable, id: string): Promise<GoodsRow | undefined> {
    return selectOne<GoodsRow>(em, `SELECT ${GOODS_COLS} FROM ${GOODS_FROM} WHERE g.id = $1`, [id]);
  }

  async insert(em: Queryable, g: NewGoods): Promise<string> {
    const [{ id }] = await selectRows<{ id: string }>(
      em,
      `INSERT INTO goods (site_id, name, image_url, points_price, stock, active, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
      [g.siteId, g.name, g.imageUrl, g.pointsPrice, g.stock, g.active, g.createdBy],
    );
    return id;
  }

  /** Locks the goods row; false when there is none. */
  async lock(em: Queryable, id: string): Promise<boolean> {
    return (await selectRows(em, `SELECT id FROM goods WHERE id = $1 FOR UPDATE`, [id])).length > 0;
  }

  async update(em: Queryable, id: string, c: GoodsChanges): Promise<void> {
    const p = new Params([id]);
    const sets: string[] = [];
    const set = (col: string, v: unknown) => sets.push(`${col} = ${p.add(v)}`);
    if (c.name !== undefined) set('name', c.name);
    if (c.imageUrl !== undefined) set('image_url', c.imageUrl);
    if (c.pointsPrice !== undefined) set('points_price', c.pointsPrice);
    if (c.stock !== undefined) set('stock', c.stock);
    if (c.siteId !== undefined) set('site_id', c.siteId);
    if (c.active !== undefined) set('active', c.active);
    if (sets.length) await em.query(`UPDATE goods SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, p.values);
  }

  async wasRedeemed(em: Queryable, id: string): Promise<boolean> {
    return (await selectRows(em, `SELECT 1 FROM redemptions WHERE goods_id = $1 LIMIT 1`, [id])).length > 0;
  }

  async takeOffShelf(em: Queryable, id: string): Promise<void> {
    await mutateReturning(em, `UPDATE goods SET active = false, updated_at = now() WHERE id = $1`, [id]);
  }

  async delete(em: Queryable, id: string): Promise<void> {
    await em.query(`DELETE FROM goods WHERE id = $1`, [id]);
  }

  async siteExists(em: Queryable, siteId: string): Promise<boolean> {
    return (await selectRows(em, `SELECT 1 FROM sites WHERE id = $1`, [siteId])).length > 0;
  }

  // ---- what a redemption does to the catalogue

  findForRedemption(em: Queryable, id: string): Promise<GoodsForRedemptionRow | undefined> {
    return selectOne<GoodsForRedemptionRow>(em, `SELECT id, site_id, name, points_price, active FROM goods WHERE id = $1`, [id]);
  }

  /** Reserves one item while stock lasts (the row lock serializes racers; none goes below zero). */
  async takeOne(em: Queryable, id: string): Promise<boolean> {
    return (await mutateReturning(em, `UPDATE goods SET stock = stock - 1, updated_at = now() WHERE id = $1 AND stock > 0 AND active RETURNING stock`, [id])).length > 0;
  }

  async returnOne(em: Queryable, id: string): Promise<void> {
    await em.query(`UPDATE goods SET stock = stock + 1, updated_at = now() WHERE id = $1`, [id]);
  }
}
