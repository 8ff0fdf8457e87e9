// "County ten years": 350 sites, 300+ teams, 30,000 volunteers, 60,000 activities, ~2,000,000 confirmed attendance.
// Usage: node bench/generate.mjs   (needs apps/api built: pnpm --filter @wenming/api build)
// Creates the dedicated database wenming_bench (BENCH_DB) on BENCH_SERVER_URL, migrates and seeds the Qingshui
// county with the API's own CLI, then generates the history server-side with generate_series (no data crosses the
// wire). The statistics triggers stay ON: the roll-ups are maintained by the load itself, year by year.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { API, DB_NAME, SERVER_URL, dbUrl, ms, now, withClient } from './lib.mjs';

const VOLUNTEERS = Number(process.env.BENCH_VOLUNTEERS ?? 30000);
const ACTIVITIES = Number(process.env.BENCH_ACTIVITIES ?? 60000);
const YEARS = 10;
const FIRST_DAY = '2016-11-20';

export async function generate() {
  const t0 = now();
  await withClient(SERVER_URL, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${DB_NAME}"`);
  });
  const env = { ...process.env, DATABASE_URL: dbUrl(), DATA_DIR: '/tmp/wenming-bench-data', SEED_DEMO: 'true' };
  execFileSync(process.execPath, [join(API, 'dist/database/cli.js'), 'seed'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  console.log(`migrated + seeded the county in ${ms(t0).toFixed(0)} ms`);

  await withClient(dbUrl(), async (c) => {
    const step = async (label, sql, params) => {
      const t = now();
      const r = await c.query(sql, params);
      console.log(`${label}: ${r.rowCount ?? ''} rows in ${(ms(t) / 1000).toFixed(1)} s`);
    };
    await c.query(`SELECT setseed(0.20261129)`);
    // volunteers up to 30,000, spread over the stations
    await step(
      'volunteers',
      `WITH st AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS i, count(*) OVER () AS n FROM sites WHERE level = 'station')
       INSERT INTO volunteers (name, phone, gender, site_id)
       SELECT '志愿者' || g, '19' || lpad(g::text, 9, '0'), CASE WHEN g % 2 = 0 THEN 'female' ELSE 'male' END, st.id
       FROM generate_series(1, greatest($1::int - (SELECT count(*) FROM volunteers)::int, 0)) g JOIN st ON st.i = g % st.n`,
      [VOLUNTEERS],
    );
    await c.query(`CREATE TEMP TABLE vol AS SELECT row_number() OVER (ORDER BY id) - 1 AS o, id FROM volunteers`);
    await c.query(`CREATE UNIQUE INDEX ON vol (o)`);
    await c.query(`CREATE TEMP TABLE tms AS SELECT row_number() OVER (ORDER BY id) - 1 AS o, id, site_id FROM teams`);
    await c.query(`ANALYZE vol; ANALYZE tms`);
    const [{ nvol }] = (await c.query(`SELECT count(*)::int AS nvol FROM vol`)).rows;
    const [{ nteams }] = (await c.query(`SELECT count(*)::int AS nteams FROM tms`)).rows;
    // activities, then their attendance, one year per statement (each statement fires the roll-up triggers once)
    const perYear = Math.ceil(ACTIVITIES / YEARS);
    for (let y = 0; y < YEARS; y++) {
      const range = [y * perYear + 1, Math.min((y + 1) * perYear, ACTIVITIES)];
      await step(
        `year ${y + 1} activities`,
        `WITH x AS (
           SELECT g, random() AS r, random() AS rk, floor(random() * $3::int)::int AS team_o,
             $4::date + ($5::int * 365 + floor(random() * 365)::int) AS d0, 8 + floor(random() * 10)::int AS hr,
             (ARRAY['civility_persuasion','law_education','sanitation','waste_sorting','elderly_care','theory_lecture','customs_reform','health','tutoring','other'])[1 + floor(random() * 10)::int] AS cat,
             floor(random() * 200)::int AS aud
           FROM generate_series($1::int, $2::int) g),
         y AS (SELECT x.*, CASE WHEN rk < 0.45 THEN 'service_day' WHEN rk < 0.7 THEN 'themed' WHEN rk < 0.9 THEN 'menu_service' ELSE 'lecture' END AS kind FROM x),
         z AS (SELECT y.*, ((d0 + CASE WHEN kind = 'service_day' THEN (12 - extract(isodow FROM d0)::int) % 7 ELSE 0 END)::timestamp
                 + make_interval(hours => hr)) AT TIME ZONE 'Asia/Shanghai' AS starts_at FROM y)
         INSERT INTO activities (title, kind, category, site_id, team_id, starts_at, ends_at, status, audience_reached, checkin_secret, description)
         SELECT '活动' || g, kind, cat, t.site_id, t.id, starts_at, starts_at + interval '2 hours',
           CASE WHEN r < 0.95 THEN 'completed' WHEN r < 0.97 THEN 'cancelled' ELSE 'published' END,
           CASE WHEN r < 0.95 THEN aud END, md5(g::text), 'bench'
         FROM z JOIN tms t ON t.o = z.team_o`,
        [...range, nteams, FIRST_DAY, y],
      );
      // ~33 attendees per activity from the team's neighbourhood of volunteers; ~97 % confirmed, the rest rejected/pending
      await step(
        `year ${y + 1} attendance`,
        `WITH a AS (
           SELECT a.id, a.starts_at, a.ends_at, a.status, t.o AS team_o, 20 + floor(random() * 27)::int AS n, floor(random() * 120)::int AS off
           FROM activities a JOIN tms t ON t.id = a.team_id
           WHERE a.description = 'bench' AND a.title = ANY (SELECT '活动' || g FROM generate_series($2::int, $3::int) g)),
         j AS (SELECT a.*, j, random() AS q FROM a CROSS JOIN LATERAL generate_series(0, a.n - 1) j)
         INSERT INTO attendance (activity_id, volunteer_id, check_in_at, check_out_at, method, minutes, status)
         SELECT j.id, v.id, j.starts_at, j.ends_at, 'code',
           CASE WHEN q < 0.985 THEN 30 + floor(random() * 91)::int END,
           CASE WHEN j.status = 'cancelled' THEN 'rejected' WHEN q < 0.97 THEN 'confirmed' WHEN q < 0.985 THEN 'rejected' ELSE 'pending' END
         FROM j JOIN vol v ON v.o = (j.team_o * 97 + j.off + j.j) % $1::int`,
        [nvol, ...range],
      );
    }
    // VACUUM as autovacuum would in steady state: sets the visibility map so distinct counts are index-only scans
    await step('vacuum analyze', `VACUUM ANALYZE`);
    const { rows } = await c.query(`SELECT (SELECT count(*) FROM sites) AS sites, (SELECT count(*) FROM teams) AS teams,
      (SELECT count(*) FROM volunteers) AS volunteers, (SELECT count(*) FROM activities) AS activities,
      (SELECT count(*) FROM attendance WHERE status = 'confirmed') AS confirmed_attendance, (SELECT count(*) FROM attendance) AS attendance,
      (SELECT count(*) FROM stats_daily) AS stats_daily_rows, (SELECT count(*) FROM stats_daily_volunteers) AS stats_daily_volunteers_rows,
      pg_size_pretty(pg_database_size(current_database())) AS db_size`);
    console.log(rows[0]);
  });
  console.log(`generated in ${(ms(t0) / 1000).toFixed(1)} s`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  generate().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
