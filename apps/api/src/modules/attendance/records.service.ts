import { TIME_ZONE } from '@wenming/shared';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { minutesToHours, shanghaiDate, starLevel, type PointsLedgerEntryDto, type RecordEntryDto, type VolunteerRecordDto } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { AppError } from '../../common/errors/app-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { renderCertificate, type CertificateData } from './certificate';
import { PointsService } from './points.service';
import { HonoursService } from '../honours/honours.service';

interface VolunteerRow {
  id: string;
  name: string;
  site_id: string;
  volunteer_number: string;
  id_number_masked: string | null;
}

/** `from`/`to` filter on the activity's Asia/Shanghai start date; $2 and $3 in the queries. */
const DATE_FILTER = `($2::date IS NULL OR (act.starts_at AT TIME ZONE '${TIME_ZONE}')::date >= $2::date)
                 AND ($3::date IS NULL OR (act.starts_at AT TIME ZONE '${TIME_ZONE}')::date <= $3::date)`;

@Injectable()
export class RecordsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scope: ScopeService,
    private readonly points: PointsService,
    private readonly audit: AuditService,
    private readonly honours: HonoursService,
  ) {}

  private async volunteer(id: string): Promise<VolunteerRow> {
    const rows: VolunteerRow[] = await this.db.query(
      `SELECT id, name, site_id, volunteer_number, id_number_masked FROM volunteers WHERE id = $1`,
      [id],
    );
    if (!rows.length) throw AppError.notFound('志愿者');
    return rows[0];
  }

  /** Self, or an admin whose scope holds the volunteer's home site. */
  private async assertCanRead(user: AuthUser, v: VolunteerRow) {
    if (user.volunteerId === v.id) return;
    if (this.scope.isAdmin(user) && (await this.scope.isSiteInScope(user, v.site_id))) return;
    throw AppError.outOfScope('只能查看本人或本辖区志愿者的服务记录');
  }

  async myRecord(user: AuthUser, q: { from?: string; to?: string }) {
    if (!user.volunteerId) throw AppError.forbidden('该账号不是志愿者账号，没有个人服务记录');
    return this.build(await this.volunteer(user.volunteerId), q);
  }

  async record(user: AuthUser, volunteerId: string, q: { from?: string; to?: string }) {
    const v = await this.volunteer(volunteerId);
    await this.assertCanRead(user, v);
    return this.build(v, q);
  }

  private async build(v: VolunteerRow, q: { from?: string; to?: string }): Promise<VolunteerRecordDto> {
    const args = [v.id, q.from ?? null, q.to ?? null];
    const rows: Array<{ activity_id: string; title: string; starts_at: Date; team_name: string; site_name: string; minutes: number | null; status: RecordEntryDto['status'] }> =
      await this.db.query(
        `SELECT a.activity_id, act.title, act.starts_at, t.name AS team_name, vs.name AS site_name, a.minutes, a.status
           FROM attendance a JOIN activities act ON act.id = a.activity_id JOIN teams t ON t.id = act.team_id
           JOIN sites vs ON vs.id = act.site_id
          WHERE a.volunteer_id = $1 AND ${DATE_FILTER}
          ORDER BY act.starts_at DESC, act.id`,
        args,
      );
    const [tot]: Array<{ n: string; m: string | null }> = await this.db.query(
      `SELECT count(*) AS n, sum(a.minutes) AS m FROM attendance a JOIN activities act ON act.id = a.activity_id
        WHERE a.volunteer_id = $1 AND a.status = 'confirmed' AND ${DATE_FILTER}`,
      args,
    );
    // the star is earned by cumulative confirmed hours, whatever the period shown
    const [all]: Array<{ m: string | null }> = await this.db.query(
      `SELECT sum(minutes) AS m FROM attendance WHERE volunteer_id = $1 AND status = 'confirmed'`,
      [v.id],
    );
    const totalMinutes = Number(tot.m ?? 0);
    return {
      volunteerId: v.id,
      name: v.name,
      volunteerNumber: v.volunteer_number,
      totalHours: minutesToHours(totalMinutes),
      totalMinutes,
      personTimes: Number(tot.n),
      star: starLevel(minutesToHours(Number(all.m ?? 0)), this.config.starThresholdsHours),
      points: await this.points.balance(this.db.manager, v.id),
      entries: rows.map((r) => {
        const minutes = r.status === 'confirmed' && r.minutes !== null ? Number(r.minutes) : null;
        return {
          activityId: r.activity_id,
          title: r.title,
          date: shanghaiDate(r.starts_at),
          teamName: r.team_name,
          siteName: r.site_name,
          minutes,
          hours: minutes === null ? null : minutesToHours(minutes),
          status: r.status,
        };
      }),
      honours: await this.honours.ofVolunteer(this.db.manager, v.id),
    };
  }

  /** 志愿服务记录证明 as a PDF; issued by the site that recorded most of the period's hours. */
  async certificate(user: AuthUser, volunteerId: string, q: { from?: string; to?: string }, now = new Date()): Promise<{ pdf: Buffer; number: string }> {
    const v = await this.volunteer(volunteerId);
    await this.assertCanRead(user, v);
    const rec = await this.build(v, q);
    const confirmed = rec.entries.filter((e) => e.status === 'confirmed');
    const issuers: Array<{ name: string; contact_name: string; contact_phone: string }> = await this.db.query(
      `SELECT s.name, s.contact_name, s.contact_phone
         FROM attendance a JOIN activities act ON act.id = a.activity_id JOIN sites s ON s.id = act.site_id
        WHERE a.volunteer_id = $1 AND a.status = 'confirmed' AND ${DATE_FILTER}
        GROUP BY s.id, s.name, s.contact_name, s.contact_phone
        ORDER BY sum(a.minutes) DESC, s.id
        LIMIT 1`,
      [v.id, q.from ?? null, q.to ?? null],
    );
    let issuer = issuers[0];
    if (!issuer) {
      const center: typeof issuers = await this.db.query(`SELECT name, contact_name, contact_phone FROM sites WHERE level = 'center' ORDER BY created_at LIMIT 1`);
      issuer = center[0] ?? { name: `${this.config.countyName}新时代文明实践中心`, contact_name: '', contact_phone: '' };
    }
    const today = shanghaiDate(now);
    const number = `QS-${today.replaceAll('-', '')}-${v.volunteer_number}-${rec.personTimes}`;
    const data: CertificateData = {
      number,
      name: v.name,
      idNumberMasked: v.id_number_masked,
      volunteerNumber: v.volunteer_number,
      from: q.from ?? (confirmed.length ? confirmed[confirmed.length - 1].date : null),
      to: q.to ?? (confirmed.length ? confirmed[0].date : null),
      totalHours: rec.totalHours,
      personTimes: rec.personTimes,
      services: confirmed
        .slice()
        .reverse()
        .map((e) => ({ date: e.date, title: e.title, teamName: e.teamName, hours: e.hours ?? 0 })),
      issuer: issuer.name,
      contact: [issuer.contact_name, issuer.contact_phone].filter(Boolean).join(' '),
      issuedOn: today,
    };
    return { pdf: await renderCertificate(data), number };
  }

  /** 积分超市: an admin redeems points for a volunteer in scope. */
  async redeem(user: AuthUser, volunteerId: string, dto: { points: number; item: string }): Promise<PointsLedgerEntryDto> {
    const v = await this.volunteer(volunteerId);
    if (!(this.scope.isAdmin(user) && (await this.scope.isSiteInScope(user, v.site_id)))) {
      throw AppError.outOfScope('该志愿者不在您的管理范围内');
    }
    return this.db.transaction(async (em) => {
      const item = dto.item.trim();
      const e = (await this.points.append(em, { volunteerId, delta: -dto.points, reason: `积分兑换：${item}`.slice(0, 200), kind: 'spent', createdBy: user.id }))!;
      await this.audit.record(em, {
        actorUserId: user.id,
        action: 'points.redeem',
        entity: 'points_ledger',
        entityId: e.id,
        before: { balance: e.balanceAfter - e.delta },
        after: { balance: e.balanceAfter, item, points: dto.points },
      });
      return { id: e.id, volunteerId, delta: e.delta, balanceAfter: e.balanceAfter, reason: `积分兑换：${item}`.slice(0, 200), attendanceId: null, createdAt: e.createdAt.toISOString() };
    });
  }
}
