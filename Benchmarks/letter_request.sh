#!/usr/bin/env bash
# The cost of one school letter over the API (GET /v1/referrals/{id}/letter) on a small and a
# large stored run: the request must cost the same on a 700-student run as on a 100,000-student
# one. Each size gets a throwaway PATHWAY_HOME (its own local PostgreSQL), a fictional county,
# a stable run whose placements are all referred and sent, a token for one school, and
# `pathway serve`; then REQUESTS letters are fetched one after another with curl and the
# median, p90 and max of their times printed. Stops everything it started.
#
#   Benchmarks/letter_request.sh                       # builds and measures this checkout
#   PATHWAY=/other/checkout/.build/release/pathway Benchmarks/letter_request.sh
#   SIZES="700:30 100000:2000" REQUESTS=50 Benchmarks/letter_request.sh
# BENCHMARKS.md records a run.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"700:30 100000:2000"}
REQUESTS=${REQUESTS:-50}
PORT=${PORT:-18081}

# shellcheck source=lib/served_county.sh
. Benchmarks/lib/served_county.sh

measure() {
    local students=$1 programs=$2
    served_county "$students" "$programs" letter
    trap served_county_cleanup RETURN
    read -r SCHOOL LETTERS < <("$PATHWAY" referrals list --run 1 --json | python3 -c '
import json, sys, collections
rows = json.load(sys.stdin)
school = collections.Counter(r["school_id"] for r in rows).most_common(1)[0][0]
ids = [str(r["referral_id"]) for r in rows if r["school_id"] == school]
print(school, ",".join(ids))')
    TOKEN=$("$PATHWAY" tokens create --school "$SCHOOL" | tail -n 1)
    serve_county "$PORT"
    IFS=, read -r -a ID_LIST <<<"$LETTERS"
    TIMES=()
    for i in $(seq 0 $((REQUESTS - 1))); do
        id=${ID_LIST[$((i % ${#ID_LIST[@]}))]}
        TIMES+=("$(curl -fsS -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $TOKEN" \
            "http://127.0.0.1:$PORT/v1/referrals/$id/letter")")
    done
    printf '%s\n' "${TIMES[@]}" | python3 -c "
import sys
t = sorted(float(x) * 1000 for x in sys.stdin)
print(f'$students students x $programs programmes: {len(t)} letters, median {t[len(t)//2]:.1f} ms, p90 {t[int(len(t)*0.9)]:.1f} ms, max {t[-1]:.1f} ms')"
}

for size in $SIZES; do measure "${size%%:*}" "${size##*:}"; done
