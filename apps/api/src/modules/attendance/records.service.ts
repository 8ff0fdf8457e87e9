import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { minutesToHours, shanghaiDate, starLevel, type PointsLedgerEntryDto, type VolunteerRecordDto } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { AppError } from '../../common/errors/app-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { inTransaction } from '../../database/sql';
import { renderCertificate, type CertificateData } from './certificate';
import { PointsService } from './points.service';
import { RecordsRepository, type RecordPeriod, type RecordVolunteerRow as VolunteerRow } from './records.repository';
import { HonoursService } from '../honours/honours.service';

@Injectable()
export class RecordsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly repo: RecordsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scope: ScopeService,
    private readonly points: PointsService,
    private readonly audit: AuditService,
    private readonly honours: HonoursService,
  ) {}

  private async volunteer(id: string): Promise<VolunteerRow> {
    const v = await this.repo.findVolunteer(id);
    if (!v) throw AppError.notFound('志愿者');
    return v;
  }

  /** Self, or an admin whose scope holds the volunteer's home site. */
  private async assertCanRead(user: AuthUser, v: VolunteerRow) {
    if (user.volunteerId === v.id) return;
    if (this.scope.isAdmin(user) && (await this.scope.isSiteInScope(user, v.site_id))) return;
    throw AppError.outOfScope('只能查看本人或本辖区志愿者的服务记录');
  }

  async myRecord(user: AuthUser, q: RecordPeriod) {
    if (!user.volunteerId) throw AppError.forbidden('该账号不是志愿者账号，没有个人服务记录');
    return this.build(await this.volunteer(user.volunteerId), q);
  }

  async record(user: AuthUser, volunteerId: string, q: RecordPeriod) {
    const v = await this.volunteer(volunteerId);
    await this.assertCanRead(user, v);
    return this.build(v, q);
  }

  private async build(v: VolunteerRow, q: RecordPeriod): Promise<VolunteerRecordDto> {
    const rows = await this.repo.entries(v.id, q);
    const tot = await this.repo.confirmedTotals(v.id, q);
    // the star is earned by cumulative confirmed hours, whatever the period shown
    const lifetime = await this.repo.lifetimeMinutes(v.id);
    const totalMinutes = tot.minutes;
    return {
      volunteerId: v.id,
      name: v.name,
      volunteerNumber: v.volunteer_number,
      totalHours: minutesToHours(totalMinutes),
      totalMinutes,
      personTimes: tot.personTimes,
      star: starLevel(minutesToHours(lifetime), this.config.starThresholdsHours),
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
  async certificate(user: AuthUser, volunteerId: string, q: RecordPeriod, now = new Date()): Promise<{ pdf: Buffer; number: string }> {
    const v = await this.volunteer(volunteerId);
    await this.assertCanRead(user, v);
    const rec = await this.build(v, q);
    const confirmed = rec.entries.filter((e) => e.status === 'confirmed');
    const issuer = (await this.repo.mainSiteOfPeriod(v.id, q)) ??
      (await this.repo.countyCenter()) ?? { name: `${this.config.countyName}新时代文明实践中心`, contact_name: '', contact_phone: '' };
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
    return inTransaction(this.db, async (em) => {
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
      return {
        id: e.id,
        volunteerId,
        delta: e.delta,
        balanceAfter: e.balanceAfter,
        reason: `积分兑换：${item}`.slice(0, 200),
        attendanceId: null,
        createdAt: e.createdAt.toISOString(),
      };
    });
  }
}
