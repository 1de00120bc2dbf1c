#!/usr/bin/env bash
# What county staff wait for in the console, on a small and a large county: the overview (the
# ledger's figures for the whole county), the ledger, the caseloads, the students list, the
# referrals list of a run, a student's page, a run's report; and a match run started from the
# console, from the POST to its task page saying done, against the same run on the command
# line. Each size gets a throwaway PATHWAY_HOME, a fictional county, a stable run whose
# placements are referred and sent, an administrator, and `pathway serve`; each page is asked
# for REQUESTS times one after another with curl, and the median, p90 and max printed. Stops
# everything it started.
#
#   Benchmarks/console_pages.sh                       # builds and measures this checkout
#   SIZES="700:30" REQUESTS=10 Benchmarks/console_pages.sh
# BENCHMARKS.md records a run.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"700:30 100000:2000"}
REQUESTS=${REQUESTS:-10}
PORT=${PORT:-18083}

if [ -z "${PATHWAY:-}" ]; then
    swift build -c release --product pathway 2>&1 | tail -1
    PATHWAY="$(swift build -c release --show-bin-path)/pathway"
fi
export PATHWAY_ACTOR=bench LANG=C.UTF-8
unset DATABASE_URL PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGSERVICE PATHWAY_LANG LC_ALL

summary() {  # NAME, times in seconds on stdin
    python3 -c "
import sys
t = sorted(float(x) * 1000 for x in sys.stdin)
print(f'  {sys.argv[1]:<34} {len(t)} requests, median {t[len(t)//2]:8.1f} ms, p90 {t[int(len(t)*0.9)]:8.1f} ms, max {t[-1]:8.1f} ms')" "$1"
}

measure() {
    local students=$1 programs=$2
    WORK=$(mktemp -d /tmp/pathway-console-bench-XXXXXX)
    chmod 711 "$WORK"
    export PATHWAY_HOME="$WORK/home"
    SERVER_PID=
    CLUSTER_DATA=
    cleanup() {
        if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
        "$PATHWAY" db stop >/dev/null 2>&1 || true
        if [ -n "$CLUSTER_DATA" ]; then rm -rf "$(dirname "$CLUSTER_DATA")"; fi
        rm -rf "$WORK"
    }
    trap cleanup RETURN
    "$PATHWAY" seed generate --students "$students" --programs "$programs" --seed 11 --out "$WORK/seeds" >/dev/null
    for kind in schools programs students; do "$PATHWAY" import "$kind" "$WORK/seeds/$kind.csv" >/dev/null; done
    CLUSTER_DATA=$("$PATHWAY" db start --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"])')
    local start end
    start=$(date +%s.%N)
    "$PATHWAY" match run --strategy stable --json >/dev/null
    end=$(date +%s.%N)
    local cli_run
    cli_run=$(python3 -c "print(f'{($end - $start) * 1000:.0f}')")
    "$PATHWAY" referrals create --run 1 --assignee 王老师 >/dev/null
    CONNINFO=$("$PATHWAY" db status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["target"])')
    # Sent in one statement (setup, not measured), a week ago; every tenth declined, back on the ledger.
    psql "$CONNINFO" -q -v ON_ERROR_STOP=1 -c "UPDATE referrals SET status = 'sent', sent_at = now() - interval '7 days', updated_at = now()"
    psql "$CONNINFO" -q -v ON_ERROR_STOP=1 -c "UPDATE referrals SET status = 'declined', updated_at = now() WHERE referral_id % 10 = 0"
    STUDENT=$(psql "$CONNINFO" -Atq -c "SELECT student_id FROM referrals ORDER BY referral_id LIMIT 1")
    PASSWORD=$("$PATHWAY" users create li --name 李主任 --role administrator | tail -n 1)
    "$PATHWAY" serve --port "$PORT" >/dev/null 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
    local base="http://127.0.0.1:$PORT" jar="$WORK/jar"
    token=$(curl -fsS -c "$jar" -b "$jar" "$base/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
    curl -fsS -o /dev/null -c "$jar" -b "$jar" \
        --data-urlencode "_csrf=$token" --data-urlencode "username=li" --data-urlencode "password=$PASSWORD" "$base/login"
    csrf=$(curl -fsS -b "$jar" "$base/console/settings" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
    echo "$students students x $programs programmes (every tenth referral declined):"
    for page in "/console" "/console/followup" "/console/caseloads" "/console/students" "/console/referrals?run=1" \
                "/console/students/$STUDENT" "/console/runs/1/report"; do
        for _ in $(seq "$REQUESTS"); do
            curl -fsS -o /dev/null -b "$jar" -w '%{time_total}\n' "$base$page"
        done | summary "GET $page"
    done
    # A stable run from the console: POST, then the task's page until it says done.
    start=$(date +%s.%N)
    location=$(curl -fsS -o /dev/null -b "$jar" -w '%{redirect_url}' \
        --data-urlencode "_csrf=$csrf" --data-urlencode "strategy=stable" "$base/console/runs")
    while curl -fsS -b "$jar" "$location" | grep -q 'id="running"'; do sleep 0.2; done
    end=$(date +%s.%N)
    python3 -c "print(f'  a stable run from the console            {($end - $start) * 1000:8.0f} ms to done (polled every 0.2 s); on the command line {$cli_run} ms')"
}

for size in $SIZES; do measure "${size%%:*}" "${size##*:}"; done
