import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ORDER_STATUSES, TIME_ZONE, type OrderStatus } from '@wenming/shared';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Params, selectRows } from '../../database/sql';
import { SUBTREE, overdueExpr, scopeConditions, whereClause, type OrderScope } from './service-orders.repository';

/** The statistics' filter (dates are the order's Asia/Shanghai ordering day). */
export interface OrderStatsFilter {
  scope: OrderScope;
  from?: string;
  to?: string;
  siteId?: string;
  townId?: string;
  teamId?: string;
  teamType?: string;
  category?: string;
  kind?: string;
}

export type OrderStatsRow = Record<OrderStatus, number> & {
  total: number;
  overdue: number;
  average_rating: string | null;
  rated_count: number;
  hours_to_dispatch: string | null;
  hours_to_accept: string | null;
};

export interface TeamRatingRow {
  team_id: string;
  team_name: string;
  site_id: string;
  site_name: string;
  average_rating: string;
  rated_count: number;
  n: number;
}

/** All SQL of the order statistics (/stats/orders, /service-orders/team-ratings). */
@Injectable()
export class OrderStatsRepository {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private conditions(f: OrderStatsFilter, p: Params): string[] {
    const where = scopeConditions(f.scope, p);
    if (f.from) where.push(`(o.ordered_at AT TIME ZONE '${TIME_ZONE}')::date >= ${p.add(f.from)}::date`);
    if (f.to) where.push(`(o.ordered_at AT TIME ZONE '${TIME_ZONE}')::date <= ${p.add(f.to)}::date`);
    if (f.siteId) where.push(`o.site_id IN ${SUBTREE(`${p.add(f.siteId)}::uuid`)}`);
    if (f.townId) {
      const t = p.add(f.townId);
      where.push(`o.site_id IN (SELECT s.id FROM sites s JOIN regions r ON r.id = s.region_id WHERE r.id = ${t}::uuid OR r.parent_id = ${t}::uuid)`);
    }
    if (f.teamId) where.push(`o.team_id = ${p.add(f.teamId)}::uuid`);
    if (f.teamType) where.push(`o.team_id IN (SELECT ft.id FROM teams ft WHERE ft.type = ${p.add(f.teamType)})`);
    if (f.category) where.push(`o.menu_item_id IN (SELECT fm.id FROM menu_items fm WHERE fm.category = ${p.add(f.category)})`);
    // every order becomes a menu_service activity: another kind has no orders
    if (f.kind && f.kind !== 'menu_service') where.push('false');
    return where;
  }

  /** Counts by status, overdue, average rating and the average hours to dispatch / accept. */
  async summarise(f: OrderStatsFilter): Promise<OrderStatsRow> {
    const p = new Params();
    const cond = whereClause(this.conditions(f, p));
    const [r] = await selectRows<OrderStatsRow>(
      this.db,
      `SELECT ${ORDER_STATUSES.map((s) => `count(*) FILTER (WHERE o.status = '${s}')::int AS "${s}"`).join(', ')},
              count(*)::int AS total,
              count(*) FILTER (WHERE ${overdueExpr(this.config.orderOverdueHours)})::int AS overdue,
              round(avg(o.rating)::numeric, 2) AS average_rating,
              count(o.rating)::int AS rated_count,
              round((avg(extract(epoch FROM o.dispatched_at - o.ordered_at)) / 3600)::numeric, 1) AS hours_to_dispatch,
              round((avg(extract(epoch FROM o.accepted_at - o.dispatched_at)) / 3600)::numeric, 1) AS hours_to_accept
         FROM service_orders o ${cond}`,
      p.values,
    );
    return r;
  }

  /** A page of teams by average rating of their rated orders (best first); `n` on each row is the number of teams. */
  teamRatings(f: OrderStatsFilter, page: { minRated: number; page: number; pageSize: number }): Promise<TeamRatingRow[]> {
    const p = new Params();
    const where = this.conditions(f, p);
    where.push('o.rating IS NOT NULL');
    return selectRows<TeamRatingRow>(
      this.db,
      `SELECT t.id AS team_id, t.name AS team_name, t.site_id, ts.name AS site_name, round(avg(o.rating)::numeric, 2) AS average_rating,
              count(*)::int AS rated_count, count(*) OVER ()::int AS n
         FROM service_orders o JOIN teams t ON t.id = o.team_id JOIN sites ts ON ts.id = t.site_id
        WHERE ${where.join(' AND ')}
        GROUP BY t.id, t.name, t.site_id, ts.name
       HAVING count(*) >= ${p.add(page.minRated)}
        ORDER BY avg(o.rating) DESC, count(*) DESC, t.name, t.id
        LIMIT ${p.add(page.pageSize)} OFFSET ${p.add((page.page - 1) * page.pageSize)}`,
      p.values,
    );
  }
}
