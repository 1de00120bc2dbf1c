#!/usr/bin/env bash
# Runs the matching core's benchmark instance through the Python peers (`matching` and OR-Tools)
# in a virtual environment this script creates, checks that the results agree, and prints time
# ratios. Usage: Benchmarks/compare_peers.sh [STUDENTS] [PROGRAMS] [SEED] [--without-matching]
# Defaults: 20000 students x 400 programs (the size issue 5 uses; `matching` builds its game in
# quadratic time, so 100 000 x 2 000 is out of its reach: add --without-matching there to compare
# with OR-Tools alone), seed 20260901. With Debian's liblemon-dev installed, LEMON's network
# simplex is compared too (Benchmarks/lib/lemon_flow.cpp).
set -euo pipefail

students="${1:-20000}"
programs="${2:-400}"
seed="${3:-20260901}"
peers_flag="${4:-}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
package="$(dirname "$here")"
venv="$here/.venv"
export_dir="$(mktemp -d "${TMPDIR:-/tmp}/pathway-peers.XXXXXX")"
trap 'rm -rf "$export_dir"' EXIT

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check matching ortools numpy

(cd "$package" && swift build -c release --product pathway-core-bench >/dev/null)
# LEMON, when Debian's liblemon-dev is installed (apt-get install liblemon-dev).
if [ -f /usr/include/lemon/network_simplex.h ]; then
    g++ -O2 -o "$export_dir/lemon_flow" "$here/lib/lemon_flow.cpp" -llemon
    export LEMON_FLOW="$export_dir/lemon_flow"
else
    echo "LEMON: skipped (apt-get install liblemon-dev to compare with it)"
fi
"$package/.build/release/pathway-core-bench" \
    --students "$students" --programs "$programs" --seed "$seed" \
    --strategies stable,optimal --export "$export_dir"
echo
"$venv/bin/python" "$here/compare_peers.py" ${peers_flag:+"$peers_flag"} "$export_dir"
