# The two commands of the README: `make run` and `make test`. Both set up what they need.
# `make check` is the fast lane: lint, types and the unit tests; no Neo4j, no Chromium, no sudo.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
ECONGRAPH := $(VENV)/bin/econgraph

.PHONY: setup run check test lint typecheck neo4j-jars browser-deps neo4j clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	@# the editable install's notice about folders named like packages is not for users (a wheel build has no warning: tests/test_packaging.py)
	PYTHONWARNINGS=ignore $(PY) -m pip install -q -e '.[dev]'
	touch $@

setup: $(VENV)/.installed

## Build the graph from seeds/ into the embedded store and answer one relational question.
run: setup
	$(ECONGRAPH) build seeds/
	$(ECONGRAPH) query run companies-in-county -p county=临清市

neo4j-jars: setup
	$(PY) scripts/neo4j_server.py fetch

## Headless Chromium for the browser tests, and a CJK font so screenshots show the names (Debian packages; needs root or sudo).
browser-deps:
	@{ command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi 'wenquanyi\|noto sans cjk'; } || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium chromium-driver fonts-wqy-microhei >/dev/null; }

## Lint, type-check and run the unit lane (tests not marked integration: no Neo4j, no browser, no slow ones).
check: setup
	$(PY) -m ruff check .
	$(PY) scripts/typecheck.py
	$(PY) -m pytest -q -m "not integration" $(PYTEST_ARGS)

## Install everything, start a Neo4j test server (unless NEO4J_URI is set), run the whole suite, stop it.
test: setup neo4j-jars browser-deps
	$(PY) -m ruff check .
	$(PY) scripts/typecheck.py
	$(PY) -m pytest -q $(PYTEST_ARGS)

lint: setup
	$(PY) -m ruff check .

typecheck: setup
	$(PY) scripts/typecheck.py

## A Neo4j server in the foreground for people without Docker (Ctrl-C stops it).
## Other ports: make neo4j BOLT_PORT=7688 HTTP_PORT=7475 (a busy port is a one-line error).
BOLT_PORT ?= 7687
HTTP_PORT ?= 7474
neo4j: neo4j-jars
	@$(PY) scripts/neo4j_server.py run --bolt-port $(BOLT_PORT) --http-port $(HTTP_PORT)

clean:
	rm -rf $(VENV) .econgraph build *.egg-info
