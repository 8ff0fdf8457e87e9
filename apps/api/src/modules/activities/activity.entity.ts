import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ActivityCategory, ActivityKind, ActivityStatus } from '@wenming/shared';

@Entity('activities')
@Index('idx_activities_team_starts', ['teamId', 'startsAt'])
@Index('idx_activities_site_starts', ['siteId', 'startsAt'])
export class ActivityEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 20 })
  kind: ActivityKind;

  @Column({ type: 'varchar', length: 30 })
  category: ActivityCategory;

  /** The venue: the practice site where the activity happens (default the team's site). */
  @Column({ name: 'site_id', type: 'uuid' })
  siteId: string;

  /** The exact spot at the venue (e.g. 东关广场); '' when not given. */
  @Column({ type: 'text', default: '' })
  address: string;

  @Column({ name: 'team_id', type: 'uuid' })
  teamId: string;

  @Index('idx_activities_starts')
  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'int', nullable: true })
  capacity: number | null;

  @Column({ type: 'varchar', length: 20, default: 'published' })
  status: ActivityStatus;

  @Column({ name: 'audience_reached', type: 'int', nullable: true })
  audienceReached: number | null;

  @Index('idx_activities_schedule')
  @Column({ name: 'schedule_id', type: 'uuid', nullable: true })
  scheduleId: string | null;

  @Column({ name: 'service_order_id', type: 'uuid', nullable: true })
  serviceOrderId: string | null;

  @Column({ type: 'text', default: '' })
  description: string;

  /** Per-activity secret of the rotating check-in code (hex); never leaves the API. */
  @Column({ name: 'checkin_secret', type: 'varchar', length: 64 })
  checkinSecret: string;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;
}
