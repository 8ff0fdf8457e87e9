import { Injectable } from '@nestjs/common';
import type { AtRiskActivityDto, NoShowReportDto, NoShowRowDto } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { AppError } from '../../common/errors/app-error';
import { tableFile, type TableFile } from '../../common/files/table-file';
import { NoShowExportQueryDto, NoShowQueryDto } from './dto/report.dto';
import { ReportsRepository, type ReportScope } from './reports.repository';

const rate = (noShows: number, signups: number) => (signups ? Math.round((noShows / signups) * 1000) / 1000 : 0);

/**
 * No-show report: confirmed sign-ups of activities that have ended (not cancelled) with no attendance record at all,
 * per team or per team × volunteer, by the activity's Asia/Shanghai start date. At-risk activities for the homes.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly repo: ReportsRepository,
    private readonly scope: ScopeService,
  ) {}

  /** The caller's scope: county all; site admin: venue or team in subtree; leader: own teams (optionally one site / team). */
  private async reportScope(user: AuthUser, siteId?: string, teamId?: string): Promise<ReportScope> {
    if (this.scope.isAdmin(user)) {
      let sites = await this.scope.adminSiteIds(user);
      if (siteId) {
        if (!(await this.scope.isSiteInScope(user, siteId))) throw AppError.outOfScope('该阵地不在您的管理范围内');
        sites = await this.scope.subtree(siteId);
      }
      return { sites: sites ?? undefined, teamId };
    }
    const led = await this.scope.ledTeamIds(user);
    if (!led.length) throw AppError.forbidden('只有管理员和队长可以查看报表', 'STATS_SCOPE_REQUIRED');
    return { sites: siteId ? await this.scope.subtree(siteId) : undefined, ledTeams: led, teamId };
  }

  async noShows(user: AuthUser, q: NoShowQueryDto, now = new Date()): Promise<NoShowReportDto> {
    const scope = await this.reportScope(user, q.siteId, q.teamId);
    const { total, rows } = await this.repo.noShows(now, { ...scope, from: q.from, to: q.to, byVolunteer: q.by === 'volunteer' });
    const out: NoShowRowDto[] = rows.map((r) => ({
      teamId: r.team_id,
      teamName: r.team_name,
      volunteerId: r.volunteer_id,
      volunteerName: r.volunteer_name,
      confirmedSignups: Number(r.signups),
      noShows: Number(r.no_shows),
      rate: rate(Number(r.no_shows), Number(r.signups)),
    }));
    return { rows: out, total: { confirmedSignups: Number(total.signups), noShows: Number(total.no_shows), rate: rate(Number(total.no_shows), Number(total.signups)) } };
  }

  async noShowFile(user: AuthUser, q: NoShowExportQueryDto): Promise<TableFile> {
    const r = await this.noShows(user, q);
    const byVolunteer = q.by === 'volunteer';
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    return tableFile(q.format, {
      title: `爽约统计（按${byVolunteer ? '志愿者' : '队伍'}）`,
      filter: `筛选条件：活动开始日期 ${q.from ?? '最早'} 至 ${q.to ?? '最近'}；爽约 = 报名成功、活动已结束、没有任何签到记录${byVolunteer ? '；只列出有爽约的志愿者' : ''}`,
      header: byVolunteer ? ['队伍', '志愿者', '报名成功(次)', '爽约(次)', '爽约率'] : ['队伍', '报名成功(人次)', '爽约(人次)', '爽约率'],
      rows: [
        ...r.rows.map((x) =>
          byVolunteer ? [x.teamName, x.volunteerName, x.confirmedSignups, x.noShows, pct(x.rate)] : [x.teamName, x.confirmedSignups, x.noShows, pct(x.rate)],
        ),
        byVolunteer ? ['合计', '', r.total.confirmedSignups, r.total.noShows, pct(r.total.rate)] : ['合计', r.total.confirmedSignups, r.total.noShows, pct(r.total.rate)],
      ],
      fileName: `爽约统计_按${byVolunteer ? '志愿者' : '队伍'}${q.from || q.to ? `_${q.from ?? ''}至${q.to ?? ''}` : ''}`,
      asciiName: `wenming-no-shows-${q.by}${q.from ? `-${q.from}` : ''}${q.to ? `-${q.to}` : ''}`,
    });
  }

  /**
   * Activities that need attention now: starting within 48 h with fewer than half the places taken, or started at
   * least 10 minutes ago (and not ended) without the leader ever showing the check-in code.
   */
  async atRisk(user: AuthUser, now = new Date()): Promise<AtRiskActivityDto[]> {
    const rows = await this.repo.atRisk(now, await this.reportScope(user));
    return rows.map((r) => ({
      activityId: r.id,
      title: r.title,
      teamId: r.team_id,
      teamName: r.team_name,
      siteId: r.site_id,
      siteName: r.site_name,
      startsAt: new Date(r.starts_at).toISOString(),
      endsAt: new Date(r.ends_at).toISOString(),
      capacity: r.capacity === null ? null : Number(r.capacity),
      confirmed: Number(r.confirmed),
      reason: r.reason,
    }));
  }
}
