import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { selectRows, type Queryable } from '../../database/sql';
import { MenuItemEntity, MenuItemTeamEntity } from './menu-item.entity';

export interface MenuItemFilter {
  siteId?: string;
  category?: string;
  includeInactive: boolean;
  page: number;
  pageSize: number;
}

/** A team a menu item is offered by. */
export interface MenuItemTeamRow {
  menu_item_id: string;
  id: string;
  name: string;
}

/** A team as a menu item's offering team is checked (exists, live, in scope). */
export interface OfferingTeamRow {
  id: string;
  site_id: string;
  archived: boolean;
}

/** All SQL of the service menu (menu_items, menu_item_teams). */
@Injectable()
export class MenuItemsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** County-wide items first, then by title. With siteId: that site's own items plus the county-wide ones. */
  async page(f: MenuItemFilter): Promise<{ rows: MenuItemEntity[]; total: number }> {
    const qb = this.db.getRepository(MenuItemEntity).createQueryBuilder('m');
    if (f.siteId) qb.andWhere('(m.site_id = :siteId OR m.site_id IS NULL)', { siteId: f.siteId });
    if (f.category) qb.andWhere('m.category = :category', { category: f.category });
    if (!f.includeInactive) qb.andWhere('m.active = true');
    const [rows, total] = await qb
      .orderBy('m.site_id IS NULL', 'DESC')
      .addOrderBy('m.title', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .skip((f.page - 1) * f.pageSize)
      .take(f.pageSize)
      .getManyAndCount();
    return { rows, total };
  }

  async lockItem(em: EntityManager, id: string): Promise<MenuItemEntity | null> {
    return em.findOne(MenuItemEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Replace the offering teams of an item (none before on create). */
  async setTeams(em: EntityManager, menuItemId: string, teamIds: string[], replace: boolean): Promise<void> {
    if (replace) await em.delete(MenuItemTeamEntity, { menuItemId });
    await em.insert(
      MenuItemTeamEntity,
      teamIds.map((teamId) => ({ menuItemId, teamId })),
    );
  }

  async siteLevel(em: Queryable, siteId: string): Promise<string | undefined> {
    return (await selectRows<{ level: string }>(em, `SELECT level FROM sites WHERE id = $1`, [siteId]))[0]?.level;
  }

  async findTeams(em: EntityManager, ids: string[]): Promise<OfferingTeamRow[]> {
    return selectRows<OfferingTeamRow>(em, `SELECT id, site_id, archived FROM teams WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** Does any service order refer to the item? (the caller holds the item's row lock: a concurrent order waits) */
  async hasOrders(em: EntityManager, id: string): Promise<boolean> {
    return (await selectRows(em, `SELECT 1 FROM service_orders WHERE menu_item_id = $1 LIMIT 1`, [id])).length > 0;
  }

  async teamsOfItems(em: Queryable, ids: string[]): Promise<MenuItemTeamRow[]> {
    return selectRows<MenuItemTeamRow>(
      em,
      `SELECT mt.menu_item_id, t.id, t.name FROM menu_item_teams mt JOIN teams t ON t.id = mt.team_id
        WHERE mt.menu_item_id = ANY($1::uuid[]) ORDER BY t.name, t.id`,
      [ids],
    );
  }

  async siteNames(em: Queryable, siteIds: string[]): Promise<Map<string, string>> {
    if (!siteIds.length) return new Map();
    const rows = await selectRows<{ id: string; name: string }>(em, `SELECT id, name FROM sites WHERE id = ANY($1::uuid[])`, [siteIds]);
    return new Map(rows.map((s) => [s.id, s.name]));
  }
}
