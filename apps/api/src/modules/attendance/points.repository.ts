import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PointsEntryKind } from '@wenming/shared';
import { selectOne, selectRows } from '../../database/sql';

export interface NewLedgerRow {
  volunteerId: string;
  delta: number;
  balanceAfter: number;
  reason: string;
  kind: PointsEntryKind;
  attendanceId: string | null;
  redemptionId: string | null;
  deedAwardId: string | null;
  createdBy: string | null;
}

/** All SQL of the 志愿积分 ledger (points_ledger); always in the caller's EntityManager. */
@Injectable()
export class PointsRepository {
  /** The volunteer row lock every ledger change takes first (one change at a time per volunteer). */
  async lockVolunteer(em: EntityManager, volunteerId: string): Promise<void> {
    await em.query(`SELECT id FROM volunteers WHERE id = $1 FOR UPDATE`, [volunteerId]);
  }

  async lastBalance(em: EntityManager, volunteerId: string): Promise<number> {
    const row = await selectOne<{ balance_after: number }>(em, `SELECT balance_after FROM points_ledger WHERE volunteer_id = $1 ORDER BY id DESC LIMIT 1`, [volunteerId]);
    return row ? Number(row.balance_after) : 0;
  }

  async insertEntry(em: EntityManager, e: NewLedgerRow): Promise<{ id: string; created_at: Date }> {
    const [row] = await selectRows<{ id: string; created_at: Date }>(
      em,
      `INSERT INTO points_ledger (volunteer_id, delta, balance_after, reason, kind, attendance_id, redemption_id, deed_award_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id, created_at`,
      [e.volunteerId, e.delta, e.balanceAfter, e.reason, e.kind, e.attendanceId, e.redemptionId, e.deedAwardId, e.createdBy],
    );
    return row;
  }

  async sumForAttendance(em: EntityManager, attendanceId: string): Promise<number> {
    const [r] = await selectRows<{ s: string | null }>(em, `SELECT sum(delta) AS s FROM points_ledger WHERE attendance_id = $1`, [attendanceId]);
    return Number(r.s ?? 0);
  }
}
