import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { OrderStatus } from '@wenming/shared';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { Params, mutateReturning, selectOne, selectRows, type Queryable } from '../../database/sql';
import type { OrderRow } from './service-orders.mapper';

/**
 * All SQL of the service-orders module's order rows (the statistics have their own order-stats.repository.ts).
 * Methods take the caller's EntityManager when the caller is inside a transaction.
 */

/**
 * overdue_since: when an undispatched / unaccepted order became overdue. `hours` is config.orderOverdueHours,
 * a validated positive integer, inlined so that every query (counts included) has the same parameters.
 */
const overdueSince = (hours: number) => {
  const h = Math.trunc(Number(hours));
  if (!Number.isInteger(h) || h <= 0) throw new Error('orderOverdueHours must be a positive integer');
  return `CASE WHEN o.status = 'ordered' THEN o.ordered_at + interval '${h} hours'
  WHEN o.status = 'dispatched' THEN o.dispatched_at + interval '${h} hours' END`;
};
export const overdueExpr = (hours: number) => `coalesce((${overdueSince(hours)}) <= now(), false)`;

const orderSelect = (h: number) => `
  SELECT o.id, o.menu_item_id, m.title AS menu_item_title, m.category, o.site_id, s.name AS site_name,
         o.requester_name, o.requester_phone, o.address, to_char(o.preferred_date, 'YYYY-MM-DD') AS preferred_date, o.note,
         o.status, o.team_id, t.name AS team_name, o.activity_id, o.rating, o.rating_comment, o.decline_reason, o.cancel_reason,
         o.ordered_at, o.dispatched_at, o.accepted_at, o.completed_at, o.rated_at, o.cancelled_at,
         ${overdueSince(h)} AS overdue_since, ${overdueExpr(h)} AS overdue,
         a.title AS activity_title, a.starts_at AS activity_starts_at, a.ends_at AS activity_ends_at, a.status AS activity_status
    FROM service_orders o
    JOIN menu_items m ON m.id = o.menu_item_id
    JOIN sites s ON s.id = o.site_id
    LEFT JOIN teams t ON t.id = o.team_id
    LEFT JOIN activities a ON a.id = o.activity_id`;

/** The site and every site below it (placeholder `p` holds the site id). */
export const SUBTREE = (p: string) =>
  `(WITH RECURSIVE st AS (SELECT id FROM sites WHERE id = ${p} UNION ALL SELECT c.id FROM sites c JOIN st ON c.parent_id = st.id) SELECT id FROM st)`;

/** Whose orders a caller sees: all (county admin), the sites of an admin's scope, or the teams a leader leads. */
export type OrderScope = { kind: 'all' } | { kind: 'sites'; siteIds: string[] } | { kind: 'teams'; teamIds: string[] };

/** The scope as WHERE conditions; its parameters come first, as they always have. */
export function scopeConditions(scope: OrderScope, p: Params): string[] {
  if (scope.kind === 'sites') return [`o.site_id = ANY(${p.add(scope.siteIds)}::uuid[])`];
  if (scope.kind === 'teams') return [`o.team_id = ANY(${p.add(scope.teamIds)}::uuid[])`];
  return [];
}

export const whereClause = (conds: string[]) => (conds.length ? `WHERE ${conds.join(' AND ')}` : '');

export interface OrderCore {
  id: string;
  site_id: string;
  status: OrderStatus;
  team_id: string | null;
  menu_item_id: string;
  activity_id: string | null;
}

export interface MenuItemForOrderRow {
  site_id: string | null;
  active: boolean;
  title: string;
}

export interface NewOrder {
  menuItemId: string;
  siteId: string;
  requesterName: string;
  requesterPhone: string;
  address: string;
  preferredDate: string;
  note: string;
  trackingToken: string;
}

export interface OrderListFilter {
  scope: OrderScope;
  status?: OrderStatus;
  siteId?: string;
  teamId?: string;
  overdue?: boolean;
  page: number;
  pageSize: number;
}

export interface DispatchTeamRow {
  archived: boolean;
  provides: boolean;
}

/** What an accepted order's activity is made of: the ordered item and the resident's request. */
export interface AcceptContextRow {
  title: string;
  category: string;
  site_id: string;
  address: string;
  note: string;
  preferred_date: string;
}

/** The columns a workflow step changes besides the status (each step its own shape). */
export type OrderChange =
  | { action: 'dispatch'; teamId: string }
  | { action: 'accept'; activityId: string; teamId: string | null }
  | { action: 'decline'; reason: string; teamId: string | null }
  | { action: 'cancel'; reason: string };

@Injectable()
export class ServiceOrdersRepository {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get hours() {
    return this.config.orderOverdueHours;
  }

  // ---------- the resident's order ----------

  findSiteLevel(em: Queryable, siteId: string) {
    return selectOne<{ level: string }>(em, `SELECT level FROM sites WHERE id = $1`, [siteId]);
  }

  /** KEY SHARE: a concurrent delete of the item waits for this order (and then only deactivates it). */
  findMenuItemForOrder(em: EntityManager, menuItemId: string) {
    return selectOne<MenuItemForOrderRow>(em, `SELECT site_id, active, title FROM menu_items WHERE id = $1 FOR KEY SHARE`, [menuItemId]);
  }

