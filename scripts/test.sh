#!/usr/bin/env bash
# The whole suite on SQLite, then on PostgreSQL (see scripts/postgres.sh for which server).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export SAMVERKAN_DEBUG=1
. scripts/postgres.sh
trap stop_cluster EXIT

echo "== Tests on SQLite =="
$PY -m pytest -q "$@"

echo "== Tests on PostgreSQL =="
# find_postgres sets `cluster` when it starts one: call it in this shell, not a subshell.
find_postgres > /tmp/samverkan-pg-url.$$
url=$(cat /tmp/samverkan-pg-url.$$); rm -f /tmp/samverkan-pg-url.$$
DATABASE_URL="$url" $PY -m pytest -q "$@"
