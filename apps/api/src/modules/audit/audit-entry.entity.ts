import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('audit_entries')
@Index('idx_audit_entity', ['entity', 'entityId'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'varchar', length: 50 })
  action: string;

  @Column({ type: 'varchar', length: 50 })
  entity: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 100 })
  entityId: string;

  @Column({ type: 'jsonb', nullable: true })
  before: unknown;

  @Column({ type: 'jsonb', nullable: true })
  after: unknown;

  @Index('idx_audit_at')
  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
