# Two commands on a fresh machine with Python 3.11+ and make:
#   make demo   set up, extract the seeds and print the conflicts table
#   make test   set up, lint and run the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= factcheck.db

.PHONY: demo test lint eval bench clean

$(VENV)/pyvenv.cfg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

demo: $(VENV)/pyvenv.cfg
	$(BIN)/factcheck extract seeds --db $(DB)
	$(BIN)/factcheck conflicts --db $(DB)

lint: $(VENV)/pyvenv.cfg
	$(BIN)/ruff check factcheck tests
	$(BIN)/lint-imports --no-cache

test: $(VENV)/pyvenv.cfg lint
	$(BIN)/python -m pytest

eval: $(VENV)/pyvenv.cfg
	$(BIN)/factcheck eval data/gold/seeds.jsonl seeds --db $(VENV)/eval-seeds.db
	$(BIN)/factcheck eval data/dev/gold.jsonl data/dev/articles --db $(VENV)/eval-dev.db \
		--conflicts data/dev/conflicts.json

bench: $(VENV)/pyvenv.cfg
	$(BIN)/factcheck bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
