import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { selectRows } from '../../database/sql';

/** A row to insert for the menu_service activity an accepted service order becomes. */
export interface NewOrderActivity {
  id: string;
  title: string;
  category: string;
  siteId: string;
  teamId: string | null;
  startsAt: Date;
  endsAt: Date;
  description: string;
  checkinSecret: string;
  createdBy: string;
  serviceOrderId: string;
  address: string;
}

/** The SQL of service orders' activities (order-activity.service.ts), always in the caller's transaction. */
@Injectable()
export class OrderActivityRepository {
  async insertOrderActivity(em: EntityManager, a: NewOrderActivity): Promise<void> {
    await em.query(
      `INSERT INTO activities (id, title, kind, category, site_id, team_id, starts_at, ends_at, capacity, status, description, checkin_secret, created_by, service_order_id, address)
         VALUES ($1, $2, 'menu_service', $3, $4, $5, $6, $7, NULL, 'published', $8, $9, $10, $11, $12)`,
      [a.id, a.title, a.category, a.siteId, a.teamId, a.startsAt, a.endsAt, a.description, a.checkinSecret, a.createdBy, a.serviceOrderId, a.address],
    );
  }

  async lockActivityRow(em: EntityManager, activityId: string): Promise<void> {
    await em.query(`SELECT id FROM activities WHERE id = $1 FOR UPDATE`, [activityId]);
  }

  async hasConfirmedAttendance(em: EntityManager, activityId: string): Promise<boolean> {
    const rows = await selectRows(em, `SELECT 1 FROM attendance WHERE activity_id = $1 AND status = 'confirmed' LIMIT 1`, [activityId]);
    return rows.length > 0;
  }

  /** Cancels a draft or published activity; a completed one is left alone. */
  async cancelLiveActivity(em: EntityManager, activityId: string, reason: string): Promise<void> {
    await em.query(
      `UPDATE activities SET status = 'cancelled', cancel_reason = $2, cancelled_at = now(), updated_at = now()
            WHERE id = $1 AND status IN ('draft','published')`,
      [activityId, reason],
    );
  }
}
