"""SQLModel tables, and the *Public models the repository hands to the front ends.

Families follow the house style: `XBase` holds the fields a user edits, `X(table=True)` adds keys and
bookkeeping, `XPublic` is what leaves a session. Enum-like columns store the ASCII keys of
`welfare_tui.domain`; the repository validates them, the schema keeps them as plain strings so that a
new status never needs a migration. Dates are `date` columns; clock times are "HH:MM" strings because
minutes record what was said in the room, not an instant.

Every child row carries a `position` so that lists keep the order the recorder gave them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Column, Integer, String, Table, Text, UniqueConstraint, inspect
from sqlmodel import Field, SQLModel


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# --- agencies ---------------------------------------------------------------------------------------


class AgencyBase(SQLModel):
    name: str = Field(unique=True)
    short: str = ""
    name_en: str = ""
    sector: str
    formal: bool = True
    local: bool = False
    note: str = Field(default="", sa_type=Text)


class Agency(AgencyBase, table=True):
    __tablename__ = "agency"
    id: str = Field(primary_key=True)


class AgencyPublic(AgencyBase):
    id: str


# --- cases ------------------------------------------------------------------------------------------


class CaseBase(SQLModel):
    code: str = Field(unique=True, index=True)
    label: str
    summary: str = Field(default="", sa_type=Text)
    referral_route: str = ""
    status: str = "shien_kaigi"
    consent_status: str = "none"
    consent_date: dt.date | None = None
    consent_scope: str = Field(default="", sa_type=Text)
    consent_obtained_by: str = ""
    consent_withdrawn_date: dt.date | None = None
    """When the person withdrew their consent; the case went back to 支援会議 then (revision 0002)."""
    consent_withdrawal_note: str = Field(default="", sa_type=Text)
    key_person: str = ""
    address: str = Field(default="", sa_type=Text)
    """Where the household lives, as the facilitator writes it (revision 0004): a structured field so
    that masking knows it (minutes/masking.py) rather than finding it in free text."""
    phone: str = ""


# Optimistic locking (revisions 0002 and 0006): every editable row has a version. SQLAlchemy adds
# `WHERE version = <read>` to every UPDATE (and DELETE) and raises StaleDataError when another session
# changed the row first; the repository turns that, and a stale version passed by a front end, into
# `errors.Conflict`.
def _version_column() -> Column[int]:
    return Column("version", Integer, nullable=False, server_default="1")


_CASE_VERSION = _version_column()
_MEETING_VERSION = _version_column()


class Case(CaseBase, table=True):
    __tablename__ = "case"
    __mapper_args__ = {"version_id_col": _CASE_VERSION}
    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column=_CASE_VERSION)
    tags: str = Field(default="[]", sa_type=Text)
    """JSON list; TEXT rather than a JSON column so that search is a plain LIKE on both backends."""
    consent_agencies: str = Field(default="[]", sa_type=Text)
    """JSON list of the agency ids within the consent scope now (revision 0005): like the other
    consent_* columns, the state the consent history (`consent_event`) arrives at."""
    lead_agency_id: str | None = Field(default=None, foreign_key="agency.id")
    created_at: dt.datetime = Field(default_factory=utc_now)
    updated_at: dt.datetime = Field(default_factory=utc_now)


class CasePublic(CaseBase):
    id: int
    version: int = 1
    tags: list[str]
    consent_agencies: list[str] = []
    lead_agency_id: str | None
    created_at: dt.datetime
    updated_at: dt.datetime


class CaseRow(SQLModel):
    """One line of the case list: enough to choose a case without loading it."""

    id: int
    code: str
    label: str
    tags: list[str]
    status: str
    lead_agency: str
    meeting_count: int
    last_meeting_date: dt.date | None
    next_meeting_date: dt.date | None


_HOUSEHOLD_MEMBER_VERSION = _version_column()


class HouseholdMember(SQLModel, table=True):
    __tablename__ = "household_member"
    __mapper_args__ = {"version_id_col": _HOUSEHOLD_MEMBER_VERSION}
    version: int = Field(default=1, sa_column=_HOUSEHOLD_MEMBER_VERSION)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", ondelete="CASCADE", index=True)
    position: int = 0
    name: str = ""
    kana: str = ""
    relation: str = ""
    sex: str = "unknown"
    birth_date: dt.date | None = None
    address: str = Field(default="", sa_type=Text)  # revision 0004, when not the case's address
    phone: str = ""
    index_person: bool = False
    deceased: bool = False
    cohabiting: bool = True
    key_person: bool = False
    note: str = Field(default="", sa_type=Text)


class ConsentEvent(SQLModel, table=True):
    """One event of the person's consent to information sharing (revision 0005; meeting_rules.py):
    obtained, scope changed or withdrawn, with the state after it. Events are added, never changed:
    an import merges histories, so an older document cannot undo a later withdrawal."""

    __tablename__ = "consent_event"
    # A uid names an event within its case: a file copied as a template for another case brings the
    # same uids, which are that other case's events then, not these.
    __table_args__ = (UniqueConstraint("case_id", "uid", name="uq_consent_event_case_uid"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", ondelete="CASCADE", index=True)
    uid: str
    event: str
    date: dt.date | None = None
    status: str = "none"
    scope: str = Field(default="", sa_type=Text)
    agencies: str = Field(default="[]", sa_type=Text)  # JSON list of agency ids
    obtained_by: str = ""
    note: str = Field(default="", sa_type=Text)


# --- meetings ---------------------------------------------------------------------------------------


class MeetingBase(SQLModel):
    type: str
    type_label: str = ""
    legal_basis: str = ""
    agenda_id: str = ""
    round: int = 1
    date: dt.date = Field(index=True)
    start_time: str = ""
    end_time: str = ""
    place: str = ""
    mode: str = "in_person"
    chair: str = ""
    recorder: str = ""
    purpose: str = Field(default="", sa_type=Text)
    status: str = "planned"
    current_step: str = ""
    confidentiality_confirmed_at: str = ""
    statement_version: str = ""
    materials: str = ""
    policy: str = Field(default="", sa_type=Text)
    resource_gaps: str = Field(default="", sa_type=Text)
    decisions: str = Field(default="", sa_type=Text)
    remaining_issues: str = Field(default="", sa_type=Text)
    next_meeting_date: dt.date | None = None
    next_meeting_time: str = ""
    next_meeting_place: str = ""
    next_meeting_note: str = Field(default="", sa_type=Text)
    incomplete_reason: str = Field(default="", sa_type=Text)  # why minutes were finalised incomplete


class Meeting(MeetingBase, table=True):
    __tablename__ = "meeting"
    __mapper_args__ = {"version_id_col": _MEETING_VERSION}
    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column=_MEETING_VERSION)
    uid: str = Field(unique=True)
    case_id: int = Field(foreign_key="case.id", ondelete="CASCADE", index=True)
    agenda_json: str = Field(default="[]", sa_type=Text)
    """The agenda's steps as they were when the meeting was created, so later template edits never
    rewrite the record of a past meeting."""
    created_at: dt.datetime = Field(default_factory=utc_now)
    updated_at: dt.datetime = Field(default_factory=utc_now)


class MeetingPublic(MeetingBase):
    id: int
    version: int = 1
    uid: str
    case_id: int
    case_code: str
    case_label: str
    steps: list[dict[str, Any]]
    """The agenda snapshot, each step merged with its state (`done`, `notes`)."""
    created_at: dt.datetime
    updated_at: dt.datetime


class MeetingRow(SQLModel):
    """One line of the meeting list."""

    id: int
    uid: str
    case_id: int
    case_code: str
    case_label: str
    type: str
    type_label: str
    round: int
    date: dt.date
    start: str
    end: str
    place: str
    status: str
    next_meeting_date: dt.date | None


_STEP_STATE_VERSION = _version_column()


class StepState(SQLModel, table=True):
    __tablename__ = "step_state"
    __mapper_args__ = {"version_id_col": _STEP_STATE_VERSION}
    version: int = Field(default=1, sa_column=_STEP_STATE_VERSION)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", primary_key=True)
    step_id: str = Field(primary_key=True)
    done: bool = False
    notes: str = Field(default="", sa_type=Text)
    seconds: int = 0  # time the meeting spent on this step (recorded when the step is left)


_ATTENDEE_VERSION = _version_column()


class Attendee(SQLModel, table=True):
    __tablename__ = "attendee"
    __mapper_args__ = {"version_id_col": _ATTENDEE_VERSION}
    version: int = Field(default=1, sa_column=_ATTENDEE_VERSION)
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    position: int = 0
    agency_id: str | None = Field(default=None, foreign_key="agency.id")
    department: str = ""
    role: str = ""
    name: str = ""
    attendance: str = "present"
    acknowledged: bool = False


_SHARED_INFO_VERSION = _version_column()


class SharedInfo(SQLModel, table=True):
    __tablename__ = "shared_info"
    __mapper_args__ = {"version_id_col": _SHARED_INFO_VERSION}
    version: int = Field(default=1, sa_column=_SHARED_INFO_VERSION)
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    position: int = 0
    agency_id: str | None = Field(default=None, foreign_key="agency.id")
    content: str = Field(default="", sa_type=Text)


_ECOMAP_TIE_VERSION = _version_column()


class EcomapTie(SQLModel, table=True):
    __tablename__ = "ecomap_tie"
    __mapper_args__ = {"version_id_col": _ECOMAP_TIE_VERSION}
    version: int = Field(default=1, sa_column=_ECOMAP_TIE_VERSION)
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    position: int = 0
    from_node: str = "household"
    to_node: str = ""
    """An agency id, or a free label when no such agency exists (e.g. 近隣住民)."""
    strength: str = "normal"
    stressful: bool = False
    flow: str = "none"
    label: str = ""
    member: str = ""
    """The household member the tie belongs to, when it is not the household as a whole."""
    resource_id: str | None = Field(default=None, foreign_key="resource.id")  # revision 0009


_ASSESSMENT_ITEM_VERSION = _version_column()


class AssessmentItem(SQLModel, table=True):
    __tablename__ = "assessment_item"
    __mapper_args__ = {"version_id_col": _ASSESSMENT_ITEM_VERSION}
    version: int = Field(default=1, sa_column=_ASSESSMENT_ITEM_VERSION)
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    position: int = 0
    kind: str = "issue"
    text: str = Field(default="", sa_type=Text)
    priority: int = 0
    urgency: str = "medium"
    agency_id: str | None = Field(default=None, foreign_key="agency.id")  # who owns an issue


_GOAL_VERSION = _version_column()


class Goal(SQLModel, table=True):
    __tablename__ = "goal"
    __mapper_args__ = {"version_id_col": _GOAL_VERSION}
    version: int = Field(default=1, sa_column=_GOAL_VERSION)
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    position: int = 0
    term: str = "short"
    text: str = Field(default="", sa_type=Text)


_ROLE_ASSIGNMENT_VERSION = _version_column()


class RoleAssignment(SQLModel, table=True):
    __tablename__ = "role_assignment"
    __mapper_args__ = {"version_id_col": _ROLE_ASSIGNMENT_VERSION}
    version: int = Field(default=1, sa_column=_ROLE_ASSIGNMENT_VERSION)
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    """The meeting that agreed the task; the case keeps it across meetings."""
    case_id: int = Field(foreign_key="case.id", ondelete="CASCADE", index=True)
    position: int = 0
    task: str = Field(default="", sa_type=Text)
    agency_id: str | None = Field(default=None, foreign_key="agency.id")
    person: str = ""
    due_date: dt.date | None = None
    status: str = "open"
    resource_id: str | None = Field(default=None, foreign_key="resource.id")  # revision 0009


_MONITORING_ITEM_VERSION = _version_column()


class MonitoringItem(SQLModel, table=True):
    __tablename__ = "monitoring_item"
    __mapper_args__ = {"version_id_col": _MONITORING_ITEM_VERSION}
    version: int = Field(default=1, sa_column=_MONITORING_ITEM_VERSION)
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    case_id: int = Field(foreign_key="case.id", ondelete="CASCADE", index=True)
    position: int = 0
    date: dt.date | None = None
    what: str = Field(default="", sa_type=Text)
    status: str = "open"


# --- the case's life (revision 0008; case_lifecycle.py) ---------------------------------------------

_INTAKE_VERSION = _version_column()


class Intake(SQLModel, table=True):
    """A consultation a window passes on to 多機関協働 (つなぎ受付, domain.md §13.3), and its outcome."""

    __tablename__ = "intake"
    __mapper_args__ = {"version_id_col": _INTAKE_VERSION}
    version: int = Field(default=1, sa_column=_INTAKE_VERSION)
    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(unique=True)
    date: dt.date | None = Field(default=None, index=True)
    window_agency_id: str | None = Field(default=None, foreign_key="agency.id")
    route: str = "agency"
    label: str = ""
    concern: str = Field(default="", sa_type=Text)
    tags: str = Field(default="[]", sa_type=Text)  # JSON list, as the case's
    consent: str = "no"
    notes: str = Field(default="", sa_type=Text)
    recorded_by: str = ""
    outcome: str = "open"
    outcome_date: dt.date | None = None
    referred_to_id: str | None = Field(default=None, foreign_key="agency.id")
    outcome_note: str = Field(default="", sa_type=Text)
    case_id: int | None = Field(default=None, foreign_key="case.id", ondelete="SET NULL", index=True)


class CaseEvent(SQLModel, table=True):
    """One event of a case's stage history: opened, changed by hand, a meeting's decision, reopened,
    consent withdrawn. Added, never changed; the case's `status` is the stage the last one left."""

    __tablename__ = "case_event"
    __table_args__ = (UniqueConstraint("case_id", "uid", name="uq_case_event_case_uid"),)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", ondelete="CASCADE", index=True)
    uid: str
    kind: str = "transition"
    decision: str = ""
    from_stage: str = ""
    to_stage: str = "shien_kaigi"
    date: dt.date | None = None
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id", ondelete="SET NULL", index=True)
    recorded_by: str = ""
    reason: str = Field(default="", sa_type=Text)
    closure_reason: str = ""
    to_agency_id: str | None = Field(default=None, foreign_key="agency.id")


