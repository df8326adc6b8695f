"""Checking the work between meetings in a meeting document (version 3) before anything is written:
the `resources` map (each entry by the record spec's `RESOURCE` fields, as the register file checks
it), the case's contacts and matches (by `CONTACT` and `MATCH`), errors naming the field path.

A match or a role or tie names a resource by id: one in the document's map or in this database
(`resource_ref`), as an agency is named. A contact or match is the case's: a uid this database holds
for another case is refused (`refuse_other_case`, asked once for a whole import).
A part the document leaves out (every version 1 or 2 file) is None: nothing of it is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlmodel import Session, col, select

from welfare_tui.errors import InvalidInput
from welfare_tui.i18n import t
from welfare_tui.records.kinds import CONTACT, MATCH
from welfare_tui.storage.document_check import RowChecks, check_rows, row_checks
from welfare_tui.storage.document_life_check import meeting_uid, row_uid
from welfare_tui.storage.document_shape import mapping, sequence
from welfare_tui.storage.models import Case, ContactLog, Resource, ResourceMatch
from welfare_tui.storage.resource_file import check_entry

Ref = Callable[[str, Any], "str | None"]
# uid → the code of the case that holds it here, for contacts and matches (None: not held here).
Owners = dict[str, str | None]


def _checks(kind: Any, *extra: str) -> RowChecks:
    checks = row_checks(kind)
    return checks._replace(keys=checks.keys | set(extra))


_CONTACTS = _checks(CONTACT, "uid", "meeting")
_MATCHES = _checks(MATCH, "uid")


def check_resource_map(value: Any) -> dict[str, dict[str, Any]]:
    """The document's `resources` map: {id: column values}, each entry checked by its fields."""
    resources: dict[str, dict[str, Any]] = {}
    for resource_id, entry in mapping("resources", value).items():
        row, problems = check_entry(f"resources.{resource_id}", entry)
        if problems:
            field, message = problems[0]
            raise InvalidInput(f"{field}: {message}")
        assert row is not None  # no problems: the entry's values
        resources[str(resource_id)] = {"id": str(resource_id), **row}
    return resources


def resource_checker(session: Session, resources: dict[str, dict[str, Any]]) -> Ref:
    """How a row's `resource` is checked: an id of the document's map or of this database's register."""

    def resource_ref(path: str, value: Any) -> str | None:
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            raise InvalidInput(t("value.expected_text", field=path, got=repr(value)))
        if value not in resources and session.get(Resource, value) is None:
            raise InvalidInput(t("between_doc.doc.unknown_resource", path=path, id=repr(value)))
        return value

    return resource_ref


def check_between(case_doc: dict[str, Any], code: str, agency_ref: Ref, resource_ref: Ref) -> dict[str, Any]:
    """The case's contacts and matches as column values (None for a part left out)."""
    return {
        "contacts": _contacts(case_doc["contacts"], code, agency_ref) if "contacts" in case_doc else None,
        "matches": _matches(case_doc["matches"], code, agency_ref, resource_ref)
        if "matches" in case_doc
        else None,
    }


def _contacts(value: Any, code: str, agency_ref: Ref) -> list[dict[str, Any]]:
    raws = sequence("case.contacts", value)
    rows = check_rows(_CONTACTS, raws, agency_ref)
    seen: set[str] = set()
    for index, (row, raw) in enumerate(zip(rows, raws)):
        where = f"case.contacts[{index}]"
        derived = (code, "contact", row.get("date"), row.get("mode"), index)
        row["uid"] = _unique(f"{where}.uid", row_uid(f"{where}.uid", raw.get("uid"), *derived), seen)
        row["meeting_uid"] = meeting_uid(f"{where}.meeting", raw.get("meeting"))
        if row.get("date") is None:
            raise InvalidInput(f"{where}.date: {t('schema.missing')}")
        if row.get("next_date") is not None and row["next_date"] < row["date"]:
            shown = {"next": row["next_date"].isoformat(), "date": row["date"].isoformat()}
            raise InvalidInput(f"{where}.next_date: {t('between.next_before_contact', **shown)}")
    return rows


def _matches(value: Any, code: str, agency_ref: Ref, resource_ref: Ref) -> list[dict[str, Any]]:
    raws = sequence("case.matches", value)
    rows = check_rows(_MATCHES, raws, agency_ref, resource_ref)
    seen: set[str] = set()
    for index, (row, raw) in enumerate(zip(rows, raws)):
        where = f"case.matches[{index}]"
        derived = (code, "match", row.get("resource_id"), row.get("member"), index)
        row["uid"] = _unique(f"{where}.uid", row_uid(f"{where}.uid", raw.get("uid"), *derived), seen)
        if not row.get("resource_id"):
            raise InvalidInput(f"{where}.resource: {t('schema.missing')}")
        if row.get("state") == "ended" and not str(row.get("end_reason") or "").strip():
            raise InvalidInput(f"{where}.end_reason: {t('between.match_end_reason')}")
    return rows


def _unique(path: str, uid: str, seen: set[str]) -> str:
    if uid in seen:
        raise InvalidInput(t("between_doc.doc.uid_twice", path=path, uid=uid[:8]))
    seen.add(uid)
    return uid


# Within SQLite's limit of bound parameters (32,766 since 3.32) and PostgreSQL's (65,535).
_UID_BATCH = 10_000


def row_owners(session: Session, uids: Iterable[str]) -> Owners:
    """{uid: the case code that holds it here, or None} for contact and match uids, one query per
    table per `_UID_BATCH` uids (import asks once for all its files: some 15 uids a case)."""
    wanted = list(dict.fromkeys(uid for uid in uids if uid))
    owners: Owners = dict.fromkeys(wanted)
    for model in (ContactLog, ResourceMatch):
        for start in range(0, len(wanted), _UID_BATCH):
            batch = wanted[start : start + _UID_BATCH]
            rows = session.exec(
                select(model.uid, Case.code)
                .join(Case, col(Case.id) == col(model.case_id))
                .where(col(model.uid).in_(batch))
            ).all()
            owners.update(dict(rows))
    return owners


def between_uids(doc: Any) -> list[str]:
    """The contact and match uids a document names as written (for `row_owners`)."""
    case = doc.get("case") if isinstance(doc, dict) else None
    if not isinstance(case, dict):
        return []
    rows = [*_rows(case.get("contacts")), *_rows(case.get("matches"))]
    return [row["uid"] for row in rows if isinstance(row.get("uid"), str)]


def _rows(value: Any) -> list[dict[str, Any]]:
    return [row for row in value if isinstance(row, dict)] if isinstance(value, list) else []


def refuse_other_case(session: Session, between: dict[str, Any], code: str, owners: Owners | None) -> None:
    """A contact or match of another case here is never moved to this one: refused, naming both."""
    for part in ("contacts", "matches"):
        rows = between[part] or []
        known = owners if owners is not None else row_owners(session, [row["uid"] for row in rows])
        for index, row in enumerate(rows):
            owner = known.get(row["uid"])
            if owner is not None and owner != code:
                path = f"case.{part}[{index}].uid"
                raise InvalidInput(
                    t("between_doc.doc.other_case", path=path, uid=row["uid"][:8], owner=owner, code=code)
                )
