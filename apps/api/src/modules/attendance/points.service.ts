import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error';

/** 志愿积分 ledger. Every change locks the volunteer row, reads the last balance and appends a row. */
@Injectable()
export class PointsService {
  async balance(em: EntityManager, volunteerId: string): Promise<number> {
    const rows: Array<{ balance_after: string }> = await em.query(
      `SELECT balance_after FROM points_ledger WHERE volunteer_id = $1 ORDER BY id DESC LIMIT 1`,
      [volunteerId],
    );
    return rows.length ? Number(rows[0].balance_after) : 0;
  }

  /**
   * Append `delta` (may be negative). With `clampAtZero` a debit larger than the balance takes only
   * what is there (used when a confirmed attendance is rejected after its points were spent);
   * without it such a debit is 409 INSUFFICIENT_POINTS. Returns the entry, or null when nothing changed.
   */
  async append(
    em: EntityManager,
    e: { volunteerId: string; delta: number; reason: string; attendanceId?: string | null; createdBy: string | null; clampAtZero?: boolean },
  ): Promise<{ id: string; delta: number; balanceAfter: number; createdAt: Date } | null> {
    await em.query(`SELECT id FROM volunteers WHERE id = $1 FOR UPDATE`, [e.volunteerId]);
    const cents = (n: number) => Math.round(n * 100);
    const before = cents(await this.balance(em, e.volunteerId));
    let delta = cents(e.delta);
    if (before + delta < 0) {
      if (!e.clampAtZero) throw AppError.conflict('INSUFFICIENT_POINTS', `积分余额不足：当前 ${before / 100} 分，需要 ${-delta / 100} 分`);
      delta = -before;
    }
    if (delta === 0) return null;
    const [row]: Array<{ id: string; created_at: Date }> = await em.query(
      `INSERT INTO points_ledger (volunteer_id, delta, balance_after, reason, attendance_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, created_at`,
      [e.volunteerId, (delta / 100).toFixed(2), ((before + delta) / 100).toFixed(2), e.reason, e.attendanceId ?? null, e.createdBy],
    );
    return { id: String(row.id), delta: delta / 100, balanceAfter: (before + delta) / 100, createdAt: row.created_at };
  }

  /** Net points an attendance has earned so far (credits minus earlier debits). */
  async earnedBy(em: EntityManager, attendanceId: string): Promise<number> {
    const [r]: Array<{ s: string | null }> = await em.query(`SELECT sum(delta) AS s FROM points_ledger WHERE attendance_id = $1`, [attendanceId]);
    return Number(r.s ?? 0);
  }
}
