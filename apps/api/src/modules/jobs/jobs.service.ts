import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { addDays, shanghaiDate, shanghaiInstant, type JobRunResultDto, type ScheduledJob } from '@wenming/shared';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { inTransaction } from '../../database/sql';
import { NoticeTexts } from '../notices/notice-texts';
import { NoticesService } from '../notices/notices.service';
import { RedemptionsService } from '../points-shop/redemptions.service';
import { JobsRepository } from './jobs.repository';

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
    private readonly repo: JobsRepository,
    private readonly notices: NoticesService,
    private readonly redemptions: RedemptionsService,
  ) {}

  /** Run a job for the period of `now` (or, for the reminder, the evening of `date`). */
  async run(job: ScheduledJob, opts: { now?: Date; date?: string } = {}): Promise<JobRunResultDto> {
    const now = opts.now ?? (opts.date ? shanghaiInstant(opts.date, '20:00') : new Date());
    const period = job === 'activity-reminders' && opts.date ? opts.date : jobPeriod(job, now);
    return inTransaction(this.db, async (em) => {
      if (!(await this.repo.claimRun(em, job, period))) return { job, period, ran: false, affected: 0 };
      const affected = await this.work(em, job, period, now);
      await this.repo.finishRun(em, job, period, affected);
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
    const acts = await this.repo.publishedActivitiesStarting(em, shanghaiInstant(day), shanghaiInstant(addDays(day, 1)));
    let n = 0;
    for (const a of acts) {
      const vids = await this.repo.confirmedVolunteerIds(em, a.id);
      if (!vids.length) continue;
      n += await this.notices.toVolunteers(
        em,
        vids,
        NoticeTexts.activityReminder({ id: a.id, title: a.title, startsAt: new Date(a.starts_at), address: a.address }, a.site_name),
      );
    }
    return n;
  }

  /** Orders not dispatched (site admins) or not accepted (the team's leaders) within ORDER_OVERDUE_HOURS; each alert once. */
  private async orderOverdue(em: EntityManager, now: Date): Promise<number> {
    const hours = this.config.orderOverdueHours;
    const cutoff = new Date(now.getTime() - hours * 3600_000);
    const rows = await this.repo.overdueOrders(em, cutoff);
    let n = 0;
    for (const o of rows) {
      if (o.status === 'ordered') n += await this.notices.toSiteAdmins(em, o.site_id, NoticeTexts.orderOverdue({ id: o.id, title: o.title, stage: 'dispatch', hours }));
      else if (o.team_id) n += await this.notices.toTeamLeaders(em, o.team_id, NoticeTexts.orderOverdue({ id: o.id, title: o.title, stage: 'accept', hours }));
    }
    return n;
  }
}
