import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { MAX_ACTIVITY_HOURS, type ServiceOrderDto } from '@wenming/shared';
import type { AuthUser } from '../../common/auth/auth-user';
import { ScopeService } from '../../common/auth/scope.service';
import { paginate } from '../../common/dto/pagination.dto';
import { AppError } from '../../common/errors/app-error';
import { inTransaction, type Queryable } from '../../database/sql';
import { OrderActivityService } from '../activities/order-activity.service';
import { AuditService } from '../audit/audit.service';
import { NoticesService } from '../notices/notices.service';
import { NoticeTexts } from '../notices/notice-texts';
import { AcceptOrderDto, DispatchOrderDto, ReasonDto, ServiceOrderQueryDto } from './dto/service-order.dto';
import { assertOrderSiteFilter, orderScopeOf } from './order-scope';
import { assertOrderTransition, orderStateConflict } from './service-order-state';
import { toServiceOrderDto } from './service-orders.mapper';
import { ServiceOrdersRepository, type OrderChange, type OrderCore } from './service-orders.repository';

/**
 * The staff's side of 群众点单: list and read, then the workflow ordered → dispatched (site) → accepted (team,
 * creating the order's activity through the activities module) or declined, and cancel. Every step is a
 * conditional UPDATE on the status it saw, audited, in one deadlock-retrying transaction.
 */
