"""Checking the case's life in a meeting document (version 2: `case.intakes`, `case.stages`,
`case.plan`, `meeting.decision`), each value by its field of the record spec (records/kinds.py
LIFECYCLE_KINDS), errors naming the field path; and the rule of case_lifecycle.py that only a
重層的支援会議 records 支援決定, 終結 or a plan's approval, for every meeting the document names.

A part the document leaves out (every version 1 file) is None: nothing of it is written.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from typing import Any

from sqlmodel import Session, col, select

from welfare_tui import case_lifecycle, domain
from welfare_tui.errors import InvalidInput
from welfare_tui.records import values as v
from welfare_tui.records.kinds import LIFECYCLE_KINDS
from welfare_tui.storage.document_check import RowChecks, check_rows, row_checks
from welfare_tui.storage.document_shape import DECISION_KEYS, UID_NAMESPACE, mapping, sequence
from welfare_tui.storage.models import Meeting

AgencyRef = Callable[[str, Any], "str | None"]
_UID = re.compile(r"[0-9a-f]{32}")


def _checks(kind: str, path: str, *extra: str) -> RowChecks:
    checks = row_checks(LIFECYCLE_KINDS[kind])
    return checks._replace(path=path, keys=checks.keys | set(extra))


_INTAKES = _checks("intake", "case.intakes", "uid", "tags")
_STAGES = _checks("stage_event", "case.stages", "uid", "meeting")
_PLANS = _checks("plan", "case.plan", "approved_meeting", "goals")


def check_life(
    case_doc: dict[str, Any], meeting_doc: dict[str, Any], code: str, agency_ref: AgencyRef
) -> dict[str, Any]:
    """The case's life as column values (None for a part left out) and the meeting's decision."""
    return {
        "intakes": _intakes(case_doc.get("intakes"), code, agency_ref) if "intakes" in case_doc else None,
        "stages": _stages(case_doc.get("stages"), code, agency_ref) if "stages" in case_doc else None,
        "plans": _plans(case_doc.get("plan"), code, agency_ref) if "plan" in case_doc else None,
        "decision": _decision(meeting_doc.get("decision"), agency_ref),
    }


def row_uid(path: str, value: Any, *derived_from: Any) -> str:
    """A row's stable id: as written, or derived from what identifies it (a hand-written file)."""
    uid = v.text(path, value).strip()
    if not uid:
        return uuid.uuid5(UID_NAMESPACE, "/".join(str(part) for part in derived_from)).hex
    if not _UID.fullmatch(uid):
        from welfare_tui.i18n import t

        raise InvalidInput(f"{path}: {t('schema.bad_uid')}")
    return uid


def meeting_uid(path: str, value: Any) -> str | None:
    uid = v.text(path, value).strip() if value is not None else ""
    if uid and not _UID.fullmatch(uid):
        from welfare_tui.i18n import t

        raise InvalidInput(f"{path}: {t('schema.bad_uid')}")
    return uid or None


def _intakes(value: Any, code: str, agency_ref: AgencyRef) -> list[dict[str, Any]]:
    raws = sequence("case.intakes", value)
    rows = check_rows(_INTAKES, raws, agency_ref)
    for index, (row, raw) in enumerate(zip(rows, raws)):
        where = f"case.intakes[{index}]"
        row["uid"] = row_uid(
            f"{where}.uid", raw.get("uid"), code, "intake", row.get("date"), row.get("label")
        )
        row["tags"] = json.dumps(v.tag_list(f"{where}.tags", raw.get("tags")), ensure_ascii=False)
    return rows


def _stages(value: Any, code: str, agency_ref: AgencyRef) -> list[dict[str, Any]]:
    raws = sequence("case.stages", value)
    rows = check_rows(_STAGES, raws, agency_ref)
    for index, (row, raw) in enumerate(zip(rows, raws)):
        where = f"case.stages[{index}]"
        row["uid"] = row_uid(f"{where}.uid", raw.get("uid"), code, "stage", index, row.get("to_stage"))
        row["meeting_uid"] = meeting_uid(f"{where}.meeting", raw.get("meeting"))
        row["decision"] = v.choice(
            f"{where}.decision", row.get("decision", ""), domain.CASE_DECISION, allow_empty=True
        )
        row["from_stage"] = v.choice(
            f"{where}.from", row.get("from_stage", ""), domain.CASE_STATUS, allow_empty=True
        )
        if row.get("kind", "transition") == "decision" and not row["decision"]:
            raise InvalidInput(f"{where}.decision: {_missing()}")
    return rows


