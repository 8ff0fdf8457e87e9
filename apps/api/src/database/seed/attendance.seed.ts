import type { ActivityKind, ActivityStatus } from '@wenming/shared';
import { pointsForMinutes, servedMinutes } from '../../modules/attendance/attendance-rules';
import { insertRows, SEED_TODAY, type SeedContext, type SeedStep } from './seed';

/** What the attendance step needs of a past activity (the activities step provides it as ctx.activities). */
export interface AttendanceSeedActivity {
  id: string;
  teamId: string;
  startsAt: Date;
  endsAt: Date;
  status: ActivityStatus;
  kind: ActivityKind;
  capacity: number | null;
  /** volunteers with a confirmed sign-up */
  volunteerIds?: string[];
}

const MIN = 60_000;
/** Demo points: the default rate of 1 point per confirmed hour (POINTS_PER_HOUR is a runtime setting). */
const SEED_POINTS_PER_HOUR = 1;

/** What the attendance step hands to the 积分超市 step (which writes the whole ledger in time order). */
export interface PointsSeedInput {
  /** earned: [volunteerId, points, attendanceId, at] */
  earned: Array<[string, number, string, Date]>;
  /** moments a volunteer goes to the 积分超市 (the step picks goods and checks the balance) */
  redemptionIntents: Array<{ volunteerId: string; at: Date }>;
}

/** Past activities: from ctx.activities, or (fallback) the completed activities and confirmed sign-ups in the database. */
async function pastActivities(ctx: SeedContext): Promise<AttendanceSeedActivity[]> {
  const given = (ctx as SeedContext & { activities?: AttendanceSeedActivity[] }).activities;
  if (given) return given;
  const rows: Array<{
    id: string;
    team_id: string;
    starts_at: Date;
    ends_at: Date;
    status: ActivityStatus;
    kind: ActivityKind;
    capacity: number | null;
    vids: string[] | null;
  }> = await ctx.em.query(
    `SELECT a.id, a.team_id, a.starts_at, a.ends_at, a.status, a.kind, a.capacity,
              array_agg(s.volunteer_id ORDER BY s.volunteer_id) FILTER (WHERE s.volunteer_id IS NOT NULL) AS vids
         FROM activities a LEFT JOIN signups s ON s.activity_id = a.id AND s.status = 'confirmed'
        WHERE a.status = 'completed' AND a.ends_at < $1
        GROUP BY a.id ORDER BY a.starts_at, a.id`,
    [new Date(`${SEED_TODAY}T23:59:59+08:00`)],
  );
  return rows.map((r) => ({
    id: r.id,
    teamId: r.team_id,
    startsAt: new Date(r.starts_at),
    endsAt: new Date(r.ends_at),
    status: r.status,
    kind: r.kind,
    capacity: r.capacity,
    volunteerIds: r.vids ?? [],
  }));
}

/**
 * Attendance history for the completed past activities (cancelled ones get none): the confirmed sign-ups check in
 * (a few no-shows); most records are confirmed with their minutes, some rejected, the last week's partly pending.
 * The demo leader and member attend their team's activities, so their records, stars and points look real.
 * Every confirmed record earns its points as a ledger entry.
 */
