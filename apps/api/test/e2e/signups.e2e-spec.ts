import { DataSource } from 'typeorm';
import { insertActivity } from '../setup/factories';
import { bearer, createTestApp, demoSession, DEMO, demoIds, registerVolunteer, type TestApp } from '../setup/test-app';

const day = 86400_000;
/** Distinct future slots per test (days from now), 2 h long, so tests never overlap each other. */
const slot = (days: number, hours = 2) => {
  const startsAt = new Date(Math.floor((Date.now() + days * day) / day) * day + 2 * 3600_000);
  return { startsAt, endsAt: new Date(startsAt.getTime() + hours * 3600_000) };
};

async function volunteers(t: TestApp, siteId: string, n: number) {
  const out: Array<Awaited<ReturnType<typeof registerVolunteer>>> = [];
  for (let i = 0; i < n; i += 10) out.push(...(await Promise.all(Array.from({ length: Math.min(10, n - i) }, () => registerVolunteer(t, siteId)))));
  return out;
}

describe('sign-ups', () => {
  let t: TestApp;
  let db: DataSource;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let admin: Record<string, string>;
  let leader: Record<string, string>;
  let member: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    ({ ids, admin, leader, member } = await demoSession(t));
  });
  afterAll(() => t.close());

  const counts = async (activityId: string) => {
    const rows: Array<{ status: string; n: number }> = await db.query(`SELECT status, count(*)::int AS n FROM signups WHERE activity_id = $1 GROUP BY status`, [
      activityId,
    ]);
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Record<string, number>;
  };

  it('self sign-up 201 confirmed; again → 200 same row; full → waitlisted; cancel promotes the earliest waitlisted', async () => {
    const a = await insertActivity(t, { teamId: ids.demoTeamId, ...slot(60), capacity: 1 });
    const [v1, v2, v3] = await volunteers(t, ids.yongqingStationId, 3);
    const first = await t.http().post(`/api/v1/activities/${a.id}/signups`).set(bearer(v1.token)).send({});
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ activityId: a.id, volunteerId: v1.volunteerId, status: 'confirmed', volunteerName: '测试志愿者' });
    const again = await t.http().post(`/api/v1/activities/${a.id}/signups`).set(bearer(v1.token)).send({});
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const second = await t.http().post(`/api/v1/activities/${a.id}/signups`).set(bearer(v2.token)).send({});
    expect(second.status).toBe(201);
    expect(second.body.status).toBe('waitlisted');
    const third = await t.http().post(`/api/v1/activities/${a.id}/signups`).set(bearer(v3.token)).send({});
    expect(third.body.status).toBe('waitlisted');
    const out = await t.http().delete(`/api/v1/activities/${a.id}/signups/${v1.volunteerId}`).set(bearer(v1.token));
    expect(out.status).toBe(200);
    expect(out.body.status).toBe('cancelled');
    const list = await t.http().get(`/api/v1/activities/${a.id}/signups`).set(leader);
    expect(list.status).toBe(200);
    const byVol = Object.fromEntries(list.body.items.map((s: { volunteerId: string; status: string }) => [s.volunteerId, s.status]));
    expect(byVol).toEqual({ [v1.volunteerId]: 'cancelled', [v2.volunteerId]: 'confirmed', [v3.volunteerId]: 'waitlisted' });
    // re-signing after cancelling reactivates the row at the back of the queue
    const back = await t.http().post(`/api/v1/activities/${a.id}/signups`).set(bearer(v1.token)).send({});
    expect(back.status).toBe(201);
    expect(back.body.status).toBe('waitlisted');
    await t.http().delete(`/api/v1/activities/${a.id}/signups/${v2.volunteerId}`).set(leader);
    expect(await counts(a.id)).toEqual({ confirmed: 1, waitlisted: 1, cancelled: 1 });
    const [{ volunteer_id }] = await db.query(`SELECT volunteer_id FROM signups WHERE activity_id = $1 AND status = 'confirmed'`, [a.id]);
    expect(volunteer_id).toBe(v3.volunteerId);
    // cancelling twice is not an error
    expect((await t.http().delete(`/api/v1/activities/${a.id}/signups/${v2.volunteerId}`).set(leader)).body.status).toBe('cancelled');
  });

  it('leader signs someone up; 403 for another team or for a plain volunteer signing up someone else; 400; 401; 404', async () => {
    const a = await insertActivity(t, { teamId: ids.demoTeamId, ...slot(61), capacity: 5 });
    const other = await insertActivity(t, { teamId: ids.otherTeamId, ...slot(61), capacity: 5 });
    const [v] = await volunteers(t, ids.yongqingStationId, 1);
    const ok = await t.http().post(`/api/v1/activities/${a.id}/signups`).set(leader).send({ volunteerId: v.volunteerId });
    expect(ok.status).toBe(201);
    expect(ok.body.status).toBe('confirmed');
    expect((await t.http().post(`/api/v1/activities/${other.id}/signups`).set(leader).send({ volunteerId: v.volunteerId })).status).toBe(403);
    expect((await t.http().post(`/api/v1/activities/${a.id}/signups`).set(member).send({ volunteerId: v.volunteerId })).status).toBe(403);
    expect((await t.http().delete(`/api/v1/activities/${a.id}/signups/${v.volunteerId}`).set(member)).status).toBe(403);
    expect((await t.http().delete(`/api/v1/activities/${other.id}/signups/${v.volunteerId}`).set(leader)).status).toBe(403);
    expect((await t.http().post(`/api/v1/activities/${a.id}/signups`).set(leader).send({ volunteerId: 'abc' })).status).toBe(400);
    expect((await t.http().post(`/api/v1/activities/${a.id}/signups`).set(leader).send({ extra: 1 })).status).toBe(400);
    // an admin login without a volunteer profile must name someone
    const noProfile = await t.http().post(`/api/v1/activities/${a.id}/signups`).set(admin).send({});
    expect(noProfile.status).toBe(400);
    expect(noProfile.body.details[0].field).toBe('volunteerId');
    expect((await t.http().post(`/api/v1/activities/${a.id}/signups`).send({})).status).toBe(401);
    expect((await t.http().get(`/api/v1/activities/${a.id}/signups`)).status).toBe(401);
    expect((await t.http().delete(`/api/v1/activities/${a.id}/signups/${v.volunteerId}`)).status).toBe(401);
    expect((await t.http().post(`/api/v1/activities/00000000-0000-4000-8000-000000000000/signups`).set(bearer(v.token)).send({})).status).toBe(404);
    expect((await t.http().post(`/api/v1/activities/${a.id}/signups`).set(admin).send({ volunteerId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    expect((await t.http().delete(`/api/v1/activities/${a.id}/signups/${ids.memberVolunteerId}`).set(leader)).status).toBe(404);
    expect((await t.http().delete(`/api/v1/activities/${a.id}/signups/not-a-uuid`).set(leader)).status).toBe(400);
    expect((await t.http().get(`/api/v1/activities/not-a-uuid/signups`).set(leader)).status).toBe(400);
    expect((await t.http().post(`/api/v1/activities/not-a-uuid/signups`).set(leader).send({})).status).toBe(400);
  });

  it('GET signups: leader/admin see all with names; a volunteer only their own; 403 for a site admin out of scope', async () => {
    const a = await insertActivity(t, { teamId: ids.demoTeamId, ...slot(62), capacity: 5 });
    const vs = await volunteers(t, ids.yongqingStationId, 2);
    for (const v of vs) await t.http().post(`/api/v1/activities/${a.id}/signups`).set(bearer(v.token)).send({});
    const all = await t.http().get(`/api/v1/activities/${a.id}/signups`).set(admin);
    expect(all.body.total).toBe(2);
    expect(all.body.items[0]).toHaveProperty('volunteerName');
    const own = await t.http().get(`/api/v1/activities/${a.id}/signups`).set(bearer(vs[0].token));
    expect(own.status).toBe(200);
    expect(own.body.items.map((s: { volunteerId: string }) => s.volunteerId)).toEqual([vs[0].volunteerId]);
    const filtered = await t.http().get(`/api/v1/activities/${a.id}/signups`).query({ status: 'waitlisted' }).set(leader);
    expect(filtered.body.total).toBe(0);
    expect((await t.http().get(`/api/v1/activities/${a.id}/signups`).query({ status: 'maybe' }).set(leader)).status).toBe(400);
    const other = await insertActivity(t, { teamId: ids.otherTeamId, ...slot(62) });
    expect(
      (
        await t
          .http()
          .get(`/api/v1/activities/${other.id}/signups`)
          .set(bearer(await t.token(DEMO.site)))
      ).status,
    ).toBe(403);
  });

  it('rules: 409 ACTIVITY_CLOSED for cancelled/completed, ACTIVITY_NOT_PUBLISHED for drafts, ACTIVITY_ENDED for past', async () => {
    const [v] = await volunteers(t, ids.yongqingStationId, 1);
    const cancelled = await insertActivity(t, { teamId: ids.demoTeamId, ...slot(63), status: 'cancelled' });
    const completed = await insertActivity(t, {
      teamId: ids.demoTeamId,
      startsAt: new Date(Date.now() - 3 * day),
      endsAt: new Date(Date.now() - 3 * day + 3600_000),
      status: 'completed',
    });
    const draft = await insertActivity(t, { teamId: ids.demoTeamId, ...slot(63), status: 'draft' });
    const past = await insertActivity(t, { teamId: ids.demoTeamId, startsAt: new Date(Date.now() - 3 * day), endsAt: new Date(Date.now() - 3 * day + 3600_000) });
    const go = (id: string) => t.http().post(`/api/v1/activities/${id}/signups`).set(bearer(v.token)).send({});
    expect((await go(cancelled.id)).body.code).toBe('ACTIVITY_CLOSED');
    expect((await go(completed.id)).status).toBe(409);
    expect((await go(draft.id)).body.code).toBe('ACTIVITY_NOT_PUBLISHED');
    expect((await go(past.id)).body.code).toBe('ACTIVITY_ENDED');
  });

  it('SIGNUP_OVERLAP: no two confirmed sign-ups whose times overlap; back-to-back is fine; waitlisted promotion skips a clash', async () => {
    const [v, w] = await volunteers(t, ids.yongqingStationId, 2);
    const s = slot(64, 3);
    const a = await insertActivity(t, { teamId: ids.demoTeamId, ...s, title: '上午的环境整治' });
    const b = await insertActivity(t, { teamId: ids.otherTeamId, startsAt: new Date(s.startsAt.getTime() + 3600_000), endsAt: new Date(s.endsAt.getTime() + 3600_000) });
    const c = await insertActivity(t, { teamId: ids.otherTeamId, startsAt: s.endsAt, endsAt: new Date(s.endsAt.getTime() + 3600_000) });
    expect((await t.http().post(`/api/v1/activities/${a.id}/signups`).set(bearer(v.token)).send({})).body.status).toBe('confirmed');
    const clash = await t.http().post(`/api/v1/activities/${b.id}/signups`).set(bearer(v.token)).send({});
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('SIGNUP_OVERLAP');
    expect(clash.body.message).toContain('上午的环境整治');
    expect((await t.http().post(`/api/v1/activities/${c.id}/signups`).set(bearer(v.token)).send({})).body.status).toBe('confirmed');
    // concurrently: the same volunteer on two overlapping activities → exactly one confirmed
    const s2 = slot(65, 2);
    const x = await insertActivity(t, { teamId: ids.demoTeamId, ...s2 });
    const y = await insertActivity(t, { teamId: ids.otherTeamId, ...s2 });
    const both = await Promise.all([x, y].map((act) => t.http().post(`/api/v1/activities/${act.id}/signups`).set(bearer(w.token)).send({})));
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM signups WHERE volunteer_id = $1 AND status = 'confirmed'`, [w.volunteerId]);
    expect(Number(n)).toBe(1);
    // promotion skips a waitlisted volunteer who meanwhile holds an overlapping confirmed sign-up
    const s3 = slot(66, 2);
    const full = await insertActivity(t, { teamId: ids.demoTeamId, ...s3, capacity: 1 });
    const free = await insertActivity(t, { teamId: ids.otherTeamId, ...s3 });
    const [p, q2, r] = await volunteers(t, ids.yongqingStationId, 3);
    await t.http().post(`/api/v1/activities/${full.id}/signups`).set(bearer(p.token)).send({});
    expect((await t.http().post(`/api/v1/activities/${full.id}/signups`).set(bearer(q2.token)).send({})).body.status).toBe('waitlisted');
    expect((await t.http().post(`/api/v1/activities/${full.id}/signups`).set(bearer(r.token)).send({})).body.status).toBe('waitlisted');
    await db.query(`INSERT INTO signups (activity_id, volunteer_id, status) VALUES ($1, $2, 'confirmed')`, [free.id, q2.volunteerId]);
    await t.http().delete(`/api/v1/activities/${full.id}/signups/${p.volunteerId}`).set(bearer(p.token));
    const after = await db.query(`SELECT volunteer_id, status FROM signups WHERE activity_id = $1`, [full.id]);
    const m = Object.fromEntries(after.map((row: { volunteer_id: string; status: string }) => [row.volunteer_id, row.status]));
    expect(m).toEqual({ [p.volunteerId]: 'cancelled', [q2.volunteerId]: 'waitlisted', [r.volunteerId]: 'confirmed' });
  });

  it('race: 50 different volunteers at once for capacity 10 → exactly 10 confirmed, 40 waitlisted', async () => {
    const a = await insertActivity(t, { teamId: ids.demoTeamId, ...slot(70), capacity: 10 });
    const vs = await volunteers(t, ids.yongqingStationId, 50);
    const res = await Promise.all(vs.map((v) => t.http().post(`/api/v1/activities/${a.id}/signups`).set(bearer(v.token)).send({})));
    expect(res.filter((r) => r.status !== 201).map((r) => [r.status, r.body])).toEqual([]);
    expect(res.filter((r) => r.body.status === 'confirmed')).toHaveLength(10);
    expect(res.filter((r) => r.body.status === 'waitlisted')).toHaveLength(40);
    expect(await counts(a.id)).toEqual({ confirmed: 10, waitlisted: 40 });
    const got = await t.http().get(`/api/v1/activities/${a.id}`).set(admin);
    expect(got.body).toMatchObject({ confirmedCount: 10, waitlistedCount: 40 });
  });

  it('race: 20 concurrent sign-ups by the same volunteer → one row', async () => {
    const a = await insertActivity(t, { teamId: ids.demoTeamId, ...slot(71), capacity: 3 });
    const [v] = await volunteers(t, ids.yongqingStationId, 1);
    const res = await Promise.all(Array.from({ length: 20 }, () => t.http().post(`/api/v1/activities/${a.id}/signups`).set(bearer(v.token)).send({})));
    expect(res.filter((r) => r.status !== 201 && r.status !== 200).map((r) => [r.status, r.body])).toEqual([]);
    expect(res.filter((r) => r.status === 201)).toHaveLength(1);
    expect(res.every((r) => r.body.status === 'confirmed')).toBe(true);
    const rows = await db.query(`SELECT status FROM signups WHERE activity_id = $1`, [a.id]);
    expect(rows).toEqual([{ status: 'confirmed' }]);
  });

  it('race: concurrent cancels and sign-ups never exceed capacity; the waitlist refills the places', async () => {
    const capacity = 5;
    const a = await insertActivity(t, { teamId: ids.demoTeamId, ...slot(72), capacity });
    const vs = await volunteers(t, ids.yongqingStationId, 16);
    const first = vs.slice(0, capacity);
    for (const v of first) expect((await t.http().post(`/api/v1/activities/${a.id}/signups`).set(bearer(v.token)).send({})).body.status).toBe('confirmed');
    let confirmed = new Set(first.map((v) => v.volunteerId));
    let next = capacity;
    for (let round = 0; round < 4; round++) {
      const leaving = [...confirmed].slice(0, 2);
      const joining = vs.slice(next, next + 3);
      next += 3;
      const tokenOf = new Map(vs.map((v) => [v.volunteerId, v.token]));
      const res = await Promise.all([
        ...leaving.map((vid) =>
          t
            .http()
            .delete(`/api/v1/activities/${a.id}/signups/${vid}`)
            .set(bearer(tokenOf.get(vid)!)),
        ),
        ...joining.map((v) => t.http().post(`/api/v1/activities/${a.id}/signups`).set(bearer(v.token)).send({})),
      ]);
      expect(res.every((r) => r.status === 200 || r.status === 201)).toBe(true);
      const c = await counts(a.id);
      expect(c.confirmed).toBeLessThanOrEqual(capacity);
      // places freed were refilled from the waitlist or by newcomers: full whenever someone is waiting
      if ((c.waitlisted ?? 0) > 0) expect(c.confirmed).toBe(capacity);
      const rows: Array<{ volunteer_id: string }> = await db.query(`SELECT volunteer_id FROM signups WHERE activity_id = $1 AND status = 'confirmed'`, [a.id]);
      confirmed = new Set(rows.map((r) => r.volunteer_id));
    }
    const final = await counts(a.id);
    expect(final.confirmed).toBe(capacity);
    expect(final.cancelled).toBe(8);
    expect(final.waitlisted).toBe(16 - 8 - capacity);
  });

  it('GET /me/activities: upcoming sign-ups with status; 401', async () => {
    const [v] = await volunteers(t, ids.yongqingStationId, 1);
    const soon = await insertActivity(t, { teamId: ids.demoTeamId, ...slot(80), title: '我的下一场' });
    const later = await insertActivity(t, { teamId: ids.demoTeamId, ...slot(81), capacity: 1 });
    const gone = await insertActivity(t, { teamId: ids.demoTeamId, ...slot(82) });
    await t.http().post(`/api/v1/activities/${later.id}/signups`).set(leader).send({ volunteerId: ids.leaderVolunteerId });
    for (const x of [soon, later, gone]) await t.http().post(`/api/v1/activities/${x.id}/signups`).set(bearer(v.token)).send({});
    await t.http().delete(`/api/v1/activities/${gone.id}/signups/${v.volunteerId}`).set(bearer(v.token));
    const res = await t.http().get('/api/v1/me/activities').set(bearer(v.token));
    expect(res.status).toBe(200);
    expect(res.body.items.map((x: { id: string; signupStatus: string }) => [x.id, x.signupStatus])).toEqual([
      [soon.id, 'confirmed'],
      [later.id, 'waitlisted'],
    ]);
    expect(res.body.items[0]).toMatchObject({ title: '我的下一场', teamName: '永清镇红马甲志愿服务队' });
    expect((await t.http().get('/api/v1/me/activities')).status).toBe(401);
    expect((await t.http().get('/api/v1/me/activities').query({ pageSize: 500 }).set(bearer(v.token))).status).toBe(400);
  });
});
