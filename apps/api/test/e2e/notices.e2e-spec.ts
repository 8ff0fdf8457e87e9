import { DataSource } from 'typeorm';
import { addDays, shanghaiDate, shanghaiInstant } from '@wenming/shared';
import { createDataSource } from '../../src/database/data-source';
import { Prng } from '../../src/database/seed/prng';
import { NoticesService } from '../../src/modules/notices/notices.service';
import { freshDatabase } from '../setup/databases';
import { insertActivity } from '../setup/factories';
import { bearer, createTestApp, DEMO, demoIds, registerVolunteer, type TestApp } from '../setup/test-app';

const API = '/api/v1';
const day = 86400_000;
/** Distinct future slots per test (days from now), 2 h long. */
const slot = (days: number, hours = 2) => {
  const startsAt = new Date(Math.floor((Date.now() + days * day) / day) * day + 2 * 3600_000);
  return { startsAt, endsAt: new Date(startsAt.getTime() + hours * 3600_000) };
};

describe('notices (站内消息), scheduled jobs, no-show and at-risk reports', () => {
  let t: TestApp;
  let db: DataSource;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let county: Record<string, string>;
  let site: Record<string, string>;
  let leader: Record<string, string>;

  const noticesOf = async (volunteerId: string, kind: string, activityId?: string) => {
    const rows: Array<{ n: number }> = await db.query(
      `SELECT count(*)::int AS n FROM notices n JOIN users u ON u.id = n.user_id
        WHERE u.volunteer_id = $1 AND n.kind = $2 ${activityId ? `AND n.link = '/activities/' || $3` : ''}`,
      activityId ? [volunteerId, kind, activityId] : [volunteerId, kind],
    );
    return rows[0].n;
  };

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    ids = await demoIds(t);
    county = bearer(await t.token(DEMO.county));
    site = bearer(await t.token(DEMO.site));
    leader = bearer(await t.token(DEMO.leader));
  });
  afterAll(() => t.close());

  describe('written in the transaction of the change', () => {
    it('sign-up confirmed, waitlist promotion: exactly one notice per affected volunteer', async () => {
      const a = await insertActivity(t, { teamId: ids.demoTeamId, ...slot(40), capacity: 1, title: '候补转正测试' });
      const [v1, v2, v3] = await Promise.all([1, 2, 3].map(() => registerVolunteer(t, ids.yongqingStationId)));
      expect((await t.http().post(`${API}/activities/${a.id}/signups`).set(bearer(v1.token)).send({})).body.status).toBe('confirmed');
      expect((await t.http().post(`${API}/activities/${a.id}/signups`).set(bearer(v2.token)).send({})).body.status).toBe('waitlisted');
      expect((await t.http().post(`${API}/activities/${a.id}/signups`).set(bearer(v3.token)).send({})).body.status).toBe('waitlisted');
      expect(await noticesOf(v1.volunteerId, 'signup_confirmed', a.id)).toBe(1);
      expect(await noticesOf(v2.volunteerId, 'signup_confirmed', a.id)).toBe(0);
      // signing up again changes nothing
      await t.http().post(`${API}/activities/${a.id}/signups`).set(bearer(v1.token)).send({});
      expect(await noticesOf(v1.volunteerId, 'signup_confirmed', a.id)).toBe(1);

      expect((await t.http().delete(`${API}/activities/${a.id}/signups/${v1.volunteerId}`).set(bearer(v1.token))).status).toBe(200);
      expect(await noticesOf(v2.volunteerId, 'signup_promoted', a.id)).toBe(1);
      expect(await noticesOf(v3.volunteerId, 'signup_promoted', a.id)).toBe(0);
      expect(await noticesOf(v1.volunteerId, 'signup_promoted', a.id)).toBe(0);
      // cancelling again (idempotent) promotes nobody else
      await t.http().delete(`${API}/activities/${a.id}/signups/${v1.volunteerId}`).set(bearer(v1.token));
      expect(await noticesOf(v3.volunteerId, 'signup_promoted', a.id)).toBe(0);

      // the inbox: unread first, count, mark read, read all
      const inbox = await t.http().get(`${API}/notices`).set(bearer(v2.token));
      expect(inbox.status).toBe(200);
      const promoted = inbox.body.items.find((n: { kind: string }) => n.kind === 'signup_promoted');
      expect(promoted).toMatchObject({ title: '候补转正：候补转正测试', link: `/activities/${a.id}`, readAt: null });
      const before = (await t.http().get(`${API}/notices/unread-count`).set(bearer(v2.token))).body.count;
      expect(before).toBeGreaterThanOrEqual(1);
      const read = await t.http().post(`${API}/notices/${promoted.id}/read`).set(bearer(v2.token));
      expect(read.status).toBe(200);
      expect(read.body.readAt).toBeTruthy();
      expect((await t.http().get(`${API}/notices/unread-count`).set(bearer(v2.token))).body.count).toBe(before - 1);
      expect((await t.http().post(`${API}/notices/${promoted.id}/read`).set(bearer(v3.token))).status).toBe(403);
      expect((await t.http().post(`${API}/notices/00000000-0000-4000-8000-000000000000/read`).set(bearer(v3.token))).status).toBe(404);
      expect((await t.http().post(`${API}/notices/abc/read`).set(bearer(v3.token))).status).toBe(400);
      expect((await t.http().get(`${API}/notices`)).status).toBe(401);
      expect((await t.http().get(`${API}/notices`).query({ unread: 'maybe' }).set(bearer(v2.token))).status).toBe(400);
      const all = await t.http().post(`${API}/notices/read-all`).set(bearer(v2.token));
      expect(all.body.updated).toBe(before - 1);
      expect((await t.http().get(`${API}/notices`).query({ unread: 'true' }).set(bearer(v2.token))).body.total).toBe(0);
    });

    it('a move (time or place) and a cancellation: one notice per signed-up volunteer; a title edit none', async () => {
      const a = await insertActivity(t, { teamId: ids.demoTeamId, ...slot(42), capacity: 2, title: '变更测试' });
      const vs = await Promise.all([1, 2, 3].map(() => registerVolunteer(t, ids.yongqingStationId)));
      for (const v of vs) await t.http().post(`${API}/activities/${a.id}/signups`).set(bearer(v.token)).send({});
      const gone = await registerVolunteer(t, ids.yongqingStationId);
      await t.http().post(`${API}/activities/${a.id}/signups`).set(bearer(gone.token)).send({});
      await t.http().delete(`${API}/activities/${a.id}/signups/${gone.volunteerId}`).set(bearer(gone.token));

      expect((await t.http().patch(`${API}/activities/${a.id}`).set(leader).send({ title: '变更测试（改名）' })).status).toBe(200);
      for (const v of vs) expect(await noticesOf(v.volunteerId, 'activity_changed', a.id)).toBe(0);
      const s = slot(43);
      const moved = await t.http().patch(`${API}/activities/${a.id}`).set(leader).send({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() });
      expect(moved.status).toBe(200);
      for (const v of vs) expect(await noticesOf(v.volunteerId, 'activity_changed', a.id)).toBe(1); // confirmed and waitlisted
      expect(await noticesOf(gone.volunteerId, 'activity_changed', a.id)).toBe(0);
      expect((await t.http().patch(`${API}/activities/${a.id}`).set(leader).send({ address: '村委会广场' })).status).toBe(200);
      for (const v of vs) expect(await noticesOf(v.volunteerId, 'activity_changed', a.id)).toBe(2);

      const c = await t.http().post(`${API}/activities/${a.id}/cancel`).set(leader).send({ reason: '天气原因' });
      expect(c.status).toBe(200);
      for (const v of vs) expect(await noticesOf(v.volunteerId, 'activity_cancelled', a.id)).toBe(1);
      expect(await noticesOf(gone.volunteerId, 'activity_cancelled', a.id)).toBe(0);
      await t.http().post(`${API}/activities/${a.id}/cancel`).set(leader).send({ reason: '天气原因' }); // idempotent
      for (const v of vs) expect(await noticesOf(v.volunteerId, 'activity_cancelled', a.id)).toBe(1);
    });

    it('none when the transaction rolls back (a failure after the notice was written)', async () => {
      const a = await insertActivity(t, { teamId: ids.demoTeamId, ...slot(45), capacity: 1, title: '回滚测试' });
      const [v1, v2] = await Promise.all([1, 2].map(() => registerVolunteer(t, ids.yongqingStationId)));
      await t.http().post(`${API}/activities/${a.id}/signups`).set(bearer(v1.token)).send({});
      await t.http().post(`${API}/activities/${a.id}/signups`).set(bearer(v2.token)).send({});
      // the audit entry is written after the notices: make it fail for this activity only
      await db.query(`CREATE OR REPLACE FUNCTION wm_test_fail_audit() RETURNS trigger AS $$
        BEGIN IF NEW.entity_id = '${a.id}' THEN RAISE EXCEPTION 'audit refused by the test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
      await db.query(`CREATE TRIGGER wm_test_fail_audit BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION wm_test_fail_audit()`);
      try {
        const s = slot(46);
        const moved = await t
          .http()
          .patch(`${API}/activities/${a.id}`)
          .set(leader)
          .send({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), capacity: 2 });
        expect(moved.status).toBe(500);
        const cancelled = await t.http().post(`${API}/activities/${a.id}/cancel`).set(leader).send({ reason: '测试' });
        expect(cancelled.status).toBe(500);
      } finally {
        await db.query(`DROP TRIGGER wm_test_fail_audit ON audit_entries`);
        await db.query(`DROP FUNCTION wm_test_fail_audit()`);
      }
      for (const kind of ['activity_changed', 'signup_promoted', 'activity_cancelled']) {
        expect(await noticesOf(v1.volunteerId, kind, a.id)).toBe(0);
        expect(await noticesOf(v2.volunteerId, kind, a.id)).toBe(0);
      }
      const [{ status }] = await db.query(`SELECT status FROM signups WHERE activity_id = $1 AND volunteer_id = $2`, [a.id, v2.volunteerId]);
      expect(status).toBe('waitlisted');
      // and directly: a notice written in a transaction that throws is gone with it
      const notices = t.app.get(NoticesService);
      await expect(
        db.transaction(async (em) => {
          expect(await notices.toVolunteers(em, [v1.volunteerId], { kind: 'activity_changed', title: '回滚', body: '回滚', link: `/activities/${a.id}` })).toBe(1);
          throw new Error('rollback');
        }),
      ).rejects.toThrow('rollback');
      expect(await noticesOf(v1.volunteerId, 'activity_changed', a.id)).toBe(0);
    });

    it('attendance confirmed / rejected (with the reason) reach the volunteer', async () => {
      const now = Date.now();
      const a = await insertActivity(t, { teamId: ids.demoTeamId, startsAt: new Date(now - 3 * 3600_000), endsAt: new Date(now - 3600_000), title: '考勤通知测试' });
      const [v1, v2] = await Promise.all([1, 2].map(() => registerVolunteer(t, ids.yongqingStationId)));
      for (const v of [v1, v2]) {
        await db.query(`INSERT INTO signups (activity_id, volunteer_id, status) VALUES ($1, $2, 'confirmed')`, [a.id, v.volunteerId]);
        const m = await t
          .http()
          .post(`${API}/activities/${a.id}/attendance`)
          .set(leader)
          .send({ volunteerId: v.volunteerId, checkInAt: new Date(now - 3 * 3600_000).toISOString(), checkOutAt: new Date(now - 3600_000).toISOString() });
        expect(m.status).toBe(201);
      }
      expect(
        (
          await t
            .http()
            .post(`${API}/activities/${a.id}/attendance/confirm`)
            .set(leader)
            .send({ volunteerIds: [v1.volunteerId] })
        ).body,
      ).toEqual({ confirmed: 1 });
      expect(await noticesOf(v1.volunteerId, 'attendance_confirmed')).toBe(1);
      const inbox = await t.http().get(`${API}/notices`).set(bearer(v1.token));
      expect(inbox.body.items.find((n: { kind: string }) => n.kind === 'attendance_confirmed').body).toContain('120 分钟');
      expect((await t.http().post(`${API}/activities/${a.id}/attendance/${v2.volunteerId}/reject`).set(leader).send({ reason: '未实际到场' })).status).toBe(200);
      const rej = await t.http().get(`${API}/notices`).set(bearer(v2.token));
      expect(rej.body.items.find((n: { kind: string }) => n.kind === 'attendance_rejected').body).toContain('未实际到场');
    });
  });

  it('order dispatched → the team leaders; accepted → the site admins', async () => {
    const item = await t
      .http()
      .post(`${API}/menu-items`)
      .set(county)
      .send({ title: '派单通知测试', category: 'health', teamIds: [ids.demoTeamId] });
    const o = await t
      .http()
      .post(`${API}/service-orders`)
      .send({
        menuItemId: item.body.id,
        siteId: ids.yongqingStationId,
        requesterName: '钱大爷',
        requesterPhone: '13912345679',
        address: '永清镇 5 号',
        preferredDate: shanghaiDate(new Date(Date.now() + 5 * day)),
      });
    expect(o.status).toBe(201);
    const link = `/service-orders/${o.body.id}`;
    const of = async (kind: string) =>
      (await db.query(`SELECT u.phone FROM notices n JOIN users u ON u.id = n.user_id WHERE n.kind = $1 AND n.link = $2 ORDER BY u.phone`, [kind, link])).map(
        (r: { phone: string }) => r.phone,
      );
    expect((await t.http().post(`${API}/service-orders/${o.body.id}/dispatch`).set(site).send({ teamId: ids.demoTeamId })).status).toBe(200);
    const dispatched = await of('order_dispatched');
    expect(dispatched).toContain(DEMO.leader);
    expect(dispatched).not.toContain(DEMO.member);
    expect(dispatched).not.toContain(DEMO.site);
    const s = slot(47);
    expect(
      (await t.http().post(`${API}/service-orders/${o.body.id}/accept`).set(leader).send({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })).status,
    ).toBe(200);
    const accepted = await of('order_accepted');
    expect(accepted).toContain(DEMO.site);
    expect(accepted).not.toContain(DEMO.leader);
  });

  describe('scheduled jobs', () => {
    it('the evening reminder run twice from two API instances on one database sends each reminder once', async () => {
      const evening = addDays(shanghaiDate(new Date()), 500 + Math.floor(Math.random() * 300));
      const startsAt = shanghaiInstant(addDays(evening, 1), '09:00');
      const a = await insertActivity(t, { teamId: ids.demoTeamId, startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3600_000), capacity: 3, title: '明日提醒测试' });
      const later = await insertActivity(t, {
        teamId: ids.demoTeamId,
        startsAt: shanghaiInstant(addDays(evening, 2), '09:00'),
        endsAt: shanghaiInstant(addDays(evening, 2), '10:00'),
        title: '后天的活动',
      });
      const vs = await Promise.all([1, 2, 3, 4].map(() => registerVolunteer(t, ids.yongqingStationId)));
      for (const v of vs) await t.http().post(`${API}/activities/${a.id}/signups`).set(bearer(v.token)).send({});
      await t.http().post(`${API}/activities/${later.id}/signups`).set(bearer(vs[0].token)).send({});
      const [{ n: confirmed }] = await db.query(`SELECT count(*)::int AS n FROM signups WHERE activity_id = $1 AND status = 'confirmed'`, [a.id]);
      expect(confirmed).toBe(3);

      const t2 = await createTestApp();
      try {
        const c2 = bearer(await t2.token(DEMO.county));
        const [r1, r2] = await Promise.all([
          t.http().post(`${API}/jobs/activity-reminders/run`).set(county).send({ date: evening }),
          t2.http().post(`${API}/jobs/activity-reminders/run`).set(c2).send({ date: evening }),
        ]);
        expect([r1.status, r2.status]).toEqual([200, 200]);
        expect([r1.body.ran, r2.body.ran].sort()).toEqual([false, true]);
        const ran = r1.body.ran ? r1.body : r2.body;
        expect(ran).toMatchObject({ job: 'activity-reminders', period: evening, affected: 3 });
        const again = await t2.http().post(`${API}/jobs/activity-reminders/run`).set(c2).send({ date: evening });
        expect(again.body).toMatchObject({ ran: false, affected: 0 });
      } finally {
        await t2.close();
      }
      const per: Array<{ volunteer_id: string; n: number }> = await db.query(
        `SELECT s.volunteer_id, (SELECT count(*)::int FROM notices n JOIN users u ON u.id = n.user_id WHERE u.volunteer_id = s.volunteer_id AND n.kind = 'activity_reminder' AND n.link = $2) AS n
           FROM signups s WHERE s.activity_id = $1`,
        [a.id, `/activities/${a.id}`],
      );
      const [waiting] = await db.query(`SELECT volunteer_id FROM signups WHERE activity_id = $1 AND status = 'waitlisted'`, [a.id]);
      for (const p of per) expect(p.n).toBe(p.volunteer_id === waiting.volunteer_id ? 0 : 1);
      expect(await noticesOf(vs[0].volunteerId, 'activity_reminder', later.id)).toBe(0); // the day after tomorrow: not yet
      expect((await t.http().post(`${API}/jobs/nope/run`).set(county).send({})).status).toBe(400);
      expect((await t.http().post(`${API}/jobs/activity-reminders/run`).set(county).send({ date: '2026-02-30' })).status).toBe(400);
      expect((await t.http().post(`${API}/jobs/activity-reminders/run`).set(site).send({})).status).toBe(403);
    });

    it('order overdue alerts reach the site admins once', async () => {
      const item = await t
        .http()
        .post(`${API}/menu-items`)
        .set(county)
        .send({ title: '超时测试服务', category: 'elderly_care', teamIds: [ids.demoTeamId] });
      expect(item.status).toBe(201);
      const o = await t
        .http()
        .post(`${API}/service-orders`)
        .send({
          menuItemId: item.body.id,
          siteId: ids.yongqingStationId,
          requesterName: '赵大妈',
          requesterPhone: '13912345678',
          address: '东关社区 3 号楼',
          preferredDate: shanghaiDate(new Date(Date.now() + 3 * day)),
        });
      expect(o.status).toBe(201);
      await db.query(`UPDATE service_orders SET ordered_at = now() - interval '49 hours' WHERE id = $1`, [o.body.id]);
      const siteUser = (await t.http().get(`${API}/me`).set(site)).body.user?.id ?? (await t.http().get(`${API}/me`).set(site)).body.id;
      const count = async () =>
        (
          await db.query(`SELECT count(*)::int AS n FROM notices WHERE kind = 'order_overdue' AND link = $1 AND user_id = $2`, [`/service-orders/${o.body.id}`, siteUser])
        )[0].n;
      const r = await t.http().post(`${API}/jobs/order-overdue/run`).set(county).send({});
      expect(r.status).toBe(200);
      if (!r.body.ran) {
        // another suite ran it in this hour: run the work once more through a later period
        await db.query(`DELETE FROM job_runs WHERE job = 'order-overdue' AND period = $1`, [r.body.period]);
        await t.http().post(`${API}/jobs/order-overdue/run`).set(county).send({});
      }
      expect(await count()).toBe(1);
      await db.query(`DELETE FROM job_runs WHERE job = 'order-overdue'`);
      await t.http().post(`${API}/jobs/order-overdue/run`).set(county).send({});
      expect(await count()).toBe(1); // each alert once, whatever the number of runs
    });
  });

  describe('reports', () => {
    it('no-show report equals an independent SQL over random data, per team and per volunteer', async () => {
      const prng = new Prng(20261130);
      const rnd = () => prng.next();
      const [{ id: teamId }] = await db.query(`INSERT INTO teams (name, type, site_id) VALUES ('爽约测试队', 'youth', $1) RETURNING id`, [ids.yongqingStationId]);
      const people: string[] = [];
      for (let i = 0; i < 15; i++) {
        const [{ id }] = await db.query(`INSERT INTO volunteers (name, phone, site_id) VALUES ($1, $2, $3) RETURNING id`, [
          `队员${i}`,
          `178${String(Date.now() % 1e6).padStart(6, '0')}${String(i).padStart(2, '0')}`,
          ids.yongqingStationId,
        ]);
        people.push(id);
      }
      const now = Date.now();
      for (let k = 0; k < 12; k++) {
        const past = k < 10;
        const startsAt = new Date(past ? now - (k + 1) * 3 * day : now + (k + 1) * day);
        const a = await insertActivity(t, {
          teamId,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 2 * 3600_000),
          status: k === 3 ? 'cancelled' : past ? 'completed' : 'published',
        });
        for (const v of people) {
          const r = rnd();
          if (r < 0.25) continue;
          const status = r < 0.8 ? 'confirmed' : r < 0.9 ? 'waitlisted' : 'cancelled';
          await db.query(`INSERT INTO signups (activity_id, volunteer_id, status) VALUES ($1, $2, $3)`, [a.id, v, status]);
          const came = rnd();
          if (came < 0.6) {
            await db.query(`INSERT INTO attendance (activity_id, volunteer_id, check_in_at, method, status, minutes) VALUES ($1, $2, $3, 'code', $4, $5)`, [
              a.id,
              v,
              startsAt,
              came < 0.4 ? 'confirmed' : came < 0.5 ? 'pending' : 'rejected',
              came < 0.4 ? 120 : null,
            ]);
          }
        }
      }
      // independent: per volunteer, ended & not cancelled activities, confirmed sign-ups, NOT EXISTS attendance
      const expected: Array<{ volunteer_id: string; signups: number; no_shows: number }> = await db.query(
        `SELECT s.volunteer_id, count(*)::int AS signups,
                sum(CASE WHEN NOT EXISTS (SELECT 1 FROM attendance x WHERE x.activity_id = s.activity_id AND x.volunteer_id = s.volunteer_id) THEN 1 ELSE 0 END)::int AS no_shows
           FROM signups s, activities a
          WHERE a.id = s.activity_id AND a.team_id = $1 AND s.status = 'confirmed' AND a.status <> 'cancelled' AND a.ends_at < now()
          GROUP BY s.volunteer_id`,
        [teamId],
      );
      const total = expected.reduce((acc, e) => ({ s: acc.s + e.signups, n: acc.n + e.no_shows }), { s: 0, n: 0 });
      expect(total.n).toBeGreaterThan(0);

      const byTeam = await t.http().get(`${API}/reports/no-shows`).query({ by: 'team', teamId }).set(site);
      expect(byTeam.status).toBe(200);
      expect(byTeam.body.rows).toEqual([
        {
          teamId,
          teamName: '爽约测试队',
          volunteerId: null,
          volunteerName: null,
          confirmedSignups: total.s,
          noShows: total.n,
          rate: Math.round((total.n / total.s) * 1000) / 1000,
        },
      ]);
      expect(byTeam.body.total).toMatchObject({ confirmedSignups: total.s, noShows: total.n });
      const byVol = await t.http().get(`${API}/reports/no-shows`).query({ by: 'volunteer', teamId }).set(county);
      const got = new Map(
        byVol.body.rows.map((r: { volunteerId: string; confirmedSignups: number; noShows: number }) => [r.volunteerId, [r.confirmedSignups, r.noShows]]),
      );
      const want = new Map(expected.filter((e) => e.no_shows > 0).map((e) => [e.volunteer_id, [e.signups, e.no_shows]]));
      expect(got).toEqual(want);
      expect(byVol.body.total).toMatchObject({ confirmedSignups: total.s, noShows: total.n });

      // a date filter (by the activity's start date) also matches
      const from = shanghaiDate(new Date(now - 15 * day));
      const [f] = await db.query(
        `SELECT count(*)::int AS s, count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM attendance x WHERE x.activity_id = s.activity_id AND x.volunteer_id = s.volunteer_id))::int AS n
           FROM signups s JOIN activities a ON a.id = s.activity_id
          WHERE a.team_id = $1 AND s.status = 'confirmed' AND a.status <> 'cancelled' AND a.ends_at < now() AND (a.starts_at AT TIME ZONE 'Asia/Shanghai')::date >= $2::date`,
        [teamId, from],
      );
      const filtered = await t.http().get(`${API}/reports/no-shows`).query({ by: 'team', teamId, from }).set(county);
      expect(filtered.body.total).toMatchObject({ confirmedSignups: f.s, noShows: f.n });

      const csv = await t.http().get(`${API}/exports/no-shows`).query({ by: 'volunteer', teamId, format: 'csv' }).set(county);
      expect(csv.status).toBe(200);
      expect(csv.text).toContain('爽约测试队');
      expect(csv.text).toContain('合计');
      expect((await t.http().get(`${API}/reports/no-shows`).query({ by: 'town' }).set(county)).status).toBe(400);
      const member = await registerVolunteer(t, ids.yongqingStationId);
      expect((await t.http().get(`${API}/reports/no-shows`).query({ by: 'team' }).set(bearer(member.token))).status).toBe(403);
      // the leader sees own teams only
      const mine = await t.http().get(`${API}/reports/no-shows`).query({ by: 'team' }).set(leader);
      expect(mine.body.rows.every((r: { teamId: string }) => r.teamId === ids.demoTeamId)).toBe(true);
    });

    it('at-risk: under half full within 48 h, or started 10 min ago with no check-in code shown', async () => {
      const now = Date.now();
      const soon = await insertActivity(t, {
        teamId: ids.demoTeamId,
        startsAt: new Date(now + 20 * 3600_000),
        endsAt: new Date(now + 22 * 3600_000),
        capacity: 10,
        title: '半空的活动',
      });
      const full = await insertActivity(t, {
        teamId: ids.demoTeamId,
        startsAt: new Date(now + 21 * 3600_000),
        endsAt: new Date(now + 23 * 3600_000),
        capacity: 2,
        title: '报满的活动',
      });
      const vs = await Promise.all([1, 2].map(() => registerVolunteer(t, ids.yongqingStationId)));
      for (const v of vs) await db.query(`INSERT INTO signups (activity_id, volunteer_id, status) VALUES ($1, $2, 'confirmed')`, [full.id, v.volunteerId]);
      const started = await insertActivity(t, { teamId: ids.demoTeamId, startsAt: new Date(now - 20 * 60_000), endsAt: new Date(now + 3600_000), title: '没出示签到码' });
      const risky = async (who: Record<string, string>) => {
        const r = await t.http().get(`${API}/reports/at-risk`).set(who);
        expect(r.status).toBe(200);
        return new Map(r.body.map((x: { activityId: string; reason: string }) => [x.activityId, x.reason]));
      };
      const forLeader = await risky(leader);
      expect(forLeader.get(soon.id)).toBe('under_filled');
      expect(forLeader.has(full.id)).toBe(false);
      expect(forLeader.get(started.id)).toBe('no_checkin_code');
      expect((await risky(site)).get(soon.id)).toBe('under_filled');
      expect((await t.http().get(`${API}/activities/${started.id}/checkin-code`).set(leader)).status).toBe(200);
      const [{ checkin_code_first_at }] = await db.query(`SELECT checkin_code_first_at FROM activities WHERE id = $1`, [started.id]);
      expect(checkin_code_first_at).toBeTruthy();
      expect((await risky(leader)).has(started.id)).toBe(false);
      const member = await registerVolunteer(t, ids.yongqingStationId);
      expect((await t.http().get(`${API}/reports/at-risk`).set(bearer(member.token))).status).toBe(403);
    });
  });

  describe('migration 1764390000600', () => {
    it('converts decimal balances to whole points (floor) and the ledger still adds up', async () => {
      const fresh = await freshDatabase('wm_points_mig');
      const ds = createDataSource(fresh.url, { poolSize: 1 });
      await ds.initialize();
      try {
        await ds.runMigrations({ transaction: 'each' });
        // back to the state just before 1764390000600 (later migrations are undone first)
        while ((await ds.query(`SELECT 1 FROM migrations WHERE timestamp >= 1764390000600`)).length) await ds.undoLastMigration({ transaction: 'each' });
        const [{ id: region }] = await ds.query(`INSERT INTO regions (name, level, code) VALUES ('清水县', 'county', '620521') RETURNING id`);
        const [{ id: siteId }] = await ds.query(`INSERT INTO sites (name, level, region_id) VALUES ('中心', 'center', $1) RETURNING id`, [region]);
        const vids: string[] = [];
        for (const phone of ['13900000001', '13900000002'])
          vids.push((await ds.query(`INSERT INTO volunteers (name, phone, site_id) VALUES ('甲', $1, $2) RETURNING id`, [phone, siteId]))[0].id);
        const rows: Array<[number, number, number]> = [
          [0, 0.6, 0.6],
          [0, 0.6, 1.2],
          [0, -1.2, 0],
          [0, 2.5, 2.5],
          [1, 1.5, 1.5],
          [1, 1.5, 3],
          [1, -2, 1],
        ];
        for (const [v, d, b] of rows)
          await ds.query(`INSERT INTO points_ledger (volunteer_id, delta, balance_after, reason) VALUES ($1, $2, $3, 'old')`, [vids[v], d, b]);
        await ds.runMigrations({ transaction: 'each' });
        for (const [i, want] of [
          [0, 2],
          [1, 1],
        ] as const) {
          const led: Array<{ delta: number; balance_after: number; kind: string }> = await ds.query(
            `SELECT delta, balance_after, kind FROM points_ledger WHERE volunteer_id = $1 ORDER BY id`,
            [vids[i]],
          );
          let run = 0;
          for (const l of led) {
            expect(Number.isInteger(l.delta)).toBe(true);
            run += l.delta;
            expect(l.balance_after).toBe(run);
            expect(l.balance_after).toBeGreaterThanOrEqual(0);
          }
          expect(run).toBe(want);
          // no attendance link: old admin redemptions are `spent`, other rows `adjusted`
          expect(led.map((l) => l.kind)).toEqual(led.map((l) => (l.delta < 0 ? 'spent' : 'adjusted')));
        }
      } finally {
        await ds.destroy();
        await fresh.drop();
      }
    });
  });
});
