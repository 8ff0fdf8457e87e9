import { TIME_ZONE } from '@wenming/shared';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { minutesToHours, shanghaiDate, starLevel, type HonourDto, type HonourSuggestionDto, type HonourStatus, type HonourSubject, type Paginated, type PublicHonourDto, type VolunteerHonourDto } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { AppError } from '../../common/errors/app-error';
import { loginNameSubquery, townIdOf } from '../../common/sql/names';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { NoticeTexts } from '../notices/notice-texts';
import { NoticesService } from '../notices/notices.service';
import { CreateHonourDto, HonourQueryDto, PublicHonourQueryDto } from './dto/honour.dto';

interface HonourRow {
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
const COLS = `h.id, h.volunteer_id, v.name AS volunteer_name, h.team_id, t.name AS team_name, h.title, h.year, h.citation, h.status,
  h.town_id, tw.name AS town_name, h.nominated_by, ${loginNameSubquery('h.nominated_by')} AS nominated_by_name, h.nominated_at,
  h.decided_by, ${loginNameSubquery('h.decided_by')} AS decided_by_name, h.decided_at, h.reject_reason, coalesce(v.site_id, t.site_id) AS subject_site_id`;
const FROM = `honours h LEFT JOIN volunteers v ON v.id = h.volunteer_id LEFT JOIN teams t ON t.id = h.team_id LEFT JOIN regions tw ON tw.id = h.town_id`;
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const toDto = (r: HonourRow): HonourDto => ({
  id: r.id,
  subject: (r.volunteer_id ? 'volunteer' : 'team') as HonourSubject,
  volunteerId: r.volunteer_id,
  volunteerName: r.volunteer_name,
  teamId: r.team_id,
  teamName: r.team_name,
  title: r.title,
  year: Number(r.year),
  citation: r.citation,
  status: r.status,
  townId: r.town_id,
  townName: r.town_name,
  nominatedBy: r.nominated_by,
  nominatedByName: r.nominated_by_name,
  nominatedAt: iso(r.nominated_at)!,
  decidedBy: r.decided_by,
  decidedByName: r.decided_by_name,
  decidedAt: iso(r.decided_at),
  rejectReason: r.reject_reason,
});

/** 先进典型: staff nominate a volunteer or a team, the county admin approves; approved ones are public (names only). */
@Injectable()
export class HonoursService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly notices: NoticesService,
  ) {}

  private async load(em: EntityManager, id: string): Promise<HonourRow> {
    const rows: HonourRow[] = await em.query(`SELECT ${COLS} FROM ${FROM} WHERE h.id = $1`, [id]);
    if (!rows.length) throw AppError.notFound('先进典型');
    return rows[0];
  }

  async nominate(user: AuthUser, dto: CreateHonourDto): Promise<HonourDto> {
    const isVolunteer = dto.subject === 'volunteer';
    if (isVolunteer && dto.teamId) throw AppError.validation([{ field: 'teamId', message: '提名志愿者时不要填写 teamId' }]);
    if (!isVolunteer && dto.volunteerId) throw AppError.validation([{ field: 'volunteerId', message: '提名队伍时不要填写 volunteerId' }]);
    const subjectId = (isVolunteer ? dto.volunteerId : dto.teamId)!;
    const rows: Array<{ site_id: string; town_id: string | null }> = await this.db.query(
      `SELECT x.site_id, ${townIdOf('r')} AS town_id FROM ${isVolunteer ? 'volunteers' : 'teams'} x JOIN sites s ON s.id = x.site_id JOIN regions r ON r.id = s.region_id WHERE x.id = $1`,
      [subjectId],
    );
    if (!rows.length) throw AppError.validation([{ field: isVolunteer ? 'volunteerId' : 'teamId', message: isVolunteer ? '所选志愿者不存在' : '所选队伍不存在' }]);
    if (!(await this.scope.isSiteInScope(user, rows[0].site_id))) throw AppError.outOfScope(`该${isVolunteer ? '志愿者' : '队伍'}不在您的管理范围内`);
    return this.db.transaction(async (em) => {
      const [{ id }] = await em.query(
        `INSERT INTO honours (volunteer_id, team_id, title, year, citation, town_id, nominated_by) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`,
        [isVolunteer ? subjectId : null, isVolunteer ? null : subjectId, dto.title, dto.year, dto.citation?.trim() || null, rows[0].town_id, user.id],
      );
      const out = toDto(await this.load(em, id));
      await this.audit.record(em, { actorUserId: user.id, action: 'honour.nominate', entity: 'honour', entityId: id, after: out });
      return out;
    });
  }

  async decide(user: AuthUser, id: string, to: 'approved' | 'rejected', reason?: string): Promise<HonourDto> {
    return this.db.transaction(async (em) => {
      const locked = await em.query(`SELECT status FROM honours WHERE id = $1 FOR UPDATE`, [id]);
      if (!locked.length) throw AppError.notFound('先进典型');
      const status = locked[0].status as HonourStatus;
      if (status === to) return toDto(await this.load(em, id)); // idempotent
      if (status !== 'nominated') throw AppError.conflict('HONOUR_STATE_CONFLICT', `该提名已${status === 'approved' ? '通过' : '驳回'}，不能再${to === 'approved' ? '通过' : '驳回'}`);
      await em.query(`UPDATE honours SET status = $2, decided_by = $3, decided_at = now(), reject_reason = $4 WHERE id = $1`, [id, to, user.id, to === 'rejected' ? reason?.trim() || null : null]);
      const row = await this.load(em, id);
      await this.audit.record(em, { actorUserId: user.id, action: to === 'approved' ? 'honour.approve' : 'honour.reject', entity: 'honour', entityId: id, before: { status }, after: { status: to, reason: reason ?? null } });
      if (to === 'approved') {
        const n = NoticeTexts.honourApproved({ title: row.title, year: Number(row.year) });
        if (row.volunteer_id) await this.notices.toVolunteers(em, [row.volunteer_id], n);
        if (row.team_id) await this.notices.toTeamLeaders(em, row.team_id, n);
      }
      return toDto(row);
    });
  }

  async list(user: AuthUser, q: HonourQueryDto): Promise<Paginated<HonourDto>> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replaceAll('$?', `$${params.length}`));
    };
    const sites = await this.scope.adminSiteIds(user);
    if (sites) add(`coalesce(v.site_id, t.site_id) = ANY($?::uuid[])`, sites);
    if (q.status) add(`h.status = $?`, q.status);
    if (q.subject) where.push(q.subject === 'volunteer' ? 'h.volunteer_id IS NOT NULL' : 'h.team_id IS NOT NULL');
    if (q.year) add(`h.year = $?`, q.year);
    if (q.townId) add(`h.town_id = $?`, q.townId);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM ${FROM} ${w}`, params);
    const rows: HonourRow[] = await this.db.query(
      `SELECT ${COLS} FROM ${FROM} ${w} ORDER BY (h.status = 'nominated') DESC, h.year DESC, h.nominated_at DESC, h.id
        LIMIT ${Number(q.pageSize)} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    );
    return { items: rows.map(toDto), total: Number(n), page: q.page, pageSize: q.pageSize };
  }

  /** No login: approved honours only, names and titles only (no phone, no id number, no nominator). */
  async publicList(q: PublicHonourQueryDto): Promise<PublicHonourDto[]> {
    const params: unknown[] = [];
    let w = `h.status = 'approved'`;
    if (q.townId) {
      params.push(q.townId);
      w += ` AND h.town_id = $${params.length}`;
    }
    if (q.year) {
      params.push(q.year);
      w += ` AND h.year = $${params.length}`;
    }
    const rows: Array<{ id: string; volunteer_id: string | null; name: string; title: string; year: number; town_id: string | null; town_name: string | null }> = await this.db.query(
      `SELECT h.id, h.volunteer_id, coalesce(v.name, t.name) AS name, h.title, h.year, h.town_id, tw.name AS town_name
         FROM ${FROM} WHERE ${w} ORDER BY h.year DESC, tw.name NULLS FIRST, h.title, name, h.id LIMIT 2000`,
      params,
    );
    return rows.map((r) => ({ id: r.id, subject: r.volunteer_id ? 'volunteer' : 'team', name: r.name, title: r.title, year: Number(r.year), townId: r.town_id, townName: r.town_name }));
  }

  /** Approved honours of one volunteer (the record and the certificate show them). */
  async ofVolunteer(em: EntityManager, volunteerId: string): Promise<VolunteerHonourDto[]> {
    const rows: Array<{ id: string; title: string; year: number }> = await em.query(
      `SELECT id, title, year FROM honours WHERE volunteer_id = $1 AND status = 'approved' ORDER BY year DESC, title, id`,
      [volunteerId],
    );
    return rows.map((r) => ({ id: r.id, title: r.title, year: Number(r.year) }));
  }

  /**
   * Suggestions from the data, in the caller's scope: star volunteers (by cumulative confirmed hours, the highest
   * first) and teams whose service orders are rated 4.5★ or more on average (five-star teams) or that served the
   * most person-times in the year. Already nominated subjects of that year are left out.
   */
  async suggestions(user: AuthUser, year = Number(shanghaiDate(new Date()).slice(0, 4))): Promise<HonourSuggestionDto[]> {
    const sites = await this.scope.adminSiteIds(user);
    const minMinutes = this.config.starThresholdsHours[0] * 60;
    const vols: Array<{ id: string; name: string; site_name: string; m: string }> = await this.db.query(
      `SELECT v.id, v.name, s.name AS site_name, sum(a.minutes) AS m
         FROM attendance a JOIN volunteers v ON v.id = a.volunteer_id JOIN sites s ON s.id = v.site_id
        WHERE a.status = 'confirmed' AND ($1::uuid[] IS NULL OR v.site_id = ANY($1::uuid[]))
          AND NOT EXISTS (SELECT 1 FROM honours h WHERE h.volunteer_id = v.id AND h.year = $3 AND h.status <> 'rejected')
        GROUP BY v.id, v.name, s.name HAVING sum(a.minutes) >= $2
        ORDER BY sum(a.minutes) DESC, v.id LIMIT 20`,
      [sites, minMinutes, year],
    );
    const teams: Array<{ id: string; name: string; site_name: string; rating: string | null; rated: number; pt: number }> = await this.db.query(
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
    return [
      ...vols.map((v) => {
        const hours = minutesToHours(Number(v.m));
        const star = starLevel(hours, this.config.starThresholdsHours);
        return { subject: 'volunteer' as const, volunteerId: v.id, teamId: null, name: v.name, siteName: v.site_name, reason: `${star}星志愿者，累计服务 ${hours} 小时`, suggestedTitle: star >= 5 ? '五星志愿者' : '优秀志愿者' };
      }),
      ...teams.map((t) => {
        const five = t.rated >= 3 && Number(t.rating) >= 4.5;
        const reason = [five ? `群众评单平均 ${Number(t.rating).toFixed(1)} 星（${t.rated} 单）` : '', `${year} 年服务 ${t.pt} 人次`].filter(Boolean).join('，');
        return { subject: 'team' as const, volunteerId: null, teamId: t.id, name: t.name, siteName: t.site_name, reason, suggestedTitle: five ? '五星志愿服务队' : '优秀志愿服务队' };
      }),
    ];
  }
}
