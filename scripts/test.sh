#!/usr/bin/env bash
# The whole suite on SQLite and on PostgreSQL (see scripts/postgres.sh for which server), the two
# side by side, one a core: each writes its own log, printed whole when both have finished. The
# suites share nothing on disk (the tests' audit anchors are their own temporary files).
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export SAMVERKAN_DEBUG=1
. scripts/postgres.sh
logs=$(mktemp -d)
trap 'stop_cluster; rm -rf "$logs"' EXIT

# find_postgres sets `cluster` when it starts one: call it in this shell, not a subshell.
find_postgres > "$logs/url"
url=$(cat "$logs/url")

echo "== Tests on SQLite and on PostgreSQL, side by side =="
# The slowest tests are listed at the end of each log: `make test` must stay under 30 minutes.
$PY -m pytest -q --durations=25 "$@" > "$logs/sqlite.log" 2>&1 &
sqlite=$!
DATABASE_URL="$url" TEST_DATABASE_NAME="test_samverkan_$$" $PY -m pytest -q --durations=25 "$@" \
  > "$logs/postgres.log" 2>&1 &
postgres=$!
wait "$sqlite"; sqlite_status=$?
wait "$postgres"; postgres_status=$?

echo "== Tests on SQLite =="
cat "$logs/sqlite.log"
echo "== Tests on PostgreSQL =="
cat "$logs/postgres.log"
if [ "$sqlite_status" -ne 0 ] || [ "$postgres_status" -ne 0 ]; then
  echo "make test: failed (SQLite: exit $sqlite_status, PostgreSQL: exit $postgres_status)" >&2
  exit 1
fi
echo "make test: both databases passed in $((SECONDS / 60)) min $((SECONDS % 60)) s of tests"
