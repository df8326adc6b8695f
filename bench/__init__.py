"""Benchmarks of the budgets in product.md, measured as ratios within one run (`python -m bench`)."""
