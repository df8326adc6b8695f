"""`welfare-tui import FILE...`: bring meetings exported as YAML (another office, a script) into the database.

All or nothing: every file is read and checked (YAML syntax, the document schema, agency references
against this database) before anything is written, and every problem of every file is reported, one
per line as `FILE:LINE: FIELD: message`. Only when there is none are the files applied, in the order
given, in one transaction. Cases are matched by code and meetings by uid, so importing the same file
again changes nothing and adds nothing. `--dry-run` applies them in a transaction that is rolled back
and prints what would change.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from welfare_tui.cli.app import fail, handles_errors, settings_of, typer_app
from welfare_tui.errors import InvalidInput

import_app = typer_app()


@import_app.command("import")
@handles_errors
def import_command(
    ctx: typer.Context,
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE.yaml...", help="YAML files written by 'welfare-tui export --format yaml'.",
                       show_default=False),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check and show what would change; write nothing.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as a JSON array.")] = False,
) -> None:
    """Import meeting documents (YAML) into the database, all files or none.

    Each file is one meeting with its case. Every file is checked before anything is written; all
    problems are reported as FILE:LINE: FIELD: message and nothing is imported (exit code 1). The
    report on stdout has one line per file: whether its case and meeting are new, updated or unchanged.
    Importing the same file again changes nothing. Masked exports and agency handouts are refused:
    they are not the full record.

    Example: welfare-tui import received/2026-10-15_C-2026-001_第01回_5f0c1a2b.yaml --dry-run
    """
    from welfare_tui.minutes.yaml_format import load_document_lines

    loaded: list[tuple[str, dict[str, Any], dict[str, int]]] = []
    problems: list[str] = []
    for path in files:
        source = str(path)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as error:
            problems.append(f"{source}:1: encoding: not UTF-8 ({error.reason})")
            continue
        except OSError as error:
            problems.append(f"{source}: cannot read: {error.strerror or error}")
            continue
        try:
            doc, lines = load_document_lines(text, source)
        except InvalidInput as error:
            problems.append(str(error))
            continue
        found = _document_problems(doc)
        problems += [f"{source}:{_line(lines, field)}: {field or 'document'}: {message}" for field, message in found]
        if not found:
            loaded.append((source, doc, lines))

    # SQLAlchemy costs ~150 ms to import: only commands that touch the database pay for it.
    from welfare_tui.storage.engine import opened_database, session_scope

    with opened_database(settings_of(ctx).db_url) as engine, session_scope(engine) as session:
        found, checked = _database_problems(session, loaded)
        problems += found
        if problems:
            for problem in problems:
                sys.stderr.write(f"Error: {problem}\n")
            raise fail(f"{len(problems)} problem(s) in {len(files)} file(s); nothing was imported")
        report = _apply(session, [source for source, _, _ in loaded], checked)
        if dry_run:
            session.rollback()
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        from welfare_tui.i18n import t

        for row in report:
            typer.echo(t("cli.import.row", file=row["file"], case=row["case"], meeting=row["meeting"][:8],
                         case_change=t(f"cli.import.change.{row['case_change']}"),
                         meeting_change=t(f"cli.import.change.{row['meeting_change']}"),
                         date=row["date"], round=row["round"]))
    if dry_run:
        from welfare_tui.i18n import t

        sys.stderr.write(t("cli.import.dry_run") + "\n")


def _document_problems(doc: dict[str, Any]) -> list[tuple[str, str]]:
    if doc.get("masked"):
        return [("masked", "a masked export cannot be imported (its names and agencies were replaced)")]
    if doc.get("handout"):
        return [("handout", "an agency handout cannot be imported (it holds part of a meeting only)")]
    from welfare_tui.minutes.schema import problems

    return problems(doc)


def _database_problems(session: Any, loaded: list[tuple[str, dict[str, Any], dict[str, int]]]
                       ) -> tuple[list[str], list[dict[str, Any]]]:
    """What only this database can tell (agency ids it lacks), and two files claiming one meeting;
    with the checked form of every document, which `_apply` writes without checking it again."""
    from welfare_tui.storage.documents import check_document

    problems = []
    checked = []
    seen: dict[str, str] = {}
    for source, doc, lines in loaded:
        try:
            checked.append(check_document(session, doc=doc))
        except InvalidInput as error:
            field, _, message = str(error).partition(": ")
            problems.append(f"{source}:{_line(lines, field)}: {field}: {message}")
        uid = str((doc.get("meeting") or {}).get("uid") or "")
        if uid and uid in seen:
            problems.append(f"{source}:{_line(lines, 'meeting.uid')}: meeting.uid: the same meeting as "
                            f"{seen[uid]}; import one of them")
        seen.setdefault(uid, source) if uid else None
    return problems, checked


def _apply(session: Any, sources: list[str], checked: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Apply every checked document in order; returns what each changed (new / updated / unchanged).

    Runs of documents whose case and meeting this database does not have yet are written together
    (`insert_new_documents`: an import into an empty database); any other is applied on its own and
    read before and after, to tell an update from no change.
    """
    from sqlmodel import col, select

    from welfare_tui.storage.documents import apply_checked, insert_new_documents, meeting_document
    from welfare_tui.storage.models import Case, Meeting

    known_codes = set(session.exec(select(Case.code).where(col(Case.code).in_(
        {fields["case"]["code"] for fields in checked}))))
    known_uids = set(session.exec(select(Meeting.uid).where(col(Meeting.uid).in_(
        {fields["meeting"]["uid"] for fields in checked}))))
    report: list[dict[str, Any]] = []
    run: list[tuple[str, dict[str, Any]]] = []

    def write_run() -> None:
        insert_new_documents(session, [fields for _, fields in run])
        seen: dict[str, Any] = {}  # a case's fields and household as the run's last document of it gave them
        for source, fields in run:
            code, case = fields["case"]["code"], (fields["case"], fields["items"]["member"])
            change = "new" if code not in seen else "unchanged" if seen[code] == case else "updated"
            seen[code] = case
            report.append(_report_row(source, fields, change, "new"))
        known_codes.update(seen)
        run.clear()

    for source, fields in zip(sources, checked):
        code, uid = fields["case"]["code"], fields["meeting"]["uid"]
        if code not in known_codes and uid not in known_uids:
            run.append((source, fields))
            continue
        if run:
            write_run()
        case_id = session.exec(select(Case.id).where(Case.code == code)).first()
        meeting_id = session.exec(select(Meeting.id).where(Meeting.uid == uid)).first()
        before = meeting_document(session, meeting_id=meeting_id) if meeting_id is not None else None
        # A meeting's document shows its case as it is now: no second read when the meeting was there.
        case_before = (before["case"] if before is not None and before["case"]["code"] == code
                       else _case_block(session, case_id) if case_id is not None else None)
        after = meeting_document(session, meeting_id=apply_checked(session, fields))
        report.append(_report_row(
            source, fields,
            "new" if case_before is None else "unchanged" if case_before == after["case"] else "updated",
            "new" if before is None else "unchanged" if before == after else "updated"))
        known_codes.add(code)
        known_uids.add(uid)
    if run:
        write_run()
    return report


def _report_row(source: str, fields: dict[str, Any], case_change: str, meeting_change: str) -> dict[str, Any]:
    meeting = fields["meeting"]
    return {"file": source, "case": fields["case"]["code"], "case_change": case_change, "meeting": meeting["uid"],
            "meeting_change": meeting_change, "date": meeting["date"].isoformat(), "round": meeting["round"]}


def _case_block(session: Any, case_id: int) -> dict[str, Any] | None:
    """The case as a document shows it, through any one of its meetings (None when it has none)."""
    from sqlmodel import select

    from welfare_tui.storage.documents import meeting_document
    from welfare_tui.storage.models import Meeting

    meeting_id = session.exec(select(Meeting.id).where(Meeting.case_id == case_id)).first()
    return meeting_document(session, meeting_id=meeting_id)["case"] if meeting_id is not None else None


def _line(lines: dict[str, int], field: str) -> int:
    from welfare_tui.minutes.yaml_format import line_of

    return line_of(lines, field)
