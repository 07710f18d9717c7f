#!/usr/bin/env bash
# The exhaustive accessibility crawl (`make crawl`): every URL pattern, as every demo user who is
# shown it, axe (WCAG 2.1 A/AA) at 320 px and 1280 px, nothing sideways at 320 px, every form's
# errors shown. Once, on SQLite: the pages are the same on PostgreSQL. The suite (`make test`)
# runs the same crawl with one user of each kind of role. Figures: var/crawl/report.json.
set -euo pipefail
cd "$(dirname "$0")/.."
export SAMVERKAN_DEBUG=1 SAMVERKAN_CRAWL=full
exec .venv/bin/python -m pytest -q -s -p no:cacheprovider samverkan/tests/test_browser_crawl.py "$@"
