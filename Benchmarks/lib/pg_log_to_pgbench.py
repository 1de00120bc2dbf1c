#!/usr/bin/env python3
"""Turns the statements one request ran, as PostgreSQL logged them with
log_min_duration_statement = 0, into a pgbench script that runs the same SQL with the same
values: the database's own cost of the request, without the server.

    pg_log_to_pgbench.py < server.log-excerpt > route.sql

Only executed statements are kept (simple `statement:` and extended-protocol `execute`), each
with its `DETAIL: parameters:` substituted as SQL literals. Used by Benchmarks/server_load.sh.
"""
import re
import sys

ENTRY = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")
STATEMENT = re.compile(r"LOG:\s+duration: [\d.]+ ms\s+(?:statement|execute [^:]*): (.*)$", re.S)
# parse and bind entries carry the same text, and bind its parameters again: skipped.
OTHER = re.compile(r"LOG:\s+duration: [\d.]+ ms\s+(?:parse|bind) ")
# The benchmark's own statements around the request.
OWN = ("ALTER SYSTEM", "SELECT pg_reload_conf()")
PARAMETERS = re.compile(r"DETAIL:\s+parameters: (.*)$", re.S)
VALUE = re.compile(r"\$(\d+) = (NULL|'(?:[^']|'')*')")

entries, current = [], None
for line in sys.stdin:
    if ENTRY.match(line):
        current = [line.rstrip("\n")]
        entries.append(current)
    elif current is not None:
        # Continuation lines of a multi-line statement start with a tab.
        current.append(line.rstrip("\n").lstrip("\t"))

statements, last = [], None
for entry in entries:
    text = "\n".join(entry)
    if m := STATEMENT.search(text):
        last = [m.group(1).strip(), {}]
        if not last[0].startswith(OWN):
            statements.append(last)
    elif OTHER.search(text):
        last = None
    elif (m := PARAMETERS.search(text)) and last is not None:
        last[1] = {int(n): v for n, v in VALUE.findall(m.group(1))}

for sql, values in statements:
    for n in sorted(values, reverse=True):
        sql = re.sub(r"\$%d(?!\d)" % n, lambda _: values[n], sql)
    print(sql.rstrip(";") + ";")
