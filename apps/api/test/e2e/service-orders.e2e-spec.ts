import { ORDER_STATUSES, type OrderStatus } from '@wenming/shared';
import { ORDER_TRANSITIONS, type OrderAction } from '../../src/modules/service-orders/service-order-state';
import { createTestApp, type TestApp } from '../setup/test-app';
import { api, future, orderFixture } from '../setup/orders';

type Fx = Awaited<ReturnType<typeof orderFixture>>;
type Actor = 'anonymous' | 'county' | 'siteIn' | 'siteOut' | 'leader' | 'otherLeader' | 'member';
const ACTORS: Actor[] = ['anonymous', 'county', 'siteIn', 'siteOut', 'leader', 'otherLeader', 'member'];
const STAFF_ACTIONS: OrderAction[] = ['dispatch', 'accept', 'decline', 'cancel'];

/**
 * Who may try an action on an order of 永清镇 dispatched (if at all) to the demo team:
 * dispatch/cancel = admins whose scope holds the site; accept/decline = the leader of the order's team.
 */
function permitted(actor: Actor, action: OrderAction, state: OrderStatus): number | null {
  if (actor === 'anonymous') return 401;
  if (action === 'dispatch' || action === 'cancel') return actor === 'county' || actor === 'siteIn' ? null : 403;
  // accept/decline: only the leader of the team the order is at; an undispatched order has none
  const hasTeam = state !== 'ordered';
  return actor === 'leader' && hasTeam ? null : 403;
}

