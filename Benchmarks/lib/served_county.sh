# Sourced by the benchmarks that measure `pathway serve` (letter_request.sh, portal_pages.sh,
# console_pages.sh): the release build, a throwaway county with a stable run whose placements
# are referred and sent, the server, and the cleanup. Not run by itself.
#
# After `served_county STUDENTS PROGRAMS NAME` (called from a function that then runs
# `trap served_county_cleanup RETURN`): WORK (the throwaway folder), PATHWAY_HOME, CONNINFO (the
# database, for psql), and run 1 with every placement referred (followed by 王老师) and sent a
# week ago. `serve_county PORT` starts the server and waits until it answers.

if [ -z "${PATHWAY:-}" ]; then
    swift build -c release --product pathway 2>&1 | tail -1
    PATHWAY="$(swift build -c release --show-bin-path)/pathway"
fi
export PATHWAY_ACTOR=bench LANG=C.UTF-8
unset DATABASE_URL PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGSERVICE PATHWAY_LANG LC_ALL

# NAME, times in seconds on stdin: the count, median, p90 and max in milliseconds.
summary() {
    python3 -c "
import sys
t = sorted(float(x) * 1000 for x in sys.stdin)
print(f'  {sys.argv[1]:<34} {len(t)} requests, median {t[len(t)//2]:8.1f} ms, p90 {t[int(len(t)*0.9)]:8.1f} ms, max {t[-1]:8.1f} ms')" "$1"
}

served_county() {
    local students=$1 programs=$2 name=$3
    WORK=$(mktemp -d "/tmp/pathway-$name-bench-XXXXXX")
    chmod 711 "$WORK"
    export PATHWAY_HOME="$WORK/home"
    SERVER_PID=
    CLUSTER_DATA=
    "$PATHWAY" seed generate --students "$students" --programs "$programs" --seed 11 --out "$WORK/seeds" >/dev/null
    for kind in schools programs students; do "$PATHWAY" import "$kind" "$WORK/seeds/$kind.csv" >/dev/null; done
    CLUSTER_DATA=$("$PATHWAY" db start --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"])')
    local start end
    start=$(date +%s.%N)
    "$PATHWAY" match run --strategy stable --json >/dev/null
    end=$(date +%s.%N)
    RUN_MS=$(python3 -c "print(f'{($end - $start) * 1000:.0f}')")
    "$PATHWAY" referrals create --run 1 --assignee 王老师 >/dev/null
    # Sent in one statement (setup, not measured), a week ago, so that some are overdue: moving
    # 100,000 referrals through `pathway referrals approve|send` takes longer than the rest.
    CONNINFO=$("$PATHWAY" db status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["target"])')
    psql "$CONNINFO" -q -v ON_ERROR_STOP=1 -c "UPDATE referrals SET status = 'sent', sent_at = now() - interval '7 days', updated_at = now()"
}

serve_county() {
    "$PATHWAY" serve --port "$1" >/dev/null 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$1/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
}

served_county_cleanup() {
    if [ -n "${SERVER_PID:-}" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    "$PATHWAY" db stop >/dev/null 2>&1 || true
    if [ -n "${CLUSTER_DATA:-}" ]; then rm -rf "$(dirname "$CLUSTER_DATA")"; fi
    rm -rf "$WORK"
}
