import { createTestApp, type TestApp } from '../setup/test-app';
import { api, future, orderFixture } from '../setup/orders';

type Fx = Awaited<ReturnType<typeof orderFixture>>;

describe('menu items', () => {
  let t: TestApp;
  let fx: Fx;
  let stationItem: string;
  beforeAll(async () => {
    t = await createTestApp();
    fx = await orderFixture(t);
    const res = await t
      .http()
      .post(api('/menu-items'))
      .set(fx.site)
      .send({ siteId: fx.ids.yongqingStationId, title: '东关理发', category: 'elderly_care', description: '每月一次', teamIds: [fx.ids.demoTeamId] });
    expect(res.status).toBe(201);
    stationItem = res.body.id;
  });
  afterAll(() => t.close());

  describe('GET /menu-items (public)', () => {
    it("a station's menu: its own items plus county-wide ones, not other stations' items; no login needed", async () => {
      const other = await t
        .http()
        .post(api('/menu-items'))
        .set(fx.county)
        .send({ siteId: fx.ids.otherStationId, title: '红堡义诊', category: 'health', teamIds: [fx.ids.otherTeamId] });
      expect(other.status).toBe(201);
      const res = await t.http().get(api('/menu-items')).query({ siteId: fx.ids.yongqingStationId, pageSize: 100 });
      expect(res.status).toBe(200);
      const ids = res.body.items.map((i: { id: string }) => i.id);
      expect(ids).toEqual(expect.arrayContaining([stationItem, fx.itemId]));
      expect(ids).not.toContain(other.body.id);
      expect(res.body.items.every((i: { siteId: string | null; active: boolean }) => i.active && (i.siteId === null || i.siteId === fx.ids.yongqingStationId))).toBe(
        true,
      );
      const mine = res.body.items.find((i: { id: string }) => i.id === stationItem);
      expect(mine).toMatchObject({ title: '东关理发', category: 'elderly_care', teamIds: [fx.ids.demoTeamId], siteName: expect.stringContaining('实践站') });
    });

    it('inactive items only for admins asking includeInactive=true (403 otherwise); 400 for a bad siteId', async () => {
      const item = await t
        .http()
        .post(api('/menu-items'))
        .set(fx.site)
        .send({ siteId: fx.ids.yongqingStationId, title: '暂停的服务', category: 'other', teamIds: [fx.ids.demoTeamId], active: false });
      expect(item.status).toBe(201);
      const pub = await t.http().get(api('/menu-items')).query({ siteId: fx.ids.yongqingStationId, pageSize: 100 });
      expect(pub.body.items.some((i: { id: string }) => i.id === item.body.id)).toBe(false);
      expect((await t.http().get(api('/menu-items')).query({ includeInactive: 'true' })).status).toBe(403);
      expect((await t.http().get(api('/menu-items')).query({ includeInactive: 'true' }).set(fx.member)).status).toBe(403);
      const adm = await t.http().get(api('/menu-items')).query({ siteId: fx.ids.yongqingStationId, includeInactive: 'true', pageSize: 100 }).set(fx.site);
      expect(adm.status).toBe(200);
      expect(adm.body.items.some((i: { id: string }) => i.id === item.body.id)).toBe(true);
      expect((await t.http().get(api('/menu-items')).query({ siteId: 'abc' })).status).toBe(400);
      expect((await t.http().get(api('/menu-items')).query({ pageSize: 1000 })).status).toBe(400);
    });
  });

  describe('POST /menu-items', () => {
    it('county-wide items: county admin only (site admin 403); 401 without login; 403 for a volunteer', async () => {
      const body = { title: '家电维修', category: 'elderly_care', teamIds: [fx.ids.demoTeamId] };
      const ok = await t.http().post(api('/menu-items')).set(fx.county).send(body);
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ siteId: null, active: true, teamIds: [fx.ids.demoTeamId] });
      expect((await t.http().post(api('/menu-items')).set(fx.site).send(body)).status).toBe(403);
      expect((await t.http().post(api('/menu-items')).send(body)).status).toBe(401);
      expect((await t.http().post(api('/menu-items')).set(fx.leader).send(body)).status).toBe(403);
    });

    it('station items: within the admin scope, with teams in scope', async () => {
      const outStation = await t
        .http()
        .post(api('/menu-items'))
        .set(fx.site)
        .send({ siteId: fx.ids.otherStationId, title: 'x', category: 'other', teamIds: [fx.ids.demoTeamId] });
      expect(outStation.status).toBe(403);
      const outTeam = await t
        .http()
        .post(api('/menu-items'))
        .set(fx.site)
        .send({ siteId: fx.ids.yongqingStationId, title: 'x', category: 'other', teamIds: [fx.ids.otherTeamId] });
      expect(outTeam.status).toBe(403);
    });

    it('400: no team, unknown team, an institute instead of a station, bad category, unknown field', async () => {
      const base = { siteId: fx.ids.yongqingStationId, title: '课业辅导', category: 'tutoring', teamIds: [fx.ids.demoTeamId] };
      const cases = [
        { ...base, teamIds: [] },
        { ...base, teamIds: ['00000000-0000-4000-8000-000000000000'] },
        { ...base, siteId: fx.ids.yongqingInstituteId },
        { ...base, category: 'haircut' },
        { ...base, title: '' },
        { ...base, price: 5 },
      ];
      for (const c of cases) {
        const res = await t.http().post(api('/menu-items')).set(fx.site).send(c);
        expect([res.status, JSON.stringify(c)]).toEqual([400, JSON.stringify(c)]);
      }
    });
  });

  describe('PATCH /menu-items/:id', () => {
    it('changes title, teams and active; 403 out of scope or on a county-wide item for a site admin; 404; 400', async () => {
      const res = await t
        .http()
        .patch(api(`/menu-items/${stationItem}`))
        .set(fx.site)
        .send({ title: '东关上门理发', description: '每周五' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ title: '东关上门理发', description: '每周五', teamIds: [fx.ids.demoTeamId] });
      const teams = await t
        .http()
        .patch(api(`/menu-items/${fx.itemId}`))
        .set(fx.county)
        .send({ teamIds: [fx.ids.demoTeamId, fx.ids.otherTeamId] });
      expect(teams.status).toBe(200);
      expect(teams.body.teamIds.sort()).toEqual([fx.ids.demoTeamId, fx.ids.otherTeamId].sort());
      expect(
        (
          await t
            .http()
            .patch(api(`/menu-items/${stationItem}`))
            .set(fx.siteOut)
            .send({ title: 'x' })
        ).status,
      ).toBe(403);
      expect(
        (
          await t
            .http()
            .patch(api(`/menu-items/${fx.itemId}`))
            .set(fx.site)
            .send({ title: 'x' })
        ).status,
      ).toBe(403);
      expect((await t.http().patch(api('/menu-items/00000000-0000-4000-8000-000000000000')).set(fx.county).send({ title: 'x' })).status).toBe(404);
      expect(
        (
          await t
            .http()
            .patch(api(`/menu-items/${stationItem}`))
            .set(fx.site)
            .send({ teamIds: [] })
        ).status,
      ).toBe(400);
      expect(
        (
          await t
            .http()
            .patch(api(`/menu-items/${stationItem}`))
            .send({ title: 'x' })
        ).status,
      ).toBe(401);
    });
  });

  describe('DELETE /menu-items/:id', () => {
    it('deletes an unused item; deactivates one that orders reference; 403 out of scope; 404; 401', async () => {
      const unused = await t
        .http()
        .post(api('/menu-items'))
        .set(fx.site)
        .send({ siteId: fx.ids.yongqingStationId, title: '代购代办', category: 'elderly_care', teamIds: [fx.ids.demoTeamId] });
      expect(
        (
          await t
            .http()
            .delete(api(`/menu-items/${unused.body.id}`))
            .set(fx.siteOut)
        ).status,
      ).toBe(403);
      expect((await t.http().delete(api(`/menu-items/${unused.body.id}`))).status).toBe(401);
      const del = await t
        .http()
        .delete(api(`/menu-items/${unused.body.id}`))
        .set(fx.site);
      expect(del.status).toBe(200);
      expect(del.body).toEqual({ id: unused.body.id, deleted: true, active: false });
      expect(
        (
          await t
            .http()
            .delete(api(`/menu-items/${unused.body.id}`))
            .set(fx.site)
        ).status,
      ).toBe(404);

      const used = await t
        .http()
        .post(api('/menu-items'))
        .set(fx.site)
        .send({ siteId: fx.ids.yongqingStationId, title: '心理疏导', category: 'health', teamIds: [fx.ids.demoTeamId] });
      await fx.order(fx.ids.yongqingStationId, used.body.id);
      const deact = await t
        .http()
        .delete(api(`/menu-items/${used.body.id}`))
        .set(fx.site);
      expect(deact.status).toBe(200);
      expect(deact.body).toEqual({ id: used.body.id, deleted: false, active: false });
      const order = await t
        .http()
        .post(api('/service-orders'))
        .send({ menuItemId: used.body.id, siteId: fx.ids.yongqingStationId, requesterName: '王', requesterPhone: '13700002222', address: 'x', preferredDate: future() });
      expect(order.status).toBe(409);
      expect(order.body.code).toBe('MENU_ITEM_UNAVAILABLE');
    });
  });
});
