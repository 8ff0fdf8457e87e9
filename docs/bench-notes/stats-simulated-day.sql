\timing on
SELECT pg_relation_size('stats_period_bits') AS heap_before, pg_total_relation_size('stats_period_bits') AS total_before, (SELECT count(*) FROM stats_period_bits) AS rows_before;
SELECT pg_relation_size('stats_period_sums') AS sums_heap_before, pg_total_relation_size('stats_period_sums') AS sums_total_before, (SELECT count(*) FROM stats_period_sums) AS sums_rows_before;
CREATE TEMP TABLE dayacts AS
WITH t AS (SELECT id, site_id, row_number() OVER (ORDER BY id) AS o FROM teams ORDER BY id LIMIT 20)
SELECT t.o, t.id AS team_id, t.site_id FROM t;
INSERT INTO activities (title, kind, category, site_id, team_id, starts_at, ends_at, status, audience_reached, checkin_secret, description)
SELECT '模拟日' || o, (ARRAY['service_day','themed','menu_service','lecture'])[1 + o % 4], (ARRAY['civility_persuasion','law_education','sanitation','waste_sorting','elderly_care','theory_lecture','customs_reform','health','tutoring','other'])[1 + o % 10],
  site_id, team_id, timestamptz '2026-11-27 09:00+08', timestamptz '2026-11-27 11:00+08', 'published', NULL, md5(o::text || 'sim'), 'simday'
FROM dayacts;
-- check-ins: pending, one row per statement for 200 rows, then the rest in batches
DO $$
DECLARE a record; i int := 0;
BEGIN
  FOR a IN SELECT ac.id AS aid, v.id AS vid FROM activities ac CROSS JOIN LATERAL (SELECT id FROM volunteers ORDER BY md5(id::text || ac.id::text) LIMIT 33) v WHERE ac.description = 'simday' LOOP
    INSERT INTO attendance (activity_id, volunteer_id, check_in_at, check_out_at, method, minutes, status) VALUES (a.aid, a.vid, now(), now(), 'code', 90, 'pending');
  END LOOP;
END $$;
-- confirmations in batches of 5 (a leader's review)
DO $$
DECLARE ids uuid[];
BEGIN
  LOOP
    SELECT array_agg(id) INTO ids FROM (SELECT t.id FROM attendance t JOIN activities a ON a.id = t.activity_id WHERE a.description = 'simday' AND t.status = 'pending' ORDER BY t.id LIMIT 5) x;
    EXIT WHEN ids IS NULL;
    UPDATE attendance SET status = 'confirmed' WHERE id = ANY(ids);
  END LOOP;
END $$;
-- 10 rejections, one by one
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT t.id FROM attendance t JOIN activities a ON a.id = t.activity_id WHERE a.description = 'simday' ORDER BY t.id LIMIT 10 LOOP
    UPDATE attendance SET status = 'rejected', rejected_reason = '模拟' WHERE id = r.id;
  END LOOP;
END $$;
UPDATE activities SET status = 'completed', audience_reached = 50 WHERE description = 'simday';
SELECT pg_relation_size('stats_period_bits') AS heap_after_day, pg_total_relation_size('stats_period_bits') AS total_after_day, (SELECT count(*) FROM stats_period_bits) AS rows_after, n_tup_upd, n_tup_hot_upd, n_dead_tup FROM pg_stat_user_tables WHERE relname = 'stats_period_bits';
SELECT pg_relation_size('stats_period_sums') AS sums_heap_after_day, pg_total_relation_size('stats_period_sums') AS sums_total_after_day, n_tup_upd, n_tup_hot_upd, n_dead_tup FROM pg_stat_user_tables WHERE relname = 'stats_period_sums';
VACUUM ANALYZE stats_period_bits;
VACUUM ANALYZE stats_period_sums;
SELECT pg_relation_size('stats_period_bits') AS heap_after_vacuum, pg_total_relation_size('stats_period_bits') AS total_after_vacuum;
SELECT pg_relation_size('stats_period_sums') AS sums_heap_after_vacuum, pg_total_relation_size('stats_period_sums') AS sums_total_after_vacuum;
