import { TIME_ZONE } from '@wenming/shared';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AtRiskActivityDto, AtRiskReason, NoShowReportDto, NoShowRowDto } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { AppError } from '../../common/errors/app-error';
import { tableFile, type TableFile } from '../../common/files/table-file';
import { NoShowExportQueryDto, NoShowQueryDto } from './dto/report.dto';

const rate = (noShows: number, signups: number) => (signups ? Math.round((noShows / signups) * 1000) / 1000 : 0);

/**
 * No-show report: confirmed sign-ups of activities that have ended (not cancelled) with no attendance record at all,
 * per team or per team × volunteer, by the activity's Asia/Shanghai start date. At-risk activities for the homes.
 */
@Injectable()
export class ReportsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly scope: ScopeService,
  ) {}

  /** Scope as SQL over activity alias `act`: county all; site admin: venue or team in subtree; leader: own teams. */
  private async scopeSql(user: AuthUser, params: unknown[], siteId?: string, teamId?: string): Promise<string[]> {
    const where: string[] = [];
    if (this.scope.isAdmin(user)) {
      let sites = await this.scope.adminSiteIds(user);
      if (siteId) {
        if (!(await this.scope.isSiteInScope(user, siteId))) throw AppError.outOfScope('该阵地不在您的管理范围内');
        sites = await this.scope.subtree(siteId);
      }
      if (sites) {
        params.push(sites);
        where.push(ScopeService.activityInSites(`$${params.length}`, 'act'));
      }
    } else {
      const led = await this.scope.ledTeamIds(user);
      if (!led.length) throw AppError.forbidden('只有管理员和队长可以查看报表', 'STATS_SCOPE_REQUIRED');
      if (siteId) {
        params.push(await this.scope.subtree(siteId));
        where.push(ScopeService.activityInSites(`$${params.length}`, 'act'));
      }
      params.push(led);
      where.push(`act.team_id = ANY($${params.length}::uuid[])`);
    }
    if (teamId) {
      params.push(teamId);
      where.push(`act.team_id = $${params.length}`);
    }
    return where;
  }

  async noShows(user: AuthUser, q: NoShowQueryDto, now = new Date()): Promise<NoShowReportDto> {
    const params: unknown[] = [now];
    const where = [`s.status = 'confirmed'`, `act.status <> 'cancelled'`, `act.ends_at < $1`, ...(await this.scopeSql(user, params, q.siteId, q.teamId))];
    if (q.from) {
      params.push(q.from);
      where.push(`(act.starts_at AT TIME ZONE '${TIME_ZONE}')::date >= $${params.length}::date`);
    }
    if (q.to) {
      params.push(q.to);
      where.push(`(act.starts_at AT TIME ZONE '${TIME_ZONE}')::date <= $${params.length}::date`);
    }
    const base = `FROM signups s JOIN activities act ON act.id = s.activity_id
                  LEFT JOIN attendance att ON att.activity_id = s.activity_id AND att.volunteer_id = s.volunteer_id
                 WHERE ${where.join(' AND ')}`;
    const noShow = `count(*) FILTER (WHERE att.id IS NULL)::int`;
    const [total]: Array<{ signups: number; no_shows: number }> = await this.db.query(`SELECT count(*)::int AS signups, ${noShow} AS no_shows ${base}`, params);
    const byVolunteer = q.by === 'volunteer';
    const rows: Array<{ team_id: string; team_name: string; volunteer_id: string | null; volunteer_name: string | null; signups: number; no_shows: number }> = await this.db.query(
      `SELECT x.team_id, t.name AS team_name, ${byVolunteer ? 'x.volunteer_id, v.name AS volunteer_name' : 'NULL::uuid AS volunteer_id, NULL AS volunteer_name'}, x.signups, x.no_shows
         FROM (SELECT act.team_id ${byVolunteer ? ', s.volunteer_id' : ''}, count(*)::int AS signups, ${noShow} AS no_shows ${base}
                GROUP BY act.team_id ${byVolunteer ? ', s.volunteer_id' : ''} ${byVolunteer ? `HAVING ${noShow} > 0` : ''}) x
         JOIN teams t ON t.id = x.team_id ${byVolunteer ? 'JOIN volunteers v ON v.id = x.volunteer_id' : ''}
        ORDER BY x.no_shows DESC, x.signups DESC, t.name, x.team_id ${byVolunteer ? ', v.name, x.volunteer_id' : ''}
        LIMIT 5000`,
      params,
    );
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
        ...r.rows.map((x) => (byVolunteer ? [x.teamName, x.volunteerName, x.confirmedSignups, x.noShows, pct(x.rate)] : [x.teamName, x.confirmedSignups, x.noShows, pct(x.rate)])),
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
    const params: unknown[] = [now];
    const scope = await this.scopeSql(user, params);
    const rows: Array<{ id: string; title: string; team_id: string; team_name: string; site_id: string; site_name: string; starts_at: Date; ends_at: Date; capacity: number | null; confirmed: number; reason: AtRiskReason }> =
      await this.db.query(
        `SELECT act.id, act.title, act.team_id, t.name AS team_name, act.site_id, st.name AS site_name, act.starts_at, act.ends_at, act.capacity,
                (SELECT count(*)::int FROM signups s WHERE s.activity_id = act.id AND s.status = 'confirmed') AS confirmed,
                CASE WHEN act.starts_at <= $1::timestamptz - interval '10 minutes' THEN 'no_checkin_code' ELSE 'under_filled' END AS reason
           FROM activities act JOIN teams t ON t.id = act.team_id JOIN sites st ON st.id = act.site_id
          WHERE act.status = 'published' ${scope.length ? `AND ${scope.join(' AND ')}` : ''}
            AND (
              (act.starts_at > $1 AND act.starts_at <= $1::timestamptz + interval '48 hours' AND act.capacity IS NOT NULL
                 AND (SELECT count(*) FROM signups s WHERE s.activity_id = act.id AND s.status = 'confirmed') * 2 < act.capacity)
              OR (act.starts_at <= $1::timestamptz - interval '10 minutes' AND act.ends_at > $1 AND act.checkin_code_first_at IS NULL)
            )
          ORDER BY act.starts_at, act.id LIMIT 200`,
        params,
      );
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
