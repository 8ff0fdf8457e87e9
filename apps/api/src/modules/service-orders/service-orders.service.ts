import { TIME_ZONE } from '@wenming/shared';
import { Inject, Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  MAX_ACTIVITY_HOURS,
  ORDER_STATUSES,
  shanghaiDate,
  type CreateServiceOrderResponse,
  type OrderStatsDto,
  type OrderStatus,
  type ServiceOrderDto,
  type ServiceOrderTrackingDto,
  type TeamRatingDto,
} from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { paginate } from '../../common/dto/pagination.dto';
import { AppError } from '../../common/errors/app-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { NoticesService } from '../notices/notices.service';
import { NoticeTexts } from '../notices/notice-texts';
import { AcceptOrderDto, CreateServiceOrderDto, DispatchOrderDto, OrderStatsQueryDto, RateOrderDto, ReasonDto, ServiceOrderQueryDto, TeamRatingsQueryDto } from './dto/service-order.dto';
import { assertOrderTransition, orderStateConflict, type OrderAction } from './service-order-state';
import { toServiceOrderDto, toTrackingDto, type OrderRow } from './service-orders.mapper';

/** Positional SQL parameters. */
class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

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
const overdueExpr = (hours: number) => `coalesce((${overdueSince(hours)}) <= now(), false)`;

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

const SUBTREE = (p: string) =>
  `(WITH RECURSIVE st AS (SELECT id FROM sites WHERE id = ${p} UNION ALL SELECT c.id FROM sites c JOIN st ON c.parent_id = st.id) SELECT id FROM st)`;

/** TypeORM answers an UPDATE … RETURNING on PostgreSQL with [rows, rowCount]. */
function returnedRows<T>(res: unknown): T[] {
  const r = res as unknown[];
  return (Array.isArray(r[0]) ? r[0] : r) as T[];
}

interface OrderCore {
  id: string;
  site_id: string;
  status: OrderStatus;
  team_id: string | null;
  menu_item_id: string;
  activity_id: string | null;
}

