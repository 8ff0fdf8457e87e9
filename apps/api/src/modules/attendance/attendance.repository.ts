import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { loginJoins, loginNameOf, loginNameSubquery } from '../../common/sql/names';
import { isRetryableTxError, mutateReturning, selectOne, selectRows, type Queryable } from '../../database/sql';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { AttendanceRow } from './attendance.mapper';
import { StatementBatcher } from './checkin-batcher';

/** What check-in and review need of an activity. */
export interface ActivityRow {
  id: string;
  title: string;
  kind: string;
  status: string;
  team_id: string;
  site_id: string;
  starts_at: Date;
  ends_at: Date;
  capacity: number | null;
  checkin_secret: string;
}

/** What both `attendance_checkin` and `attendance_checkout` take: who asks, for whom, where, when, and the limiter. */
interface StatementCaller {
  userId: string;
  tokenVersion: number;
  checkSession: boolean;
  volunteerId: string | null;
  activityId: string;
  at: Date;
  receivedAt: Date | null;
  key: string | null;
  limiterPrefix: string | null;
  limiterLimit: number;
}

/** What `attendance_checkin` needs (see the migration for the meaning of each switch). */
export interface CheckinStatementInput extends StatementCaller {
  method: 'code' | 'code_offline';
  liveOnly: boolean;
  opensBeforeMinutes: number;
}

/** What `attendance_checkout` needs (see migration 1764900600000 for each switch). */
export interface CheckoutStatementInput extends StatementCaller {
  checkWindow: boolean;
  closesAfterMinutes: number;
}

/** Outcome of `attendance_checkout`: updated/existing answer the row; anything else is a refusal, nothing written. */
export type CheckoutOutcome =
  'updated' | 'existing' | 'no_user' | 'disabled' | 'stale_token' | 'no_volunteer' | 'not_found' | 'not_open' | 'not_checked_in' | 'finalised' | 'window' | 'blocked';

export type CheckoutStatementRow = Omit<CheckinStatementRow, 'outcome'> & { outcome: CheckoutOutcome };

/** Outcome of `attendance_checkin`: created/existing answer the row; anything else is a refusal, nothing written. */
export type CheckinOutcome =
  | 'created'
  | 'existing'
  | 'no_user'
  | 'disabled'
  | 'stale_token'
  | 'no_volunteer'
  | 'not_found'
  | 'not_open'
  | 'window'
  | 'blocked'
  | 'not_signed_up'
  | 'full'
  | 'overlap';

export type CheckinStatementRow = AttendanceRow & {
  outcome: CheckinOutcome;
  detail: string | null;
  user_id: string | null;
  user_phone: string | null;
  user_role: string | null;
  user_site_id: string | null;
  user_volunteer_id: string | null;
  starts_at: Date | null;
  ends_at: Date | null;
};

/** A row of the leader's attendance list: the attendance plus the volunteer's name and phone. */
export type AttendanceListRow = AttendanceRow & { name: string; phone: string | null };

const ATTENDANCE_BASE_COLS = `id, activity_id, volunteer_id, check_in_at, check_out_at, method, minutes, status, confirmed_by, confirmed_at, rejected_reason, received_at, check_out_received_at, checkin_key, checkout_key`;
/** The columns of an answer: the row plus the name of whoever confirmed/rejected it (a scalar subquery, fine in RETURNING). */
const ATTENDANCE_COLS = `${ATTENDANCE_BASE_COLS}, ${loginNameSubquery('confirmed_by')} AS confirmed_by_name`;

/**
 * All SQL of attendance (check-in, check-out, review). Methods take the caller's EntityManager; inside a
 * transaction it must be the transaction's (STACK.md gotcha 6).
 */
