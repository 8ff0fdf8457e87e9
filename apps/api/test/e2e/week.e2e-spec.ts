/**
 * Issue 11 (a real week): recruiting (join request → approval, exact-phone add), series overlap 409 and its override,
 * honest hours (manual attendance cannot end in the future, early completion sets endsAt, pending attendance counts
 * to the actual end), rescheduling keeps sign-ups and records one notice per signed-up volunteer.
 */
import { DataSource } from 'typeorm';
import { addDays, shanghaiDate, VOLUNTEER_IMPORT_COLUMNS } from '@wenming/shared';
import { insertActivity, nextWeekday } from '../setup/factories';
import { bearer, createTestApp, demoSession, demoIds, registerVolunteer, uniquePhone, type TestApp } from '../setup/test-app';

const MIN = 60_000;
const api = '/api/v1';

describe('a real week (issue 11)', () => {
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

  describe('recruiting', () => {
    it('a new volunteer finds the team, asks to join; the leader sees the request and approves it → member; audited', async () => {
      const v = await registerVolunteer(t, ids.yongqingStationId, '招募测试甲');
      const me = bearer(v.token);
      const dir = await t.http().get(`${api}/teams/directory`).query({ pageSize: 100 }).set(me);
      expect(dir.status).toBe(200);
      const entry = dir.body.items.find((x: { id: string }) => x.id === ids.demoTeamId);
      expect(entry).toMatchObject({ isMember: false, joinRequestStatus: null });
      expect(entry.memberCount).toBeGreaterThan(0);
      expect(entry).not.toHaveProperty('members');
      // not a member yet: the team's page itself is still out of reach
      expect((await t.http().get(`${api}/teams/${ids.demoTeamId}/members`).set(me)).status).toBe(403);

      const req = await t.http().post(`${api}/teams/${ids.demoTeamId}/join-requests`).set(me).send({ message: '我住在附近，周五有空' });
      expect(req.status).toBe(201);
      expect(req.body).toMatchObject({ teamId: ids.demoTeamId, volunteerId: v.volunteerId, volunteerName: '招募测试甲', status: 'pending', decidedBy: null });
      expect(req.body.volunteerPhone).toBe(`${v.phone.slice(0, 3)}****${v.phone.slice(-4)}`);
      const again = await t.http().post(`${api}/teams/${ids.demoTeamId}/join-requests`).set(me).send({});
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ALREADY_REQUESTED');
      expect(
        (
          await t
            .http()
            .post(`${api}/teams/${ids.demoTeamId}/join-requests`)
            .set(me)
            .send({ message: 'x'.repeat(201) })
        ).status,
      ).toBe(400);
      expect((await t.http().post(`${api}/teams/not-a-uuid/join-requests`).set(me).send({})).status).toBe(400);
      expect((await t.http().post(`${api}/teams/${ids.demoTeamId}/join-requests`).send({})).status).toBe(401);

      // only the leader (and admins in scope) see the requests
      expect((await t.http().get(`${api}/teams/${ids.demoTeamId}/join-requests`).set(member)).status).toBe(403);
      expect((await t.http().get(`${api}/teams/${ids.otherTeamId}/join-requests`).set(siteAdmin)).status).toBe(403);
      const list = await t.http().get(`${api}/teams/${ids.demoTeamId}/join-requests`).query({ status: 'pending' }).set(leader);
      expect(list.status).toBe(200);
      expect(list.body.items.map((r: { id: string }) => r.id)).toContain(req.body.id);
      expect((await t.http().get(`${api}/teams/${ids.demoTeamId}/join-requests`).query({ status: 'maybe' }).set(leader)).status).toBe(400);

      // a plain member cannot decide
      expect((await t.http().post(`${api}/teams/${ids.demoTeamId}/join-requests/${req.body.id}/approve`).set(member)).status).toBe(403);
      const ok = await t.http().post(`${api}/teams/${ids.demoTeamId}/join-requests/${req.body.id}/approve`).set(leader);
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ status: 'approved', decidedByName: expect.any(String) });
      expect(ok.body.decidedAt).not.toBeNull();
      // idempotent; the other decision is a conflict
      expect((await t.http().post(`${api}/teams/${ids.demoTeamId}/join-requests/${req.body.id}/approve`).set(leader)).status).toBe(200);
      const flip = await t.http().post(`${api}/teams/${ids.demoTeamId}/join-requests/${req.body.id}/decline`).set(leader);
      expect(flip.status).toBe(409);
      expect(flip.body.code).toBe('JOIN_REQUEST_DECIDED');
      // a request of another team is not found under this one
      expect((await t.http().post(`${api}/teams/${ids.otherTeamId}/join-requests/${req.body.id}/approve`).set(admin)).status).toBe(404);

      const members: Array<{ volunteer_id: string; role: string }> = await db.query(
        `SELECT volunteer_id, role FROM team_memberships WHERE team_id = $1 AND volunteer_id = $2`,
        [ids.demoTeamId, v.volunteerId],
      );
      expect(members).toEqual([{ volunteer_id: v.volunteerId, role: 'member' }]);
      const mine = await t.http().get(`${api}/teams`).set(me);
      expect(mine.body.items.map((x: { id: string }) => x.id)).toContain(ids.demoTeamId);
      const dir2 = await t.http().get(`${api}/teams/directory`).query({ pageSize: 100 }).set(me);
      expect(dir2.body.items.find((x: { id: string }) => x.id === ids.demoTeamId)).toMatchObject({ isMember: true, joinRequestStatus: 'approved' });
      const myReqs = await t.http().get(`${api}/me/join-requests`).set(me);
      expect(myReqs.body.items[0]).toMatchObject({ id: req.body.id, status: 'approved' });
      // now a member, asking again is a conflict of another kind
      expect((await t.http().post(`${api}/teams/${ids.demoTeamId}/join-requests`).set(me).send({})).body.code).toBe('ALREADY_MEMBER');

      const audit = await t.http().get(`${api}/audit-log`).query({ entity: 'join_request', entityId: req.body.id }).set(admin);
      expect(audit.body.items.map((e: { action: string }) => e.action).sort()).toEqual(['join_request.approve', 'join_request.create']);
    });

    it('a declined request leaves no membership; the volunteer may ask again', async () => {
      const v = await registerVolunteer(t, ids.yongqingStationId, '招募测试乙');
      const me = bearer(v.token);
      const req = await t.http().post(`${api}/teams/${ids.demoTeamId}/join-requests`).set(me).send({});
      const no = await t.http().post(`${api}/teams/${ids.demoTeamId}/join-requests/${req.body.id}/decline`).set(siteAdmin);
      expect(no.status).toBe(200);
      expect(no.body.status).toBe('declined');
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM team_memberships WHERE team_id = $1 AND volunteer_id = $2`, [ids.demoTeamId, v.volunteerId]);
      expect(n).toBe(0);
      expect((await t.http().post(`${api}/teams/${ids.demoTeamId}/join-requests`).set(me).send({})).status).toBe(201);
    });

    it('a leader adds an existing volunteer by the exact phone only (404 for an unknown one, 400 for a partial one)', async () => {
      const v = await registerVolunteer(t, ids.otherStationId, '招募测试丙');
      const add = await t.http().post(`${api}/teams/${ids.demoTeamId}/members/by-phone`).set(leader).send({ phone: v.phone });
      expect(add.status).toBe(201);
      expect(add.body).toMatchObject({ teamId: ids.demoTeamId, volunteerId: v.volunteerId, role: 'member' });
      const dup = await t.http().post(`${api}/teams/${ids.demoTeamId}/members/by-phone`).set(leader).send({ phone: v.phone });
      expect(dup.status).toBe(409);
      expect(dup.body.code).toBe('ALREADY_MEMBER');
      const partial = await t
        .http()
        .post(`${api}/teams/${ids.demoTeamId}/members/by-phone`)
        .set(leader)
        .send({ phone: v.phone.slice(0, 7) });
      expect(partial.status).toBe(400);
      expect(partial.body.details[0].field).toBe('phone');
      const unknown = await t.http().post(`${api}/teams/${ids.demoTeamId}/members/by-phone`).set(leader).send({ phone: '16500000000' });
      expect(unknown.status).toBe(404);
      expect(unknown.body.message).toContain('16500000000');
      expect((await t.http().post(`${api}/teams/${ids.demoTeamId}/members/by-phone`).set(member).send({ phone: v.phone })).status).toBe(403);
      expect((await t.http().post(`${api}/teams/${ids.otherTeamId}/members/by-phone`).set(leader).send({ phone: v.phone })).status).toBe(403);
      const audit = await t
        .http()
        .get(`${api}/audit-log`)
        .query({ entity: 'team_membership', entityId: `${ids.demoTeamId}:${v.volunteerId}` })
        .set(admin);
      expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['membership.add']);
    });
  });

  describe('series safety', () => {
    it('a series overlapping another series or an activity of the same team is 409 naming the clash; allowOverlap saves it', async () => {
      const team = await t
        .http()
        .post(`${api}/teams`)
        .set(admin)
        .send({ name: `重叠测试队${Date.now()}`, type: 'red_vest', siteId: ids.yongqingStationId });
      const teamId = team.body.id;
      const fri = nextWeekday(5, 500);
      const base = { teamId, category: 'sanitation', startsOn: fri, endsOn: addDays(fri, 21) };
      const a = await t
        .http()
        .post(`${api}/service-day-schedules`)
        .set(admin)
        .send({ ...base, title: '周五清扫甲', startTime: '09:00', endTime: '11:00' });
      expect(a.status).toBe(201);
      expect(a.body.generated).toHaveLength(4);

      const b = await t
        .http()
        .post(`${api}/service-day-schedules`)
        .set(admin)
        .send({ ...base, title: '周五清扫乙', startTime: '10:00', endTime: '12:00' });
      expect(b.status).toBe(409);
      expect(b.body.code).toBe('SCHEDULE_OVERLAP');
      expect(b.body.message).toContain('周五清扫甲');
      expect(b.body.message).toContain(`${fri} 09:00`);
      expect(b.body.clashes).toHaveLength(4);
      // nothing was saved
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM service_day_schedules WHERE team_id = $1`, [teamId]);
      expect(n).toBe(1);
      expect(
        (
          await t
            .http()
            .post(`${api}/service-day-schedules`)
            .set(admin)
            .send({ ...base, title: '乙', startTime: '10:00', endTime: '12:00', allowOverlap: 'yes' })
        ).status,
      ).toBe(400);

      const forced = await t
        .http()
        .post(`${api}/service-day-schedules`)
        .set(admin)
        .send({ ...base, title: '周五清扫乙', startTime: '10:00', endTime: '12:00', allowOverlap: true });
      expect(forced.status).toBe(201);
      expect(forced.body.generated).toHaveLength(4);
      // back to back is not an overlap
      const after = await t
        .http()
        .post(`${api}/service-day-schedules`)
        .set(admin)
        .send({ ...base, title: '周五下午', startTime: '14:00', endTime: '15:00' });
      expect(after.status).toBe(201);

      // a single activity of the team on a Saturday clashes with a Saturday series
      const sat = nextWeekday(6, 500);
      await insertActivity(t, { teamId, title: '周六普法', startsAt: new Date(`${sat}T15:00:00+08:00`), endsAt: new Date(`${sat}T17:00:00+08:00`) });
      const s = await t
        .http()
        .post(`${api}/service-day-schedules`)
        .set(admin)
        .send({ teamId, category: 'other', title: '周六', weekday: 6, startTime: '16:00', endTime: '18:00', startsOn: sat, endsOn: addDays(sat, 6) });
      expect(s.status).toBe(409);
      expect(s.body.message).toContain('周六普法');

      // editing a series into a clash is refused the same way, and allowed with the flag
      const move = await t.http().patch(`${api}/service-day-schedules/${after.body.schedule.id}`).set(admin).send({ startTime: '10:30', endTime: '11:30' });
      expect(move.status).toBe(409);
      expect(move.body.code).toBe('SCHEDULE_OVERLAP');
      // its own occurrences do not clash with themselves
      expect((await t.http().patch(`${api}/service-day-schedules/${after.body.schedule.id}`).set(admin).send({ endTime: '16:00' })).status).toBe(200);
      expect(
        (await t.http().patch(`${api}/service-day-schedules/${after.body.schedule.id}`).set(admin).send({ startTime: '10:30', endTime: '11:30', allowOverlap: true }))
          .status,
      ).toBe(200);
    });
  });

  describe('honest hours', () => {
    it('manual attendance cannot end (or start) after now: 400 naming the field', async () => {
      const a = await insertActivity(t, { teamId: ids.demoTeamId, title: '进行中', startsAt: new Date(Date.now() - 60 * MIN), endsAt: new Date(Date.now() + 120 * MIN) });
      const url = `${api}/activities/${a.id}/attendance`;
      const future = await t
        .http()
        .post(url)
        .set(leader)
        .send({
          volunteerId: ids.memberVolunteerId,
          checkInAt: new Date(Date.now() - 60 * MIN).toISOString(),
          checkOutAt: new Date(Date.now() + 110 * MIN).toISOString(),
        });
      expect(future.status).toBe(400);
      expect(future.body.details.map((d: { field: string }) => d.field)).toEqual(['checkOutAt']);
      expect(future.body.message).toContain('不能晚于现在');
      const lateIn = await t
        .http()
        .post(url)
        .set(leader)
        .send({ volunteerId: ids.memberVolunteerId, checkInAt: new Date(Date.now() + 10 * MIN).toISOString() });
      expect(lateIn.status).toBe(400);
      expect(lateIn.body.details[0].field).toBe('checkInAt');
      const now = await t
        .http()
        .post(url)
        .set(leader)
        .send({ volunteerId: ids.memberVolunteerId, checkInAt: new Date(Date.now() - 60 * MIN).toISOString(), checkOutAt: new Date(Date.now() - MIN).toISOString() });
      expect(now.status).toBe(201);
    });

    it('completing before the planned end needs endEarly, which sets endsAt; pending attendance without check-out counts to the actual end', async () => {
      const startsAt = new Date(Date.now() - 60 * MIN);
      const plannedEnd = new Date(Date.now() + 120 * MIN);
      const a = await insertActivity(t, { teamId: ids.demoTeamId, title: '提前结束', startsAt, endsAt: plannedEnd });
      // checked in at the start, no check-out
      expect(
        (await t.http().post(`${api}/activities/${a.id}/attendance`).set(leader).send({ volunteerId: ids.memberVolunteerId, checkInAt: startsAt.toISOString() })).status,
      ).toBe(201);
      const early = await t.http().post(`${api}/activities/${a.id}/complete`).set(leader).send({ audienceReached: 10 });
      expect(early.status).toBe(409);
      expect(early.body.code).toBe('ACTIVITY_NOT_ENDED');
      expect(early.body.message).toContain('提前结束');
      expect((await t.http().post(`${api}/activities/${a.id}/complete`).set(leader).send({ audienceReached: 10, endEarly: 'y' })).status).toBe(400);
      const before = Date.now();
      const done = await t.http().post(`${api}/activities/${a.id}/complete`).set(leader).send({ audienceReached: 10, endEarly: true });
      expect(done.status).toBe(200);
      expect(done.body.status).toBe('completed');
      const endsAt = new Date(done.body.endsAt).getTime();
      expect(endsAt).toBeGreaterThanOrEqual(before - 1000);
      expect(endsAt).toBeLessThanOrEqual(Date.now() + 1000);
      expect(endsAt).toBeLessThan(plannedEnd.getTime());

      const conf = await t.http().post(`${api}/activities/${a.id}/attendance/confirm`).set(leader).send({});
      expect(conf.body.confirmed).toBe(1);
      const [row] = await db.query(`SELECT minutes FROM attendance WHERE activity_id = $1`, [a.id]);
      // 60 minutes served, not the planned 180
      expect(row.minutes).toBeGreaterThanOrEqual(59);
      expect(row.minutes).toBeLessThanOrEqual(61);
    });

    it('an activity that has already ended completes without the flag and keeps its endsAt', async () => {
      const endsAt = new Date(Math.floor((Date.now() - 30 * MIN) / 1000) * 1000);
      const a = await insertActivity(t, { teamId: ids.demoTeamId, title: '已结束', startsAt: new Date(endsAt.getTime() - 90 * MIN), endsAt });
      const done = await t.http().post(`${api}/activities/${a.id}/complete`).set(leader).send({ audienceReached: 3 });
      expect(done.status).toBe(200);
      expect(done.body.endsAt).toBe(endsAt.toISOString());
    });
  });

  describe('rescheduling', () => {
    it('a change of time and place keeps the sign-ups and records one notice per signed-up volunteer', async () => {
      const day = addDays(shanghaiDate(new Date()), 90);
      const created = await t
        .http()
        .post(`${api}/activities`)
        .set(leader)
        .send({
          title: '改期测试',
          kind: 'themed',
          category: 'law_education',
          teamId: ids.demoTeamId,
          startsAt: `${day}T19:00:00+08:00`,
          endsAt: `${day}T20:00:00+08:00`,
          capacity: 1,
        });
      expect(created.status).toBe(201);
      const id = created.body.id;
      const v1 = await registerVolunteer(t, ids.yongqingStationId, '改期甲');
      const v2 = await registerVolunteer(t, ids.yongqingStationId, '改期乙');
      expect((await t.http().post(`${api}/activities/${id}/signups`).set(bearer(v1.token)).send({})).body.status).toBe('confirmed');
      expect((await t.http().post(`${api}/activities/${id}/signups`).set(bearer(v2.token)).send({})).body.status).toBe('waitlisted');

      // only the title: nobody is told
      expect((await t.http().patch(`${api}/activities/${id}`).set(leader).send({ title: '改期测试（普法）' })).status).toBe(200);
      let [{ n }] = await db.query(`SELECT count(*)::int AS n FROM activity_notices WHERE activity_id = $1`, [id]);
      expect(n).toBe(0);

      const moved = await t
        .http()
        .patch(`${api}/activities/${id}`)
        .set(leader)
        .send({
          startsAt: `${addDays(day, 1)}T09:00:00+08:00`,
          endsAt: `${addDays(day, 1)}T10:30:00+08:00`,
          siteId: ids.yongqingStationId,
          address: '东关广场',
        });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ siteId: ids.yongqingStationId, address: '东关广场' });
      const signups: Array<{ volunteer_id: string; status: string }> = await db.query(`SELECT volunteer_id, status FROM signups WHERE activity_id = $1 ORDER BY status`, [
        id,
      ]);
      expect(signups).toEqual([
        { volunteer_id: v1.volunteerId, status: 'confirmed' },
        { volunteer_id: v2.volunteerId, status: 'waitlisted' },
      ]);
      [{ n }] = await db.query(`SELECT count(*)::int AS n FROM activity_notices WHERE activity_id = $1`, [id]);
      expect(n).toBe(2);
      const notices = await t.http().get(`${api}/me/activity-notices`).set(bearer(v1.token));
      expect(notices.status).toBe(200);
      expect(notices.body.total).toBe(1);
      expect(notices.body.items[0]).toMatchObject({ activityId: id, kind: 'rescheduled', readAt: null });
      expect(notices.body.items[0].body).toContain('时间由');
      expect(notices.body.items[0].body).toContain('东关广场');
      expect(notices.body.items[0].body).toContain('09:00');
      // a volunteer who did not sign up sees nothing of it
      const other = await t.http().get(`${api}/me/activity-notices`).set(member);
      expect(other.body.items.filter((x: { activityId: string }) => x.activityId === id)).toEqual([]);
      expect((await t.http().get(`${api}/me/activity-notices`)).status).toBe(401);
    });
  });

  describe('county dashboard: the orders panel', () => {
    it('accepts every dashboard filter (teamType, category, kind, teamId) for the county and the site admin; a kind other than menu_service has no orders', async () => {
      const all = await t.http().get(`${api}/stats/orders`).set(admin);
      expect(all.status).toBe(200);
      const combos: Array<Record<string, string>> = [
        { teamType: 'red_vest' },
        { category: 'elderly_care' },
        { kind: 'menu_service' },
        { teamId: ids.demoTeamId },
        { teamType: 'youth', category: 'health', kind: 'menu_service', from: '2025-01-01', to: '2026-12-31' },
      ];
      for (const q of combos) {
        for (const who of [admin, siteAdmin]) {
          const res = await t.http().get(`${api}/stats/orders`).query(q).set(who);
          expect({ q, status: res.status, body: res.status === 200 ? 'ok' : res.body }).toEqual({ q, status: 200, body: 'ok' });
        }
      }
      expect((await t.http().get(`${api}/stats/orders`).query({ kind: 'menu_service' }).set(admin)).body.total).toBe(all.body.total);
      expect((await t.http().get(`${api}/stats/orders`).query({ kind: 'themed' }).set(admin)).body.total).toBe(0);
      // the category filter counts exactly the orders of menu items of that category
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM service_orders o JOIN menu_items m ON m.id = o.menu_item_id WHERE m.category = 'elderly_care'`);
      expect((await t.http().get(`${api}/stats/orders`).query({ category: 'elderly_care' }).set(admin)).body.total).toBe(n);
      expect((await t.http().get(`${api}/stats/orders`).query({ teamType: 'nope' }).set(admin)).status).toBe(400);
    });
  });

  describe('import help', () => {
    it('the XLSX template has the exact columns and an example row; filled in, it imports (团员 accepted for 共青团员)', async () => {
      const bin = (res: NodeJS.ReadableStream, cb: (e: Error | null, b: Buffer) => void) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      };
      const res = await t
        .http()
        .get(`${api}/volunteers/import-template`)
        .set(siteAdmin)
        .buffer(true)
        .parse(bin as never);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as never); // exceljs declares its own global Buffer (extends ArrayBuffer); Node 20 types make Buffer generic
      const ws = wb.getWorksheet('志愿者')!;
      const header = (ws.getRow(1).values as unknown[]).slice(1);
      expect(header).toEqual(VOLUNTEER_IMPORT_COLUMNS.map((c) => c.header));
      expect(ws.getRow(2).getCell(1).value).toBe('张红');
      expect(wb.getWorksheet('填写说明')!.getRow(6).getCell(3).value).toContain('共青团员');
      expect((await t.http().get(`${api}/volunteers/import-template`).set(member)).status).toBe(403);

      // fill the example row in and send the template back
      const phone = uniquePhone();
      ws.getRow(2).getCell(2).value = phone;
      ws.getRow(2).getCell(5).value = '团员';
      const filled = Buffer.from(await wb.xlsx.writeBuffer());
      const up = await t.http().post(`${api}/volunteers/import`).query({ siteId: ids.yongqingStationId }).set(siteAdmin).attach('file', filled, '模板.xlsx');
      expect(up.status).toBe(201);
      expect(up.body.created).toBe(1);
      const [v] = await db.query(`SELECT name, political_status FROM volunteers WHERE phone = $1`, [phone]);
      expect(v).toEqual({ name: '张红', political_status: 'league_member' });
    });
  });
});
