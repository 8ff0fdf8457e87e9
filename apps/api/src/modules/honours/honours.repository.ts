import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TIME_ZONE, type HonourStatus, type HonourSubject } from '@wenming/shared';
import { loginNameSubquery, townIdOf } from '../../common/sql/names';
import { Params, selectOne, selectRows, type Queryable } from '../../database/sql';

export interface HonourRow {
  id: string;
  volunteer_id: string | null;
  volunteer_name: string | null;
  team_id: string | null;
  team_name: string | null;
  title: string;
  year: number;
  citation: string | null;
  status: HonourStatus;
  town_id: string | null;
  town_name: string | null;
  nominated_by: string;
  nominated_by_name: string | null;
  nominated_at: Date;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Date | null;
  reject_reason: string | null;
  subject_site_id: string;
}

export interface PublicHonourRow {
  id: string;
  volunteer_id: string | null;
  name: string;
  title: string;
  year: number;
  town_id: string | null;
  town_name: string | null;
}

export interface NewHonour {
  volunteerId: string | null;
  teamId: string | null;
  title: string;
  year: number;
  citation: string | null;
  townId: string | null;
  nominatedBy: string;
}

export interface HonourFilter {
  siteIds: string[] | null;
  status?: HonourStatus;
  subject?: HonourSubject;
  year?: number;
  townId?: string;
}

export interface StarVolunteerRow {
  id: string;
  name: string;
  site_name: string;
  m: string;
}

export interface HonourTeamRow {
  id: string;
  name: string;
  site_name: string;
  rating: string | null;
  rated: number;
  pt: number;
}

const COLS = `h.id, h.volunteer_id, v.name AS volunteer_name, h.team_id, t.name AS team_name, h.title, h.year, h.citation, h.status,
  h.town_id, tw.name AS town_name, h.nominated_by, ${loginNameSubquery('h.nominated_by')} AS nominated_by_name, h.nominated_at,
  h.decided_by, ${loginNameSubquery('h.decided_by')} AS decided_by_name, h.decided_at, h.reject_reason, coalesce(v.site_id, t.site_id) AS subject_site_id`;
const FROM = `honours h LEFT JOIN volunteers v ON v.id = h.volunteer_id LEFT JOIN teams t ON t.id = h.team_id LEFT JOIN regions tw ON tw.id = h.town_id`;

