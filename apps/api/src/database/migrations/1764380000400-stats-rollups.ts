import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statistics roll-ups kept current in the same transaction by statement-level triggers (transition tables)
 * on attendance and activities.
 *
 * stats_daily: one row per (Asia/Shanghai start day, site, team, category, kind) of the activity with
 *   activities      = completed activities
 *   person_times    = confirmed attendance records of non-cancelled activities
 *   service_minutes = their minutes
 *   audience_reached= sum of completed activities' audience_reached
 * stats_daily_volunteers: the same key + volunteer_id, person_times; count(DISTINCT volunteer_id) over it is the
 *   exact number of distinct volunteers of any filter on those dimensions.
 * Rows whose counters are all zero are deleted, so every stored row means something took place.
 * No CHECK (x >= 0) on the counters: PostgreSQL checks constraints on the proposed row of INSERT … ON CONFLICT
 * before resolving the conflict, so a negative delta row would fail; `cli.js verify-stats` checks instead.
 */
const DIMS = `day, site_id, team_id, category, kind`;
const LOCAL_DAY = `(a.starts_at AT TIME ZONE 'Asia/Shanghai')::date`;

/** SQL applying a delta relation `d(day, site_id, team_id, category, kind, volunteer_id, acts, pt, mins, aud)` to both roll-ups. */
function applyDelta(deltaSql: string, onlyPositive = false): string {
  const upsert = `
    INSERT INTO stats_daily AS s (${DIMS}, activities, person_times, service_minutes, audience_reached)
    SELECT ${DIMS}, sum(acts), sum(pt), sum(mins), sum(aud) FROM (${deltaSql}) d
    GROUP BY ${DIMS}
    HAVING sum(acts) <> 0 OR sum(pt) <> 0 OR sum(mins) <> 0 OR sum(aud) <> 0
    ORDER BY ${DIMS}
    ON CONFLICT (${DIMS}) DO UPDATE SET
      activities = s.activities + EXCLUDED.activities,
      person_times = s.person_times + EXCLUDED.person_times,
      service_minutes = s.service_minutes + EXCLUDED.service_minutes,
      audience_reached = s.audience_reached + EXCLUDED.audience_reached;

    INSERT INTO stats_daily_volunteers AS v (${DIMS}, volunteer_id, person_times)
    SELECT ${DIMS}, volunteer_id, sum(pt) FROM (${deltaSql}) d
    WHERE volunteer_id IS NOT NULL
    GROUP BY ${DIMS}, volunteer_id
    HAVING sum(pt) <> 0
    ORDER BY ${DIMS}, volunteer_id
    ON CONFLICT (${DIMS}, volunteer_id) DO UPDATE SET person_times = v.person_times + EXCLUDED.person_times;`;
  // an insert only adds: no counter can drop to zero, so the clean-up (a join with the roll-ups) is skipped
  if (onlyPositive) return upsert;
  return `${upsert}

    DELETE FROM stats_daily s USING (SELECT DISTINCT ${DIMS} FROM (${deltaSql}) d) k
    WHERE (s.day, s.site_id, s.team_id, s.category, s.kind) = (k.day, k.site_id, k.team_id, k.category, k.kind)
      AND s.activities = 0 AND s.person_times = 0 AND s.service_minutes = 0 AND s.audience_reached = 0;

    DELETE FROM stats_daily_volunteers v USING (SELECT DISTINCT ${DIMS}, volunteer_id FROM (${deltaSql}) d WHERE volunteer_id IS NOT NULL) k
    WHERE (v.day, v.site_id, v.team_id, v.category, v.kind, v.volunteer_id) = (k.day, k.site_id, k.team_id, k.category, k.kind, k.volunteer_id)
      AND v.person_times = 0;`;
}

/** Confirmed attendance of live activities in transition table `tbl`, with sign `sign`. */
function attendanceDelta(tbl: string, sign: 1 | -1): string {
  return `SELECT ${LOCAL_DAY} AS day, a.site_id, a.team_id, a.category, a.kind, t.volunteer_id,
      0 AS acts, ${sign} AS pt, ${sign}::bigint * t.minutes AS mins, 0::bigint AS aud
    FROM ${tbl} t JOIN activities a ON a.id = t.activity_id
    WHERE t.status = 'confirmed' AND a.status <> 'cancelled'`;
}

/** The whole contribution of the activities in `tbl` (their own counters + their confirmed attendance), with sign. */
function activityDelta(tbl: string, sign: 1 | -1, withAttendance: boolean): string {
  const own = `SELECT ${LOCAL_DAY} AS day, a.site_id, a.team_id, a.category, a.kind, NULL::uuid AS volunteer_id,
      ${sign} AS acts, 0 AS pt, 0::bigint AS mins, ${sign}::bigint * coalesce(a.audience_reached, 0) AS aud
    FROM ${tbl} a WHERE a.status = 'completed'`;
  if (!withAttendance) return own;
  return `${own}
    UNION ALL
    SELECT ${LOCAL_DAY}, a.site_id, a.team_id, a.category, a.kind, t.volunteer_id,
      0, ${sign}, ${sign}::bigint * t.minutes, 0::bigint
    FROM ${tbl} a JOIN attendance t ON t.activity_id = a.id
    WHERE a.status <> 'cancelled' AND t.status = 'confirmed'`;
}

