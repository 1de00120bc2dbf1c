"""Solves the preference lists `pathway match export` wrote with the Python `matching` library,
checks its matching is Pathway's, and compares its time with `pathway match run`'s end-to-end
times (see match_end_to_end.sh).

Usage: match_end_to_end.py PROGRAMS_CSV CANDIDATES_CSV ASSIGNMENTS_CSV SECONDS...
"""

import csv
import statistics
import sys
import threading
import time
import warnings
from collections import defaultdict

from matching.games import HospitalResident


def read(path):
    # The exports are for Excel: UTF-8 with a byte-order mark, CRLF.
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def main(programs_csv, candidates_csv, assignments_csv, seconds):
    seats = {row["program_id"]: int(row["seats"]) for row in read(programs_csv)}
    candidates = read(candidates_csv)
    pathway = {row["student_id"]: row["program_id"] or None for row in read(assignments_csv)}

    # The same lists Pathway assigned from: each student's candidates by student_rank; each
    # programme's applicants by program_priority, higher first, equal keys by student_id.
    resident_prefs = defaultdict(list)
    applicants = defaultdict(list)
    for row in sorted(candidates, key=lambda r: (r["student_id"], int(r["student_rank"]))):
        resident_prefs[row["student_id"]].append(row["program_id"])
        applicants[row["program_id"]].append((-float(row["program_priority"]), row["student_id"]))
    hospital_prefs = {
        program: [student for _, student in sorted(pool)]
        for program, pool in applicants.items()
        if seats[program] > 0
    }
    resident_prefs = {
        s: [p for p in prefs if p in hospital_prefs] for s, prefs in resident_prefs.items()
    }
    resident_prefs = {s: prefs for s, prefs in resident_prefs.items() if prefs}
    capacities = {program: seats[program] for program in hospital_prefs}

    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        game = HospitalResident.create_from_dictionaries(resident_prefs, hospital_prefs, capacities)
    built = time.perf_counter()
    solution = game.solve(optimal="resident")
    solved = time.perf_counter()

    theirs = {}
    for hospital, residents in solution.items():
        for resident in residents:
            theirs[resident.name] = hospital.name
    differing = [s for s in pathway if pathway[s] != theirs.get(s)]

    build_s, solve_s = built - started, solved - built
    median = statistics.median(seconds)
    print(f"instance: {len(pathway)} students, {len(seats)} programmes, {len(candidates)} candidate pairs")
    print(f"placed: pathway {sum(1 for p in pathway.values() if p)}, matching {len(theirs)}; "
          f"students assigned differently: {len(differing)}")
    print()
    print(f"{'':44}{'seconds':>10}")
    print(f"{'pathway match run, end to end (median)':44}{median:10.3f}")
    print(f"{'pathway match run, end to end (min / max)':44}{min(seconds):5.2f} / {max(seconds):.2f}")
    print(f"{'matching: solve':44}{solve_s:10.3f}")
    print(f"{'matching: build the game from the lists':44}{build_s:10.3f}")
    print()
    print(f"pathway end to end is {solve_s / median:.1f}x faster than matching's solve alone, "
          f"{(build_s + solve_s) / median:.1f}x counting its game construction; goal >= 10x")
    failures = []
    if differing:
        failures.append(f"matchings differ for {len(differing)} students, e.g. {differing[:5]}")
    if solve_s / median < 10:
        failures.append(f"only {solve_s / median:.1f}x faster than matching's solve")
    if failures:
        print("\nFAILED:\n  " + "\n  ".join(failures))
        return 1
    print("\nagreement: identical matching; goal met")
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 5:
        raise SystemExit("usage: match_end_to_end.py PROGRAMS_CSV CANDIDATES_CSV ASSIGNMENTS_CSV SECONDS...")
    # `matching` deep-copies its players, which recurses along preference lists.
    sys.setrecursionlimit(10_000_000)
    threading.stack_size(1 << 30)
    outcome = []
    arguments = sys.argv[1:4]
    timings = [float(s) for s in sys.argv[4:]]
    worker = threading.Thread(target=lambda: outcome.append(main(*arguments, timings)))
    worker.start()
    worker.join()
    sys.exit(outcome[0] if outcome else 1)
