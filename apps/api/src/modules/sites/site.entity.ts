import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { SiteLevel } from '@wenming/shared';

@Entity('sites')
export class SiteEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  level: SiteLevel;

  @Index('idx_sites_region')
  @Column({ name: 'region_id', type: 'uuid' })
  regionId: string;

  @Index('idx_sites_parent')
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @Column({ type: 'varchar', length: 200, default: '' })
  address: string;

  @Column({ name: 'contact_name', type: 'varchar', length: 50, default: '' })
  contactName: string;

  @Column({ name: 'contact_phone', type: 'varchar', length: 20, default: '' })
  contactPhone: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