export const seedAttendance: SeedStep = async (ctx: SeedContext) => {
  const { rng, em } = ctx;
  const acts = (await pastActivities(ctx)).filter((a) => a.status === 'completed').sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || (a.id < b.id ? -1 : 1));
  const teams = new Map(ctx.teams.map((t) => [t.id, t]));
  const recentFrom = new Date(`${SEED_TODAY}T00:00:00+08:00`).getTime() - 7 * 24 * 3600_000;
  const demo = ctx.demo;

  const attendanceRows: unknown[][] = [];
  const points: PointsSeedInput = { earned: [], redemptionIntents: [] };
  const balance = new Map<string, number>(); // volunteer → cents
  let confirmed = 0;
  let rejected = 0;
  let pending = 0;
  const demoBusyUntil = new Map<string, number>(); // the demo people never attend two activities at once

  for (const a of acts) {
    let vids = a.volunteerIds ?? [];
    if (!vids.length) {
      // no sign-ups recorded: a handful of the team's members served
      const members = teams.get(a.teamId)?.memberIds ?? [];
      vids = members.filter(() => rng.chance(0.35)).slice(0, a.capacity ?? 12);
    }
    if (a.teamId === demo.teamId) {
      vids = [...vids];
      for (const d of [demo.leaderVolunteerId, demo.memberVolunteerId]) if (!vids.includes(d)) vids.push(d);
    }
    const start = a.startsAt.getTime();
    const end = a.endsAt.getTime();
    const recent = start >= recentFrom;
    for (const vid of vids) {
      const isDemoLeader = vid === demo.leaderVolunteerId;
      if (vid === demo.leaderVolunteerId || vid === demo.memberVolunteerId) {
        if (start < (demoBusyUntil.get(vid) ?? 0)) continue;
        demoBusyUntil.set(vid, end + 60 * MIN);
      }
      if (!isDemoLeader && rng.chance(0.05)) continue; // no-show
      const manual = rng.chance(0.08);
      const checkIn = new Date(start - rng.int(0, 25) * MIN + (rng.chance(0.2) ? rng.int(1, 20) * MIN : 0));
      const noCheckout = rng.chance(0.1);
      const checkOut = noCheckout ? null : new Date(Math.max(checkIn.getTime() + 10 * MIN, end + rng.int(-25, 40) * MIN));
      const roll = rng.next();
      const status = isDemoLeader
        ? recent && roll < 0.4
          ? 'pending'
          : 'confirmed'
        : recent
          ? roll < 0.45
            ? 'pending'
            : roll < 0.97
              ? 'confirmed'
              : 'rejected'
          : roll < 0.965
            ? 'confirmed'
            : roll < 0.99
              ? 'rejected'
              : 'pending';
      const id = rng.uuid();
      const decidedAt = new Date(end + rng.int(20, 72 * 60) * MIN);
      const minutes = status === 'confirmed' ? servedMinutes(checkIn, checkOut, a.startsAt, a.endsAt) : null;
      attendanceRows.push([
        id,
        a.id,
        vid,
        checkIn,
        checkOut,
        manual ? 'manual' : 'code',
        minutes,
        status,
        status === 'pending' ? null : decidedAt,
        status === 'rejected' ? rng.pick(['当天未实际到场', '签到后提前离开，未参加服务', '重复登记']) : null,
        checkIn,
        status === 'pending' ? (checkOut ?? checkIn) : decidedAt,
      ]);
      if (status === 'confirmed') {
        confirmed++;
        const cents = Math.round(((minutes! * SEED_POINTS_PER_HOUR) / 60) * 100);
        if (cents > 0) {
          const after = (balance.get(vid) ?? 0) + cents;
          balance.set(vid, after);
          // whole points: floor(minutes × rate / 60) per confirmed attendance (the API's rule)
          const whole = pointsForMinutes(minutes!, SEED_POINTS_PER_HOUR);
          if (whole > 0) points.earned.push([vid, whole, id, decidedAt]);
          // now and then the volunteer goes to the 积分超市 (these rng calls stay as they were, so later figures do not move)
          if (after >= 2000 && rng.chance(0.15)) {
            const spend = rng.pick([500, 1000, 1500]);
            balance.set(vid, after - spend);
            rng.pick([0, 1, 2, 3]);
            points.redemptionIntents.push({ volunteerId: vid, at: new Date(decidedAt.getTime() + 3 * 24 * 3600_000) });
          }
        }
      } else if (status === 'rejected') rejected++;
      else pending++;
    }
  }

  // Bulk history: the statistics triggers (the only user triggers on attendance) stay off for this load and the last
  // seed step (stats.seed.ts) builds every roll-up from the raw rows in one pass and verifies it — the same result as
  // the triggers, in a fraction of the time (the period bitmaps cost a trigger pass per 2,000-row batch otherwise).
  // The seed runs in one transaction, so the switch is never seen by another session.
  await em.query('ALTER TABLE attendance DISABLE TRIGGER USER');
  try {
    await insertRows(
      em,
      'attendance',
      ['id', 'activity_id', 'volunteer_id', 'check_in_at', 'check_out_at', 'method', 'minutes', 'status', 'confirmed_at', 'rejected_reason', 'created_at', 'updated_at'],
      attendanceRows,
      2000,
    );
  } finally {
    await em.query('ALTER TABLE attendance ENABLE TRIGGER USER');
  }
  // the points ledger is written by the 积分超市 step, merged in time order with redemptions and deed awards
  (ctx as SeedContext & { points?: PointsSeedInput }).points = points;
  return { attendance: attendanceRows.length, attendanceConfirmed: confirmed, attendanceRejected: rejected, attendancePending: pending };
};
