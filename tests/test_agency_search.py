"""Finding an agency by name, short name, id or reading, typed in kana or romaji (agency_search.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from welfare_tui.agency_search import derive_reading, fold, rank, romaji
from welfare_tui.catalogue import CATALOGUE, READINGS
from welfare_tui.i18n import set_language
from welfare_tui.views.names import agency_choices, agency_names


def local(agency_id: str, name: str, short: str = "") -> SimpleNamespace:
    return SimpleNamespace(id=agency_id, name=name, short=short, name_en="", local=True)


AGENCIES = [
    *CATALOGUE,
    local("local-1", "居宅介護支援事業所あおば", "あおばCM"),
    local("local-2", "みよし市 福祉課", "市福祉課"),
    local("local-3", "なかよし地域包括支援センター", "なかよし包括"),
]


def test_every_catalogue_agency_has_a_reading_in_hiragana() -> None:
    assert set(READINGS) == {agency.id for agency in CATALOGUE}
    for agency in CATALOGUE:
        assert agency.reading and all("ぁ" <= c <= "ゖ" or c in "ー " for c in agency.reading), agency.id


@pytest.mark.parametrize(
    "query", ["houkatsu", "hokatsu", "ほうかつ", "ホウカツ", "ﾎｳｶﾂ", "包括", "ＨＯＵＫＡＴＳＵ"]
)
def test_romaji_kana_and_kanji_find_the_community_support_center(query: str) -> None:
    assert rank(AGENCIES, query)[0].id == "houkatsu"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kyo", "caremanager"),
        ("きょたく", "caremanager"),
        ("shakyo", "shakyo"),
        ("syakyo", "shakyo"),
        ("しゃきょう", "shakyo"),
        ("kinnrinn", "kinrin"),
        ("jisou", "jisou"),
        ("じそう", "jisou"),
        ("ssw", "ssw"),
        ("aoba", "local-1"),
        ("あおば", "local-1"),
        ("nakayoshi", "local-3"),
        ("ヘルパー", "kaigo_service"),
        ("gakkou", "school"),
        ("gakko", "school"),
    ],
)
def test_a_few_characters_put_the_agency_first(query: str, expected: str) -> None:
    assert rank(AGENCIES, query)[0].id == expected


def test_prefix_matches_first_then_attendees_then_catalogue_order() -> None:
    # Empty query: every agency, the meeting's attendees first in their order.
    everything = rank(AGENCIES, "", first=["shakyo", "local-2"])
    assert [a.id for a in everything[:3]] == ["shakyo", "local-2", "city_welfare"]
    assert len(everything) == len(AGENCIES)
    # A query that starts several names: attendees among them first.
    found = [a.id for a in rank(AGENCIES, "しふく", first=["local-2"])]
    assert found[:2] == ["local-2", "city_welfare"]
    # A name that only contains the query comes after those that start with it.
    assert [a.id for a in rank(AGENCIES, "kyo")][:2] == ["caremanager", "local-1"]
    assert rank(AGENCIES, "zzz") == []


def test_readings_derived_for_local_agencies() -> None:
    assert derive_reading("なかよし地域包括支援センター") == ["なかよしちいきほうかつしえんせんたー"]
    assert derive_reading("居宅介護支援事業所あおば") == ["きょたくかいごしえんじぎょうしょあおば"]
    assert derive_reading("𠮷田ｸﾘﾆｯｸ") == ["くりにっく"]  # unknown kanji end a word; half-width kana read
    assert fold("ﾏﾙﾏﾙ　福祉・課") == "まるまる福祉課"
    assert {"chiikihoukatsushiensenta", "tiikihoukatusiensenta", "chiikihokatsushiensenta"} <= romaji(
        "ちいきほうかつしえんせんたー"
    )
    assert "kyotaku" in romaji("きょたく") and "syakyou" in romaji("しゃきょう")
    assert "gakkou" in romaji("がっこう") and "jisou" in romaji("じそう") and "zisou" in romaji("じそう")


def test_two_agencies_never_show_the_same_text() -> None:
    set_language("ja")
    choices = agency_choices(AGENCIES)
    assert len(set(choices.values())) == len(AGENCIES)
    assert choices["city_welfare"] == "市福祉課｜市 福祉担当課"
    assert choices["local-2"] == "市福祉課｜みよし市 福祉課"
    # In tables the short name, unless another agency shares it: then the full name.
    names = agency_names(AGENCIES)
    assert names["city_welfare"] == "市 福祉担当課" and names["local-2"] == "みよし市 福祉課"
    assert names["houkatsu"] == "包括"
    # Same text in English (a local agency named like a catalogue one's English name): the id is added.
    set_language("en")
    try:
        twin = local("local-9", "Community General Support Center (elderly)")
        english = agency_choices([*CATALOGUE, twin])
        assert english["local-9"] != english["houkatsu"]
        assert english["local-9"].endswith("(local-9)")
    finally:
        set_language("ja")
