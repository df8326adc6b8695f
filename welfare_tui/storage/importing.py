"""Meeting documents from YAML files into the database: the one path `welfare-tui import` and the demo
build take (the demo households are such files, so every demo build exercises it).

All or nothing, in three steps inside the caller's transaction:
* `read_files`: each file read within bounds (`bounded_input`: a regular file, at most `limit` bytes),
  decoded, parsed with the line of every field (`yaml_format.load_document_lines`) and checked against
  the document schema; masked exports and agency handouts are refused (not the full record);
* `database_problems`: what only this database can tell (agency ids it lacks, a meeting of another
  case) and two files claiming one meeting; it returns the checked documents as well;
* `apply_all`: the checked documents written in the order given.
Every problem reads `FILE:LINE: FIELD: message`; the caller decides how to report them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from welfare_tui.errors import InvalidInput
from welfare_tui.i18n import t

if TYPE_CHECKING:
    from sqlmodel import Session


@dataclass(frozen=True)
class Loaded:
    """A file that was read and passed the schema: its document and the line of each field path."""

    source: str
    doc: dict[str, Any]
    lines: dict[str, int]


def read_files(paths: Sequence[Path], *, limit: int) -> tuple[list[Loaded], list[str]]:
    """Every file that reads as a complete meeting document, and the problems of the others."""
    from welfare_tui.minutes.yaml_format import line_of

    loaded: list[Loaded] = []
    problems: list[str] = []
    for path in paths:
        source = str(path)
        try:
            doc, lines = _read(path, source, limit)
        except InvalidInput as error:
            problems.append(str(error))
            continue
        found = _document_problems(doc)
        problems += [
            f"{source}:{line_of(lines, field)}: {field or 'document'}: {message}" for field, message in found
        ]
        if not found:
            loaded.append(Loaded(source, doc, lines))
    return loaded, problems


def _read(path: Path, source: str, limit: int) -> tuple[dict[str, Any], dict[str, int]]:
    from welfare_tui.bounded_input import read_utf8
    from welfare_tui.minutes.yaml_format import load_document_lines

    return load_document_lines(read_utf8(path, limit=limit, source=source), source)


def _document_problems(doc: dict[str, Any]) -> list[tuple[str, str]]:
    if doc.get("masked"):
        return [("masked", t("error.import.masked"))]
    if doc.get("handout"):
        return [("handout", t("error.import.handout"))]
    from welfare_tui.minutes.schema import problems

    return problems(doc)


def database_problems(session: Session, loaded: Sequence[Loaded]) -> tuple[list[str], list[dict[str, Any]]]:
    """What only this database can tell (agency ids it lacks), and two files claiming one meeting;
    with the checked form of every document, which `apply_all` writes without checking it again."""
    from welfare_tui.minutes.yaml_format import line_of
    from welfare_tui.storage.document_between_check import between_uids, row_owners
    from welfare_tui.storage.documents import check_document, meeting_owners

    problems = []
    checked = []
    seen: dict[str, str] = {}
    owners = meeting_owners(session, [_uid(item.doc) for item in loaded])
    held = row_owners(session, [uid for item in loaded for uid in between_uids(item.doc)])
    for item in loaded:
        try:
            checked.append(check_document(session, doc=item.doc, owners=owners, row_owners=held))
        except InvalidInput as error:
            field, _, message = str(error).partition(": ")
            problems.append(f"{item.source}:{line_of(item.lines, field)}: {field}: {message}")
        uid = _uid(item.doc)
        if uid and uid in seen:
            problems.append(
                f"{item.source}:{line_of(item.lines, 'meeting.uid')}: meeting.uid: "
                + t("error.import.same_meeting", other=seen[uid])
            )
        if uid:
            seen.setdefault(uid, item.source)
    return problems, checked


def _uid(doc: dict[str, Any]) -> str:
    return str((doc.get("meeting") or {}).get("uid") or "")


def apply_all(
    session: Session, sources: Sequence[str], checked: Sequence[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Apply every checked document in order; returns what each changed (new / updated / unchanged).

    Runs of documents whose case and meeting this database does not have yet are written together
    (`insert_new_documents`: an import into an empty database); any other is compared with what the
    database holds, read beforehand for all of them in batches (`Current`), and only what differs is
    written (`sync_checked`).
    """
    from welfare_tui.storage.documents import Current, insert_new_documents, sync_checked

    current = Current(session, checked)
    report: list[dict[str, Any]] = []
    run: list[tuple[str, dict[str, Any]]] = []
    created: set[str] = set()  # case codes this import has written

    def write_run() -> None:
        insert_new_documents(session, [fields for _, fields in run], current.names)
        seen: dict[str, Any] = {}  # a case's fields and household as the run's last document of it gave them
        for source, fields in run:
            code, case = fields["case"]["code"], (fields["case"], fields["items"]["member"])
            change = "new" if code not in seen else "unchanged" if seen[code] == case else "updated"
            seen[code] = case
            report.append(_report_row(source, fields, change, "new"))
            current.forget_case(code)
        created.update(seen)
        run.clear()

    for source, fields in zip(sources, checked, strict=True):
        code, uid = fields["case"]["code"], fields["meeting"]["uid"]
        if code not in created and current.case(code) is None and current.meeting(uid) is None:
            run.append((source, fields))
            continue
        if run:
            write_run()
        applied = sync_checked(session, fields, current)
        report.append(_report_row(source, fields, applied.case_change, applied.meeting_change))
    if run:
        write_run()
    return report


def _report_row(source: str, fields: dict[str, Any], case_change: str, meeting_change: str) -> dict[str, Any]:
    meeting = fields["meeting"]
    return {
        "file": source,
        "case": fields["case"]["code"],
        "case_change": case_change,
        "meeting": meeting["uid"],
        "meeting_change": meeting_change,
        "date": meeting["date"].isoformat(),
        "round": meeting["round"],
    }
