import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PointsEntryKind } from '@wenming/shared';
import { AppError } from '../../common/errors/app-error';

export interface LedgerEntry {
  id: string;
  delta: number;
  balanceAfter: number;
  createdAt: Date;
}

/**
 * 志愿积分 ledger, whole points. Every change locks the volunteer row, reads the last balance and appends a row
 * (CHECK balance_after >= 0 backs the rule in the database).
 */
@Injectable()
export class PointsService {
  async balance(em: EntityManager, volunteerId: string): Promise<number> {
    const rows: Array<{ balance_after: number }> = await em.query(
      `SELECT balance_after FROM points_ledger WHERE volunteer_id = $1 ORDER BY id DESC LIMIT 1`,
      [volunteerId],
    );
    return rows.length ? Number(rows[0].balance_after) : 0;
  }

  /**
   * Append `delta` (a whole number, may be negative). With `clampAtZero` a debit larger than the balance takes only
   * what is there (used when a confirmed attendance is rejected after its points were spent); without it such a
   * debit is 409 INSUFFICIENT_POINTS. Returns the entry, or null when nothing changed.
   */
  async append(
    em: EntityManager,
    e: {
      volunteerId: string;
      delta: number;
      reason: string;
      kind: PointsEntryKind;
      attendanceId?: string | null;
      redemptionId?: string | null;
      deedAwardId?: string | null;
      createdBy: string | null;
      clampAtZero?: boolean;
    },
  ): Promise<LedgerEntry | null> {
    if (!Number.isInteger(e.delta)) throw new Error(`points must be whole numbers, got ${e.delta}`);
    await em.query(`SELECT id FROM volunteers WHERE id = $1 FOR UPDATE`, [e.volunteerId]);
    const before = await this.balance(em, e.volunteerId);
    let delta = e.delta;
    if (before + delta < 0) {
      if (!e.clampAtZero) throw AppError.conflict('INSUFFICIENT_POINTS', `积分余额不足：当前 ${before} 分，需要 ${-delta} 分`);
      delta = -before;
    }
    if (delta === 0) return null;
    const [row]: Array<{ id: string; created_at: Date }> = await em.query(
      `INSERT INTO points_ledger (volunteer_id, delta, balance_after, reason, kind, attendance_id, redemption_id, deed_award_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id, created_at`,
      [e.volunteerId, delta, before + delta, e.reason.slice(0, 200), e.kind, e.attendanceId ?? null, e.redemptionId ?? null, e.deedAwardId ?? null, e.createdBy],
    );
    return { id: String(row.id), delta, balanceAfter: before + delta, createdAt: row.created_at };
  }

  /** Net points an attendance has earned so far (credits minus earlier debits). */
  async earnedBy(em: EntityManager, attendanceId: string): Promise<number> {
    const [r]: Array<{ s: string | null }> = await em.query(`SELECT sum(delta) AS s FROM points_ledger WHERE attendance_id = $1`, [attendanceId]);
    return Number(r.s ?? 0);
  }
}
