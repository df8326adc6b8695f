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
* the chair, the recorder, who obtained consent, who recorded an intake, a stage event or a contact,
  and a resource's contact are free text: a known name in them is replaced, and a value in which no
  known name was found is replaced whole by ○○, since it may hold a name the masker cannot recognise;
* contact notes, match notes and end reasons, unmet needs and the resources map are free text like
  any other (version 3);
* the document records that it is masked: a top-level `masked: true` right after `version`, which
  every format shows (a notice in Markdown, a column in CSV, the calendar name in iCalendar) and
  which `import` refuses.

Whatever the masker misses, the leak gate (`minutes.leak_gate`) stops before it is written.
Pure Python; it changes a copy, never the document it is given.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping
from typing import Any

from welfare_tui.catalogue import CATALOGUE_BY_ID
from welfare_tui.minutes.folding import Folded, fold
from welfare_tui.minutes.markdown_text import as_mapping
from welfare_tui.minutes.mask_names import (
    agency_alias,
    agency_letters,
    catalogue_kind,
    generic_agency_words,
    person_letters,
)
from welfare_tui.minutes.mask_patterns import MASK, mask_forms
from welfare_tui.minutes.personal import (
    HONORIFICS,
    Finder,
    Match,
    PersonalValue,
    longest_first,
    name_parts,
    spellings,
)

_PARENTHESIS = re.compile(r"[（(].*?[)）]")

_HONORIFIC_AFTER = tuple(HONORIFICS)

# Values that are identifiers, vocabulary, dates or times, never text a person typed: left as they are.
_KEPT = (
    "format uid type type_label legal_basis agenda status mode current_step code kind urgency "
    "strength flow attendance sex term statement_version materials sector date due start end time "
    "confirmed_at birth_date id meeting resource category state whom next_date proposed_date "
    "started_date settled_date ended_date"
)
_KEEP_KEYS = frozenset(_KEPT.split())


def masked_agency_id(masked: Mapping[str, Any], agency_id: str) -> str:
    """The id `agency_id` has in the masked document `masked` (itself for a catalogue agency)."""
    return agency_id if agency_id in as_mapping(masked.get("agencies")) else agency_alias(agency_id)


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
    case = as_mapping(doc.get("case"))
    names = [_text(p.get("name")) for p in map(as_mapping, _list(case.get("household")))]
    names += [_text(p.get("kana")) for p in map(as_mapping, _list(case.get("household")))]
    names += [_text(a.get("name")) for a in map(as_mapping, _list(doc.get("attendees")))]
    names += [_text(r.get("person")) for r in _role_rows(doc)]
    return [name for name in names if name]


def own_values(doc: Mapping[str, Any]) -> list[PersonalValue]:
    """The personal values a document itself holds (its household, the case's address and phone,
    attendees, role persons, chair, recorder, who obtained consent), named by their field."""
    case = as_mapping(doc.get("case"))
    code = _text(case.get("code"))
    of = f" of case {code}"
    values = []
    for index, person in enumerate(map(as_mapping, _list(case.get("household")))):
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
            _text(as_mapping(case.get("consent")).get("obtained_by")),
            "staff",
            f"case.consent.obtained_by{of}",
        )
    )
    meeting = as_mapping(doc.get("meeting"))
    for key in ("chair", "recorder"):
        values.append(PersonalValue(_text(meeting.get(key)), "staff", f"meeting.{key}{of}"))
    for part, row in _recorded_rows(case):
        values.append(PersonalValue(_text(row.get("recorded_by")), "staff", f"case.{part}.recorded_by{of}"))
    for key, entry in as_mapping(doc.get("resources")).items():  # a resource's window (version 3)
        values.append(
            PersonalValue(_text(as_mapping(entry).get("contact")), "staff", f"resources.{key}.contact")
        )
    for index, attendee in enumerate(map(as_mapping, _list(doc.get("attendees")))):
        values.append(PersonalValue(_text(attendee.get("name")), "staff", f"attendees[{index}].name{of}"))
    for index, role in enumerate(map(as_mapping, _list(doc.get("roles")))):
        values.append(PersonalValue(_text(role.get("person")), "staff", f"roles[{index}].person{of}"))
    return [value for value in values if value.text]


