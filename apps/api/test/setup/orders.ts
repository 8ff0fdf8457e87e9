import { DataSource } from 'typeorm';
import { addDays, shanghaiDate } from '@wenming/shared';
import { bearer, DEMO, demoIds, registerVolunteer, uniquePhone, type TestApp } from './test-app';

export const api = (p: string) => `/api/v1${p}`;
export const future = (days = 3) => addDays(shanghaiDate(new Date()), days);

export type Ids = Awaited<ReturnType<typeof demoIds>>;

/** Fixture for the service-order suites: a county-wide item both demo teams provide, actors of every kind. */
export async function orderFixture(t: TestApp) {
  const ids = await demoIds(t);
  const db = t.app.get(DataSource);
  const county = bearer(await t.token(DEMO.county));
  const site = bearer(await t.token(DEMO.site));
  const leader = bearer(await t.token(DEMO.leader));
  const member = bearer(await t.token(DEMO.member));
  // a site admin of 红堡镇 (out of scope for orders in 永清镇)
  const outPhone = uniquePhone();
  const u = await t.http().post(api('/users')).set(county).send({ phone: outPhone, password: 'Staff@2026x', role: 'site_admin', siteId: ids.otherInstituteId });
  if (u.status !== 201) throw new Error(`site admin: ${u.status} ${JSON.stringify(u.body)}`);
  const siteOut = bearer(await t.token(outPhone, 'Staff@2026x'));
  // a leader of another team
  const other = await registerVolunteer(t, ids.otherStationId, '另一队长');
  const m = await t
    .http()
    .post(api(`/teams/${ids.otherTeamId}/members`))
    .set(county)
    .send({ volunteerId: other.volunteerId, role: 'leader' });
  if (m.status !== 201) throw new Error(`leader: ${m.status} ${JSON.stringify(m.body)}`);
  const otherLeader = bearer(other.token);

  const item = await t
    .http()
    .post(api('/menu-items'))
    .set(county)
    .send({ title: `测试理发${Date.now()}`, category: 'elderly_care', teamIds: [ids.demoTeamId, ids.otherTeamId] });
  if (item.status !== 201) throw new Error(`item: ${item.status} ${JSON.stringify(item.body)}`);
  const itemId: string = item.body.id;

  async function order(siteId = ids.yongqingStationId, menuItemId = itemId): Promise<{ id: string; token: string }> {
    const res = await t.http().post(api('/service-orders')).send({
      menuItemId,
      siteId,
      requesterName: '张桂英',
      requesterPhone: '13912345678',
      address: '永清镇东关社区3号楼',
      preferredDate: future(),
      note: '老人行动不便',
    });
    if (res.status !== 201) throw new Error(`order: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.id, token: res.body.trackingToken };
  }

  const acceptBody = () => {
    const start = new Date(Date.now() + 2 * 86400_000);
    return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 2 * 3600_000).toISOString() };
  };

  /** A fresh order walked through the real endpoints (and the activity trigger) to `state`. */
  async function orderIn(state: string, siteId = ids.yongqingStationId) {
    const o = await order(siteId);
    let activityId: string | null = null;
    const ok = (res: { status: number; body: unknown }, what: string) => {
      if (res.status !== 200) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    };
    if (state === 'ordered') return { ...o, activityId };
    ok(
      await t
        .http()
        .post(api(`/service-orders/${o.id}/dispatch`))
        .set(county)
        .send({ teamId: ids.demoTeamId }),
      'dispatch',
    );
    if (state === 'dispatched') return { ...o, activityId };
    if (state === 'cancelled') {
      ok(
        await t
          .http()
          .post(api(`/service-orders/${o.id}/cancel`))
          .set(county)
          .send({ reason: '居民不需要了' }),
        'cancel',
      );
      return { ...o, activityId };
    }
    const acc = await t
      .http()
      .post(api(`/service-orders/${o.id}/accept`))
      .set(leader)
      .send(acceptBody());
    ok(acc, 'accept');
    activityId = acc.body.activityId;
    if (state === 'accepted') return { ...o, activityId };
    await db.query(`UPDATE activities SET status = 'completed', completed_at = now(), audience_reached = 1 WHERE id = $1`, [activityId]);
    if (state === 'completed') return { ...o, activityId };
    const r = await t
      .http()
      .post(api(`/service-orders/track/${o.token}/rate`))
      .send({ stars: 5, comment: '很好' });
    ok(r, 'rate');
    return { ...o, activityId };
  }

  return { ids, db, county, site, leader, member, siteOut, otherLeader, itemId, order, orderIn, acceptBody };
}
