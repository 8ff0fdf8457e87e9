import { DataSource } from 'typeorm';
import { insertActivity } from '../setup/factories';
import { bearer, createTestApp, demoSession, demoIds, registerVolunteer, type TestApp } from '../setup/test-app';

/** A day well in the future (per test offsets keep activities apart). */
const future = (days: number, hour = 9, hours = 2) => {
  const s = new Date(Date.now() + days * 86400_000);
  s.setUTCHours(hour - 8, 0, 0, 0);
  return { startsAt: s.toISOString(), endsAt: new Date(s.getTime() + hours * 3600_000).toISOString() };
};

describe('activities', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let admin: Record<string, string>;
  let siteAdmin: Record<string, string>;
  let leader: Record<string, string>;
  let member: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    ({ ids, admin, siteAdmin, leader, member } = await demoSession(t));
  });
  afterAll(() => t.close());

  const body = (extra: Record<string, unknown> = {}) => ({
    title: '东关社区文明劝导',
    kind: 'themed',
    category: 'civility_persuasion',
    teamId: ids.demoTeamId,
    ...future(40),
    capacity: 10,
    ...extra,
  });

  it('POST: a leader creates for the team they lead (201, siteId = team site, no secret leaked)', async () => {
    const res = await t
      .http()
      .post('/api/v1/activities')
      .set(leader)
      .send(body({ startsAt: '2027-03-05T09:00:00+08:00', endsAt: '2027-03-05T11:30:00+08:00' }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'themed',
      status: 'published',
      teamId: ids.demoTeamId,
      siteId: ids.yongqingInstituteId,
      capacity: 10,
      scheduleId: null,
      audienceReached: null,
    });
    expect(res.body.startsAt).toBe('2027-03-05T01:00:00.000Z');
    expect(JSON.stringify(res.body)).not.toMatch(/secret/i);
    const [row] = await t.app.get(DataSource).query(`SELECT checkin_secret FROM activities WHERE id = $1`, [res.body.id]);
    expect(row.checkin_secret).toMatch(/^[0-9a-f]{64}$/);
    const got = await t.http().get(`/api/v1/activities/${res.body.id}`).set(member);
    expect(got.status).toBe(200);
    expect(got.body).not.toHaveProperty('checkinSecret');
    expect(got.body).toMatchObject({ confirmedCount: 0, waitlistedCount: 0 });
  });

  it('POST: validation 400s, 401, 403 for a leader of another team, 403 for a plain volunteer', async () => {
    const bad = await t
      .http()
      .post('/api/v1/activities')
      .set(leader)
      .send(body({ kind: 'party', capacity: 0, startsAt: '2027-03-05 09:00' }));
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const fields = bad.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['kind', 'capacity', 'startsAt']));
    const noOffset = await t
      .http()
      .post('/api/v1/activities')
      .set(leader)
      .send(body({ startsAt: '2027-03-05T09:00:00' }));
    expect(noOffset.status).toBe(400);
    const backwards = await t
      .http()
      .post('/api/v1/activities')
      .set(leader)
      .send(body({ startsAt: '2027-03-05T11:00:00+08:00', endsAt: '2027-03-05T09:00:00+08:00' }));
    expect(backwards.status).toBe(400);
    expect(backwards.body.details[0].field).toBe('endsAt');
    const tooLong = await t
      .http()
      .post('/api/v1/activities')
      .set(leader)
      .send(body({ startsAt: '2027-03-05T09:00:00+08:00', endsAt: '2027-03-06T09:01:00+08:00' }));
    expect(tooLong.status).toBe(400);
    const unknown = await t
      .http()
      .post('/api/v1/activities')
      .set(leader)
      .send(body({ checkinSecret: 'x' }));
    expect(unknown.status).toBe(400);
    expect((await t.http().post('/api/v1/activities').send(body())).status).toBe(401);
    const other = await t
      .http()
      .post('/api/v1/activities')
      .set(leader)
      .send(body({ teamId: ids.otherTeamId }));
    expect(other.status).toBe(403);
    expect((await t.http().post('/api/v1/activities').set(member).send(body())).status).toBe(403);
    expect(
      (
        await t
          .http()
          .post('/api/v1/activities')
          .set(siteAdmin)
          .send(body({ teamId: ids.otherTeamId }))
      ).status,
    ).toBe(403);
    const missingTeam = await t
      .http()
      .post('/api/v1/activities')
      .set(admin)
      .send(body({ teamId: '00000000-0000-4000-8000-000000000000' }));
    expect(missingTeam.status).toBe(400);
  });

  it('POST: capacity null = unlimited; drafts; past activities may be recorded (backfill)', async () => {
    const res = await t
      .http()
      .post('/api/v1/activities')
      .set(siteAdmin)
      .send(body({ capacity: null, status: 'draft', startsAt: '2025-06-06T09:00:00+08:00', endsAt: '2025-06-06T11:00:00+08:00' }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ capacity: null, status: 'draft' });
  });

  it('GET list: filters by inclusive Shanghai dates, kind, category, status; scope per role', async () => {
    const db = t.app.get(DataSource);
    // 00:30 Shanghai on 2031-05-02 is 2031-05-01 16:30 UTC: it belongs to 2031-05-02
    const early = await insertActivity(t, {
      teamId: ids.demoTeamId,
      startsAt: new Date('2031-05-01T16:30:00Z'),
      endsAt: new Date('2031-05-01T18:00:00Z'),
      category: 'health',
    });
    const late = await insertActivity(t, {
      teamId: ids.demoTeamId,
      startsAt: new Date('2031-05-02T15:30:00Z'),
      endsAt: new Date('2031-05-02T15:50:00Z'),
      category: 'health',
    }); // 23:30 local on 05-02
    const draft = await insertActivity(t, {
      teamId: ids.demoTeamId,
      startsAt: new Date('2031-05-02T02:00:00Z'),
      endsAt: new Date('2031-05-02T03:00:00Z'),
      status: 'draft',
      category: 'health',
    });
    const otherDraft = await insertActivity(t, {
      teamId: ids.otherTeamId,
      startsAt: new Date('2031-05-02T02:00:00Z'),
      endsAt: new Date('2031-05-02T03:00:00Z'),
      status: 'draft',
      category: 'health',
    });
    const otherPub = await insertActivity(t, {
      teamId: ids.otherTeamId,
      startsAt: new Date('2031-05-02T04:00:00Z'),
      endsAt: new Date('2031-05-02T05:00:00Z'),
      category: 'health',
    });
    const q = { from: '2031-05-02', to: '2031-05-02', category: 'health', pageSize: 100 };
    const idsOf = (r: { body: { items: Array<{ id: string }> } }) => r.body.items.map((x) => x.id).sort();

    const asCounty = await t.http().get('/api/v1/activities').query(q).set(admin);
    expect(asCounty.status).toBe(200);
    expect(idsOf(asCounty)).toEqual([early.id, late.id, draft.id, otherDraft.id, otherPub.id].sort());
    expect(asCounty.body.total).toBe(5);
    const asSite = await t.http().get('/api/v1/activities').query(q).set(siteAdmin);
    expect(idsOf(asSite)).toEqual([early.id, late.id, draft.id].sort());
    const asLeader = await t.http().get('/api/v1/activities').query(q).set(leader);
    expect(idsOf(asLeader)).toEqual([early.id, late.id, draft.id, otherPub.id].sort());
    const asMember = await t.http().get('/api/v1/activities').query(q).set(member);
    expect(idsOf(asMember)).toEqual([early.id, late.id, otherPub.id].sort());
    // the day before holds none of them
    const before = await t
      .http()
      .get('/api/v1/activities')
      .query({ ...q, from: '2031-05-01', to: '2031-05-01' })
      .set(admin);
    expect(before.body.total).toBe(0);
    const drafts = await t
      .http()
      .get('/api/v1/activities')
      .query({ ...q, status: 'draft', teamId: ids.demoTeamId })
      .set(admin);
    expect(idsOf(drafts)).toEqual([draft.id]);
    const asc = await t
      .http()
      .get('/api/v1/activities')
      .query({ ...q, sort: 'asc', teamId: ids.demoTeamId, status: 'published' })
      .set(admin);
    expect(asc.body.items.map((x: { id: string }) => x.id)).toEqual([early.id, late.id]);
    const page = await t
      .http()
      .get('/api/v1/activities')
      .query({ ...q, pageSize: 2, page: 2 })
      .set(admin);
    expect(page.body).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page.body.items).toHaveLength(2);
    // 400s and 401
    expect((await t.http().get('/api/v1/activities').query({ from: '2031-02-30' }).set(admin)).status).toBe(400);
    expect((await t.http().get('/api/v1/activities').query({ from: '2031-05-03', to: '2031-05-02' }).set(admin)).status).toBe(400);
    expect((await t.http().get('/api/v1/activities').query({ kind: 'party' }).set(admin)).status).toBe(400);
    expect((await t.http().get('/api/v1/activities')).status).toBe(401);
    // a draft of another team: 403 to read; missing: 404; bad id: 400
    expect((await t.http().get(`/api/v1/activities/${otherDraft.id}`).set(leader)).status).toBe(403);
    expect((await t.http().get(`/api/v1/activities/${draft.id}`).set(leader)).status).toBe(200);
    expect((await t.http().get('/api/v1/activities/00000000-0000-4000-8000-000000000000').set(admin)).status).toBe(404);
    expect((await t.http().get('/api/v1/activities/nope').set(admin)).status).toBe(400);
    void db;
  });

  it('PATCH: edits, publishes a draft; 400 on times; 403 other team; 409 when closed or capacity below confirmed', async () => {
    const created = await t
      .http()
      .post('/api/v1/activities')
      .set(leader)
      .send(body({ ...future(41), status: 'draft', capacity: 3 }));
    const id = created.body.id;
    const patched = await t
      .http()
      .patch(`/api/v1/activities/${id}`)
      .set(leader)
      .send({ title: '新标题', status: 'published', category: 'sanitation', description: '带好手套' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ title: '新标题', status: 'published', category: 'sanitation', description: '带好手套' });
    const f = future(41, 14, 3);
    const moved = await t.http().patch(`/api/v1/activities/${id}`).set(leader).send(f);
    expect(moved.body.startsAt).toBe(new Date(f.startsAt).toISOString());
    const bad = await t.http().patch(`/api/v1/activities/${id}`).set(leader).send({ endsAt: f.startsAt });
    expect(bad.status).toBe(400);
    expect((await t.http().patch(`/api/v1/activities/${id}`).set(leader).send({ status: 'completed' })).status).toBe(400);
    expect((await t.http().patch(`/api/v1/activities/${id}`).set(leader).send({ capacity: 0 })).status).toBe(400);
    expect((await t.http().patch(`/api/v1/activities/${id}`).send({ title: 'x' })).status).toBe(401);
    const foreign = await insertActivity(t, { teamId: ids.otherTeamId, ...{ startsAt: new Date(f.startsAt), endsAt: new Date(f.endsAt) } });
    expect((await t.http().patch(`/api/v1/activities/${foreign.id}`).set(leader).send({ title: 'x' })).status).toBe(403);
    // three sign-ups: capacity cannot drop to 2
    for (let i = 0; i < 3; i++) {
      const v = await registerVolunteer(t, ids.yongqingStationId);
      expect((await t.http().post(`/api/v1/activities/${id}/signups`).set(bearer(v.token)).send({})).status).toBe(201);
    }
    const lower = await t.http().patch(`/api/v1/activities/${id}`).set(leader).send({ capacity: 2 });
    expect(lower.status).toBe(409);
    expect(lower.body.code).toBe('CAPACITY_BELOW_CONFIRMED');
    // a fourth waits; raising capacity promotes it
    const v4 = await registerVolunteer(t, ids.yongqingStationId);
    expect((await t.http().post(`/api/v1/activities/${id}/signups`).set(bearer(v4.token)).send({})).body.status).toBe('waitlisted');
    const raised = await t.http().patch(`/api/v1/activities/${id}`).set(leader).send({ capacity: 5 });
    expect(raised.body).toMatchObject({ capacity: 5, confirmedCount: 4, waitlistedCount: 0 });
    // closed: 409
    await t.http().post(`/api/v1/activities/${id}/cancel`).set(leader).send({ reason: '下雨' });
    const closed = await t.http().patch(`/api/v1/activities/${id}`).set(leader).send({ title: '再改' });
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('ACTIVITY_CLOSED');
  });

  it('cancel: cancels sign-ups; idempotent; 400 without reason; 403; 409 with confirmed attendance or when completed', async () => {
    const db = t.app.get(DataSource);
    const created = await t
      .http()
      .post('/api/v1/activities')
      .set(leader)
      .send(body(future(42)));
    const id = created.body.id;
    const v = await registerVolunteer(t, ids.yongqingStationId);
    await t.http().post(`/api/v1/activities/${id}/signups`).set(bearer(v.token)).send({});
    expect((await t.http().post(`/api/v1/activities/${id}/cancel`).set(leader).send({})).status).toBe(400);
    expect((await t.http().post(`/api/v1/activities/${id}/cancel`).send({ reason: 'x' })).status).toBe(401);
    expect((await t.http().post(`/api/v1/activities/${id}/cancel`).set(member).send({ reason: 'x' })).status).toBe(403);
    const res = await t.http().post(`/api/v1/activities/${id}/cancel`).set(leader).send({ reason: '暴雨预警' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, status: 'cancelled', cancelReason: '暴雨预警', confirmedCount: 0 });
    const [s] = await db.query(`SELECT status FROM signups WHERE activity_id = $1`, [id]);
    expect(s.status).toBe('cancelled');
    expect((await t.http().post(`/api/v1/activities/${id}/cancel`).set(leader).send({ reason: '再次' })).body.status).toBe('cancelled');

    // confirmed attendance blocks cancelling
    const past = await insertActivity(t, { teamId: ids.demoTeamId, startsAt: new Date(Date.now() - 5 * 3600_000), endsAt: new Date(Date.now() - 3 * 3600_000) });
    await db.query(
      `INSERT INTO attendance (activity_id, volunteer_id, check_in_at, check_out_at, method, minutes, status) VALUES ($1,$2,$3,$4,'manual',120,'confirmed')`,
      [past.id, ids.memberVolunteerId, new Date(Date.now() - 5 * 3600_000), new Date(Date.now() - 3 * 3600_000)],
    );
    const blocked = await t.http().post(`/api/v1/activities/${past.id}/cancel`).set(leader).send({ reason: '补录错误' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.code).toBe('ACTIVITY_HAS_CONFIRMED_ATTENDANCE');
    expect(blocked.body.message).toContain('请先驳回已确认的考勤');
    // completed cannot be cancelled
    await t.http().post(`/api/v1/activities/${past.id}/complete`).set(leader).send({ audienceReached: 30 });
    expect((await t.http().post(`/api/v1/activities/${past.id}/cancel`).set(leader).send({ reason: 'x' })).body.code).toBe('ACTIVITY_CLOSED');
  });

  it('complete: records audienceReached; same body idempotent; 409 different value, not started, cancelled; 400; 403', async () => {
    const past = await insertActivity(t, { teamId: ids.demoTeamId, startsAt: new Date(Date.now() - 26 * 3600_000), endsAt: new Date(Date.now() - 24 * 3600_000) });
    expect((await t.http().post(`/api/v1/activities/${past.id}/complete`).set(leader).send({ audienceReached: -1 })).status).toBe(400);
    expect((await t.http().post(`/api/v1/activities/${past.id}/complete`).set(leader).send({ audienceReached: 1.5 })).status).toBe(400);
    expect((await t.http().post(`/api/v1/activities/${past.id}/complete`).set(leader).send({})).status).toBe(400);
    expect((await t.http().post(`/api/v1/activities/${past.id}/complete`).send({ audienceReached: 5 })).status).toBe(401);
    const otherLeaderish = await registerVolunteer(t, ids.yongqingStationId);
    expect((await t.http().post(`/api/v1/activities/${past.id}/complete`).set(bearer(otherLeaderish.token)).send({ audienceReached: 5 })).status).toBe(403);
    const done = await t.http().post(`/api/v1/activities/${past.id}/complete`).set(siteAdmin).send({ audienceReached: 85 });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', audienceReached: 85 });
    const again = await t.http().post(`/api/v1/activities/${past.id}/complete`).set(leader).send({ audienceReached: 85 });
    expect(again.status).toBe(200);
    expect(again.body.audienceReached).toBe(85);
    const diff = await t.http().post(`/api/v1/activities/${past.id}/complete`).set(leader).send({ audienceReached: 90 });
    expect(diff.status).toBe(409);
    expect(diff.body.code).toBe('ACTIVITY_ALREADY_COMPLETED');
    const upcoming = await t
      .http()
      .post('/api/v1/activities')
      .set(leader)
      .send(body(future(43)));
    const early = await t.http().post(`/api/v1/activities/${upcoming.body.id}/complete`).set(leader).send({ audienceReached: 1 });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('ACTIVITY_NOT_STARTED');
    const cancelled = await insertActivity(t, {
      teamId: ids.demoTeamId,
      startsAt: new Date(Date.now() - 50 * 3600_000),
      endsAt: new Date(Date.now() - 48 * 3600_000),
      status: 'cancelled',
    });
    expect((await t.http().post(`/api/v1/activities/${cancelled.id}/complete`).set(leader).send({ audienceReached: 1 })).body.code).toBe('ACTIVITY_CLOSED');
  });
});
