# The one command a newcomer runs before committing (`make check`), and the benchmarks.
PYTHON ?= python

# The tools of the test extras (pip install ".[test]"), next to $(PYTHON).
BIN := $(dir $(shell command -v $(PYTHON)))

.PHONY: check static test bench bench-quick

# In this order, stopping at the first failure: the quick static checks first, then the tests.
check: static test

static:
	$(PYTHON) -m ruff check .
	$(PYTHON) -m ruff format --check .
	$(PYTHON) -m mypy
	$(BIN)lint-imports --no-logo

test:
	$(PYTHON) -m pytest -q

# Every budget of product.md as a ratio within one run; writes docs/performance.md (about ten minutes).
# PG=postgresql://user@host/empty_db adds the load on PostgreSQL (20 facilitators for 60 s).
bench:
	$(PYTHON) -m bench $(if $(PG),--pg $(PG))

# Smaller data, fewer runs: under a minute, for everyday use.
bench-quick:
	$(PYTHON) -m bench --quick
