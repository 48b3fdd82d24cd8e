# The README's two commands are `make editions` and `make test`; every target
# first runs the idempotent installer (tools/bootstrap.sh), which is quiet when
# everything is present.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
BOOTSTRAP := bash tools/bootstrap.sh

.PHONY: help bootstrap contributor editions html pdf epub test test-fast check bench bench-readme clean

help:
	@echo "make contributor  install only what cvmbok check, new and preview need (then run ./cvmbok)"
	@echo "make editions  build the HTML, PDF and ePub editions into build/"
	@echo "make test      run the whole test suite"
	@echo "make test-fast the development loop: every test except edition builds and the browser"
	@echo "make check     run the contribution checks (pre-commit hooks) on every file"
	@echo "make bench     run the benchmarks in bench/"
	@echo "make bench-readme  run them and write their output, dated, into README.md (section Measured)"

bootstrap:
	@$(BOOTSTRAP) all

# For contributors: Python packages, Vale and Graphviz only (see contrib/README.md).
contributor:
	@$(BOOTSTRAP) contributor

editions: bootstrap
	$(BIN)/cvmbok build all

html pdf epub: bootstrap
	$(BIN)/cvmbok build $@

test: bootstrap
	$(BIN)/python -m pytest -q -p no:cacheprovider

# Markers decide what is slow (pyproject.toml); tests using the built editions are marked
# automatically in tests/conftest.py. Only Python and Vale are needed for this loop.
test-fast:
	@$(BOOTSTRAP) python vale
	$(BIN)/python -m pytest -q -p no:cacheprovider -m "not editions and not browser and not intake and not faults"

check: bootstrap
	$(BIN)/pre-commit run --all-files --show-diff-on-failure

bench: bootstrap
	@for script in bench/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

bench-readme: bootstrap
	$(BIN)/python bench/readme.py

clean:
	rm -rf build
