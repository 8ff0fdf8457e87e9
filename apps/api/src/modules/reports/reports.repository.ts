import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TIME_ZONE, type AtRiskReason } from '@wenming/shared';
import { ScopeService } from '../../common/auth/scope.service';
import { selectRows } from '../../database/sql';

/** Which activities (alias `act`) a report covers, already resolved to the caller's scope. */
export interface ReportScope {
  /** venue or team in these sites (admins below the county, or a `siteId` filter) */
  sites?: string[];
  /** only these teams (leaders) */
  ledTeams?: string[];
  teamId?: string;
}

export interface NoShowFilter extends ReportScope {
  from?: string;
  to?: string;
  byVolunteer: boolean;
}

export interface NoShowRow {
  team_id: string;
  team_name: string;
  volunteer_id: string | null;
  volunteer_name: string | null;
  signups: number;
  no_shows: number;
}

export interface AtRiskRow {
  id: string;
  title: string;
  team_id: string;
  team_name: string;
  site_id: string;
  site_name: string;
  starts_at: Date;
  ends_at: Date;
  capacity: number | null;
  confirmed: number;
  reason: AtRiskReason;
}

/** The scope as SQL over activity alias `act`, its parameters pushed onto `params`. */
function scopeWhere(s: ReportScope, params: unknown[]): string[] {
  const where: string[] = [];
  if (s.sites) {
    params.push(s.sites);
    where.push(ScopeService.activityInSites(`$${params.length}`, 'act'));
  }
  if (s.ledTeams) {
    params.push(s.ledTeams);
    where.push(`act.team_id = ANY($${params.length}::uuid[])`);
  }
  if (s.teamId) {
    params.push(s.teamId);
    where.push(`act.team_id = $${params.length}`);
  }
  return where;
}

/** All SQL of the reports (no-shows, at-risk activities). Read-only. */
@Injectable()
export class ReportsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /**
   * Confirmed sign-ups of activities ended before `now` (not cancelled) and those with no attendance record at all,
   * in total and per team (or team × volunteer, only those with a no-show), by the activity's Asia/Shanghai start date.
   */
  async noShows(now: Date, f: NoShowFilter): Promise<{ total: { signups: number; no_shows: number }; rows: NoShowRow[] }> {
    const params: unknown[] = [now];
    const where = [`s.status = 'confirmed'`, `act.status <> 'cancelled'`, `act.ends_at < $1`, ...scopeWhere(f, params)];
    if (f.from) {
      params.push(f.from);
      where.push(`(act.starts_at AT TIME ZONE '${TIME_ZONE}')::date >= $${params.length}::date`);
    }
    if (f.to) {
      params.push(f.to);
      where.push(`(act.starts_at AT TIME ZONE '${TIME_ZONE}')::date <= $${params.length}::date`);
    }
    const base = `FROM signups s JOIN activities act ON act.id = s.activity_id
                  LEFT JOIN attendance att ON att.activity_id = s.activity_id AND att.volunteer_id = s.volunteer_id
                 WHERE ${where.join(' AND ')}`;
    const noShow = `count(*) FILTER (WHERE att.id IS NULL)::int`;
    const [total] = await selectRows<{ signups: number; no_shows: number }>(this.db, `SELECT count(*)::int AS signups, ${noShow} AS no_shows ${base}`, params);
    const byVolunteer = f.byVolunteer;
    const rows = await selectRows<NoShowRow>(
      this.db,
      `SELECT x.team_id, t.name AS team_name, ${byVolunteer ? 'x.volunteer_id, v.name AS volunteer_name' : 'NULL::uuid AS volunteer_id, NULL AS volunteer_name'}, x.signups, x.no_shows
         FROM (SELECT act.team_id ${byVolunteer ? ', s.volunteer_id' : ''}, count(*)::int AS signups, ${noShow} AS no_shows ${base}
                GROUP BY act.team_id ${byVolunteer ? ', s.volunteer_id' : ''} ${byVolunteer ? `HAVING ${noShow} > 0` : ''}) x
         JOIN teams t ON t.id = x.team_id ${byVolunteer ? 'JOIN volunteers v ON v.id = x.volunteer_id' : ''}
        ORDER BY x.no_shows DESC, x.signups DESC, t.name, x.team_id ${byVolunteer ? ', v.name, x.volunteer_id' : ''}
        LIMIT 5000`,
      params,
    );
    return { total, rows };
  }

  /**
   * Published activities that need attention at `now`: starting within 48 h with fewer than half the places taken,
   * or started at least 10 minutes ago (and not ended) without the check-in code ever shown.
   */
  async atRisk(now: Date, s: ReportScope): Promise<AtRiskRow[]> {
    const params: unknown[] = [now];
    const scope = scopeWhere(s, params);
    return selectRows<AtRiskRow>(
      this.db,
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
  }
}
