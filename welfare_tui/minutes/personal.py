"""Personal values and where they occur in a text: the one rule that masking and the leak gate share.

A `PersonalValue` is one thing the database knows about a person — a name, a kana reading, an
address, a phone number, a date of birth — with the field it came from (`household[1].name of case
C-2026-003`), which is what the leak gate names (never the value). `storage.personal.personal_values`
collects them; `Finder(values)` finds them in text.

How a value is found:

* Text and values are compared after NFKC normalisation, case folding and katakana → hiragana, so
  ﾏﾙﾏﾙ, マルマル and まるまる are one spelling, as are １２３－４ and 123-4, ＳＭＩＴＨ and Smith; the
  variant kanji of names are read as their standard form (髙橋 and 高橋, 山﨑 and 山崎, 𠮷田 and 吉田).
  Spaces inside a value are optional (山田 トメ, 山田トメ, 山田　トメ).
* A name is found whole and by its parts (family name, given name: split at spaces or ・); a free
  text field naming staff (the chair: `地域福祉課長 佐藤 誠`) gives only the words that are not titles.
* Short values are matched only where they can name someone, so that ordinary words stay intact:
  - a part with a kanji in it, of two or more characters (山田, 𠮷田, 髙﨑, 明美): anywhere;
  - a one-kanji part (森, 誠): only as a word of its own — no kanji just before it and no letter of
    any script just after it (と森（保健師）, 「誠」) — or before an honorific (森さん); never inside a
    word (森林, 進める);
  - a part in another script (kana, Latin, Arabic...), of two or more characters: as a word of its
    own — not inside a longer word of the same script (コミュニティ keeps its ティ, Annual its Ann),
    a hiragana part not right after a kanji (住まい) — or before an honorific (アンさん);
    one-character parts in those scripts are ignored;
  - relation words (母, 弟, 長男...) are never personal values, whatever a field holds.
* An address is found whole (with or without its spaces), by each space-separated piece of four or
  more characters, and by what follows the municipality (三好町ﾏﾙﾏﾙ１２３－４ in みよし市三好町...).
* A phone number is compared by its digits (six or more): a run of digits, dashes, spaces and
  brackets in the text matches when its digits are the number's (or, for a number of eight or more
  digits, contain it), so 0561-12-3456, (0561)12-3456 and ０５６１１２３４５６ are one number.
* A date of birth is found as a full date in the spellings minutes use: 1944-05-02, 1944-5-2,
  1944/5/2, 1944.5.2, 1944年5月2日, 1944年05月02日, 昭和19年5月2日.

Pure Python (unicodedata and re; the folding is minutes/folding.py's); nothing here knows about
documents or the database.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from welfare_tui.minutes.folding import DIGIT, HIRAGANA, KANJI, OTHER, Folded, fold, script

HONORIFICS = ("さん", "氏", "様", "さま", "君", "くん", "ちゃん", "先生", "医師", "CW", "ケアマネ")
RELATION_WORDS = frozenset(
    {
        "本人",
        "父",
        "母",
        "兄",
        "弟",
        "姉",
        "妹",
        "夫",
        "妻",
        "子",
        "孫",
        "祖父",
        "祖母",
        "長男",
        "次男",
        "三男",
        "長女",
        "次女",
        "三女",
        "息子",
        "娘",
        "父親",
        "母親",
        "兄弟",
        "姉妹",
        "夫婦",
        "配偶者",
        "内縁",
        "叔父",
        "叔母",
        "伯父",
        "伯母",
        "義父",
        "義母",
        "義兄",
        "義弟",
        "義姉",
        "義妹",
        "甥",
        "姪",
        "いとこ",
        "従兄弟",
        "曾祖母",
        "曾祖父",
        "養父",
        "養母",
        "継父",
        "継母",
        "元夫",
        "元妻",
        "世帯主",
        "同居人",
        "家族",
        "親族",
        "親",
        "子ども",
        "子供",
        "きょうだい",
    }
)
# Words that make a piece of a staff field a title rather than a name (地域福祉課長, 保健センター).
_TITLE = re.compile(
    r"(?:課|係|部|室|所|局|院|園|会|校|機関|協会|法人|団体|窓口|組合|センター|ステーション|"
    r"クリニック|事業|員|士|師|官|長|主任|主査|主事|担当|ワーカー|CW|ケアマネ|NPO|C)$"
)
_SPLIT = re.compile(r"[\s\u3000・･]+")
_PARENTHESIS = re.compile(r"[（(].*?[)）]")
_DIGIT_RUN = re.compile(r"\d[\d\-() ]*\d")


@dataclass(frozen=True)
class PersonalValue:
    """One value the database holds about a person, and the field it came from."""

    text: str
    kind: str  # "name" (names and kana readings), "staff" (a field naming staff among titles),
    #            "address", "phone" or "birth_date"
    field: str  # e.g. "household[1].name of case C-2026-003"


@dataclass(frozen=True)
class Match:
    start: int  # in the original text
    end: int
    value: PersonalValue
    spelling: str  # the normalised spelling that matched


def name_parts(name: str) -> list[str]:
    """The parts of a name (山田 トメ → 山田, トメ)."""
    return [part for part in _SPLIT.split(name.strip()) if part]


def staff_names(text: str) -> list[str]:
    """The name in a field that holds titles and a name (地域福祉課長 佐藤 誠 → 佐藤 誠;
    保健センター 伊藤（保健師） → 伊藤; 包括 佐藤 → 佐藤); the whole text when no word of it is a title."""
    words = name_parts(_PARENTHESIS.sub(" ", text))
    names = [word for word in words if not _is_title(word)]
    return [" ".join(names)] if names else []


def _is_title(word: str) -> bool:
    """A title, or an agency as staff write it before their name: a catalogue agency's short name
    (包括, 社協) or the start of its name (地域包括): never a name part, or every 地域包括支援センター
    in masked minutes would read ○○支援センター."""
    return bool(_TITLE.search(word)) or fold(word) in _agency_words()


@functools.cache
def _agency_words() -> frozenset[str]:
    """The catalogue's short names and every start (two characters or more) of a piece of its names."""
    from welfare_tui.catalogue import CATALOGUE

    pieces = [fold(piece) for agency in CATALOGUE for piece in _SPLIT.split(agency.name) if piece]
    starts = {piece[:end] for piece in pieces for end in range(2, len(piece) + 1)}
    return frozenset(fold(agency.short) for agency in CATALOGUE) | starts


