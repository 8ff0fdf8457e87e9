import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PointsEntryKind } from '@wenming/shared';
import { AppError } from '../../common/errors/app-error';
import { PointsLedgerRepository } from './points-ledger.repository';

export interface LedgerEntry {
  id: string;
  delta: number;
  balanceAfter: number;
  createdAt: Date;
}

export interface LedgerAppend {
  volunteerId: string;
  delta: number;
  reason: string;
  kind: PointsEntryKind;
  attendanceId?: string | null;
  redemptionId?: string | null;
  deedAwardId?: string | null;
  createdBy: string | null;
  clampAtZero?: boolean;
}

/**
 * 志愿积分 ledger, whole points: the ONE writer of points_ledger (attendance confirm/reject, deeds, redemptions,
 * manual records all call it, inside their own transaction). Every change locks the volunteer row, reads the last
 * balance and appends a row (CHECK balance_after >= 0 backs the rule in the database).
 */
@Injectable()
export class PointsLedgerService {
  constructor(private readonly repo: PointsLedgerRepository) {}

  balance(em: EntityManager, volunteerId: string): Promise<number> {
    return this.repo.lastBalance(em, volunteerId);
  }

  /**
   * Append `delta` (a whole number, may be negative). With `clampAtZero` a debit larger than the balance takes only
   * what is there (used when a confirmed attendance is rejected after its points were spent); without it such a
   * debit is 409 INSUFFICIENT_POINTS. Returns the entry, or null when nothing changed.
   */
  async append(em: EntityManager, e: LedgerAppend): Promise<LedgerEntry | null> {
    if (!Number.isInteger(e.delta)) throw new Error(`points must be whole numbers, got ${e.delta}`);
    await this.repo.lockVolunteer(em, e.volunteerId);
    const before = await this.repo.lastBalance(em, e.volunteerId);
    let delta = e.delta;
    if (before + delta < 0) {
      if (!e.clampAtZero) throw AppError.conflict('INSUFFICIENT_POINTS', `积分余额不足：当前 ${before} 分，需要 ${-delta} 分`);
      delta = -before;
    }
    if (delta === 0) return null;
    const row = await this.repo.insertEntry(em, {
      volunteerId: e.volunteerId,
      delta,
      balanceAfter: before + delta,
      reason: e.reason.slice(0, 200),
      kind: e.kind,
      attendanceId: e.attendanceId ?? null,
      redemptionId: e.redemptionId ?? null,
      deedAwardId: e.deedAwardId ?? null,
      createdBy: e.createdBy,
    });
    return { id: String(row.id), delta, balanceAfter: before + delta, createdAt: row.created_at };
  }

  /** Net points an attendance has earned so far (credits minus earlier debits). */
  earnedBy(em: EntityManager, attendanceId: string): Promise<number> {
    return this.repo.netPointsOfAttendance(em, attendanceId);
  }
}
