import { MigrationInterface, QueryRunner } from 'typeorm';

/** Activities, Friday service-day schedules, sign-ups and attendance. */
export class Activities1764380000100 implements MigrationInterface {
  name = 'Activities1764380000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE service_day_schedules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team_id uuid NOT NULL REFERENCES teams(id),
        site_id uuid NOT NULL REFERENCES sites(id),
        title varchar(200) NOT NULL,
        category varchar(30) NOT NULL CHECK (category IN ('civility_persuasion','law_education','sanitation','waste_sorting','elderly_care','theory_lecture','customs_reform','health','tutoring','other')),
        weekday smallint NOT NULL DEFAULT 5 CHECK (weekday BETWEEN 1 AND 7),
        start_time varchar(5) NOT NULL CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        end_time varchar(5) NOT NULL CHECK (end_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        capacity int CHECK (capacity IS NULL OR capacity >= 1),
        skip_dates date[] NOT NULL DEFAULT '{}',
        description text NOT NULL DEFAULT '',
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz,
        CONSTRAINT chk_schedules_dates CHECK (ends_on >= starts_on),
        CONSTRAINT chk_schedules_times CHECK (end_time > start_time)
      )`);
    await q.query(`CREATE INDEX idx_schedules_team ON service_day_schedules(team_id)`);

    await q.query(`
      CREATE TABLE activities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title varchar(200) NOT NULL,
        kind varchar(20) NOT NULL CHECK (kind IN ('service_day','menu_service','themed','lecture')),
        category varchar(30) NOT NULL CHECK (category IN ('civility_persuasion','law_education','sanitation','waste_sorting','elderly_care','theory_lecture','customs_reform','health','tutoring','other')),
        site_id uuid NOT NULL REFERENCES sites(id),
        team_id uuid NOT NULL REFERENCES teams(id),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        capacity int CHECK (capacity IS NULL OR capacity >= 1),
        status varchar(20) NOT NULL DEFAULT 'published' CHECK (status IN ('draft','published','completed','cancelled')),
        audience_reached int CHECK (audience_reached IS NULL OR audience_reached >= 0),
        schedule_id uuid REFERENCES service_day_schedules(id),
        service_order_id uuid,
        description text NOT NULL DEFAULT '',
        checkin_secret varchar(64) NOT NULL,
        cancel_reason text,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        cancelled_at timestamptz,
        CONSTRAINT chk_activities_times CHECK (ends_at > starts_at AND ends_at - starts_at <= interval '24 hours')
      )`);
    await q.query(`CREATE INDEX idx_activities_starts ON activities(starts_at)`);
    await q.query(`CREATE INDEX idx_activities_team_starts ON activities(team_id, starts_at)`);
    await q.query(`CREATE INDEX idx_activities_site_starts ON activities(site_id, starts_at)`);
    await q.query(`CREATE INDEX idx_activities_schedule ON activities(schedule_id)`);

    await q.query(`
      CREATE TABLE signups (
        activity_id uuid NOT NULL REFERENCES activities(id),
        volunteer_id uuid NOT NULL REFERENCES volunteers(id),
        status varchar(20) NOT NULL CHECK (status IN ('confirmed','waitlisted','cancelled')),
        signed_up_by uuid,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (activity_id, volunteer_id)
      )`);
    await q.query(`CREATE INDEX idx_signups_activity_status ON signups(activity_id, status, created_at)`);
    await q.query(`CREATE INDEX idx_signups_volunteer ON signups(volunteer_id)`);

    await q.query(`
      CREATE TABLE attendance (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        activity_id uuid NOT NULL REFERENCES activities(id),
        volunteer_id uuid NOT NULL REFERENCES volunteers(id),
        check_in_at timestamptz NOT NULL,
        check_out_at timestamptz,
        method varchar(10) NOT NULL CHECK (method IN ('code','manual')),
        minutes int CHECK (minutes IS NULL OR minutes >= 0),
        status varchar(20) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','confirmed','rejected')),
        confirmed_by uuid,
        confirmed_at timestamptz,
        rejected_reason text,
        recorded_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT chk_attendance_times CHECK (check_out_at IS NULL OR check_out_at >= check_in_at),
        CONSTRAINT chk_attendance_confirmed_minutes CHECK (status <> 'confirmed' OR minutes IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_attendance_activity_volunteer ON attendance(activity_id, volunteer_id)`);
    await q.query(`CREATE INDEX idx_attendance_volunteer ON attendance(volunteer_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['attendance', 'signups', 'activities', 'service_day_schedules']) await q.query(`DROP TABLE IF EXISTS ${t}`);
  }
}
