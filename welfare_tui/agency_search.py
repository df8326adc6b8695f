"""Finding an agency by what a user types: its name, short name, id or reading, in kana or romaji.

`houkatsu`, `hokatsu`, `ほうかつ`, `ﾎｳｶﾂ` and `包括` all find 地域包括支援センター. Catalogue agencies
carry a reading (`catalogue.READINGS`); a local agency's reading is derived from its name: kana as
written, and the words of `WORDS` (地域, 包括, 支援, 事業所, ...) read as the dictionary says, so
なかよし地域包括支援センター is found by `nakayoshi` and by `houkatsu`. Plain functions over plain
values: the TUI's agency picker (views/widgets/agency_picker.py) is their only caller today.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any, Protocol, TypeVar

from welfare_tui.catalogue import CATALOGUE, CATALOGUE_BY_ID


class _Agency(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...


A = TypeVar("A", bound=_Agency)

_SEPARATORS = set(" 　・･/／_-‐（）()「」、,，.")
_KATAKANA = range(ord("ァ"), ord("ヶ") + 1)


def fold(text: str) -> str:
    """Text as compared: NFKC (half-width kana and full-width letters become ordinary), lower case,
    katakana as hiragana, without spaces and separators."""
    out = []
    for char in unicodedata.normalize("NFKC", text).casefold():
        if char in _SEPARATORS:
            continue
        out.append(chr(ord(char) - 0x60) if ord(char) in _KATAKANA else char)
    return "".join(out)


# Romaji of each kana, as (Hepburn, Kunrei); an input method accepts both, and so does the search.
_VOWELS = "aiueo"
_ROWS = {
    "": "あいうえお",
    "k": "かきくけこ",
    "g": "がぎぐげご",
    "s": "さしすせそ",
    "z": "ざじずぜぞ",
    "t": "たちつてと",
    "d": "だぢづでど",
    "n": "なにぬねの",
    "h": "はひふへほ",
    "b": "ばびぶべぼ",
    "p": "ぱぴぷぺぽ",
    "m": "まみむめも",
    "r": "らりるれろ",
}
_KANA: dict[str, tuple[str, str]] = {}
for _consonant, _kana in _ROWS.items():
    for _vowel, _char in zip(_VOWELS, _kana):
        _KANA[_char] = (_consonant + _vowel,) * 2
_KANA.update(
    {
        "し": ("shi", "si"),
        "じ": ("ji", "zi"),
        "ち": ("chi", "ti"),
        "ぢ": ("ji", "di"),
        "つ": ("tsu", "tu"),
        "づ": ("zu", "du"),
        "ふ": ("fu", "hu"),
        "や": ("ya", "ya"),
        "ゆ": ("yu", "yu"),
        "よ": ("yo", "yo"),
        "わ": ("wa", "wa"),
        "を": ("o", "wo"),
        "ゐ": ("i", "i"),
        "ゑ": ("e", "e"),
        "ゔ": ("vu", "vu"),
        "ぁ": ("a", "xa"),
        "ぃ": ("i", "xi"),
        "ぅ": ("u", "xu"),
        "ぇ": ("e", "xe"),
        "ぉ": ("o", "xo"),
        "ゎ": ("wa", "xwa"),
    }
)
_SMALL_Y = {"ゃ": "a", "ゅ": "u", "ょ": "o"}


def _romaji(kana: str, system: int, double_n: bool) -> str:
    """One romaji spelling of a hiragana word (system 0: Hepburn, 1: Kunrei)."""
    out: list[str] = []
    double_next = False
    for index, char in enumerate(kana):
        if char in _SMALL_Y and out and out[-1].endswith("i") and len(out[-1]) > 1:
            stem = out.pop()[:-1]  # き+ゃ: "ki" → "ky" + a; し+ゃ: "shi" → "sh" + a
            syllable = stem + _SMALL_Y[char] if stem in ("sh", "ch", "j") else stem + "y" + _SMALL_Y[char]
        elif char == "っ":
            double_next = True
            continue
        elif char == "ん":
            following = kana[index + 1 : index + 2]
            syllable = "nn" if double_n or (following and following in "あいうえおやゆよ") else "n"
        elif char == "ー":
            syllable = ""  # a long vowel is not typed out in romaji searches (せんたー: "senta")
        else:
            syllable = _KANA.get(char, (char, char))[system]
        if double_next and syllable[:1].isalpha() and syllable[:1] not in _VOWELS:
            syllable = syllable[0] + syllable
        double_next = False
        out.append(syllable)
    return "".join(out)


def _short_vowels(text: str) -> str:
    """Long vowels as one letter: ほうかつ is also found by `hokatsu`, しゅうろう by `shuro`."""
    return text.replace("ou", "o").replace("oo", "o").replace("uu", "u")


def romaji(kana: str) -> set[str]:
    """Every romaji spelling the search accepts for a hiragana word."""
    spellings = {_romaji(kana, system, double_n) for system in (0, 1) for double_n in (False, True)}
    return spellings | {_short_vowels(spelling) for spelling in spellings}


# Words of local agencies' names and their readings, for the derived reading.
WORDS: dict[str, str] = {
    "市": "し",
    "町": "ちょう",
    "村": "そん",
    "区": "く",
    "県": "けん",
    "府": "ふ",
    "都": "と",
    "地域": "ちいき",
    "包括": "ほうかつ",
    "支援": "しえん",
    "相談": "そうだん",
    "事業所": "じぎょうしょ",
    "事業": "じぎょう",
    "福祉": "ふくし",
    "課": "か",
    "係": "かかり",
    "室": "しつ",
    "部": "ぶ",
    "局": "きょく",
    "高齢": "こうれい",
    "障害": "しょうがい",
    "介護": "かいご",
    "居宅": "きょたく",
    "訪問": "ほうもん",
    "看護": "かんご",
    "生活": "せいかつ",
    "保護": "ほご",
    "社会": "しゃかい",
    "協議会": "きょうぎかい",
    "委員": "いいん",
    "児童": "じどう",
    "子ども": "こども",
    "子育て": "こそだて",
    "家庭": "かてい",
    "健康": "けんこう",
    "保健": "ほけん",
    "自立": "じりつ",
    "就労": "しゅうろう",
    "住民": "じゅうみん",
    "民生": "みんせい",
    "保育園": "ほいくえん",
    "保育所": "ほいくしょ",
    "幼稚園": "ようちえん",
    "病院": "びょういん",
    "診療所": "しんりょうじょ",
    "医院": "いいん",
    "クリニック": "くりにっく",
    "法人": "ほうじん",
    "協会": "きょうかい",
    "学校": "がっこう",
    "小学校": "しょうがっこう",
    "中学校": "ちゅうがっこう",
    "高校": "こうこう",
    "多文化": "たぶんか",
    "国際": "こくさい",
    "交流": "こうりゅう",
    "会": "かい",
    "所": "しょ",
    "センター": "せんたー",
    "事務所": "じむしょ",
    "担当": "たんとう",
    "総合": "そうごう",
    "後見": "こうけん",
    "権利擁護": "けんりようご",
}


@lru_cache(maxsize=1)
def _dictionary() -> dict[str, str]:
    words = {fold(word): reading for word, reading in WORDS.items()}
    for agency in CATALOGUE:  # a catalogue name inside a local one (居宅介護支援事業所あおば)
        if not _SEPARATORS & set(agency.name):
            words[fold(agency.name)] = agency.reading.split()[0]
    return words


def derive_reading(name: str) -> list[str]:
    """Readings of the parts of `name` that can be read: kana, and the dictionary's words; a part
    that cannot be read (an unknown kanji, a letter) ends a word."""
    words = _dictionary()
    longest = max(map(len, words))
    text = fold(name)
    runs: list[str] = []
    current = ""
    index = 0
    while index < len(text):
        for size in range(min(longest, len(text) - index), 0, -1):
            reading = words.get(text[index : index + size])
            if reading is not None:
                current += reading
                index += size
                break
        else:
            char = text[index]
            if "ぁ" <= char <= "ゖ" or char == "ー":
                current += char
            elif current:
                runs.append(current)
                current = ""
            index += 1
    if current:
        runs.append(current)
    return runs


def search_keys(agency: Any) -> tuple[str, ...]:
    """What a query is compared with: id, name, short name, English name, readings and their romaji."""
    catalogued = CATALOGUE_BY_ID.get(agency.id)
    readings = list(catalogued.reading.split()) if catalogued is not None else []
    for text in (agency.name, getattr(agency, "short", "") or ""):
        readings += derive_reading(text)
    keys = [
        agency.id.lower(),
        fold(agency.name),
        fold(getattr(agency, "short", "") or ""),
        fold(getattr(agency, "name_en", "") or ""),
        *readings,
    ]
    for reading in dict.fromkeys(readings):
        keys += romaji(reading)
    return tuple(key for key in dict.fromkeys(keys) if key)


def match_quality(keys: Iterable[str], query: str) -> int | None:
    """0 when a key starts with the (folded) query, 1 when one contains it, None when none does."""
    if not query:
        return 0
    keys = tuple(keys)
    if any(key.startswith(query) for key in keys):
        return 0
    if any(query in key for key in keys):
        return 1
    return None


def rank(agencies: Sequence[A], query: str, *, first: Sequence[str] = ()) -> list[A]:
    """The agencies matching `query`, best first: those whose name or reading starts with it before
    those that only contain it; within each, the agencies of `first` (the meeting's attendees) in
    their order, then the rest in the order given (the catalogue's)."""
    wanted = fold(query)
    position = {agency_id: index for index, agency_id in enumerate(first)}
    scored = []
    for index, agency in enumerate(agencies):
        quality = match_quality(_keys(agency), wanted)
        if quality is not None:
            agency_id = agency.id
            scored.append(((quality, agency_id not in position, position.get(agency_id, 0), index), agency))
    return [agency for _, agency in sorted(scored, key=lambda pair: pair[0])]


def _keys(agency: Any) -> tuple[str, ...]:
    # Agencies are pydantic models (unhashable): cache on what the keys depend on.
    return _cached_keys(
        agency.id, agency.name, getattr(agency, "short", "") or "", getattr(agency, "name_en", "") or ""
    )


@lru_cache(maxsize=512)
def _cached_keys(agency_id: str, name: str, short: str, name_en: str) -> tuple[str, ...]:
    from types import SimpleNamespace

    return search_keys(SimpleNamespace(id=agency_id, name=name, short=short, name_en=name_en))
