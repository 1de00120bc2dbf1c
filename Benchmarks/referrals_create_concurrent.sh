#!/usr/bin/env bash
# Two `pathway referrals create` for two runs of one county at the same time, against each
# alone (issue 21: one of the two took 381.5 s instead of 1.7 s).
#
# A county of STUDENTS x PROGRAMS with two stored runs (stable and optimal) and no referrals,
# copied twice (CREATE DATABASE ... TEMPLATE): in the first copy `referrals create --run 1`
# runs alone, in the second `--run 1` and `--run 2` start together, as in the issue. Prints
# each command's seconds and what it created (a student placed by both runs is referred once).
#
#   Benchmarks/referrals_create_concurrent.sh            # 100,000 x 2,000
#   STUDENTS=20000 PROGRAMS=400 Benchmarks/referrals_create_concurrent.sh
set -euo pipefail
package="$(cd "$(dirname "$0")/.." && pwd)"
here="$package/Benchmarks"
STUDENTS=${STUDENTS:-100000}
PROGRAMS=${PROGRAMS:-2000}
# shellcheck source=bench_database.sh
source "$here/bench_database.sh" referrals_concurrent pathway-referrals-concurrent
export PATHWAY_ACTOR=bench

"$pathway" seed generate --students "$STUDENTS" --programs "$PROGRAMS" --seed 11 --out "$work/seeds" >/dev/null
for kind in schools programs students; do "$pathway" import "$kind" "$work/seeds/$kind.csv" >/dev/null; done
for strategy in stable optimal; do "$pathway" match run --strategy "$strategy" --json >/dev/null; done
copy() {  # NAME: a copy of the county, and its URL on stdout
    psql -X -q -d "$server" -c "CREATE DATABASE $1 TEMPLATE referrals_concurrent" >/dev/null
    database_url "$1"
}
alone=$(copy referrals_alone)
pair=$(copy referrals_pair)

timed() {  # LABEL DATABASE, then the command: prints the label, its seconds and what it created
    local label=$1 url=$2 start end out="$work/$RANDOM.json"
    shift 2
    start=$(date +%s.%N)
    DATABASE_URL="$url" "$@" --json >"$out" 2>"$out.err" || { echo "  $label failed:"; cat "$out.err"; }
    end=$(date +%s.%N)
    python3 - "$label" "$start" "$end" "$out" <<'PY'
import json, sys
label, start, end, path = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
try:
    d = json.load(open(path))
    said = f"created {d.get('created')}, held by the other run {d.get('held_by_other_run')}"
except ValueError:
    said = "no JSON"
print(f"  {label:<24} {end - start:7.2f} s   ({said})")
PY
}

echo "$STUDENTS students x $PROGRAMS programmes, $(nproc) cores"
timed "run 1 alone" "$alone" "$pathway" referrals create --run 1 --assignee 王老师
timed "run 1, beside run 2" "$pair" "$pathway" referrals create --run 1 --assignee 王老师 &
first=$!
timed "run 2, beside run 1" "$pair" "$pathway" referrals create --run 2 --assignee 李老师 &
second=$!
wait "$first" "$second"
