#!/usr/bin/env bash
# The server under load and under slow clients (issue 21), on a stored run of STUDENTS:
#
#  1. a school's letter (GET /v1/referrals/{id}/letter) under wrk at each of CONNECTIONS, for
#     DURATION: requests/s, latency percentiles, timeouts (wrk's 2 s) and errors;
#  2. the floor: the same request's SQL, as PostgreSQL logged it for one letter, run by pgbench
#     straight against the database at each of PGBENCH_CLIENTS (the server's pool is 4);
#  3. SLOW slow clients (half a request head, a byte every 5 s, reopened when closed; then a
#     whole head and a body a byte every 5 s) for SLOW_SECONDS while an ordinary client asks
#     for the school's list every 250 ms.
#
# Everything runs in a throwaway PATHWAY_HOME (Benchmarks/lib/served_county.sh) and stops.
#
#   Benchmarks/server_load.sh
#   STUDENTS=700 PROGRAMS=30 DURATION=10s SLOW=2000 SLOW_SECONDS=20 Benchmarks/server_load.sh
#   CONNECTIONS= PGBENCH_CLIENTS= Benchmarks/server_load.sh      # the slow clients only
# BENCHMARKS.md and Benchmarks/RESULTS-server.md record a run.
set -euo pipefail
cd "$(dirname "$0")/.."

STUDENTS=${STUDENTS:-100000}
PROGRAMS=${PROGRAMS:-2000}
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS-"64 256"}
PGBENCH_CLIENTS=${PGBENCH_CLIENTS-"4 64"}
SLOW=${SLOW:-20000}
SLOW_SECONDS=${SLOW_SECONDS:-45}
SLOW_MODES=${SLOW_MODES-"head body"}
PORT=${PORT:-18082}
for tool in wrk pgbench; do
    command -v "$tool" >/dev/null || { echo "server_load.sh: $tool is missing (apt-get install -y wrk postgresql-contrib)" >&2; exit 1; }
done

# shellcheck source=lib/served_county.sh
. Benchmarks/lib/served_county.sh

measure() {
    served_county "$STUDENTS" "$PROGRAMS" load
    # On a failure too, which leaves the function without running a RETURN trap.
    trap served_county_cleanup RETURN EXIT
    read -r SCHOOL ID < <("$PATHWAY" referrals list --run 1 --json | python3 -c '
import json, sys, collections
rows = json.load(sys.stdin)
school = collections.Counter(r["school_id"] for r in rows).most_common(1)[0][0]
print(school, next(r["referral_id"] for r in rows if r["school_id"] == school))')
    TOKEN=$("$PATHWAY" tokens create --school "$SCHOOL" | tail -n 1)
    serve_county "$PORT"
    URL="http://127.0.0.1:$PORT/v1/referrals/$ID/letter"
    echo "$STUDENTS students x $PROGRAMS programmes; school $SCHOOL, referral $ID; $(nproc) cores; $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"

    # The route's SQL: every statement one letter request runs, from PostgreSQL's own log.
    local log offset
    log="$(dirname "$CLUSTER_DATA")/server.log"
    psql "$CONNINFO" -q -c "ALTER SYSTEM SET log_min_duration_statement = 0" -c "SELECT pg_reload_conf()" >/dev/null
    sleep 1
    offset=$(stat -c %s "$log")
    curl -fsS -o /dev/null -H "Authorization: Bearer $TOKEN" "$URL"
    sleep 1
    psql "$CONNINFO" -q -c "ALTER SYSTEM RESET log_min_duration_statement" -c "SELECT pg_reload_conf()" >/dev/null
    tail -c +"$((offset + 1))" "$log" | python3 Benchmarks/lib/pg_log_to_pgbench.py >"$WORK/letter.sql"
    echo "the route's SQL: $(grep -c ';$' "$WORK/letter.sql") statements (BEGIN and COMMIT included)"
    if [ -n "${SQL_OUT:-}" ]; then cp "$WORK/letter.sql" "$SQL_OUT"; fi

    for c in $CONNECTIONS; do
        echo "--- wrk -t2 -c$c -d$DURATION --latency $URL"
        wrk -t2 -c"$c" -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "$URL" \
            | grep -E 'Requests/sec|50%|90%|99%|requests in|Non-2xx|Socket errors' || true
    done
    # The server reaches the database through its pool (4 connections by default), so 4 is
    # the concurrency the floor is measured at; 64 shows what more of them would give.
    for c in $PGBENCH_CLIENTS; do
        echo "--- pgbench -c$c -j2 -T${DURATION%s}: the same SQL straight against the database"
        (cd "$WORK" && rm -f pgbench_log.* && pgbench -n -c "$c" -j 2 -T "${DURATION%s}" -l -f letter.sql "$CONNINFO" \
            >pgbench.out 2>&1 || true; grep -E '^tps|latency average|failed' pgbench.out || cat pgbench.out)
        cat "$WORK"/pgbench_log.* | python3 -c "
import sys
t = sorted(int(line.split()[2]) / 1000 for line in sys.stdin)
if t: print(f'  per transaction: median {t[len(t)//2]:.1f} ms, p90 {t[int(len(t)*0.9)]:.1f} ms, p99 {t[int(len(t)*0.99)]:.1f} ms')"
    done

    for mode in $SLOW_MODES; do
        echo "--- slow clients"
        python3 Benchmarks/lib/slow_clients.py "$PORT" "$TOKEN" "/v1/referrals?limit=50" "$SLOW" "$SLOW_SECONDS" 100 "$mode"
    done
}

measure
