# B2M Guide. `make run` serves the site; `make test` proves it. Each target does its own set-up.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PORT ?= 8000
STAMPS := .make
APT_GET := $(if $(filter 0,$(shell id -u)),apt-get,sudo apt-get)

export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test test-postgres test-redis test-cluster lint format serve bench setup migrate static browser clean help mutation

help:
	@echo "make run    - serve the site on http://127.0.0.1:$(PORT)/ (SQLite, full content)"
	@echo "make test   - lint, migration check and the whole test suite"
	@echo "make lint   - ruff check and format check"
	@echo "make serve  - production mode under gunicorn (see README)"
	@echo "make test-postgres / test-redis - the suite on a throwaway PostgreSQL 15 / Redis (make test runs both)"
	@echo "make test-cluster - HAProxy + two app nodes + PostgreSQL 15 + Redis 7, with faults (make test runs it)"
	@echo "make bench  - benchmark against gunicorn; writes bench/results.json"
	@echo "make mutation - mutation testing of the engine (rules, units, egfr); prints the killed share"

# --- set-up -----------------------------------------------------------------

$(STAMPS):
	@mkdir -p $(STAMPS)

# Reinstall only when requirements.txt changes.
$(STAMPS)/python: requirements.txt | $(STAMPS)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

# Bootstrap's CSS and axe-core come from the npm registry, pinned in package-lock.json.
$(STAMPS)/node: package.json package-lock.json | $(STAMPS)
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

setup: $(STAMPS)/python $(STAMPS)/node

migrate: setup
	$(PY) manage.py migrate --noinput

static: setup
	$(PY) manage.py collectstatic --noinput --verbosity 0

# Debian's chromium for the real-browser tests (Playwright cannot download browsers here).
browser:
	@command -v chromium >/dev/null || { $(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq chromium >/dev/null; }

# --- the two commands -----------------------------------------------------------

run: migrate
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: setup static browser
	$(MAKE) --no-print-directory lint
	$(PY) manage.py makemigrations --check --dry-run
	$(BIN)/pytest
	$(MAKE) --no-print-directory test-postgres test-redis test-cluster STATIC_DONE=1

# collectstatic takes a while; `make test` has just run it.
STATIC_FOR_TESTS := $(if $(STATIC_DONE),,static)

# The whole suite again on a real PostgreSQL 15 that the script starts and removes
# (real-browser tests left out: they test pages, not the database, and would double the time).
test-postgres: setup $(STATIC_FOR_TESTS)
	PYTHON=$(PY) scripts/with-postgres.sh $(BIN)/pytest -q -m "not browser"

# The cache and rate-limit tests (marker `cache`) and the fault tests (marker
# `faults`: Redis killed and paused among them) on a throwaway redis-server, which
# scripts/with-redis.sh installs when it is missing.
test-redis: setup $(STATIC_FOR_TESTS)
	PYTHON=$(PY) scripts/with-redis.sh $(BIN)/pytest -q -m "(cache or faults) and not browser"

# HAProxy (deploy/haproxy.cfg) in front of two gunicorn nodes, each in a folder of its
# own, sharing a throwaway PostgreSQL 15 and Redis 7; nodes, Redis and the database are
# killed under load (tests/cluster). Debian's packages are installed when missing.
CLUSTER_TOOLS := haproxy:haproxy redis-server:redis-server wrk:wrk openssl:openssl
test-cluster: setup
	@missing=""; \
	for pair in $(CLUSTER_TOOLS); do \
		command -v $${pair%%:*} >/dev/null || test -x /usr/sbin/$${pair%%:*} || missing="$$missing $${pair#*:}"; \
	done; \
	test -x /usr/lib/postgresql/15/bin/initdb || missing="$$missing postgresql-15"; \
	if [[ -n $$missing ]]; then \
		echo "test-cluster: installing Debian's$$missing"; \
		$(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq $$missing >/dev/null; \
	fi
	$(BIN)/pytest -q -m cluster tests/cluster

# --- the rest -------------------------------------------------------------------

# Production mode under gunicorn on 127.0.0.1:$(PORT); WEB_CONCURRENCY workers (2).
# Without DJANGO_SECRET_KEY it is a local try-out with a throwaway key (see README).
serve: setup
	PORT=$(PORT) PY=$(PY) scripts/serve.sh

# The production server (scripts/serve.sh: gunicorn, 2 workers) under Debian's wrk, on a
# throwaway database; prints one table, writes bench/results.json, fails on a missed budget.
bench: setup
	@command -v wrk >/dev/null || { $(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq wrk >/dev/null; }
	$(PY) bench/run.py

# Mutation testing (mutmut 3, requirements-mutation.txt) of rules.py, units.py and egfr.py
# against their tests; prints the killed share and fails under 97%. Not part of `make test`.
# MUTANTS="interpreter.egfr*" runs one module's mutants; MUTATION_JOBS sets the workers.
MUTANTS ?=
MUTATION_JOBS ?= 2
mutation: setup
	$(PY) -m pip install --quiet -r requirements-mutation.txt
	rm -rf mutants
	$(BIN)/mutmut run --max-children $(MUTATION_JOBS) $(MUTANTS) >/dev/null
	$(BIN)/mutmut export-cicd-stats >/dev/null
	$(PY) scripts/mutation_score.py

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) node_modules $(STAMPS) staticfiles