export class StatsRollups1764380000400 implements MigrationInterface {
  name = 'StatsRollups1764380000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stats_daily (
        day date NOT NULL,
        site_id uuid NOT NULL,
        team_id uuid NOT NULL,
        category varchar(30) NOT NULL,
        kind varchar(20) NOT NULL,
        activities int NOT NULL DEFAULT 0,
        person_times int NOT NULL DEFAULT 0,
        service_minutes bigint NOT NULL DEFAULT 0,
        audience_reached bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (day, site_id, team_id, category, kind)
      )`);
    await q.query(`CREATE INDEX idx_stats_daily_team_day ON stats_daily(team_id, day)`);
    await q.query(`CREATE INDEX idx_stats_daily_site_day ON stats_daily(site_id, day)`);
    await q.query(`
      CREATE TABLE stats_daily_volunteers (
        day date NOT NULL,
        site_id uuid NOT NULL,
        team_id uuid NOT NULL,
        category varchar(30) NOT NULL,
        kind varchar(20) NOT NULL,
        volunteer_id uuid NOT NULL,
        person_times int NOT NULL,
        PRIMARY KEY (day, site_id, team_id, category, kind, volunteer_id)
      )`);
    // covering indexes so distinct-volunteer counts are index-only scans
    await q.query(`CREATE INDEX idx_stats_vol_day ON stats_daily_volunteers(day) INCLUDE (volunteer_id, site_id, team_id)`);
    await q.query(`CREATE INDEX idx_stats_vol_team_day ON stats_daily_volunteers(team_id, day) INCLUDE (volunteer_id)`);

    // attendance: insert / update / delete (only confirmed rows of live activities count)
    await q.query(`
      CREATE FUNCTION stats_attendance_ins() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN ${applyDelta(attendanceDelta('new_rows', 1), true)}
        RETURN NULL;
      END $fn$`);
    await q.query(`
      CREATE FUNCTION stats_attendance_upd() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN ${applyDelta(`${attendanceDelta('new_rows', 1)} UNION ALL ${attendanceDelta('old_rows', -1)}`)}
        RETURN NULL;
      END $fn$`);
    await q.query(`
      CREATE FUNCTION stats_attendance_del() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN ${applyDelta(attendanceDelta('old_rows', -1))}
        RETURN NULL;
      END $fn$`);
    await q.query(
      `CREATE TRIGGER trg_stats_attendance_ins AFTER INSERT ON attendance REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_attendance_ins()`,
    );
    await q.query(
      `CREATE TRIGGER trg_stats_attendance_upd AFTER UPDATE ON attendance REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_attendance_upd()`,
    );
    await q.query(
      `CREATE TRIGGER trg_stats_attendance_del AFTER DELETE ON attendance REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_attendance_del()`,
    );

    // activities: completion / cancellation / audience and every dimension (day, site, team, category, kind)
    await q.query(`
      CREATE FUNCTION stats_activities_ins() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN ${applyDelta(activityDelta('new_rows', 1, false), true)}
        RETURN NULL;
      END $fn$`);
    // only activities whose counted attributes changed; attendance is moved with its activity
    const changed = (side: 'n' | 'o') => `(SELECT ${side}.* FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.status, n.audience_reached, n.starts_at, n.site_id, n.team_id, n.category, n.kind)
          IS DISTINCT FROM (o.status, o.audience_reached, o.starts_at, o.site_id, o.team_id, o.category, o.kind))`;
    await q.query(`
      CREATE FUNCTION stats_activities_upd() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM ${changed('n')} c) THEN RETURN NULL; END IF;
        ${applyDelta(`${activityDelta(changed('n'), 1, true)} UNION ALL ${activityDelta(changed('o'), -1, true)}`)}
        RETURN NULL;
      END $fn$`);
    await q.query(`
      CREATE FUNCTION stats_activities_del() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN ${applyDelta(activityDelta('old_rows', -1, false))}
        RETURN NULL;
      END $fn$`);
    await q.query(
      `CREATE TRIGGER trg_stats_activities_ins AFTER INSERT ON activities REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_activities_ins()`,
    );
    await q.query(
      `CREATE TRIGGER trg_stats_activities_upd AFTER UPDATE ON activities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_activities_upd()`,
    );
    await q.query(
      `CREATE TRIGGER trg_stats_activities_del AFTER DELETE ON activities REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stats_activities_del()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['attendance', 'activities']) for (const e of ['ins', 'upd', 'del']) await q.query(`DROP TRIGGER IF EXISTS trg_stats_${t}_${e} ON ${t}`);
    for (const t of ['attendance', 'activities']) for (const e of ['ins', 'upd', 'del']) await q.query(`DROP FUNCTION IF EXISTS stats_${t}_${e}()`);
    await q.query(`DROP TABLE IF EXISTS stats_daily_volunteers`);
    await q.query(`DROP TABLE IF EXISTS stats_daily`);
  }
}
