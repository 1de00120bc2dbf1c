#!/usr/bin/env bash
# The school API under load: sustained requests per second and p99 latency of a 200-referral
# JSON pull (GET /v1/referrals), measured with wrk on loopback against a release build.
#
# Everything runs in a throwaway PATHWAY_HOME: its own local PostgreSQL (durable, fsync on,
# as a county office runs it), a 1200-student fictional county, 200 sent referrals for one
# school and 1000 for the others. Each request checks the token, reads the page and writes its
# audit entry in one transaction, as in production. Stops everything it started.
#
#   Benchmarks/api_load.sh                  # 30 s runs
#   DURATION=10s CONNECTIONS="4 16" BUILD_LOCK=/tmp/pathway-build.lock Benchmarks/api_load.sh
# Figures go to stdout; Benchmarks/RESULTS-api.md records a run.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-"1 4 16 64"}
PORT=${PORT:-18080}
POOL=${POOL:-4}

if ! command -v wrk >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
    else
        echo "api_load.sh: wrk is missing; install it with: apt-get install -y wrk" >&2
        exit 1
    fi
fi

# BUILD_LOCK=/tmp/pathway-build.lock serialises the build with others sharing the machine.
${BUILD_LOCK:+flock "$BUILD_LOCK"} swift build -c release --product pathway 2>&1 | tail -1
PATHWAY="$(swift build -c release --show-bin-path)/pathway"

WORK=$(mktemp -d /tmp/pathway-api-bench-XXXXXX)
chmod 711 "$WORK"
export PATHWAY_HOME="$WORK/home"
export PATHWAY_ACTOR=bench
unset DATABASE_URL PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGSERVICE
SERVER_PID=
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    "$PATHWAY" db stop >/dev/null 2>&1 || true
    rm -rf "$WORK"
    # Run as root, the cluster lives outside PATHWAY_HOME: remove it too.
    if [ -n "${CLUSTER_DATA:-}" ]; then rm -rf "$(dirname "$CLUSTER_DATA")"; fi
}
trap cleanup EXIT

"$PATHWAY" seed generate --students 1200 --programs 30 --seed 7 --out "$WORK/seeds" >/dev/null
"$PATHWAY" import schools "$WORK/seeds/schools.csv" >/dev/null
"$PATHWAY" import programs "$WORK/seeds/programs.csv" >/dev/null
"$PATHWAY" import students "$WORK/seeds/students.csv" >/dev/null
STATUS=$("$PATHWAY" db status --json)
CONNINFO=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["target"])' <<<"$STATUS")
CLUSTER_DATA=$("$PATHWAY" db start --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"])')

# 200 sent referrals for the first school, 1000 for the others, as `pathway referrals` would
# leave them after sending.
SCHOOL=$(psql "$CONNINFO" -Atq -c "SELECT school_id FROM programs GROUP BY school_id ORDER BY school_id COLLATE \"C\" LIMIT 1")
psql "$CONNINFO" -q -v ON_ERROR_STOP=1 -v school="$SCHOOL" <<'SQL'
WITH run AS (
    INSERT INTO match_runs (strategy, settings, student_count, placed_count, candidate_count, created_by)
    VALUES ('stable', '{}', 1200, 1200, 1200, 'bench') RETURNING run_id
), students_in_order AS (
    SELECT region, student_id, row_number() OVER (ORDER BY student_id COLLATE "C") - 1 AS i FROM students
), mine AS (
    SELECT program_id, school_id, row_number() OVER (ORDER BY program_id) - 1 AS i, count(*) OVER () AS n
    FROM programs WHERE school_id = :'school'
), theirs AS (
    SELECT program_id, school_id, row_number() OVER (ORDER BY program_id) - 1 AS i, count(*) OVER () AS n
    FROM programs WHERE school_id <> :'school'
)
INSERT INTO referrals (region, reference_number, run_id, student_id, program_id, school_id, score, status, assignee, sent_at)
SELECT s.region, 'BENCH-' || s.i, run.run_id, s.student_id, p.program_id, p.school_id, 55 + (s.i % 45) + 0.25,
       'sent', '招生办', now()
FROM students_in_order s
CROSS JOIN run
JOIN LATERAL (
    SELECT program_id, school_id FROM mine WHERE s.i < 200 AND mine.i = s.i % mine.n
    UNION ALL
    SELECT program_id, school_id FROM theirs WHERE s.i >= 200 AND theirs.i = s.i % theirs.n
) p ON true;
SQL
TOKEN=$("$PATHWAY" tokens create --school "$SCHOOL" --label "load test" | tail -n 1)

"$PATHWAY" serve --port "$PORT" --connections "$POOL" 2>"$WORK/serve.log" &
SERVER_PID=$!
for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
    sleep 0.1
done
URL="http://127.0.0.1:$PORT/v1/referrals?format=json"
ROWS=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$URL" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
BYTES=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$URL" | wc -c)
echo "school $SCHOOL: $ROWS referrals per pull, $BYTES bytes of JSON; server pool $POOL connections"
echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1); $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"

for c in $CONNECTIONS; do
    threads=$(( c < 2 ? 1 : 2 ))
    echo "--- wrk -t$threads -c$c -d$DURATION --latency -H 'Authorization: Bearer …' '$URL'"
    wrk -t"$threads" -c"$c" -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "$URL" \
        | grep -E 'Requests/sec|Latency|50%|90%|99%|requests in|Non-2xx|Socket errors'
done
PULLS=$(psql "$CONNINFO" -Atq -c "SELECT count(*) FROM audit_log WHERE action = 'referrals.pull'")
echo "audit entries written for pulls: $PULLS"
