"""The value checks moved to `welfare_tui.records.values` (the record spec's layer, which imports no
storage). Kept only for `cli/export.py` and `cli/due.py`, which import `optional_date` from here: point
them at `records.values` and delete this module."""

from welfare_tui.records.values import (
    boolean,
    bounded,
    choice,
    clock_time,
    integer,
    iso,
    optional_date,
    required_date,
    tag_list,
    text,
    unknown_keys,
)

__all__ = [
    "boolean",
    "bounded",
    "choice",
    "clock_time",
    "integer",
    "iso",
    "optional_date",
    "required_date",
    "tag_list",
    "text",
    "unknown_keys",
]
