# SEE Route Monitor: the commands a developer, CI and the README use.
#   make run      serve the dashboard with gunicorn on http://localhost:$(PORT)
#   make test     lint, then the whole pytest suite (browser tests included)
#   make prepare  build the prepared data the app serves
#   make site     the static edition in dist/site and dist/see-route-monitor-site.zip (dashboard/site)
#   make lint     ruff
#   make bench    the benchmark suite against the baseline app (bench/README.md); writes bench/RESULTS.md
#   make audit    pip-audit of every installed dependency (reports, and does not fail, when offline)
#   make soak     the long soak: 1,000 passes over the opening views by 200 concurrent clients (CI runs 100)
# Every target runs the project's own venv ($(VENV)); it is created and filled from the requirements files
# when missing or when a requirements file changed.

SHELL := /bin/bash
PYTHON_SYSTEM ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8050
PYTEST_ARGS ?= -q

.PHONY: run test prepare site lint bench audit soak venv venv-dev

$(PY):
	$(PYTHON_SYSTEM) -m venv $(VENV)

# Stamp files inside the venv remember which requirements were installed.
$(VENV)/.installed-run: requirements.txt | $(PY)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements-dev.txt
	touch $@ $(VENV)/.installed-run

venv: $(VENV)/.installed-run
venv-dev: $(VENV)/.installed-dev

# Same command and settings as the Procfile (dashboard/gunicorn_conf.py); PORT=… make run to move it.
run: venv
	PORT=$(PORT) $(PY) -m gunicorn --config dashboard/gunicorn_conf.py dashboard.wsgi:server

prepare: venv
	$(PY) -m dashboard.prepare

lint: venv-dev
	$(PY) -m ruff check .

test: venv-dev lint audit
	scripts/install-system-deps
	$(PY) -m pytest $(PYTEST_ARGS)

audit: venv-dev
	$(PY) scripts/audit-deps

soak: venv-dev
	SOAK_PASSES=1000 $(PY) -m pytest -q -s tests/hardening/test_load.py -k flat_memory

bench: venv-dev
	$(PY) -m bench

# The static edition: a folder that runs from file:// or any static host, and a zip of it (issue 14).
site: venv
	$(PY) -m dashboard.site dist/site --zip dist/see-route-monitor-site.zip
