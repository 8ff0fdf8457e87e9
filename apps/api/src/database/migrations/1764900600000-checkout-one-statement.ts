import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, check-out on the check-in's path: `attendance_checkout(…)` does, in one statement, what the guard and
 * CheckinService did in 6–7 round trips (login read, activity, row, [limiter], BEGIN, UPDATE, audit, COMMIT): the
 * login (exists, not disabled, token version) and its volunteer, the activity (exists, published or completed), the
 * volunteer's attendance (none → not checked in; already checked out → the same row again, idempotent; confirmed or
 * rejected → finalised), the check-out window (from the check-in to the end + p_closes_after_minutes), the
 * wrong-code limiter, then the UPDATE (only while pending and not checked out) and its audit entry. The checks run in
 * the order the step-by-step path ran them; every refusal happens before any write.
 *
 * A lost race is answered as the step-by-step path answered it: when the guarded UPDATE finds the row checked out or
 * finalised meanwhile (READ COMMITTED re-checks its WHERE after the row lock), the row is read again — checked out →
 * that row (idempotent), otherwise finalised.
 *
 * `p_check_session` false skips the login checks (the caller resolved the login and passes `p_volunteer`);
 * `p_limit_key` null skips the limiter; `p_check_window` false skips the window (an offline record judged its own).
 * `p_received` set marks an offline record (`check_out_received_at`, audit action `attendance.checkout_offline`).
 *
 * Plain PL/pgSQL: runs on PGlite too.
 */
