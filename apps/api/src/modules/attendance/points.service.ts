import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PointsEntryKind } from '@wenming/shared';
import { AppError } from '../../common/errors/app-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { pointsForMinutes } from './attendance-rules';
import { PointsRepository } from './points.repository';

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
  constructor(
    private readonly repo: PointsRepository,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'pointsPerHour'>,
  ) {}

  balance(em: EntityManager, volunteerId: string): Promise<number> {
    return this.repo.lastBalance(em, volunteerId);
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
    return this.repo.sumForAttendance(em, attendanceId);
  }

  /** The points a confirmed attendance earns (config.pointsPerHour), credited; answers the points (0: nothing written). */
  async creditAttendance(em: EntityManager, a: { volunteerId: string; attendanceId: string; minutes: number; title: string; by: string }): Promise<number> {
    const pts = pointsForMinutes(a.minutes, this.config.pointsPerHour);
    if (pts > 0) {
      await this.append(em, { volunteerId: a.volunteerId, delta: pts, reason: `服务时长：${a.title}`.slice(0, 200), kind: 'earned', attendanceId: a.attendanceId, createdBy: a.by });
    }
    return pts;
  }

  /** A confirmed attendance rejected: take back what it earned, at most down to a zero balance. */
  async reverseAttendance(em: EntityManager, a: { volunteerId: string; attendanceId: string; title: string; by: string }): Promise<void> {
    const earned = await this.earnedBy(em, a.attendanceId);
    if (earned > 0) {
      await this.append(em, {
        volunteerId: a.volunteerId,
        delta: -earned,
        reason: `考勤驳回，扣回积分：${a.title}`.slice(0, 200),
        kind: 'adjusted',
        attendanceId: a.attendanceId,
        createdBy: a.by,
        clampAtZero: true,
      });
    }
  }
}
