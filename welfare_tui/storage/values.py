"""The value checks moved to `welfare_tui.records.values` (the record spec's layer, which imports no
storage); these names stay importable here for the callers that still use this path."""

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
