import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { SignupStatus } from '@wenming/shared';

@Entity('signups')
@Index('idx_signups_activity_status', ['activityId', 'status', 'createdAt'])
export class SignupEntity {
  @PrimaryColumn({ name: 'activity_id', type: 'uuid' })
  activityId: string;

  @Index('idx_signups_volunteer')
  @PrimaryColumn({ name: 'volunteer_id', type: 'uuid' })
  volunteerId: string;

  @Column({ type: 'varchar', length: 20 })
  status: SignupStatus;

  @Column({ name: 'signed_up_by', type: 'uuid', nullable: true })
  signedUpBy: string | null;

  /** Waitlist order: the earliest waitlisted is promoted first. */
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  updatedAt: Date;
}
