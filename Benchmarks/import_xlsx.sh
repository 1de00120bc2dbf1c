#!/usr/bin/env bash
# Times `pathway import students` of a generated county's list as CSV (students.csv) and as the
# county office's own workbook (county/学生名单.xlsx: title row, 乡镇 and 村 placed through the
# gazetteer, a column per subject, 第N志愿 as 学校+专业), each into an empty table.
#
# Usage: Benchmarks/import_xlsx.sh [STUDENTS] [REPETITIONS]   (defaults: 100000, 3)
# It runs against its own database `pathway_bench_xlsx` on DATABASE_URL's server, or on the
# managed local PostgreSQL under a throwaway PATHWAY_HOME, which it stops and removes at the end.
set -euo pipefail

students="${1:-100000}"
reps="${2:-3}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
package="$(dirname "$here")"
source "$here/bench_database.sh" pathway_bench_xlsx pathway-xlsx-bench

"$pathway" seed generate --students "$students" --programs 30 --seed 7 --out "$work/county" >/dev/null
"$pathway" import places "$work/county/county/地名表.xlsx" >/dev/null
"$pathway" import schools "$work/county/schools.csv" >/dev/null
"$pathway" import programs "$work/county/programs.csv" >/dev/null
echo "files: students.csv $(du -h "$work/county/students.csv" | cut -f1), 学生名单.xlsx $(du -h "$work/county/county/学生名单.xlsx" | cut -f1)"

now() { date +%s.%N; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
time_import() {
    PGOPTIONS="-c client_min_messages=warning" psql -X -q -d "$database" -c "TRUNCATE students CASCADE" -c "ANALYZE students" >/dev/null
    local start end
    start=$(now); "$pathway" import students "$1" >/dev/null; end=$(now)
    echo "$end - $start" | bc
}

csv=(); xlsx=()
for _ in $(seq "$reps"); do
    csv+=("$(time_import "$work/county/students.csv")")
    xlsx+=("$(time_import "$work/county/county/学生名单.xlsx")")
done
echo "students.csv   (s): ${csv[*]}  median $(printf '%s\n' "${csv[@]}" | median)"
echo "学生名单.xlsx (s): ${xlsx[*]}  median $(printf '%s\n' "${xlsx[@]}" | median)"
