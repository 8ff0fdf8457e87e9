import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ActivityCategory } from '@wenming/shared';

/** A recurring Friday (by default) volunteer service day of a team. */
@Entity('service_day_schedules')
export class ServiceDayScheduleEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('idx_schedules_team')
  @Column({ name: 'team_id', type: 'uuid' })
  teamId: string;

  /** Venue of the occurrences (default the team's site). */
  @Column({ name: 'site_id', type: 'uuid' })
  siteId: string;

  @Column({ type: 'text', default: '' })
  address: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 30 })
  category: ActivityCategory;

  /** ISO weekday 1 (Monday) … 7 (Sunday); 5 = Friday. */
  @Column({ type: 'smallint', default: 5 })
  weekday: number;

  /** "HH:mm", Asia/Shanghai local time. */
  @Column({ name: 'start_time', type: 'varchar', length: 5 })
  startTime: string;

  @Column({ name: 'end_time', type: 'varchar', length: 5 })
  endTime: string;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date' })
  endsOn: string;

  @Column({ type: 'int', nullable: true })
  capacity: number | null;

  @Column({ name: 'skip_dates', type: 'date', array: true, default: () => "'{}'" })
  skipDates: string[];

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;
}
