# Passerelle — the two commands are `make run` and `make test` (see README).
# Each step is skipped when its inputs have not changed, so a second
# `make run` starts in seconds.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 5000
export FLASK_APP := wsgi
PYTEST_ARGS ?=
# Two workers by default (pytest-xdist, one test file per worker at a time so
# a file's servers and fixtures are built once); TEST_WORKERS=0 runs serially.
TEST_WORKERS ?= 2

PO_FILES := $(wildcard translations/*/LC_MESSAGES/messages.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: run test setup install install-dev assets translations serve lint clean bench

run: install assets translations
	$(BIN)/flask portal setup
	$(BIN)/flask portal serve --port $(PORT)

test: install-dev assets translations
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

portal/static/vendor/.copied: node_modules/.installed scripts/copy_vendor.py
	$(BIN)/python scripts/copy_vendor.py
	touch $@

# Fingerprinted, precompressed copies of every static file (portal/core/assets.py),
# made again whenever one of them changes.
STATIC_SOURCES := $(shell find portal/static -regextype posix-extended -type f ! -path '*/vendor/*' \
	! -name '*.gz' ! -name '*.br' ! -name cache_manifest.json ! -regex '.*-[0-9a-f]{32}\.[^/]*' 2>/dev/null)

portal/static/cache_manifest.json: portal/static/vendor/.copied $(STATIC_SOURCES) | $(VENV)/.installed
	$(BIN)/flask digest clean >/dev/null
	$(BIN)/flask digest compile >/dev/null

assets: portal/static/cache_manifest.json

translations: $(MO_FILES)

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po | $(VENV)/.installed
	$(BIN)/pybabel compile -i $< -o $@

lint: install-dev
	$(BIN)/ruff check portal search_index tests scripts $(wildcard bench)

bench: install-dev assets translations
	@for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) node_modules portal/static/vendor $(MO_FILES)