/** All SQL of 先进典型 (table honours) and the suggestions read from attendance and service orders. */
@Injectable()
export class HonoursRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  findById(em: Queryable, id: string): Promise<HonourRow | undefined> {
    return selectOne<HonourRow>(em, `SELECT ${COLS} FROM ${FROM} WHERE h.id = $1`, [id]);
  }

  /** The home site and town of the volunteer or team to nominate. */
  subjectPlace(subject: HonourSubject, id: string): Promise<{ site_id: string; town_id: string | null } | undefined> {
    return selectOne(
      this.db,
      `SELECT x.site_id, ${townIdOf('r')} AS town_id FROM ${subject === 'volunteer' ? 'volunteers' : 'teams'} x JOIN sites s ON s.id = x.site_id JOIN regions r ON r.id = s.region_id WHERE x.id = $1`,
      [id],
    );
  }

  async insert(em: Queryable, h: NewHonour): Promise<string> {
    const [{ id }] = await selectRows<{ id: string }>(
      em,
      `INSERT INTO honours (volunteer_id, team_id, title, year, citation, town_id, nominated_by) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
      [h.volunteerId, h.teamId, h.title, h.year, h.citation, h.townId, h.nominatedBy],
    );
    return id;
  }

  async lockStatus(em: Queryable, id: string): Promise<HonourStatus | undefined> {
    return (await selectOne<{ status: HonourStatus }>(em, `SELECT status FROM honours WHERE id = $1 FOR UPDATE`, [id]))?.status;
  }

  async decide(em: Queryable, id: string, to: 'approved' | 'rejected', by: string, reason: string | null): Promise<void> {
    await em.query(`UPDATE honours SET status = $2, decided_by = $3, decided_at = now(), reject_reason = $4 WHERE id = $1`, [id, to, by, reason]);
  }

  async page(f: HonourFilter, page: number, pageSize: number): Promise<{ total: number; rows: HonourRow[] }> {
    const p = new Params();
    const where: string[] = [];
    if (f.siteIds) where.push(`coalesce(v.site_id, t.site_id) = ANY(${p.add(f.siteIds)}::uuid[])`);
    if (f.status) where.push(`h.status = ${p.add(f.status)}`);
    if (f.subject) where.push(f.subject === 'volunteer' ? 'h.volunteer_id IS NOT NULL' : 'h.team_id IS NOT NULL');
    if (f.year) where.push(`h.year = ${p.add(f.year)}`);
    if (f.townId) where.push(`h.town_id = ${p.add(f.townId)}`);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ n }] = await selectRows<{ n: number }>(this.db, `SELECT count(*)::int AS n FROM ${FROM} ${w}`, p.values);
    const rows = await selectRows<HonourRow>(
      this.db,
      `SELECT ${COLS} FROM ${FROM} ${w} ORDER BY (h.status = 'nominated') DESC, h.year DESC, h.nominated_at DESC, h.id
        LIMIT ${Number(pageSize)} OFFSET ${(page - 1) * pageSize}`,
      p.values,
    );
    return { total: Number(n), rows };
  }

  /** Approved honours, names and titles only. */
  publicList(townId: string | undefined, year: number | undefined): Promise<PublicHonourRow[]> {
    const p = new Params();
    let w = `h.status = 'approved'`;
    if (townId) w += ` AND h.town_id = ${p.add(townId)}`;
    if (year) w += ` AND h.year = ${p.add(year)}`;
    return selectRows<PublicHonourRow>(
      this.db,
      `SELECT h.id, h.volunteer_id, coalesce(v.name, t.name) AS name, h.title, h.year, h.town_id, tw.name AS town_name
         FROM ${FROM} WHERE ${w} ORDER BY h.year DESC, tw.name NULLS FIRST, h.title, name, h.id LIMIT 2000`,
      p.values,
    );
  }

  approvedOfVolunteer(em: Queryable, volunteerId: string): Promise<Array<{ id: string; title: string; year: number }>> {
    return selectRows(em, `SELECT id, title, year FROM honours WHERE volunteer_id = $1 AND status = 'approved' ORDER BY year DESC, title, id`, [volunteerId]);
  }

  /** Volunteers with at least `minMinutes` confirmed, not yet nominated in `year`, the most hours first. */
  starVolunteers(sites: string[] | null, minMinutes: number, year: number): Promise<StarVolunteerRow[]> {
    return selectRows<StarVolunteerRow>(
      this.db,
      `SELECT v.id, v.name, s.name AS site_name, sum(a.minutes) AS m
         FROM attendance a JOIN volunteers v ON v.id = a.volunteer_id JOIN sites s ON s.id = v.site_id
        WHERE a.status = 'confirmed' AND ($1::uuid[] IS NULL OR v.site_id = ANY($1::uuid[]))
          AND NOT EXISTS (SELECT 1 FROM honours h WHERE h.volunteer_id = v.id AND h.year = $3 AND h.status <> 'rejected')
        GROUP BY v.id, v.name, s.name HAVING sum(a.minutes) >= $2
        ORDER BY sum(a.minutes) DESC, v.id LIMIT 20`,
      [sites, minMinutes, year],
    );
  }

  /** Teams not yet nominated in `year` that served in it or are rated 4.5★+ (3 ratings or more). */
  candidateTeams(sites: string[] | null, year: number): Promise<HonourTeamRow[]> {
    return selectRows<HonourTeamRow>(
      this.db,
      `WITH pt AS (SELECT act.team_id, count(*)::int AS pt FROM attendance a JOIN activities act ON act.id = a.activity_id
                    WHERE a.status = 'confirmed' AND extract(year FROM act.starts_at AT TIME ZONE '${TIME_ZONE}') = $2 GROUP BY act.team_id),
            rt AS (SELECT team_id, avg(rating) AS rating, count(*)::int AS rated FROM service_orders WHERE rating IS NOT NULL GROUP BY team_id)
       SELECT t.id, t.name, s.name AS site_name, rt.rating, coalesce(rt.rated, 0) AS rated, coalesce(pt.pt, 0) AS pt
         FROM teams t JOIN sites s ON s.id = t.site_id LEFT JOIN pt ON pt.team_id = t.id LEFT JOIN rt ON rt.team_id = t.id
        WHERE NOT t.archived AND ($1::uuid[] IS NULL OR t.site_id = ANY($1::uuid[]))
          AND NOT EXISTS (SELECT 1 FROM honours h WHERE h.team_id = t.id AND h.year = $2 AND h.status <> 'rejected')
          AND (coalesce(pt.pt, 0) > 0 OR (rt.rated >= 3 AND rt.rating >= 4.5))
        ORDER BY (rt.rated >= 3 AND rt.rating >= 4.5) DESC NULLS LAST, coalesce(pt.pt, 0) DESC, t.id LIMIT 10`,
      [sites, year],
    );
  }
}