def spellings(value: PersonalValue) -> list[tuple[str, str]]:
    """(folded spelling, matching rule) of a value; the rules are "anywhere", "word" and "single"."""
    text = value.text.strip()
    if not text:
        return []
    if value.kind == "phone":
        digits = re.sub(r"\D", "", fold(text))
        return [(digits, "phone")] if len(digits) >= 6 else []
    if value.kind == "birth_date":
        return [(fold(spelling), "anywhere") for spelling in _date_spellings(text)]
    if value.kind == "address":
        return [(spelling, "anywhere") for spelling in _address_spellings(text)]
    names = staff_names(text) if value.kind == "staff" else [text]
    found: list[tuple[str, str]] = []
    for name in names:
        parts = name_parts(name)
        whole = " ".join(parts)
        candidates = [whole, "".join(parts)] + (parts if len(parts) > 1 else [])
        for candidate in candidates:
            if candidate in RELATION_WORDS:
                continue
            folded = fold(candidate)
            rule = _name_rule(folded)
            if rule and (folded, rule) not in found:
                found.append((folded, rule))
    return found


def _name_rule(folded: str) -> str | None:
    scripts = {script(char) for char in folded}
    if len(folded) == 1:
        return "single" if scripts == {KANJI} else None
    if KANJI in scripts or " " in folded:
        return "anywhere"
    return "word"


def _date_spellings(text: str) -> list[str]:
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        return [text] if len(text) >= 6 else []
    y, m, d = day.year, day.month, day.day
    found = [
        f"{y}-{m:02d}-{d:02d}",
        f"{y}-{m}-{d}",
        f"{y}/{m:02d}/{d:02d}",
        f"{y}/{m}/{d}",
        f"{y}.{m}.{d}",
        f"{y}.{m:02d}.{d:02d}",
        f"{y}年{m}月{d}日",
        f"{y}年{m:02d}月{d:02d}日",
    ]
    from welfare_tui.minutes.era import era_year, year_text

    era = era_year(day)
    if era is not None:
        found.append(f"{year_text(*era)}{m}月{d}日")
    return list(dict.fromkeys(found))


_MUNICIPALITY = re.compile(r"^.*?(?:[都道府県].*?)?[市区町村郡](?=.)")


