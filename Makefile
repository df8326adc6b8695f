# The one command a newcomer runs before committing (`make check`), and the benchmarks.
PYTHON ?= python

.PHONY: check test bench bench-quick

check: test

test:
	$(PYTHON) -m pytest -q

# Every budget of product.md as a ratio within one run; writes docs/performance.md (about ten minutes).
bench:
	$(PYTHON) -m bench

# Smaller data, fewer runs: under a minute, for everyday use.
bench-quick:
	$(PYTHON) -m bench --quick