export class CheckoutOneStatement1764900600000 implements MigrationInterface {
  name = 'CheckoutOneStatement1764900600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION attendance_checkout(
        p_user uuid, p_ver int, p_check_session boolean, p_volunteer uuid, p_activity uuid, p_at timestamptz, p_received timestamptz,
        p_key uuid, p_limit_key text, p_limit int, p_check_window boolean, p_closes_after_minutes int)
      RETURNS TABLE (
        outcome text, detail text, user_id uuid, user_phone text, user_role text, user_site_id uuid, user_volunteer_id uuid,
        starts_at timestamptz, ends_at timestamptz,
        id uuid, activity_id uuid, volunteer_id uuid, check_in_at timestamptz, check_out_at timestamptz, method text, minutes int,
        status text, confirmed_by uuid, confirmed_at timestamptz, rejected_reason text, received_at timestamptz,
        check_out_received_at timestamptz, checkin_key text, checkout_key text, confirmed_by_name text)
      LANGUAGE plpgsql AS $fn$
      #variable_conflict use_column
      DECLARE
        u record;
        a record;
        v_vid uuid := p_volunteer;
        b attendance%ROWTYPE;
        r attendance%ROWTYPE;
        v_id uuid;
        v_iso text := 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"';
      BEGIN
        IF p_check_session THEN
          SELECT x.id, x.phone, x.role, x.site_id, x.volunteer_id, x.token_version, x.disabled_at IS NOT NULL AS disabled
            INTO u FROM users x WHERE x.id = p_user;
          IF NOT FOUND THEN outcome := 'no_user'; RETURN NEXT; RETURN; END IF;
          outcome := NULL; user_id := u.id; user_phone := u.phone; user_role := u.role; user_site_id := u.site_id; user_volunteer_id := u.volunteer_id;
          IF u.disabled THEN outcome := 'disabled';
          ELSIF u.token_version <> p_ver THEN outcome := 'stale_token';
          ELSIF u.volunteer_id IS NULL THEN outcome := 'no_volunteer';
          END IF;
          IF outcome IS NOT NULL THEN RETURN NEXT; RETURN; END IF;
          v_vid := u.volunteer_id;
        END IF;

        SELECT x.id, x.status, x.starts_at, x.ends_at INTO a FROM activities x WHERE x.id = p_activity;
        IF NOT FOUND THEN outcome := 'not_found'; RETURN NEXT; RETURN; END IF;
        starts_at := a.starts_at; ends_at := a.ends_at;
        IF a.status NOT IN ('published', 'completed') THEN outcome := 'not_open'; detail := a.status; RETURN NEXT; RETURN; END IF;

        SELECT * INTO b FROM attendance t WHERE t.activity_id = p_activity AND t.volunteer_id = v_vid;
        IF NOT FOUND THEN outcome := 'not_checked_in'; RETURN NEXT; RETURN; END IF;
        v_id := b.id;
        IF b.check_out_at IS NOT NULL THEN
          outcome := 'existing';
        ELSIF b.status <> 'pending' THEN
          outcome := 'finalised'; RETURN NEXT; RETURN;
        ELSE
          IF p_check_window AND NOT (p_at >= b.check_in_at AND p_at <= a.ends_at + make_interval(mins => p_closes_after_minutes)) THEN
            outcome := 'window'; detail := to_char(b.check_in_at AT TIME ZONE 'UTC', v_iso); RETURN NEXT; RETURN;
          END IF;
          IF p_limit_key IS NOT NULL AND coalesce((SELECT l.hits FROM rate_limits l WHERE l.key = p_limit_key || v_vid || ':' || p_activity AND l.expires_at > now()), 0) >= p_limit THEN
            outcome := 'blocked'; RETURN NEXT; RETURN;
          END IF;
          UPDATE attendance AS t SET check_out_at = p_at, check_out_received_at = p_received, checkout_key = p_key, updated_at = now()
            WHERE t.id = b.id AND t.status = 'pending' AND t.check_out_at IS NULL
            RETURNING t.* INTO r;
          IF r.id IS NOT NULL THEN
            INSERT INTO audit_entries (actor_user_id, action, entity, entity_id, before, after)
              VALUES (p_user, CASE WHEN p_received IS NULL THEN 'attendance.checkout' ELSE 'attendance.checkout_offline' END, 'attendance', r.id::text,
                      jsonb_build_object('checkInAt', to_char(b.check_in_at AT TIME ZONE 'UTC', v_iso),
                        'checkOutAt', to_char(b.check_out_at AT TIME ZONE 'UTC', v_iso), 'method', b.method, 'minutes', b.minutes,
                        'status', b.status, 'rejectedReason', b.rejected_reason,
                        'receivedAt', to_char(b.received_at AT TIME ZONE 'UTC', v_iso),
                        'checkOutReceivedAt', to_char(b.check_out_received_at AT TIME ZONE 'UTC', v_iso)),
                      jsonb_build_object('checkInAt', to_char(r.check_in_at AT TIME ZONE 'UTC', v_iso),
                        'checkOutAt', to_char(r.check_out_at AT TIME ZONE 'UTC', v_iso), 'method', r.method, 'minutes', r.minutes,
                        'status', r.status, 'rejectedReason', r.rejected_reason,
                        'receivedAt', to_char(r.received_at AT TIME ZONE 'UTC', v_iso),
                        'checkOutReceivedAt', to_char(r.check_out_received_at AT TIME ZONE 'UTC', v_iso)));
            outcome := 'updated';
          ELSE
            -- checked out or finalised between the read and the UPDATE (another request, the leader's confirm)
            SELECT * INTO b FROM attendance t WHERE t.id = v_id;
            IF b.check_out_at IS NULL THEN outcome := 'finalised'; RETURN NEXT; RETURN; END IF;
            outcome := 'existing';
          END IF;
        END IF;

        RETURN QUERY SELECT outcome, NULL::text, user_id, user_phone, user_role, user_site_id, user_volunteer_id, a.starts_at, a.ends_at,
            t.id, t.activity_id, t.volunteer_id, t.check_in_at, t.check_out_at, t.method::text, t.minutes, t.status::text, t.confirmed_by,
            t.confirmed_at, t.rejected_reason, t.received_at, t.check_out_received_at, t.checkin_key::text, t.checkout_key::text,
            (SELECT CASE WHEN nu.id IS NULL THEN NULL
                         WHEN nuv.name IS NOT NULL THEN nuv.name
                         WHEN nu.role = 'county_admin' THEN '县文明办管理员'
                         WHEN nu.role = 'site_admin' THEN coalesce(nus.name, '') || '管理员'
                         ELSE '志愿者' END
               FROM users nu LEFT JOIN volunteers nuv ON nuv.id = nu.volunteer_id LEFT JOIN sites nus ON nus.id = nu.site_id
              WHERE nu.id = t.confirmed_by)::text
          FROM attendance t WHERE t.id = v_id;
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS attendance_checkout(uuid, int, boolean, uuid, uuid, timestamptz, timestamptz, uuid, text, int, boolean, int)`);
  }
}
