import { Injectable } from '@nestjs/common';
import type { ScheduledJob } from '@wenming/shared';
import { mutateReturning, selectRows, type Queryable } from '../../database/sql';

export interface ReminderActivityRow {
  id: string;
  title: string;
  starts_at: Date;
  address: string;
  site_name: string;
}

export interface OverdueOrderRow {
  id: string;
  status: string;
  site_id: string;
  team_id: string | null;
  title: string;
}

/** All SQL of the scheduled jobs: the job_runs claim, and the reads the reminder and overdue jobs make. */
@Injectable()
export class JobsRepository {
  /** Claims (job, period) in the caller's transaction; false when another run holds or finished it. */
  async claimRun(em: Queryable, job: ScheduledJob, period: string): Promise<boolean> {
    return (await mutateReturning(em, `INSERT INTO job_runs (job, period) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING job`, [job, period])).length > 0;
  }

  async finishRun(em: Queryable, job: ScheduledJob, period: string, affected: number): Promise<void> {
    await em.query(`UPDATE job_runs SET finished_at = now(), affected = $3 WHERE job = $1 AND period = $2`, [job, period, affected]);
  }

  /** Published activities starting in [from, to). */
  publishedActivitiesStarting(em: Queryable, from: Date, to: Date): Promise<ReminderActivityRow[]> {
    return selectRows<ReminderActivityRow>(
      em,
      `SELECT a.id, a.title, a.starts_at, a.address, s.name AS site_name FROM activities a JOIN sites s ON s.id = a.site_id
        WHERE a.status = 'published' AND a.starts_at >= $1 AND a.starts_at < $2 ORDER BY a.starts_at, a.id`,
      [from, to],
    );
  }

  async confirmedVolunteerIds(em: Queryable, activityId: string): Promise<string[]> {
    const rows = await selectRows<{ volunteer_id: string }>(em, `SELECT volunteer_id FROM signups WHERE activity_id = $1 AND status = 'confirmed'`, [activityId]);
    return rows.map((r) => r.volunteer_id);
  }

  /** Orders still 'ordered' or 'dispatched' since before `cutoff`. */
  overdueOrders(em: Queryable, cutoff: Date): Promise<OverdueOrderRow[]> {
    return selectRows<OverdueOrderRow>(
      em,
      `SELECT o.id, o.status, o.site_id, o.team_id, m.title FROM service_orders o JOIN menu_items m ON m.id = o.menu_item_id
        WHERE (o.status = 'ordered' AND o.ordered_at < $1) OR (o.status = 'dispatched' AND o.dispatched_at < $1)
        ORDER BY o.ordered_at, o.id LIMIT 5000`,
      [cutoff],
    );
  }
}
