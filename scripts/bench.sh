#!/usr/bin/env bash
# `make bench`: the benchmarks in bench/, on PostgreSQL (see scripts/postgres.sh for which
# server), each into a fresh database; results in bench/results/*.json.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export SAMVERKAN_DEBUG=1
. scripts/postgres.sh
trap stop_cluster EXIT

find_postgres > /tmp/samverkan-pg-url.$$
url=$(cat /tmp/samverkan-pg-url.$$); rm -f /tmp/samverkan-pg-url.$$
bench_db=samverkan_bench
bench_url="${url%/*}/$bench_db"

fresh_db() { psql "$url" -qc "DROP DATABASE IF EXISTS $bench_db" -c "CREATE DATABASE $bench_db"; }

$PY bench/bench_workdays.py
fresh_db
DATABASE_URL="$bench_url" $PY bench/bench_agreements.py
fresh_db
DATABASE_URL="$bench_url" $PY bench/bench_compliance.py
fresh_db
DATABASE_URL="$bench_url" $PY bench/bench_cases.py
psql "$url" -qc "DROP DATABASE IF EXISTS $bench_db"
