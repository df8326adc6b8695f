"""Consent gate, withdrawal, and the confidentiality confirmation that finalising minutes requires."""

from __future__ import annotations

import datetime as dt

import pytest

from welfare_tui.agendas import get_agenda
from welfare_tui.errors import RuleRefused
from welfare_tui.storage import repo
from welfare_tui.storage.models import Meeting
from welfare_tui.storage.rules import confidentiality_problems


def test_juso_needs_consent_and_withdrawal_moves_the_case_back(session):
    case = repo.create_case(session, label="田中世帯", status="planning")
    with pytest.raises(RuleRefused, match="本人同意がありません"):
        repo.create_meeting(
            session, case_id=case.id, agenda=get_agenda("juso_shien_kaigi"), date="2026-11-20"
        )
    repo.create_meeting(session, case_id=case.id, agenda=get_agenda("shien_kaigi"), date="2026-11-20")
    case = repo.update_case(
        session,
        case_id=case.id,
        consent_status="written",
        consent_date="2026-11-25",
        consent_scope="包括・自立相談・社協での情報共有",
        consent_obtained_by="自立相談 高橋",
    )
    repo.create_meeting(session, case_id=case.id, agenda=get_agenda("juso_shien_kaigi"), date="2026-12-01")

    withdrawn = repo.withdraw_consent(
        session, case_id=case.id, date=dt.date(2026, 12, 10), note="本人から電話で撤回の申し出（高橋が受付）"
    )
    assert (withdrawn.consent_status, withdrawn.status) == ("none", "shien_kaigi")
    assert withdrawn.consent_withdrawn_date == dt.date(2026, 12, 10)
    assert withdrawn.consent_scope == "包括・自立相談・社協での情報共有"  # what was withdrawn stays on record
    with pytest.raises(RuleRefused, match="本人同意がありません"):
        repo.create_meeting(
            session, case_id=case.id, agenda=get_agenda("juso_shien_kaigi"), date="2026-12-20"
        )
    with pytest.raises(RuleRefused, match="撤回できる本人同意がありません"):
        repo.withdraw_consent(session, case_id=case.id, date="2026-12-11")


def test_minutes_cannot_be_finalised_without_the_confidentiality_confirmation(engine):
    from welfare_tui.storage.engine import session_scope

    with session_scope(engine) as session:
        case = repo.create_case(session, label="鈴木世帯")
        meeting = repo.create_meeting(
            session, case_id=case.id, agenda=get_agenda("shien_kaigi"), date="2026-11-20"
        )
        attendee = repo.add_item(
            session,
            kind="attendee",
            parent_id=meeting.id,
            values={"agency_id": "houkatsu", "name": "山﨑 明美"},
        )
        repo.add_item(
            session,
            kind="attendee",
            parent_id=meeting.id,
            values={"agency_id": "minsei_iin", "name": "鈴木 一郎", "attendance": "absent"},
        )
    with pytest.raises(RuleRefused, match="守秘義務の確認"), session_scope(engine) as session:
        repo.update_meeting(session, meeting_id=meeting.id, status="finished")
    with session_scope(engine) as session:
        assert repo.get_meeting(session, meeting_id=meeting.id).status == "planned"
        repo.update_meeting(
            session,
            meeting_id=meeting.id,
            confidentiality_confirmed_at="14:03",
            statement_version="106-6-5_v1",
        )
        assert confidentiality_problems(session, session.get(Meeting, meeting.id)) == [
            "守秘義務の確認をしていない出席者がいます: 山﨑 明美"
        ]
        repo.update_item(session, kind="attendee", item_id=attendee["id"], values={"acknowledged": True})
        assert confidentiality_problems(session, session.get(Meeting, meeting.id)) == []
    # Completeness may be waived by recording why (tests/test_finalisation.py); confidentiality never.
    with session_scope(engine) as session:
        repo.update_meeting(
            session, meeting_id=meeting.id, incomplete_reason="緊急の招集のため、議事を絞って開催した"
        )
        assert repo.update_meeting(session, meeting_id=meeting.id, status="finished").status == "finished"
