"""Closing properly: the minutes are final only when complete, or when the facilitator records why not;
never without the confidentiality confirmation."""

from __future__ import annotations

import pytest

from welfare_tui.agendas import get_agenda
from welfare_tui.errors import RuleRefused
from welfare_tui.storage import repo
from welfare_tui.storage.engine import session_scope
from welfare_tui.storage.rules import finalisation_problems


def confirmed_meeting(session):
    case = repo.create_case(session, label="佐藤世帯", tags=["ごみ屋敷"])
    meeting = repo.create_meeting(
        session, case_id=case.id, agenda=get_agenda("shien_kaigi"), date="2026-11-20"
    )
    repo.update_meeting(
        session, meeting_id=meeting.id, confidentiality_confirmed_at="10:03", statement_version="106-6-5_v1"
    )
    return meeting


def test_missing_pieces_are_listed_in_words(engine):
    with session_scope(engine) as session:
        meeting = confirmed_meeting(session)
        repo.add_item(
            session,
            kind="assessment",
            parent_id=meeting.id,
            values={"kind": "issue", "text": "室内のごみによる火災の危険", "priority": 1},
        )
        repo.add_item(session, kind="role", parent_id=meeting.id, values={"task": "清掃業者の見積り"})
        problems = finalisation_problems(session, meeting_id=meeting.id)
    assert "必須の議事「開会・趣旨説明」が完了していない" in problems
    assert "必須の議事「閉会」が完了していない" not in problems  # the step being closed
    assert "課題「室内のごみによる火災の危険」の担当機関が決まっていない" in problems
    assert "役割「清掃業者の見積り」の担当機関が決まっていない" in problems
    assert "役割「清掃業者の見積り」に期限がない" in problems
    assert "モニタリングの時期が決まっていない" in problems
    assert "次回会議の日程（または随時開催）が決まっていない" in problems


def test_finalising_with_an_unowned_issue_is_refused_with_the_list(engine):
    with session_scope(engine) as session:
        meeting = confirmed_meeting(session)
        for step in repo.get_meeting(session, meeting_id=meeting.id).steps:
            repo.set_step_state(session, meeting_id=meeting.id, step_id=step["id"], done=True)
        issue = repo.add_item(
            session,
            kind="assessment",
            parent_id=meeting.id,
            values={"kind": "issue", "text": "近隣との関係悪化", "priority": 1},
        )
        repo.add_item(
            session,
            kind="role",
            parent_id=meeting.id,
            values={"task": "自治会長との面談", "agency_id": "shakyo", "due_date": "2026-12-01"},
        )
        repo.add_item(
            session,
            kind="monitoring",
            parent_id=meeting.id,
            values={"date": "2026-12-15", "what": "面談の結果"},
        )
        repo.update_meeting(session, meeting_id=meeting.id, next_meeting_note="随時開催")
    with pytest.raises(RuleRefused) as refused, session_scope(engine) as session:
        repo.update_meeting(session, meeting_id=meeting.id, status="finished")
    assert str(refused.value) == "会議録を確定できません: 課題「近隣との関係悪化」の担当機関が決まっていない"
    with session_scope(engine) as session:
        assert repo.get_meeting(session, meeting_id=meeting.id).status != "finished"
        repo.update_item(session, kind="assessment", item_id=issue["id"], values={"agency_id": "minsei_iin"})
        assert finalisation_problems(session, meeting_id=meeting.id) == []
        assert repo.update_meeting(session, meeting_id=meeting.id, status="finished").status == "finished"


def test_a_recorded_reason_allows_incomplete_minutes_but_not_unconfirmed_ones(engine):
    with session_scope(engine) as session:
        case = repo.create_case(session, label="田中世帯")
        meeting = repo.create_meeting(
            session, case_id=case.id, agenda=get_agenda("shien_kaigi"), date="2026-11-20"
        )
    with pytest.raises(RuleRefused, match="守秘義務"), session_scope(engine) as session:
        repo.update_meeting(
            session,
            meeting_id=meeting.id,
            status="finished",
            incomplete_reason="本人の急な入院のため途中で終了した",
        )
    with session_scope(engine) as session:
        confirmed = confirmed_meeting(session)
        finished = repo.update_meeting(
            session,
            meeting_id=confirmed.id,
            status="finished",
            incomplete_reason="本人の急な入院のため途中で終了した",
        )
        assert finished.status == "finished" and finished.incomplete_reason.startswith("本人の急な入院")
