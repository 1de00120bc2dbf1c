#!/usr/bin/env bash
# What a clerk waits for in the school portal, on a small and a large county: the sign-in (a
# bcrypt check at cost 12), the school's list (first page of 500 rows, with the counts and the
# overdue marks, which judge the region's follow-up ledger), one student's page, and the two
# downloads. Each size gets a throwaway PATHWAY_HOME, a fictional county, a stable run whose
# placements are all referred and sent, a clerk for the school with the most students, and
# `pathway serve`; each request is made REQUESTS times one after another with curl, and the
# median, p90 and max printed. Stops everything it started.
#
#   Benchmarks/portal_pages.sh                       # builds and measures this checkout
#   SIZES="700:30" REQUESTS=10 Benchmarks/portal_pages.sh
# BENCHMARKS.md records a run.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"700:30 100000:2000"}
REQUESTS=${REQUESTS:-20}
PORT=${PORT:-18082}

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
print(f'  {sys.argv[1]:<24} {len(t)} requests, median {t[len(t)//2]:7.1f} ms, p90 {t[int(len(t)*0.9)]:7.1f} ms, max {t[-1]:7.1f} ms')" "$1"
}

measure() {
    local students=$1 programs=$2
    WORK=$(mktemp -d /tmp/pathway-portal-bench-XXXXXX)
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
    "$PATHWAY" match run --strategy stable --json >/dev/null
    "$PATHWAY" referrals create --run 1 --assignee 王老师 >/dev/null
    # Sent in one statement (setup, not measured), a week ago, so that some are overdue.
    CONNINFO=$("$PATHWAY" db status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["target"])')
    psql "$CONNINFO" -q -v ON_ERROR_STOP=1 -c "UPDATE referrals SET status = 'sent', sent_at = now() - interval '7 days', updated_at = now()"
    read -r SCHOOL ROWS ID < <("$PATHWAY" referrals list --run 1 --json | python3 -c '
import json, sys, collections
rows = json.load(sys.stdin)
school, count = collections.Counter(r["school_id"] for r in rows).most_common(1)[0]
print(school, count, next(r["referral_id"] for r in rows if r["school_id"] == school))')
    PASSWORD=$("$PATHWAY" users create clerk --name 招生办 --role school-clerk --school "$SCHOOL" | tail -n 1)
    "$PATHWAY" serve --port "$PORT" >/dev/null 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
    local base="http://127.0.0.1:$PORT" jar="$WORK/jar"
    echo "$students students x $programs programmes; school $SCHOOL with $ROWS referrals:"
    for _ in $(seq "$REQUESTS"); do
        rm -f "$jar"
        token=$(curl -fsS -c "$jar" -b "$jar" "$base/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
        curl -sS -o /dev/null -c "$jar" -b "$jar" -w '%{time_total}\n' \
            --data-urlencode "_csrf=$token" --data-urlencode "username=clerk" --data-urlencode "password=$PASSWORD" "$base/login"
    done | summary "sign-in (POST /login)"
    for page in "/school/referrals" "/school/referrals/$ID" "/school/referrals.csv" "/school/referrals.xlsx"; do
        for _ in $(seq "$REQUESTS"); do
            curl -fsS -o /dev/null -b "$jar" -w '%{time_total}\n' "$base$page"
        done | summary "GET $page"
    done
}

for size in $SIZES; do measure "${size%%:*}" "${size##*:}"; done