describe('service orders', () => {
  let t: TestApp;
  let fx: Fx;
  beforeAll(async () => {
    t = await createTestApp();
    fx = await orderFixture(t);
  });
  afterAll(() => t.close());

  const headers = (a: Actor) => (a === 'anonymous' ? {} : fx[a === 'siteIn' ? 'site' : a]);
  const body = (action: OrderAction) => (action === 'dispatch' ? { teamId: fx.ids.demoTeamId } : action === 'accept' ? fx.acceptBody() : { reason: '测试原因' });

  describe('state machine over HTTP: every (state, action, actor)', () => {
    const cases = ORDER_STATUSES.flatMap((state) => STAFF_ACTIONS.flatMap((action) => ACTORS.map((actor) => [state, action, actor] as const)));

    it.each(cases)('%s + %s by %s', async (state, action, actor) => {
      const o = await fx.orderIn(state);
      const res = await t
        .http()
        .post(api(`/service-orders/${o.id}/${action}`))
        .set(headers(actor))
        .send(body(action));
      const denied = permitted(actor, action, state);
      const next = ORDER_TRANSITIONS[state][action];
      if (denied) {
        expect(res.status).toBe(denied);
      } else if (!next) {
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('ORDER_STATE_CONFLICT');
        expect(res.body.message).toContain('当前状态为');
      } else {
        expect(res.status).toBe(200);
        expect(res.body.status).toBe(next);
      }
      // a refused request changed nothing
      const [row] = await fx.db.query(`SELECT status FROM service_orders WHERE id = $1`, [o.id]);
      expect(row.status).toBe(denied || !next ? state : next);
    });

    it.each(ORDER_STATUSES)('rate (resident, by token) in state %s', async (state) => {
      const o = await fx.orderIn(state);
      const res = await t
        .http()
        .post(api(`/service-orders/track/${o.token}/rate`))
        .send({ stars: 4 });
      if (state === 'completed') {
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ status: 'rated', rating: 4 });
      } else {
        expect(res.status).toBe(409);
        expect(res.body.code).toBe(state === 'rated' ? 'ORDER_ALREADY_RATED' : 'ORDER_STATE_CONFLICT');
      }
    });
  });

  describe('POST /service-orders (public)', () => {
    it('creates an order without login: 201 {id, trackingToken, status}; token is long and url-safe', async () => {
      const res = await t
        .http()
        .post(api('/service-orders'))
        .send({
          menuItemId: fx.itemId,
          siteId: fx.ids.yongqingStationId,
          requesterName: '李大爷',
          requesterPhone: '13700001111',
          address: '东关社区5号',
          preferredDate: future(1),
        });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ id: expect.any(String), trackingToken: expect.stringMatching(/^[A-Za-z0-9_-]{32,}$/), status: 'ordered' });
      const audit = await fx.db.query(`SELECT action FROM audit_entries WHERE entity = 'service_order' AND entity_id = $1`, [res.body.id]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['service_order.create']);
    });

    it('400 on malformed input, naming the fields', async () => {
      const res = await t
        .http()
        .post(api('/service-orders'))
        .send({ menuItemId: 'x', siteId: fx.ids.yongqingStationId, requesterName: '', requesterPhone: '123', address: 'a', preferredDate: '2026-02-30', extra: 1 });
      expect(res.status).toBe(400);
      const fields = res.body.details.map((d: { field: string }) => d.field);
      expect(fields).toEqual(expect.arrayContaining(['menuItemId', 'requesterName', 'requesterPhone', 'preferredDate']));
    });

    it('400 for a date in the past, and for an institute instead of a station', async () => {
      const base = { menuItemId: fx.itemId, requesterName: '李', requesterPhone: '13700001111', address: 'x' };
      const past = await t
        .http()
        .post(api('/service-orders'))
        .send({ ...base, siteId: fx.ids.yongqingStationId, preferredDate: '2020-01-01' });
      expect(past.status).toBe(400);
      expect(past.body.details[0].field).toBe('preferredDate');
      const inst = await t
        .http()
        .post(api('/service-orders'))
        .send({ ...base, siteId: fx.ids.yongqingInstituteId, preferredDate: future() });
      expect(inst.status).toBe(400);
    });

    it('409 MENU_ITEM_UNAVAILABLE: item inactive, or a station item ordered at another station', async () => {
      const st = await t
        .http()
        .post(api('/menu-items'))
        .set(fx.site)
        .send({ siteId: fx.ids.yongqingStationId, title: '站点专属服务', category: 'health', teamIds: [fx.ids.demoTeamId] });
      expect(st.status).toBe(201);
      const base = { requesterName: '李', requesterPhone: '13700001111', address: 'x', preferredDate: future() };
      const elsewhere = await t
        .http()
        .post(api('/service-orders'))
        .send({ ...base, menuItemId: st.body.id, siteId: fx.ids.otherStationId });
      expect(elsewhere.status).toBe(409);
      expect(elsewhere.body.code).toBe('MENU_ITEM_UNAVAILABLE');
      const here = await t
        .http()
        .post(api('/service-orders'))
        .send({ ...base, menuItemId: st.body.id, siteId: fx.ids.yongqingStationId });
      expect(here.status).toBe(201);
      await t
        .http()
        .patch(api(`/menu-items/${st.body.id}`))
        .set(fx.site)
        .send({ active: false })
        .expect(200);
      const inactive = await t
        .http()
        .post(api('/service-orders'))
        .send({ ...base, menuItemId: st.body.id, siteId: fx.ids.yongqingStationId });
      expect(inactive.status).toBe(409);
      expect(inactive.body.code).toBe('MENU_ITEM_UNAVAILABLE');
    });
  });

  describe('tracking and rating by token', () => {
    it('shows only the own order: masked phone, no address, team name and activity time; bad token 404', async () => {
      const o = await fx.orderIn('accepted');
      const res = await t.http().get(api(`/service-orders/track/${o.token}`));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'accepted', statusLabel: '已接单', requesterPhone: '139****5678', teamName: expect.any(String) });
      expect(res.body.activity).toMatchObject({ startsAt: expect.any(String), endsAt: expect.any(String) });
      expect(JSON.stringify(res.body)).not.toContain('13912345678');
      expect(res.body).not.toHaveProperty('address');
      expect(res.body).not.toHaveProperty('id');
      expect((await t.http().get(api('/service-orders/track/not-a-real-token'))).status).toBe(404);
      expect((await t.http().post(api('/service-orders/track/not-a-real-token/rate')).send({ stars: 5 })).status).toBe(404);
    });

    it('rates once: 200 → rated, second time 409 ORDER_ALREADY_RATED; stars outside 1..5 → 400', async () => {
      const o = await fx.orderIn('completed');
      const bad = await t
        .http()
        .post(api(`/service-orders/track/${o.token}/rate`))
        .send({ stars: 6 });
      expect(bad.status).toBe(400);
      const first = await t
        .http()
        .post(api(`/service-orders/track/${o.token}/rate`))
        .send({ stars: 5, comment: '师傅手艺好' });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ status: 'rated', rating: 5, ratingComment: '师傅手艺好', ratedAt: expect.any(String) });
      const again = await t
        .http()
        .post(api(`/service-orders/track/${o.token}/rate`))
        .send({ stars: 1 });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ORDER_ALREADY_RATED');
    });

    it('rating before completion names the current state', async () => {
      const o = await fx.orderIn('dispatched');
      const res = await t
        .http()
        .post(api(`/service-orders/track/${o.token}/rate`))
        .send({ stars: 5 });
      expect(res.status).toBe(409);
      expect(res.body.message).toContain('当前状态为已派单');
    });
  });

  describe('dispatch / accept / decline / cancel rules', () => {
    it('dispatch: team must provide the item (409), exist (400); missing order 404; bad id 400', async () => {
      const o = await fx.order();
      const [notProvider] = await fx.db.query(
        `SELECT id FROM teams WHERE archived = false AND id NOT IN (SELECT team_id FROM menu_item_teams WHERE menu_item_id = $1) LIMIT 1`,
        [fx.itemId],
      );
      const res = await t
        .http()
        .post(api(`/service-orders/${o.id}/dispatch`))
        .set(fx.county)
        .send({ teamId: notProvider.id });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('TEAM_NOT_PROVIDER');
      const missing = await t
        .http()
        .post(api(`/service-orders/${o.id}/dispatch`))
        .set(fx.county)
        .send({ teamId: '00000000-0000-4000-8000-000000000000' });
      expect(missing.status).toBe(400);
      const noBody = await t
        .http()
        .post(api(`/service-orders/${o.id}/dispatch`))
        .set(fx.county)
        .send({});
      expect(noBody.status).toBe(400);
      expect((await t.http().post(api('/service-orders/00000000-0000-4000-8000-000000000000/dispatch')).set(fx.county).send({ teamId: fx.ids.demoTeamId })).status).toBe(
        404,
      );
      expect((await t.http().post(api('/service-orders/nope/dispatch')).set(fx.county).send({ teamId: fx.ids.demoTeamId })).status).toBe(400);
    });

    it('accept creates the menu_service activity (item category, at the ordering station and address, order link) and answers with activityId', async () => {
      const o = await fx.orderIn('dispatched');
      const res = await t
        .http()
        .post(api(`/service-orders/${o.id}/accept`))
        .set(fx.leader)
        .send({ ...fx.acceptBody(), title: '上门理发' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'accepted', activityId: expect.any(String), acceptedAt: expect.any(String) });
      const [a] = await fx.db.query(
        `SELECT a.kind, a.category, a.site_id, a.address, a.team_id, a.title, a.status, a.service_order_id, length(a.checkin_secret) AS secret_len,
                t.site_id AS team_site, o.site_id AS order_site, o.address AS order_address
           FROM activities a JOIN teams t ON t.id = a.team_id JOIN service_orders o ON o.id = a.service_order_id WHERE a.id = $1`,
        [res.body.activityId],
      );
      expect(a).toMatchObject({
        kind: 'menu_service',
        category: 'elderly_care',
        team_id: fx.ids.demoTeamId,
        title: '上门理发',
        status: 'published',
        service_order_id: o.id,
        secret_len: 64,
      });
      // the venue is the ordering station (issue 10), not the team's home site
      expect(a.site_id).toBe(a.order_site);
      expect(a.site_id).toBe(fx.ids.yongqingStationId);
      expect(a.site_id).not.toBe(a.team_site);
      expect(a.address).toBe(a.order_address);
    });

    it('accept: endsAt before startsAt or more than 24 h → 400; malformed times 400', async () => {
      const o = await fx.orderIn('dispatched');
      const s = new Date(Date.now() + 86400_000);
      const back = await t
        .http()
        .post(api(`/service-orders/${o.id}/accept`))
        .set(fx.leader)
        .send({ startsAt: s.toISOString(), endsAt: new Date(s.getTime() - 3600_000).toISOString() });
      expect(back.status).toBe(400);
      const long = await t
        .http()
        .post(api(`/service-orders/${o.id}/accept`))
        .set(fx.leader)
        .send({ startsAt: s.toISOString(), endsAt: new Date(s.getTime() + 25 * 3600_000).toISOString() });
      expect(long.status).toBe(400);
      const bad = await t
        .http()
        .post(api(`/service-orders/${o.id}/accept`))
        .set(fx.leader)
        .send({ startsAt: 'tomorrow', endsAt: 'later' });
      expect(bad.status).toBe(400);
      const [row] = await fx.db.query(`SELECT status FROM service_orders WHERE id = $1`, [o.id]);
      expect(row.status).toBe('dispatched');
    });

    it('decline: back to ordered with the reason kept (and in the audit); needs a reason; can be dispatched again', async () => {
      const o = await fx.orderIn('dispatched');
      expect(
        (
          await t
            .http()
            .post(api(`/service-orders/${o.id}/decline`))
            .set(fx.leader)
            .send({})
        ).status,
      ).toBe(400);
      const res = await t
        .http()
        .post(api(`/service-orders/${o.id}/decline`))
        .set(fx.leader)
        .send({ reason: '本周队员外出培训' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'ordered', teamId: null, declineReason: '本周队员外出培训', dispatchedAt: null });
      const again = await t
        .http()
        .post(api(`/service-orders/${o.id}/dispatch`))
        .set(fx.site)
        .send({ teamId: fx.ids.otherTeamId });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ status: 'dispatched', teamId: fx.ids.otherTeamId });
      const audit = await fx.db.query(`SELECT action, after FROM audit_entries WHERE entity = 'service_order' AND entity_id = $1 ORDER BY at, action`, [o.id]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['service_order.create', 'service_order.dispatch', 'service_order.decline']));
      expect(audit.find((a: { action: string }) => a.action === 'service_order.decline').after.reason).toBe('本周队员外出培训');
    });

    it('cancel needs a reason (400) and leaves the order as it was', async () => {
      const o = await fx.order();
      const res = await t
        .http()
        .post(api(`/service-orders/${o.id}/cancel`))
        .set(fx.county)
        .send({ reason: '   ' });
      expect(res.status).toBe(400);
      const extra = await t
        .http()
        .post(api(`/service-orders/${o.id}/cancel`))
        .set(fx.county)
        .send({ reason: 'x', force: true });
      expect(extra.status).toBe(400);
      const [row] = await fx.db.query(`SELECT status FROM service_orders WHERE id = $1`, [o.id]);
      expect(row.status).toBe('ordered');
    });

    it('cancel of an accepted order cancels its activity; refused when the activity has confirmed attendance', async () => {
      const o = await fx.orderIn('accepted');
      const res = await t
        .http()
        .post(api(`/service-orders/${o.id}/cancel`))
        .set(fx.site)
        .send({ reason: '居民已搬走' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'cancelled', cancelReason: '居民已搬走' });
      const [a] = await fx.db.query(`SELECT status FROM activities WHERE id = $1`, [o.activityId]);
      expect(a.status).toBe('cancelled');

      const p = await fx.orderIn('accepted');
      await fx.db.query(
        `INSERT INTO attendance (activity_id, volunteer_id, check_in_at, check_out_at, method, minutes, status)
         SELECT id, $2, starts_at, ends_at, 'manual', 60, 'confirmed' FROM activities WHERE id = $1`,
        [p.activityId, fx.ids.memberVolunteerId],
      );
      const refused = await t
        .http()
        .post(api(`/service-orders/${p.id}/cancel`))
        .set(fx.county)
        .send({ reason: 'x' });
      expect(refused.status).toBe(409);
      const [row] = await fx.db.query(`SELECT status FROM service_orders WHERE id = $1`, [p.id]);
      expect(row.status).toBe('accepted');
    });

    it('the order follows its activity: completed → completed; cancelled → cancelled (活动已取消)', async () => {
      const o = await fx.orderIn('accepted');
      await fx.db.query(`UPDATE activities SET status = 'completed', completed_at = now() WHERE id = $1`, [o.activityId]);
      const [done] = await fx.db.query(`SELECT status, completed_at FROM service_orders WHERE id = $1`, [o.id]);
      expect(done.status).toBe('completed');
      expect(done.completed_at).not.toBeNull();

      const p = await fx.orderIn('accepted');
      await fx.db.query(`UPDATE activities SET status = 'cancelled', cancel_reason = '暴雨' WHERE id = $1`, [p.activityId]);
      const [gone] = await fx.db.query(`SELECT status, cancel_reason FROM service_orders WHERE id = $1`, [p.id]);
      expect(gone).toMatchObject({ status: 'cancelled', cancel_reason: '活动已取消：暴雨' });
      const audit = await fx.db.query(`SELECT action FROM audit_entries WHERE entity = 'service_order' AND entity_id = $1`, [p.id]);
      expect(audit.map((a: { action: string }) => a.action)).toContain('service_order.cancel');
    });
  });

  describe('concurrency', () => {
    it('two dispatches at once: exactly one wins, the other 409', async () => {
      const o = await fx.order();
      const res = await Promise.all([
        t
          .http()
          .post(api(`/service-orders/${o.id}/dispatch`))
          .set(fx.county)
          .send({ teamId: fx.ids.demoTeamId }),
        t
          .http()
          .post(api(`/service-orders/${o.id}/dispatch`))
          .set(fx.site)
          .send({ teamId: fx.ids.otherTeamId }),
      ]);
      expect(res.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(res.find((r) => r.status === 409)!.body.code).toBe('ORDER_STATE_CONFLICT');
      const audit = await fx.db.query(`SELECT 1 FROM audit_entries WHERE entity_id = $1 AND action = 'service_order.dispatch'`, [o.id]);
      expect(audit).toHaveLength(1);
    });

    it('two accepts at once: exactly one wins and exactly one activity exists', async () => {
      const o = await fx.orderIn('dispatched');
      const res = await Promise.all(
        [0, 1].map(() =>
          t
            .http()
            .post(api(`/service-orders/${o.id}/accept`))
            .set(fx.leader)
            .send(fx.acceptBody()),
        ),
      );
      expect(res.map((r) => r.status).sort()).toEqual([200, 409]);
      const acts = await fx.db.query(`SELECT id FROM activities WHERE service_order_id = $1`, [o.id]);
      expect(acts).toHaveLength(1);
      expect(acts[0].id).toBe(res.find((r) => r.status === 200)!.body.activityId);
    });
  });

  describe('GET /service-orders and GET /service-orders/:id', () => {
    it('admins in scope; overdue when not dispatched within 48 h (overdueSince = orderedAt + 48 h)', async () => {
      const o = await fx.order();
      await fx.db.query(`UPDATE service_orders SET ordered_at = now() - interval '50 hours' WHERE id = $1`, [o.id]);
      const res = await t.http().get(api('/service-orders')).query({ overdue: 'true', siteId: fx.ids.yongqingStationId, status: 'ordered', pageSize: 100 }).set(fx.site);
      expect(res.status).toBe(200);
      const mine = res.body.items.find((i: { id: string }) => i.id === o.id);
      expect(mine).toMatchObject({ overdue: true, status: 'ordered', requesterPhone: '13912345678' });
      const [row] = await fx.db.query(`SELECT ordered_at FROM service_orders WHERE id = $1`, [o.id]);
      expect(new Date(mine.overdueSince).getTime()).toBe(new Date(row.ordered_at).getTime() + 48 * 3600_000);
      expect(res.body.items.every((i: { overdue: boolean }) => i.overdue)).toBe(true);
      const notOverdue = await t.http().get(api('/service-orders')).query({ overdue: 'false', pageSize: 100 }).set(fx.site);
      expect(notOverdue.body.items.some((i: { id: string }) => i.id === o.id)).toBe(false);
      // dispatched but not accepted within 48 h
      const d = await fx.orderIn('dispatched');
      await fx.db.query(`UPDATE service_orders SET dispatched_at = now() - interval '49 hours' WHERE id = $1`, [d.id]);
      const one = await t
        .http()
        .get(api(`/service-orders/${d.id}`))
        .set(fx.county);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ overdue: true, status: 'dispatched' });
    });

    it('site admin out of scope sees none of them and gets 403 for the site filter / the order', async () => {
      const o = await fx.order();
      const res = await t.http().get(api('/service-orders')).query({ pageSize: 100 }).set(fx.siteOut);
      expect(res.status).toBe(200);
      expect(res.body.items.some((i: { id: string }) => i.id === o.id)).toBe(false);
      expect((await t.http().get(api('/service-orders')).query({ siteId: fx.ids.yongqingStationId }).set(fx.siteOut)).status).toBe(403);
      expect(
        (
          await t
            .http()
            .get(api(`/service-orders/${o.id}`))
            .set(fx.siteOut)
        ).status,
      ).toBe(403);
    });

    it('leaders see the orders dispatched to teams they lead; a plain member 403; no login 401; bad filter 400', async () => {
      const o = await fx.orderIn('dispatched');
      const u = await fx.order();
      const res = await t.http().get(api('/service-orders')).query({ status: 'dispatched', pageSize: 100 }).set(fx.leader);
      expect(res.status).toBe(200);
      expect(res.body.items.some((i: { id: string }) => i.id === o.id)).toBe(true);
      expect(res.body.items.every((i: { teamId: string }) => i.teamId === fx.ids.demoTeamId)).toBe(true);
      expect(
        (
          await t
            .http()
            .get(api(`/service-orders/${u.id}`))
            .set(fx.leader)
        ).status,
      ).toBe(403);
      expect(
        (
          await t
            .http()
            .get(api(`/service-orders/${o.id}`))
            .set(fx.otherLeader)
        ).status,
      ).toBe(403);
      expect((await t.http().get(api('/service-orders')).set(fx.member)).status).toBe(403);
      expect((await t.http().get(api(`/service-orders/${o.id}`))).status).toBe(401);
      expect((await t.http().get(api('/service-orders/00000000-0000-4000-8000-000000000000')).set(fx.county)).status).toBe(404);
      expect((await t.http().get(api('/service-orders/not-a-uuid')).set(fx.county)).status).toBe(400);
      expect((await t.http().get(api('/service-orders'))).status).toBe(401);
      expect((await t.http().get(api('/service-orders')).query({ status: 'done' }).set(fx.county)).status).toBe(400);
      expect((await t.http().get(api('/service-orders')).query({ overdue: 'maybe' }).set(fx.county)).status).toBe(400);
    });
  });

  describe('GET /stats/orders and GET /service-orders/team-ratings', () => {
    it('counts per status, overdue, ratings and hours on a station of its own (SQL figures)', async () => {
      // a station in 永清镇 that only this test orders at
      const [st] = await fx.db.query(
        `SELECT s.id FROM sites s WHERE s.parent_id = $1 AND s.level = 'station' AND s.id <> $2
           AND NOT EXISTS (SELECT 1 FROM service_orders o WHERE o.site_id = s.id) ORDER BY s.name LIMIT 1`,
        [fx.ids.yongqingInstituteId, fx.ids.yongqingStationId],
      );
      await fx.orderIn('ordered', st.id);
      const d = await fx.orderIn('dispatched', st.id);
      const r1 = await fx.orderIn('rated', st.id);
      const c = await fx.orderIn('completed', st.id);
      await t
        .http()
        .post(api(`/service-orders/track/${c.token}/rate`))
        .send({ stars: 2 })
        .expect(200);
      await fx.db.query(`UPDATE service_orders SET ordered_at = now() - interval '10 hours', dispatched_at = now() - interval '6 hours' WHERE id = $1`, [d.id]);
      await fx.db.query(
        `UPDATE service_orders SET ordered_at = now() - interval '80 hours', dispatched_at = now() - interval '78 hours', accepted_at = now() - interval '77 hours' WHERE id IN ($1, $2)`,
        [r1.id, c.id],
      );
      const res = await t.http().get(api('/stats/orders')).query({ siteId: st.id }).set(fx.site);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        byStatus: { ordered: 1, dispatched: 1, accepted: 0, completed: 0, rated: 2, cancelled: 0 },
        total: 4,
        overdue: 0,
        averageRating: 3.5,
        ratedCount: 2,
        averageHoursToDispatch: expect.any(Number),
        averageHoursToAccept: expect.any(Number),
      });
      expect(res.body.averageHoursToDispatch).toBeCloseTo((4 + 2 + 2) / 3, 1);
      expect(res.body.averageHoursToAccept).toBeCloseTo(1, 1);
      // a date range that excludes them, and a town filter that holds them
      const none = await t.http().get(api('/stats/orders')).query({ siteId: st.id, from: '2020-01-01', to: '2020-12-31' }).set(fx.county);
      expect(none.body.total).toBe(0);
      expect(none.body.averageRating).toBeNull();
      const [town] = await fx.db.query(`SELECT region_id FROM sites WHERE id = $1`, [fx.ids.yongqingInstituteId]);
      const byTown = await t.http().get(api('/stats/orders')).query({ townId: town.region_id }).set(fx.county);
      expect(byTown.body.total).toBeGreaterThanOrEqual(4);

      const ratings = await t.http().get(api('/service-orders/team-ratings')).query({ siteId: st.id }).set(fx.site);
      expect(ratings.status).toBe(200);
      expect(ratings.body.items).toEqual([
        { teamId: fx.ids.demoTeamId, teamName: expect.any(String), siteId: expect.any(String), siteName: '永清镇新时代文明实践所', averageRating: 3.5, ratedCount: 2 },
      ]);
    });

    it('403 out of scope or for a plain member, 401 without login, 400 for bad dates', async () => {
      expect((await t.http().get(api('/stats/orders')).query({ siteId: fx.ids.yongqingStationId }).set(fx.siteOut)).status).toBe(403);
      expect((await t.http().get(api('/stats/orders')).set(fx.member)).status).toBe(403);
      expect((await t.http().get(api('/stats/orders'))).status).toBe(401);
      expect((await t.http().get(api('/stats/orders')).query({ from: '2026-13-01' }).set(fx.county)).status).toBe(400);
      expect((await t.http().get(api('/stats/orders')).query({ from: '2026-05-01', to: '2026-04-01' }).set(fx.county)).status).toBe(400);
      expect((await t.http().get(api('/service-orders/team-ratings')).set(fx.member)).status).toBe(403);
      expect((await t.http().get(api('/service-orders/team-ratings'))).status).toBe(401);
      expect((await t.http().get(api('/service-orders/team-ratings')).query({ minRated: 0 }).set(fx.county)).status).toBe(400);
      const leader = await t.http().get(api('/stats/orders')).set(fx.leader);
      expect(leader.status).toBe(200);
      expect(leader.body.total).toBeGreaterThan(0);
    });
  });
});

describe('service orders: rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_ENABLED: 'true' });
  });
  afterAll(() => t.close());

  it('ordering without login is limited: 429 after 10 tries a minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await t.http().post(api('/service-orders')).send({ requesterPhone: 'bad' })).status);
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    const last = await t.http().post(api('/service-orders')).send({});
    expect(last.body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS' });
  });
});
