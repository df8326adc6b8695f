"""The models of a YAML v3 meeting document (version 1 and 2 files are valid too: a version 1 document
is a version 2 document without the case's life, a version 2 document is a version 3 document without
contacts, matches, unmet needs and resources), from which `docs/minutes-schema.json` is generated.

`import` validates every file against these models before anything is written, and reports every
problem at once with its field path (`roles[2].due`), which `yaml_format.load_document_lines` turns
into a line number. The database-level checks (an agency id that exists nowhere) follow in
`storage.documents`. Regenerate the committed schema with

    python -m welfare_tui.minutes.schema > docs/minutes-schema.json

(a test fails when the committed file and the models disagree). pydantic is imported with this module:
only `import` and the schema test load it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from welfare_tui.minutes.schema_between import ContactEntry, ResourceEntry, ResourceMatch, UnmetNeed
from welfare_tui.minutes.schema_life import Decision, Intake, Plan, StageEvent
from welfare_tui.minutes.schema_records import (
    AgencyId,
    CaseStatus,
    ConsentStatus,
    Date,
    Materials,
    MeetingMode,
    MeetingStatus,
    MeetingType,
    Sector,
    Text,
    Time,
    Uid,
    _ranged,
    _real_date,
    item_model,
)
from welfare_tui.records import kinds

SCHEMA_ID = "https://welfare-tui.example/minutes-schema-v3.json"


class _Model(BaseModel):
    # As schema_records._Model: declared here too, so that linters see these models are pydantic's.
    model_config = ConfigDict(extra="forbid", strict=True)


if TYPE_CHECKING:  # mypy sees the base class; the models are built from the record spec at import
    Person = BaseModel
    Attendee = BaseModel
    SharedInfo = BaseModel
    Tie = BaseModel
    AssessmentItem = BaseModel
    Role = BaseModel
    Monitoring = BaseModel
else:
    Person, Attendee, SharedInfo, Tie, AssessmentItem, Role, Monitoring = (
        item_model(kinds.ITEM_KINDS[name])
        for name in ("member", "attendee", "shared_info", "tie", "assessment", "role", "monitoring")
    )


class Agency(_Model):
    """An agency the document refers to: catalogue agencies carry their catalogue names."""

    name: Text = Field(min_length=1)
    short: Text = ""
    sector: Sector


class ConsentEvent(_Model):
    """One event of the consent history (obtained, scope changed, withdrawn) with the state after it.
    Import merges histories: an event is only ever added, so an older file cannot undo a withdrawal."""

    uid: Text | None = Field(
        default="", description="Stable id (32 hex characters); derived from the event's facts when missing."
    )
    event: Literal["obtained", "scope_changed", "withdrawn"]
    date: Date | None = None
    status: ConsentStatus = "none"
    scope: Text | None = ""
    agencies: list[AgencyId] = []
    obtained_by: Text | None = ""
    note: Text | None = ""

    _date = field_validator("date")(_real_date)


class Consent(_Model):
    """The consent now (where the history arrives); `history` is the record, `agencies` the agencies
    within the scope (handouts of a 重層的支援会議 go only to them)."""

    status: ConsentStatus = "none"
    date: Date | None = None
    scope: Text | None = ""
    agencies: list[AgencyId] = []
    obtained_by: Text | None = ""
    history: list[ConsentEvent] = []

    _date = field_validator("date")(_real_date)


class Case(_Model):
    code: Text = Field(min_length=1, description="Stable id of the case, unique per database.")
    label: Text = Field(min_length=1, description="The name used on shared charts, e.g. A氏世帯.")
    summary: Text | None = ""
    tags: list[Text | int] = []
    referral_route: Text | None = ""
    status: CaseStatus = "shien_kaigi"
    consent: Consent = Consent()
    lead_agency: AgencyId | None = None
    key_person: Text | None = ""
    address: Text | None = Field(default="", description="The household's address (masked by --mask).")
    phone: Text | None = Field(default="", description="The household's phone number (masked by --mask).")
    household: list[Person] = []
    intakes: list[Intake] | None = Field(
        default=None, description="The intakes (つなぎ受付) that led to the case."
    )
    stages: list[StageEvent] | None = Field(
        default=None, description="The stage history, oldest first; events are only ever added."
    )
    plan: list[Plan] | None = Field(default=None, description="The support plan's versions, by number.")
    contacts: list[ContactEntry] | None = Field(
        default=None,
        description="The contact log (支援経過 / アウトリーチ), oldest first; never deleted by import.",
    )
    matches: list[ResourceMatch] | None = Field(
        default=None, description="The 参加支援 matches of the household's members with resources."
    )


class Confidentiality(_Model):
    confirmed_at: Time | None = ""
    statement_version: Text | None = ""
    materials: Materials | Literal[""] | None = ""


class Meeting(_Model):
    uid: Uid | None = Field(
        default="",
        description="Stable id: 32 lower-case hex characters (uuid4 hex, as exports write it); "
        "derived from the case code, date and round when missing, so re-importing a "
        "hand-written file never duplicates the meeting.",
    )
    type: MeetingType
    type_label: Text | None = None
    legal_basis: Text | None = None
    agenda: Text | None = ""
    round: int = _ranged("round", default=1)
    date: Date
    start: Time | None = ""
    end: Time | None = ""
    place: Text | None = ""
    mode: MeetingMode = "in_person"
    chair: Text | None = ""
    recorder: Text | None = ""
    purpose: Text | None = ""
    status: MeetingStatus = "planned"
    current_step: Text | None = ""
    confidentiality: Confidentiality = Confidentiality()
    incomplete_reason: Text | None = Field(
        default="",
        description="Why the minutes were finalised although "
        "the closing check still listed something missing.",
    )
    decision: Decision | None = None

    _date = field_validator("date")(_real_date)


class Step(_Model):
    id: Text = Field(min_length=1)
    kind: Text | None = ""
    title: Text | None = ""
    title_en: Text | None = ""
    minutes: int = _ranged("minutes", default=0)
    required: bool = False
    done: bool = False
    notes: Text | None = ""
    seconds: int = _ranged(
        "seconds", default=0, description="Time the meeting spent on the step, in seconds."
    )
    guide: list[Text] | Text | None = None
    guide_en: list[Text] | Text | None = None


class Ecomap(_Model):
    ties: list[Tie] = []
    previous: dict[str, Any] | None = Field(
        default=None,
        description="Derived on export (the case's previous meeting and its ties); ignored on import.",
    )


class Goals(_Model):
    long: list[Text] = []
    short: list[Text] = []


class NextMeeting(_Model):
    date: Date | None = None
    time: Time | None = ""
    place: Text | None = ""
    note: Text | None = ""

    _date = field_validator("date")(_real_date)


class MinutesDocument(_Model):
    """One meeting with its case: format `welfare-tui-minutes`, version 3 (1 and 2 are read too;
    docs/minutes-yaml.md)."""

    model_config = ConfigDict(extra="forbid", strict=True, title="welfare-tui minutes, YAML v3")

    format: Literal["welfare-tui-minutes"]
    version: Literal[1, 2, 3]
    agencies: dict[str, Agency] = {}
    resources: dict[str, ResourceEntry] = Field(
        default={}, description="Every resource the document names, by id (as `agencies`)."
    )
    case: Case
    meeting: Meeting
    steps: list[Step] = []
    review: dict[str, Any] | None = Field(
        default=None,
        description="Derived on export (the previous "
        "meeting's role assignments and monitoring with their outcome "
        "now); ignored on import.",
    )
    attendees: list[Attendee] = []
    shared_info: list[SharedInfo] = []
    ecomap: Ecomap = Ecomap()
    assessment: list[AssessmentItem] = []
    needs: list[UnmetNeed] = Field(
        default=[], description="Unmet needs (地域課題): what no resource meets, one row each."
    )
    policy: Text | None = ""
    goals: Goals = Goals()
    roles: list[Role] = []
    monitoring: list[Monitoring] = []
    resource_gaps: Text | None = ""
    decisions: Text | None = ""
    remaining_issues: Text | None = ""
    next_meeting: NextMeeting = NextMeeting()


def json_schema() -> dict[str, Any]:
    schema = MinutesDocument.model_json_schema(by_alias=True)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def schema_text() -> str:
    """The committed `docs/minutes-schema.json`, byte for byte."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def problems(doc: Any) -> list[tuple[str, str]]:
    """Every problem of `doc` as (field path, message), e.g. ("roles[2].due", "...")."""
    if not isinstance(doc, dict):
        from welfare_tui.i18n import t

        return [("", t("schema.top_not_mapping"))]
    try:
        MinutesDocument.model_validate(doc)
    except ValidationError as error:
        found = []
        for item in error.errors(include_url=False):
            path = field_path(item["loc"])
            found.append((path, _message(dict(item))))
        return found
    return []


