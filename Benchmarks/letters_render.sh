#!/usr/bin/env bash
# `pathway letters render` of a whole run's letters, school and family, in Chinese, on a
# generated county: one stable run, every placement referred and approved, a county profile.
# Each render goes into a fresh folder and is timed; the script prints its wall time, the
# letters and sheets it wrote and the folder's size.
#
# Usage: Benchmarks/letters_render.sh [STUDENTS] [REPETITIONS] [FORMAT]   (defaults: 100000, 2, html)
# 100,000 students over 2,000 programmes make about 85,000 referrals; 60,000 over 1,200 about
# 50,000. It runs against its own database `pathway_bench_letters` on DATABASE_URL's server,
# or on the managed local PostgreSQL under a throwaway PATHWAY_HOME, which it stops and removes
# at the end. PATHWAY_SKIP_BUILD=1 measures the release binary already built.
set -euo pipefail

students="${1:-100000}"
reps="${2:-2}"
format="${3:-html}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
package="$(dirname "$here")"
source "$here/bench_database.sh" pathway_bench_letters pathway-letters-bench

"$pathway" seed generate --students "$students" --programs $((students / 50)) --seed 11 --out "$work/county" >/dev/null
for kind in schools programs students; do "$pathway" import "$kind" "$work/county/$kind.csv" >/dev/null; done
"$pathway" match run --strategy stable >/dev/null
"$pathway" referrals create --run 1 --assignee 王老师 >/dev/null
"$pathway" referrals approve --run 1 >/dev/null
"$pathway" county set --office 青岚县教育局 --signatory 张主任 --office-phone 0851-5550100 \
    --subsidy tuition:2026-09-01 --subsidy state_grant:2300:2026-09-01 >/dev/null

# Let the setup's writes reach the disk first: a render started while the kernel still writes
# out the setup's dirty pages took a quarter longer, in system time.
psql -X -q -d "$DATABASE_URL" -c CHECKPOINT
sync
sleep 10

echo "$students students x $((students / 50)) programmes, $(nproc) cores, format $format"
for run in $(seq "$reps"); do
    out="$work/letters-$run"
    # Wall, user and system time and the largest resident size of the render, from Python's
    # view of its child (GNU time is not on every machine).
    python3 - "$work/render.json" "$pathway" letters render --run 1 --lang zh --format "$format" --out "$out" --json <<'PY'
import json, resource, subprocess, sys, time
start = time.monotonic()
with open(sys.argv[1], "w") as report:
    subprocess.run(sys.argv[2:], stdout=report, check=True)
wall = time.monotonic() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
batch = json.load(open(sys.argv[1]))
letters = len(batch["letters"])
sheets = letters + batch["bundleCount"] if batch["prints"] else 0
print(f"render: {wall:.1f} s ({usage.ru_utime:.1f} s user, {usage.ru_stime:.1f} s system, "
      f"{usage.ru_maxrss / 1024:.0f} MB resident), {letters} letters, {sheets} sheets to print")
PY
    echo "folder: $(du -sh "$out" | cut -f1)"
    # Kept until the end: creating files beside many just deleted ones is slower on ext4.
    sync
    sleep 10
done
