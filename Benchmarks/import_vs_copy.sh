#!/usr/bin/env bash
# Times `pathway import students` on a generated county against psql's `\copy` of the same
# file into a plain table of text columns (the physical floor: no parsing, no checks, no
# indexes). Issue 3's goal: the import takes at most 3x the `\copy`.
#
# Usage: Benchmarks/import_vs_copy.sh [STUDENTS] [REPETITIONS]   (defaults: 100000, 5)
# It runs against its own database `pathway_bench_import` on DATABASE_URL's server, or on the
# managed local PostgreSQL under a throwaway PATHWAY_HOME, which it stops and removes at the end.
set -euo pipefail

students="${1:-100000}"
reps="${2:-5}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
package="$(dirname "$here")"
source "$here/bench_database.sh" pathway_bench_import pathway-import-bench

"$pathway" seed generate --students "$students" --programs $((students / 50)) --seed 7 --out "$work/county" >/dev/null
"$pathway" import schools "$work/county/schools.csv" >/dev/null
"$pathway" import programs "$work/county/programs.csv" >/dev/null
file="$work/county/students.csv"
columns="$(head -1 "$file" | tr -d '\r' | sed 's/^\xEF\xBB\xBF//' | tr ',' '\n' | sed 's/.*/"&" text/' | paste -sd, -)"
psql -X -q -d "$database" -c "CREATE TABLE plain_students ($columns)" >/dev/null

now() { date +%s.%N; }
best() { sort -n | head -1; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# Analyses what a step wrote, untimed, so that autovacuum's ANALYZE of it (which sorts a sample
# of every column, jsonb included, for a good part of a second) does not run during the next
# timed step and take a core from it.
settle() { psql -X -q -d "$database" -c "ANALYZE plain_students" -c "ANALYZE students" >/dev/null; }

copy_times=(); insert_times=(); unchanged_times=()
for _ in $(seq "$reps"); do
    psql -X -q -d "$database" -c "TRUNCATE plain_students" >/dev/null
    start=$(now); psql -X -q -d "$database" -c "\\copy plain_students FROM '$file' WITH (FORMAT csv, HEADER)" >/dev/null; end=$(now)
    copy_times+=("$(echo "$end - $start" | bc)")
    settle

    # An empty table, as a county's first import finds it (a DELETE would leave 100,000 dead
    # rows whose index entries every new row's uniqueness check would visit).
    psql -X -q -d "$database" -c "SET client_min_messages = warning" -c "TRUNCATE students CASCADE" >/dev/null
    start=$(now); "$pathway" import students "$file" >/dev/null; end=$(now)
    insert_times+=("$(echo "$end - $start" | bc)")
    settle

    start=$(now); "$pathway" import students "$file" >/dev/null; end=$(now)
    unchanged_times+=("$(echo "$end - $start" | bc)")
    settle
done

copy_median="$(printf '%s\n' "${copy_times[@]}" | median)"
insert_median="$(printf '%s\n' "${insert_times[@]}" | median)"
unchanged_median="$(printf '%s\n' "${unchanged_times[@]}" | median)"
rows="$(psql -X -q -t -A -d "$database" -c "SELECT count(*) FROM students")"
echo "students: $rows rows, $(du -h "$file" | cut -f1) file, $reps repetitions (medians, wall time of the whole command)"
printf 'psql \\copy into text columns   %6.2f s\n' "$copy_median"
printf 'pathway import (all new)       %6.2f s  = %.2fx the \\copy\n' "$insert_median" "$(echo "$insert_median / $copy_median" | bc -l)"
printf 'pathway import (all unchanged) %6.2f s  = %.2fx the \\copy\n' "$unchanged_median" "$(echo "$unchanged_median / $copy_median" | bc -l)"
psql -X -q -d "$server" -c "DROP DATABASE pathway_bench_import" >/dev/null
