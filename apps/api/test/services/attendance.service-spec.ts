import { DataSource } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import type { AuthUser } from '../../src/common/auth/auth-user';
import { pointsForMinutes } from '../../src/modules/attendance/attendance-rules';
import { AttendanceReviewService } from '../../src/modules/attendance/attendance-review.service';
import { CheckinService } from '../../src/modules/attendance/checkin.service';
import { currentCheckinCode } from '../../src/modules/attendance/checkin-code';
import { PointsService } from '../../src/modules/attendance/points.service';
import { insertActivity } from '../setup/factories';
import { createTestApp, DEMO, demoIds, registerVolunteer, type TestApp } from '../setup/test-app';
import { authUser, errorCode } from './helpers';

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

  it('a check-in is the same few statements as ever (issue 15 measures this path): 2 reads, then BEGIN, 4 statements, COMMIT', async () => {
    const a = await running();
    const v = await volunteer();
    await signUp(a.id, v.volunteerId);
    const code = a.code();
    const seen: string[] = [];
    const original = PostgresQueryRunner.prototype.query;
    PostgresQueryRunner.prototype.query = function (this: PostgresQueryRunner, q: string, ...rest: unknown[]) {
      seen.push(q.trim().split(/\s+/).slice(0, 3).join(' '));
      return (original as (...args: unknown[]) => Promise<unknown>).call(this, q, ...rest);
    } as typeof original;
    try {
      await checkin.checkin(v.user, a.id, code);
    } finally {
      PostgresQueryRunner.prototype.query = original;
    }
    // activity, wrong-code counter | BEGIN | attendance row, sign-up, INSERT attendance, INSERT audit | COMMIT
    expect(seen).toHaveLength(8);
    expect(seen[2]).toMatch(/^(START TRANSACTION|BEGIN)/);
    expect(seen[7]).toMatch(/^COMMIT/);
  });
});
