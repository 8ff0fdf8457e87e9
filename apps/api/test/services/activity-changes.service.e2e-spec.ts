import { DataSource } from 'typeorm';
import { ActivityChangesService } from '../../src/modules/activities/activity-changes.service';
import { inTransaction } from '../../src/database/sql';
import { insertActivity } from '../setup/factories';
import { createTestApp, demoIds, registerVolunteer, type TestApp } from '../setup/test-app';

/**
 * Service-level tests of ActivityChangesService (the helpers activity-tx.ts used to hold, now the only way sign-ups,
 * activities and service-day schedules change activities inside a transaction), on the run's real database.
 */
const day = 86400_000;
const slot = (days: number, hours = 2) => {
  const startsAt = new Date(Math.floor((Date.now() + days * day) / day) * day + 3 * 3600_000);
  return { startsAt, endsAt: new Date(startsAt.getTime() + hours * 3600_000) };
};

describe('ActivityChangesService', () => {
  let t: TestApp;
  let db: DataSource;
  let changes: ActivityChangesService;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    changes = t.app.get(ActivityChangesService);
    ids = await demoIds(t);
  });
  afterAll(() => t.close());

  /** Sign-ups in a given queue order (created_at one second apart). */
  const signups = async (activityId: string, rows: Array<[string, 'confirmed' | 'waitlisted']>) => {
    for (const [i, [vid, status]] of rows.entries()) {
      await db.query(`INSERT INTO signups (activity_id, volunteer_id, status, created_at) VALUES ($1, $2, $3, now() - make_interval(secs => $4))`, [
        activityId,
        vid,
        status,
        100 - i,
      ]);
    }
  };
  const statusOf = async (activityId: string) => {
    const rows: Array<{ volunteer_id: string; status: string }> = await db.query(`SELECT volunteer_id, status FROM signups WHERE activity_id = $1`, [activityId]);
    return Object.fromEntries(rows.map((r) => [r.volunteer_id, r.status]));
  };

  it('promoteWaitlisted fills the free places in queue order, skipping a volunteer whose promotion would overlap', async () => {
    const s = slot(200);
    const a = await insertActivity(t, { teamId: ids.demoTeamId, ...s, capacity: 3 });
    const other = await insertActivity(t, {
      teamId: ids.demoTeamId,
      startsAt: new Date(s.startsAt.getTime() + 3600_000),
      endsAt: new Date(s.endsAt.getTime() + 3600_000),
    });
    const [v1, v2, v3, v4] = await Promise.all([1, 2, 3, 4].map(() => registerVolunteer(t, ids.yongqingStationId)));
    await signups(other.id, [[v2.volunteerId, 'confirmed']]); // v2 is busy at an overlapping time
    await signups(a.id, [
      [v1.volunteerId, 'confirmed'],
      [v2.volunteerId, 'waitlisted'],
      [v3.volunteerId, 'waitlisted'],
      [v4.volunteerId, 'waitlisted'],
    ]);
    const promoted = await inTransaction(db, async (em) => changes.promoteWaitlisted(em, await changes.lockActivity(em, a.id)));
    expect(promoted).toEqual([v3.volunteerId, v4.volunteerId]);
    expect(await statusOf(a.id)).toEqual({ [v1.volunteerId]: 'confirmed', [v2.volunteerId]: 'waitlisted', [v3.volunteerId]: 'confirmed', [v4.volunteerId]: 'confirmed' });
    // full now: nothing more to promote
    expect(await inTransaction(db, async (em) => changes.promoteWaitlisted(em, await changes.lockActivity(em, a.id)))).toEqual([]);
  });

  it('cancelInTx refuses an activity with confirmed attendance (nothing changes) and otherwise cancels every live sign-up', async () => {
    const a = await insertActivity(t, { teamId: ids.demoTeamId, ...slot(-3) });
    const b = await insertActivity(t, { teamId: ids.demoTeamId, ...slot(201) });
    const [v1, v2] = await Promise.all([1, 2].map(() => registerVolunteer(t, ids.yongqingStationId)));
    await signups(a.id, [[v1.volunteerId, 'confirmed']]);
    await db.query(
      `INSERT INTO attendance (activity_id, volunteer_id, check_in_at, check_out_at, method, minutes, status) VALUES ($1, $2, now() - interval '3 days', now() - interval '3 days' + interval '2 hours', 'manual', 120, 'confirmed')`,
      [a.id, v1.volunteerId],
    );
    await expect(inTransaction(db, async (em) => changes.cancelInTx(em, await changes.lockActivity(em, a.id), '测试'))).rejects.toMatchObject({
      code: 'ACTIVITY_HAS_CONFIRMED_ATTENDANCE',
    });
    const [{ status }] = await db.query(`SELECT status FROM activities WHERE id = $1`, [a.id]);
    expect(status).toBe('published');

    await signups(b.id, [
      [v1.volunteerId, 'confirmed'],
      [v2.volunteerId, 'waitlisted'],
    ]);
    const cancelled = await inTransaction(db, async (em) => changes.cancelInTx(em, await changes.lockActivity(em, b.id), '下雨'));
    expect(cancelled.sort()).toEqual([v1.volunteerId, v2.volunteerId].sort());
    const [row] = await db.query(`SELECT status, cancel_reason FROM activities WHERE id = $1`, [b.id]);
    expect(row).toEqual({ status: 'cancelled', cancel_reason: '下雨' });
    expect(await statusOf(b.id)).toEqual({ [v1.volunteerId]: 'cancelled', [v2.volunteerId]: 'cancelled' });
  });

  it('rescheduleOccurrence moves the activity, tells each signed-up volunteer once, and fills places a larger capacity frees', async () => {
    const s = slot(202);
    const a = await insertActivity(t, { teamId: ids.demoTeamId, ...s, capacity: 1, title: '服务日' });
    const [v1, v2] = await Promise.all([1, 2].map(() => registerVolunteer(t, ids.yongqingStationId)));
    await signups(a.id, [
      [v1.volunteerId, 'confirmed'],
      [v2.volunteerId, 'waitlisted'],
    ]);
    const startsAt = new Date(s.startsAt.getTime() + 3600_000);
    const endsAt = new Date(s.endsAt.getTime() + 3600_000);
    await inTransaction(db, async (em) => {
      await changes.lockActivity(em, a.id);
      await changes.rescheduleOccurrence(em, a.id, {
        title: '服务日',
        category: 'civility_persuasion',
        startsAt,
        endsAt,
        capacity: 2,
        description: '',
        siteId: a.siteId,
        address: '',
      });
    });
    const [row] = await db.query(`SELECT starts_at, capacity FROM activities WHERE id = $1`, [a.id]);
    expect(new Date(row.starts_at).toISOString()).toBe(startsAt.toISOString());
    expect(row.capacity).toBe(2);
    expect(await statusOf(a.id)).toEqual({ [v1.volunteerId]: 'confirmed', [v2.volunteerId]: 'confirmed' });
    const notices: Array<{ volunteer_id: string; body: string }> = await db.query(`SELECT volunteer_id, body FROM activity_notices WHERE activity_id = $1`, [a.id]);
    expect(notices.map((n) => n.volunteer_id).sort()).toEqual([v1.volunteerId, v2.volunteerId].sort());
    expect(notices[0].body).toMatch(/^您报名的活动「服务日」时间由 .+ 改为 .+。您的报名保留/);
    // the same place and time again: nothing they see changed, no notice
    const again = await inTransaction(db, async (em) =>
      changes.noticeReschedule(em, { id: a.id, title: '服务日', startsAt, endsAt, siteId: a.siteId, address: '' }, { startsAt, endsAt, siteId: a.siteId, address: '' }),
    );
    expect(again).toBe(0);
  });
});
