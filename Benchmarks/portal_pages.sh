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

# shellcheck source=lib/served_county.sh
. Benchmarks/lib/served_county.sh

measure() {
    local students=$1 programs=$2
    served_county "$students" "$programs" portal
    trap served_county_cleanup RETURN
    read -r SCHOOL ROWS ID < <("$PATHWAY" referrals list --run 1 --json | python3 -c '
import json, sys, collections
rows = json.load(sys.stdin)
school, count = collections.Counter(r["school_id"] for r in rows).most_common(1)[0]
print(school, count, next(r["referral_id"] for r in rows if r["school_id"] == school))')
    PASSWORD=$("$PATHWAY" users create clerk --name 招生办 --role school-clerk --school "$SCHOOL" | tail -n 1)
    serve_county "$PORT"
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
