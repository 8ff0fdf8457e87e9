import { DataSource } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import type { AuthUser } from '../../src/common/auth/auth-user';
import { pointsForMinutes } from '../../src/modules/attendance/attendance-rules';
import { AttendanceReviewService } from '../../src/modules/attendance/attendance-review.service';
import { AttendanceRepository, type CheckinStatementInput } from '../../src/modules/attendance/attendance.repository';
import { CheckinService } from '../../src/modules/attendance/checkin.service';
import { currentCheckinCode } from '../../src/modules/attendance/checkin-code';
import { PointsService } from '../../src/modules/attendance/points.service';
import { insertActivity } from '../setup/factories';
import { createTestApp, DEMO, demoIds, registerVolunteer, type TestApp } from '../setup/test-app';
import { authUser, errorCode } from './helpers';
import { DeferredSession } from '../../src/common/auth/session';

const MIN = 60_000;

/** CheckinService, AttendanceReviewService and PointsService (split out of attendance.service.ts) on the real test database. */
describe('attendance services (check-in, review, points)', () => {
  let t: TestApp;
  let db: DataSource;
  let checkin: CheckinService;
  let review: AttendanceReviewService;
  let points: PointsService;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let leader: AuthUser;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    checkin = t.app.get(CheckinService);
    review = t.app.get(AttendanceReviewService);
    points = t.app.get(PointsService);
    ids = await demoIds(t);
    leader = await authUser(db, DEMO.leader);
  });
  afterAll(() => t.close());

  /** A running activity (started 30 min ago) with its current check-in code. */
  const running = async (extra: Partial<Parameters<typeof insertActivity>[1]> = {}) => {
    const now = Date.now();
    const a = await insertActivity(t, { teamId: ids.demoTeamId, startsAt: new Date(now - 30 * MIN), endsAt: new Date(now + 60 * MIN), ...extra });
    const [{ checkin_secret }] = await db.query(`SELECT checkin_secret FROM activities WHERE id = $1`, [a.id]);
    return { ...a, code: () => currentCheckinCode(checkin_secret).code };
  };
  const volunteer = async () => {
    const v = await registerVolunteer(t, ids.yongqingStationId, '服务测试志愿者');
    return { ...v, user: await authUser(db, v.phone) };
  };
  const signUp = (activityId: string, volunteerId: string) =>
    db.query(`INSERT INTO signups (activity_id, volunteer_id, status) VALUES ($1, $2, 'confirmed')`, [activityId, volunteerId]);

  it('check-in writes one pending row; a repeat answers the same row (idempotent); a wrong code is 400', async () => {
    const a = await running();
    const v = await volunteer();
    await signUp(a.id, v.volunteerId);
    expect(await errorCode(checkin.checkin(v.user, a.id, '000000' === a.code() ? '111111' : '000000'))).toBe('INVALID_CHECKIN_CODE');
    const first = await checkin.checkin(v.user, a.id, a.code());
    const again = await checkin.checkin(v.user, a.id, a.code());
    expect(first.status).toBe('pending');
    expect(again).toEqual(first);
    expect((await db.query(`SELECT count(*)::int AS n FROM attendance WHERE activity_id = $1`, [a.id]))[0].n).toBe(1);
  });

  it('a walk-in at a full service day is refused and gets no sign-up; with a free seat it gets a confirmed one', async () => {
    const full = await running({ kind: 'service_day', capacity: 1 });
    const holder = await volunteer();
    await signUp(full.id, holder.volunteerId);
    const walker = await volunteer();
    expect(await errorCode(checkin.checkin(walker.user, full.id, full.code()))).toBe('ACTIVITY_FULL');
    expect(await db.query(`SELECT 1 FROM signups WHERE activity_id = $1 AND volunteer_id = $2`, [full.id, walker.volunteerId])).toHaveLength(0);

    const open = await running({ kind: 'service_day', capacity: 5 });
    await checkin.checkin(walker.user, open.id, open.code());
    const [s] = await db.query(`SELECT status FROM signups WHERE activity_id = $1 AND volunteer_id = $2`, [open.id, walker.volunteerId]);
    expect(s.status).toBe('confirmed');
    // a themed activity takes no walk-ins
    const themed = await running();
    expect(await errorCode(checkin.checkin(walker.user, themed.id, themed.code()))).toBe('NOT_SIGNED_UP');
  });

  it("confirm credits the hours' points once; reject takes them back (never below zero)", async () => {
    const now = Date.now();
    const a = await insertActivity(t, { teamId: ids.demoTeamId, startsAt: new Date(now - 180 * MIN), endsAt: new Date(now - 60 * MIN) });
    const v = await volunteer();
    await signUp(a.id, v.volunteerId);
    await review.manual(leader, a.id, {
      volunteerId: v.volunteerId,
      checkInAt: new Date(now - 180 * MIN).toISOString(),
      checkOutAt: new Date(now - 60 * MIN).toISOString(),
    });
    const before = await points.balance(db.manager, v.volunteerId);
    expect(await review.confirm(leader, a.id, undefined)).toEqual({ confirmed: 1 });
    expect(await review.confirm(leader, a.id, undefined)).toEqual({ confirmed: 0 });
    const [row] = await db.query(`SELECT id, minutes, status FROM attendance WHERE activity_id = $1 AND volunteer_id = $2`, [a.id, v.volunteerId]);
    expect(row).toMatchObject({ minutes: 120, status: 'confirmed' });
    const earned = pointsForMinutes(120, t.config.pointsPerHour);
    expect(earned).toBeGreaterThan(0);
    expect(await points.balance(db.manager, v.volunteerId)).toBe(before + earned);
    expect(await points.earnedBy(db.manager, row.id)).toBe(earned);

    await review.reject(leader, a.id, v.volunteerId, ' 未到岗 ');
    expect(await points.balance(db.manager, v.volunteerId)).toBe(before);
    expect(await points.earnedBy(db.manager, row.id)).toBe(0);
    const [after] = await db.query(`SELECT status, minutes, rejected_reason FROM attendance WHERE id = $1`, [row.id]);
    expect(after).toEqual({ status: 'rejected', minutes: null, rejected_reason: '未到岗' });
  });

  it('manual entry refuses a volunteer neither in the team nor signed up, and a draft activity', async () => {
    const now = Date.now();
    const a = await insertActivity(t, { teamId: ids.demoTeamId, startsAt: new Date(now - 120 * MIN), endsAt: new Date(now - 60 * MIN) });
    const stranger = await volunteer();
    const entry = { volunteerId: stranger.volunteerId, checkInAt: new Date(now - 120 * MIN).toISOString() };
    expect(await errorCode(review.manual(leader, a.id, entry))).toBe('VOLUNTEER_NOT_IN_ACTIVITY');
    const draft = await insertActivity(t, { teamId: ids.demoTeamId, startsAt: new Date(now - 120 * MIN), endsAt: new Date(now - 60 * MIN), status: 'draft' });
    expect(await errorCode(review.manual(leader, draft.id, entry))).toBe('ACTIVITY_NOT_OPEN');
  });

  /** The statements a call sends (first three words of each), through every pooled connection. */
  const statementsOf = async (fn: () => Promise<unknown>) => {
    const seen: string[] = [];
    const original = PostgresQueryRunner.prototype.query;
    PostgresQueryRunner.prototype.query = function (this: PostgresQueryRunner, q: string, ...rest: unknown[]) {
      seen.push(q.trim().split(/\s+/).slice(0, 3).join(' '));
      return (original as (...args: unknown[]) => Promise<unknown>).call(this, q, ...rest);
    } as typeof original;
    try {
      await fn();
    } finally {
      PostgresQueryRunner.prototype.query = original;
    }
    return seen;
  };
  /** The caller as the guard hands it to a @DeferSessionCheck() route: token checked, login not yet. */
  const deferred = async (userId: string) => {
    const [{ token_version }] = await db.query(`SELECT token_version FROM users WHERE id = $1`, [userId]);
    return new DeferredSession(userId, token_version);
  };

  // issue 15 pins the hot path at ONE statement (it was 2 reads + BEGIN + 4–9 statements + COMMIT, and the guard's read)
  it('a check-in is one statement once the activity is cached (login, limiter, sign-up/walk-in, attendance, audit inside it)', async () => {
    const a = await running({ kind: 'service_day' });
    const [v1, v2] = [await volunteer(), await volunteer()];
    await signUp(a.id, v1.volunteerId);
    checkin.facts.invalidate();
    // cold: the activity's facts, then the statement
    const cold = await statementsOf(() => checkin.checkin(new DeferredSession(v1.user.id, 0), a.id, a.code()));
    expect(cold).toEqual(['SELECT id, title,', 'SELECT * FROM']);
    // warm, and a walk-in (sign-up + its audit entry written in the same statement)
    const s2 = await deferred(v2.user.id);
    const warm = await statementsOf(() => checkin.checkin(s2, a.id, a.code()));
    expect(warm).toEqual(['SELECT * FROM']);
    expect(s2.user).toMatchObject({ id: v2.user.id, role: 'volunteer', volunteerId: v2.volunteerId });
    const audit = await db.query(`SELECT action FROM audit_entries WHERE actor_user_id = $1 ORDER BY at, action`, [v2.user.id]);
    expect(audit.map((x: { action: string }) => x.action).sort()).toEqual(['attendance.checkin', 'signup.walk_in']);
    // an already resolved login (services, offline records): activity, limiter, the statement
    const v3 = await volunteer();
    await signUp(a.id, v3.volunteerId);
    expect(await statementsOf(() => checkin.checkin(v3.user, a.id, a.code()))).toEqual(['SELECT id, title,', 'SELECT hits FROM', 'SELECT * FROM']);
  });

  it('the statement answers every refusal with the same error as the step-by-step path, and writes nothing', async () => {
    const svc = await running({ kind: 'service_day', capacity: 1 });
    const themed = await running();
    const v = await volunteer();
    const refuse = async (activityId: string, code: string, session?: DeferredSession) =>
      errorCode(checkin.checkin(session ?? (await deferred(v.user.id)), activityId, code));
    // not signed up (not a service day)
    expect(await refuse(themed.id, themed.code())).toBe('NOT_SIGNED_UP');
    // capacity full (the one seat is taken by a confirmed sign-up)
    const holder = await volunteer();
    await signUp(svc.id, holder.volunteerId);
    expect(await refuse(svc.id, svc.code())).toBe('ACTIVITY_FULL');
    // overlap: a confirmed sign-up for another live activity at the same time
    const open = await running({ kind: 'service_day' });
    await signUp(themed.id, v.volunteerId);
    expect(await refuse(open.id, open.code())).toBe('SIGNUP_OVERLAP');
    await db.query(`DELETE FROM signups WHERE activity_id = $1 AND volunteer_id = $2`, [themed.id, v.volunteerId]);
    // limiter: 5 wrong codes → blocked, even with the right code (the statement reads the counter)
    const wrong = (c: string) => String((Number(c) + 500_000) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i++) expect(await refuse(open.id, wrong(open.code()))).toBe('INVALID_CHECKIN_CODE');
    expect(await refuse(open.id, open.code())).toBe('TOO_MANY_ATTEMPTS');
    await db.query(`DELETE FROM rate_limits WHERE key LIKE $1`, [`checkin:${v.volunteerId}:%`]);
    // the window moved after the facts were cached (the statement re-reads the activity)
    await checkin.facts.get(open.id);
    await db.query(`UPDATE activities SET starts_at = now() + interval '2 hours', ends_at = now() + interval '3 hours' WHERE id = $1`, [open.id]);
    expect(await refuse(open.id, open.code())).toBe('CHECKIN_WINDOW_CLOSED');
    await db.query(`UPDATE activities SET starts_at = now() - interval '30 minutes', ends_at = now() + interval '1 hour' WHERE id = $1`, [open.id]);
    // login: stale token version, disabled, missing; a login without a volunteer
    expect(await refuse(open.id, open.code(), new DeferredSession(v.user.id, 99))).toBe('UNAUTHENTICATED');
    expect(await refuse(open.id, open.code(), new DeferredSession('00000000-0000-4000-8000-000000000000', 0))).toBe('UNAUTHENTICATED');
    const admin = await authUser(db, DEMO.county);
    expect(await refuse(open.id, open.code(), await deferred(admin.id))).toBe('FORBIDDEN');
    await db.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [v.user.id]);
    expect(await refuse(open.id, open.code())).toBe('UNAUTHENTICATED');
    await db.query(`UPDATE users SET disabled_at = NULL WHERE id = $1`, [v.user.id]);
    // unknown activity
    expect(await refuse('00000000-0000-4000-8000-000000000000', '123456')).toBe('NOT_FOUND');
    // nothing was written for the refused volunteer
    expect(await db.query(`SELECT 1 FROM attendance WHERE volunteer_id = $1`, [v.volunteerId])).toHaveLength(0);
    expect(await db.query(`SELECT 1 FROM signups WHERE volunteer_id = $1`, [v.volunteerId])).toHaveLength(0);
    // and then it works; a repeat is the same row (idempotent), audited once
    const first = await checkin.checkin(await deferred(v.user.id), open.id, open.code());
    const again = await checkin.checkin(await deferred(v.user.id), open.id, open.code());
    expect(again).toEqual(first);
    expect(await db.query(`SELECT 1 FROM audit_entries WHERE entity = 'attendance' AND actor_user_id = $1`, [v.user.id])).toHaveLength(1);
  });

  // issue 15: the check-out on the check-in's path (it was the guard's read, activity, row, [limiter], BEGIN, UPDATE, audit, COMMIT)
  it('a check-out is one statement (login, activity, row, window, limiter, update, audit inside it); a repeat answers the same row', async () => {
    const a = await running();
    const [v1, v2] = [await volunteer(), await volunteer()];
    for (const v of [v1, v2]) {
      await signUp(a.id, v.volunteerId);
      await checkin.checkin(v.user, a.id, a.code());
    }
    // without a code: no activity facts needed, one statement even on a cold cache
    checkin.facts.invalidate();
    const s1 = await deferred(v1.user.id);
    let out: Awaited<ReturnType<CheckinService['checkout']>> | undefined;
    expect(await statementsOf(async () => (out = await checkin.checkout(s1, a.id, undefined)))).toEqual(['SELECT * FROM']);
    expect(out!.checkOutAt).not.toBeNull();
    expect(s1.user).toMatchObject({ id: v1.user.id, role: 'volunteer', volunteerId: v1.volunteerId });
    const [row] = await db.query(`SELECT id FROM attendance WHERE activity_id = $1 AND volunteer_id = $2`, [a.id, v1.volunteerId]);
    const audit = await db.query(`SELECT action, before, after FROM audit_entries WHERE entity = 'attendance' AND entity_id = $1 ORDER BY at, action`, [row.id]);
    expect(audit.map((x: { action: string }) => x.action)).toEqual(['attendance.checkin', 'attendance.checkout']);
    expect(audit[1].before).toMatchObject({ checkOutAt: null, status: 'pending', checkInAt: audit[0].after.checkInAt });
    expect(audit[1].after).toMatchObject({ checkOutAt: out!.checkOutAt, status: 'pending', checkOutReceivedAt: null });
    // a repeat (with or without a code): the same row, nothing written
    expect(await checkin.checkout(await deferred(v1.user.id), a.id, a.code())).toEqual(out);
    expect(await checkin.checkout(await deferred(v1.user.id), a.id, undefined)).toEqual(out);
    expect(await db.query(`SELECT 1 FROM audit_entries WHERE entity = 'attendance' AND entity_id = $1`, [row.id])).toHaveLength(2);
    // with the right code: the activity's facts once (cold), then one statement
    checkin.facts.invalidate();
    const s2 = await deferred(v2.user.id);
    expect(await statementsOf(() => checkin.checkout(s2, a.id, a.code()))).toEqual(['SELECT id, title,', 'SELECT * FROM']);
    const s3 = await deferred(v2.user.id);
    expect(await statementsOf(() => checkin.checkout(s3, a.id, a.code()))).toEqual(['SELECT * FROM']);
  });

  it('a check-out statement answers every refusal with the error of the step-by-step path, in the same order, and writes nothing', async () => {
    const a = await running();
    const v = await volunteer();
    await signUp(a.id, v.volunteerId);
    /** the same call on both paths: the statement (deferred login) and the step-by-step one (resolved login) */
    const both = async (activityId: string, code: string | undefined, session?: DeferredSession) => [
      await errorCode(checkin.checkout(session ?? (await deferred(v.user.id)), activityId, code)),
      session ? undefined : await errorCode(checkin.checkout(v.user, activityId, code)),
    ];
    const wrong = (c: string) => String((Number(c) + 500_000) % 1_000_000).padStart(6, '0');
    // not checked in (also before a wrong code: the row is judged first)
    expect(await both(a.id, undefined)).toEqual(['NOT_CHECKED_IN', 'NOT_CHECKED_IN']);
    expect(await both(a.id, wrong(a.code()))).toEqual(['NOT_CHECKED_IN', 'NOT_CHECKED_IN']);
    // unknown activity, login refusals
    expect(await both('00000000-0000-4000-8000-000000000000', undefined)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    expect((await both(a.id, undefined, new DeferredSession(v.user.id, 99)))[0]).toBe('UNAUTHENTICATED');
    expect((await both(a.id, undefined, new DeferredSession('00000000-0000-4000-8000-000000000000', 0)))[0]).toBe('UNAUTHENTICATED');
    const admin = await authUser(db, DEMO.county);
    expect((await both(a.id, undefined, await deferred(admin.id)))[0]).toBe('FORBIDDEN');
    await db.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [v.user.id]);
    expect((await both(a.id, undefined))[0]).toBe('UNAUTHENTICATED');
    await db.query(`UPDATE users SET disabled_at = NULL WHERE id = $1`, [v.user.id]);

    await checkin.checkin(v.user, a.id, a.code());
    const [row] = await db.query(`SELECT id FROM attendance WHERE activity_id = $1 AND volunteer_id = $2`, [a.id, v.volunteerId]);
    // limiter: wrong codes (the step-by-step path counts them), then even the right code is refused by the statement
    for (let i = 0; i < 5; i++) expect(await errorCode(checkin.checkout(await deferred(v.user.id), a.id, wrong(a.code())))).toBe('INVALID_CHECKIN_CODE');
    expect(await both(a.id, a.code())).toEqual(['TOO_MANY_ATTEMPTS', 'TOO_MANY_ATTEMPTS']);
    // without a code the limiter does not apply (as before)
    await db.query(`DELETE FROM rate_limits WHERE key LIKE $1`, [`checkin:${v.volunteerId}:%`]);
    // window: more than an hour after the end
    await db.query(`UPDATE activities SET starts_at = now() - interval '5 hours', ends_at = now() - interval '2 hours' WHERE id = $1`, [a.id]);
    expect(await both(a.id, undefined)).toEqual(['CHECKIN_WINDOW_CLOSED', 'CHECKIN_WINDOW_CLOSED']);
    const msg = async (caller: AuthUser | DeferredSession) => (await checkin.checkout(caller, a.id, undefined).catch((e: Error) => e)) as Error;
    expect((await msg(await deferred(v.user.id))).message).toBe((await msg(v.user)).message);
    await db.query(`UPDATE activities SET starts_at = now() - interval '30 minutes', ends_at = now() + interval '1 hour' WHERE id = $1`, [a.id]);
    // cancelled (the cache still says published: the statement re-reads the row)
    await checkin.facts.get(a.id);
    await db.query(`UPDATE activities SET status = 'cancelled', cancelled_at = now() WHERE id = $1`, [a.id]);
    expect(await both(a.id, a.code())).toEqual(['ACTIVITY_NOT_OPEN', 'ACTIVITY_NOT_OPEN']);
    await db.query(`UPDATE activities SET status = 'published', cancelled_at = NULL WHERE id = $1`, [a.id]);
    // nothing was written by any refusal
    expect(await db.query(`SELECT check_out_at FROM attendance WHERE id = $1`, [row.id])).toEqual([{ check_out_at: null }]);
    expect(await db.query(`SELECT action FROM audit_entries WHERE entity = 'attendance' AND entity_id = $1`, [row.id])).toEqual([{ action: 'attendance.checkin' }]);
    // finalised by the leader
    await review.reject(leader, a.id, v.volunteerId, '未到岗');
    expect(await both(a.id, undefined)).toEqual(['ATTENDANCE_FINALISED', 'ATTENDANCE_FINALISED']);
    expect(await db.query(`SELECT check_out_at FROM attendance WHERE id = $1`, [row.id])).toEqual([{ check_out_at: null }]);
  });

  it('concurrent check-outs of one volunteer write once and answer the same row; a confirm racing them wins or loses cleanly', async () => {
    const a = await running();
    const v = await volunteer();
    await signUp(a.id, v.volunteerId);
    await checkin.checkin(v.user, a.id, a.code());
    const outs = await Promise.all(Array.from({ length: 20 }, async () => checkin.checkout(await deferred(v.user.id), a.id, undefined)));
    expect(new Set(outs.map((o) => o.checkOutAt)).size).toBe(1);
    const [row] = await db.query(`SELECT id FROM attendance WHERE activity_id = $1 AND volunteer_id = $2`, [a.id, v.volunteerId]);
    expect(await db.query(`SELECT 1 FROM audit_entries WHERE action = 'attendance.checkout' AND entity_id = $1`, [row.id])).toHaveLength(1);

    const w = await volunteer();
    await signUp(a.id, w.volunteerId);
    await checkin.checkin(w.user, a.id, a.code());
    const [confirmed, ...tries] = await Promise.all([
      review.confirm(leader, a.id, [w.volunteerId]),
      ...Array.from({ length: 10 }, async () => checkin.checkout(await deferred(w.user.id), a.id, undefined).catch((e) => e as Error)),
    ]);
    expect(confirmed).toEqual({ confirmed: 1 });
    const ok = tries.filter((x) => !(x instanceof Error)) as Array<{ checkOutAt: string | null }>;
    expect(new Set(ok.map((o) => o.checkOutAt)).size).toBeLessThanOrEqual(1);
    for (const e of tries.filter((x) => x instanceof Error)) expect(await errorCode(Promise.reject(e))).toBe('ATTENDANCE_FINALISED');
    const [final] = await db.query(`SELECT status, check_out_at FROM attendance WHERE activity_id = $1 AND volunteer_id = $2`, [a.id, w.volunteerId]);
    expect(final.status).toBe('confirmed');
    expect(final.check_out_at === null).toBe(ok.length === 0);
  });

  it('a cached activity cancelled by another process (no signal reaches this one) refuses the next check-in at once', async () => {
    const a = await running({ kind: 'service_day' });
    const v = await volunteer();
    expect((await checkin.facts.get(a.id))?.status).toBe('published'); // cached as live
    // what another API process does: the row changes, this process's cache is not told
    await db.query(`UPDATE activities SET status = 'cancelled', cancelled_at = now() WHERE id = $1`, [a.id]);
    expect(await errorCode(checkin.checkin(await deferred(v.user.id), a.id, a.code()))).toBe('ACTIVITY_NOT_OPEN');
    expect(await db.query(`SELECT 1 FROM attendance WHERE activity_id = $1`, [a.id])).toHaveLength(0);
  });
  // issue 15: concurrent check-ins go to the database as one statement (checkin-batcher.ts), each with its own answer
  it('concurrent check-ins are grouped into one statement; every caller gets the answer it would have had alone', async () => {
    const themed = await running();
    const full = await running({ kind: 'service_day', capacity: 1 });
    const open = await running({ kind: 'service_day' });
    const [holder, signed, walker, clash, outsider, stale] = [
      await volunteer(),
      await volunteer(),
      await volunteer(),
      await volunteer(),
      await volunteer(),
      await volunteer(),
    ];
    await signUp(full.id, holder.volunteerId);
    await signUp(themed.id, signed.volunteerId);
    await signUp(themed.id, clash.volunteerId); // its walk-in at `open` (same time) overlaps
    const admin = await authUser(db, DEMO.county);
    for (const a of [themed, full, open]) await checkin.facts.get(a.id);
    const calls: Array<[DeferredSession, { id: string; code: () => string }, string]> = [
      [await deferred(outsider.user.id), themed, 'NOT_SIGNED_UP'],
      [await deferred(outsider.user.id), full, 'ACTIVITY_FULL'],
      [new DeferredSession(stale.user.id, 99), open, 'UNAUTHENTICATED'],
      [await deferred(signed.user.id), themed, 'ok'],
      [await deferred(signed.user.id), themed, 'ok'], // the same volunteer twice in one batch: the same row
      [await deferred(walker.user.id), open, 'ok'],
      [await deferred(admin.id), open, 'FORBIDDEN'],
      [await deferred(clash.user.id), open, 'SIGNUP_OVERLAP'],
      [await deferred(holder.user.id), full, 'ok'],
    ];
    let results: PromiseSettledResult<Awaited<ReturnType<CheckinService['checkin']>>>[] = [];
    const sent = await statementsOf(async () => {
      results = await Promise.allSettled(calls.map(([s, a]) => checkin.checkin(s, a.id, a.code())));
    });
    expect(sent.filter((q) => q === 'SELECT b.ord, f.*').length).toBeGreaterThanOrEqual(1);
    const got = await Promise.all(results.map((r) => (r.status === 'fulfilled' ? 'ok' : errorCode(Promise.reject(r.reason)))));
    expect(got).toEqual(calls.map(([, , want]) => want));
    const rows = results.map((r) => (r.status === 'fulfilled' ? r.value : undefined));
    expect(rows[3]).toEqual(rows[4]);
    expect(calls[5][0].user).toMatchObject({ id: walker.user.id, volunteerId: walker.volunteerId });
    const written = await db.query(`SELECT volunteer_id FROM attendance WHERE activity_id = ANY($1::uuid[])`, [[themed.id, full.id, open.id]]);
    expect(written.map((x: { volunteer_id: string }) => x.volunteer_id).sort()).toEqual([signed.volunteerId, walker.volunteerId, holder.volunteerId].sort());
    expect(await db.query(`SELECT 1 FROM signups WHERE volunteer_id = ANY($1::uuid[])`, [[outsider.volunteerId, clash.volunteerId]])).toHaveLength(1); // clash's own themed sign-up only
  });

  it('a batch whose statement fails sends each call again alone: the failing call gets its error, the others their rows', async () => {
    const open = await running({ kind: 'service_day' });
    const vs = await Promise.all(Array.from({ length: 6 }, () => volunteer()));
    const repo = t.app.get(AttendanceRepository);
    const input = (v: (typeof vs)[number], key: string | null): CheckinStatementInput => ({
      userId: v.user.id,
      tokenVersion: 0,
      checkSession: false,
      volunteerId: v.volunteerId,
      activityId: open.id,
      at: new Date(),
      method: 'code',
      receivedAt: null,
      key,
      limiterPrefix: null,
      limiterLimit: 5,
      liveOnly: true,
      opensBeforeMinutes: 30,
    });
    let results: PromiseSettledResult<unknown>[] = [];
    const sent = await statementsOf(async () => {
      // the first goes out alone (nothing in flight); the rest wait and leave as one batch, the bad key inside it
      results = await Promise.allSettled(vs.map((v, i) => repo.checkinStatement(input(v, i === 3 ? 'not-a-uuid' : null))));
    });
    expect(sent).toContain('SELECT b.ord, f.*');
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(results.filter((r) => r.status === 'fulfilled').map((r) => (r.value as { outcome: string }).outcome)).toEqual(Array(5).fill('created'));
    expect((await db.query(`SELECT count(*)::int AS n FROM attendance WHERE activity_id = $1`, [open.id]))[0].n).toBe(5);
  });
});
