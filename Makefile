# corpuslib — `make help` lists the targets.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RUNS ?= notebooks/runs.yml
JOBS ?= 1

.DEFAULT_GOAL := help

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The lock pins versions for Python 3.11+; on 3.10 the ranges in pyproject.toml apply.
LOCKED = $(shell $(BIN)/python -c 'import sys; print(int(sys.version_info >= (3, 11)))' 2>/dev/null)

$(STAMP): $(BIN)/python pyproject.toml requirements-lock.txt
	$(BIN)/python -m pip install --quiet $(if $(filter 1,$(LOCKED)),-c requirements-lock.txt) -e '.[dev,dask]'
	touch $(STAMP)

## install: create .venv (if absent) and install corpuslib with pinned dependencies
install: $(STAMP)

## reproduce: set up, build the bundled corpus, run every notebook parameter set
reproduce: $(STAMP)
	$(BIN)/corpuslib build
	$(BIN)/corpuslib run --runs $(RUNS) --jobs $(JOBS)

## test: set up and run the test suite (doctests, notebooks under papermill, a Dask cluster); the heavy tests are opt-in
test: $(STAMP)
	$(BIN)/python -m pytest -q -m "not heavy" --durations=10

## test-all: the test suite with the heavy tests (an HTML page through all notebooks, notebook 02 twice, a LocalCluster)
test-all: $(STAMP)
	$(BIN)/python -m pytest -q --durations=10

## test-fast: the test suite without the slow and heavy tests (notebooks, Dask cluster); about three minutes
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow and not heavy"

EVAL_SETS := dev dev2 dev3 dev4 dev5 dev6 dev7 dev8 dev9 dev10 dev11 dev12 dev13 dev14 dev15 dev16 dev17 dev18 dev19
EVAL_OUT := data/processed/eval

## eval: build each layout dev set (dev … dev19) with layout.yml and with an empty layout file; print the thirty-eight scores
eval: $(STAMP)
	@mkdir -p $(EVAL_OUT)
	@for set in $(EVAL_SETS); do \
		dir=tests/data/layouts/$$set; \
		$(BIN)/corpuslib build --raw $$dir/raw --manifest $$dir/manifest.csv \
			--out $(EVAL_OUT)/$$set-with-layout --force > $(EVAL_OUT)/$$set-with-layout.log 2>&1 || exit 1; \
		$(BIN)/corpuslib build --raw $$dir/raw --manifest $$dir/manifest.csv \
			--out $(EVAL_OUT)/$$set-empty-layout --layout tests/data/layouts/empty-layout.yml --force \
			> $(EVAL_OUT)/$$set-empty-layout.log 2>&1 || exit 1; \
		printf '%-5s with layout.yml:   ' $$set; $(BIN)/corpuslib evaluate --gold $$dir/gold.yml \
			--segments $(EVAL_OUT)/$$set-with-layout/segments.parquet --summary; \
		printf '%-5s empty layout file: ' $$set; $(BIN)/corpuslib evaluate --gold $$dir/gold.yml \
			--segments $(EVAL_OUT)/$$set-empty-layout/segments.parquet --summary; \
	done

## lint: ruff on the package, tests, benchmarks and notebooks
lint: $(STAMP)
	$(BIN)/ruff check corpuslib tests benchmarks notebooks

## bench: scale benchmarks (1k and 10k pages) -> benchmarks/RESULTS.md
bench: $(STAMP)
	$(BIN)/python benchmarks/run_benchmarks.py --sizes 1000 10000

## bench-large: opt-in, long: 100,000 generated pages (build, count, first scoring, load, notebooks twice; peak memory < 4 GB) -> benchmarks/RESULTS-large.md
bench-large: $(STAMP)
	$(BIN)/python benchmarks/run_benchmarks.py --plan large --sizes 100000 --jobs 2 --out benchmarks/RESULTS-large.md

## validate: VADER long-text aggregation vs the human ratings shipped with VADER -> benchmarks/SENTIMENT_VALIDATION.md (downloads the vaderSentiment sdist once into benchmarks/.cache)
validate: $(STAMP)
	$(BIN)/python benchmarks/validate_sentiment.py

## lab: JupyterLab on notebooks/ with the kernel "corpuslib (.venv)"; prints the URL (LAB_ARGS="--no-browser --port N")
lab: $(STAMP)
	$(BIN)/python -m corpuslib.runs.lab $(LAB_ARGS)

PAIRED_NOTEBOOKS := $(wildcard notebooks/*.ipynb)

## sync-notebooks: bring each notebook and its jupytext .py twin in step (the newer wins), outputs stripped
sync-notebooks: $(STAMP)
	$(BIN)/jupytext --sync $(PAIRED_NOTEBOOKS)
	$(BIN)/nbstripout --keep-id $(PAIRED_NOTEBOOKS)

## lock: re-pin requirements-lock.txt from the current .venv
lock: $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^corpuslib' > requirements-lock.txt.new
	mv requirements-lock.txt.new requirements-lock.txt

## clean: remove generated data and outputs (raw data is never touched)
clean:
	rm -rf data/processed outputs

## help: list the targets
help:
	@grep -E '^## ' $(MAKEFILE_LIST) | sed 's/^## /  make /'

.PHONY: install reproduce test test-all test-fast eval lint bench bench-large validate lab sync-notebooks lock clean help
