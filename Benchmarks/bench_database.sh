# Sourced by the benchmarks: `source "$here/bench_database.sh" NAME WORKPREFIX`.
#
# Builds the release `pathway` (unless PATHWAY_SKIP_BUILD is set) and gives the script
#   pathway   the binary,
#   work      a throwaway folder, removed at exit,
#   database  a fresh database NAME, exported as DATABASE_URL,
#   database_url NAME, the URL of another database NAME on the same server,
# on DATABASE_URL's server, or on the managed local PostgreSQL under a throwaway PATHWAY_HOME,
# which is stopped and removed at exit. Expects `package` (the checkout) to be set.
bench_name="$1"
work="$(mktemp -d "${TMPDIR:-/tmp}/$2.XXXXXX")"
chmod 755 "$work"

(cd "$package" && ${PATHWAY_SKIP_BUILD:+true} swift build -c release --product pathway >/dev/null)
pathway="$package/.build/release/pathway"

if [ -z "${DATABASE_URL:-}" ]; then
    export PATHWAY_HOME="$work/home"
    trap '"$pathway" db stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
    "$pathway" db start >/dev/null
    server="$("$pathway" db status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["target"])')"
else
    trap 'rm -rf "$work"' EXIT
    server="$DATABASE_URL"
fi
psql -X -q -d "$server" -c "DROP DATABASE IF EXISTS $bench_name" -c "CREATE DATABASE $bench_name" >/dev/null
# database_url NAME: the same server, database NAME (a later dbname= wins in a conninfo).
database_url() {
    python3 -c 'import sys; from urllib.parse import urlsplit, urlunsplit
s, name = sys.argv[1], sys.argv[2]
print(urlunsplit(urlsplit(s)._replace(path="/" + name)) if "://" in s else s + " dbname=" + name)' "$server" "$1"
}
database="$(database_url "$bench_name")"
export DATABASE_URL="$database"
