"""The names masking gives (minutes/masking.py): the people's letters (A, B, ... Z, AA...), the
agencies' letters (甲, 乙, ... 癸, 甲2...), the catalogue kind a local agency is shown as, its hashed
id, and the generic agency words that are never rewritten in free text."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterator

from welfare_tui.catalogue import CATALOGUE

AGENCY_LETTERS = "甲乙丙丁戊己庚辛壬癸"


def agency_alias(agency_id: str) -> str:
    """The id a masked document gives an agency it masks: stable, unique, and not its name."""
    return "local_" + hashlib.sha256(str(agency_id).encode("utf-8")).hexdigest()[:10]


@functools.cache
def generic_agency_words() -> frozenset[str]:
    """Names that say what an agency is, not which one: never rewritten in free text."""
    words = {
        "地域包括",
        "包括",
        "保育所",
        "保育園",
        "市福祉課",
        "福祉課",
        "社協",
        "病院",
        "学校",
        "保健センター",
    }
    for agency in CATALOGUE:
        words |= {agency.name, agency.short, agency.name.replace(" ", "")}
    return frozenset(words)


def catalogue_kind(name: str, short: str, sector: str) -> tuple[str, str]:
    """(name, short) of the catalogue kind a local agency is an instance of, found in its name; else
    a generic name for its sector."""
    for agency in sorted(CATALOGUE, key=lambda a: -len(a.name)):
        if agency.name in name or (len(agency.short) >= 2 and agency.short in (name, short)):
            return agency.name, agency.short
    for agency in sorted(CATALOGUE, key=lambda a: -len(a.short)):
        if len(agency.short) >= 2 and (agency.short in name or agency.short in short):
            return agency.name, agency.short
    generic = f"{sector}の関係機関" if sector else "関係機関"
    return generic, generic


def person_letters() -> Iterator[str]:
    """A, B, ... Z, then AA, AB, ...: enough for any household (the people's series)."""
    index = 0
    while True:
        text, number = "", index
        while True:
            text = chr(ord("A") + number % 26) + text
            number = number // 26 - 1
            if number < 0:
                break
        yield text
        index += 1


def agency_letters() -> Iterator[str]:
    """甲, 乙, ... 癸, then 甲2, 乙2, ...: the agencies' series, never a person's letter."""
    index = 0
    while True:
        letter = AGENCY_LETTERS[index % len(AGENCY_LETTERS)]
        yield letter if index < len(AGENCY_LETTERS) else f"{letter}{index // len(AGENCY_LETTERS) + 1}"
        index += 1
