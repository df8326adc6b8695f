"""Checking and converting the values that come in from forms, the CLI and documents.

Shared by the repository and `documents.apply_document` so that a bad date reads the same wherever it
was typed: `<field>: <value> is not a valid date (expected YYYY-MM-DD)`. `field` is whatever path the
caller wants the user to see (`due_date` in a form, `roles[2].due` in a document).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from welfare_tui.errors import InvalidInput
from welfare_tui.i18n import t

_CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def text(field: str, value: Any, *, required: bool = False) -> str:
    """A string; None counts as empty because YAML writes an empty value as null."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidInput(t("value.expected_text", field=field, got=_shown(value)))
    if required and not value.strip():
        raise InvalidInput(t("value.empty", field=field))
    if "\x00" in value:
        # PostgreSQL cannot store U+0000 in text; refusing it on every backend keeps them alike.
        raise InvalidInput(t("value.nul", field=field))
    return value


def boolean(field: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise InvalidInput(t("value.expected_bool", field=field, got=_shown(value)))
    return value


def integer(field: str, value: Any, *, minimum: int | None = None, maximum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(t("value.expected_int", field=field, got=_shown(value)))
    if minimum is not None and value < minimum:
        raise InvalidInput(t("value.too_small", field=field, value=value, minimum=minimum))
    if maximum is not None and value > maximum:
        raise InvalidInput(t("value.too_large", field=field, value=value, maximum=maximum))
    return value


def bounded(field: str, value: Any, name: str) -> int:
    """A whole number within `domain.NUMBER_RANGE[name]`."""
    from welfare_tui.domain import NUMBER_RANGE

    low, high = NUMBER_RANGE[name]
    return integer(field, value, minimum=low, maximum=high)


def choice(field: str, value: Any, options: Collection[str], *, allow_empty: bool = False) -> str:
    """One of the keys of a `welfare_tui.domain` vocabulary (stored as the ASCII key)."""
    if allow_empty and value in (None, ""):
        return ""
    if isinstance(value, str) and value in options:
        return value
    keys = list(options)
    raise InvalidInput(t("value.not_one_of", field=field, value=_shown(value), options=", ".join(keys)))


def optional_date(field: str, value: Any) -> dt.date | None:
    """A date from a `date` or an ISO string; None or "" means no date."""
    if value is None or value == "":
        return None
    return required_date(field, value)


def required_date(field: str, value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            if _ISO_DATE.fullmatch(value.strip()):
                return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    shown = value if isinstance(value, str) and value else _shown(value)
    raise InvalidInput(t("value.bad_date", field=field, value=shown))


def clock_time(field: str, value: Any) -> str:
    """A time of day as "HH:MM", or "" when not known."""
    if value is None or value == "":
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        # YAML 1.1 reads an unquoted 14:00 as the sexagesimal number 840.
        raise InvalidInput(t("value.clock_number", field=field, value=value))
    if not isinstance(value, str) or not _CLOCK.match(value.strip()):
        raise InvalidInput(t("value.bad_clock", field=field, value=_shown(value)))
    return value.strip()


def tag_list(field: str, value: Any) -> list[str]:
    """Tags without blanks or repeats, in the order given. Numbers are accepted (YAML reads 8050 so)."""
    if value is None:
        return []
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidInput(t("value.expected_tags", field=field, got=_shown(value)))
    tags: list[str] = []
    for index, item in enumerate(value):
        if isinstance(item, int) and not isinstance(item, bool):
            item = str(item)
        tag = text(f"{field}[{index}]", item).strip()
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def unknown_keys(field: str, given: Mapping[str, Any], known: Iterable[str] | frozenset[str]) -> None:
    """Refuse misspelt field names instead of silently dropping what the user typed."""
    allowed = known if isinstance(known, frozenset) else frozenset(known)
    if given.keys() <= allowed:
        return
    extra = [key for key in given if key not in allowed]
    if extra:
        prefix = f"{field}." if field else ""
        names = ", ".join(f"{prefix}{key}" for key in extra)
        raise InvalidInput(
            t("value.unknown_fields" if len(extra) > 1 else "value.unknown_field", names=names)
        )


def _shown(value: Any) -> str:
    if value is None:
        return t("value.nothing")
    if isinstance(value, str):
        return repr(value)
    return (
        repr(value) if isinstance(value, (int, float, bool)) else t("value.a_kind", kind=type(value).__name__)
    )
