# Two commands: `make run` (set up + run on raw/) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench schema clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/minutes run --raw-dir raw --out-dir output

# pytest exits 5 when no tests are collected: not a failure of the project.
test: $(STAMP)
	$(BIN)/python -m pytest -q; rc=$$?; if [ $$rc -eq 5 ]; then exit 0; else exit $$rc; fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# `make bench PAGES=10000`; the fetch figures come from the local fake site (mostly
# waiting at the politeness delay: meetings since FETCH_SINCE keep it to about a minute).
PAGES ?= 1000
FETCH_SINCE ?= 2025-09-01
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py --pages $(PAGES) --rerun
	$(BIN)/python benchmarks/bench_fetch.py --delay 1 --councils 4 --since $(FETCH_SINCE)

schema: $(STAMP)
	$(BIN)/minutes schema

clean:
	rm -rf output .pytest_cache