  async insertOrder(em: EntityManager, o: NewOrder): Promise<{ id: string; status: OrderStatus; ordered_at: Date }> {
    const [row] = await selectRows<{ id: string; status: OrderStatus; ordered_at: Date }>(
      em,
      `INSERT INTO service_orders (menu_item_id, site_id, requester_name, requester_phone, address, preferred_date, note, tracking_token)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id, status, ordered_at`,
      [o.menuItemId, o.siteId, o.requesterName, o.requesterPhone, o.address, o.preferredDate, o.note, o.trackingToken],
    );
    return row;
  }

  findOrderByToken(em: Queryable, token: string): Promise<OrderRow | undefined> {
    const p = new Params();
    return selectOne<OrderRow>(em, `${orderSelect(this.hours)} WHERE o.tracking_token = ${p.add(token)}`, p.values);
  }

  /** completed → rated, once; answers the rated order's id (none when the order was not completed). */
  rateCompletedOrder(em: EntityManager, token: string, stars: number, comment: string | null) {
    return mutateReturning<{ id: string }>(
      em,
      `UPDATE service_orders SET status = 'rated', rating = $2, rating_comment = $3, rated_at = now()
          WHERE tracking_token = $1 AND status = 'completed' RETURNING id`,
      [token, stars, comment],
    );
  }

  findStatusByToken(em: EntityManager, token: string) {
    return selectOne<{ status: OrderStatus }>(em, `SELECT status FROM service_orders WHERE tracking_token = $1`, [token]);
  }

  // ---------- staff ----------

  /** A page of orders (newest first) and the total. */
  async listOrders(f: OrderListFilter): Promise<{ rows: OrderRow[]; total: number }> {
    const p = new Params();
    const h = this.hours;
    const where = scopeConditions(f.scope, p);
    if (f.status) where.push(`o.status = ${p.add(f.status)}`);
    if (f.siteId) where.push(`o.site_id IN ${SUBTREE(`${p.add(f.siteId)}::uuid`)}`);
    if (f.teamId) where.push(`o.team_id = ${p.add(f.teamId)}`);
    if (f.overdue !== undefined) where.push(f.overdue ? overdueExpr(h) : `NOT ${overdueExpr(h)}`);
    const cond = whereClause(where);
    const [{ n }] = await selectRows<{ n: number }>(this.db, `SELECT count(*)::int AS n FROM service_orders o ${cond}`, p.values);
    const rows = await selectRows<OrderRow>(
      this.db,
      `${orderSelect(h)} ${cond} ORDER BY o.ordered_at DESC, o.id LIMIT ${p.add(f.pageSize)} OFFSET ${p.add((f.page - 1) * f.pageSize)}`,
      p.values,
    );
    return { rows, total: n };
  }

  findOrder(em: Queryable, id: string): Promise<OrderRow | undefined> {
    const p = new Params();
    return selectOne<OrderRow>(em, `${orderSelect(this.hours)} WHERE o.id = ${p.add(id)}`, p.values);
  }

  findOrderCore(em: Queryable, id: string): Promise<OrderCore | undefined> {
    return selectOne<OrderCore>(em, `SELECT id, site_id, status, team_id, menu_item_id, activity_id FROM service_orders WHERE id = $1`, [id]);
  }

  findTeamForDispatch(em: EntityManager, teamId: string, menuItemId: string) {
    return selectOne<DispatchTeamRow>(
      em,
      `SELECT t.archived, EXISTS (SELECT 1 FROM menu_item_teams mt WHERE mt.menu_item_id = $2 AND mt.team_id = t.id) AS provides
           FROM teams t WHERE t.id = $1`,
      [teamId, menuItemId],
    );
  }

  findAcceptContext(em: EntityManager, id: string): Promise<AcceptContextRow | undefined> {
    return selectOne<AcceptContextRow>(
      em,
      `SELECT m.title, m.category, o.site_id, o.address, o.note, to_char(o.preferred_date, 'YYYY-MM-DD') AS preferred_date
           FROM service_orders o JOIN menu_items m ON m.id = o.menu_item_id WHERE o.id = $1`,
      [id],
    );
  }

  /**
   * Conditional UPDATE … WHERE status = <seen state>: of two concurrent requests exactly one changes the row; the
   * other gets false. Accept and decline also require the order to be still with the team that was seen.
   */
  async updateOrderStatus(em: EntityManager, id: string, seen: OrderStatus, next: OrderStatus, c: OrderChange): Promise<boolean> {
    const [set, extra, extraWhere, whereParams] = ((): [string, unknown[], string, unknown[]] => {
      switch (c.action) {
        case 'dispatch':
          return [`team_id = $3, dispatched_at = now()`, [c.teamId], '', []];
        case 'accept':
          return [`accepted_at = now(), activity_id = $3`, [c.activityId], `AND team_id = $4`, [c.teamId]];
        case 'decline':
          return [`team_id = NULL, dispatched_at = NULL, decline_reason = $3`, [c.reason], `AND team_id = $4`, [c.teamId]];
        case 'cancel':
          return [`cancel_reason = $3, cancelled_at = now()`, [c.reason], '', []];
      }
    })();
    const updated = await mutateReturning<{ id: string }>(
      em,
      `UPDATE service_orders SET status = $2, ${set} WHERE id = $1 AND status = $${2 + extra.length + whereParams.length + 1} ${extraWhere} RETURNING id`,
      [id, next, ...extra, ...whereParams, seen],
    );
    return updated.length > 0;
  }
}
