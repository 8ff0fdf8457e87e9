import { Test } from '@nestjs/testing';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { API_PREFIX } from '../../src/bootstrap';
import { AllExceptionsFilter } from '../../src/common/errors/all-exceptions.filter';
import { createValidationPipe } from '../../src/common/errors/validation';
import { OPS, type Ops } from '../../src/common/observability/ops';
import { VERIFICATION_CODE_SENDER, type VerificationCodeSender } from '../../src/modules/auth/verification-code-sender';
import { insertActivity } from '../setup/factories';
import { bearer, createTestApp, DEMO, demoIds, registerVolunteer, uniquePhone, type TestApp } from '../setup/test-app';

const API = '/api/v1';
const MIN = 60_000;

/** A delivery double that records what it was asked to send (the test injects it; production has no sender). */
class RecordingSender implements VerificationCodeSender {
  readonly sent: Array<{ phone: string; code: string }> = [];
  async send(phone: string, code: string) {
    this.sent.push({ phone, code });
  }
  last(phone: string) {
    return [...this.sent].reverse().find((s) => s.phone === phone)?.code;
  }
}

describe('accounts: registration proves the phone, password policy, sessions, lockout, least data, scope filters', () => {
  let t: TestApp;
  let db: DataSource;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let county: string, siteAdmin: string, leader: string, member: string;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    ids = await demoIds(t);
    [county, siteAdmin, leader, member] = await Promise.all([t.token(DEMO.county), t.token(DEMO.site), t.token(DEMO.leader), t.token(DEMO.member)]);
  });
  afterAll(() => t.close());

  const login = (phone: string, password: string, app: TestApp = t) => app.http().post(`${API}/auth/login`).send({ phone, password });
  const me = (token: string) => t.http().get(`${API}/me`).set(bearer(token));

  /** A volunteer record staff created (no login), with personal data that must not leak. */
  async function staffCreatedVolunteer(siteId = ids.yongqingStationId) {
    const phone = uniquePhone();
    const res = await t.http().post(`${API}/volunteers`).set(bearer(county)).send({
      name: '韩秀兰',
      phone,
      gender: 'female',
      birthDate: '1971-09-18',
      politicalStatus: 'party_member',
      siteId,
    });
    expect(res.status).toBe(201);
    return { phone, id: res.body.id as string };
  }

  /** A staff login (site admin of `siteId`) with its token. */
  async function siteAdminOf(siteId: string) {
    const phone = uniquePhone();
    const res = await t.http().post(`${API}/users`).set(bearer(county)).send({ phone, password: 'Staff2026pw', role: 'site_admin', siteId });
    expect(res.status).toBe(201);
    const l = await login(phone, 'Staff2026pw');
    expect(l.status).toBe(200);
    return { id: res.body.id as string, phone, token: l.body.accessToken as string };
  }

  describe('registration with the phone of a staff-created record (no SMS provider)', () => {
    it('answers 202 with the Chinese message and nothing of the record; no login, the record stays unattached', async () => {
      const v = await staffCreatedVolunteer();
      const res = await t.http().post(`${API}/auth/register`).send({ name: '冒名者', phone: v.phone, password: 'Takeover2026', siteId: ids.otherStationId });
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ status: 'pending_approval', message: '该手机号已登记为志愿者，请等待站点管理员确认' });
      const text = JSON.stringify(res.body);
      for (const secret of ['韩秀兰', '1971', 'party_member', v.id]) expect(text).not.toContain(secret);
      expect(res.body.accessToken).toBeUndefined();

      expect((await login(v.phone, 'Takeover2026')).status).toBe(401);
      const rec = await t.http().get(`${API}/volunteers/${v.id}`).set(bearer(county));
      expect(rec.body.hasLogin).toBe(false);
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM users WHERE phone = $1 OR volunteer_id = $2`, [v.phone, v.id]);
      expect(n).toBe(0);
    });

    it('a site admin in scope sees the claim and approves it: the login is attached to the record', async () => {
      const v = await staffCreatedVolunteer();
      const reg = await t.http().post(`${API}/auth/register`).send({ name: '韩秀兰', phone: v.phone, password: 'MyOwn2026pw', siteId: ids.yongqingStationId });
      expect(reg.status).toBe(202);

      const list = await t.http().get(`${API}/registration-claims`).set(bearer(siteAdmin));
      expect(list.status).toBe(200);
      const claim = list.body.items.find((c: { phone: string }) => c.phone === v.phone);
      expect(claim).toMatchObject({ status: 'pending', name: '韩秀兰', volunteer: { id: v.id, name: '韩秀兰' } });

      // out of scope: a site admin of another town neither sees nor decides it; a volunteer may not list claims
      const other = await siteAdminOf(ids.otherInstituteId);
      const otherList = await t.http().get(`${API}/registration-claims`).set(bearer(other.token));
      expect(otherList.body.items.some((c: { id: string }) => c.id === claim.id)).toBe(false);
      const stolen = await t.http().post(`${API}/registration-claims/${claim.id}/approve`).set(bearer(other.token));
      expect(stolen.status).toBe(403);
      expect(stolen.body.code).toBe('OUT_OF_SCOPE');
      expect((await t.http().get(`${API}/registration-claims`).set(bearer(member))).status).toBe(403);

      const ok = await t.http().post(`${API}/registration-claims/${claim.id}/approve`).set(bearer(siteAdmin));
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ status: 'approved', decidedByName: expect.any(String) });
      const again = await t.http().post(`${API}/registration-claims/${claim.id}/approve`).set(bearer(siteAdmin));
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('CLAIM_DECIDED');

      const l = await login(v.phone, 'MyOwn2026pw');
      expect(l.status).toBe(200);
      expect(l.body.user.volunteerId).toBe(v.id);
      expect(l.body.user.phoneVerified).toBe(false);
      const m = await me(l.body.accessToken);
      expect(m.body.volunteer).toMatchObject({ id: v.id, birthDate: '1971-09-18' });
      const audit = await db.query(`SELECT action FROM audit_entries WHERE entity = 'registration_claim' AND entity_id = $1`, [claim.id]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['registration_claim.approve']);
    });

    it('a declined claim creates no login; the pending queue per phone is bounded', async () => {
      const v = await staffCreatedVolunteer();
      for (let i = 0; i < 3; i++) {
        const r = await t
          .http()
          .post(`${API}/auth/register`)
          .send({ name: `申请${i}`, phone: v.phone, password: `Claim${i}2026x`, siteId: ids.yongqingStationId });
        expect(r.status).toBe(202);
      }
      const fourth = await t.http().post(`${API}/auth/register`).send({ name: '第四', phone: v.phone, password: 'Claim32026x', siteId: ids.yongqingStationId });
      expect(fourth.status).toBe(429);
      const list = await t.http().get(`${API}/registration-claims`).set(bearer(county)).query({ pageSize: 100 });
      const mine = list.body.items.filter((c: { phone: string }) => c.phone === v.phone);
      expect(mine).toHaveLength(3);
      const d = await t.http().post(`${API}/registration-claims/${mine[0].id}/decline`).set(bearer(siteAdmin)).send({ reason: '电话核实不是本人' });
      expect(d.status).toBe(200);
      expect(d.body).toMatchObject({ status: 'declined', declineReason: '电话核实不是本人' });
      expect((await login(v.phone, 'Claim02026x')).status).toBe(401);
      // approving another one declines the rest
      const a = await t.http().post(`${API}/registration-claims/${mine[1].id}/approve`).set(bearer(county));
      expect(a.status).toBe(200);
      const [{ status }] = await db.query(`SELECT status FROM registration_claims WHERE id = $1`, [mine[2].id]);
      expect(status).toBe('declined');
      expect((await login(v.phone, 'Claim12026x')).status).toBe(200);
    });

    it('a new phone registers at once, marked unverified; the code endpoint says SMS is not available', async () => {
      const r = await registerVolunteer(t, ids.yongqingStationId);
      const m = await me(r.token);
      expect(m.body.user.phoneVerified).toBe(false);
      const [{ phone_verified_at }] = await db.query(`SELECT phone_verified_at FROM users WHERE id = $1`, [r.userId]);
      expect(phone_verified_at).toBeNull();
      const code = await t.http().post(`${API}/auth/register/code`).send({ phone: uniquePhone() });
      expect(code.status).toBe(409);
      expect(code.body.code).toBe('SMS_UNAVAILABLE');
    });
  });

  describe('with an SMS provider (a recording double injected by the test)', () => {
    let app: INestApplication;
    const sender = new RecordingSender();
    const http = () => request(app.getHttpServer());

    beforeAll(async () => {
      const mod = await Test.createTestingModule({ imports: [AppModule.forRoot(t.config, process.env.WM_TEST_DB_URL!, t.app.get<Ops>(OPS))] })
        .overrideProvider(VERIFICATION_CODE_SENDER)
        .useValue(sender)
        .compile();
      app = mod.createNestApplication(new FastifyAdapter(), { logger: false });
      app.setGlobalPrefix(API_PREFIX);
      app.useGlobalPipes(createValidationPipe());
      app.useGlobalFilters(new AllExceptionsFilter());
      await app.init();
      await (app as NestFastifyApplication).getHttpAdapter().getInstance().ready();
    });
    afterAll(() => app.close());

    it('the code proves the phone: a staff-created record is attached to the login, verified', async () => {
      const v = await staffCreatedVolunteer();
      const body = { name: '韩秀兰', phone: v.phone, password: 'Proven2026pw', siteId: ids.yongqingStationId };
      const noCode = await http().post(`${API}/auth/register`).send(body);
      expect(noCode.status).toBe(400);
      expect(noCode.body.code).toBe('VERIFICATION_CODE_REQUIRED');

      const sent = await http().post(`${API}/auth/register/code`).send({ phone: v.phone });
      expect(sent.status).toBe(200);
      expect(sent.body).toEqual({ expiresIn: 300, resendAfter: 60 });
      const code = sender.last(v.phone)!;
      expect(code).toMatch(/^\d{6}$/);
      const resend = await http().post(`${API}/auth/register/code`).send({ phone: v.phone });
      expect(resend.status).toBe(429);

      const wrong = await http()
        .post(`${API}/auth/register`)
        .send({ ...body, code: code === '000000' ? '111111' : '000000' });
      expect(wrong.status).toBe(400);
      expect(wrong.body.code).toBe('INVALID_VERIFICATION_CODE');

      const ok = await http()
        .post(`${API}/auth/register`)
        .send({ ...body, code });
      expect(ok.status).toBe(201);
      expect(ok.body.user).toMatchObject({ volunteerId: v.id, phoneVerified: true });
      // the code is used up
      const reuse = await http()
        .post(`${API}/auth/register`)
        .send({ ...body, code });
      expect(reuse.status).toBe(400);
      expect(reuse.body.code).toBe('INVALID_VERIFICATION_CODE');
    });

    it('five wrong codes void the code', async () => {
      const phone = uniquePhone();
      await http().post(`${API}/auth/register/code`).send({ phone }).expect(200);
      const code = sender.last(phone)!;
      const other = code === '123456' ? '654321' : '123456';
      for (let i = 0; i < 5; i++) {
        const r = await http().post(`${API}/auth/register`).send({ name: '甲', phone, password: 'Guessing2026', siteId: ids.yongqingStationId, code: other });
        expect(r.status).toBe(400);
      }
      const late = await http().post(`${API}/auth/register`).send({ name: '甲', phone, password: 'Guessing2026', siteId: ids.yongqingStationId, code });
      expect(late.status).toBe(400);
      expect(late.body.code).toBe('INVALID_VERIFICATION_CODE');
    });
  });

  describe('password policy', () => {
    const weak = (phone: string) => ['12345678', 'password', '        ', phone, `a${phone}`, 'abcdefgh', 'Passw0rd', 'short1'];

    it('registration refuses weak passwords with a message naming the field', async () => {
      const phone = uniquePhone();
      for (const password of weak(phone)) {
        const r = await t.http().post(`${API}/auth/register`).send({ name: '弱密码', phone, password, siteId: ids.yongqingStationId });
        expect(r.status).toBe(400);
        expect(r.body.details.some((d: { field: string }) => d.field === 'password')).toBe(true);
      }
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM volunteers WHERE phone = $1`, [phone]);
      expect(n).toBe(0);
    });

    it('staff user create, reset and own password change refuse weak passwords', async () => {
      const phone = uniquePhone();
      const c = await t.http().post(`${API}/users`).set(bearer(county)).send({ phone, password: '12345678', role: 'site_admin', siteId: ids.otherInstituteId });
      expect(c.status).toBe(400);
      const staff = await siteAdminOf(ids.otherInstituteId);
      const reset = await t.http().patch(`${API}/users/${staff.id}`).set(bearer(county)).send({ password: staff.phone });
      expect(reset.status).toBe(400);
      expect(reset.body.details[0]).toMatchObject({ field: 'password', message: '密码不能包含手机号' });
      const own = await t.http().post(`${API}/auth/password`).set(bearer(staff.token)).send({ currentPassword: 'Staff2026pw', newPassword: 'password1' });
      expect(own.status).toBe(400);
      expect(own.body.details[0].field).toBe('newPassword');
    });
  });

  describe('sessions: earlier tokens die at once', () => {
    it('own password change: the old token is 401, the new one works, the old password no longer does', async () => {
      const v = await registerVolunteer(t, ids.yongqingStationId);
      expect((await me(v.token)).status).toBe(200);
      const wrong = await t.http().post(`${API}/auth/password`).set(bearer(v.token)).send({ currentPassword: 'nope-nope-1', newPassword: 'Brand2026new' });
      expect(wrong.status).toBe(400);
      const ch = await t.http().post(`${API}/auth/password`).set(bearer(v.token)).send({ currentPassword: 'Passw0rd!', newPassword: 'Brand2026new' });
      expect(ch.status).toBe(200);
      const old = await me(v.token);
      expect(old.status).toBe(401);
      expect(old.body.code).toBe('UNAUTHENTICATED');
      expect((await me(ch.body.accessToken)).status).toBe(200);
      expect((await login(v.phone, 'Passw0rd!')).status).toBe(401);
      expect((await login(v.phone, 'Brand2026new')).status).toBe(200);
    });

    it('logout ends every session of the login', async () => {
      const v = await registerVolunteer(t, ids.yongqingStationId);
      const second = (await login(v.phone, 'Passw0rd!')).body.accessToken;
      const out = await t.http().post(`${API}/auth/logout`).set(bearer(v.token));
      expect(out.status).toBe(204);
      expect((await me(v.token)).status).toBe(401);
      expect((await me(second)).status).toBe(401);
      expect((await t.http().post(`${API}/auth/logout`)).status).toBe(401);
    });

    it('a county admin resets a password, changes a role, disables a staff login: its tokens die; a disabled login cannot log in', async () => {
      const staff = await siteAdminOf(ids.otherInstituteId);
      const reset = await t.http().patch(`${API}/users/${staff.id}`).set(bearer(county)).send({ password: 'Reset2026pw' });
      expect(reset.status).toBe(200);
      expect((await me(staff.token)).status).toBe(401);

      const t2 = (await login(staff.phone, 'Reset2026pw')).body.accessToken;
      const role = await t.http().patch(`${API}/users/${staff.id}`).set(bearer(county)).send({ siteId: ids.yongqingInstituteId });
      expect(role.status).toBe(200);
      expect((await me(t2)).status).toBe(401);

      const t3 = (await login(staff.phone, 'Reset2026pw')).body.accessToken;
      const off = await t.http().patch(`${API}/users/${staff.id}`).set(bearer(county)).send({ disabled: true });
      expect(off.status).toBe(200);
      expect(off.body.disabled).toBe(true);
      expect((await me(t3)).status).toBe(401);
      const refused = await login(staff.phone, 'Reset2026pw');
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('ACCOUNT_DISABLED');
      const audit = await db.query(`SELECT action FROM audit_entries WHERE entity = 'user' AND entity_id = $1 ORDER BY at`, [staff.id]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['user.password', 'user.role', 'user.disable']));

      const on = await t.http().patch(`${API}/users/${staff.id}`).set(bearer(county)).send({ disabled: false });
      expect(on.body.disabled).toBe(false);
      expect((await login(staff.phone, 'Reset2026pw')).status).toBe(200);

      const self = await t
        .http()
        .patch(`${API}/users/${(await me(county)).body.user.id}`)
        .set(bearer(county))
        .send({ disabled: true });
      expect(self.status).toBe(409);
      const bad = await t.http().patch(`${API}/users/${staff.id}`).set(bearer(county)).send({ disabled: 'yes' });
      expect(bad.status).toBe(400);
    });
  });

  describe('per-account lockout, shared by two API instances on one database', () => {
    let t2: TestApp;
    beforeAll(async () => {
      t2 = await createTestApp();
    });
    afterAll(() => t2.close());

    it('10 failures spread over both instances lock the login 15 minutes (429 saying when), even for the right password', async () => {
      const v = await registerVolunteer(t, ids.yongqingStationId);
      for (let i = 0; i < 10; i++) {
        const r = await login(v.phone, `Wrong${i}pass`, i % 2 ? t2 : t);
        expect(r.status).toBe(401);
      }
      const locked = await login(v.phone, 'Passw0rd!', t2);
      expect(locked.status).toBe(429);
      expect(locked.body.code).toBe('ACCOUNT_LOCKED');
      expect(locked.body.message).toMatch(/已锁定，请于 \d{2}:\d{2}（北京时间/);
      const until = new Date(locked.body.lockedUntil).getTime();
      expect(until - Date.now()).toBeGreaterThan(14 * MIN);
      expect(until - Date.now()).toBeLessThanOrEqual(15 * MIN + 5000);
      expect((await login(v.phone, 'Passw0rd!', t)).status).toBe(429);

      // the lock ends after its time (moved into the past here), and a success clears the count
      await db.query(`UPDATE login_throttle SET locked_until = now() - interval '1 second', last_failure_at = now() - interval '16 minutes' WHERE phone = $1`, [v.phone]);
      expect((await login(v.phone, 'Passw0rd!', t2)).status).toBe(200);
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM login_throttle WHERE phone = $1`, [v.phone]);
      expect(n).toBe(0);
    });

    it('unknown phones lock the same way (the lock does not tell which phones exist)', async () => {
      const phone = uniquePhone();
      for (let i = 0; i < 10; i++) expect((await login(phone, 'Whatever1x', i % 2 ? t2 : t)).status).toBe(401);
      expect((await login(phone, 'Whatever1x')).status).toBe(429);
    });

    it('a county admin password reset lifts the lock', async () => {
      const staff = await siteAdminOf(ids.otherInstituteId);
      for (let i = 0; i < 10; i++) await login(staff.phone, 'Wrong2026x', t2);
      expect((await login(staff.phone, 'Staff2026pw')).status).toBe(429);
      await t.http().patch(`${API}/users/${staff.id}`).set(bearer(county)).send({ password: 'After2026lock' }).expect(200);
      expect((await login(staff.phone, 'After2026lock', t2)).status).toBe(200);
    });

    it('the wrong check-in code limit holds across instances too', async () => {
      const v = await registerVolunteer(t, ids.yongqingStationId);
      const a = await insertActivity(t, {
        teamId: ids.demoTeamId,
        startsAt: new Date(Date.now() - 10 * MIN),
        endsAt: new Date(Date.now() + 60 * MIN),
        kind: 'service_day',
      });
      const code = (await t.http().get(`${API}/activities/${a.id}/checkin-code`).set(bearer(leader))).body.code as string;
      const wrong = code === '000000' ? '111111' : '000000';
      for (let i = 0; i < 5; i++) {
        const app = i % 2 ? t2 : t;
        const r = await app.http().post(`${API}/activities/${a.id}/checkin`).set(bearer(v.token)).send({ code: wrong });
        expect(r.status).toBe(400);
      }
      const blocked = await t2.http().post(`${API}/activities/${a.id}/checkin`).set(bearer(v.token)).send({ code });
      expect(blocked.status).toBe(429);
      expect(blocked.body.code).toBe('TOO_MANY_ATTEMPTS');
    });

    it('the per-IP limits (@nestjs/throttler) count in the database: 5 code requests a minute over both instances', async () => {
      const a = await createTestApp({ RATE_LIMIT_ENABLED: 'true' });
      const b = await createTestApp({ RATE_LIMIT_ENABLED: 'true' });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 6; i++) statuses.push((await (i % 2 ? b : a).http().post(`${API}/auth/register/code`).send({ phone: uniquePhone() })).status);
        expect(statuses.slice(0, 5)).toEqual([409, 409, 409, 409, 409]);
        expect(statuses[5]).toBe(429);
      } finally {
        await a.close();
        await b.close();
      }
    });
  });

  describe('least data', () => {
    it("a plain member reads teammates' names only; the leader and staff in scope see phones", async () => {
      const res = await t.http().get(`${API}/teams/${ids.demoTeamId}/members`).set(bearer(member)).query({ pageSize: 100 });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeGreaterThan(1);
      for (const m of res.body.items) {
        expect(m.volunteer.name).toEqual(expect.any(String));
        expect(m.volunteer).toMatchObject({ phone: null, birthDate: null, politicalStatus: null, idNumber: null, gender: null });
      }
      // a phone number, not 11 digits inside a uuid (19269644910c)
      expect(JSON.stringify(res.body)).not.toMatch(/\b1[3-9]\d{9}\b/);
      for (const token of [leader, siteAdmin, county]) {
        const full = await t.http().get(`${API}/teams/${ids.demoTeamId}/members`).set(bearer(token)).query({ pageSize: 100 });
        expect(full.status).toBe(200);
        expect(full.body.items.some((m: { volunteer: { phone: string | null } }) => /^1[3-9]\d{9}$/.test(m.volunteer.phone ?? ''))).toBe(true);
      }
    });

    it('volunteers (leaders included) never receive the user id of whoever confirmed; staff do', async () => {
      const a = await insertActivity(t, { teamId: ids.demoTeamId, startsAt: new Date(Date.now() - 3 * 60 * MIN), endsAt: new Date(Date.now() - 2 * 60 * MIN) });
      const manual = await t
        .http()
        .post(`${API}/activities/${a.id}/attendance`)
        .set(bearer(county))
        .send({
          volunteerId: ids.memberVolunteerId,
          checkInAt: new Date(Date.now() - 3 * 60 * MIN).toISOString(),
          checkOutAt: new Date(Date.now() - 2 * 60 * MIN).toISOString(),
        });
      expect(manual.status).toBe(201);
      await t.http().post(`${API}/activities/${a.id}/attendance/confirm`).set(bearer(county)).send({}).expect(200);
      const countyId = (await me(county)).body.user.id;
      const asAdmin = await t.http().get(`${API}/activities/${a.id}/attendance`).set(bearer(county));
      expect(asAdmin.body.items[0].confirmedBy).toBe(countyId);
      const asLeader = await t.http().get(`${API}/activities/${a.id}/attendance`).set(bearer(leader));
      expect(asLeader.status).toBe(200);
      expect(asLeader.body.items[0].confirmedBy).toBeNull();
      expect(JSON.stringify(asLeader.body)).not.toContain(countyId);
    });
  });

  describe('out-of-scope filters answer 403 OUT_OF_SCOPE, in-scope ones 200', () => {
    const cases: Array<[string, () => Record<string, string>]> = [
      ['/volunteers', () => ({ siteId: ids.otherStationId })],
      ['/volunteers', () => ({ teamId: ids.otherTeamId })],
      ['/service-orders', () => ({ teamId: ids.otherTeamId })],
      ['/service-orders', () => ({ siteId: ids.otherStationId })],
      ['/teams', () => ({ siteId: ids.otherStationId })],
      ['/sites', () => ({ parentId: ids.otherInstituteId })],
      ['/service-day-schedules', () => ({ teamId: ids.otherTeamId })],
    ];
    it.each(cases)('site admin of 永清镇: GET %s with another town’s filter', async (path, query) => {
      const res = await t.http().get(`${API}${path}`).set(bearer(siteAdmin)).query(query());
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('OUT_OF_SCOPE');
    });

    it('the same filters inside the scope answer 200; a leader filtering by a team it does not lead is 403', async () => {
      for (const [path, query] of [
        ['/volunteers', { siteId: ids.yongqingStationId }],
        ['/volunteers', { teamId: ids.demoTeamId }],
        ['/service-orders', { teamId: ids.demoTeamId }],
        ['/teams', { siteId: ids.yongqingInstituteId }],
        ['/sites', { parentId: ids.yongqingInstituteId }],
        ['/service-day-schedules', { teamId: ids.demoTeamId }],
      ] as const) {
        const res = await t.http().get(`${API}${path}`).set(bearer(siteAdmin)).query(query);
        expect([path, res.status]).toEqual([path, 200]);
      }
      // a county team serves every town: a town's admin may filter by it
      const [countyTeam] = await db.query(`SELECT t.id FROM teams t JOIN sites s ON s.id = t.site_id WHERE s.level = 'center' LIMIT 1`);
      for (const path of ['/service-orders', '/volunteers']) {
        const res = await t.http().get(`${API}${path}`).set(bearer(siteAdmin)).query({ teamId: countyTeam.id });
        expect([path, res.status]).toEqual([path, 200]);
      }
      const missing = await t.http().get(`${API}/volunteers`).set(bearer(siteAdmin)).query({ teamId: '00000000-0000-4000-8000-000000000000' });
      expect(missing.status).toBe(404);
      const l1 = await t.http().get(`${API}/service-orders`).set(bearer(leader)).query({ teamId: ids.otherTeamId });
      expect(l1.status).toBe(403);
      const l2 = await t.http().get(`${API}/service-day-schedules`).set(bearer(leader)).query({ teamId: ids.otherTeamId });
      expect(l2.status).toBe(403);
      const l3 = await t.http().get(`${API}/volunteers`).set(bearer(leader)).query({ teamId: ids.otherTeamId });
      expect(l3.status).toBe(403);
    });
  });
});
