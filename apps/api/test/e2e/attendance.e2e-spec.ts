import type { AddressInfo } from 'node:net';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { insertActivity } from '../setup/factories';
import { bearer, createTestApp, DEMO, demoIds, registerVolunteer, uniquePhoneBlock, type TestApp } from '../setup/test-app';

const API = '/api/v1';
const MIN = 60_000;

describe('attendance: check-in, confirmation, records, points, certificate', () => {
  let t: TestApp;
  let db: DataSource;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let county: string, siteAdmin: string, leader: string, member: string, otherLeader: string;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    ids = await demoIds(t);
    [county, siteAdmin, leader, member] = await Promise.all([t.token(DEMO.county), t.token(DEMO.site), t.token(DEMO.leader), t.token(DEMO.member)]);
    // a leader of a team in another town
    const ol = await registerVolunteer(t, ids.otherStationId, '外镇队长');
    const add = await t.http().post(`${API}/teams/${ids.otherTeamId}/members`).set(bearer(county)).send({ volunteerId: ol.volunteerId, role: 'leader' });
    expect(add.status).toBe(201);
    otherLeader = ol.token;
  });
  afterAll(() => t.close());

  const now = () => Date.now();
  /** An activity of the demo team running now (started 10 min ago, ends in an hour). */
  const running = (extra: Partial<Parameters<typeof insertActivity>[1]> = {}) =>
    insertActivity(t, { teamId: ids.demoTeamId, startsAt: new Date(now() - 10 * MIN), endsAt: new Date(now() + 60 * MIN), ...extra });
  const signup = (activityId: string, volunteerId: string, status = 'confirmed') =>
    db.query(`INSERT INTO signups (activity_id, volunteer_id, status) VALUES ($1, $2, $3)`, [activityId, volunteerId, status]);
  const codeOf = async (activityId: string) => {
    const r = await t.http().get(`${API}/activities/${activityId}/checkin-code`).set(bearer(leader));
    expect(r.status).toBe(200);
    return r.body.code as string;
  };
  const wrongCode = (code: string) => String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');
  const auditOf = async (entityId: string) =>
    (await t.http().get(`${API}/audit-log`).query({ entity: 'attendance', entityId }).set(bearer(county))).body.items as Array<{
      action: string;
      entityName: string | null;
      before: Record<string, string>;
      after: Record<string, string>;
    }>;

  describe('GET /activities/:id/checkin-code', () => {
    it('leader and admins in scope get a 6-digit code, its expiry and the QR payload', async () => {
      const a = await running();
      for (const tok of [leader, siteAdmin, county]) {
        const r = await t.http().get(`${API}/activities/${a.id}/checkin-code`).set(bearer(tok));
        expect(r.status).toBe(200);
        expect(r.body.code).toMatch(/^\d{6}$/);
        expect(r.body.qrPayload).toBe(`/checkin/${a.id}?code=${r.body.code}`);
        const exp = Date.parse(r.body.expiresAt);
        expect(exp % 60_000).toBe(0);
        expect(exp).toBeGreaterThan(now() - 1000);
        expect(exp).toBeLessThanOrEqual(now() + 60_000);
      }
    });

    it('a volunteer reading the code, or a leader of another team: 403; no login: 401; bad id: 400; missing: 404', async () => {
      const a = await running();
      expect((await t.http().get(`${API}/activities/${a.id}/checkin-code`).set(bearer(member))).status).toBe(403);
      expect((await t.http().get(`${API}/activities/${a.id}/checkin-code`).set(bearer(otherLeader))).status).toBe(403);
      expect((await t.http().get(`${API}/activities/${a.id}/checkin-code`)).status).toBe(401);
      const bad = await t.http().get(`${API}/activities/not-a-uuid/checkin-code`).set(bearer(leader));
      expect(bad.status).toBe(400);
      expect((await t.http().get(`${API}/activities/00000000-0000-4000-8000-000000000000/checkin-code`).set(bearer(leader))).status).toBe(404);
    });

    it('a cancelled activity has no code: 409', async () => {
      const a = await running({ status: 'cancelled' });
      const r = await t.http().get(`${API}/activities/${a.id}/checkin-code`).set(bearer(leader));
      expect(r.status).toBe(409);
      expect(r.body.code).toBe('ACTIVITY_NOT_OPEN');
    });
  });

  describe('POST /activities/:id/checkin', () => {
    it('a signed-up volunteer checks in with the code; repeating it returns the same attendance, audited once', async () => {
      const a = await running();
      await signup(a.id, ids.memberVolunteerId);
      const code = await codeOf(a.id);
      const r1 = await t.http().post(`${API}/activities/${a.id}/checkin`).set(bearer(member)).send({ code });
      expect(r1.status).toBe(200);
      expect(r1.body).toMatchObject({ activityId: a.id, volunteerId: ids.memberVolunteerId, method: 'code', status: 'pending', checkOutAt: null, minutes: null });
      const r2 = await t.http().post(`${API}/activities/${a.id}/checkin`).set(bearer(member)).send({ code });
      expect(r2.status).toBe(200);
      expect(r2.body).toEqual(r1.body);
      const [{ id }] = await db.query(`SELECT id FROM attendance WHERE activity_id = $1`, [a.id]);
      const audit = await auditOf(id);
      expect(audit.map((e) => e.action)).toEqual(['attendance.checkin']);
      // the snapshot carries ids only; the log names the volunteer and the activity
      const [{ name, title }] = await db.query(
        `SELECT v.name, a.title FROM attendance t JOIN volunteers v ON v.id = t.volunteer_id JOIN activities a ON a.id = t.activity_id WHERE t.id = $1`,
        [id],
      );
      expect(audit[0].entityName).toBe(`${name} · ${title}`);
    });

    it('validation 400, no login 401, a login without volunteer 403', async () => {
      const a = await running();
      const v = await t.http().post(`${API}/activities/${a.id}/checkin`).set(bearer(member)).send({ code: '12ab' });
      expect(v.status).toBe(400);
      expect(v.body.code).toBe('VALIDATION_FAILED');
      expect((await t.http().post(`${API}/activities/${a.id}/checkin`).send({ code: '123456' })).status).toBe(401);
      const adm = await t
        .http()
        .post(`${API}/activities/${a.id}/checkin`)
        .set(bearer(county))
        .send({ code: await codeOf(a.id) });
      expect(adm.status).toBe(403);
    });

    it('without a confirmed signup (not a service day): 409 NOT_SIGNED_UP; a waitlisted one is not enough', async () => {
      const a = await running();
      const v = await registerVolunteer(t, ids.yongqingStationId);
      await signup(a.id, v.volunteerId, 'waitlisted');
      const r = await t
        .http()
        .post(`${API}/activities/${a.id}/checkin`)
        .set(bearer(v.token))
        .send({ code: await codeOf(a.id) });
      expect(r.status).toBe(409);
      expect(r.body.code).toBe('NOT_SIGNED_UP');
    });

    it('outside the window: 409 CHECKIN_WINDOW_CLOSED stating the window in Shanghai time', async () => {
      const starts = new Date(now() + 3 * 3600_000);
      const a = await insertActivity(t, { teamId: ids.demoTeamId, startsAt: starts, endsAt: new Date(starts.getTime() + 2 * 3600_000) });
      await signup(a.id, ids.memberVolunteerId);
      const r = await t
        .http()
        .post(`${API}/activities/${a.id}/checkin`)
        .set(bearer(member))
        .send({ code: await codeOf(a.id) });
      expect(r.status).toBe(409);
      expect(r.body.code).toBe('CHECKIN_WINDOW_CLOSED');
      const local = new Date(starts.getTime() - 30 * MIN + 8 * 3600_000);
      const hm = `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
      expect(r.body.message).toContain(`签到时间为 ${local.getUTCMonth() + 1}月${local.getUTCDate()}日 ${hm} 至`);
    });

    it('cancelled, completed or draft activities: 409', async () => {
      for (const status of ['cancelled', 'completed', 'draft']) {
        const a = await running({ status });
        await signup(a.id, ids.memberVolunteerId);
        const r = await t.http().post(`${API}/activities/${a.id}/checkin`).set(bearer(member)).send({ code: '000000' });
        expect(r.status).toBe(409);
        expect(r.body.code).toBe('ACTIVITY_NOT_OPEN');
      }
    });

    it('wrong codes: 400 INVALID_CHECKIN_CODE, then 429 TOO_MANY_ATTEMPTS after 5 a minute (even with the right code)', async () => {
      const a = await running();
      const v = await registerVolunteer(t, ids.yongqingStationId);
      await signup(a.id, v.volunteerId);
      const code = await codeOf(a.id);
      for (let i = 0; i < 5; i++) {
        const r = await t
          .http()
          .post(`${API}/activities/${a.id}/checkin`)
          .set(bearer(v.token))
          .send({ code: wrongCode(code) });
        expect(r.status).toBe(400);
        expect(r.body.code).toBe('INVALID_CHECKIN_CODE');
      }
      const blocked = await t
        .http()
        .post(`${API}/activities/${a.id}/checkin`)
        .set(bearer(v.token))
        .send({ code: await codeOf(a.id) });
      expect(blocked.status).toBe(429);
      expect(blocked.body.code).toBe('TOO_MANY_ATTEMPTS');
      // another volunteer is not affected
      await signup(a.id, ids.memberVolunteerId);
      expect(
        (
          await t
            .http()
            .post(`${API}/activities/${a.id}/checkin`)
            .set(bearer(member))
            .send({ code: await codeOf(a.id) })
        ).status,
      ).toBe(200);
    });

    it('walk-ins at a service day check in while capacity allows, getting a confirmed signup; then 409 ACTIVITY_FULL', async () => {
      const a = await running({ kind: 'service_day', capacity: 3 });
      const holder = await registerVolunteer(t, ids.yongqingStationId);
      await signup(a.id, holder.volunteerId);
      const w1 = await registerVolunteer(t, ids.yongqingStationId);
      const w2 = await registerVolunteer(t, ids.yongqingStationId);
      const w3 = await registerVolunteer(t, ids.yongqingStationId);
      const code = await codeOf(a.id);
      expect((await t.http().post(`${API}/activities/${a.id}/checkin`).set(bearer(w1.token)).send({ code })).status).toBe(200);
      expect((await t.http().post(`${API}/activities/${a.id}/checkin`).set(bearer(w2.token)).send({ code })).status).toBe(200);
      const full = await t.http().post(`${API}/activities/${a.id}/checkin`).set(bearer(w3.token)).send({ code });
      expect(full.status).toBe(409);
      expect(full.body.code).toBe('ACTIVITY_FULL');
      const s = await db.query(`SELECT volunteer_id, status FROM signups WHERE activity_id = $1 ORDER BY volunteer_id`, [a.id]);
      expect(s.filter((x: { status: string }) => x.status === 'confirmed')).toHaveLength(3);
      // the signed-up holder still gets in
      expect((await t.http().post(`${API}/activities/${a.id}/checkin`).set(bearer(holder.token)).send({ code })).status).toBe(200);
    });
  });

  it('a walk-in who holds a confirmed sign-up for an overlapping activity is refused (409 SIGNUP_OVERLAP), and nothing is written', async () => {
    const day = await running({ kind: 'service_day' });
    const other = await running({ kind: 'themed', title: '同时段的另一活动' });
    const v = await registerVolunteer(t, ids.yongqingStationId);
    await signup(other.id, v.volunteerId);
    const res = await t
      .http()
      .post(`${API}/activities/${day.id}/checkin`)
      .set(bearer(v.token))
      .send({ code: await codeOf(day.id) });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('SIGNUP_OVERLAP');
    expect(res.body.message).toContain('同时段的另一活动');
    expect(await db.query(`SELECT 1 FROM signups WHERE activity_id = $1 AND volunteer_id = $2`, [day.id, v.volunteerId])).toHaveLength(0);
    expect(await db.query(`SELECT 1 FROM attendance WHERE activity_id = $1 AND volunteer_id = $2`, [day.id, v.volunteerId])).toHaveLength(0);
  });

  describe('POST /activities/:id/checkout', () => {
    it('after check-in sets checkOutAt; repeating returns it unchanged', async () => {
      const a = await running();
      const v = await registerVolunteer(t, ids.yongqingStationId);
      await signup(a.id, v.volunteerId);
      const none = await t.http().post(`${API}/activities/${a.id}/checkout`).set(bearer(v.token)).send({});
      expect(none.status).toBe(409);
      expect(none.body.code).toBe('NOT_CHECKED_IN');
      const code = await codeOf(a.id);
      await t.http().post(`${API}/activities/${a.id}/checkin`).set(bearer(v.token)).send({ code });
      const wrong = await t
        .http()
        .post(`${API}/activities/${a.id}/checkout`)
        .set(bearer(v.token))
        .send({ code: wrongCode(code) });
      expect(wrong.status).toBe(400);
      expect(wrong.body.code).toBe('INVALID_CHECKIN_CODE');
      const o1 = await t.http().post(`${API}/activities/${a.id}/checkout`).set(bearer(v.token)).send({ code });
      expect(o1.status).toBe(200);
      expect(o1.body.checkOutAt).not.toBeNull();
      const o2 = await t.http().post(`${API}/activities/${a.id}/checkout`).set(bearer(v.token)).send({});
      expect(o2.body).toEqual(o1.body);
      const [{ id }] = await db.query(`SELECT id FROM attendance WHERE activity_id = $1`, [a.id]);
      expect((await auditOf(id)).map((e) => e.action).sort()).toEqual(['attendance.checkin', 'attendance.checkout']);
      expect((await t.http().post(`${API}/activities/${a.id}/checkout`).send({})).status).toBe(401);
      expect((await t.http().post(`${API}/activities/${a.id}/checkout`).set(bearer(v.token)).send({ code: 'x' })).status).toBe(400);
    });

    it('more than an hour after the end: 409 CHECKIN_WINDOW_CLOSED with the check-out window', async () => {
      const a = await insertActivity(t, { teamId: ids.demoTeamId, startsAt: new Date(now() - 4 * 3600_000), endsAt: new Date(now() - 2 * 3600_000) });
      const v = await registerVolunteer(t, ids.yongqingStationId);
      await db.query(`INSERT INTO attendance (activity_id, volunteer_id, check_in_at, method) VALUES ($1, $2, $3, 'code')`, [
        a.id,
        v.volunteerId,
        new Date(now() - 4 * 3600_000),
      ]);
      const r = await t.http().post(`${API}/activities/${a.id}/checkout`).set(bearer(v.token)).send({});
      expect(r.status).toBe(409);
      expect(r.body.code).toBe('CHECKIN_WINDOW_CLOSED');
      expect(r.body.message).toMatch(/^签退时间为 \d+月\d+日 \d\d:\d\d 至 /);
    });
  });

  describe('POST /activities/:id/checkout: the one-statement path (issue 15)', () => {
    it('checks the login in its statement: a disabled login, a stale token and a staff login are refused as the guard refused them', async () => {
      const a = await running();
      const v = await registerVolunteer(t, ids.yongqingStationId);
      await signup(a.id, v.volunteerId);
      const code = await codeOf(a.id);
      expect((await t.http().post(`${API}/activities/${a.id}/checkin`).set(bearer(v.token)).send({ code })).status).toBe(200);
      const [{ id: userId }] = await db.query(`SELECT id FROM users WHERE volunteer_id = $1`, [v.volunteerId]);
      await db.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [userId]);
      for (const body of [{}, { code }]) {
        const r = await t.http().post(`${API}/activities/${a.id}/checkout`).set(bearer(v.token)).send(body);
        expect([r.status, r.body.message]).toEqual([401, '该账号已停用，请联系管理员']);
      }
      await db.query(`UPDATE users SET disabled_at = NULL, token_version = token_version + 1 WHERE id = $1`, [userId]);
      expect((await t.http().post(`${API}/activities/${a.id}/checkout`).set(bearer(v.token)).send({})).status).toBe(401);
      const staff = await t.http().post(`${API}/activities/${a.id}/checkout`).set(bearer(county)).send({});
      expect([staff.status, staff.body.code]).toEqual([403, 'FORBIDDEN']);
      const [row] = await db.query(`SELECT check_out_at FROM attendance WHERE activity_id = $1 AND volunteer_id = $2`, [a.id, v.volunteerId]);
      expect(row.check_out_at).toBeNull();
    });

    it('a wrong code after the limit: 429 even with the right code; without a code the check-out goes through', async () => {
      const a = await running();
      const v = await registerVolunteer(t, ids.yongqingStationId);
      await signup(a.id, v.volunteerId);
      const code = await codeOf(a.id);
      await t.http().post(`${API}/activities/${a.id}/checkin`).set(bearer(v.token)).send({ code });
      for (let i = 0; i < 5; i++) {
        const r = await t
          .http()
          .post(`${API}/activities/${a.id}/checkout`)
          .set(bearer(v.token))
          .send({ code: wrongCode(code) });
        expect(r.body.code).toBe('INVALID_CHECKIN_CODE');
      }
      const blocked = await t.http().post(`${API}/activities/${a.id}/checkout`).set(bearer(v.token)).send({ code });
      expect([blocked.status, blocked.body.code]).toEqual([429, 'TOO_MANY_ATTEMPTS']);
      const out = await t.http().post(`${API}/activities/${a.id}/checkout`).set(bearer(v.token)).send({});
      expect(out.status).toBe(200);
      expect(out.body.checkOutAt).not.toBeNull();
    });
  });

  describe('leader: GET/POST /activities/:id/attendance', () => {
    it('lists attendance with names and masked phones; others 403; 401; bad page 400', async () => {
      const a = await running();
      await signup(a.id, ids.memberVolunteerId);
      await t
        .http()
        .post(`${API}/activities/${a.id}/checkin`)
        .set(bearer(member))
        .send({ code: await codeOf(a.id) });
      const r = await t.http().get(`${API}/activities/${a.id}/attendance`).set(bearer(leader));
      expect(r.status).toBe(200);
      expect(r.body.total).toBe(1);
      expect(r.body.items[0]).toMatchObject({ volunteerId: ids.memberVolunteerId, volunteerName: '李秀兰', volunteerPhone: '138****0004', status: 'pending' });
      expect((await t.http().get(`${API}/activities/${a.id}/attendance`).set(bearer(siteAdmin))).status).toBe(200);
      expect((await t.http().get(`${API}/activities/${a.id}/attendance`).set(bearer(member))).status).toBe(403);
      expect((await t.http().get(`${API}/activities/${a.id}/attendance`).set(bearer(otherLeader))).status).toBe(403);
      expect((await t.http().get(`${API}/activities/${a.id}/attendance`)).status).toBe(401);
      // pageSize goes up to 1000 on this list (one page holds the whole activity), not beyond
      expect((await t.http().get(`${API}/activities/${a.id}/attendance`).query({ pageSize: 1001 }).set(bearer(leader))).status).toBe(400);
      expect((await t.http().get(`${API}/activities/${a.id}/attendance`).query({ pageSize: 0 }).set(bearer(leader))).status).toBe(400);
    });

    it('manual entry (201, method manual), correction while pending, 409 once confirmed', async () => {
      const a = await insertActivity(t, { teamId: ids.demoTeamId, startsAt: new Date(now() - 3 * 3600_000), endsAt: new Date(now() - 3600_000) });
      const s = new Date(now() - 3 * 3600_000);
      const body = { volunteerId: ids.memberVolunteerId, checkInAt: s.toISOString(), checkOutAt: new Date(s.getTime() + 60 * MIN).toISOString() };
      const r1 = await t.http().post(`${API}/activities/${a.id}/attendance`).set(bearer(leader)).send(body);
      expect(r1.status).toBe(201);
      expect(r1.body).toMatchObject({ method: 'manual', status: 'pending', volunteerId: ids.memberVolunteerId });
      const r2 = await t
        .http()
        .post(`${API}/activities/${a.id}/attendance`)
        .set(bearer(leader))
        .send({ ...body, checkOutAt: new Date(s.getTime() + 90 * MIN).toISOString() });
      expect(r2.status).toBe(201);
      expect(Date.parse(r2.body.checkOutAt)).toBe(s.getTime() + 90 * MIN);
      const [{ id }] = await db.query(`SELECT id FROM attendance WHERE activity_id = $1`, [a.id]);
      const audit = await auditOf(id);
      const correction = audit.find((e) => e.action === 'attendance.correct')!;
      expect(Date.parse(correction.before.checkOutAt)).toBe(s.getTime() + 60 * MIN);
      expect(Date.parse(correction.after.checkOutAt)).toBe(s.getTime() + 90 * MIN);

      expect((await t.http().post(`${API}/activities/${a.id}/attendance/confirm`).set(bearer(leader)).send({})).body).toEqual({ confirmed: 1 });
      const r3 = await t.http().post(`${API}/activities/${a.id}/attendance`).set(bearer(leader)).send(body);
      expect(r3.status).toBe(409);
      expect(r3.body.code).toBe('ATTENDANCE_FINALISED');
    });

    it('manual entry rules: unknown/ineligible volunteer, bad times, other team, no login', async () => {
      const a = await running();
      const s = new Date(now() - 5 * MIN).toISOString();
      const stranger = await registerVolunteer(t, ids.otherStationId);
      const ne = await t.http().post(`${API}/activities/${a.id}/attendance`).set(bearer(leader)).send({ volunteerId: stranger.volunteerId, checkInAt: s });
      expect(ne.status).toBe(409);
      expect(ne.body.code).toBe('VOLUNTEER_NOT_IN_ACTIVITY');
      // with a signup the stranger is eligible
      await signup(a.id, stranger.volunteerId);
      expect((await t.http().post(`${API}/activities/${a.id}/attendance`).set(bearer(leader)).send({ volunteerId: stranger.volunteerId, checkInAt: s })).status).toBe(
        201,
      );
      const bad = await t.http().post(`${API}/activities/${a.id}/attendance`).set(bearer(leader)).send({ volunteerId: ids.memberVolunteerId, checkInAt: 'yesterday' });
      expect(bad.status).toBe(400);
      const order = await t
        .http()
        .post(`${API}/activities/${a.id}/attendance`)
        .set(bearer(leader))
        .send({ volunteerId: ids.memberVolunteerId, checkInAt: s, checkOutAt: new Date(now() - 20 * MIN).toISOString() });
      expect(order.status).toBe(400);
      expect(order.body.details[0].field).toBe('checkOutAt');
      const early = await t
        .http()
        .post(`${API}/activities/${a.id}/attendance`)
        .set(bearer(leader))
        .send({ volunteerId: ids.memberVolunteerId, checkInAt: new Date(now() - 5 * 3600_000).toISOString() });
      expect(early.status).toBe(400);
      expect(early.body.details[0].field).toBe('checkInAt');
      const unknown = await t
        .http()
        .post(`${API}/activities/${a.id}/attendance`)
        .set(bearer(leader))
        .send({ volunteerId: '00000000-0000-4000-8000-000000000000', checkInAt: s });
      expect(unknown.status).toBe(400);
      expect(
        (await t.http().post(`${API}/activities/${a.id}/attendance`).set(bearer(otherLeader)).send({ volunteerId: ids.memberVolunteerId, checkInAt: s })).status,
      ).toBe(403);
      expect((await t.http().post(`${API}/activities/${a.id}/attendance`).set(bearer(member)).send({ volunteerId: ids.memberVolunteerId, checkInAt: s })).status).toBe(
        403,
      );
      expect((await t.http().post(`${API}/activities/${a.id}/attendance`).send({ volunteerId: ids.memberVolunteerId, checkInAt: s })).status).toBe(401);
    });
  });

  describe('confirm and reject', () => {
    it('confirm computes overlap minutes, adds points; confirming twice changes nothing; reject after confirm stops counting and takes the points back', async () => {
      const S = now() - 3 * 3600_000;
      const a = await insertActivity(t, { teamId: ids.demoTeamId, startsAt: new Date(S), endsAt: new Date(S + 120 * MIN), title: '确认测试活动' });
      const v1 = await registerVolunteer(t, ids.yongqingStationId);
      const v2 = await registerVolunteer(t, ids.yongqingStationId);
      await signup(a.id, v1.volunteerId);
      await signup(a.id, v2.volunteerId);
      // v1: 20 min early, out 30 s after 90.5 min → 90 min; v2: no check-out → counts to the end (110 min)
      expect(
        (
          await t
            .http()
            .post(`${API}/activities/${a.id}/attendance`)
            .set(bearer(leader))
            .send({
              volunteerId: v1.volunteerId,
              checkInAt: new Date(S - 20 * MIN).toISOString(),
              checkOutAt: new Date(S + 90.5 * MIN).toISOString(),
            })
        ).status,
      ).toBe(201);
      expect(
        (
          await t
            .http()
            .post(`${API}/activities/${a.id}/attendance`)
            .set(bearer(leader))
            .send({ volunteerId: v2.volunteerId, checkInAt: new Date(S + 10 * MIN).toISOString() })
        ).status,
      ).toBe(201);

      expect((await t.http().post(`${API}/activities/${a.id}/attendance/confirm`).set(bearer(otherLeader)).send({})).status).toBe(403);
      expect((await t.http().post(`${API}/activities/${a.id}/attendance/confirm`).set(bearer(member)).send({})).status).toBe(403);
      expect((await t.http().post(`${API}/activities/${a.id}/attendance/confirm`).send({})).status).toBe(401);
      expect(
        (
          await t
            .http()
            .post(`${API}/activities/${a.id}/attendance/confirm`)
            .set(bearer(leader))
            .send({ volunteerIds: ['x'] })
        ).status,
      ).toBe(400);

      const c1 = await t
        .http()
        .post(`${API}/activities/${a.id}/attendance/confirm`)
        .set(bearer(leader))
        .send({ volunteerIds: [v1.volunteerId] });
      expect(c1.status).toBe(200);
      expect(c1.body).toEqual({ confirmed: 1 });
      const c2 = await t.http().post(`${API}/activities/${a.id}/attendance/confirm`).set(bearer(siteAdmin)).send({});
      expect(c2.body).toEqual({ confirmed: 1 });
      const c3 = await t.http().post(`${API}/activities/${a.id}/attendance/confirm`).set(bearer(leader)).send({});
      expect(c3.body).toEqual({ confirmed: 0 });

      const list = (await t.http().get(`${API}/activities/${a.id}/attendance`).set(bearer(leader))).body.items;
      const byV = new Map(list.map((x: { volunteerId: string }) => [x.volunteerId, x]));
      expect(byV.get(v1.volunteerId)).toMatchObject({ status: 'confirmed', minutes: 90 });
      expect(byV.get(v2.volunteerId)).toMatchObject({ status: 'confirmed', minutes: 110 });

      const rec1 = (await t.http().get(`${API}/me/record`).set(bearer(v1.token))).body;
      expect(rec1).toMatchObject({ totalMinutes: 90, totalHours: 1.5, personTimes: 1, points: 1, star: 0 }); // floor(90 / 60) = 1 whole point
      const ledger = await db.query(`SELECT delta, balance_after FROM points_ledger WHERE volunteer_id = $1 ORDER BY id`, [v1.volunteerId]);
      expect(ledger.map((r: { delta: string }) => Number(r.delta))).toEqual([1]);

      // reject v1 after confirmation
      expect((await t.http().post(`${API}/activities/${a.id}/attendance/${v1.volunteerId}/reject`).set(bearer(leader)).send({})).status).toBe(400);
      expect((await t.http().post(`${API}/activities/${a.id}/attendance/${v1.volunteerId}/reject`).set(bearer(otherLeader)).send({ reason: '未到' })).status).toBe(403);
      expect((await t.http().post(`${API}/activities/${a.id}/attendance/${v1.volunteerId}/reject`).send({ reason: '未到' })).status).toBe(401);
      const stranger = await registerVolunteer(t, ids.yongqingStationId);
      expect((await t.http().post(`${API}/activities/${a.id}/attendance/${stranger.volunteerId}/reject`).set(bearer(leader)).send({ reason: '未到' })).status).toBe(404);
      const rj = await t.http().post(`${API}/activities/${a.id}/attendance/${v1.volunteerId}/reject`).set(bearer(leader)).send({ reason: '当天未实际到场' });
      expect(rj.status).toBe(200);
      expect(rj.body).toMatchObject({ status: 'rejected', minutes: null, rejectedReason: '当天未实际到场' });
      const again = await t.http().post(`${API}/activities/${a.id}/attendance/${v1.volunteerId}/reject`).set(bearer(leader)).send({ reason: '再次' });
      expect(again.body.rejectedReason).toBe('当天未实际到场');
      const rec1b = (await t.http().get(`${API}/me/record`).set(bearer(v1.token))).body;
      expect(rec1b).toMatchObject({ totalMinutes: 0, personTimes: 0, points: 0 });
      expect(rec1b.entries[0]).toMatchObject({ activityId: a.id, status: 'rejected', minutes: null });
      const ledger2 = await db.query(`SELECT delta, balance_after FROM points_ledger WHERE volunteer_id = $1 ORDER BY id`, [v1.volunteerId]);
      expect(ledger2.map((r: { delta: string; balance_after: string }) => [Number(r.delta), Number(r.balance_after)])).toEqual([
        [1, 1],
        [-1, 0],
      ]);
      const [{ id }] = await db.query(`SELECT id FROM attendance WHERE activity_id = $1 AND volunteer_id = $2`, [a.id, v1.volunteerId]);
      const audit = await auditOf(id);
      const rejectEntry = audit.find((e) => e.action === 'attendance.reject')!;
      expect(rejectEntry.before).toMatchObject({ status: 'confirmed', minutes: 90 });
      expect(rejectEntry.after).toMatchObject({ status: 'rejected', minutes: null });
      expect(audit.map((e) => e.action).sort()).toEqual(['attendance.confirm', 'attendance.manual', 'attendance.reject']);
    });

    it('a cancelled activity cannot confirm: 409', async () => {
      const a = await running({ status: 'cancelled' });
      const r = await t.http().post(`${API}/activities/${a.id}/attendance/confirm`).set(bearer(leader)).send({});
      expect(r.status).toBe(409);
    });
  });

  describe('records, points and certificate', () => {
    let v: Awaited<ReturnType<typeof registerVolunteer>>;
    beforeAll(async () => {
      v = await registerVolunteer(t, ids.yongqingStationId, '记录测试');
      // two past activities on known Shanghai dates, confirmed via the API
      for (const [date, title] of [
        ['2026-03-06', '三月文明劝导'],
        ['2026-05-08', '五月环境整治'],
      ]) {
        const s = new Date(`${date}T09:00:00+08:00`);
        const a = await insertActivity(t, { teamId: ids.demoTeamId, startsAt: s, endsAt: new Date(s.getTime() + 150 * MIN), title, status: 'completed' });
        await signup(a.id, v.volunteerId);
        await t.http().post(`${API}/activities/${a.id}/attendance`).set(bearer(leader)).send({ volunteerId: v.volunteerId, checkInAt: s.toISOString() }).expect(201);
        await t.http().post(`${API}/activities/${a.id}/attendance/confirm`).set(bearer(leader)).send({}).expect(200);
      }
    });

    it('GET /me/record and /volunteers/:id/record with from/to', async () => {
      const me = await t.http().get(`${API}/me/record`).set(bearer(v.token));
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ volunteerId: v.volunteerId, totalMinutes: 300, totalHours: 5, personTimes: 2, points: 4, star: 0 }); // floor per attendance: 150 min → 2 points, twice
      expect(me.body.entries.map((e: { date: string }) => e.date)).toEqual(['2026-05-08', '2026-03-06']);
      expect(me.body.entries[0]).toMatchObject({ title: '五月环境整治', teamName: '永清镇红马甲志愿服务队', minutes: 150, hours: 2.5, status: 'confirmed' });
      const march = await t.http().get(`${API}/volunteers/${v.volunteerId}/record`).query({ from: '2026-03-01', to: '2026-03-31' }).set(bearer(siteAdmin));
      expect(march.status).toBe(200);
      expect(march.body).toMatchObject({ totalMinutes: 150, personTimes: 1 });
      expect(march.body.entries).toHaveLength(1);
      expect((await t.http().get(`${API}/volunteers/${v.volunteerId}/record`).set(bearer(county))).status).toBe(200);
      expect((await t.http().get(`${API}/volunteers/${v.volunteerId}/record`).set(bearer(v.token))).status).toBe(200);
      expect((await t.http().get(`${API}/volunteers/${v.volunteerId}/record`).set(bearer(member))).status).toBe(403);
      expect((await t.http().get(`${API}/volunteers/${v.volunteerId}/record`).set(bearer(leader))).status).toBe(403);
      expect((await t.http().get(`${API}/volunteers/${v.volunteerId}/record`)).status).toBe(401);
      expect((await t.http().get(`${API}/me/record`).query({ from: '2026-02-30' }).set(bearer(v.token))).status).toBe(400);
      expect((await t.http().get(`${API}/me/record`).query({ from: '2026-05-01', to: '2026-04-01' }).set(bearer(v.token))).status).toBe(400);
      expect((await t.http().get(`${API}/me/record`).set(bearer(county))).status).toBe(403);
    });

    it('the demo leader has a record with a star reading from the configured thresholds', async () => {
      const r = await t.http().get(`${API}/me/record`).set(bearer(leader));
      expect(r.status).toBe(200);
      expect(typeof r.body.star).toBe('number');
      expect(r.body.totalHours).toBe(Math.floor((r.body.totalMinutes * 10) / 60 + 0.5) / 10);
    });

    it('GET /volunteers/:id/certificate.pdf is a PDF carrying the total', async () => {
      const r = await t
        .http()
        .get(`${API}/volunteers/${v.volunteerId}/certificate.pdf`)
        .query({ from: '2026-01-01', to: '2026-12-31' })
        .set(bearer(v.token))
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toMatch(/^application\/pdf/);
      const pdf = r.body as Buffer;
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = pdf.toString('latin1');
      // the document's Subject carries the total in plain ASCII for machine checks
      expect(text).toContain('(QS-certificate total-hours=5.0 person-times=2)');
      expect(r.headers['content-disposition']).toMatch(/^inline; filename="QS-\d{8}-QS\d+-2\.pdf"/);
      expect((await t.http().get(`${API}/volunteers/${v.volunteerId}/certificate.pdf`).set(bearer(member))).status).toBe(403);
      expect((await t.http().get(`${API}/volunteers/${v.volunteerId}/certificate.pdf`)).status).toBe(401);
      expect((await t.http().get(`${API}/volunteers/${v.volunteerId}/certificate.pdf`).query({ to: 'soon' }).set(bearer(v.token))).status).toBe(400);
    });

    it('POST /volunteers/:id/points/redeem: admins, never below zero', async () => {
      const r = await t.http().post(`${API}/volunteers/${v.volunteerId}/points/redeem`).set(bearer(siteAdmin)).send({ points: 2, item: '洗衣粉 1 袋' });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ volunteerId: v.volunteerId, delta: -2, balanceAfter: 2, reason: '积分兑换：洗衣粉 1 袋' });
      const over = await t.http().post(`${API}/volunteers/${v.volunteerId}/points/redeem`).set(bearer(county)).send({ points: 4, item: '毛巾' });
      expect(over.status).toBe(409);
      expect((await t.http().post(`${API}/volunteers/${v.volunteerId}/points/redeem`).set(bearer(county)).send({ points: 1.5, item: '毛巾' })).status).toBe(400); // whole points
      expect(over.body.code).toBe('INSUFFICIENT_POINTS');
      expect((await t.http().post(`${API}/volunteers/${v.volunteerId}/points/redeem`).set(bearer(county)).send({ points: -1, item: '毛巾' })).status).toBe(400);
      expect((await t.http().post(`${API}/volunteers/${v.volunteerId}/points/redeem`).set(bearer(v.token)).send({ points: 1, item: '毛巾' })).status).toBe(403);
      expect((await t.http().post(`${API}/volunteers/${v.volunteerId}/points/redeem`).send({ points: 1, item: '毛巾' })).status).toBe(401);
      expect((await t.http().get(`${API}/me/record`).set(bearer(v.token))).body.points).toBe(2);
    });
  });

  describe('concurrency', () => {
    let base: string;
    beforeAll(async () => {
      const server = t.app.getHttpServer();
      if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    it('200 concurrent check-ins of one volunteer → one attendance row, all answered with it', async () => {
      const a = await running({ kind: 'service_day', capacity: 5 });
      const v = await registerVolunteer(t, ids.yongqingStationId);
      const code = await codeOf(a.id);
      const res = await Promise.all(
        Array.from({ length: Number(process.env.N_CONC ?? 200) }, () => request(base).post(`${API}/activities/${a.id}/checkin`).set(bearer(v.token)).send({ code })),
      );
      expect(res.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
      expect(new Set(res.map((r) => r.body.checkInAt)).size).toBe(1);
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM attendance WHERE activity_id = $1`, [a.id]);
      expect(n).toBe(1);
      const [{ s }] = await db.query(`SELECT count(*)::int AS s FROM signups WHERE activity_id = $1 AND status = 'confirmed'`, [a.id]);
      expect(s).toBe(1);
    }, 120_000);

    it('100 concurrent check-outs of one volunteer → one check-out, one audit entry, all answered with it', async () => {
      const a = await running();
      const v = await registerVolunteer(t, ids.yongqingStationId);
      await signup(a.id, v.volunteerId);
      const code = await codeOf(a.id);
      expect((await request(base).post(`${API}/activities/${a.id}/checkin`).set(bearer(v.token)).send({ code })).status).toBe(200);
      const res = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          request(base)
            .post(`${API}/activities/${a.id}/checkout`)
            .set(bearer(v.token))
            .send(i % 2 ? { code } : {}),
        ),
      );
      expect(res.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
      expect(new Set(res.map((r) => r.body.checkOutAt)).size).toBe(1);
      const [{ id }] = await db.query(`SELECT id FROM attendance WHERE activity_id = $1 AND volunteer_id = $2`, [a.id, v.volunteerId]);
      expect(await db.query(`SELECT 1 FROM audit_entries WHERE action = 'attendance.checkout' AND entity_id = $1`, [id])).toHaveLength(1);
    }, 120_000);

    it('500 volunteers checking in concurrently to one activity → 500 rows, none lost', async () => {
      const a = await running({ capacity: 500 });
      const volunteers: Array<{ id: string }> = await db.query(
        `INSERT INTO volunteers (name, phone, site_id)
         SELECT '并发' || g, $2 || lpad(g::text, 4, '0'), $1 FROM generate_series(1, 500) g RETURNING id`,
        [ids.yongqingStationId, uniquePhoneBlock()],
      );
      const users: Array<{ id: string; volunteer_id: string }> = await db.query(
        `INSERT INTO users (phone, password_hash, role, volunteer_id)
         SELECT v.phone, 'x', 'volunteer', v.id FROM volunteers v WHERE v.id = ANY($1::uuid[]) RETURNING id, volunteer_id`,
        [volunteers.map((x) => x.id)],
      );
      await db.query(`INSERT INTO signups (activity_id, volunteer_id, status) SELECT $1, unnest($2::uuid[]), 'confirmed'`, [a.id, volunteers.map((x) => x.id)]);
      const jwt = t.app.get(JwtService);
      const code = await codeOf(a.id);
      const res = await Promise.all(
        users.map((u) =>
          request(base)
            .post(`${API}/activities/${a.id}/checkin`)
            .set(bearer(jwt.sign({ sub: u.id })))
            .send({ code }),
        ),
      );
      expect(res.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM attendance WHERE activity_id = $1`, [a.id]);
      expect(n).toBe(500);
    }, 300_000);
  });
});
