# Pod Designer. The two commands: `make run` and `make test`. Re-running them is fast when
# nothing changed: each install step is guarded by a stamp that depends on its inputs.

SHELL := /bin/sh
VENV := .venv
PY := $(VENV)/bin/python
STAMPS := .stamps
HOST ?= 127.0.0.1
PORT ?= 8000
FRONTEND_SOURCES := $(shell find frontend/src -type f 2>/dev/null) frontend/vite.config.ts frontend/tsconfig.json

.PHONY: run test test-python test-frontend lint bench build install migrate seed clean help

help:
	@echo "make run    install, build, migrate, seed and serve on http://$(HOST):$(PORT)"
	@echo "make test   install (with Debian's chromium) and run every test"
	@echo "make lint   ruff, import contract, mypy (core), tsc"
	@echo "make bench  print performance figures"

$(STAMPS):
	@mkdir -p $(STAMPS)

$(STAMPS)/venv: pyproject.toml constraints.txt scripts/find-python.sh | $(STAMPS)
	@test -x $(PY) || { python=$$(scripts/find-python.sh) && echo "Creating $(VENV) with $$python" && "$$python" -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $@

$(STAMPS)/npm: frontend/package.json frontend/package-lock.json | $(STAMPS)
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

frontend/dist/.vite/manifest.json: $(STAMPS)/npm $(FRONTEND_SOURCES)
	cd frontend && npm run --silent build

$(STAMPS)/static: frontend/dist/.vite/manifest.json $(STAMPS)/venv
	DEBUG=1 $(PY) manage.py collectstatic --noinput --verbosity 0
	@touch $@

$(STAMPS)/debian: scripts/ensure-debian-packages.sh | $(STAMPS)
	scripts/ensure-debian-packages.sh
	@touch $@

install: $(STAMPS)/venv $(STAMPS)/npm

build: $(STAMPS)/static

migrate: $(STAMPS)/venv
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --noinput --verbosity 1

seed: migrate
	DEBUG=$${DEBUG:-1} $(PY) manage.py seed_patterns

run: install build seed
	@echo ""
	@echo "  Pod Designer is serving on http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	@echo ""
	DEBUG=$${DEBUG:-1} $(PY) -m daphne -e tcp:port=$(PORT):interface=$(HOST):backlog=2048 designer.asgi:application

test: install build $(STAMPS)/debian
	$(MAKE) --no-print-directory test-python test-frontend

test-python: $(STAMPS)/venv
	$(PY) -m pytest

test-frontend: $(STAMPS)/npm
	cd frontend && npx vitest run

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy designer/domain
	cd frontend && npx tsc --noEmit

bench: install build
	$(PY) -m bench

clean:
	rm -rf $(STAMPS) frontend/dist staticfiles test-output