_SUPPORT_PLAN_VERSION = _version_column()


class SupportPlan(SQLModel, table=True):
    """One version of a case's 支援プラン (domain.md §13.4): a draft, approved at a 重層的支援会議
    (支援決定日), then superseded by the next approved version."""

    __tablename__ = "support_plan"
    __table_args__ = (UniqueConstraint("case_id", "number", name="uq_support_plan_case_number"),)
    __mapper_args__ = {"version_id_col": _SUPPORT_PLAN_VERSION}
    version: int = Field(default=1, sa_column=_SUPPORT_PLAN_VERSION)
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", ondelete="CASCADE", index=True)
    number: int = 1
    status: str = "draft"
    intention: str = Field(default="", sa_type=Text)
    direction: str = Field(default="", sa_type=Text)
    participation: bool = False
    outreach: bool = False
    links_note: str = Field(default="", sa_type=Text)
    approved_meeting_id: int | None = Field(default=None, foreign_key="meeting.id", ondelete="SET NULL")
    approved_date: dt.date | None = None


_PLAN_GOAL_VERSION = _version_column()


class PlanGoal(SQLModel, table=True):
    """A goal of a plan version; `uid` stays the same goal across versions."""

    __tablename__ = "plan_goal"
    __mapper_args__ = {"version_id_col": _PLAN_GOAL_VERSION}
    version: int = Field(default=1, sa_column=_PLAN_GOAL_VERSION)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="support_plan.id", ondelete="CASCADE", index=True)
    uid: str
    position: int = 0
    term: str = "short"
    text: str = Field(default="", sa_type=Text)
    agency_id: str | None = Field(default=None, foreign_key="agency.id")
    period: str = ""
    review_date: dt.date | None = None