def _recorded_rows(case: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    """The rows of the case's life and contact log that name who recorded them, with their place."""
    return [
        (f"{part}[{index}]", row)
        for part in ("intakes", "stages", "contacts")
        for index, row in enumerate(map(as_mapping, _list(case.get(part))))
    ]


def _role_rows(doc: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """This meeting's role assignments and, under `review`, the previous meeting's."""
    review = as_mapping(doc.get("review"))
    return [*map(as_mapping, _list(doc.get("roles"))), *map(as_mapping, _list(review.get("roles")))]


class _Masker:
    def __init__(self, doc: Mapping[str, Any], known: Finder | None) -> None:
        self.known = known
        self.people: dict[str, str] = {}  # a name as written -> its replacement
        self.staff: set[str] = set()  # names of staff and role persons: words that are titles are dropped
        self.agency_ids: dict[str, str] = {}
        self.agency_names: dict[str, dict[str, str]] = {}
        self.agency_rules: dict[str, str] = {}
        self._agencies(as_mapping(doc.get("agencies")))
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
        letters = agency_letters()
        generic = generic_agency_words()
        for agency_id, entry in agencies.items():
            entry = as_mapping(entry)
            catalogue = CATALOGUE_BY_ID.get(str(agency_id))
            name, short = _text(entry.get("name")), _text(entry.get("short"))
            if catalogue is not None and catalogue.name == name:
                continue
            letter = next(letters)
            kind = catalogue_kind(name, short, _text(entry.get("sector")))
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
        case = as_mapping(doc.get("case"))
        letters = person_letters()
        for person in map(as_mapping, _list(case.get("household"))):
            name = _text(person.get("name"))
            if name:
                letter = f"{next(letters)}氏"
                self.people.setdefault(name, letter)
                if _text(person.get("kana")):
                    self.people.setdefault(_text(person.get("kana")), letter)
        roles: dict[str, int] = {}
        staff = []
        for attendee in map(as_mapping, _list(doc.get("attendees"))):
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
        return mask_forms(value)

    def free_name(self, value: Any) -> str:
        """A field that names people among other words (chair, recorder, consent obtained by)."""
        original = _text(value)
        masked = self.text(original)
        return masked if masked != original or not original else MASK

    def document(self, doc: dict[str, Any]) -> dict[str, Any]:
        case = as_mapping(doc.get("case"))
        for person in map(as_mapping, _list(case.get("household"))):
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
        for attendee in map(as_mapping, _list(doc.get("attendees"))):
            if isinstance(attendee, dict) and _text(attendee.get("name")):
                attendee["name"] = self.people.get(_text(attendee.get("name")), MASK)
        for role in _role_rows(doc):
            if isinstance(role, dict) and _text(role.get("person")):
                assignee = _text(role.get("person"))
                role["person"] = self.people.get(assignee) or self.free_name(assignee)
        meeting = as_mapping(doc.get("meeting"))
        if isinstance(meeting, dict):
            for key in ("chair", "recorder"):
                if key in meeting:
                    meeting[key] = self.free_name(meeting[key])
        consent = as_mapping(case.get("consent"))
        if isinstance(consent, dict) and _text(consent.get("obtained_by")):
            consent["obtained_by"] = self.free_name(consent["obtained_by"])
        for _, row in _recorded_rows(case):  # who recorded an intake, an event, a contact: as the chair
            if isinstance(row, dict) and _text(row.get("recorded_by")):
                row["recorded_by"] = self.free_name(row["recorded_by"])
        for entry in as_mapping(doc.get("resources")).values():  # a resource's window: as the chair
            if isinstance(entry, dict) and _text(entry.get("contact")):
                entry["contact"] = self.free_name(entry["contact"])
        agencies = as_mapping(doc.get("agencies"))
        if agencies:
            doc["agencies"] = {
                self.agency_ids.get(key, key): self.agency_names.get(self.agency_ids.get(key, ""), value)
                for key, value in agencies.items()
            }
        walked: dict[str, Any] = self._walk(doc, "", top=True)
        return walked

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


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
