# The one command a newcomer runs before committing (`make check`), and the benchmarks.
PYTHON ?= python

.PHONY: check test bench bench-quick

check: test

test:
	$(PYTHON) -m pytest -q

# Every budget of product.md as a ratio within one run; writes docs/performance.md (about ten minutes).
# PG=postgresql://user@host/empty_db adds the load on PostgreSQL (20 facilitators for 60 s).
bench:
	$(PYTHON) -m bench $(if $(PG),--pg $(PG))

# Smaller data, fewer runs: under a minute, for everyday use.
bench-quick:
	$(PYTHON) -m bench --quick
