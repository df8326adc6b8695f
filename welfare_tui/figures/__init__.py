"""The town-level figures (issue 15: `welfare-tui stats`, `welfare-tui gaps`, the statistics screen) as
plain values: `model.py` (the year's figures and the gaps report), `catalogue.py` (every figure, its key
and label, built from the counts storage aggregates in SQL), `report_form.py` (a municipality's report
form as a data file), and the renderers (`text_formats.py`: Markdown, CSV, JSON; `svg_charts.py`).

The kernel: no storage, no SQLAlchemy. `storage/statistics.py` and `storage/gaps.py` count in the
database and hand these values over; every rendering starts from the same values.
"""