_GOAL_EVALUATION_VERSION = _version_column()


class GoalEvaluation(SQLModel, table=True):
    """How a goal went, as a meeting judged it (達成 / 一部達成 / 未達成 / 中止)."""

    __tablename__ = "goal_evaluation"
    __table_args__ = (UniqueConstraint("goal_id", "meeting_id", name="uq_goal_evaluation_goal_meeting"),)
    __mapper_args__ = {"version_id_col": _GOAL_EVALUATION_VERSION}
    version: int = Field(default=1, sa_column=_GOAL_EVALUATION_VERSION)
    id: int | None = Field(default=None, primary_key=True)
    goal_id: int = Field(foreign_key="plan_goal.id", ondelete="CASCADE", index=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    result: str = "partial"
    note: str = Field(default="", sa_type=Text)


# --- between meetings (revision 0009; domain.md §13.5–13.7) -----------------------------------------

_RESOURCE_VERSION = _version_column()


class Resource(SQLModel, table=True):
    """A 地域資源 of the municipality's register (居場所, サロン, 子ども食堂...): a slug id like an
    agency's, kept (made inactive) rather than deleted once cases name it."""

    __tablename__ = "resource"
    __mapper_args__ = {"version_id_col": _RESOURCE_VERSION}
    version: int = Field(default=1, sa_column=_RESOURCE_VERSION)
    id: str = Field(primary_key=True)
    name: str = Field(unique=True)
    category: str = "other"
    sector: str = "cross"
    area: str = ""
    capacity: int | None = None
    contact: str = ""  # the host's window or phone
    notes: str = Field(default="", sa_type=Text)
    active: bool = True


_CONTACT_LOG_VERSION = _version_column()


class ContactLog(SQLModel, table=True):
    """One contact of a case's 支援経過 / アウトリーチ log: a visit, call, letter... whom it reached, and
    the next attempt. `meeting_id`: the meeting it was recorded from, if any."""

    __tablename__ = "contact_log"
    __mapper_args__ = {"version_id_col": _CONTACT_LOG_VERSION}
    version: int = Field(default=1, sa_column=_CONTACT_LOG_VERSION)
    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(unique=True)
    case_id: int = Field(foreign_key="case.id", ondelete="CASCADE", index=True)
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id", ondelete="SET NULL", index=True)
    date: dt.date = Field(index=True)
    agency_id: str | None = Field(default=None, foreign_key="agency.id")
    mode: str = "visit"
    whom: str = "person"
    note: str = Field(default="", sa_type=Text)
    next_date: dt.date | None = None
    recorded_by: str = ""


_RESOURCE_MATCH_VERSION = _version_column()


class ResourceMatch(SQLModel, table=True):
    """A 参加支援 match of a household member with a resource: proposed → started → settled, or ended
    with a reason; each state keeps the date it was reached."""

    __tablename__ = "resource_match"
    __mapper_args__ = {"version_id_col": _RESOURCE_MATCH_VERSION}
    version: int = Field(default=1, sa_column=_RESOURCE_MATCH_VERSION)
    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(unique=True)
    case_id: int = Field(foreign_key="case.id", ondelete="CASCADE", index=True)
    resource_id: str = Field(foreign_key="resource.id", index=True)
    member: str = ""  # a relation (本人, 長男), never a name
    state: str = "proposed"
    proposed_date: dt.date | None = None
    started_date: dt.date | None = None
    settled_date: dt.date | None = None
    ended_date: dt.date | None = None
    end_reason: str = ""
    note: str = Field(default="", sa_type=Text)


_UNMET_NEED_VERSION = _version_column()


class UnmetNeed(SQLModel, table=True):
    """A need of a meeting's household that no resource meets (地域課題), as data for `gaps`."""

    __tablename__ = "unmet_need"
    __mapper_args__ = {"version_id_col": _UNMET_NEED_VERSION}
    version: int = Field(default=1, sa_column=_UNMET_NEED_VERSION)
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    case_id: int = Field(foreign_key="case.id", ondelete="CASCADE", index=True)
    position: int = 0
    category: str = "other"
    sector: str = "cross"
    text: str = Field(default="", sa_type=Text)
    member: str = ""


# --- audit log (revision 0002) ----------------------------------------------------------------------


class AuditEntry(SQLModel, table=True):
    """One create, update, delete or export, chained to the entry before it (storage/audit.py).

    Append-only: nothing in the program updates or deletes these rows, and on PostgreSQL a trigger
    (revision 0007) refuses anyone who tries. `at` is ISO 8601 UTC text, not a
    timestamp column, so that the hashed bytes read back identically from SQLite and PostgreSQL.
    """

    __tablename__ = "audit_log"
    id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    at: str
    user: str = Field(sa_type=String)
    action: str
    table_name: str
    row_id: str
    fields: str = Field(default="[]", sa_type=Text)
    """JSON list of the names of the fields that changed (never their values: the log is not a copy)."""
    digest: str | None = None
    """SHA-256 of the row's values after the change (`audit.row_digest`), `deleted` for a deletion,
    none for an export and for entries written before revision 0007."""
    prev_hash: str
    hash: str = Field(unique=True)


def table_of(model: type[SQLModel]) -> Table:
    """The Core table of a model, typed (SQLModel declares no `__table__` for type checkers)."""
    table = inspect(model).local_table
    assert isinstance(table, Table)
    return table