@Injectable()
export class AttendanceRepository {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // one batch in flight by default: the next one gathers every check-in that arrives meanwhile (issue 15, measured:
    // 1,193–1,288 check-ins/s with one, 1,101–1,207/s with two, less CPU per check-in on both sides — docs/benchmarks.md)
    this.checkins = new StatementBatcher(
      (c) => this.checkinOne(c),
      (cs) => this.checkinMany(cs),
      config.checkinBatchMax,
      config.checkinBatchesInFlight,
    );
  }

  /** The activity (404 when missing), optionally `FOR UPDATE`. */
  async getActivity(em: Queryable, id: string, lock = false): Promise<ActivityRow> {
    const a = await selectOne<ActivityRow>(
      em,
      `SELECT id, title, kind, status, team_id, site_id, starts_at, ends_at, capacity, checkin_secret
         FROM activities WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    if (!a) throw AppError.notFound('活动');
    return { ...a, starts_at: new Date(a.starts_at), ends_at: new Date(a.ends_at), capacity: a.capacity === null ? null : Number(a.capacity) };
  }

  async findAttendance(em: Queryable, activityId: string, volunteerId: string, lock = false): Promise<AttendanceRow | null> {
    const row = await selectOne<AttendanceRow>(em, `SELECT ${ATTENDANCE_COLS} FROM attendance WHERE activity_id = $1 AND volunteer_id = $2${lock ? ' FOR UPDATE' : ''}`, [
      activityId,
      volunteerId,
    ]);
    return row ?? null;
  }

  // ---------- check-in ----------

  /**
   * The check-in in one statement (`attendance_checkin`, migration 1764900100000): login, volunteer, activity,
   * window, limiter, existing row, sign-up or walk-in seat, attendance, audit. Answers the outcome and the row.
   * A lost lock race (deadlock victim) is retried like `inTransaction` does.
   */
  checkinStatement(c: CheckinStatementInput): Promise<CheckinStatementRow> {
    return this.checkins.submit(c);
  }

  /** Concurrent check-ins, grouped into one statement (checkin-batcher.ts); CHECKIN_BATCH_MAX=1 sends each alone. */
  private readonly checkins: StatementBatcher<CheckinStatementInput, CheckinStatementRow>;

  private checkinOne(c: CheckinStatementInput): Promise<CheckinStatementRow> {
    return this.callStatement<CheckinStatementRow>(`SELECT * FROM attendance_checkin($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`, checkinParams(c));
  }

  /**
   * Several check-ins in ONE statement: the same function called once per input, in the inputs' order, inside one
   * transaction (each call sees the writes of the calls before it, as if they had run one after the other), one
   * answer row per input. A lock race aborts the whole statement and is retried whole (nothing was committed).
   */
  private async checkinMany(cs: CheckinStatementInput[]): Promise<CheckinStatementRow[]> {
    const columns = cs.map(checkinParams);
    const params = columns[0].map((_, j) => columns.map((row) => row[j]));
    const rows = await this.callStatementRows<CheckinStatementRow & { ord: string }>(
      `SELECT b.ord, f.*
         FROM unnest($1::uuid[], $2::int[], $3::boolean[], $4::uuid[], $5::uuid[], $6::timestamptz[], $7::text[], $8::timestamptz[],
                     $9::uuid[], $10::text[], $11::int[], $12::boolean[], $13::int[])
              WITH ORDINALITY AS b(u, ver, cs, vol, act, at, m, rcv, k, lk, lim, live, ob, ord)
        CROSS JOIN LATERAL attendance_checkin(b.u, b.ver, b.cs, b.vol, b.act, b.at, b.m, b.rcv, b.k, b.lk, b.lim, b.live, b.ob) f
        ORDER BY b.ord`,
      params,
    );
    return rows.map(({ ord: _ord, ...row }) => row as CheckinStatementRow);
  }

  /**
   * The check-out in one statement (`attendance_checkout`, migration 1764900600000): login, volunteer, activity, the
   * row (not checked in / finalised / already checked out), window, limiter, UPDATE, audit.
   */
  checkoutStatement(c: CheckoutStatementInput): Promise<CheckoutStatementRow> {
    const params = [...callerParams(c), c.receivedAt, c.key, c.limiterPrefix, c.limiterLimit, c.checkWindow, c.closesAfterMinutes];
    return this.callStatement<CheckoutStatementRow>(`SELECT * FROM attendance_checkout($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`, params);
  }

  /** One call of a check-in/out function; a lost lock race (deadlock victim) is retried like `inTransaction` does. */
  private async callStatement<T>(sql: string, params: unknown[]): Promise<T> {
    const [row] = await this.callStatementRows<T>(sql, params);
    return row;
  }

  private async callStatementRows<T>(sql: string, params: unknown[]): Promise<T[]> {
    for (let i = 1; ; i++) {
      try {
        return await selectRows<T>(this.db, sql, params);
      } catch (err) {
        if (i >= 4 || !isRetryableTxError(err)) throw err;
        await new Promise((r) => setTimeout(r, 5 * i + Math.floor(Math.random() * 10)));
      }
    }
  }

  /** The activity facts a check-in needs before its statement (no 404: undefined when missing). */
  findCheckinFacts(id: string): Promise<ActivityRow | undefined> {
    return selectOne<ActivityRow>(
      this.db,
      `SELECT id, title, kind, status, team_id, site_id, starts_at, ends_at, capacity, checkin_secret FROM activities WHERE id = $1`,
      [id],
    );
  }

  /** `INSERT … ON CONFLICT DO NOTHING`: answers the new row, or nothing when the volunteer already has one. */
  async insertCheckin(
    em: EntityManager,
    c: { activityId: string; volunteerId: string; at: Date; method: string; recordedBy: string; receivedAt: Date | null; key: string | null },
  ): Promise<AttendanceRow | undefined> {
    return selectOne<AttendanceRow>(
      em,
      `INSERT INTO attendance (activity_id, volunteer_id, check_in_at, method, recorded_by, received_at, checkin_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (activity_id, volunteer_id) DO NOTHING
         RETURNING ${ATTENDANCE_COLS}`,
      [c.activityId, c.volunteerId, c.at, c.method, c.recordedBy, c.receivedAt, c.key],
    );
  }

  // ---------- review ----------

  async countForActivity(activityId: string): Promise<number> {
    const [{ n }] = await selectRows<{ n: string }>(this.db, `SELECT count(*) AS n FROM attendance WHERE activity_id = $1`, [activityId]);
    return Number(n);
  }

  listForActivity(activityId: string, page: { page: number; pageSize: number }): Promise<AttendanceListRow[]> {
    return selectRows<AttendanceListRow>(
      this.db,
      `SELECT ${ATTENDANCE_BASE_COLS.split(', ')
        .map((c) => 'a.' + c)
        .join(', ')}, ${loginNameOf('cu', 'cuv', 'cus')} AS confirmed_by_name, v.name, v.phone
         FROM attendance a JOIN volunteers v ON v.id = a.volunteer_id
         ${loginJoins('a.confirmed_by', 'c')}
        WHERE a.activity_id = $1
        ORDER BY a.check_in_at, v.name, a.id
        LIMIT $2 OFFSET $3`,
      [activityId, page.pageSize, (page.page - 1) * page.pageSize],
    );
  }

  async volunteerExists(em: EntityManager, volunteerId: string): Promise<boolean> {
    return (await selectRows(em, `SELECT id FROM volunteers WHERE id = $1`, [volunteerId])).length > 0;
  }

  /** A member of the activity's team, or signed up (not cancelled) for it: may be entered by hand. */
  async mayBeEnteredByHand(em: EntityManager, teamId: string, activityId: string, volunteerId: string): Promise<boolean> {
    const rows = await selectRows(
      em,
      `SELECT 1 FROM team_memberships WHERE team_id = $1 AND volunteer_id = $3
         UNION ALL SELECT 1 FROM signups WHERE activity_id = $2 AND volunteer_id = $3 AND status <> 'cancelled'`,
      [teamId, activityId, volunteerId],
    );
    return rows.length > 0;
  }

  insertManual(em: EntityManager, m: { activityId: string; volunteerId: string; checkIn: Date; checkOut: Date | null; recordedBy: string }) {
    return selectOne<AttendanceRow>(
      em,
      `INSERT INTO attendance (activity_id, volunteer_id, check_in_at, check_out_at, method, recorded_by)
         VALUES ($1, $2, $3, $4, 'manual', $5)
         ON CONFLICT (activity_id, volunteer_id) DO NOTHING
         RETURNING ${ATTENDANCE_COLS}`,
      [m.activityId, m.volunteerId, m.checkIn, m.checkOut, m.recordedBy],
    );
  }

  async correctTimes(em: EntityManager, id: string, checkIn: Date, checkOut: Date | null, recordedBy: string): Promise<AttendanceRow> {
    const [row] = await mutateReturning<AttendanceRow>(
      em,
      `UPDATE attendance SET check_in_at = $2, check_out_at = $3, method = 'manual', recorded_by = $4, updated_at = now()
          WHERE id = $1 AND status = 'pending' RETURNING ${ATTENDANCE_COLS}`,
      [id, checkIn, checkOut, recordedBy],
    );
    return row;
  }

  /** The pending attendance of an activity (all, or of the given volunteers), locked, in volunteer order. */
  lockPending(em: EntityManager, activityId: string, volunteerIds: string[] | undefined): Promise<AttendanceRow[]> {
    return selectRows<AttendanceRow>(
      em,
      `SELECT ${ATTENDANCE_COLS} FROM attendance
          WHERE activity_id = $1 AND status = 'pending' ${volunteerIds ? 'AND volunteer_id = ANY($2::uuid[])' : ''}
          ORDER BY volunteer_id FOR UPDATE`,
      volunteerIds ? [activityId, volunteerIds] : [activityId],
    );
  }

  async confirmPending(em: EntityManager, id: string, minutes: number, confirmedBy: string): Promise<AttendanceRow | undefined> {
    const [row] = await mutateReturning<AttendanceRow>(
      em,
      `UPDATE attendance SET status = 'confirmed', minutes = $2, confirmed_by = $3, confirmed_at = now(), rejected_reason = NULL, updated_at = now()
            WHERE id = $1 AND status = 'pending' RETURNING ${ATTENDANCE_COLS}`,
      [id, minutes, confirmedBy],
    );
    return row;
  }

  async reject(em: EntityManager, id: string, seen: string, reason: string, rejectedBy: string): Promise<AttendanceRow> {
    const [row] = await mutateReturning<AttendanceRow>(
      em,
      `UPDATE attendance SET status = 'rejected', minutes = NULL, rejected_reason = $3, confirmed_by = $4, confirmed_at = now(), updated_at = now()
          WHERE id = $1 AND status = $2 RETURNING ${ATTENDANCE_COLS}`,
      [id, seen, reason, rejectedBy],
    );
    return row;
  }
}

/** The arguments of `attendance_checkin`, in its order. */
function checkinParams(c: CheckinStatementInput): unknown[] {
  return [...callerParams(c), c.method, c.receivedAt, c.key, c.limiterPrefix, c.limiterLimit, c.liveOnly, c.opensBeforeMinutes];
}

/** The leading arguments both `attendance_checkin` and `attendance_checkout` take: who asks, for whom, where and when. */
function callerParams(c: StatementCaller): unknown[] {
  return [c.userId, c.tokenVersion, c.checkSession, c.volunteerId, c.activityId, c.at];
}