@Injectable()
export class ServiceOrdersService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly notices: NoticesService,
  ) {}

  // ---------- residents (no login) ----------

  async create(dto: CreateServiceOrderDto): Promise<CreateServiceOrderResponse> {
    if (dto.preferredDate < shanghaiDate(new Date())) {
      throw AppError.validation([{ field: 'preferredDate', message: '希望服务日期不能早于今天' }]);
    }
    return this.db.transaction(async (em) => {
      const sites: Array<{ level: string }> = await em.query(`SELECT level FROM sites WHERE id = $1`, [dto.siteId]);
      if (!sites.length) throw AppError.validation([{ field: 'siteId', message: '所选站点不存在' }]);
      if (sites[0].level !== 'station') throw AppError.validation([{ field: 'siteId', message: '请在实践站的服务菜单中点单' }]);
      // KEY SHARE: a concurrent delete of the item waits for this order (and then only deactivates it)
      const items: Array<{ site_id: string | null; active: boolean; title: string }> = await em.query(
        `SELECT site_id, active, title FROM menu_items WHERE id = $1 FOR KEY SHARE`,
        [dto.menuItemId],
      );
      if (!items.length) throw AppError.validation([{ field: 'menuItemId', message: '所选服务项目不存在' }]);
      const item = items[0];
      if (!item.active) throw AppError.conflict('MENU_ITEM_UNAVAILABLE', `服务项目“${item.title}”已下架，请选择其他项目`);
      if (item.site_id !== null && item.site_id !== dto.siteId) {
        throw AppError.conflict('MENU_ITEM_UNAVAILABLE', `服务项目“${item.title}”不在该站点的服务菜单中`);
      }
      const token = randomBytes(24).toString('base64url'); // 192 bits, url-safe
      const [row]: Array<{ id: string; status: OrderStatus; ordered_at: Date }> = await em.query(
        `INSERT INTO service_orders (menu_item_id, site_id, requester_name, requester_phone, address, preferred_date, note, tracking_token)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id, status, ordered_at`,
        [dto.menuItemId, dto.siteId, dto.requesterName.trim(), dto.requesterPhone, dto.address.trim(), dto.preferredDate, dto.note ?? '', token],
      );
      await this.audit.record(em, {
        actorUserId: null,
        action: 'service_order.create',
        entity: 'service_order',
        entityId: row.id,
        after: { status: row.status, menuItemId: dto.menuItemId, siteId: dto.siteId, preferredDate: dto.preferredDate },
      });
      return { id: row.id, trackingToken: token, status: row.status };
    });
  }

  async track(token: string, em: EntityManager = this.db.manager): Promise<ServiceOrderTrackingDto> {
    const p = new Params();
    const h = this.config.orderOverdueHours;
    const rows: OrderRow[] = await em.query(`${orderSelect(h)} WHERE o.tracking_token = ${p.add(token)}`, p.values);
    if (!rows.length) throw AppError.notFound('点单');
    return toTrackingDto(rows[0]);
  }

  async rate(token: string, dto: RateOrderDto): Promise<ServiceOrderTrackingDto> {
    return this.db.transaction(async (em) => {
      const updated = returnedRows<{ id: string }>(await em.query(
        `UPDATE service_orders SET status = 'rated', rating = $2, rating_comment = $3, rated_at = now()
          WHERE tracking_token = $1 AND status = 'completed' RETURNING id`,
        [token, dto.stars, dto.comment?.trim() || null],
      ));
      if (!updated.length) {
        const cur: Array<{ status: OrderStatus }> = await em.query(`SELECT status FROM service_orders WHERE tracking_token = $1`, [token]);
        if (!cur.length) throw AppError.notFound('点单');
        throw orderStateConflict(cur[0].status, 'rate');
      }
      await this.audit.record(em, {
        actorUserId: null,
        action: 'service_order.rate',
        entity: 'service_order',
        entityId: updated[0].id,
        before: { status: 'completed' },
        after: { status: 'rated', rating: dto.stars, comment: dto.comment ?? null },
      });
      return this.track(token, em);
    });
  }

  // ---------- staff and leaders ----------

  /** Admins: orders of sites in their scope. Leaders: orders dispatched to (or served by) teams they lead. */
  private async scopeFilter(user: AuthUser, p: Params, em: EntityManager = this.db.manager): Promise<string[]> {
    if (this.scope.isAdmin(user)) {
      const ids = await this.scope.adminSiteIds(user, em);
      return ids === null ? [] : [`o.site_id = ANY(${p.add(ids)}::uuid[])`];
    }
    const teams = await this.scope.ledTeamIds(user, em);
    if (!teams.length) throw AppError.forbidden('只有管理员和队长可以查看点单');
    return [`o.team_id = ANY(${p.add(teams)}::uuid[])`];
  }

  private async assertFilterSite(user: AuthUser, siteId: string | undefined) {
    if (siteId && this.scope.isAdmin(user)) await this.scope.assertSiteInScope(user, siteId);
  }

  async list(user: AuthUser, q: ServiceOrderQueryDto) {
    await this.assertFilterSite(user, q.siteId);
    await this.scope.assertTeamFilter(user, q.teamId);
    const p = new Params();
    const h = this.config.orderOverdueHours;
    const where = await this.scopeFilter(user, p);
    if (q.status) where.push(`o.status = ${p.add(q.status)}`);
    if (q.siteId) where.push(`o.site_id IN ${SUBTREE(`${p.add(q.siteId)}::uuid`)}`);
    if (q.teamId) where.push(`o.team_id = ${p.add(q.teamId)}`);
    if (q.overdue !== undefined) where.push(q.overdue ? overdueExpr(h) : `NOT ${overdueExpr(h)}`);
    const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM service_orders o ${cond}`, p.values);
    const rows: OrderRow[] = await this.db.query(
      `${orderSelect(h)} ${cond} ORDER BY o.ordered_at DESC, o.id LIMIT ${p.add(q.pageSize)} OFFSET ${p.add((q.page - 1) * q.pageSize)}`,
      p.values,
    );
    return paginate(rows.map(toServiceOrderDto), n, q);
  }

  async get(user: AuthUser, id: string): Promise<ServiceOrderDto> {
    const o = await this.core(this.db.manager, id);
    if (this.scope.isAdmin(user)) await this.scope.assertSiteInScope(user, o.site_id);
    else if (!o.team_id || !(await this.scope.isLeaderOf(user, o.team_id))) throw AppError.outOfScope('该点单不在您的管理范围内');
    return this.load(this.db.manager, id);
  }

  async dispatch(user: AuthUser, id: string, dto: DispatchOrderDto): Promise<ServiceOrderDto> {
    return this.db.transaction(async (em) => {
      const o = await this.core(em, id);
      await this.scope.assertSiteInScope(user, o.site_id, em);
      assertOrderTransition(o.status, 'dispatch');
      const teams: Array<{ archived: boolean; provides: boolean }> = await em.query(
        `SELECT t.archived, EXISTS (SELECT 1 FROM menu_item_teams mt WHERE mt.menu_item_id = $2 AND mt.team_id = t.id) AS provides
           FROM teams t WHERE t.id = $1`,
        [dto.teamId, o.menu_item_id],
      );
      if (!teams.length) throw AppError.validation([{ field: 'teamId', message: '所选队伍不存在' }]);
      if (teams[0].archived) throw AppError.conflict('TEAM_NOT_PROVIDER', '该队伍已归档，不能派单');
      if (!teams[0].provides) throw AppError.conflict('TEAM_NOT_PROVIDER');
      await this.transition(em, user, o, 'dispatch', `team_id = $3, dispatched_at = now()`, [dto.teamId], { teamId: dto.teamId });
      const out = await this.load(em, id);
      await this.notices.toTeamLeaders(em, dto.teamId, NoticeTexts.orderDispatched({ id, title: out.menuItemTitle, address: out.address }));
      return out;
    });
  }

  async accept(user: AuthUser, id: string, dto: AcceptOrderDto): Promise<ServiceOrderDto> {
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    return this.db.transaction(async (em) => {
      const o = await this.core(em, id);
      await this.assertTeamLeader(user, o, em);
      assertOrderTransition(o.status, 'accept');
      if (!(endsAt > startsAt)) throw AppError.validation([{ field: 'endsAt', message: '结束时间必须晚于开始时间' }]);
      if (endsAt.getTime() - startsAt.getTime() > MAX_ACTIVITY_HOURS * 3600_000) {
        throw AppError.validation([{ field: 'endsAt', message: `服务活动最长 ${MAX_ACTIVITY_HOURS} 小时` }]);
      }
      const activityId = randomUUID();
      // the FK service_orders.activity_id is DEFERRABLE INITIALLY DEFERRED: the order is claimed first, the activity follows
      await this.transition(em, user, o, 'accept', `accepted_at = now(), activity_id = $3`, [activityId], { activityId, startsAt: dto.startsAt, endsAt: dto.endsAt }, `AND team_id = $4`, [o.team_id]);
      // the service takes place at the ORDERING station (the venue), at the resident's address
      const [ctx]: Array<{ title: string; category: string; site_id: string; address: string; note: string; preferred_date: string }> = await em.query(
        `SELECT m.title, m.category, o.site_id, o.address, o.note, to_char(o.preferred_date, 'YYYY-MM-DD') AS preferred_date
           FROM service_orders o JOIN menu_items m ON m.id = o.menu_item_id WHERE o.id = $1`,
        [id],
      );
      const description = [`群众点单：${ctx.title}`, `服务地址：${ctx.address}`, `希望日期：${ctx.preferred_date}`, ctx.note ? `备注：${ctx.note}` : '']
        .filter(Boolean)
        .join('\n');
      await em.query(
        `INSERT INTO activities (id, title, kind, category, site_id, team_id, starts_at, ends_at, capacity, status, description, checkin_secret, created_by, service_order_id, address)
         VALUES ($1, $2, 'menu_service', $3, $4, $5, $6, $7, NULL, 'published', $8, $9, $10, $11, $12)`,
        [activityId, dto.title?.trim() || `${ctx.title}（菜单式服务）`, ctx.category, ctx.site_id, o.team_id, startsAt, endsAt, description, randomBytes(32).toString('hex'), user.id, id, ctx.address],
      );
      const out = await this.load(em, id);
      await this.notices.toSiteAdmins(em, ctx.site_id, NoticeTexts.orderAccepted({ id, title: ctx.title, teamName: out.teamName ?? '服务队', startsAt }));
      return out;
    });
  }

  async decline(user: AuthUser, id: string, dto: ReasonDto): Promise<ServiceOrderDto> {
    return this.db.transaction(async (em) => {
      const o = await this.core(em, id);
      await this.assertTeamLeader(user, o, em);
      assertOrderTransition(o.status, 'decline');
      const reason = dto.reason.trim();
      await this.transition(em, user, o, 'decline', `team_id = NULL, dispatched_at = NULL, decline_reason = $3`, [reason], { teamId: null, declinedTeamId: o.team_id, reason }, `AND team_id = $4`, [o.team_id]);
      return this.load(em, id);
    });
  }

  async cancel(user: AuthUser, id: string, dto: ReasonDto): Promise<ServiceOrderDto> {
    return this.db.transaction(async (em) => {
      const o = await this.core(em, id);
      await this.scope.assertSiteInScope(user, o.site_id, em);
      assertOrderTransition(o.status, 'cancel');
      const reason = dto.reason.trim();
      if (o.status === 'accepted' && o.activity_id) {
        // the order's activity goes with it, unless people already served (then the attendance must be rejected first)
        await em.query(`SELECT id FROM activities WHERE id = $1 FOR UPDATE`, [o.activity_id]);
        const served = await em.query(`SELECT 1 FROM attendance WHERE activity_id = $1 AND status = 'confirmed' LIMIT 1`, [o.activity_id]);
        if (served.length) throw AppError.conflict('ORDER_STATE_CONFLICT', '该点单的服务活动已有确认的签到记录，不能取消；请先驳回签到记录');
      }
      await this.transition(em, user, o, 'cancel', `cancel_reason = $3, cancelled_at = now()`, [reason], { reason });
      if (o.status === 'accepted' && o.activity_id) {
        await em.query(
          `UPDATE activities SET status = 'cancelled', cancel_reason = $2, cancelled_at = now(), updated_at = now()
            WHERE id = $1 AND status IN ('draft','published')`,
          [o.activity_id, `点单已取消：${reason}`],
        );
      }
      return this.load(em, id);
    });
  }

  // ---------- statistics ----------

  private async statsFilter(user: AuthUser, q: OrderStatsQueryDto, p: Params): Promise<string[]> {
    await this.assertFilterSite(user, q.siteId);
    await this.scope.assertTownFilter(user, q.townId);
    const where = await this.scopeFilter(user, p);
    if (q.from) where.push(`(o.ordered_at AT TIME ZONE '${TIME_ZONE}')::date >= ${p.add(q.from)}::date`);
    if (q.to) where.push(`(o.ordered_at AT TIME ZONE '${TIME_ZONE}')::date <= ${p.add(q.to)}::date`);
    if (q.siteId) where.push(`o.site_id IN ${SUBTREE(`${p.add(q.siteId)}::uuid`)}`);
    if (q.townId) {
      const t = p.add(q.townId);
      where.push(`o.site_id IN (SELECT s.id FROM sites s JOIN regions r ON r.id = s.region_id WHERE r.id = ${t}::uuid OR r.parent_id = ${t}::uuid)`);
    }
    if (q.teamId) where.push(`o.team_id = ${p.add(q.teamId)}::uuid`);
    if (q.teamType) where.push(`o.team_id IN (SELECT ft.id FROM teams ft WHERE ft.type = ${p.add(q.teamType)})`);
    if (q.category) where.push(`o.menu_item_id IN (SELECT fm.id FROM menu_items fm WHERE fm.category = ${p.add(q.category)})`);
    // every order becomes a menu_service activity: another kind has no orders
    if (q.kind && q.kind !== 'menu_service') where.push('false');
    return where;
  }

  async stats(user: AuthUser, q: OrderStatsQueryDto): Promise<OrderStatsDto> {
    const p = new Params();
    const h = this.config.orderOverdueHours;
    const where = await this.statsFilter(user, q, p);
    const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [r] = await this.db.query(
      `SELECT ${ORDER_STATUSES.map((s) => `count(*) FILTER (WHERE o.status = '${s}')::int AS "${s}"`).join(', ')},
              count(*)::int AS total,
              count(*) FILTER (WHERE ${overdueExpr(h)})::int AS overdue,
              round(avg(o.rating)::numeric, 2) AS average_rating,
              count(o.rating)::int AS rated_count,
              round((avg(extract(epoch FROM o.dispatched_at - o.ordered_at)) / 3600)::numeric, 1) AS hours_to_dispatch,
              round((avg(extract(epoch FROM o.accepted_at - o.dispatched_at)) / 3600)::numeric, 1) AS hours_to_accept
         FROM service_orders o ${cond}`,
      p.values,
    );
    const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    return {
      byStatus: Object.fromEntries(ORDER_STATUSES.map((s) => [s, Number(r[s])])) as Record<OrderStatus, number>,
      total: Number(r.total),
      overdue: Number(r.overdue),
      averageRating: num(r.average_rating),
      ratedCount: Number(r.rated_count),
      averageHoursToDispatch: num(r.hours_to_dispatch),
      averageHoursToAccept: num(r.hours_to_accept),
    };
  }

  /** 五星队伍: teams by average rating of the orders they served (rated orders in the filter), best first. */
  async teamRatings(user: AuthUser, q: TeamRatingsQueryDto) {
    const p = new Params();
    const where = await this.statsFilter(user, q, p);
    where.push('o.rating IS NOT NULL');
    const rows: Array<{ team_id: string; team_name: string; site_id: string; site_name: string; average_rating: string; rated_count: number; n: number }> = await this.db.query(
      `SELECT t.id AS team_id, t.name AS team_name, t.site_id, ts.name AS site_name, round(avg(o.rating)::numeric, 2) AS average_rating,
              count(*)::int AS rated_count, count(*) OVER ()::int AS n
         FROM service_orders o JOIN teams t ON t.id = o.team_id JOIN sites ts ON ts.id = t.site_id
        WHERE ${where.join(' AND ')}
        GROUP BY t.id, t.name, t.site_id, ts.name
       HAVING count(*) >= ${p.add(q.minRated)}
        ORDER BY avg(o.rating) DESC, count(*) DESC, t.name, t.id
        LIMIT ${p.add(q.pageSize)} OFFSET ${p.add((q.page - 1) * q.pageSize)}`,
      p.values,
    );
    const items: TeamRatingDto[] = rows.map((r) => ({
      teamId: r.team_id,
      teamName: r.team_name,
      siteId: r.site_id,
      siteName: r.site_name,
      averageRating: Number(r.average_rating),
      ratedCount: r.rated_count,
    }));
    return paginate(items, rows[0]?.n ?? 0, q);
  }

  // ---------- helpers ----------

  private async core(em: EntityManager, id: string): Promise<OrderCore> {
    const rows: OrderCore[] = await em.query(`SELECT id, site_id, status, team_id, menu_item_id, activity_id FROM service_orders WHERE id = $1`, [id]);
    if (!rows.length) throw AppError.notFound('点单');
    return rows[0];
  }

  /** Accept and decline: only a leader of the team the order is dispatched to. */
  private async assertTeamLeader(user: AuthUser, o: OrderCore, em: EntityManager) {
    if (!o.team_id || !(await this.scope.isLeaderOf(user, o.team_id, em))) {
      throw AppError.forbidden('只有被派单队伍的队长可以接单或退单');
    }
  }

  /**
   * Conditional UPDATE … WHERE status = <seen state>: of two concurrent requests exactly one changes the row;
   * the other gets 0 rows and the 409 naming the state it lost to. `$1` = id, `$2` = new status, then `extra`.
   */
  private async transition(
    em: EntityManager,
    user: AuthUser,
    o: OrderCore,
    action: OrderAction,
    set: string,
    extra: unknown[],
    after: Record<string, unknown>,
    extraWhere = '',
    whereParams: unknown[] = [],
  ): Promise<void> {
    const next = assertOrderTransition(o.status, action);
    const updated = await em.query(
      `UPDATE service_orders SET status = $2, ${set} WHERE id = $1 AND status = $${2 + extra.length + whereParams.length + 1} ${extraWhere} RETURNING id`,
      [o.id, next, ...extra, ...whereParams, o.status],
    );
    if (!returnedRows(updated).length) {
      const cur = await this.core(em, o.id);
      throw orderStateConflict(cur.status, action);
    }
    await this.audit.record(em, {
      actorUserId: user.id,
      action: `service_order.${action}`,
      entity: 'service_order',
      entityId: o.id,
      before: { status: o.status, teamId: o.team_id },
      after: { status: next, ...after },
    });
  }

  private async load(em: EntityManager, id: string): Promise<ServiceOrderDto> {
    const p = new Params();
    const h = this.config.orderOverdueHours;
    const rows: OrderRow[] = await em.query(`${orderSelect(h)} WHERE o.id = ${p.add(id)}`, p.values);
    if (!rows.length) throw AppError.notFound('点单');
    return toServiceOrderDto(rows[0]);
  }
}
