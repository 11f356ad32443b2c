# careerguide: `make run` serves the app, `make test` runs the whole suite. Both install first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: install install-dev run serve worker beat test lint format migrate seed check bench clean

PIP := $(PY) -m pip install --quiet --disable-pip-version-check

# What running the app needs; `make test` adds the test tools (requirements-dev.txt) on top.
$(VENV)/.installed: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "careerguide needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(PIP) --upgrade pip
	$(PIP) -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP) -r requirements-dev.txt
	@touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py load_guide --if-empty
	$(PY) manage.py load_curated_aliases --if-empty

## Development server on http://$(HOST):$(PORT) with the guide's data (DATABASE_URL honoured).
run: seed
	$(PY) manage.py runserver $(HOST):$(PORT)

## Production-style serving: gunicorn + whitenoise (set DEBUG=false and SECRET_KEY).
serve: seed
	$(PY) manage.py collectstatic --noinput
	$(VENV)/bin/gunicorn careerguide.wsgi --bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-2} --no-control-socket

## A Celery worker for the background work (skill demand recounts); needs CELERY_BROKER_URL or REDIS_URL.
worker: migrate
	$(VENV)/bin/celery -A careerguide worker --loglevel=INFO --concurrency=$${CELERY_CONCURRENCY:-2}

## Celery beat: the schedule (the stale recount every 5 minutes). One per deployment, beside the workers.
beat: install
	$(VENV)/bin/celery -A careerguide beat --loglevel=INFO

## Lint, then the whole suite against DATABASE_URL (SQLite when unset).
test: lint
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest

## ruff: the lint rules and the formatting in pyproject.toml (`make format` applies the formatting).
lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## gunicorn + wrk against PostgreSQL with BENCH_POSTINGS synthetic postings (default 1,000,000); writes docs/benchmarks.md.
bench: install
	$(PY) manage.py benchmark

check: install
	$(PY) manage.py check --deploy

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
