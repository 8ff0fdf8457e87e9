import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One change of a volunteer's 志愿积分; the balance is the last row's balance_after. */
@Entity('points_ledger')
@Index('idx_points_ledger_volunteer', ['volunteerId', 'id'])
export class PointsLedgerEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'volunteer_id', type: 'uuid' })
  volunteerId: string;

  @Column({ type: 'numeric', precision: 12, scale: 2 })
  delta: string;

  @Column({ name: 'balance_after', type: 'numeric', precision: 12, scale: 2 })
  balanceAfter: string;

  @Column({ type: 'varchar', length: 200 })
  reason: string;

  @Column({ name: 'attendance_id', type: 'uuid', nullable: true })
  attendanceId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;
}
