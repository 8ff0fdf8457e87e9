import { DataSource } from 'typeorm';
import type { AuthUser } from '../../src/common/auth/auth-user';
import { OrderStatsService } from '../../src/modules/service-orders/order-stats.service';
import { OrderWorkflowService } from '../../src/modules/service-orders/order-workflow.service';
import { ResidentOrdersService } from '../../src/modules/service-orders/resident-orders.service';
import { future } from '../setup/orders';
import { bearer, createTestApp, DEMO, demoIds, type TestApp } from '../setup/test-app';
import { authUser, errorCode } from './helpers';

/** The three services split out of service-orders.service.ts, called directly on the real test database. */
describe('service-order services (resident, workflow, statistics)', () => {
  let t: TestApp;
  let db: DataSource;
  let residents: ResidentOrdersService;
  let workflow: OrderWorkflowService;
  let stats: OrderStatsService;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let county: AuthUser, leader: AuthUser;
  let itemId: string;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    residents = t.app.get(ResidentOrdersService);
    workflow = t.app.get(OrderWorkflowService);
    stats = t.app.get(OrderStatsService);
    ids = await demoIds(t);
    county = await authUser(db, DEMO.county);
    leader = await authUser(db, DEMO.leader);
    const item = await t
      .http()
      .post('/api/v1/menu-items')
      .set(bearer(await t.token(DEMO.county)))
      .send({ title: `服务测试${Date.now()}`, category: 'elderly_care', teamIds: [ids.demoTeamId] });
    expect(item.status).toBe(201);
    itemId = item.body.id;
  });
  afterAll(() => t.close());

  const order = () =>
    residents.create({
      menuItemId: itemId,
      siteId: ids.yongqingStationId,
      requesterName: ' 李秀兰 ',
      requesterPhone: '13912345678',
      address: '永清镇西街5号',
      preferredDate: future(),
      note: '上午方便',
    });
  const window = () => {
    const s = new Date(Date.now() + 2 * 86400_000);
    return { startsAt: s.toISOString(), endsAt: new Date(s.getTime() + 2 * 3600_000).toISOString() };
  };
  const orderRow = async (id: string) => (await db.query(`SELECT status, activity_id, team_id FROM service_orders WHERE id = $1`, [id]))[0];

  it('a resident orders and tracks by token; the name is trimmed and the phone masked', async () => {
    const o = await order();
    expect(o.status).toBe('ordered');
    const tr = await residents.track(o.trackingToken);
    expect(tr).toMatchObject({ status: 'ordered', requesterName: '李秀兰' });
    expect(JSON.stringify(tr)).not.toContain('13912345678');
  });

  it('accept creates the menu_service activity through the activities module, at the ordering station, linked both ways', async () => {
    const o = await order();
    await workflow.dispatch(county, o.id, { teamId: ids.demoTeamId });
    const out = await workflow.accept(leader, o.id, window());
    expect(out.status).toBe('accepted');
    const [a] = await db.query(`SELECT kind, status, site_id, team_id, service_order_id, address, capacity FROM activities WHERE id = $1`, [out.activityId]);
    expect(a).toEqual({
      kind: 'menu_service',
      status: 'published',
      site_id: ids.yongqingStationId,
      team_id: ids.demoTeamId,
      service_order_id: o.id,
      address: '永清镇西街5号',
      capacity: null,
    });
  });

  it('accept is one transaction: when the activity cannot be written the order stays dispatched and nothing is left behind', async () => {
    const o = await order();
    await workflow.dispatch(county, o.id, { teamId: ids.demoTeamId });
    // a title longer than activities.title allows (the HTTP DTO stops it earlier; here the insert itself fails)
    const code = await errorCode(workflow.accept(leader, o.id, { ...window(), title: '长'.repeat(300) }));
    expect(code).not.toBe('ORDER_STATE_CONFLICT');
    expect(await orderRow(o.id)).toMatchObject({ status: 'dispatched', activity_id: null });
    expect((await db.query(`SELECT count(*)::int AS n FROM activities WHERE service_order_id = $1`, [o.id]))[0].n).toBe(0);
  });

  it('of two concurrent dispatches exactly one wins; the other is 409', async () => {
    const o = await order();
    const results = await Promise.allSettled([workflow.dispatch(county, o.id, { teamId: ids.demoTeamId }), workflow.dispatch(county, o.id, { teamId: ids.demoTeamId })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason.code).toBe('ORDER_STATE_CONFLICT');
    expect((await db.query(`SELECT count(*)::int AS n FROM audit_entries WHERE entity_id = $1 AND action = 'service_order.dispatch'`, [o.id]))[0].n).toBe(1);
  });

  it('cancel of an accepted order cancels its activity; with confirmed attendance it is refused and both stay', async () => {
    const o = await order();
    await workflow.dispatch(county, o.id, { teamId: ids.demoTeamId });
    const acc = await workflow.accept(leader, o.id, window());
    await workflow.cancel(county, o.id, { reason: ' 居民改期 ' });
    const [a] = await db.query(`SELECT status, cancel_reason FROM activities WHERE id = $1`, [acc.activityId]);
    expect(a).toEqual({ status: 'cancelled', cancel_reason: '点单已取消：居民改期' });

    const o2 = await order();
    await workflow.dispatch(county, o2.id, { teamId: ids.demoTeamId });
    const acc2 = await workflow.accept(leader, o2.id, window());
    await db.query(`INSERT INTO attendance (activity_id, volunteer_id, check_in_at, method, status, minutes) VALUES ($1, $2, now(), 'manual', 'confirmed', 60)`, [
      acc2.activityId,
      ids.memberVolunteerId,
    ]);
    expect(await errorCode(workflow.cancel(county, o2.id, { reason: '不需要了' }))).toBe('ORDER_STATE_CONFLICT');
    expect((await orderRow(o2.id)).status).toBe('accepted');
    expect((await db.query(`SELECT status FROM activities WHERE id = $1`, [acc2.activityId]))[0].status).toBe('published');
  });

  it('statistics count the orders by status within the filter', async () => {
    const before = await stats.stats(county, { category: 'elderly_care' } as never);
    const o = await order();
    await workflow.dispatch(county, o.id, { teamId: ids.demoTeamId });
    await order();
    const after = await stats.stats(county, { category: 'elderly_care' } as never);
    expect(after.total - before.total).toBe(2);
    expect(after.byStatus.dispatched - before.byStatus.dispatched).toBe(1);
    expect(after.byStatus.ordered - before.byStatus.ordered).toBe(1);
    const none = await stats.stats(county, { kind: 'themed' } as never);
    expect(none.total).toBe(0);
  });
});