@Injectable()
export class OrderWorkflowService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly repo: ServiceOrdersRepository,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
    private readonly notices: NoticesService,
    private readonly activities: OrderActivityService,
  ) {}

  async list(user: AuthUser, q: ServiceOrderQueryDto) {
    await assertOrderSiteFilter(this.scope, user, q.siteId);
    await this.scope.assertTeamFilter(user, q.teamId);
    const { rows, total } = await this.repo.listOrders({ ...q, scope: await orderScopeOf(this.scope, user) });
    return paginate(rows.map(toServiceOrderDto), total, q);
  }

  async get(user: AuthUser, id: string): Promise<ServiceOrderDto> {
    const o = await this.core(this.db.manager, id);
    if (this.scope.isAdmin(user)) await this.scope.assertSiteInScope(user, o.site_id);
    else if (!o.team_id || !(await this.scope.isLeaderOf(user, o.team_id))) throw AppError.outOfScope('该点单不在您的管理范围内');
    return this.load(this.db.manager, id);
  }

  async dispatch(user: AuthUser, id: string, dto: DispatchOrderDto): Promise<ServiceOrderDto> {
    return inTransaction(this.db, async (em) => {
      const o = await this.core(em, id);
      await this.scope.assertSiteInScope(user, o.site_id, em);
      assertOrderTransition(o.status, 'dispatch');
      const team = await this.repo.findTeamForDispatch(em, dto.teamId, o.menu_item_id);
      if (!team) throw AppError.validation([{ field: 'teamId', message: '所选队伍不存在' }]);
      if (team.archived) throw AppError.conflict('TEAM_NOT_PROVIDER', '该队伍已归档，不能派单');
      if (!team.provides) throw AppError.conflict('TEAM_NOT_PROVIDER');
      await this.transition(em, user, o, { action: 'dispatch', teamId: dto.teamId }, { teamId: dto.teamId });
      const out = await this.load(em, id);
      await this.notices.toTeamLeaders(em, dto.teamId, NoticeTexts.orderDispatched({ id, title: out.menuItemTitle, address: out.address }));
      return out;
    });
  }

  async accept(user: AuthUser, id: string, dto: AcceptOrderDto): Promise<ServiceOrderDto> {
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    return inTransaction(this.db, async (em) => {
      const o = await this.core(em, id);
      await this.assertTeamLeader(user, o, em);
      assertOrderTransition(o.status, 'accept');
      if (!(endsAt > startsAt)) throw AppError.validation([{ field: 'endsAt', message: '结束时间必须晚于开始时间' }]);
      if (endsAt.getTime() - startsAt.getTime() > MAX_ACTIVITY_HOURS * 3600_000) {
        throw AppError.validation([{ field: 'endsAt', message: `服务活动最长 ${MAX_ACTIVITY_HOURS} 小时` }]);
      }
      const activityId = randomUUID();
      // the FK service_orders.activity_id is DEFERRABLE INITIALLY DEFERRED: the order is claimed first, the activity follows
      await this.transition(em, user, o, { action: 'accept', activityId, teamId: o.team_id }, { activityId, startsAt: dto.startsAt, endsAt: dto.endsAt });
      // the service takes place at the ORDERING station (the venue), at the resident's address
      const ctx = (await this.repo.findAcceptContext(em, id))!;
      const description = [`群众点单：${ctx.title}`, `服务地址：${ctx.address}`, `希望日期：${ctx.preferred_date}`, ctx.note ? `备注：${ctx.note}` : '']
        .filter(Boolean)
        .join('\n');
      await this.activities.createForOrder(em, {
        id: activityId,
        title: dto.title?.trim() || `${ctx.title}（菜单式服务）`,
        category: ctx.category,
        siteId: ctx.site_id,
        teamId: o.team_id,
        startsAt,
        endsAt,
        description,
        createdBy: user.id,
        serviceOrderId: id,
        address: ctx.address,
      });
      const out = await this.load(em, id);
      await this.notices.toSiteAdmins(em, ctx.site_id, NoticeTexts.orderAccepted({ id, title: ctx.title, teamName: out.teamName ?? '服务队', startsAt }));
      return out;
    });
  }

  async decline(user: AuthUser, id: string, dto: ReasonDto): Promise<ServiceOrderDto> {
    return inTransaction(this.db, async (em) => {
      const o = await this.core(em, id);
      await this.assertTeamLeader(user, o, em);
      assertOrderTransition(o.status, 'decline');
      const reason = dto.reason.trim();
      await this.transition(em, user, o, { action: 'decline', reason, teamId: o.team_id }, { teamId: null, declinedTeamId: o.team_id, reason });
      return this.load(em, id);
    });
  }

  async cancel(user: AuthUser, id: string, dto: ReasonDto): Promise<ServiceOrderDto> {
    return inTransaction(this.db, async (em) => {
      const o = await this.core(em, id);
      await this.scope.assertSiteInScope(user, o.site_id, em);
      assertOrderTransition(o.status, 'cancel');
      const reason = dto.reason.trim();
      const activityId = o.status === 'accepted' ? o.activity_id : null;
      // the order's activity goes with it, unless people already served (then the attendance must be rejected first)
      if (activityId) await this.activities.lockForOrderCancel(em, activityId);
      await this.transition(em, user, o, { action: 'cancel', reason }, { reason });
      if (activityId) await this.activities.cancelForOrder(em, activityId, `点单已取消：${reason}`);
      return this.load(em, id);
    });
  }

  // ---------- helpers ----------

  private async core(em: Queryable, id: string): Promise<OrderCore> {
    const o = await this.repo.findOrderCore(em, id);
    if (!o) throw AppError.notFound('点单');
    return o;
  }

  /** Accept and decline: only a leader of the team the order is dispatched to. */
  private async assertTeamLeader(user: AuthUser, o: OrderCore, em: EntityManager) {
    if (!o.team_id || !(await this.scope.isLeaderOf(user, o.team_id, em))) {
      throw AppError.forbidden('只有被派单队伍的队长可以接单或退单');
    }
  }

  /** Of two concurrent requests exactly one changes the order; the other gets the 409 naming the state it lost to. */
  private async transition(em: EntityManager, user: AuthUser, o: OrderCore, change: OrderChange, after: Record<string, unknown>): Promise<void> {
    const next = assertOrderTransition(o.status, change.action);
    if (!(await this.repo.updateOrderStatus(em, o.id, o.status, next, change))) {
      const cur = await this.core(em, o.id);
      throw orderStateConflict(cur.status, change.action);
    }
    await this.audit.record(em, {
      actorUserId: user.id,
      action: `service_order.${change.action}`,
      entity: 'service_order',
      entityId: o.id,
      before: { status: o.status, teamId: o.team_id },
      after: { status: next, ...after },
    });
  }

  private async load(em: Queryable, id: string): Promise<ServiceOrderDto> {
    const row = await this.repo.findOrder(em, id);
    if (!row) throw AppError.notFound('点单');
    return toServiceOrderDto(row);
  }
}
