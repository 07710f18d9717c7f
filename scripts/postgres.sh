# Sourced by test.sh and bench.sh: find a PostgreSQL server, or start a throwaway cluster.
# `find_postgres` prints a URL: the server at TEST_DATABASE_URL, else one answering on
# 127.0.0.1:5432, else a cluster started here from Debian's packages; `stop_cluster` stops it.
cluster=""

pg_bin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1; }

# PostgreSQL refuses to run as root: a throwaway cluster runs as an unprivileged user.
run_pg() {
  if [ "$(id -u)" = 0 ]; then
    local user=postgres
    id "$user" >/dev/null 2>&1 || user=nobody
    runuser -u "$user" -- "$@"
  else
    "$@"
  fi
}

stop_cluster() {
  if [ -n "$cluster" ]; then
    run_pg "$(pg_bin)/pg_ctl" -D "$cluster/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$cluster"
  fi
}

find_postgres() {
  if [ -n "${TEST_DATABASE_URL:-}" ]; then
    echo "$TEST_DATABASE_URL"; return
  fi
  local url="postgres://postgres@127.0.0.1:5432/postgres"
  if command -v psql >/dev/null && psql "$url" -Atqc 'select 1' >/dev/null 2>&1; then
    echo "$url"; return
  fi
  cluster=$(mktemp -d /tmp/samverkan-pg.XXXXXX)
  chmod 755 "$cluster"
  if [ "$(id -u)" = 0 ]; then
    chown "$(id -u postgres 2>/dev/null || id -u nobody)" "$cluster"
  fi
  run_pg "$(pg_bin)/initdb" -D "$cluster/data" -U postgres -A trust >/dev/null
  run_pg "$(pg_bin)/pg_ctl" -D "$cluster/data" -o "-p 54329 -k $cluster -c listen_addresses=127.0.0.1" \
    -l "$cluster/log" -w start >/dev/null
  echo "postgres://postgres@127.0.0.1:54329/postgres"
}
