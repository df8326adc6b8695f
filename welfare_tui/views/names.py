"""Names of stored things as the views show them, in the current language.

A module of its own, without the form machinery of `fields.py`: the home screen needs it before its
first frame, the forms only later.
"""

from __future__ import annotations

from typing import Any

from welfare_tui.i18n import language


def agency_label(agency: Any, *, short: bool = False) -> str:
    """An agency's name in the current language (English names where the catalogue has one)."""
    english: str = getattr(agency, "name_en", "") if language() == "en" else ""
    name: str = english or agency.name
    abbreviation: str = getattr(agency, "short", "")
    if short and language() == "ja" and abbreviation:
        return abbreviation
    return name


def agency_names(agencies: Any) -> dict[str, str]:
    """Each agency's name for table cells: its short name, or its full name when another agency
    shares that short name (two 市福祉課 would be indistinguishable)."""
    agencies = list(agencies)
    names = {a.id: agency_label(a, short=True) for a in agencies}
    shared = _repeated(names.values())
    return {a.id: agency_label(a) if names[a.id] in shared else names[a.id] for a in agencies}


def agency_choices(agencies: Any) -> dict[str, str]:
    """What an agency picker shows for each agency: '包括｜地域包括支援センター' (Japanese) or the name;
    never the same text for two agencies (the id is added to any text that repeats)."""
    agencies = list(agencies)
    labels = {}
    for agency in agencies:
        name = agency_label(agency)
        short = getattr(agency, "short", "") or ""
        labels[agency.id] = f"{short}｜{name}" if short and short != name and language() == "ja" else name
    shared = _repeated(labels.values())
    return {key: f"{text} ({key})" if text in shared else text for key, text in labels.items()}


def _repeated(texts: Any) -> set[str]:
    seen: set[str] = set()
    repeated: set[str] = set()
    for text in texts:
        (repeated if text in seen else seen).add(text)
    return repeated
