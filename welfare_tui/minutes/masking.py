"""Masking a meeting document before its minutes leave the agency (`export --mask`, domain.md §8.2).

`mask_document(doc, known=...)` returns a new document, renderable in every format, in which

* the people of the document become letters of one series, in order of appearance: household
  members A氏, B氏... (household first), then anyone else named as a person (a role assignee) — never
  initials; staff (the attendees) become their role: 社会福祉士, 保健師... (the role without its
  parenthesis; two staff with the same role become 社会福祉士A, 社会福祉士B);
* every personal value is also replaced wherever it occurs in free text — summaries, notes, shared
  information, decisions, role tasks, ecomap labels: the names with their parts and kana readings,
  addresses, phone numbers and dates of birth, found as `minutes.personal` describes (after NFKC
  normalisation, so ﾏﾙﾏﾙ and １２３－４ are caught). Those of the document's own people become their
  letter or role (a part two people masked differently share, such as a family name, becomes ○○);
  those of anyone else the database knows (`known`: `storage.personal.personal_values`) become ○○;
* addresses and phone numbers nobody recorded are caught by their form: 〒 codes, a prefecture or
  municipality followed by a town and a house number (みよし市三好町ﾏﾙﾏﾙ１２３－４, 横浜市港北区新横浜
  2-5-10), 丁目・番地・号, number runs like 2-5-10 or １２３－４ (not dates, times or 1-2回), a
  building with its room (グリーンハイツ305号室), and phone numbers (0X0-XXXX-XXXX, (0561)12-3456...);
  named schools and nurseries become ○○ (ひまわり保育園 → ○○保育園), never a relation or a generic
  word (弟の保育所, 市立小学校 stay);
* the structured address and phone of the case and of each household member are emptied; birth
  dates keep only the year; furigana is dropped;
* agencies the catalogue does not name as they are (local agencies, renamed ones) become their kind
  with a letter of a second series, 甲, 乙, 丙... (なかよし地域包括支援センター → 甲地域包括支援センター),
  so a person (A氏) and an agency (甲) never share a letter. Their id becomes `local_` and ten hex
  digits of the SHA-256 of the real id (`agency_alias`): stable across runs and different for every
  agency, so handout file names never collide and never show the name. Their names are replaced in
  free text too, except a name that is itself a generic word (市福祉課, 保育所, 地域包括: any catalogue
  name or short name), which is never rewritten;
* a replacement ending in 氏 right before an honorific loses its 氏 (山田さん → Aさん, 山田氏世帯 → A氏世帯);
* the chair, the recorder and who obtained consent are free text: a known name in them is replaced,
  and a value in which no known name was found is replaced whole by ○○, since it may hold a name
  the masker cannot recognise;
* the document records that it is masked: a top-level `masked: true` right after `version`, which
  every format shows (a notice in Markdown, a column in CSV, the calendar name in iCalendar) and
  which `import` refuses.

Whatever the masker misses, the leak gate (`minutes.leak_gate`) stops before it is written.
Pure Python; it changes a copy, never the document it is given.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from welfare_tui.catalogue import CATALOGUE, CATALOGUE_BY_ID
from welfare_tui.minutes.personal import (
    HONORIFICS,
    RELATION_WORDS,
    Finder,
    Folded,
    Match,
    PersonalValue,
    fold,
    longest_first,
    name_parts,
    spellings,
)

MASK = "○○"
AGENCY_LETTERS = "甲乙丙丁戊己庚辛壬癸"
_PARENTHESIS = re.compile(r"[（(].*?[)）]")

_KANJI = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ\U00020000-\U0003ffff"
_KATAKANA = r"\u30a1-\u30fa\u30fc\u30fd\u30fe\uff66-\uff9f"
_HIRAGANA = r"\u3041-\u3096\u309d\u309e"
_DIGIT = "[0-9０-９]"
_DASH = "[-－‐‑–—―−ー\uff70]"
_NUMBER = f"(?:{_DIGIT}+|[一二三四五六七八九十]+)"
# What may not follow a house number: a count, a time, a date part (1-2回, 3-4階, 9-10月).
_NOT_ADDRESS_AFTER = r"(?![0-9０-９:：/.階回日時分歳人件度月年週割か～~%％])"
_HOUSE = (
    rf"(?:{_NUMBER}丁目(?:{_DIGIT}+番地?(?:の?{_DIGIT}+号?)?)?"
    rf"|{_DIGIT}+番地(?:の?{_DIGIT}+号?)?"
    rf"|{_DIGIT}+番{_DIGIT}+号?"
    rf"|{_DIGIT}+(?:{_DASH}{_DIGIT}+){{1,3}}(?:号室?)?{_NOT_ADDRESS_AFTER}"
    rf"|{_DIGIT}+号(?!室))"
)
PHONE = re.compile(
    rf"(?:\+81{_DASH}?)?(?:[(（]0{_DIGIT}{{1,4}}[)）]{_DIGIT}{{1,4}}{_DASH}{_DIGIT}{{3,4}}"
    rf"|0{_DIGIT}{{1,4}}{_DASH}{_DIGIT}{{1,4}}{_DASH}{_DIGIT}{{3,4}}"
    rf"|0{_DIGIT}{{9,10}}(?![0-9０-９]))"
)
POSTAL = re.compile(rf"〒\s*{_DIGIT}{{3}}{_DASH}?{_DIGIT}{{4}}")
ADDRESS = re.compile(
    # prefecture / municipality, a town, a house number: 横浜市港北区新横浜2-5-10, みよし市三好町ﾏﾙﾏﾙ１２３－４
    rf"(?:[{_KANJI}]{{1,6}}[都道府県])?(?:[{_KANJI}]{{1,8}}|(?![はがをにでへもとの])[{_HIRAGANA}]{{2,6}})[市区町村郡]"
    rf"[{_KANJI}{_KATAKANA}{_HIRAGANA}A-Za-zＡ-Ｚａ-ｚ]{{0,15}}?{_HOUSE}"
    # a town with 丁目 or 番地 alone: 三好町1丁目2番地3
    rf"|[{_KANJI}{_KATAKANA}]{{0,8}}(?:{_NUMBER}丁目(?:{_DIGIT}+番地?(?:の?{_DIGIT}+号?)?)?"
    rf"|{_DIGIT}+番地(?:の?{_DIGIT}+号?)?|{_DIGIT}+番{_DIGIT}+号)"
    # a building and its room: グリーンハイツ305号室
    rf"|[{_KANJI}{_KATAKANA}A-Za-zＡ-Ｚａ-ｚ]{{0,20}}{_DIGIT}+号室"
)
# A run of numbers joined by dashes (2-5-10, １２３－４): a house number, unless it is a date (a year
# first), a time or a range of counts.
NUMBER_RUN = re.compile(
    rf"(?<![0-9０-９:：/.\-－])(?!(?:19|20|１９|２０){_DIGIT}{{2}}{_DASH})"
    rf"{_DIGIT}{{1,4}}(?:{_DASH}{_DIGIT}{{1,4}}){{1,3}}{_NOT_ADDRESS_AFTER}"
)
_SCHOOL_WORDS = "特別支援学校|小学校|中学校|高等学校|高校|保育園|保育所|幼稚園|こども園"
SCHOOL = re.compile(
    rf"(?<![{_KANJI}{_KATAKANA}])[{_KANJI}{_KATAKANA}]{{2,10}}(?=(?:{_SCHOOL_WORDS}))"
    rf"|(?<![{_HIRAGANA}])[{_HIRAGANA}]{{3,8}}(?<![のにがをはでへもてる])(?=(?:{_SCHOOL_WORDS}))"
)
# Words before a school that say what kind it is, not which one.
_GENERIC_SCHOOL = {
    "市立",
    "区立",
    "町立",
    "村立",
    "県立",
    "都立",
    "府立",
    "道立",
    "国立",
    "私立",
    "公立",
    "認可",
    "認定",
    "無認可",
    "地域",
    "近所",
    "地元",
    "同じ",
    "近く",
    "別の",
    "認可外",
    "企業主導型",
    "小規模",
}
_HONORIFIC_AFTER = tuple(HONORIFICS)

# Values that are identifiers, vocabulary, dates or times, never text a person typed: left as they are.
_KEEP_KEYS = {
    "format",
    "uid",
    "type",
    "type_label",
    "legal_basis",
    "agenda",
    "status",
    "mode",
    "current_step",
    "code",
    "kind",
    "urgency",
    "strength",
    "flow",
    "attendance",
    "sex",
    "term",
    "statement_version",
    "materials",
    "sector",
    "date",
    "due",
    "start",
    "end",
    "time",
    "confirmed_at",
    "birth_date",
    "id",
    "meeting",
}


def agency_alias(agency_id: str) -> str:
    """The id a masked document gives an agency it masks: stable, unique, and not its name."""
    return "local_" + hashlib.sha256(str(agency_id).encode("utf-8")).hexdigest()[:10]


def masked_agency_id(masked: Mapping[str, Any], agency_id: str) -> str:
    """The id `agency_id` has in the masked document `masked` (itself for a catalogue agency)."""
    return agency_id if agency_id in _mapping(masked.get("agencies")) else agency_alias(agency_id)


def mask_document(
    doc: Mapping[str, Any], *, known: Finder | Iterable[PersonalValue] | None = None
) -> dict[str, Any]:
    """A masked copy of `doc` (see the module docstring for the rules). `known`: the personal values
    of the whole database (`storage.personal.personal_values`), as given or already in a Finder."""
    if known is not None and not isinstance(known, Finder):
        known = Finder(known)
    source = copy.deepcopy(dict(doc))
    masked = _Masker(source, known).document(source)
    result: dict[str, Any] = {}
    for key, value in masked.items():
        result[key] = value
        if key == "version":
            result["masked"] = True
    result.setdefault("masked", True)
    return result


def person_names(doc: Mapping[str, Any]) -> list[str]:
    """Every personal name the document holds in a name field (household, attendees, role persons):
    what a masked export must not contain. Used by the tests that check it."""
    case = _mapping(doc.get("case"))
    names = [_text(p.get("name")) for p in map(_mapping, _list(case.get("household")))]
    names += [_text(p.get("kana")) for p in map(_mapping, _list(case.get("household")))]
    names += [_text(a.get("name")) for a in map(_mapping, _list(doc.get("attendees")))]
    names += [_text(r.get("person")) for r in _role_rows(doc)]
    return [name for name in names if name]


def own_values(doc: Mapping[str, Any]) -> list[PersonalValue]:
    """The personal values a document itself holds (its household, the case's address and phone,
    attendees, role persons, chair, recorder, who obtained consent), named by their field."""
    case = _mapping(doc.get("case"))
    code = _text(case.get("code"))
    of = f" of case {code}"
    values = []
    for index, person in enumerate(map(_mapping, _list(case.get("household")))):
        for key, kind in (
            ("name", "name"),
            ("kana", "name"),
            ("address", "address"),
            ("phone", "phone"),
            ("birth_date", "birth_date"),
        ):
            values.append(PersonalValue(_text(person.get(key)), kind, f"household[{index}].{key}{of}"))
    for key in ("address", "phone"):
        values.append(PersonalValue(_text(case.get(key)), key, f"case.{key}{of}"))
    values.append(
        PersonalValue(
            _text(_mapping(case.get("consent")).get("obtained_by")), "staff", f"case.consent.obtained_by{of}"
        )
    )
    meeting = _mapping(doc.get("meeting"))
    for key in ("chair", "recorder"):
        values.append(PersonalValue(_text(meeting.get(key)), "staff", f"meeting.{key}{of}"))
    for index, attendee in enumerate(map(_mapping, _list(doc.get("attendees")))):
        values.append(PersonalValue(_text(attendee.get("name")), "staff", f"attendees[{index}].name{of}"))
    for index, role in enumerate(map(_mapping, _list(doc.get("roles")))):
        values.append(PersonalValue(_text(role.get("person")), "staff", f"roles[{index}].person{of}"))
    return [value for value in values if value.text]


def _role_rows(doc: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """This meeting's role assignments and, under `review`, the previous meeting's."""
    review = _mapping(doc.get("review"))
    return [*map(_mapping, _list(doc.get("roles"))), *map(_mapping, _list(review.get("roles")))]


class _Masker:
    def __init__(self, doc: Mapping[str, Any], known: Finder | None) -> None:
        self.known = known
        self.people: dict[str, str] = {}  # a name as written -> its replacement
        self.staff: set[str] = set()  # names of staff and role persons: words that are titles are dropped
        self.agency_ids: dict[str, str] = {}
        self.agency_names: dict[str, dict[str, str]] = {}
        self.agency_rules: dict[str, str] = {}
        self._agencies(_mapping(doc.get("agencies")))
        self._people(doc)
        people = [PersonalValue(name, "staff" if name in self.staff else "name", "") for name in self.people]
        self.own = Finder([*people, *(value for value in own_values(doc) if value.kind != "name")])
        # A spelling two people share (a family name) is theirs together only when they are masked alike.
        self.by_spelling: dict[str, set[str]] = {}
        for value in people:
            for spelling, _ in spellings(value):
                self.by_spelling.setdefault(spelling, set()).add(self.people[value.text])
        self.agency_pattern = (
            re.compile("|".join(re.escape(text) for text in sorted(self.agency_rules, key=len, reverse=True)))
            if self.agency_rules
            else None
        )

    # --- what is replaced -----------------------------------------------------------------------

    def _agencies(self, agencies: Mapping[str, Any]) -> None:
        letters = _agency_letters()
        generic = _generic_agency_words()
        for agency_id, entry in agencies.items():
            entry = _mapping(entry)
            catalogue = CATALOGUE_BY_ID.get(str(agency_id))
            name, short = _text(entry.get("name")), _text(entry.get("short"))
            if catalogue is not None and catalogue.name == name:
                continue
            letter = next(letters)
            kind = _catalogue_kind(name, short, _text(entry.get("sector")))
            masked = {
                "name": f"{letter}{kind[0]}",
                "short": f"{letter}{kind[1]}",
                "sector": _text(entry.get("sector")),
            }
            alias = agency_alias(str(agency_id))
            self.agency_ids[str(agency_id)] = alias
            self.agency_names[alias] = masked
            for text, replacement in ((name, masked["name"]), (short, masked["short"])):
                if len(text) >= 2 and text not in generic and text not in self.agency_rules:
                    self.agency_rules[text] = replacement

    def _people(self, doc: Mapping[str, Any]) -> None:
        case = _mapping(doc.get("case"))
        letters = _letters()
        for person in map(_mapping, _list(case.get("household"))):
            name = _text(person.get("name"))
            if name:
                letter = f"{next(letters)}氏"
                self.people.setdefault(name, letter)
                if _text(person.get("kana")):
                    self.people.setdefault(_text(person.get("kana")), letter)
        roles: dict[str, int] = {}
        staff = []
        for attendee in map(_mapping, _list(doc.get("attendees"))):
            name = _text(attendee.get("name"))
            if not name:
                continue
            role = _PARENTHESIS.sub("", _text(attendee.get("role"))).strip() or "職員"
            roles[role] = roles.get(role, 0) + 1
            staff.append((name, role))
        seen: dict[str, int] = {}
        for name, role in staff:
            if roles[role] > 1:
                seen[role] = seen.get(role, 0) + 1
                role = f"{role}{chr(ord('A') + seen[role] - 1)}"
            self.people.setdefault(name, role)
            self.staff.add(name)
        for item in _role_rows(doc):
            assignee = _text(item.get("person"))
            if assignee and not self._known_person(assignee):
                self.people[assignee] = f"{next(letters)}氏"
                self.staff.add(assignee)

    def _known_person(self, person: str) -> bool:
        """A role person written as a known name or a part of one (山﨑 for 山﨑 明美) is that person."""
        wanted = fold(person).replace(" ", "")
        return any(
            wanted == fold(name).replace(" ", "") or wanted in map(fold, name_parts(name))
            for name in self.people
        )

    def _replacement(self, match: Match, own: bool) -> str:
        replacements = self.by_spelling.get(match.spelling, set()) if own else set()
        return next(iter(replacements)) if len(replacements) == 1 else MASK

    # --- applying it ----------------------------------------------------------------------------

    def text(self, value: str) -> str:
        if self.agency_pattern is not None:
            value = self.agency_pattern.sub(lambda match: self.agency_rules[match.group(0)], value)
        folded = Folded(value)
        found = [(match, True) for match in self.own.matches(folded)]
        if self.known is not None:
            found += [(match, False) for match in self.known.matches(folded)]
        if found:
            owner = {id(match): own for match, own in found}
            # On the same span the document's own person wins: that is who it names.
            ordered = sorted(found, key=lambda pair: (pair[0].start, -pair[0].end, not pair[1]))
            pieces, position = [], 0
            for match in longest_first([match for match, _ in ordered]):
                replacement = self._replacement(match, owner[id(match)])
                if replacement.endswith("氏") and value.startswith(_HONORIFIC_AFTER, match.end):
                    replacement = replacement[:-1]  # 山田さん → Aさん, not A氏さん
                pieces += [value[position : match.start], replacement]
                position = match.end
            value = "".join(pieces) + value[position:]
        value = POSTAL.sub(MASK, value)
        value = PHONE.sub(MASK, value)
        value = ADDRESS.sub(MASK, value)
        value = NUMBER_RUN.sub(MASK, value)
        return SCHOOL.sub(_school, value)

    def free_name(self, value: Any) -> str:
        """A field that names people among other words (chair, recorder, consent obtained by)."""
        original = _text(value)
        masked = self.text(original)
        return masked if masked != original or not original else MASK

    def document(self, doc: dict[str, Any]) -> dict[str, Any]:
        case = _mapping(doc.get("case"))
        for person in map(_mapping, _list(case.get("household"))):
            if isinstance(person, dict):
                name = _text(person.get("name"))
                if name:
                    person["name"] = self.people.get(name, MASK)
                for key in ("kana", "address", "phone"):
                    if key in person:
                        person[key] = ""
                birth = _text(person.get("birth_date"))
                person["birth_date"] = (
                    birth[:4] if re.match(r"\d{4}", birth) else (None if not birth else MASK)
                )
        if isinstance(case, dict):
            for key in ("address", "phone"):
                if key in case:
                    case[key] = ""
        for attendee in map(_mapping, _list(doc.get("attendees"))):
            if isinstance(attendee, dict) and _text(attendee.get("name")):
                attendee["name"] = self.people.get(_text(attendee.get("name")), MASK)
        for role in _role_rows(doc):
            if isinstance(role, dict) and _text(role.get("person")):
                assignee = _text(role.get("person"))
                role["person"] = self.people.get(assignee) or self.free_name(assignee)
        meeting = _mapping(doc.get("meeting"))
        if isinstance(meeting, dict):
            for key in ("chair", "recorder"):
                if key in meeting:
                    meeting[key] = self.free_name(meeting[key])
        consent = _mapping(case.get("consent"))
        if isinstance(consent, dict) and _text(consent.get("obtained_by")):
            consent["obtained_by"] = self.free_name(consent["obtained_by"])
        agencies = _mapping(doc.get("agencies"))
        if agencies:
            doc["agencies"] = {
                self.agency_ids.get(key, key): self.agency_names.get(self.agency_ids.get(key, ""), value)
                for key, value in agencies.items()
            }
        return self._walk(doc, "", top=True)

    def _walk(self, value: Any, key: str, top: bool = False) -> Any:
        if isinstance(value, dict):
            return {
                name: (item if top and name == "agencies" else self._walk(item, str(name)))
                for name, item in value.items()
            }
        if isinstance(value, list):
            return [self._walk(item, key) for item in value]
        if isinstance(value, str):
            if value in self.agency_ids:
                return self.agency_ids[value]
            if key in _KEEP_KEYS:
                return value
            return self.text(value)
        return value


def _school(match: re.Match[str]) -> str:
    prefix = match.group(0)
    if prefix in _GENERIC_SCHOOL or prefix in RELATION_WORDS:
        return prefix
    return MASK


@functools.cache
def _generic_agency_words() -> frozenset[str]:
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


def _catalogue_kind(name: str, short: str, sector: str) -> tuple[str, str]:
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


def _letters() -> Iterator[str]:
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


def _agency_letters() -> Iterator[str]:
    """甲, 乙, ... 癸, then 甲2, 乙2, ...: the agencies' series, never a person's letter."""
    index = 0
    while True:
        letter = AGENCY_LETTERS[index % len(AGENCY_LETTERS)]
        yield letter if index < len(AGENCY_LETTERS) else f"{letter}{index // len(AGENCY_LETTERS) + 1}"
        index += 1


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
