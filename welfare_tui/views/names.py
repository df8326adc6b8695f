"""Names of stored things as the views show them, in the current language.

A module of its own, without the form machinery of `fields.py`: the home screen needs it before its
first frame, the forms only later.
"""

from __future__ import annotations

from typing import Any

from welfare_tui.i18n import language


def agency_label(agency: Any, *, short: bool = False) -> str:
    """An agency's name in the current language (English names where the catalogue has one)."""
    name = (getattr(agency, "name_en", "") if language() == "en" else "") or agency.name
    if short and language() == "ja" and getattr(agency, "short", ""):
        return agency.short
    return name
