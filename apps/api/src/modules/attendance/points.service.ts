import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { pointsForMinutes } from './attendance-rules';
import { PointsLedgerService, type LedgerAppend, type LedgerEntry } from '../points-shop/points-ledger.service';

/**
 * Points of attendance (志愿积分 earned by confirmed hours): credited on confirm, taken back on reject. The ledger
 * itself is written only by the points-shop module's PointsLedgerService (one writer of points_ledger).
 */
@Injectable()
export class PointsService {
  constructor(
    private readonly ledger: PointsLedgerService,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'pointsPerHour'>,
  ) {}

  balance(em: EntityManager, volunteerId: string): Promise<number> {
    return this.ledger.balance(em, volunteerId);
  }

  /** A ledger entry of the caller's (records' manual adjustments), through the one ledger writer. */
  append(em: EntityManager, e: LedgerAppend): Promise<LedgerEntry | null> {
    return this.ledger.append(em, e);
  }

  /** Net points an attendance has earned so far. */
  earnedBy(em: EntityManager, attendanceId: string): Promise<number> {
    return this.ledger.earnedBy(em, attendanceId);
  }

  /** The points a confirmed attendance earns (config.pointsPerHour), credited; answers the points (0: nothing written). */
  async creditAttendance(em: EntityManager, a: { volunteerId: string; attendanceId: string; minutes: number; title: string; by: string }): Promise<number> {
    const pts = pointsForMinutes(a.minutes, this.config.pointsPerHour);
    if (pts > 0) {
      await this.ledger.append(em, {
        volunteerId: a.volunteerId,
        delta: pts,
        reason: `服务时长：${a.title}`.slice(0, 200),
        kind: 'earned',
        attendanceId: a.attendanceId,
        createdBy: a.by,
      });
    }
    return pts;
  }

  /** A confirmed attendance rejected: take back what it earned, at most down to a zero balance. */
  async reverseAttendance(em: EntityManager, a: { volunteerId: string; attendanceId: string; title: string; by: string }): Promise<void> {
    const earned = await this.ledger.earnedBy(em, a.attendanceId);
    if (earned > 0) {
      await this.ledger.append(em, {
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
