import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { addDays, shanghaiDate, shanghaiInstant, type JobRunResultDto, type ScheduledJob } from '@wenming/shared';
import { returnedRows } from '../../common/sql/returned';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { NoticeTexts } from '../notices/notice-texts';
import { NoticesService } from '../notices/notices.service';
import { RedemptionsService } from '../points-shop/redemptions.service';

/** The period a run covers: the Asia/Shanghai date for the evening reminder, the Shanghai hour for the hourly jobs. */
export function jobPeriod(job: ScheduledJob, now: Date): string {
  if (job === 'activity-reminders') return shanghaiDate(now);
  return `${shanghaiDate(now)}T${new Date(now.getTime() + 8 * 3600_000).toISOString().slice(11, 13)}`;
}

/**
 * Scheduled work, safe with several API processes: a run first inserts its (job, period) row into job_runs in the
 * same transaction as its work. A second process (or a second call) for the same period either waits for the first
 * to commit and then finds the row (ran: false), or — if the first rolled back — does the work itself. Each
 * reminder/alert notice also carries a dedupe key, so a notice is never written twice even across periods.
 */
@Injectable()
export class JobsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notices: NoticesService,
    private readonly redemptions: RedemptionsService,
  ) {}

  /** Run a job for the period of `now` (or, for the reminder, the evening of `date`). */
  async run(job: ScheduledJob, opts: { now?: Date; date?: string } = {}): Promise<JobRunResultDto> {
    const now = opts.now ?? (opts.date ? shanghaiInstant(opts.date, '20:00') : new Date());
    const period = job === 'activity-reminders' && opts.date ? opts.date : jobPeriod(job, now);
    return this.db.transaction(async (em) => {
      const claimed = returnedRows(await em.query(`INSERT INTO job_runs (job, period) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING job`, [job, period]));
      if (!claimed.length) return { job, period, ran: false, affected: 0 };
      const affected = await this.work(em, job, period, now);
      await em.query(`UPDATE job_runs SET finished_at = now(), affected = $3 WHERE job = $1 AND period = $2`, [job, period, affected]);
      return { job, period, ran: true, affected };
    });
  }

  private work(em: EntityManager, job: ScheduledJob, period: string, now: Date): Promise<number> {
    if (job === 'activity-reminders') return this.reminders(em, period);
    if (job === 'order-overdue') return this.orderOverdue(em, now);
    return this.redemptions.expireDue(em, now);
  }

  /** The evening of `date`: a notice per confirmed sign-up (with a login) of the published activities of the next day. */
  private async reminders(em: EntityManager, date: string): Promise<number> {
    const day = addDays(date, 1);
    const acts: Array<{ id: string; title: string; starts_at: Date; address: string; site_name: string }> = await em.query(
      `SELECT a.id, a.title, a.starts_at, a.address, s.name AS site_name FROM activities a JOIN sites s ON s.id = a.site_id
        WHERE a.status = 'published' AND a.starts_at >= $1 AND a.starts_at < $2 ORDER BY a.starts_at, a.id`,
      [shanghaiInstant(day), shanghaiInstant(addDays(day, 1))],
    );
    let n = 0;
    for (const a of acts) {
      const vids: Array<{ volunteer_id: string }> = await em.query(`SELECT volunteer_id FROM signups WHERE activity_id = $1 AND status = 'confirmed'`, [a.id]);
      if (!vids.length) continue;
      n += await this.notices.toVolunteers(em, vids.map((v) => v.volunteer_id), NoticeTexts.activityReminder({ id: a.id, title: a.title, startsAt: new Date(a.starts_at), address: a.address }, a.site_name));
    }
    return n;
  }

  /** Orders not dispatched (site admins) or not accepted (the team's leaders) within ORDER_OVERDUE_HOURS; each alert once. */
  private async orderOverdue(em: EntityManager, now: Date): Promise<number> {
    const hours = this.config.orderOverdueHours;
    const cutoff = new Date(now.getTime() - hours * 3600_000);
    const rows: Array<{ id: string; status: string; site_id: string; team_id: string | null; title: string }> = await em.query(
      `SELECT o.id, o.status, o.site_id, o.team_id, m.title FROM service_orders o JOIN menu_items m ON m.id = o.menu_item_id
        WHERE (o.status = 'ordered' AND o.ordered_at < $1) OR (o.status = 'dispatched' AND o.dispatched_at < $1)
        ORDER BY o.ordered_at, o.id LIMIT 5000`,
      [cutoff],
    );
    let n = 0;
    for (const o of rows) {
      if (o.status === 'ordered') n += await this.notices.toSiteAdmins(em, o.site_id, NoticeTexts.orderOverdue({ id: o.id, title: o.title, stage: 'dispatch', hours }));
      else if (o.team_id) n += await this.notices.toTeamLeaders(em, o.team_id, NoticeTexts.orderOverdue({ id: o.id, title: o.title, stage: 'accept', hours }));
    }
    return n;
  }
}
