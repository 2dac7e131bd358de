# The two commands: `make run` (SQLite, tasks inline) and `make test` (PostgreSQL and Redis);
# `make check` while working: lint and the fast tests.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PG_URL ?= postgres://postgres@127.0.0.1:5432/adoption_portal
REDIS_URL ?= redis://127.0.0.1:6379

# pytest-xdist workers (each with its own test database, test_<name>_gw<N>).
WORKERS ?= auto
PYTEST := DATABASE_URL=$(PG_URL) CACHE_URL=$(REDIS_URL)/1 CELERY_BROKER_URL= DEBUG=1 $(VENV)/bin/pytest

.PHONY: run test check install system-packages services lint migrate seed backup restore clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,dev]"
	touch $@

# GOV.UK Frontend and axe-core from npm; the portal's stylesheet compiled from static/scss.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/build/portal.css: node_modules/.installed $(wildcard static/scss/*.scss)
	npm run --silent build

install: $(VENV)/.installed static/build/portal.css

# The browser tests drive Debian's Chromium, and the PDF tests read text with pdftotext
# (poppler-utils): install them where they are missing.
system-packages:
	@test -x /usr/bin/chromium -a -x /usr/bin/pdftotext || { apt-get update -qq && apt-get install -y -qq chromium chromium-driver poppler-utils; }

migrate: install
	DEBUG=1 $(PY) manage.py migrate --noinput

seed: migrate
	DEBUG=1 $(PY) manage.py seed_demo --if-empty

run: seed
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

# Start the installed PostgreSQL and Redis when they are not running.
services:
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	@redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
	@for i in $$(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && exit 0; sleep 1; done; echo "PostgreSQL or Redis did not start" >&2; exit 1

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

# The whole suite on PostgreSQL and Redis; the indicator maths once more on SQLite, the
# embedded default, because its date arithmetic is compiled differently.
test: install system-packages services lint
	$(PYTEST) -n $(WORKERS)
	env -u DATABASE_URL -u CACHE_URL DEBUG=1 $(VENV)/bin/pytest -q tests/indicators

# Lint and the fast tests: no fuzzing, browser or fault tests (pytest markers slow, browser,
# faults in pyproject.toml).
check: install services lint
	$(PYTEST) -q -n $(WORKERS) -m "not slow and not browser and not faults"

# Backups of the PostgreSQL database named by DATABASE_URL (pg_dump's custom format).
# `make backup` writes backups/adoption-portal-<time>.dump (or BACKUP=file);
# `make restore BACKUP=file` replaces the database's contents with the file's, in one transaction.
BACKUP ?= backups/adoption-portal-$(shell date +%Y%m%d-%H%M%S).dump

backup:
	@test -n "$(DATABASE_URL)" || { echo "Set DATABASE_URL to the PostgreSQL database to back up." >&2; exit 2; }
	@mkdir -p $(dir $(BACKUP))
	pg_dump --format=custom --no-owner --no-privileges --file="$(BACKUP)" "$(DATABASE_URL)"
	@echo "Backed up to $(BACKUP)"

restore:
	@test -n "$(DATABASE_URL)" || { echo "Set DATABASE_URL to the PostgreSQL database to restore into." >&2; exit 2; }
	@test -f "$(BACKUP)" || { echo "Name the backup to restore: make restore BACKUP=file" >&2; exit 2; }
	pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error --dbname="$(DATABASE_URL)" "$(BACKUP)"
	@echo "Restored $(BACKUP)"

clean:
	rm -rf $(VENV) node_modules static/build db.sqlite3 staticfiles
