#!/usr/bin/env bash
# Issue 5's speed goal: `pathway match run --strategy stable` end to end (database in and out,
# process start to commit) on 20,000 students x 400 programmes is at least 10x faster than the
# Python `matching` library solving the exported preference lists in memory.
#
# Usage: Benchmarks/match_end_to_end.sh [STUDENTS] [PROGRAMS] [REPETITIONS]   (defaults: 20000 400 5)
#
# Steps: builds the release `pathway` (under the shared build lock when /tmp/pathway-build.lock
# exists), generates the county with `pathway seed generate --seed 7`, starts a throwaway local
# PostgreSQL under a temporary PATHWAY_HOME (DATABASE_URL and PG* are ignored, so no real data is
# touched; stopped and removed at the end), loads the county with `pathway import`, times
# REPETITIONS runs of `pathway match run --strategy stable --json`, exports the last run's
# candidates and assignments with `pathway match export`, and gives them to
# match_end_to_end.py, which solves the same preference lists with `matching` (resident-optimal
# HospitalResident, as Benchmarks/compare_peers.py does), checks the matching is identical
# student by student, and prints the ratios. `matching` needs Benchmarks/.venv (created here,
# `pip install matching` from PyPI, when missing).
set -euo pipefail

students="${1:-20000}"
programs="${2:-400}"
reps="${3:-5}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
package="$(dirname "$here")"
work="$(mktemp -d "${TMPDIR:-/tmp}/pathway-match-bench.XXXXXX")"
chmod 755 "$work"

if [ -z "${PATHWAY_SKIP_BUILD:-}" ]; then
    lock=()
    [ -e /tmp/pathway-build.lock ] && lock=(flock /tmp/pathway-build.lock)
    (cd "$package" && "${lock[@]}" swift build -c release --product pathway >/dev/null)
fi
pathway="$package/.build/release/pathway"

venv="$here/.venv"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -c 'import matching' 2>/dev/null \
    || "$venv/bin/pip" install --quiet --disable-pip-version-check matching

unset DATABASE_URL PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGSERVICE
export PATHWAY_HOME="$work/home"
export PATHWAY_ACTOR="benchmark"
trap '"$pathway" db stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
"$pathway" db start >/dev/null 2>&1

county="$work/county"
"$pathway" seed generate --students "$students" --programs "$programs" --seed 7 --out "$county" >/dev/null
for kind in schools programs students; do
    "$pathway" import "$kind" "$county/$kind.csv" >/dev/null
done

echo "pathway match run --strategy stable --json: $students students x $programs programmes, $reps runs"
times=()
run_id=""
for i in $(seq "$reps"); do
    start=$(date +%s.%N)
    "$pathway" match run --strategy stable --json >"$work/run.json"
    end=$(date +%s.%N)
    seconds=$(python3 -c "print(f'{$end - $start:.3f}')")
    times+=("$seconds")
    run_id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["run_id"])' "$work/run.json")
    steps=$(python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["timings_seconds"]; print(", ".join(f"{k} {t[k]:.3f}" for k in ["read","prepare","score","assign","save"] if k in t))' "$work/run.json")
    echo "  run $run_id: $seconds s end to end ($steps)"
done

"$pathway" match export "$run_id" --what candidates --format csv --output "$work/candidates.csv" 2>/dev/null
"$pathway" match export "$run_id" --what assignments --format csv --output "$work/assignments.csv" 2>/dev/null
echo
"$venv/bin/python" "$here/match_end_to_end.py" "$county/programs.csv" "$work/candidates.csv" "$work/assignments.csv" "${times[@]}"
