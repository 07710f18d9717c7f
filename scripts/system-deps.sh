#!/usr/bin/env bash
# Debian packages the platform needs: Graphviz (diagrams), gettext (translations), Pango
# (WeasyPrint's text layout, for the minutes as PDF) and PostgreSQL's client tools (pg_dump and
# pg_restore, for samverkan backup and restore) to run;
# with TEST_TOOLS=1 also Chromium (browser tests) and PostgreSQL (the production database).
set -euo pipefail
need=()
command -v dot >/dev/null || need+=(graphviz)
command -v msgfmt >/dev/null || need+=(gettext)
command -v pg_dump >/dev/null || need+=(postgresql-client)
[ -d /usr/share/fonts/truetype/dejavu ] || need+=(fonts-dejavu-core)
ls /usr/lib/*/libpangoft2-1.0.so.0 >/dev/null 2>&1 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
if [ "${TEST_TOOLS:-0}" = 1 ]; then
  command -v chromium >/dev/null || need+=(chromium)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
fi
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian packages: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
else
  echo "Missing Debian packages: ${need[*]}" >&2
  echo "Install them with: sudo apt-get install ${need[*]}" >&2
  exit 1
fi