def _address_spellings(text: str) -> list[str]:
    folded = fold(text)
    pieces = [folded, folded.replace(" ", ""), *folded.split(" ")]
    # What follows the municipality is the part that points at one home (三好町ﾏﾙﾏﾙ１２３－４).
    head = _MUNICIPALITY.match(folded.replace(" ", ""))
    if head is not None:
        pieces.append(folded.replace(" ", "")[head.end() :])
    return [piece for piece in dict.fromkeys(pieces) if len(piece) >= 4]


_FOLDED_HONORIFICS = tuple(fold(word) for word in HONORIFICS)


class Finder:
    """Finds the values it was given in texts (see the module docstring for the rules).

    Indexed by the first two characters of each spelling, so a text costs one dictionary look-up per
    character whatever the number of values (the leak gate holds every value of the database)."""

    def __init__(self, values: Iterable[PersonalValue]) -> None:
        self.pairs: dict[str, list[tuple[str, str, PersonalValue]]] = {}
        self.singles: dict[str, list[tuple[str, str, PersonalValue]]] = {}
        self.phones: dict[str, PersonalValue] = {}
        self.values: list[PersonalValue] = []
        seen: set[tuple[str, str]] = set()
        for value in values:
            self.values.append(value)
            for spelling, rule in spellings(value):
                if (spelling, rule) in seen:
                    continue
                seen.add((spelling, rule))
                if rule == "phone":
                    self.phones.setdefault(spelling, value)
                elif len(spelling) == 1:
                    self.singles.setdefault(spelling, []).append((spelling, rule, value))
                else:
                    self.pairs.setdefault(spelling[:2], []).append((spelling, rule, value))
        for entries in self.pairs.values():
            entries.sort(key=lambda entry: -len(entry[0]))

    def __bool__(self) -> bool:
        return bool(self.pairs or self.singles or self.phones)

    def matches(self, text: str | Folded) -> list[Match]:
        """Every occurrence, possibly overlapping, in order of position (in a text, or in one
        already folded, which several finders can share)."""
        if not self or not text:
            return []
        folded = text if isinstance(text, Folded) else Folded(text)
        norm, found = folded.text, []
        for index in range(len(norm)):
            for spelling, rule, value in (
                *self.pairs.get(norm[index : index + 2], ()),
                *self.singles.get(norm[index], ()),
            ):
                end = index + len(spelling)
                if norm.startswith(spelling, index) and _fits(folded, index, end, rule):
                    found.append(Match(*folded.span(index, end), value, spelling))
        if self.phones:
            found += self._phones(folded)
        found.sort(key=lambda match: (match.start, -match.end))
        return found

    def first(self, text: str) -> Match | None:
        found = self.matches(text)
        return found[0] if found else None

    def _phones(self, folded: Folded) -> Iterator[Match]:
        for run in _DIGIT_RUN.finditer(folded.text):
            digits = re.sub(r"\D", "", run.group(0))
            for number, value in self.phones.items():
                if digits == number or (len(number) >= 8 and number in digits):
                    yield Match(*folded.span(run.start(), run.end()), value, number)
                    break


def _fits(folded: Folded, start: int, end: int, rule: str) -> bool:
    """The edge rule of a spelling at [start, end) of the folded text."""
    if rule == "anywhere":
        return True
    norm, scripts = folded.text, folded.scripts
    if norm.startswith(_FOLDED_HONORIFICS, end):
        return True
    before = scripts[start - 1] if start > 0 else OTHER
    after = scripts[end] if end < len(norm) else OTHER
    if rule == "single":  # a word of its own: no kanji before it, no letter after it
        return before != KANJI and after in (OTHER, DIGIT)
    first, last = scripts[start], scripts[end - 1]
    if first == HIRAGANA and before == KANJI:  # okurigana, not a name: 住まい, 進める
        return False
    return (before != first or first in (OTHER, DIGIT)) and (after != last or last in (OTHER, DIGIT))


def longest_first(matches: Sequence[Match]) -> list[Match]:
    """Non-overlapping matches, the leftmost and then the longest winning (what a replacement uses)."""
    chosen: list[Match] = []
    position = 0
    for match in sorted(matches, key=lambda m: (m.start, -m.end)):
        if match.start >= position:
            chosen.append(match)
            position = match.end
    return chosen
