import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { checkinCodeForStep, checkinStep } from '../../src/modules/attendance/checkin-code';
import { OfflineCheckinService } from '../../src/modules/attendance/offline-checkin.service';
import { insertActivity } from '../setup/factories';
import { bearer, createTestApp, DEMO, demoIds, registerVolunteer, uniquePhoneBlock, type TestApp } from '../setup/test-app';

const API = '/api/v1';
const MIN = 60_000;
const HOUR = 60 * MIN;

describe("offline check-in: codes for the leader's screen, late records proven by the code of their minute", () => {
  let t: TestApp;
  let db: DataSource;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let county: string, leader: string, member: string;
  let offline: OfflineCheckinService;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    offline = t.app.get(OfflineCheckinService);
    ids = await demoIds(t);
    [county, leader, member] = await Promise.all([t.token(DEMO.county), t.token(DEMO.leader), t.token(DEMO.member)]);
  });
  afterEach(() => {
    offline.clock = () => new Date();
  });
  afterAll(() => t.close());

  const activity = (startsAt: number, endsAt: number, extra: Partial<Parameters<typeof insertActivity>[1]> = {}) =>
    insertActivity(t, { teamId: ids.demoTeamId, startsAt: new Date(startsAt), endsAt: new Date(endsAt), ...extra });
  const secretOf = async (id: string) => (await db.query(`SELECT checkin_secret FROM activities WHERE id = $1`, [id]))[0].checkin_secret as string;
  const codeAt = (secret: string, at: number) => checkinCodeForStep(secret, checkinStep(at));
  const minuteOf = (at: number) => Math.floor(at / MIN) * MIN;
  const signup = (activityId: string, volunteerId: string) =>
    db.query(`INSERT INTO signups (activity_id, volunteer_id, status) VALUES ($1, $2, 'confirmed')`, [activityId, volunteerId]);
  const countRows = async (activityId: string) => (await db.query(`SELECT count(*)::int AS n FROM attendance WHERE activity_id = $1`, [activityId]))[0].n as number;

  describe('GET /activities/:id/checkin-codes', () => {
    it('the leader gets one code per minute from now to the end of the check-out window, each the code of its minute; audited', async () => {
      const now = Date.now();
      const a = await activity(now - 10 * MIN, now + 50 * MIN);
      const r = await t.http().get(`${API}/activities/${a.id}/checkin-codes`).set(bearer(leader));
      expect(r.status).toBe(200);
      const secret = await secretOf(a.id);
      expect(r.body.activityId).toBe(a.id);
      expect(r.body.stepSeconds).toBe(60);
      expect(r.body.qrPayloadBase).toBe(`/checkin/${a.id}?code=`);
      const codes = r.body.codes as Array<{ stepStart: string; code: string }>;
      // now … endsAt + 60 min: 110 or 111 minutes depending on where in the minute we are
      expect(codes.length).toBeGreaterThanOrEqual(110);
      expect(codes.length).toBeLessThanOrEqual(112);
      expect(Date.parse(codes[0].stepStart)).toBe(minuteOf(Date.now()) - (minuteOf(Date.now()) > minuteOf(now) ? MIN : 0));
      for (const c of codes) expect(c.code).toBe(codeAt(secret, Date.parse(c.stepStart)));
      expect(Date.parse(r.body.until)).toBe(Date.parse(codes[codes.length - 1].stepStart) + MIN);
      // the live code is in the list
      const live = await t.http().get(`${API}/activities/${a.id}/checkin-code`).set(bearer(leader));
      expect(codes.map((c) => c.code)).toContain(live.body.code);
      const audit = await t.http().get(`${API}/audit-log`).query({ entity: 'activity', entityId: a.id }).set(bearer(county));
      expect(audit.body.items.map((e: { action: string }) => e.action)).toContain('activity.checkin_codes');
    });

    it('never more than 12 hours ahead; nothing before the check-in window opens', async () => {
      const now = Date.now();
      const long = await activity(now - HOUR, now + 20 * HOUR);
      const r = await t.http().get(`${API}/activities/${long.id}/checkin-codes`).set(bearer(leader));
      expect(r.status).toBe(200);
      expect(r.body.codes.length).toBeLessThanOrEqual(12 * 60 + 1);
      expect(Date.parse(r.body.until)).toBeLessThanOrEqual(now + 12 * HOUR + 2 * MIN);
      const later = await activity(now + 2 * HOUR, now + 3 * HOUR);
      const r2 = await t.http().get(`${API}/activities/${later.id}/checkin-codes`).set(bearer(leader));
      expect(Date.parse(r2.body.codes[0].stepStart)).toBe(now + 2 * HOUR - 30 * MIN - ((now + 2 * HOUR - 30 * MIN) % MIN));
    });

    it('a volunteer: 403; no login: 401; bad id: 400; cancelled: 409', async () => {
      const now = Date.now();
      const a = await activity(now - 10 * MIN, now + 50 * MIN);
      expect((await t.http().get(`${API}/activities/${a.id}/checkin-codes`).set(bearer(member))).status).toBe(403);
      expect((await t.http().get(`${API}/activities/${a.id}/checkin-codes`)).status).toBe(401);
      expect((await t.http().get(`${API}/activities/nope/checkin-codes`).set(bearer(leader))).status).toBe(400);
      const c = await activity(now - 10 * MIN, now + 50 * MIN, { status: 'cancelled' });
      const r = await t.http().get(`${API}/activities/${c.id}/checkin-codes`).set(bearer(leader));
      expect(r.status).toBe(409);
      expect(r.body.code).toBe('ACTIVITY_NOT_OPEN');
    });
  });

  describe('late records', () => {
    it('check-in and check-out made offline land with the claimed minutes, method code_offline, the arrival time; the leader sees them as late', async () => {
      const now = Date.now();
      const a = await activity(now - 3 * HOUR, now - HOUR);
      const secret = await secretOf(a.id);
      const v = await registerVolunteer(t, ids.yongqingStationId, '离线志愿者');
      await signup(a.id, v.volunteerId);
      const seenIn = now - 3 * HOUR + 5 * MIN + 20_000;
      const r = await t
        .http()
        .post(`${API}/activities/${a.id}/checkin`)
        .set(bearer(v.token))
        .send({ code: codeAt(secret, seenIn), observedAt: new Date(seenIn).toISOString(), idempotencyKey: randomUUID() });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ method: 'code_offline', checkInAt: new Date(minuteOf(seenIn)).toISOString(), status: 'pending' });
      expect(Math.abs(Date.parse(r.body.receivedAt) - Date.now())).toBeLessThan(30_000);
      const seenOut = now - HOUR + 10 * MIN; // after the end, inside the check-out window; the previous minute's code
      const o = await t
        .http()
        .post(`${API}/activities/${a.id}/checkout`)
        .set(bearer(v.token))
        .send({ code: codeAt(secret, seenOut - MIN), observedAt: new Date(seenOut).toISOString(), idempotencyKey: randomUUID() });
      expect(o.status).toBe(200);
      expect(o.body.checkOutAt).toBe(new Date(minuteOf(seenOut)).toISOString());
      expect(o.body.checkOutReceivedAt).not.toBeNull();
      const list = await t.http().get(`${API}/activities/${a.id}/attendance`).set(bearer(leader));
      expect(list.body.items).toEqual([expect.objectContaining({ volunteerId: v.volunteerId, late: true, method: 'code_offline' })]);
      const conf = await t.http().post(`${API}/activities/${a.id}/attendance/confirm`).set(bearer(leader)).send({});
      expect(conf.body.confirmed).toBe(1);
      const [row] = await db.query(`SELECT minutes FROM attendance WHERE activity_id = $1`, [a.id]);
      // minutes served stay the overlap rule: from the claimed check-in minute to the activity's end
      expect(row.minutes).toBe(Math.floor((now - HOUR - minuteOf(seenIn)) / MIN));
      const audit = await t.http().get(`${API}/audit-log`).query({ entity: 'attendance' }).set(bearer(county));
      expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['attendance.checkin_offline', 'attendance.checkout_offline']));
    });

    it('refusals: a forged minute, a time in the future, outside the window, after the grace period — each with its code; nothing written', async () => {
      const now = Date.now();
      const a = await activity(now - 2 * HOUR, now + HOUR);
      const secret = await secretOf(a.id);
      const v = await registerVolunteer(t, ids.yongqingStationId);
      await signup(a.id, v.volunteerId);
      const post = (body: object) => t.http().post(`${API}/activities/${a.id}/checkin`).set(bearer(v.token)).send(body);
      // forged: the code seen now, claimed as an hour earlier (to earn an extra hour)
      const forged = await post({ code: codeAt(secret, now), observedAt: new Date(now - HOUR).toISOString() });
      expect(forged.status).toBe(400);
      expect(forged.body.code).toBe('OFFLINE_CODE_MISMATCH');
      expect(forged.body.message).toContain('签到码与记录的时间不符');
      const future = await post({ code: codeAt(secret, now + 10 * MIN), observedAt: new Date(now + 10 * MIN).toISOString() });
      expect(future.status).toBe(400);
      expect(future.body.code).toBe('OFFLINE_TIME_IN_FUTURE');
      const early = now - 2 * HOUR - 45 * MIN;
      const outside = await post({ code: codeAt(secret, early), observedAt: new Date(early).toISOString() });
      expect(outside.status).toBe(409);
      expect(outside.body.code).toBe('CHECKIN_WINDOW_CLOSED');
      expect(outside.body.message).toMatch(/签到时间为 \d+月\d+日/);
      // the server clock 25 h later: the grace period (24 h) is over
      const seen = now - HOUR;
      offline.clock = () => new Date(now + 25 * HOUR);
      const late = await post({ code: codeAt(secret, seen), observedAt: new Date(seen).toISOString() });
      expect(late.status).toBe(400);
      expect(late.body.code).toBe('OFFLINE_GRACE_EXPIRED');
      expect(late.body.message).toContain('24 小时');
      expect(await countRows(a.id)).toBe(0);
      offline.clock = () => new Date();
      // validation: not a date, a bad key, a check-out claim without a code
      const bad = await post({ code: '123456', observedAt: '昨天上午' });
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      expect(bad.body.details[0].field).toBe('observedAt');
      expect((await post({ code: '123456', observedAt: new Date(seen).toISOString(), idempotencyKey: 'x' })).status).toBe(400);
      const noCode = await t
        .http()
        .post(`${API}/activities/${a.id}/checkout`)
        .set(bearer(v.token))
        .send({ observedAt: new Date(seen).toISOString() });
      expect(noCode.status).toBe(400);
      expect(noCode.body.details).toEqual([{ field: 'code', message: '离线签退须填写当时看到的签到码' }]);
    });

    it('a replay with the same key answers the same attendance and writes nothing, even after the grace period', async () => {
      const now = Date.now();
      const a = await activity(now - 2 * HOUR, now - HOUR);
      const secret = await secretOf(a.id);
      const v = await registerVolunteer(t, ids.yongqingStationId);
      await signup(a.id, v.volunteerId);
      const seen = now - 90 * MIN;
      const body = { code: codeAt(secret, seen), observedAt: new Date(seen).toISOString(), idempotencyKey: randomUUID() };
      const first = await t.http().post(`${API}/activities/${a.id}/checkin`).set(bearer(v.token)).send(body);
      expect(first.status).toBe(200);
      offline.clock = () => new Date(now + 30 * HOUR);
      const again = await t.http().post(`${API}/activities/${a.id}/checkin`).set(bearer(v.token)).send(body);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      const [{ n }] = await db.query(
        `SELECT count(*)::int AS n FROM audit_entries WHERE entity = 'attendance' AND entity_id = (SELECT id::text FROM attendance WHERE activity_id = $1)`,
        [a.id],
      );
      expect(n).toBe(1);
    });

    it('the wrong-code limiter of live check-in does not lock out a volunteer syncing a queue', async () => {
      const now = Date.now();
      const a = await activity(now - HOUR, now + HOUR);
      const secret = await secretOf(a.id);
      const v = await registerVolunteer(t, ids.yongqingStationId);
      await signup(a.id, v.volunteerId);
      const wrong = String((Number(codeAt(secret, now)) + 500_000) % 1_000_000).padStart(6, '0');
      for (let i = 0; i < 5; i++) await t.http().post(`${API}/activities/${a.id}/checkin`).set(bearer(v.token)).send({ code: wrong });
      expect(
        (
          await t
            .http()
            .post(`${API}/activities/${a.id}/checkin`)
            .set(bearer(v.token))
            .send({ code: codeAt(secret, Date.now()) })
        ).status,
      ).toBe(429);
      const seen = now - 20 * MIN;
      const r = await t
        .http()
        .post(`${API}/activities/${a.id}/checkin`)
        .set(bearer(v.token))
        .send({ code: codeAt(secret, seen), observedAt: new Date(seen).toISOString() });
      expect(r.status).toBe(200);
      expect(r.body.method).toBe('code_offline');
    });

    it('guessing codes for past minutes is limited too: 10 wrong late records in 10 minutes, then 429', async () => {
      const now = Date.now();
      const a = await activity(now - HOUR, now + HOUR);
      const secret = await secretOf(a.id);
      const v = await registerVolunteer(t, ids.yongqingStationId);
      await signup(a.id, v.volunteerId);
      const seen = now - 20 * MIN;
      const ok = codeAt(secret, seen);
      const wrong = String((Number(ok) + 500_000) % 1_000_000).padStart(6, '0');
      for (let i = 0; i < 10; i++) {
        const r = await t
          .http()
          .post(`${API}/activities/${a.id}/checkin`)
          .set(bearer(v.token))
          .send({ code: wrong, observedAt: new Date(seen).toISOString() });
        expect(r.body.code).toBe('OFFLINE_CODE_MISMATCH');
      }
      const blocked = await t
        .http()
        .post(`${API}/activities/${a.id}/checkin`)
        .set(bearer(v.token))
        .send({ code: ok, observedAt: new Date(seen).toISOString() });
      expect(blocked.status).toBe(429);
    });
  });

  describe('a village syncing at once', () => {
    let base: string;
    beforeAll(async () => {
      const server = t.app.getHttpServer();
      if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    it('200 offline records of 200 volunteers posted at once after the activity ended → 200 rows with the claimed minutes; again → still 200; a forged minute → refused', async () => {
      const N = Number(process.env.N_OFFLINE ?? 200);
      const now = minuteOf(Date.now()); // activities start on whole minutes
      const a = await activity(now - 4 * HOUR, now - 2 * HOUR, { capacity: N });
      const secret = await secretOf(a.id);
      const volunteers: Array<{ id: string }> = await db.query(
        `INSERT INTO volunteers (name, phone, site_id)
         SELECT '离线' || g, $2 || lpad(g::text, 4, '0'), $1 FROM generate_series(1, $3::int) g RETURNING id`,
        [ids.yongqingStationId, uniquePhoneBlock(), N],
      );
      const users: Array<{ id: string; volunteer_id: string }> = await db.query(
        `INSERT INTO users (phone, password_hash, role, volunteer_id)
         SELECT v.phone, 'x', 'volunteer', v.id FROM volunteers v WHERE v.id = ANY($1::uuid[]) RETURNING id, volunteer_id`,
        [volunteers.map((x) => x.id)],
      );
      await db.query(`INSERT INTO signups (activity_id, volunteer_id, status) SELECT $1, unnest($2::uuid[]), 'confirmed'`, [a.id, volunteers.map((x) => x.id)]);
      const jwt = t.app.get(JwtService);
      // each volunteer saw the screen at a different second between 08:30-equivalent (startsAt − 30 min) and the end
      const records = users.map((u, i) => {
        const seen = now - 4 * HOUR - 30 * MIN + 10_000 + i * Math.floor((150 * MIN - 20_000) / N);
        return {
          token: jwt.sign({ sub: u.id }),
          volunteerId: u.volunteer_id,
          body: { code: codeAt(secret, seen), observedAt: new Date(seen).toISOString(), idempotencyKey: randomUUID() },
          minute: minuteOf(seen),
        };
      });
      const send = () => Promise.all(records.map((x) => request(base).post(`${API}/activities/${a.id}/checkin`).set(bearer(x.token)).send(x.body)));
      const res = await send();
      expect(res.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
      expect(await countRows(a.id)).toBe(N);
      const rows: Array<{ volunteer_id: string; check_in_at: Date; method: string; received_at: Date | null }> = await db.query(
        `SELECT volunteer_id, check_in_at, method, received_at FROM attendance WHERE activity_id = $1`,
        [a.id],
      );
      const byVolunteer = new Map(rows.map((r) => [r.volunteer_id, r]));
      for (const x of records) {
        const row = byVolunteer.get(x.volunteerId)!;
        expect(new Date(row.check_in_at).getTime()).toBe(x.minute);
        expect(row.method).toBe('code_offline');
        expect(row.received_at).not.toBeNull();
      }
      const before = rows.map((r) => `${r.volunteer_id}:${new Date(r.check_in_at).toISOString()}`).sort();
      const again = await send();
      expect(again.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
      expect(await countRows(a.id)).toBe(N);
      const after = (await db.query(`SELECT volunteer_id, check_in_at FROM attendance WHERE activity_id = $1`, [a.id]))
        .map((r: { volunteer_id: string; check_in_at: Date }) => `${r.volunteer_id}:${new Date(r.check_in_at).toISOString()}`)
        .sort();
      expect(after).toEqual(before);
      // one more volunteer forges the minute: the code of one minute, claimed for another
      const forger = await registerVolunteer(t, ids.yongqingStationId);
      await signup(a.id, forger.volunteerId);
      const seen = now - 3 * HOUR;
      const forged = await request(base)
        .post(`${API}/activities/${a.id}/checkin`)
        .set(bearer(forger.token))
        .send({ code: codeAt(secret, seen), observedAt: new Date(seen - 20 * MIN).toISOString(), idempotencyKey: randomUUID() });
      expect(forged.status).toBe(400);
      expect(forged.body.code).toBe('OFFLINE_CODE_MISMATCH');
      expect(await countRows(a.id)).toBe(N);
    }, 300_000);
  });

  describe('the installable app: PWA files served as files', () => {
    let web: TestApp;
    beforeAll(async () => {
      const dist = mkdtempSync(join(tmpdir(), 'wm-web-'));
      mkdirSync(join(dist, 'assets'));
      writeFileSync(join(dist, 'index.html'), '<!doctype html><title>文明实践</title>');
      writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
      writeFileSync(join(dist, 'manifest.webmanifest'), JSON.stringify({ name: '文明实践志愿服务平台', icons: [] }));
      writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
      web = await createTestApp({ WEB_DIST_DIR: dist });
    });
    afterAll(() => web.close());

    it('sw.js is JavaScript and revalidated on every load; the manifest is application/manifest+json; hashed assets are immutable', async () => {
      const sw = await web.http().get('/sw.js');
      expect(sw.status).toBe(200);
      expect(sw.headers['content-type']).toMatch(/javascript/);
      expect(sw.headers['cache-control']).toBe('no-cache');
      const m = await web.http().get('/manifest.webmanifest');
      expect(m.status).toBe(200);
      expect(m.headers['content-type']).toMatch(/^application\/manifest\+json/);
      expect(m.headers['cache-control']).toBe('no-cache');
      expect(JSON.parse(m.text).name).toBe('文明实践志愿服务平台');
      const js = await web.http().get('/assets/index-abc123.js');
      expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    });

    it('a missing file is a 404, not the HTML page; client routes still get the page', async () => {
      expect((await web.http().get('/registerSW.js')).status).toBe(404);
      expect((await web.http().get('/icons/pwa-192.png')).status).toBe(404);
      const page = await web.http().get('/checkin/3f1c0de0-0000-4000-8000-000000000000');
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
    });
  });
});
