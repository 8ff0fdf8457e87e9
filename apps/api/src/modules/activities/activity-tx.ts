import type { EntityManager } from 'typeorm';
export { inTransaction } from '../../database/sql';
import { AppError } from '../../common/errors/app-error';
import { ActivityEntity } from './activity.entity';

/**
 * Transaction helpers shared by activities, sign-ups and schedules.
 * Lock order, everywhere: the activity row first, then (at most one at a time) a volunteer row.
 */

/** `SELECT … FOR UPDATE` the activity, then load it; 404 if missing. */
export async function lockActivity(em: EntityManager, id: string): Promise<ActivityEntity> {
  const rows = await em.query(`SELECT id FROM activities WHERE id = $1 FOR UPDATE`, [id]);
  if (!rows.length) throw AppError.notFound('活动');
  return em.findOneByOrFail(ActivityEntity, { id });
}

/** `SELECT … FOR UPDATE` the volunteer; returns the name, 404 if missing. */
export async function lockVolunteer(em: EntityManager, id: string): Promise<string> {
  const rows: Array<{ name: string }> = await em.query(`SELECT name FROM volunteers WHERE id = $1 FOR UPDATE`, [id]);
  if (!rows.length) throw AppError.notFound('志愿者');
  return rows[0].name;
}

export async function confirmedCount(em: EntityManager, activityId: string): Promise<number> {
  const [{ n }] = await em.query(`SELECT count(*)::int AS n FROM signups WHERE activity_id = $1 AND status = 'confirmed'`, [activityId]);
  return Number(n);
}

/** Another live activity the volunteer holds a confirmed sign-up for whose time overlaps [startsAt, endsAt). */
export async function overlappingSignup(
  em: EntityManager,
  volunteerId: string,
  a: { id: string; startsAt: Date; endsAt: Date },
): Promise<{ id: string; title: string; starts_at: Date } | null> {
  const rows = await em.query(
    `SELECT a.id, a.title, a.starts_at
       FROM signups s JOIN activities a ON a.id = s.activity_id
      WHERE s.volunteer_id = $1 AND s.status = 'confirmed' AND a.id <> $2
        AND a.status <> 'cancelled' AND a.starts_at < $4 AND a.ends_at > $3
      ORDER BY a.starts_at LIMIT 1`,
    [volunteerId, a.id, a.startsAt, a.endsAt],
  );
  return rows[0] ?? null;
}

/**
 * Fill free places from the waitlist, earliest first (created_at). The activity row must already be locked by
 * the caller. A waitlisted volunteer whose promotion would overlap another confirmed sign-up stays waitlisted.
 * Returns the promoted volunteer ids.
 */
export async function promoteWaitlisted(em: EntityManager, a: ActivityEntity): Promise<string[]> {
  if (a.status !== 'published' && a.status !== 'draft') return [];
  let confirmed = await confirmedCount(em, a.id);
  if (a.capacity !== null && confirmed >= a.capacity) return [];
  const waiting: Array<{ volunteer_id: string }> = await em.query(
    `SELECT volunteer_id FROM signups WHERE activity_id = $1 AND status = 'waitlisted' ORDER BY created_at, volunteer_id`,
    [a.id],
  );
  const promoted: string[] = [];
  for (const w of waiting) {
    if (a.capacity !== null && confirmed >= a.capacity) break;
    await lockVolunteer(em, w.volunteer_id);
    if (await overlappingSignup(em, w.volunteer_id, a)) continue;
    await em.query(
      `UPDATE signups SET status = 'confirmed', updated_at = clock_timestamp() WHERE activity_id = $1 AND volunteer_id = $2 AND status = 'waitlisted'`,
      [a.id, w.volunteer_id],
    );
    promoted.push(w.volunteer_id);
    confirmed++;
  }
  return promoted;
}

/** Cancel a live activity inside the caller's transaction (activity row locked): refuses confirmed attendance, cancels sign-ups. */
export async function cancelActivityInTx(em: EntityManager, a: ActivityEntity, reason: string): Promise<string[]> {
  const att = await em.query(`SELECT 1 FROM attendance WHERE activity_id = $1 AND status = 'confirmed' LIMIT 1`, [a.id]);
  if (att.length) throw AppError.conflict('ACTIVITY_HAS_CONFIRMED_ATTENDANCE', '该活动已有确认的考勤，请先驳回已确认的考勤再取消活动');
  await em.query(
    `UPDATE activities SET status = 'cancelled', cancel_reason = $2, cancelled_at = now(), updated_at = now() WHERE id = $1`,
    [a.id, reason],
  );
  const res = await em.query(
    `UPDATE signups SET status = 'cancelled', updated_at = clock_timestamp() WHERE activity_id = $1 AND status <> 'cancelled' RETURNING volunteer_id`,
    [a.id],
  );
  a.status = 'cancelled';
  a.cancelReason = reason;
  // the volunteers whose sign-up this cancelled (for their notices)
  const rows: Array<{ volunteer_id: string }> = Array.isArray(res[0]) ? res[0] : res;
  return rows.map((r) => r.volunteer_id);
}

/** "12月4日 09:00–11:30" (Asia/Shanghai; the end's date is repeated when it differs). */
function describeSpan(startsAt: Date, endsAt: Date): string {
  const f = (d: Date) => {
    const x = new Date(d.getTime() + 8 * 3600_000);
    const p = (n: number) => String(n).padStart(2, '0');
    return { date: `${x.getUTCMonth() + 1}月${x.getUTCDate()}日`, hm: `${p(x.getUTCHours())}:${p(x.getUTCMinutes())}` };
  };
  const a = f(startsAt);
  const b = f(endsAt);
  return `${a.date} ${a.hm}–${a.date === b.date ? '' : b.date + ' '}${b.hm}`;
}

/**
 * A change of time or place tells every volunteer signed up (confirmed or waitlisted): one notice each, in the
 * caller's transaction. Sign-ups are kept. Answers the number of notices written (0 when nothing they see changed).
 */
export async function noticeReschedule(
  em: EntityManager,
  before: { id: string; title: string; startsAt: Date; endsAt: Date; siteId: string; address: string },
  after: { startsAt: Date; endsAt: Date; siteId: string; address: string },
): Promise<number> {
  const timeChanged = before.startsAt.getTime() !== after.startsAt.getTime() || before.endsAt.getTime() !== after.endsAt.getTime();
  const placeChanged = before.siteId !== after.siteId || before.address !== after.address;
  if (!timeChanged && !placeChanged) return 0;
  const parts: string[] = [];
  if (timeChanged) parts.push(`时间由 ${describeSpan(before.startsAt, before.endsAt)} 改为 ${describeSpan(after.startsAt, after.endsAt)}`);
  if (placeChanged) {
    const [site]: Array<{ name: string }> = await em.query(`SELECT name FROM sites WHERE id = $1`, [after.siteId]);
    parts.push(`地点改为 ${site?.name ?? ''}${after.address ? ' ' + after.address : ''}`);
  }
  const body = `您报名的活动「${before.title}」${parts.join('，')}。您的报名保留，如不能参加请取消报名。`;
  const rows: Array<{ id: string }> = await em.query(
    `INSERT INTO activity_notices (activity_id, volunteer_id, kind, body)
     SELECT $1, s.volunteer_id, 'rescheduled', $2 FROM signups s WHERE s.activity_id = $1 AND s.status IN ('confirmed', 'waitlisted')
     RETURNING id`,
    [before.id, body],
  );
  return rows.length;
}
