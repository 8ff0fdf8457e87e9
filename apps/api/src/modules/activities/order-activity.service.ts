import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { OrderActivityRepository, type NewOrderActivity } from './order-activity.repository';

/**
 * The activities module's side of service orders (issue 16: the orders module asks, this module writes
 * `activities`), always in the caller's transaction `em`. Its own file, so the activities service stays one concern.
 */
@Injectable()
export class OrderActivityService {
  constructor(private readonly repo: OrderActivityRepository) {}

  /** The accepted order's published menu_service activity (no capacity, a fresh check-in secret). */
  async createForOrder(em: EntityManager, a: Omit<NewOrderActivity, 'checkinSecret'>): Promise<void> {
    await this.repo.insertOrderActivity(em, { ...a, checkinSecret: randomBytes(32).toString('hex') });
  }

  /**
   * Before an accepted order is cancelled: lock its activity, and refuse (409) when people were already served
   * (their attendance must be rejected first).
   */
  async lockForOrderCancel(em: EntityManager, activityId: string): Promise<void> {
    await this.repo.lockActivityRow(em, activityId);
    if (await this.repo.hasConfirmedAttendance(em, activityId)) {
      throw AppError.conflict('ORDER_STATE_CONFLICT', '该点单的服务活动已有确认的签到记录，不能取消；请先驳回签到记录');
    }
  }

  /** The cancelled order's activity goes with it (unless it is already completed). */
  async cancelForOrder(em: EntityManager, activityId: string, reason: string): Promise<void> {
    await this.repo.cancelLiveActivity(em, activityId, reason);
  }
}
