import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ActivityCategory } from '@wenming/shared';

@Entity('menu_items')
export class MenuItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** null = county-wide: every station's menu includes it. */
  @Index('idx_menu_items_site')
  @Column({ name: 'site_id', type: 'uuid', nullable: true })
  siteId: string | null;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'varchar', length: 30 })
  category: ActivityCategory;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}

/** The teams that can provide a menu item (dispatch goes only to these). */
@Entity('menu_item_teams')
export class MenuItemTeamEntity {
  @PrimaryColumn({ name: 'menu_item_id', type: 'uuid' })
  menuItemId: string;

  @Index('idx_menu_item_teams_team')
  @PrimaryColumn({ name: 'team_id', type: 'uuid' })
  teamId: string;
}
