"""One export path for both front ends: `welfare-tui export` and the TUI's Ctrl+E run `Export`.

An export is set up (`Export(job)`: the formats checked, the folder made owner-only), then run on a
database (`Export.run(engine, choice, ...)`). Meetings are read, stamped in the audit log and written a
batch at a time as the database yields them, so exporting ten thousand meetings keeps memory flat (one
batch and the list of chosen meeting ids are held) and costs a few queries per batch, not per meeting.
A batch is stamped in a short transaction of its own before it is written (the minutes print their
stamp), so an export never holds the write lock while it reads.

Each document goes through the same steps whatever the format (minutes/formats.py): who may receive
an agency's handout (`meeting_rules.handout_refusal`, on the real document), then masking and the leak
gate (`leak_gate.MaskedMinutes`, which also cuts the handout), or the handout alone, then rendering.
Files are named by `minutes.export_filename` and written owner-only through `private_files.replacing`;
several documents in one stream are `head + body + separator + body ... + tail`.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from welfare_tui import minutes
from welfare_tui.errors import InvalidInput, RuleRefused
from welfare_tui.i18n import foreign, t
from welfare_tui.minutes import formats
from welfare_tui.private_files import make_private_dirs, replacing

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from welfare_tui.minutes.leak_gate import MaskedMinutes

Document = dict[str, Any]


@dataclass(frozen=True)
class Choice:
    """Which meetings: by id (or uid, or its first 8+ characters), of one case, or all; within a period."""

    ids: Sequence[str | int] = ()
    case_code: str | None = None
    all: bool = False
    since: dt.date | None = None
    until: dt.date | None = None


@dataclass(frozen=True)
class ExportJob:
    """What to write: the formats (names of `formats.REGISTRY`), where (a folder, or None for one
    stream of a single format), and how (era dates, masked, one agency's handout by id or name)."""

    formats: tuple[str, ...]
    directory: Path | None = None
    era: bool = False
    mask: bool = False
    agency: str | None = None


@dataclass
class Outcome:
    written: int = 0  # texts written: a file each, or a document's part of the stream
    paths: list[Path] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)  # meetings the agency may not receive, and why
    left_out: list[Document] = field(default_factory=list)  # nothing for a calendar (.ics)


class Progress(Protocol):
    def start(self, total: int) -> None: ...
    def advance(self) -> None: ...


class Export:
    """One export (see the module docstring)."""

    def __init__(self, job: ExportJob) -> None:
        self.job = job
        self.entries = tuple(formats.get(name) for name in job.formats)
        if job.directory is None and len(self.entries) != 1:
            raise InvalidInput("internal: a stream holds exactly one format")
        if job.directory is None and self.entries[0].binary:  # a Word document is a file, not a text
            raise InvalidInput(t("error.export.binary_stream", fmt=self.entries[0].name))
        if job.directory is not None:
            make_private_dir(job.directory)

    def run(
        self,
        engine: Engine,
        choice: Choice,
        *,
        user: str | None = None,
        stream: Callable[[str], None] | None = None,
        wrote: Callable[[Path], None] | None = None,
        progress: Progress | None = None,
    ) -> Outcome:
        """Export the chosen meetings; `stream` receives the text of a stream (no folder), `wrote`
        each file as it is written, `progress` the count. Raises RuleRefused (exit 1) when an agency
        export or a calendar leaves nothing to write."""
        from welfare_tui.storage.engine import session_scope

        with session_scope(engine, user=user) as session:
            agency_id, agency_name = self._agency(session)
            writer = _Writer(
                self.job, self.entries, self._masked(session, agency_id), agency_id, stream, wrote
            )
            outcome = writer.outcome

            def stamp(docs: list[Document]) -> list[Document]:
                from welfare_tui.storage import audit

                with session_scope(engine, user=user, immediate=True) as stamping:
                    return audit.stamp_exports(stamping, docs, self.job.formats, self._destination())

            self._write_all(session, choice, writer, stamp, (agency_id, agency_name), progress)
            writer.close()
        if agency_id is not None and outcome.written == 0:
            raise RuleRefused(_nothing_for_agency(agency_name, outcome.refusals))
        return outcome

    def _write_all(
        self,
        session: Any,
        choice: Choice,
        writer: _Writer,
        stamp: Callable[[list[Document]], list[Document]],
        agency: tuple[str | None, str],
        progress: Progress | None,
    ) -> None:
        from welfare_tui.meeting_rules import handout_refusal
        from welfare_tui.storage.documents import BATCH_SIZE, iter_meeting_documents, select_meeting_ids

        ids = select_meeting_ids(
            session,
            ids=choice.ids,
            case_code=choice.case_code,
            all=choice.all,
            since=choice.since,
            until=choice.until,
        )
        if progress is not None:
            progress.start(len(ids))
        agency_id, agency_name = agency
        pending: list[Document] = []
        for doc in iter_meeting_documents(session, meeting_ids=ids):
            # Who may receive a handout is decided on the real document (names in the reason); the
            # writer cuts the handout, after masking when the export is masked.
            refusal = handout_refusal(doc, agency_id, agency_name) if agency_id is not None else None
            if refusal:
                writer.outcome.refusals.append(refusal)
            else:
                pending.append(doc)
            if len(pending) >= BATCH_SIZE:
                writer.write_all(stamp(pending))
                pending = []
            if progress is not None:
                progress.advance()
        writer.write_all(stamp(pending))

    def _agency(self, session: Any) -> tuple[str | None, str]:
        if self.job.agency is None:
            return None, ""
        from welfare_tui.storage import repo

        found = repo.require_agency(session, text=self.job.agency)
        return found.id, found.name

    def _masked(self, session: Any, agency_id: str | None) -> MaskedMinutes | None:
        if not self.job.mask:
            return None
        from welfare_tui.minutes.leak_gate import MaskedMinutes
        from welfare_tui.storage.personal import personal_values

        return MaskedMinutes(personal_values(session), agency_id=agency_id)

    def _destination(self) -> str:
        """Where the audit log says the minutes went: the folder, or - for stdout."""
        return "-" if self.job.directory is None else str(self.job.directory)


