#!/usr/bin/env bash
# Issue 20: a whole province in one command. Generates a fictional province, imports it and
# stores a `stable` and an `optimal` run, printing each step's seconds and peak memory, and the
# steps each run timed itself (`match_runs.timings`: read, prepare, score, assign, save and its
# parts).
#
# Usage: Benchmarks/province.sh [STUDENTS] [PROGRAMS]   (defaults: 500000 5000)
#
# Builds the release `pathway`, starts a throwaway local PostgreSQL under a temporary
# PATHWAY_HOME (or uses DATABASE_URL's server, in a fresh database `pathway_province`), and
# removes it at the end. Peak memory is the maximum resident set of the `pathway` process
# (GNU time), not the database server's.
set -euo pipefail

students="${1:-500000}"
programs="${2:-5000}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
package="$(dirname "$here")"
if [ ! -x /usr/bin/time ]; then
    echo "province.sh needs GNU time (apt-get install time)" >&2
    exit 1
fi
export PATHWAY_ACTOR="benchmark"
# shellcheck source=bench_database.sh
source "$here/bench_database.sh" pathway_province pathway-province

# Seconds of the steps after `seed generate`: import and the two runs.
total=0
# step NAME COMMAND...: runs the command, its output into $work/NAME.out, prints its row.
step() {
    local name="$1"
    shift
    local started ended
    started=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$work/$name.rss" "$@" >"$work/$name.out"
    ended=$(date +%s.%N)
    local seconds peak
    seconds=$(python3 -c "print(f'{$ended - $started:.1f}')")
    peak=$(python3 -c "print(f'{int(open(\"$work/$name.rss\").read().split()[-1]) / 1048576:.2f}')")
    [ "$name" = "seed generate" ] || total=$(python3 -c "print($total + $seconds)")
    printf '%-28s %8s s %8s GB\n' "$name" "$seconds" "$peak"
}

echo "province: $students students x $programs programmes"
county="$work/county"
step "seed generate" "$pathway" seed generate --students "$students" --programs "$programs" --out "$county"
step "import schools" "$pathway" import schools "$county/schools.csv"
step "import programs" "$pathway" import programs "$county/programs.csv"
step "import students" "$pathway" import students "$county/students.csv"
step "match run stable" "$pathway" match run --strategy stable --seed 20260701 --json
step "match run optimal" "$pathway" match run --strategy optimal --seed 20260701 --json

echo
for strategy in stable optimal; do
    python3 - "$work/match run $strategy.out" "$strategy" <<'EOF'
import json, sys
run = json.load(open(sys.argv[1]))
parts = ", ".join(f"{k} {v:.1f}" for k, v in run["timings_seconds"].items())
print(f"{sys.argv[2]:8} run {run['run_id']}: placed {run['placed']}; timed inside the run: {parts}")
EOF
done

echo
echo "import + stable + optimal: $(python3 -c "print(f'{$total:.1f}')") s"
