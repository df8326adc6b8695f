"""Masking a meeting document before its minutes leave the agency (`export --mask`, domain.md §8.2).

`mask_document(doc)` returns a new document, renderable in every format, in which

* personal names become A氏, B氏... in order of appearance in the document (household members first,
  then anyone else named as a person: role assignees, the chair...), never initials;
* staff (the attendees) become their role: 社会福祉士, 保健師... (the role without its parenthesis; two
  staff with the same role become 社会福祉士A, 社会福祉士B);
* every one of those names is also replaced wherever it occurs in free text — summaries, notes,
  decisions, ecomap labels: the full name with or without the space, the family name alone and the
  given name alone (a one-character name part only before an honorific such as さん or 氏, a kana part
  only where it is a word of its own, so コミュニティ keeps its ティ);
* addresses (丁目, 番地, 1-2-3 forms, 〒 codes), phone numbers (0X0-XXXX-XXXX, 03-1234-5678,
  (0561)12-3456, 09012345678) and named schools and nurseries become ○○;
* birth dates keep only the year; furigana is dropped;
* local agencies (those not in the catalogue, or renamed) become their kind with a letter — なかよし
  地域包括支援センター → A地域包括支援センター — under a neutral id (`local_a`), and their names
  and short names are replaced in free text as well;
* the chair, the recorder and who obtained consent are free text: a known name in them is replaced,
  and a value in which no known name was found is replaced whole by ○○, since it may hold a name
  the masker cannot recognise;
* the document records that it is masked: a top-level `masked: true` right after `version`, which
  every format shows (a notice in Markdown, a column in CSV, the calendar name in iCalendar) and
  which `import` refuses.

Pure Python; it changes a copy, never the document it is given.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Mapping
from typing import Any

from welfare_tui.catalogue import CATALOGUE, CATALOGUE_BY_ID

MASK = "○○"
HONORIFICS = "さん|氏|様|さま|君|くん|ちゃん|先生|医師|CW|ケアマネ"
_HIRAGANA = r"\u3041-\u3096\u309d\u309e"
_KATAKANA = r"\u30a1-\u30fa\u30fc\u30fd\u30fe"
_KANA = _HIRAGANA + _KATAKANA
_KANJI = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆"
_SPACES = re.compile(r"[\s\u3000・･]+")
_PARENTHESIS = re.compile(r"[（(].*?[)）]")

_DIGIT = "[0-9０-９]"
_DASH = "[-－‐ー−―]"
PHONE = re.compile(
    rf"(?:\+81{_DASH}?)?(?:[(（]0{_DIGIT}{{1,4}}[)）]{_DIGIT}{{1,4}}{_DASH}{_DIGIT}{{3,4}}"
    rf"|0{_DIGIT}{{1,4}}{_DASH}{_DIGIT}{{1,4}}{_DASH}{_DIGIT}{{3,4}}"
    rf"|0[0-9]{{9,10}}(?![0-9]))"
)
POSTAL = re.compile(rf"〒\s*{_DIGIT}{{3}}{_DASH}?{_DIGIT}{{4}}")
_NUMBER = f"(?:{_DIGIT}+|[一二三四五六七八九十]+)"
ADDRESS = re.compile(
    rf"[^\s、。，,（）()「」『』：:・]{{0,12}}?"
    rf"(?:{_NUMBER}丁目(?:{_DIGIT}+番(?:地)?(?:の?{_DIGIT}+(?:号)?)?)?"
    rf"|{_DIGIT}+番地(?:の?{_DIGIT}+(?:号)?)?"
    rf"|{_DIGIT}+番{_DIGIT}+号"
    rf"|[市区町村]{_DIGIT}+{_DASH}{_DIGIT}+(?:{_DASH}{_DIGIT}+)?)"
)
SCHOOL = re.compile(r"[一-龥ぁ-んァ-ヶ]{1,8}?(小学校|中学校|高等学校|高校|特別支援学校|保育園|保育所|幼稚園|こども園)")

# Values that are identifiers or vocabulary, never text a person typed: left as they are.
_KEEP = {("format",), ("meeting", "uid"), ("meeting", "type"), ("meeting", "agenda"), ("meeting", "status"),
         ("meeting", "mode"), ("meeting", "current_step"), ("case", "code"), ("case", "status")}


def mask_document(doc: Mapping[str, Any]) -> dict[str, Any]:
    """A masked copy of `doc` (see the module docstring for the rules)."""
    source = copy.deepcopy(dict(doc))
    masker = _Masker(source)
    masked = masker.document(source)
    result: dict[str, Any] = {}
    for key, value in masked.items():
        result[key] = value
        if key == "version":
            result["masked"] = True
    result.setdefault("masked", True)
    return result


def person_names(doc: Mapping[str, Any]) -> list[str]:
    """Every personal name the document holds in a name field (household, attendees, role persons):
    what a masked export must not contain. Used by the masker and by the tests that check it."""
    case = _mapping(doc.get("case"))
    names = [_text(p.get("name")) for p in map(_mapping, _list(case.get("household")))]
    names += [_text(p.get("kana")) for p in map(_mapping, _list(case.get("household")))]
    names += [_text(a.get("name")) for a in map(_mapping, _list(doc.get("attendees")))]
    names += [_text(r.get("person")) for r in _role_rows(doc)]
    return [name for name in names if name]


def _role_rows(doc: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """This meeting's role assignments and, under `review`, the previous meeting's."""
    review = _mapping(doc.get("review"))
    return [*map(_mapping, _list(doc.get("roles"))), *map(_mapping, _list(review.get("roles")))]


class _Masker:
    def __init__(self, doc: Mapping[str, Any]) -> None:
        self.replacements: dict[str, str] = {}
        self.rules: list[tuple[str, str, str]] = []  # (text, replacement, boundary kind)
        self.letters = _letters()
        self.agency_ids: dict[str, str] = {}
        self.agency_names: dict[str, dict[str, str]] = {}
        self._agencies(_mapping(doc.get("agencies")))
        self._people(doc)
        self.pattern = self._compile()

    # --- what is replaced -----------------------------------------------------------------------

    def _agencies(self, agencies: Mapping[str, Any]) -> None:
        letters = _letters()
        for agency_id, entry in agencies.items():
            entry = _mapping(entry)
            catalogue = CATALOGUE_BY_ID.get(str(agency_id))
            name, short = _text(entry.get("name")), _text(entry.get("short"))
            if catalogue is not None and catalogue.name == name:
                continue
            letter = next(letters)
            kind = _catalogue_kind(name, short, _text(entry.get("sector")))
            generic = {"name": f"{letter}{kind[0]}", "short": f"{letter}{kind[1]}",
                       "sector": _text(entry.get("sector"))}
            new_id = f"local_{letter.lower()}"
            self.agency_ids[str(agency_id)] = new_id
            self.agency_names[new_id] = generic
            for text, replacement in ((name, generic["name"]), (short, generic["short"])):
                if len(text) >= 2:
                    self._rule(text, replacement, "anywhere")

    def _people(self, doc: Mapping[str, Any]) -> None:
        case = _mapping(doc.get("case"))
        people: list[tuple[str, str]] = []  # (name, replacement) in order of appearance
        for person in map(_mapping, _list(case.get("household"))):
            name = _text(person.get("name"))
            if name:
                letter = f"{next(self.letters)}氏"
                people.append((name, letter))
                kana = _text(person.get("kana"))
                if kana:
                    people.append((kana, letter))
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
            people.append((name, role))
        known = {_SPACES.sub("", name) for name, _ in people}
        for item in _role_rows(doc):
            person = _text(item.get("person"))
            if person and _SPACES.sub("", person) not in known and not self._covered(person, people):
                people.append((person, f"{next(self.letters)}氏"))
                known.add(_SPACES.sub("", person))
        # Whole names first (every spelling), then the parts: a part two people share (a family name
        # in a household) is theirs together, or ○○ when it is shared by people masked differently.
        parts: dict[str, set[str]] = {}
        for name, replacement in people:
            self._rule(name, replacement, "anywhere")
            self._rule(_SPACES.sub("", name), replacement, "anywhere")
            pieces = [piece for piece in _SPACES.split(name) if piece]
            if len(pieces) > 1:
                for piece in (pieces[0], pieces[-1]):
                    parts.setdefault(piece, set()).add(replacement)
        for piece, replacements in parts.items():
            replacement = replacements.pop() if len(replacements) == 1 else MASK
            if piece in self.replacements:
                continue
            kana = re.fullmatch(f"[{_KANA}]+", piece) is not None
            if len(piece) == 1:
                self._rule(piece, replacement, "honorific")
            elif kana:
                self._rule(piece, replacement, "kana_word")
            else:
                self._rule(piece, replacement, "anywhere")

    def _covered(self, person: str, people: list[tuple[str, str]]) -> bool:
        """A role person written as a part of a known name (山﨑 for 山﨑 明美) is that person."""
        return any(person in _SPACES.split(name) for name, _ in people)

    def _rule(self, text: str, replacement: str, boundary: str) -> None:
        text = text.strip()
        if not text or text in self.replacements:
            return
        self.replacements[text] = replacement
        self.rules.append((text, replacement, boundary))

    def _compile(self) -> re.Pattern[str] | None:
        if not self.rules:
            return None
        alternatives = []
        for text, _, boundary in sorted(self.rules, key=lambda rule: -len(rule[0])):
            escaped = re.escape(text)
            if boundary == "honorific":
                # A one-kanji name: on its own (森（保健師）, 森さん), not inside a word (森林).
                escaped = f"(?<![{_KANJI}]){escaped}(?![{_KANJI}])|{escaped}(?={HONORIFICS})"
            elif boundary == "kana_word":
                # A kana name part is a word of its own: not inside a longer word of its script
                # (コミュニティ), but followed by a particle or an honorific (アンさん, アンが).
                script = _KATAKANA if re.fullmatch(f"[{_KATAKANA}]+", text) else _HIRAGANA
                escaped = f"(?<![{script}]){escaped}(?:(?![{script}])|(?={HONORIFICS}))"
            alternatives.append(escaped)
        return re.compile("|".join(alternatives))

    # --- applying it ----------------------------------------------------------------------------

    def text(self, value: str) -> str:
        if self.pattern is not None:
            value = self.pattern.sub(lambda match: self.replacements[match.group(0)], value)
        value = POSTAL.sub(MASK, value)
        value = PHONE.sub(MASK, value)
        value = ADDRESS.sub(MASK, value)
        return SCHOOL.sub(lambda match: MASK + match.group(1), value)

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
                    person["name"] = self.replacements.get(name, MASK)
                if "kana" in person:
                    person["kana"] = ""
                birth = _text(person.get("birth_date"))
                person["birth_date"] = birth[:4] if re.match(r"\d{4}", birth) else (None if not birth else MASK)
        for attendee in map(_mapping, _list(doc.get("attendees"))):
            if isinstance(attendee, dict) and _text(attendee.get("name")):
                attendee["name"] = self.replacements.get(_text(attendee.get("name")), MASK)
        for role in map(_mapping, _list(doc.get("roles"))):
            if isinstance(role, dict) and _text(role.get("person")):
                person = _text(role.get("person"))
                role["person"] = self.replacements.get(person) or self.free_name(person)
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
            doc["agencies"] = {self.agency_ids.get(key, key): self.agency_names.get(self.agency_ids.get(key, ""),
                                                                                    value)
                               for key, value in agencies.items()}
        return self._walk(doc, (), skip_top={"agencies"})

    def _walk(self, value: Any, path: tuple[str, ...], skip_top: set[str] | None = None) -> Any:
        if isinstance(value, dict):
            return {key: (item if skip_top and key in skip_top else self._walk(item, (*path, str(key))))
                    for key, item in value.items()}
        if isinstance(value, list):
            return [self._walk(item, path) for item in value]
        if isinstance(value, str):
            if value in self.agency_ids:
                return self.agency_ids[value]
            if path in _KEEP:
                return value
            return self.text(value)
        return value


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
    """A, B, ... Z, then AA, AB, ...: enough for any household."""
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


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []

