import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TIME_ZONE } from '@wenming/shared';
import { loginNameSubquery } from '../../common/sql/names';
import { Params, selectOne, selectRows, type Queryable } from '../../database/sql';

export interface DeedRow {
  id: string;
  name: string;
  description: string | null;
  points: number;
  yearly_cap: number;
  active: boolean;
}

export interface AwardRow {
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

export interface DeedFields {
  name: string;
  description: string | null;
  points: number;
  yearlyCap: number;
  active: boolean;
}

export interface AwardeeRow {
  id: string;
  name: string;
  site_id: string;
}

export interface NewAward {
  deedId: string;
  volunteerId: string;
  siteId: string;
  points: number;
  year: number;
  note: string | null;
  awardedBy: string;
  at: Date;
}

/** Which awards a list shows: awards at `siteIds` (null = everywhere), narrowed by person, deed and date. */
export interface AwardFilter {
  siteIds: string[] | null;
  volunteerId?: string;
  deedId?: string;
  from?: string;
  to?: string;
}

const DEED_COLS = `id, name, description, points, yearly_cap, active`;
const AWARD_COLS = `w.id, w.deed_id, d.name AS deed_name, w.volunteer_id, v.name AS volunteer_name, w.site_id, s.name AS site_name, w.points, w.note,
  w.awarded_by, ${loginNameSubquery('w.awarded_by')} AS awarded_by_name, w.at`;
const AWARD_FROM = `deed_awards w JOIN deeds d ON d.id = w.deed_id JOIN volunteers v ON v.id = w.volunteer_id JOIN sites s ON s.id = w.site_id`;

function awardWhere(f: AwardFilter): { w: string; params: unknown[] } {
  const p = new Params();
  const where: string[] = [];
  if (f.siteIds) where.push(`w.site_id = ANY(${p.add(f.siteIds)}::uuid[])`);
  if (f.volunteerId) where.push(`w.volunteer_id = ${p.add(f.volunteerId)}`);
  if (f.deedId) where.push(`w.deed_id = ${p.add(f.deedId)}`);
  if (f.from) where.push(`(w.at AT TIME ZONE '${TIME_ZONE}')::date >= ${p.add(f.from)}::date`);
  if (f.to) where.push(`(w.at AT TIME ZONE '${TIME_ZONE}')::date <= ${p.add(f.to)}::date`);
  return { w: where.length ? where.join(' AND ') : 'true', params: p.values };
}

/** All SQL of 村规民约积分: the deed list (deeds) and the awards (deed_awards). */
@Injectable()
export class DeedsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  listDeeds(active: boolean | undefined): Promise<DeedRow[]> {
    return selectRows<DeedRow>(
      this.db,
      `SELECT ${DEED_COLS} FROM deeds ${active === undefined ? '' : 'WHERE active = $1'} ORDER BY active DESC, name, id`,
      active === undefined ? [] : [active],
    );
  }

  findDeed(em: Queryable, id: string, lock = false): Promise<DeedRow | undefined> {
    return selectOne<DeedRow>(em, `SELECT ${DEED_COLS} FROM deeds WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
  }

  async insertDeed(em: Queryable, d: DeedFields): Promise<string> {
    const [{ id }] = await selectRows<{ id: string }>(em, `INSERT INTO deeds (name, description, points, yearly_cap, active) VALUES ($1,$2,$3,$4,$5) RETURNING id`, [
      d.name,
      d.description,
      d.points,
      d.yearlyCap,
      d.active,
    ]);
    return id;
  }

  async updateDeed(em: Queryable, id: string, d: DeedFields): Promise<void> {
    await em.query(`UPDATE deeds SET name = $2, description = $3, points = $4, yearly_cap = $5, active = $6 WHERE id = $1`, [
      id,
      d.name,
      d.description,
      d.points,
      d.yearlyCap,
      d.active,
    ]);
  }

  /** The awardee under its row lock (the same lock the points ledger takes, so the yearly cap check is race-free). */
  lockAwardee(em: Queryable, volunteerId: string): Promise<AwardeeRow | undefined> {
    return selectOne<AwardeeRow>(em, `SELECT id, name, site_id FROM volunteers WHERE id = $1 FOR UPDATE`, [volunteerId]);
  }

  async pointsAwardedInYear(em: Queryable, volunteerId: string, deedId: string, year: number): Promise<number> {
    const [{ s }] = await selectRows<{ s: number }>(
      em,
      `SELECT coalesce(sum(points), 0)::int AS s FROM deed_awards WHERE volunteer_id = $1 AND deed_id = $2 AND year = $3`,
      [volunteerId, deedId, year],
    );
    return Number(s);
  }

  async insertAward(em: Queryable, a: NewAward): Promise<string> {
    const [{ id }] = await selectRows<{ id: string }>(
      em,
      `INSERT INTO deed_awards (deed_id, volunteer_id, site_id, points, year, note, awarded_by, at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
      [a.deedId, a.volunteerId, a.siteId, a.points, a.year, a.note, a.awardedBy, a.at],
    );
    return id;
  }

  async findAward(em: Queryable, id: string): Promise<AwardRow> {
    const [row] = await selectRows<AwardRow>(em, `SELECT ${AWARD_COLS} FROM ${AWARD_FROM} WHERE w.id = $1`, [id]);
    return row;
  }

  async awardPage(f: AwardFilter, page: number, pageSize: number): Promise<{ total: number; rows: AwardRow[] }> {
    const { w, params } = awardWhere(f);
    const [{ n }] = await selectRows<{ n: number }>(this.db, `SELECT count(*)::int AS n FROM deed_awards w WHERE ${w}`, params);
    const rows = await selectRows<AwardRow>(
      this.db,
      `SELECT ${AWARD_COLS} FROM ${AWARD_FROM} WHERE ${w} ORDER BY w.at DESC, w.id LIMIT ${Number(pageSize)} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    return { total: Number(n), rows };
  }

  exportAwards(f: AwardFilter): Promise<AwardRow[]> {
    const { w, params } = awardWhere(f);
    return selectRows<AwardRow>(this.db, `SELECT ${AWARD_COLS} FROM ${AWARD_FROM} WHERE ${w} ORDER BY w.at DESC, w.id LIMIT 100000`, params);
  }

  async siteName(siteId: string): Promise<string> {
    return (await selectOne<{ name: string }>(this.db, `SELECT name FROM sites WHERE id = $1`, [siteId]))?.name ?? '';
  }
}
