#!/usr/bin/env bash
# What county staff wait for in the console, on a small and a large county: the overview (the
# ledger's figures for the whole county), the ledger, the caseloads, the students list, the
# referrals list of a run, a student's page, a run's report; and a match run started from the
# console, from the POST to its task page saying done, against the same run on the command
# line, with a student's page asked for meanwhile. Each size gets a throwaway PATHWAY_HOME, a fictional county, a stable run whose
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

# shellcheck source=lib/served_county.sh
. Benchmarks/lib/served_county.sh

measure() {
    local students=$1 programs=$2
    served_county "$students" "$programs" console
    trap served_county_cleanup RETURN
    # Every tenth referral declined: those students are back on the ledger.
    psql "$CONNINFO" -q -v ON_ERROR_STOP=1 -c "UPDATE referrals SET status = 'declined', updated_at = now() WHERE referral_id % 10 = 0"
    STUDENT=$(psql "$CONNINFO" -Atq -c "SELECT student_id FROM referrals ORDER BY referral_id LIMIT 1")
    PASSWORD=$("$PATHWAY" users create li --name 李主任 --role administrator | tail -n 1)
    serve_county "$PORT"
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
    local start end
    start=$(date +%s.%N)
    location=$(curl -fsS -o /dev/null -b "$jar" -w '%{redirect_url}' \
        --data-urlencode "_csrf=$csrf" --data-urlencode "strategy=stable" "$base/console/runs")
    # Meanwhile a student's page, again and again: the run must not hold other requests up.
    : >"$WORK/during"
    while curl -fsS -b "$jar" "$location" | grep -q 'id="running"'; do
        curl -fsS -o /dev/null -b "$jar" -w '%{time_total}\n' "$base/console/students/$STUDENT" >>"$WORK/during"
        sleep 0.2
    done
    end=$(date +%s.%N)
    python3 -c "print(f'  a stable run from the console            {($end - $start) * 1000:8.0f} ms to done (polled every 0.2 s); on the command line {$RUN_MS} ms')"
    if [ -s "$WORK/during" ]; then summary "GET a student's page during it" <"$WORK/during"; fi
    # The same run once more on the command line, now that the database holds two runs as the
    # console's did (the first run above met an empty one).
    start=$(date +%s.%N)
    "$PATHWAY" match run --strategy stable --json >/dev/null
    end=$(date +%s.%N)
    python3 -c "print(f'  the same run again on the command line   {($end - $start) * 1000:8.0f} ms')"
}

for size in $SIZES; do measure "${size%%:*}" "${size##*:}"; done
