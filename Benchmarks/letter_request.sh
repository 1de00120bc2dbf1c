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

if [ -z "${PATHWAY:-}" ]; then
    swift build -c release --product pathway 2>&1 | tail -1
    PATHWAY="$(swift build -c release --show-bin-path)/pathway"
fi
export PATHWAY_ACTOR=bench LANG=C.UTF-8
unset DATABASE_URL PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGSERVICE PATHWAY_LANG LC_ALL

measure() {
    local students=$1 programs=$2
    WORK=$(mktemp -d /tmp/pathway-letter-bench-XXXXXX)
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
    # Approved and sent in one statement (setup, not measured): moving 100,000 referrals one by
    # one through `pathway referrals approve|send` takes longer than the rest of the benchmark.
    CONNINFO=$("$PATHWAY" db status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["target"])')
    psql "$CONNINFO" -q -v ON_ERROR_STOP=1 -c "UPDATE referrals SET status = 'sent', sent_at = now(), updated_at = now()"
    read -r SCHOOL LETTERS < <("$PATHWAY" referrals list --run 1 --json | python3 -c '
import json, sys, collections
rows = json.load(sys.stdin)
school = collections.Counter(r["school_id"] for r in rows).most_common(1)[0][0]
ids = [str(r["referral_id"]) for r in rows if r["school_id"] == school]
print(school, ",".join(ids))')
    TOKEN=$("$PATHWAY" tokens create --school "$SCHOOL" | tail -n 1)
    "$PATHWAY" serve --port "$PORT" >/dev/null 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
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
