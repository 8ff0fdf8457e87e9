#!/bin/bash
# Does batching pay on the database side? (issue 15, checkin3) pgbench of attendance_checkin for B walk-ins in ONE
# statement (B=1: the single statement the API sent before the batcher), on a database left by
#   BENCH_KEEP=1 BENCH_CHECKIN_DB=<db> node bench/checkin.mjs   (it has bench_ck_users: 60,000 volunteers with logins)
# Usage: bench/checkin-batch-pgbench.sh <db> <B> <clients> [seconds=8]
# Each call makes a new live service day (1 minute long, after the previous one: the same volunteers walk in again
# without an overlap) and prints statements/s, check-ins/s, rows created and the CPU of all postgres processes per
# check-in (bench/pg-cpu.mjs samples them every 50 ms; other work on the same server is counted too).
DB=$1; B=$2; C=$3; T=${4:-8}
U=postgresql://postgres@127.0.0.1:5432/$DB
K=$(psql -qtA $U -c "SELECT count(*) FROM activities WHERE title LIKE '批量签到压测%'")
ACT=$(psql -qtA $U -c "INSERT INTO activities (title, kind, category, site_id, team_id, starts_at, ends_at, capacity, status, checkin_secret)
 SELECT '批量签到压测'||$K, 'service_day','sanitation', site_id, id, now() + make_interval(mins => 5 + $K), now() + make_interval(mins => 6 + $K), NULL, 'published', md5(random()::text)||md5(random()::text) FROM teams ORDER BY name LIMIT 1 RETURNING id" | head -1)
if [ "$B" = 1 ]; then
 printf '\\set n random(1, 60000)\nSELECT outcome FROM attendance_checkin((SELECT user_id FROM bench_ck_users WHERE n = :n), 0, true, NULL, '"'$ACT'"', now(), '"'code'"', NULL, NULL, '"'checkin:'"', 5, true, 30);\n' > /tmp/wenming-ci-batch-$B.sql
else
 printf '\\set n random(1, %d)\nSELECT count(*) FROM bench_ck_users u CROSS JOIN LATERAL attendance_checkin(u.user_id, 0, true, NULL, '"'$ACT'"', now(), '"'code'"', NULL, NULL, '"'checkin:'"', 5, true, 30) f WHERE u.n BETWEEN :n AND :n + %d;\n' $((60000-B)) $((B-1)) > /tmp/wenming-ci-batch-$B.sql
fi
out=$(node "$(dirname "$0")/pg-cpu.mjs" pgbench -n -c $C -j 2 -T $T -f /tmp/wenming-ci-batch-$B.sql $U 2>&1)
pgs=$(echo "$out" | sed -n "s/^PGCPU //p")
tps=$(echo "$out" | sed -n 's/^tps = \([0-9.]*\).*/\1/p')
lat=$(echo "$out" | sed -n 's/latency average = \([0-9.]*\).*/\1/p')
rows=$(psql -qtA $U -c "SELECT count(*) FROM attendance WHERE activity_id = '$ACT'")
echo "B=$B c=$C tps=$tps lat=${lat}ms checkins/s=$(echo "$tps*$B" | bc) created=$rows pgCPUms/checkin=$(echo "scale=3; $pgs*1000/($tps*$B*$T)" | bc) load=$(cut -d' ' -f1-3 /proc/loadavg)"
