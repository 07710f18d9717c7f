#!/usr/bin/env bash
# `make bench`: the benchmarks in bench/, on PostgreSQL (see scripts/postgres.sh for which
# server), each in a database of its own made for this run and dropped after it; results in
# bench/results/*.json, each figure beside its aim. Every benchmark runs; the command fails
# when any of them missed an aim (or failed), like a test.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export SAMVERKAN_DEBUG=1
. scripts/postgres.sh

find_postgres > /tmp/samverkan-pg-url.$$
url=$(cat /tmp/samverkan-pg-url.$$); rm -f /tmp/samverkan-pg-url.$$
run_id="$(date +%s)_$$"
# Each benchmark's audit chain signs its head into a file of its own, never beside the demo's.
anchors=$(mktemp -d)
made=()
cleanup() {
  for db in "${made[@]}"; do psql "$url" -qc "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1; done
  rm -rf "$anchors"
  stop_cluster
}
trap cleanup EXIT

failed=()
bench() {
  local name=$1
  export SAMVERKAN_AUDIT_ANCHOR="$anchors/$name.json"
  if [ "${2:-}" = db ]; then
    local db="samverkan_bench_${name}_${run_id}"
    psql "$url" -qc "CREATE DATABASE $db" || { failed+=("$name"); return; }
    made+=("$db")
    DATABASE_URL="${url%/*}/$db" $PY "bench/bench_$name.py" || failed+=("$name")
  else
    $PY "bench/bench_$name.py" || failed+=("$name")
  fi
}

# `scripts/bench.sh cases inbox` runs only those; with no names, every benchmark.
all=(workdays agreements compliance cases meetings inbox sip report indicators backup load)
for name in "${@:-${all[@]}}"; do
  case $name in
    workdays) bench "$name" ;;
    agreements | compliance | cases | meetings | inbox | sip | report | indicators | backup | load)
      bench "$name" db ;;
    *) echo "no such benchmark: $name" >&2; failed+=("$name") ;;
  esac
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "make bench: aims missed or benchmarks failed: ${failed[*]} (see bench/results/)" >&2
  exit 1
fi
echo "make bench: every aim met"
