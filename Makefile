# Samverkan. The README's two commands are the contract: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export SAMVERKAN_DEBUG ?= 1

.PHONY: run test fuzz crawl setup system-deps lint bench messages clean

setup: $(VENV)/.installed messages

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test]'
	touch $@

system-deps:
	@scripts/system-deps.sh

messages: system-deps $(VENV)/.installed
	$(PY) manage.py compilemessages --ignore .venv --ignore var --verbosity 0

# The worker (mail, reminders) runs beside the web server; when the server stops, on Ctrl-C or
# otherwise, the worker is stopped with it.
run: setup
	$(VENV)/bin/samverkan demo
	$(PY) manage.py daily_work --schedule
	@echo "Samverkan: http://127.0.0.1:8000  (demoanvändare i README.md, lösenord: samverkan-demo)"
	@$(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; trap 'exit 130' INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:8000

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: setup
	@TEST_TOOLS=1 scripts/system-deps.sh
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	scripts/test.sh

# The API (schemathesis) and every form and filter (hypothesis) fuzzed deeper than `make test`
# does, on SQLite and PostgreSQL: a fresh random draw each run, FUZZ_EXAMPLES per endpoint and
# form. A failure prints the example and a blob (@reproduce_failure) that replays it.
fuzz: setup
	@TEST_TOOLS=1 scripts/system-deps.sh
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-200} FUZZ_RANDOM=1 scripts/test.sh \
		inputs/tests/test_fuzz_api.py inputs/tests/test_fuzz_forms.py

# Every page as every demo user who is shown it, in Chromium with axe at 320 px and 1280 px; the
# suite crawls the same pages as one user of each kind of role (scripts/crawl.sh).
crawl: setup
	@TEST_TOOLS=1 scripts/system-deps.sh
	scripts/crawl.sh

bench: setup
	scripts/bench.sh

clean:
	rm -rf $(VENV) var build *.egg-info
