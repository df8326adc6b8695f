"""The record spec: every kind of record described once (`kinds.py`), in the terms of `spec.py`.

The import schema (`minutes/schema.py`), the document reader and checker (`storage/documents.py`,
`storage/document_check.py`), the repository's item functions (`storage/items.py`), the value checks
and the TUI's form fields (`views/item_specs.py`) are derived from it. The tables and migrations stay
explicit; `tests/test_record_spec.py` checks that they agree with the spec.
"""
