"""Meeting notices (開催通知) written for the invited agencies: `welfare-tui notice` and the meeting
screen's key on a planned meeting run `write_notices`.

One notice per invited agency (the attendees' agencies; or the one `--agency` names) in each format
asked for (md, docx, ics), into a folder made owner-only, each file through `private_files`. Masked
by default: the meeting document is masked with the whole database's knowledge (the leak gate's
`MaskedMinutes`) and every notice's text is scanned by the gate before it is written. With names
(`mask=False`) an agency outside the consent scope of a meeting that needs consent (重層的支援会議)
gets no notice, and is named in `Outcome.refusals`. Writing notices is recorded in the audit log as
an export of the meeting (formats `notice:md`… and the folder).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from welfare_tui.errors import RuleRefused
from welfare_tui.i18n import t

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

NOTICE_FORMATS = ("docx", "md", "ics")


@dataclass(frozen=True)
class NoticeJob:
    formats: tuple[str, ...]
    directory: Path
    era: bool = False
    mask: bool = True
    agency: str | None = None  # id, name or short name; None: every invited agency
    issued: dt.date | None = None  # the notice's date; None: today
    organiser: str = ""  # the office's e-mail address the invitation names (setting notice_email)


@dataclass
class NoticeOutcome:
    paths: list[Path] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)


def write_notices(
    engine: Engine,
    meeting: str,
    job: NoticeJob,
    *,
    user: str | None = None,
    wrote: Callable[[Path], None] | None = None,
) -> NoticeOutcome:
    """Write the notices of `meeting` (id, uid or its first 8+ characters); RuleRefused (exit 1)
    when the meeting is not planned, invites nobody or the agency, or every notice was refused."""
    from welfare_tui.storage import audit
    from welfare_tui.storage.documents import meeting_document
    from welfare_tui.storage.engine import session_scope
    from welfare_tui.storage.exporting import make_private_dir
    from welfare_tui.storage.meeting_ids import select_meeting_ids

    with session_scope(engine, user=user) as session:
        (meeting_id,) = select_meeting_ids(session, ids=[meeting])
        doc = meeting_document(session, meeting_id=meeting_id)
        agencies = _chosen_agencies(session, doc, job.agency)
        known = _known(session) if job.mask else None
    outcome = NoticeOutcome()
    writer = _NoticeWriter(job, doc, known)
    chosen = [agency for agency in agencies if not _refused(doc, agency, job, outcome)]
    if not chosen:
        raise RuleRefused(outcome.refusals[0])
    make_private_dir(job.directory)
    with session_scope(engine, user=user, immediate=True) as stamping:
        audit.stamp_exports(stamping, [doc], (f"notice:{fmt}" for fmt in job.formats), str(job.directory))
    for agency in chosen:
        for path in writer.write(agency):
            outcome.paths.append(path)
            if wrote is not None:
                wrote(path)
    return outcome


def _chosen_agencies(session: Any, doc: Mapping[str, Any], text: str | None) -> list[str]:
    from welfare_tui.minutes.notice import invited_agencies
    from welfare_tui.storage import repo

    meeting = doc.get("meeting") or {}
    label = f"{(doc.get('case') or {}).get('code', '')} {meeting.get('date', '')}".strip()
    if meeting.get("status") != "planned":
        raise RuleRefused(t("notice.not_planned", meeting=label, status=meeting.get("status") or ""))
    invited = invited_agencies(doc)
    if not invited:
        raise RuleRefused(t("notice.nobody", meeting=label))
    if text is None:
        return invited
    found = repo.require_agency(session, text=text)
    if found.id not in invited:
        names = "、".join(str((doc.get("agencies") or {}).get(key, {}).get("name") or key) for key in invited)
        raise RuleRefused(t("notice.not_invited", agency=found.name, agencies=names))
    return [found.id]


def _known(session: Any) -> Any:
    from welfare_tui.minutes.leak_gate import MaskedMinutes
    from welfare_tui.storage.personal import personal_values

    return MaskedMinutes(personal_values(session))


def _refused(doc: Mapping[str, Any], agency: str, job: NoticeJob, outcome: NoticeOutcome) -> bool:
    """A notice with names to an agency outside the consent a meeting type needs is refused."""
    from welfare_tui import domain, meeting_rules

    meeting = doc.get("meeting") or {}
    kind = domain.MEETING_TYPES.get(str(meeting.get("type") or ""))
    if job.mask or kind is None or not kind.needs_consent:
        return False
    consent = meeting_rules.consent_as_of(meeting_rules.document_history(doc), str(meeting.get("date") or ""))
    if consent.given and agency in consent.agencies:
        return False
    name = str((doc.get("agencies") or {}).get(agency, {}).get("name") or agency)
    outcome.refusals.append(t("notice.outside_consent", agency=name))
    return True


class _NoticeWriter:
    """Renders one agency's notice in each format, through the leak gate when masked, and writes it."""

    def __init__(self, job: NoticeJob, doc: Mapping[str, Any], masked: Any) -> None:
        self.job, self.masked = job, masked
        self.doc = masked.document(doc) if masked is not None else doc
        self.issued = (job.issued or dt.date.today()).isoformat()

    def write(self, agency: str) -> list[Path]:
        from welfare_tui.minutes import export_filename
        from welfare_tui.minutes.masking import masked_agency_id
        from welfare_tui.minutes.notice import build_notice
        from welfare_tui.storage.exporting import write_private_file

        key = masked_agency_id(self.doc, agency) if self.masked is not None else agency
        notice = build_notice(self.doc, key, issued=self.issued, era=self.job.era)
        stem = export_filename({"case": self.doc.get("case"), "meeting": self.doc.get("meeting")}, "md")[:-3]
        suffix = "_masked" if self.masked is not None else ""
        paths = []
        for fmt in self.job.formats:
            data = self._rendered(notice, fmt)
            path = self.job.directory / f"{stem}_notice_{_safe(key)}{suffix}.{fmt}"
            write_private_file(path, data)
            paths.append(path)
        return paths

    def _rendered(self, notice: Any, fmt: str) -> str | bytes:
        from welfare_tui.minutes.notice import notice_markdown
        from welfare_tui.minutes.notice_files import notice_docx, notice_ics

        code = str((self.doc.get("case") or {}).get("code") or "")
        data: str | bytes
        if fmt == "docx":
            data = notice_docx(notice, code)
        elif fmt == "ics":
            data = notice_ics(notice, self.doc, organiser=self.job.organiser)
        else:
            data = notice_markdown(notice)
        if self.masked is not None:  # the leak gate reads what the agency will read, before it is written
            self.masked.gate.check(data, self.doc, fmt)
        return data


def _safe(text: str) -> str:
    import re

    return re.sub(r'[\x00-\x1f\x7f/\\:*?"<>|\s]+', "_", text).strip(".") or "agency"
