import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AttendanceMethod, AttendanceStatus } from '@wenming/shared';

@Entity('attendance')
@Index('uq_attendance_activity_volunteer', ['activityId', 'volunteerId'], { unique: true })
export class AttendanceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'activity_id', type: 'uuid' })
  activityId: string;

  @Index('idx_attendance_volunteer')
  @Column({ name: 'volunteer_id', type: 'uuid' })
  volunteerId: string;

  @Column({ name: 'check_in_at', type: 'timestamptz' })
  checkInAt: Date;

  @Column({ name: 'check_out_at', type: 'timestamptz', nullable: true })
  checkOutAt: Date | null;

  @Column({ type: 'varchar', length: 20 })
  method: AttendanceMethod;

  /** Whole minutes served; set when confirmed (overlap with the activity). */
  @Column({ type: 'int', nullable: true })
  minutes: number | null;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  status: AttendanceStatus;

  @Column({ name: 'confirmed_by', type: 'uuid', nullable: true })
  confirmedBy: string | null;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @Column({ name: 'rejected_reason', type: 'text', nullable: true })
  rejectedReason: string | null;

  /** When a check-in made offline reached the server (null for a live one). */
  @Column({ name: 'received_at', type: 'timestamptz', nullable: true })
  receivedAt: Date | null;

  @Column({ name: 'check_out_received_at', type: 'timestamptz', nullable: true })
  checkOutReceivedAt: Date | null;

  /** The phone's idempotency keys of the check-in / check-out records. */
  @Column({ name: 'checkin_key', type: 'uuid', nullable: true })
  checkinKey: string | null;

  @Column({ name: 'checkout_key', type: 'uuid', nullable: true })
  checkoutKey: string | null;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
