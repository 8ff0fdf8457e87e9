import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { RegionLevel } from '@wenming/shared';

@Entity('regions')
export class RegionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  level: RegionLevel;

  @Index('idx_regions_parent')
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @Index('uq_regions_code', { unique: true })
  @Column({ type: 'varchar', length: 20 })
  code: string;
}
