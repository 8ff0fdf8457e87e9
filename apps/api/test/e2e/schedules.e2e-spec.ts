import { DataSource } from 'typeorm';
import { addDays, shanghaiDate } from '@wenming/shared';
import { nextWeekday } from '../setup/factories';
import { bearer, createTestApp, demoSession, demoIds, registerVolunteer, type TestApp } from '../setup/test-app';

describe('service-day schedules', () => {
  let t: TestApp;
  let db: DataSource;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let admin: Record<string, string>;
  let siteAdmin: Record<string, string>;
  let leader: Record<string, string>;
  let member: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    ({ ids, admin, siteAdmin, leader, member } = await demoSession(t));
  });
  afterAll(() => t.close());

  it('POST: one service_day activity per Friday, local 09:00 → 01:00Z, skipping skipDates (201)', async () => {
    const first = nextWeekday(5, 200);
    const res = await t
      .http()
      .post('/api/v1/service-day-schedules')
      .set(leader)
      .send({
        teamId: ids.demoTeamId,
        title: '周五志愿服务日',
        category: 'sanitation',
        startTime: '09:00',
        endTime: '11:30',
        startsOn: addDays(first, -2),
        endsOn: addDays(first, 28),
        skipDates: [addDays(first, 14)],
        capacity: 12,
      });
    expect(res.status).toBe(201);
    expect(res.body.schedule).toMatchObject({
      teamId: ids.demoTeamId,
      siteId: ids.yongqingInstituteId,
      weekday: 5,
      startTime: '09:00',
      endTime: '11:30',
      capacity: 12,
      skipDates: [addDays(first, 14)],
      deletedAt: null,
    });
    const dates = [first, addDays(first, 7), addDays(first, 21), addDays(first, 28)];
    expect(res.body.generated.map((a: { startsAt: string }) => a.startsAt)).toEqual(dates.map((d) => `${addDays(d, 0)}T01:00:00.000Z`));
    expect(res.body.generated[0]).toMatchObject({
      kind: 'service_day',
      category: 'sanitation',
      status: 'published',
      capacity: 12,
      scheduleId: res.body.schedule.id,
      title: '周五志愿服务日',
    });
    expect(res.body.generated[0].endsAt).toBe(`${first}T03:30:00.000Z`);
    const list = await t.http().get('/api/v1/service-day-schedules').query({ teamId: ids.demoTeamId }).set(leader);
    expect(list.status).toBe(200);
    expect(list.body.items.map((s: { id: string }) => s.id)).toContain(res.body.schedule.id);
    const asOther = await t.http().get('/api/v1/service-day-schedules').set(member);
    expect(asOther.body.items).toEqual([]);
    const asSite = await t.http().get('/api/v1/service-day-schedules').set(siteAdmin);
    expect(asSite.body.items.map((s: { id: string }) => s.id)).toContain(res.body.schedule.id);
    expect((await t.http().get('/api/v1/service-day-schedules').query({ pageSize: 0 }).set(admin)).status).toBe(400);
    expect((await t.http().get('/api/v1/service-day-schedules')).status).toBe(401);
  });

  it('POST: other weekdays; validation 400s; 401; 403 for another team or a plain volunteer', async () => {
    const mon = nextWeekday(1, 300);
    const ok = await t
      .http()
      .post('/api/v1/service-day-schedules')
      .set(siteAdmin)
      .send({ teamId: ids.demoTeamId, title: '周一', category: 'other', weekday: 1, startTime: '19:00', endTime: '20:00', startsOn: mon, endsOn: addDays(mon, 6) });
    expect(ok.status).toBe(201);
    expect(ok.body.generated).toHaveLength(1);
    expect(ok.body.generated[0].startsAt).toBe(`${mon}T11:00:00.000Z`);
    const base = { teamId: ids.demoTeamId, title: '周五', category: 'sanitation', startTime: '09:00', endTime: '11:00', startsOn: '2027-01-01', endsOn: '2027-02-01' };
    const post = (b: Record<string, unknown>, h = leader) => t.http().post('/api/v1/service-day-schedules').set(h).send(b);
    const e1 = await post({ ...base, weekday: 8, startTime: '9:00', startsOn: '2027-02-30', category: 'x' });
    expect(e1.status).toBe(400);
    expect(e1.body.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['weekday', 'startTime', 'startsOn', 'category']));
    expect((await post({ ...base, endTime: '08:00' })).body.details[0].field).toBe('endTime');
    expect((await post({ ...base, endsOn: '2026-12-01' })).body.details[0].field).toBe('endsOn');
    expect((await post({ ...base, endsOn: '2029-06-01' })).status).toBe(400);
    expect((await post({ ...base, skipDates: ['2027-13-01'] })).status).toBe(400);
    expect((await post({ ...base, capacity: 0 })).status).toBe(400);
    expect((await t.http().post('/api/v1/service-day-schedules').send(base)).status).toBe(401);
    expect((await post({ ...base, teamId: ids.otherTeamId })).status).toBe(403);
    expect((await post(base, member)).status).toBe(403);
    expect((await post({ ...base, teamId: ids.otherTeamId }, siteAdmin)).status).toBe(403);
  });

  it('PATCH: rewrites only future unattended occurrences; cancels dates that leave; creates new ones; past/attended untouched', async () => {
    // created by an admin with past dates (backfill) and future ones
    const today = shanghaiDate(new Date());
    const pastFri = nextWeekday(5, -20);
    const futureFri = nextWeekday(5, 400);
    const created = await t
      .http()
      .post('/api/v1/service-day-schedules')
      .set(admin)
      .send({
        teamId: ids.demoTeamId,
        title: '红马甲服务日',
        category: 'sanitation',
        startTime: '08:00',
        endTime: '10:00',
        startsOn: pastFri,
        endsOn: addDays(pastFri, 7),
      });
    expect(created.status).toBe(201);
    const id = created.body.schedule.id;
    const pastIds: string[] = created.body.generated.map((a: { id: string }) => a.id);
    expect(pastIds.length).toBe(2);
    // move the schedule into the future: 4 future Fridays from futureFri; the past ones stay as they were
    const ext = await t
      .http()
      .patch(`/api/v1/service-day-schedules/${id}`)
      .set(leader)
      .send({ startsOn: futureFri, endsOn: addDays(futureFri, 21) });
    expect(ext.status).toBe(200);
    expect(ext.body.cancelled).toEqual([]);
    expect(ext.body.updated).toEqual([]);
    const futureDates = (ext.body.generated as Array<{ startsAt: string }>).map((a) => shanghaiDate(a.startsAt));
    expect(futureDates).toEqual([futureFri, addDays(futureFri, 7), addDays(futureFri, 14), addDays(futureFri, 21)]);
    expect(ext.body.generated.every((a: { startsAt: string }) => shanghaiDate(a.startsAt) > today)).toBe(true);
    const byDate = new Map<string, string>();
    const all: Array<{ id: string; starts_at: Date; status: string }> = await db.query(`SELECT id, starts_at, status FROM activities WHERE schedule_id = $1`, [id]);
    for (const a of all) byDate.set(shanghaiDate(a.starts_at), a.id);
    // one future occurrence has an attendance row (pending): it must stay as it is
    const attended = byDate.get(addDays(futureFri, 7))!;
    await db.query(`INSERT INTO attendance (activity_id, volunteer_id, check_in_at, method) VALUES ($1, $2, now(), 'manual')`, [attended, ids.memberVolunteerId]);
    // a volunteer signed up to the first future one
    const v = await registerVolunteer(t, ids.yongqingStationId);
    await t
      .http()
      .post(`/api/v1/activities/${byDate.get(futureFri)}/signups`)
      .set(bearer(v.token))
      .send({});

    const res = await t
      .http()
      .patch(`/api/v1/service-day-schedules/${id}`)
      .set(leader)
      .send({
        title: '红马甲服务日（改）',
        category: 'civility_persuasion',
        startTime: '14:00',
        endTime: '16:30',
        capacity: 8,
        skipDates: [addDays(futureFri, 14)],
        endsOn: addDays(futureFri, 28),
      });
    expect(res.status).toBe(200);
    expect(res.body.schedule).toMatchObject({ title: '红马甲服务日（改）', startTime: '14:00', capacity: 8, skipDates: [addDays(futureFri, 14)] });
    expect(res.body.updated.map((a: { id: string }) => a.id).sort()).toEqual([byDate.get(futureFri), byDate.get(addDays(futureFri, 21))].sort());
    expect(res.body.updated[0]).toMatchObject({ title: '红马甲服务日（改）', category: 'civility_persuasion', capacity: 8 });
    expect(res.body.cancelled).toEqual([byDate.get(addDays(futureFri, 14))]);
    expect(res.body.generated.map((a: { startsAt: string }) => a.startsAt)).toEqual([`${addDays(futureFri, 28)}T06:00:00.000Z`]);
    const rows: Array<{ id: string; starts_at: Date; status: string; title: string }> = await db.query(
      `SELECT id, starts_at, status, title FROM activities WHERE id = ANY($1::uuid[])`,
      [[...pastIds, attended, byDate.get(futureFri)]],
    );
    const m = new Map(rows.map((r) => [r.id, r]));
    for (const p of pastIds) expect(m.get(p)).toMatchObject({ title: '红马甲服务日', status: 'published' });
    expect(m.get(attended)).toMatchObject({ title: '红马甲服务日', status: 'published' });
    expect(new Date(m.get(attended)!.starts_at).toISOString()).toBe(`${addDays(futureFri, 7)}T00:00:00.000Z`);
    expect(new Date(m.get(byDate.get(futureFri)!)!.starts_at).toISOString()).toBe(`${futureFri}T06:00:00.000Z`);
    // the sign-up survives on the rewritten occurrence
    const [s] = await db.query(`SELECT status FROM signups WHERE activity_id = $1`, [byDate.get(futureFri)]);
    expect(s.status).toBe('confirmed');

    // rules: 400, 401, 403, 404, 409 capacity below confirmed on a future occurrence
    expect((await t.http().patch(`/api/v1/service-day-schedules/${id}`).set(leader).send({ endTime: '13:00' })).status).toBe(400);
    expect((await t.http().patch(`/api/v1/service-day-schedules/${id}`).set(leader).send({ teamId: ids.otherTeamId })).status).toBe(400);
    expect((await t.http().patch(`/api/v1/service-day-schedules/${id}`).send({ title: 'x' })).status).toBe(401);
    expect((await t.http().patch(`/api/v1/service-day-schedules/${id}`).set(member).send({ title: 'x' })).status).toBe(403);
    expect((await t.http().patch('/api/v1/service-day-schedules/00000000-0000-4000-8000-000000000000').set(admin).send({ title: 'x' })).status).toBe(404);
    const w = await registerVolunteer(t, ids.yongqingStationId);
    await t
      .http()
      .post(`/api/v1/activities/${byDate.get(futureFri)}/signups`)
      .set(bearer(w.token))
      .send({});
    const tight = await t.http().patch(`/api/v1/service-day-schedules/${id}`).set(leader).send({ capacity: 1 });
    expect(tight.status).toBe(409);
    expect(tight.body.code).toBe('CAPACITY_BELOW_CONFIRMED');

    // DELETE: cancels future unattended occurrences (and their sign-ups), keeps past and attended; 404 afterwards
    expect((await t.http().delete(`/api/v1/service-day-schedules/${id}`).set(member)).status).toBe(403);
    const del = await t.http().delete(`/api/v1/service-day-schedules/${id}`).set(leader);
    expect(del.status).toBe(200);
    expect(del.body.schedule.deletedAt).not.toBeNull();
    expect(del.body.generated).toEqual([]);
    const live: Array<{ id: string }> = await db.query(`SELECT id FROM activities WHERE schedule_id = $1 AND status <> 'cancelled'`, [id]);
    expect(live.map((r) => r.id).sort()).toEqual([...pastIds, attended].sort());
    const [s2] = await db.query(`SELECT count(*)::int AS n FROM signups WHERE activity_id = $1 AND status <> 'cancelled'`, [byDate.get(futureFri)]);
    expect(Number(s2.n)).toBe(0);
    expect((await t.http().delete(`/api/v1/service-day-schedules/${id}`).set(leader)).status).toBe(404);
    expect((await t.http().patch(`/api/v1/service-day-schedules/${id}`).set(leader).send({ title: 'x' })).status).toBe(404);
    const list = await t.http().get('/api/v1/service-day-schedules').query({ teamId: ids.demoTeamId, pageSize: 100 }).set(admin);
    expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(id);
    expect((await t.http().delete(`/api/v1/service-day-schedules/${id}`)).status).toBe(401);
    expect((await t.http().delete('/api/v1/service-day-schedules/not-a-uuid').set(leader)).status).toBe(400);
    expect((await t.http().patch('/api/v1/service-day-schedules/not-a-uuid').set(leader).send({ title: 'x' })).status).toBe(400);
  });
});