def field_path(loc: tuple[Any, ...]) -> str:
    """("roles", 2, "due") → "roles[2].due"; pydantic's union branch names are dropped."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif isinstance(part, str) and (
            part.startswith(("str", "int", "list[", "dict[", "literal[", "function"))
            or part in ("constrained-str", "bool", "none")
        ):
            continue
        else:
            text += f".{part}" if text else str(part)
    return text


def _message(item: dict[str, Any]) -> str:
    """pydantic's report of one problem in our messages' words (its own text for an unusual type)."""
    from welfare_tui.i18n import all_messages, t

    kind = str(item.get("type"))
    context = item.get("ctx") or {}
    if kind in ("extra_forbidden", "missing"):
        return t(f"schema.{kind}")
    if kind == "string_pattern_mismatch" and context.get("pattern") in _PATTERN_KEYS:
        message = t(_PATTERN_KEYS[context["pattern"]])
    elif kind == "value_error":  # the only validator: _real_date
        message = t("schema.bad_date")
    elif f"schema.{kind}" in all_messages():
        values = {name: value for name, value in context.items() if isinstance(value, str | int)}
        if kind == "literal_error":  # "'a', 'b' or 'c'": the choices listed without an English word
            values["choices"] = str(values.get("expected", "")).replace("' or '", "', '")
        message = t(f"schema.{kind}", **values)
    else:
        message = str(item.get("msg") or t("schema.invalid"))
    value = item.get("input")
    if isinstance(value, str | int | float | bool):
        return t("schema.found", message=message, value=repr(value))
    return message


# The patterns of Date, Time and Uid above → what a user is told they should have written.
_PATTERN_KEYS = {
    r"^\d{4}-\d{2}-\d{2}$": "schema.bad_date",
    r"^(?:(?:[01]\d|2[0-3]):[0-5]\d)?$": "schema.bad_time",
    r"^(?:[0-9a-f]{32})?$": "schema.bad_uid",
}

if __name__ == "__main__":
    import sys

    sys.stdout.write(schema_text())
