import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TIME_ZONE, type RedemptionStatus } from '@wenming/shared';
import { loginNameSubquery } from '../../common/sql/names';
import { containsPattern, Params, selectOne, selectRows, type Queryable } from '../../database/sql';

export interface RedemptionRow {
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

/** The columns a state change needs, read under the row lock. */
export interface LockedRedemptionRow {
  id: string;
  goods_id: string;
  volunteer_id: string;
  site_id: string;
  points: number;
  status: RedemptionStatus;
  goods_name: string;
}

export interface NewRedemption {
  goodsId: string;
  volunteerId: string;
  siteId: string;
  goodsName: string;
  points: number;
  expiresAt: Date;
}

/** Which redemptions a list shows: one volunteer's, or those picked up at `siteIds` (null = everywhere). */
export interface RedemptionFilter {
  volunteerId?: string;
  siteIds?: string[] | null;
  status?: RedemptionStatus;
  from?: string;
  to?: string;
  q?: string;
}

const COLS = `r.id, r.goods_id, r.goods_name, r.volunteer_id, v.name AS volunteer_name, v.phone AS volunteer_phone, r.site_id,
  s.name AS site_name, r.points, r.status, r.requested_at, r.expires_at, r.fulfilled_by, ${loginNameSubquery('r.fulfilled_by')} AS fulfilled_by_name,
  r.fulfilled_at, r.closed_at, r.cancel_reason`;
const FROM = `redemptions r JOIN volunteers v ON v.id = r.volunteer_id JOIN sites s ON s.id = r.site_id`;

function where(f: RedemptionFilter): { w: string; params: unknown[] } {
  const p = new Params();
  const w: string[] = [];
  if (f.volunteerId) w.push(`r.volunteer_id = ${p.add(f.volunteerId)}`);
  if (f.siteIds) w.push(`r.site_id = ANY(${p.add(f.siteIds)}::uuid[])`);
  if (f.status) w.push(`r.status = ${p.add(f.status)}`);
  if (f.from) w.push(`(r.requested_at AT TIME ZONE '${TIME_ZONE}')::date >= ${p.add(f.from)}::date`);
  if (f.to) w.push(`(r.requested_at AT TIME ZONE '${TIME_ZONE}')::date <= ${p.add(f.to)}::date`);
  if (f.q) {
    const like = p.add(containsPattern(f.q));
    w.push(`(v.name ILIKE ${like} OR v.phone LIKE ${like})`);
  }
  return { w: w.length ? w.join(' AND ') : 'true', params: p.values };
}

/** All SQL of 积分兑换 (table redemptions). */
@Injectable()
export class RedemptionsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  findById(em: Queryable, id: string): Promise<RedemptionRow | undefined> {
    return selectOne<RedemptionRow>(em, `SELECT ${COLS} FROM ${FROM} WHERE r.id = $1`, [id]);
  }

  lock(em: Queryable, id: string): Promise<LockedRedemptionRow | undefined> {
    return selectOne<LockedRedemptionRow>(em, `SELECT id, goods_id, volunteer_id, site_id, points, status, goods_name FROM redemptions WHERE id = $1 FOR UPDATE`, [id]);
  }

  /** The volunteer's home station (county-wide goods are picked up there). */
  async homeSiteOf(em: Queryable, volunteerId: string): Promise<string> {
    const [v] = await selectRows<{ site_id: string }>(em, `SELECT site_id FROM volunteers WHERE id = $1`, [volunteerId]);
    return v.site_id;
  }

  async insert(em: Queryable, r: NewRedemption): Promise<string> {
    const [{ id }] = await selectRows<{ id: string }>(
      em,
      `INSERT INTO redemptions (goods_id, volunteer_id, site_id, goods_name, points, expires_at) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
      [r.goodsId, r.volunteerId, r.siteId, r.goodsName, r.points, r.expiresAt],
    );
    return id;
  }

  async markFulfilled(em: Queryable, id: string, by: string): Promise<void> {
    await em.query(`UPDATE redemptions SET status = 'fulfilled', fulfilled_by = $2, fulfilled_at = now() WHERE id = $1 AND status = 'requested'`, [id, by]);
  }

  async markClosed(em: Queryable, id: string, status: 'cancelled' | 'expired', by: string | null, reason: string | null): Promise<void> {
    await em.query(`UPDATE redemptions SET status = $2, closed_by = $3, closed_at = now(), cancel_reason = $4 WHERE id = $1 AND status = 'requested'`, [
      id,
      status,
      by,
      reason,
    ]);
  }

  async dueIds(em: Queryable, now: Date): Promise<string[]> {
    const rows = await selectRows<{ id: string }>(em, `SELECT id FROM redemptions WHERE status = 'requested' AND expires_at < $1 ORDER BY expires_at, id`, [now]);
    return rows.map((r) => r.id);
  }

  /** The pickup list: requested first (oldest first, so nothing waits too long), then the rest newest first. */
  async page(f: RedemptionFilter, page: number, pageSize: number): Promise<{ total: number; rows: RedemptionRow[] }> {
    const { w, params } = where(f);
    const [{ n }] = await selectRows<{ n: number }>(this.db, `SELECT count(*)::int AS n FROM ${FROM} WHERE ${w}`, params);
    const rows = await selectRows<RedemptionRow>(
      this.db,
      `SELECT ${COLS} FROM ${FROM} WHERE ${w}
        ORDER BY (r.status = 'requested') DESC, CASE WHEN r.status = 'requested' THEN r.requested_at END ASC, r.requested_at DESC, r.id
        LIMIT ${Number(pageSize)} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    return { total: Number(n), rows };
  }

  exportRows(f: RedemptionFilter): Promise<RedemptionRow[]> {
    const { w, params } = where(f);
    return selectRows<RedemptionRow>(this.db, `SELECT ${COLS} FROM ${FROM} WHERE ${w} ORDER BY r.requested_at DESC, r.id LIMIT 100000`, params);
  }

  async siteName(siteId: string): Promise<string> {
    return (await selectOne<{ name: string }>(this.db, `SELECT name FROM sites WHERE id = $1`, [siteId]))?.name ?? '';
  }
}
