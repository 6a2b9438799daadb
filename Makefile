# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The torch the semantic extra runs on, installed before it: this CPU build lies on the
# machines CI runs on. Elsewhere: TORCH=torch TORCH_ARGS="--index-url https://download.pytorch.org/whl/cpu"
TORCH      ?= torch==2.13.0
TORCH_ARGS ?=

.PHONY: demo test lint bench eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet "$(TORCH)" $(TORCH_ARGS)
	$(BIN)/python -m pip install --quiet -e ".[test,dev,semantic]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/benefitkit demo

test: $(STAMP)
	$(BIN)/python -m pytest --nbmake tests notebooks

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

eval: $(STAMP)
	$(BIN)/python benchmarks/eval_parse.py

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_parse.py

clean:
	rm -rf $(VENV) demo-out
