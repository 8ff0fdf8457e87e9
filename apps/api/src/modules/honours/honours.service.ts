import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  minutesToHours,
  shanghaiDate,
  starLevel,
  type HonourDto,
  type HonourSuggestionDto,
  type HonourSubject,
  type Paginated,
  type PublicHonourDto,
  type VolunteerHonourDto,
} from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { AppError } from '../../common/errors/app-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { inTransaction } from '../../database/sql';
import { AuditService } from '../audit/audit.service';
import { NoticeTexts } from '../notices/notice-texts';
import { NoticesService } from '../notices/notices.service';
import { CreateHonourDto, HonourQueryDto, PublicHonourQueryDto } from './dto/honour.dto';
import { HonoursRepository, type HonourRow } from './honours.repository';

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
    private readonly repo: HonoursRepository,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly notices: NoticesService,
  ) {}

  private async load(em: EntityManager, id: string): Promise<HonourRow> {
    const row = await this.repo.findById(em, id);
    if (!row) throw AppError.notFound('先进典型');
    return row;
  }

  async nominate(user: AuthUser, dto: CreateHonourDto): Promise<HonourDto> {
    const isVolunteer = dto.subject === 'volunteer';
    if (isVolunteer && dto.teamId) throw AppError.validation([{ field: 'teamId', message: '提名志愿者时不要填写 teamId' }]);
    if (!isVolunteer && dto.volunteerId) throw AppError.validation([{ field: 'volunteerId', message: '提名队伍时不要填写 volunteerId' }]);
    const subjectId = (isVolunteer ? dto.volunteerId : dto.teamId)!;
    const place = await this.repo.subjectPlace(dto.subject, subjectId);
    if (!place) throw AppError.validation([{ field: isVolunteer ? 'volunteerId' : 'teamId', message: isVolunteer ? '所选志愿者不存在' : '所选队伍不存在' }]);
    if (!(await this.scope.isSiteInScope(user, place.site_id))) throw AppError.outOfScope(`该${isVolunteer ? '志愿者' : '队伍'}不在您的管理范围内`);
    return inTransaction(this.db, async (em) => {
      const id = await this.repo.insert(em, {
        volunteerId: isVolunteer ? subjectId : null,
        teamId: isVolunteer ? null : subjectId,
        title: dto.title,
        year: dto.year,
        citation: dto.citation?.trim() || null,
        townId: place.town_id,
        nominatedBy: user.id,
      });
      const out = toDto(await this.load(em, id));
      await this.audit.record(em, { actorUserId: user.id, action: 'honour.nominate', entity: 'honour', entityId: id, after: out });
      return out;
    });
  }

  async decide(user: AuthUser, id: string, to: 'approved' | 'rejected', reason?: string): Promise<HonourDto> {
    return inTransaction(this.db, async (em) => {
      const status = await this.repo.lockStatus(em, id);
      if (!status) throw AppError.notFound('先进典型');
      if (status === to) return toDto(await this.load(em, id)); // idempotent
      if (status !== 'nominated')
        throw AppError.conflict('HONOUR_STATE_CONFLICT', `该提名已${status === 'approved' ? '通过' : '驳回'}，不能再${to === 'approved' ? '通过' : '驳回'}`);
      await this.repo.decide(em, id, to, user.id, to === 'rejected' ? reason?.trim() || null : null);
      const row = await this.load(em, id);
      await this.audit.record(em, {
        actorUserId: user.id,
        action: to === 'approved' ? 'honour.approve' : 'honour.reject',
        entity: 'honour',
        entityId: id,
        before: { status },
        after: { status: to, reason: reason ?? null },
      });
      if (to === 'approved') {
        const n = NoticeTexts.honourApproved({ title: row.title, year: Number(row.year) });
        if (row.volunteer_id) await this.notices.toVolunteers(em, [row.volunteer_id], n);
        if (row.team_id) await this.notices.toTeamLeaders(em, row.team_id, n);
      }
      return toDto(row);
    });
  }

  async list(user: AuthUser, q: HonourQueryDto): Promise<Paginated<HonourDto>> {
    const siteIds = await this.scope.adminSiteIds(user);
    const { total, rows } = await this.repo.page({ siteIds, status: q.status, subject: q.subject, year: q.year, townId: q.townId }, q.page, q.pageSize);
    return { items: rows.map(toDto), total, page: q.page, pageSize: q.pageSize };
  }

  /** No login: approved honours only, names and titles only (no phone, no id number, no nominator). */
  async publicList(q: PublicHonourQueryDto): Promise<PublicHonourDto[]> {
    const rows = await this.repo.publicList(q.townId, q.year);
    return rows.map((r) => ({
      id: r.id,
      subject: r.volunteer_id ? 'volunteer' : 'team',
      name: r.name,
      title: r.title,
      year: Number(r.year),
      townId: r.town_id,
      townName: r.town_name,
    }));
  }

  /** Approved honours of one volunteer (the record and the certificate show them). */
  async ofVolunteer(em: EntityManager, volunteerId: string): Promise<VolunteerHonourDto[]> {
    const rows = await this.repo.approvedOfVolunteer(em, volunteerId);
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
    const vols = await this.repo.starVolunteers(sites, minMinutes, year);
    const teams = await this.repo.candidateTeams(sites, year);
    return [
      ...vols.map((v) => {
        const hours = minutesToHours(Number(v.m));
        const star = starLevel(hours, this.config.starThresholdsHours);
        return {
          subject: 'volunteer' as const,
          volunteerId: v.id,
          teamId: null,
          name: v.name,
          siteName: v.site_name,
          reason: `${star}星志愿者，累计服务 ${hours} 小时`,
          suggestedTitle: star >= 5 ? '五星志愿者' : '优秀志愿者',
        };
      }),
      ...teams.map((t) => {
        const five = t.rated >= 3 && Number(t.rating) >= 4.5;
        const reason = [five ? `群众评单平均 ${Number(t.rating).toFixed(1)} 星（${t.rated} 单）` : '', `${year} 年服务 ${t.pt} 人次`].filter(Boolean).join('，');
        return {
          subject: 'team' as const,
          volunteerId: null,
          teamId: t.id,
          name: t.name,
          siteName: t.site_name,
          reason,
          suggestedTitle: five ? '五星志愿服务队' : '优秀志愿服务队',
        };
      }),
    ];
  }
}
