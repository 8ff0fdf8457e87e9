import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { TeamType } from '@wenming/shared';

@Entity('teams')
export class TeamEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  type: TeamType;

  @Index('idx_teams_site')
  @Column({ name: 'site_id', type: 'uuid' })
  siteId: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'boolean', default: false })
  archived: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
