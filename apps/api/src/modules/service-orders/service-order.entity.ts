import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { OrderStatus } from '@wenming/shared';

@Entity('service_orders')
@Index('idx_service_orders_site_ordered', ['siteId', 'orderedAt'])
export class ServiceOrderEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('idx_service_orders_menu_item')
  @Column({ name: 'menu_item_id', type: 'uuid' })
  menuItemId: string;

  /** The station the resident ordered from. */
  @Column({ name: 'site_id', type: 'uuid' })
  siteId: string;

  @Column({ name: 'requester_name', type: 'varchar', length: 50 })
  requesterName: string;

  @Column({ name: 'requester_phone', type: 'varchar', length: 11 })
  requesterPhone: string;

  @Column({ type: 'varchar', length: 200 })
  address: string;

  @Column({ name: 'preferred_date', type: 'date' })
  preferredDate: string;

  @Column({ type: 'text', default: '' })
  note: string;

  @Index('idx_service_orders_status')
  @Column({ type: 'varchar', length: 20, default: 'ordered' })
  status: OrderStatus;

  @Index('idx_service_orders_team')
  @Column({ name: 'team_id', type: 'uuid', nullable: true })
  teamId: string | null;

  @Column({ name: 'activity_id', type: 'uuid', nullable: true })
  activityId: string | null;

  @Column({ type: 'smallint', nullable: true })
  rating: number | null;

  @Column({ name: 'rating_comment', type: 'text', nullable: true })
  ratingComment: string | null;

  @Column({ name: 'decline_reason', type: 'text', nullable: true })
  declineReason: string | null;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason: string | null;

  @Column({ name: 'ordered_at', type: 'timestamptz', default: () => 'now()' })
  orderedAt: Date;

  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ name: 'rated_at', type: 'timestamptz', nullable: true })
  ratedAt: Date | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  /** Random, url-safe, 192 bits; the resident's only key to the order. Never listed. */
  @Column({ name: 'tracking_token', type: 'varchar', length: 64, unique: true })
  trackingToken: string;
}
