# Portal IKM/UMKM: `make run` starts the demo, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# A local PostgreSQL that `make test` uses when DATABASE_URL does not name one.
LOCAL_POSTGRES_URL ?= postgres://postgres:postgres@127.0.0.1:5432/portal
# One test worker per core (pytest-xdist); modules and classes stay on one worker.
PYTEST_ARGS ?= -n auto --dist loadscope
HOST ?= 127.0.0.1
PORT ?= 8000

# The benchmark's own PostgreSQL database (issue 7): filled by `make bench-data`, never the
# portal's. DATABASE_URL, when set, wins. BENCH_ARGS go to manage.py bench ("--requests 100").
BENCH_DATABASE_URL ?= postgres://postgres:postgres@127.0.0.1:5432/portal_bench
BENCH_ARGS ?=

.PHONY: setup run test test-sqlite test-postgres lint format clean backup restore sqlmap restart-check bench bench-data

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e ".[dev]"
	touch $@

.env: | $(VENV)/.installed
	sed "s|^SECRET_KEY=.*|SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')|" .env.example > .env

setup: $(VENV)/.installed .env

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py runserver $(HOST):$(PORT)

test: setup test-sqlite test-postgres

test-sqlite: setup
	env -u REQUIRE_POSTGRES DATABASE_URL=sqlite:///$(CURDIR)/db-test.sqlite3 $(VENV)/bin/pytest -q $(PYTEST_ARGS)

# On PostgreSQL when one answers: DATABASE_URL if it names one, else the local server.
# With REQUIRE_POSTGRES set (CI), a missing server is a failure, not a skip.
test-postgres: setup
	@url="$${DATABASE_URL:-}"; \
	case "$$url" in postgres://*|postgresql://*) ;; *) url="$(LOCAL_POSTGRES_URL)";; esac; \
	if $(PY) -c "import sys, psycopg2; psycopg2.connect(sys.argv[1].rsplit('/', 1)[0] + '/postgres', connect_timeout=3)" "$$url" 2>/dev/null; then \
		echo "PostgreSQL: $$url"; \
		DATABASE_URL="$$url" $(VENV)/bin/pytest -q $(PYTEST_ARGS); \
	elif [ -n "$${REQUIRE_POSTGRES:-}" ]; then \
		echo "REQUIRE_POSTGRES is set but no PostgreSQL answers at $$url" >&2; exit 1; \
	else \
		echo "No PostgreSQL answers at $$url: PostgreSQL tests skipped."; \
	fi

# Copies of the database named by DATABASE_URL (or the demo's SQLite) in backups/.
backup: setup
	$(PY) manage.py backup_db

# make restore FILE=backups/portal-20261123-101500.dump  (replaces every record, all or nothing)
restore: setup
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=backups/<copy>" >&2; exit 2; }
	$(PY) manage.py restore_db "$(FILE)" --yes

# sqlmap against the search and filter parameters of a portal started for the purpose.
sqlmap: setup
	$(PY) tests/security/sqlmap_scan.py

# PostgreSQL restarted under a serving portal: it must recover without a restart itself.
restart-check: setup
	$(PY) tests/resilience/postgres_restart_check.py

# A province of 100,000 groups (Jawa Tengah) in the benchmark database.
bench bench-data: export DATABASE_URL ?= $(BENCH_DATABASE_URL)
bench bench-data: export DJANGO_SETTINGS_MODULE = portal.bench.settings
bench-data: setup
	$(PY) manage.py make_bench_data

# Pages, import, PDF report and load against the floor view; the table is saved in
# bench-results/. DEBUG=0 gives production's settings whatever .env says (static files from
# collectstatic's manifest). SKIP_LOAD=1 leaves out the load test, and with it wrk.
bench: export DEBUG = 0
bench: setup
	@if [ -z "$(SKIP_LOAD)" ] && ! command -v wrk >/dev/null 2>&1; then \
		echo "Installing wrk for the load test (SKIP_LOAD=1 to go without)."; \
		sudo=; [ "$$(id -u)" = 0 ] || sudo=sudo; \
		$$sudo apt-get -y install wrk || { $$sudo apt-get update && $$sudo apt-get -y install wrk; }; \
	fi
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py bench $(if $(SKIP_LOAD),--skip-load) $(BENCH_ARGS)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 db-test.sqlite3 .pytest_cache
