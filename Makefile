# Two commands on a fresh machine (Python 3.11+ and pip): `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint typecheck cfn-lint pytest bench schemas clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev,bench]"
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/article-ingest run functions/article_ingest/samples

lint: install
	$(BIN)/ruff check functions tests benchmarks
	$(BIN)/ruff format --check functions tests benchmarks

typecheck: install
	$(BIN)/mypy

cfn-lint: install
	$(BIN)/cfn-lint infra/template.yaml

pytest: install
	$(BIN)/pytest -n 2 -q

test: lint typecheck cfn-lint pytest

schemas: install
	$(BIN)/article-ingest schemas --out events

bench: install
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
