import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15, part 1: the live check-in in one round trip. `attendance_checkin(…)` does, in one statement, what the
 * guard and CheckinService did in ~12: the login (exists, not disabled, token version), its volunteer, the activity
 * (exists, live, in the window), the wrong-code limiter, the existing row (idempotent answer), the sign-up or the
 * walk-in seat (capacity under the activity's row lock, the overlap rule under the volunteer's row lock — the same
 * lock order and the same statements as CheckinActivityService.seatWalkIn), the attendance row and the audit
 * entries. It answers one row: an outcome code (the service maps it to the same AppError as before) and the
 * attendance columns. Refusals happen before any write, so a refused call changes nothing.
 *
 * `p_check_session` false skips the login checks (the caller already resolved the login and passes `p_volunteer`);
 * `p_limit_key` null skips the limiter; `p_live_only` false also accepts a completed activity and skips the window
 * (offline records judge their own window).
 *
 * Plain PL/pgSQL: runs on PGlite too.
 */
export class CheckinOneStatement1764900100000 implements MigrationInterface {
  name = 'CheckinOneStatement1764900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION attendance_checkin(
        p_user uuid, p_ver int, p_check_session boolean, p_volunteer uuid, p_activity uuid, p_at timestamptz, p_method text, p_received timestamptz,
        p_key uuid, p_limit_key text, p_limit int, p_live_only boolean, p_opens_before_minutes int)
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
        v_signup text;
        v_again text;
        v_taken bigint;
        v_clash text;
        v_id uuid;
        r attendance%ROWTYPE;
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

        SELECT x.id, x.kind, x.status, x.starts_at, x.ends_at, x.capacity INTO a FROM activities x WHERE x.id = p_activity;
        IF NOT FOUND THEN outcome := 'not_found'; RETURN NEXT; RETURN; END IF;
        starts_at := a.starts_at; ends_at := a.ends_at;
        IF NOT (a.status = 'published' OR (NOT p_live_only AND a.status = 'completed')) THEN
          outcome := 'not_open'; detail := a.status; RETURN NEXT; RETURN;
        END IF;
        IF p_live_only AND NOT (p_at >= a.starts_at - make_interval(mins => p_opens_before_minutes) AND p_at <= a.ends_at) THEN
          outcome := 'window'; RETURN NEXT; RETURN;
        END IF;
        IF p_limit_key IS NOT NULL AND coalesce((SELECT l.hits FROM rate_limits l WHERE l.key = p_limit_key || v_vid || ':' || p_activity AND l.expires_at > now()), 0) >= p_limit THEN
          outcome := 'blocked'; RETURN NEXT; RETURN;
        END IF;

        SELECT t.id INTO v_id FROM attendance t WHERE t.activity_id = p_activity AND t.volunteer_id = v_vid;
        IF v_id IS NULL THEN
          SELECT s.status INTO v_signup FROM signups s WHERE s.activity_id = p_activity AND s.volunteer_id = v_vid;
          IF v_signup IS DISTINCT FROM 'confirmed' THEN
            IF a.kind <> 'service_day' THEN outcome := 'not_signed_up'; RETURN NEXT; RETURN; END IF;
            -- the walk-in's seat (CheckinActivityService.seatWalkIn, statement for statement)
            IF a.capacity IS NOT NULL THEN PERFORM 1 FROM activities x WHERE x.id = p_activity FOR UPDATE; END IF;
            SELECT s.status INTO v_again FROM signups s WHERE s.activity_id = p_activity AND s.volunteer_id = v_vid;
            IF v_again IS DISTINCT FROM 'confirmed' THEN
              IF a.capacity IS NOT NULL THEN
                SELECT (SELECT count(*) FROM signups s WHERE s.activity_id = p_activity AND s.status = 'confirmed')
                     + (SELECT count(*) FROM attendance t WHERE t.activity_id = p_activity AND NOT EXISTS (
                          SELECT 1 FROM signups s WHERE s.activity_id = t.activity_id AND s.volunteer_id = t.volunteer_id AND s.status = 'confirmed'))
                  INTO v_taken;
                IF v_taken >= a.capacity THEN outcome := 'full'; detail := a.capacity::text; RETURN NEXT; RETURN; END IF;
              END IF;
              PERFORM 1 FROM volunteers x WHERE x.id = v_vid FOR UPDATE;
              SELECT o.title INTO v_clash FROM signups s JOIN activities o ON o.id = s.activity_id
               WHERE s.volunteer_id = v_vid AND s.status = 'confirmed' AND o.id <> p_activity
                 AND o.status <> 'cancelled' AND o.starts_at < a.ends_at AND o.ends_at > a.starts_at
               ORDER BY o.starts_at LIMIT 1;
              IF FOUND THEN outcome := 'overlap'; detail := v_clash; RETURN NEXT; RETURN; END IF;
              INSERT INTO signups (activity_id, volunteer_id, status, signed_up_by) VALUES (p_activity, v_vid, 'confirmed', p_user)
                ON CONFLICT (activity_id, volunteer_id) DO UPDATE SET status = 'confirmed', updated_at = clock_timestamp();
              INSERT INTO audit_entries (actor_user_id, action, entity, entity_id, before, after)
                VALUES (p_user, 'signup.walk_in', 'signup', p_activity || ':' || v_vid,
                        CASE WHEN v_again IS NULL THEN NULL ELSE jsonb_build_object('status', v_again) END,
                        jsonb_build_object('status', 'confirmed', 'walkIn', true));
            END IF;
          END IF;
          INSERT INTO attendance AS t (activity_id, volunteer_id, check_in_at, method, recorded_by, received_at, checkin_key)
            VALUES (p_activity, v_vid, p_at, p_method, p_user, p_received, p_key)
            ON CONFLICT (activity_id, volunteer_id) DO NOTHING
            RETURNING t.* INTO r;
          IF r.id IS NOT NULL THEN
            INSERT INTO audit_entries (actor_user_id, action, entity, entity_id, after)
              VALUES (p_user, CASE WHEN p_received IS NULL THEN 'attendance.checkin' ELSE 'attendance.checkin_offline' END, 'attendance', r.id::text,
                      jsonb_build_object('checkInAt', to_char(r.check_in_at AT TIME ZONE 'UTC', v_iso),
                        'checkOutAt', to_char(r.check_out_at AT TIME ZONE 'UTC', v_iso), 'method', r.method, 'minutes', r.minutes,
                        'status', r.status, 'rejectedReason', r.rejected_reason,
                        'receivedAt', to_char(r.received_at AT TIME ZONE 'UTC', v_iso),
                        'checkOutReceivedAt', to_char(r.check_out_received_at AT TIME ZONE 'UTC', v_iso)));
            outcome := 'created';
            v_id := r.id;
          ELSE
            outcome := 'existing';
            SELECT t.id INTO v_id FROM attendance t WHERE t.activity_id = p_activity AND t.volunteer_id = v_vid;
          END IF;
        ELSE
          outcome := 'existing';
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
    await q.query(`DROP FUNCTION IF EXISTS attendance_checkin(uuid, int, boolean, uuid, uuid, timestamptz, text, timestamptz, uuid, text, int, boolean, int)`);
  }
}
