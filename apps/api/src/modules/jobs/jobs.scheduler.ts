import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { TIME_ZONE, type ScheduledJob } from '@wenming/shared';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { JobsService } from './jobs.service';

/** The timetable (Asia/Shanghai). Every API process may run it: JobsService makes each (job, period) run once. */
@Injectable()
export class JobsScheduler {
  private readonly log = new Logger('Jobs');
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobsService,
  ) {}

  private async fire(job: ScheduledJob) {
    if (!this.config.jobsEnabled) return;
    try {
      const r = await this.jobs.run(job);
      if (r.ran) this.log.log(`${job} ${r.period}: ${r.affected}`);
    } catch (err) {
      this.log.error(`${job} failed: ${(err as Error).message}`);
    }
  }

  @Cron('0 0 20 * * *', { name: 'activity-reminders', timeZone: TIME_ZONE })
  reminders() {
    return this.fire('activity-reminders');
  }

  @Cron('0 5 * * * *', { name: 'order-overdue', timeZone: TIME_ZONE })
  overdue() {
    return this.fire('order-overdue');
  }

  @Cron('0 10 * * * *', { name: 'redemption-expiry', timeZone: TIME_ZONE })
  expiry() {
    return this.fire('redemption-expiry');
  }
}
