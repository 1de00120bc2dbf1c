#!/usr/bin/env bash
# Times the follow-up loop's commands on a generated county: a bulk move of every referral of a
# run (approve, then send: one transaction each), the ledger (`followup list`), the overdue list
# a day past the school's days, and one student's story. Each ledger-type command reads every
# referral and its history of the region and judges it in Swift (FollowupLedger.facts).
#
# Usage: Benchmarks/followup_ledger.sh [STUDENTS] [REPETITIONS]   (defaults: 100000, 3)
# It runs against its own database `pathway_bench_followup` on DATABASE_URL's server, or on the
# managed local PostgreSQL under a throwaway PATHWAY_HOME, which it stops and removes at the end.
set -euo pipefail

students="${1:-100000}"
reps="${2:-3}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
package="$(dirname "$here")"
source "$here/bench_database.sh" pathway_bench_followup pathway-followup-bench

next_year=$(( $(date +%Y) + 1 ))
"$pathway" seed generate --students "$students" --programs $((students / 50)) --seed 7 --cohort "$next_year" \
    --out "$work/county" >/dev/null
for kind in schools programs students; do "$pathway" import "$kind" "$work/county/$kind.csv" >/dev/null; done
"$pathway" match run --strategy optimal >/dev/null
"$pathway" referrals create --run 1 --assignee "王老师" >/dev/null

seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N); echo "$end - $start" | bc; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

referrals=$("$pathway" referrals list --run 1 --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
echo "county: $students students, $((students / 50)) programmes, $referrals referrals"
echo "referrals approve --run 1 (s): $(seconds "$pathway" referrals approve --run 1)"
echo "referrals send --run 1 (s):    $(seconds "$pathway" referrals send --run 1)"
later=$(python3 -c 'import datetime; print(datetime.date.today() + datetime.timedelta(days=15))')
student=$("$pathway" students list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["student_id"])')
for name in ledger overdue story; do
    case $name in
        ledger) command=("$pathway" followup list --json) ;;
        overdue) command=("$pathway" referrals list --overdue --as-of "$later" --json) ;;
        story) command=("$pathway" students show "$student" --json) ;;
    esac
    runs=()
    for _ in $(seq "$reps"); do runs+=("$(seconds "${command[@]}")"); done
    echo "$name (s): ${runs[*]}  median $(printf '%s\n' "${runs[@]}" | median)"
done