def _missing() -> str:
    from welfare_tui.i18n import t

    return t("schema.missing")


def _plans(value: Any, code: str, agency_ref: AgencyRef) -> list[dict[str, Any]]:
    raws = sequence("case.plan", value)
    plans = check_rows(_PLANS, raws, agency_ref)
    numbers: set[int] = set()
    for index, (plan, raw) in enumerate(zip(plans, raws)):
        where = f"case.plan[{index}]"
        plan.setdefault("number", index + 1)
        if plan["number"] in numbers:
            from welfare_tui.i18n import t

            raise InvalidInput(f"{where}.number: {t('storage.doc.plan_number_twice', number=plan['number'])}")
        numbers.add(plan["number"])
        plan["approved_meeting_uid"] = meeting_uid(f"{where}.approved_meeting", raw.get("approved_meeting"))
        goal_checks = _checks("plan_goal", f"{where}.goals", "uid", "evaluations")
        goal_raws = sequence(f"{where}.goals", raw.get("goals"))
        plan["goals"] = check_rows(goal_checks, goal_raws, agency_ref)
        for place, (goal, goal_raw) in enumerate(zip(plan["goals"], goal_raws)):
            at = f"{where}.goals[{place}]"
            goal["uid"] = row_uid(f"{at}.uid", goal_raw.get("uid"), code, "goal", plan["number"], place)
            goal["evaluations"] = _evaluations(at, goal_raw.get("evaluations"), agency_ref)
    return plans


def _evaluations(at: str, value: Any, agency_ref: AgencyRef) -> list[dict[str, Any]]:
    checks = _checks("goal_evaluation", f"{at}.evaluations", "meeting", "date")  # date: derived, ignored
    raws = sequence(f"{at}.evaluations", value)
    rows = check_rows(checks, raws, agency_ref)
    for index, (row, raw) in enumerate(zip(rows, raws)):
        uid = meeting_uid(f"{at}.evaluations[{index}].meeting", raw.get("meeting"))
        if uid is None:
            raise InvalidInput(f"{at}.evaluations[{index}].meeting: {_missing()}")
        row["meeting_uid"] = uid
    return rows


def _decision(value: Any, agency_ref: AgencyRef) -> dict[str, Any] | None:
    if value is None:
        return None
    raw = mapping("meeting.decision", value)
    v.unknown_keys("meeting.decision", raw, DECISION_KEYS)
    return {
        "decision": v.choice("meeting.decision.decision", raw.get("decision"), domain.CASE_DECISION),
        "reason": v.text("meeting.decision.reason", raw.get("reason")),
        "closure_reason": v.text("meeting.decision.closure_reason", raw.get("closure_reason")),
        "to_agency": agency_ref("meeting.decision.to_agency", raw.get("to_agency")),
    }


def check_life_rules(session: Session, life: dict[str, Any], meeting: dict[str, Any]) -> None:
    """Only a 重層的支援会議 records 支援決定, 終結 or a plan's approval (case_lifecycle.decisions_for,
    may_approve_plan): checked for this document's meeting and for every meeting of this database the
    case's life names. A meeting known nowhere yet is checked when its own document is imported."""
    named = {e["meeting_uid"] for e in life["stages"] or []} | {
        p["approved_meeting_uid"] for p in life["plans"] or []
    }
    named.discard(None)
    named.discard(meeting["uid"])
    types = {meeting["uid"]: meeting["type"]}
    if named:
        types |= dict(
            session.exec(select(Meeting.uid, Meeting.type).where(col(Meeting.uid).in_(named))).all()
        )
    decision = life["decision"]
    if decision is not None:
        _refuse_decision("meeting.decision.decision", decision["decision"], meeting["type"])
    for index, event in enumerate(life["stages"] or []):
        if event.get("kind") == "decision" and event["meeting_uid"] in types:
            _refuse_decision(f"case.stages[{index}].decision", event["decision"], types[event["meeting_uid"]])
    for index, plan in enumerate(life["plans"] or []):
        uid = plan["approved_meeting_uid"]
        if uid in types:
            refusal = case_lifecycle.plan_approval_refusal(types[uid])
            if refusal:
                raise InvalidInput(f"case.plan[{index}].approved_meeting: {refusal}")


def _refuse_decision(path: str, decision: str, meeting_type: str) -> None:
    refusal = case_lifecycle.type_refusal(meeting_type, decision)
    if refusal:
        raise InvalidInput(f"{path}: {refusal}")