class _Writer:
    """Writes documents one by one: each format's file in the folder, or one stream.

    With `masked` every text comes from `leak_gate.MaskedMinutes`: masked, then cut to the agency's
    handout, then scanned by the leak gate; a leak stops the export before that text is written.
    Without it, the handout is cut from the document as it is."""

    def __init__(
        self,
        job: ExportJob,
        entries: tuple[formats.ExportFormat, ...],
        masked: MaskedMinutes | None,
        agency_id: str | None,
        stream: Callable[[str], None] | None,
        wrote: Callable[[Path], None] | None,
    ) -> None:
        self.job, self.entries, self.masked, self.agency_id = job, entries, masked, agency_id
        self.stream, self.wrote = stream, wrote
        self.outcome = Outcome()

    def write_all(self, docs: Iterable[Document]) -> None:
        for doc in docs:
            self.write(doc)

    def write(self, doc: Document) -> None:
        doc, render_file, body = self._prepared(doc)
        era, directory = self.job.era, self.job.directory
        for entry in self.entries:
            if entry.skip_empty and not body(doc, entry.name, era=era):
                self.outcome.left_out.append(doc)
                continue
            if directory is not None:
                path = directory / minutes.export_filename(doc, entry.name)
                write_private_file(path, render_file(doc, entry.name, era=era))
                self.outcome.paths.append(path)
                if self.wrote is not None:
                    self.wrote(path)
            else:
                text = body(doc, entry.name, era=era)
                first = self.outcome.written == 0
                start = (
                    formats.stream_head(entry, masked=self.masked is not None) if first else entry.separator
                )
                self._emit(start + text)
            self.outcome.written += 1

    def _prepared(self, doc: Document) -> tuple[Document, Callable[..., bytes], Callable[..., str]]:
        """The document to render, with the renderers of a file's bytes and of a stream's text that
        may render it (the gate's when masked)."""
        if self.masked is not None:
            masked = self.masked.document(doc)
            if masked is None:  # handout_refusal lets only meetings the agency took part in through
                raise RuleRefused("internal: a handout of an agency that took no part")
            return masked, self.masked.render_file, self.masked.body
        if self.agency_id is not None:
            from welfare_tui.minutes.handout import agency_handout

            doc = agency_handout(doc, self.agency_id)
        if doc.get("masked"):
            raise RuleRefused("masked minutes are written only through the leak gate (minutes/leak_gate.py)")
        return doc, minutes.render_file, minutes.body

    def close(self) -> None:
        """End the stream; say why a calendar export wrote nothing (exit 1) or skipped meetings."""
        if self.job.directory is None and self.outcome.written:
            self._emit(formats.stream_tail(self.entries[0], masked=self.masked is not None))
        left_out = self.outcome.left_out
        if not left_out:
            return
        if self.outcome.written == 0:  # nothing at all: say why, exit 1
            raise RuleRefused(
                minutes.nothing_for_a_calendar(left_out[0])
                if len(left_out) == 1
                else t("minutes.ics.nothing", count=len(left_out))
            )
        sys.stderr.write(t("minutes.ics.skipped", count=len(left_out)) + "\n")

    def _emit(self, text: str) -> None:
        if text and self.stream is not None:
            self.stream(text)


def _nothing_for_agency(agency_name: str, refusals: list[str]) -> str:
    """Why an agency's export wrote nothing: the one refusal, the first of several, or none taking part."""
    if len(refusals) == 1:
        return refusals[0]
    if refusals:
        return t("error.export.agency_in_none_because", agency=agency_name, reason=refusals[0])
    return t("error.export.agency_in_none", agency=agency_name)


def make_private_dir(directory: Path) -> None:
    """Create the output folder and its missing parents owner-only (minutes hold 要配慮個人情報);
    leave existing ones be."""
    try:
        make_private_dirs(directory)
    except OSError as error:
        raise InvalidInput(
            t("error.minutes.cannot_write", where=directory, detail=foreign(error.strerror or error))
        ) from None


def write_private_file(path: Path, text: str | bytes) -> None:
    """Write through a temporary file then rename, created 0600: a reader never sees half a file,
    and no moment exists when the minutes are readable by others. Text is written in UTF-8."""
    try:
        with (
            replacing(path) as (descriptor, _temporary),
            os.fdopen(descriptor, "wb", closefd=False) as stream,
        ):
            stream.write(text.encode("utf-8") if isinstance(text, str) else text)
    except OSError as error:
        raise InvalidInput(
            t("error.minutes.cannot_write", where=path.parent, detail=foreign(error.strerror or error))
        ) from None
