"""The case's life in the database, on both backends: intakes, the stage history kept in step with the
case's stage, decisions checked by the rule module, consent withdrawal, reopening, support plans."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from welfare_tui.agendas import get_agenda
from welfare_tui.errors import InvalidInput, NotFound, RuleRefused
from welfare_tui.storage import repo
from welfare_tui.storage.models import AuditEntry


def consented_case(session, **more):
    case = repo.create_case(session, label="𠮷田世帯", **more)
    return repo.update_case(
        session,
        case_id=case.id,
        consent_status="written",
        consent_date="2026-10-01",
        consent_scope="包括・自立相談での情報共有",
        consent_obtained_by="自立相談 髙﨑",
    )


def meeting(session, case_id, kind="juso_shien_kaigi", date="2026-10-15"):
    return repo.create_meeting(session, case_id=case_id, agenda=get_agenda(kind), date=date)


def stages(session, case_id):
    return [
        (e["kind"], e["decision"], e["from_stage"], e["to_stage"])
        for e in repo.stage_history(session, case_id=case_id)
    ]


def test_an_intake_is_accepted_as_a_case_prefilled_and_linked(session):
    intake = repo.add_intake(
        session,
        date="2026-09-20",
        window_agency="houkatsu",
        route="agency",
        label="山﨑世帯",
        concern="80代の母と50代の長男。長男がひきこもり、母の介護負担が大きい",
        tags=["8050", "ひきこもり"],
        consent="yes",
        notes="包括の訪問で把握",
        recorded_by="多機関 髙﨑",
    )
    assert (intake["outcome"], intake["case_id"], intake["recorded_by"]) == ("open", None, "多機関 髙﨑")
    accepted = repo.accept_intake(session, intake_id=intake["id"], code="C-2026-050", date="2026-09-25")
    assert (accepted["outcome"], accepted["outcome_date"], accepted["case_code"]) == (
        "accepted",
        "2026-09-25",
        "C-2026-050",
    )
    case = repo.get_case_by_code(session, code="C-2026-050")
    assert (case.label, case.status, case.lead_agency_id, case.tags) == (
        "山﨑世帯",
        "intake",
        "houkatsu",
        ["8050", "ひきこもり"],
    )
    assert case.summary.startswith("80代の母")
    assert case.referral_route == "関係機関"
    assert stages(session, case.id) == [("opened", "", "", "intake")]
    with pytest.raises(RuleRefused, match="対応済み"):
        repo.refer_intake(session, intake_id=intake["id"], to_agency="shakyo")


def test_intakes_referred_closed_and_listed_open_first(session):
    old = repo.add_intake(session, date="2026-08-01", label="A氏", route="self_family")
    referred = repo.add_intake(session, date="2026-08-02", label="B氏", route="resident")
    latest = repo.add_intake(session, date="2026-08-03", label="C氏", route="outreach")
    repo.refer_intake(
        session, intake_id=referred["id"], to_agency="houkatsu", date="2026-08-04", note="介護保険の相談"
    )
    with pytest.raises(InvalidInput, match="--note"):
        repo.close_intake(session, intake_id=old["id"], note=" ")
    closed = repo.close_intake(session, intake_id=old["id"], note="制度の説明のみで終了")
    assert closed["outcome"] == "closed" and closed["outcome_note"] == "制度の説明のみで終了"
    listed = repo.list_intakes(session)
    assert [i["label"] for i in listed] == ["C氏", "B氏", "A氏"]
    assert [i["id"] for i in repo.list_intakes(session, open_only=True)] == [latest["id"]]
    assert repo.get_intake(session, intake_id=referred["id"])["referred_to_id"] == "houkatsu"
    with pytest.raises(NotFound, match="つなぎ受付 999"):
        repo.get_intake(session, intake_id=999)
    with pytest.raises(InvalidInput, match="route"):
        repo.add_intake(session, label="D氏", route="telepathy")
    with pytest.raises(InvalidInput, match="window"):
        repo.add_intake(session, label="D氏", window_agency="nowhere")


def test_a_plenary_meeting_decides_and_the_stage_follows(session):
    case = consented_case(session)
    assert case.status == "planning"  # consent obtained moves the case on (domain.md §9.1)
    juso = meeting(session, case.id)
    event = repo.record_decision(session, meeting_id=juso.id, decision="approve", reason="プランを承認")
    assert (event["to_stage"], event["meeting_id"], event["date"], event["meeting_uid"]) == (
        "decided",
        juso.id,
        "2026-10-15",
        juso.uid,
    )
    assert repo.get_case(session, case_id=case.id).status == "decided"
    later = meeting(session, case.id, date="2026-12-15")
    repo.record_decision(session, meeting_id=later.id, decision="continue")
    assert stages(session, case.id) == [
        ("opened", "", "", "shien_kaigi"),
        ("consent", "", "shien_kaigi", "planning"),
        ("decision", "approve", "planning", "decided"),
        ("decision", "continue", "decided", "support"),
    ]
    assert [d["decision"] for d in repo.meeting_decisions(session, meeting_id=later.id)] == ["continue"]


@pytest.mark.parametrize("decision", ["approve", "close", "hand_over", "plan_review"])
def test_a_support_meeting_may_not_decide_support_or_its_end(session, decision):
    case = consented_case(session)
    shien = meeting(session, case.id, kind="shien_kaigi")
    with pytest.raises(RuleRefused, match="重層的支援会議でのみ"):
        repo.record_decision(
            session,
            meeting_id=shien.id,
            decision=decision,
            closure_reason="goal_achieved",
            to_agency="houkatsu",
        )
    assert repo.get_case(session, case_id=case.id).status == "planning"
    assert repo.record_decision(session, meeting_id=shien.id, decision="suspend", reason="連絡途絶")[
        "to_stage"
    ] == ("suspended")


def test_closing_marks_the_open_roles_and_records_the_reason(session):
    case = consented_case(session)
    juso = meeting(session, case.id)
    first = repo.add_item(
        session, kind="role", parent_id=juso.id, values={"task": "訪問", "agency_id": "houkatsu"}
    )
    second = repo.add_item(session, kind="role", parent_id=juso.id, values={"task": "家計相談"})
    done = repo.add_item(
        session, kind="role", parent_id=juso.id, values={"task": "受診同行", "status": "done"}
    )
    assert [r["id"] for r in repo.open_roles(session, case_id=case.id)] == [first["id"], second["id"]]
    with pytest.raises(RuleRefused, match="未了の役割ではありません"):
        repo.record_decision(
            session, meeting_id=juso.id, decision="close", closure_reason="moved", roles={done["id"]: "done"}
        )
    with pytest.raises(RuleRefused, match="完了"):
        repo.record_decision(
            session, meeting_id=juso.id, decision="close", closure_reason="moved", roles={first["id"]: "open"}
        )
    assert repo.get_case(session, case_id=case.id).status == "planning"  # nothing changed
    event = repo.record_decision(
        session,
        meeting_id=juso.id,
        decision="close",
        closure_reason="moved",
        reason="県外へ転出",
        roles={first["id"]: "done", second["id"]: "dropped"},
    )
    assert (event["to_stage"], event["closure_reason"], event["reason"]) == ("closed", "moved", "県外へ転出")
    assert repo.open_roles(session, case_id=case.id) == []
    with pytest.raises(RuleRefused, match="再開"):
        repo.record_decision(session, meeting_id=juso.id, decision="continue")
    repo.reopen_case(session, case_id=case.id, reason="再度の相談")
    with pytest.raises(RuleRefused, match="設定にありません"):
        repo.record_decision(session, meeting_id=juso.id, decision="close", closure_reason="施設入所")
    assert (
        repo.record_decision(
            session,
            meeting_id=juso.id,
            decision="close",
            closure_reason="施設入所",
            closure_reasons=["施設入所"],
        )["closure_reason"]
        == "施設入所"
    )


def test_hand_over_keeps_support_going_with_the_lead_agency(session):
    case = consented_case(session)
    juso = meeting(session, case.id)
    with pytest.raises(RuleRefused, match="引継ぎ先"):
        repo.record_decision(session, meeting_id=juso.id, decision="close", closure_reason="handover")
    event = repo.record_decision(
        session, meeting_id=juso.id, decision="close", closure_reason="handover", to_agency="houkatsu"
    )
    assert (event["to_stage"], event["to_agency_id"]) == ("handed_over", "houkatsu")
    assert repo.get_case(session, case_id=case.id).lead_agency_id == "houkatsu"


def test_consent_withdrawal_returns_the_case_with_an_event_and_reopening_resumes(session):
    case = consented_case(session)
    juso = meeting(session, case.id)
    repo.record_decision(session, meeting_id=juso.id, decision="approve")
    repo.withdraw_consent(session, case_id=case.id, date="2026-11-01", note="電話で撤回")
    assert repo.get_case(session, case_id=case.id).status == "shien_kaigi"
    assert stages(session, case.id)[-1] == ("withdrawal", "", "decided", "shien_kaigi")
    shien = meeting(session, case.id, kind="shien_kaigi", date="2026-11-10")
    repo.record_decision(session, meeting_id=shien.id, decision="suspend")
    with pytest.raises(RuleRefused, match="先に再開"):
        repo.record_transition(session, case_id=case.id, to_stage="planning")
    event = repo.reopen_case(session, case_id=case.id, date="2026-12-01", reason="本人から連絡")
    assert (event["kind"], event["from_stage"], event["to_stage"]) == ("reopen", "suspended", "shien_kaigi")
    with pytest.raises(RuleRefused, match="再開できるのは"):
        repo.reopen_case(session, case_id=case.id)


def test_a_stage_set_on_the_case_is_a_checked_transition(session):
    case = repo.create_case(session, label="髙橋世帯", status="intake")
    updated = repo.update_case(session, case_id=case.id, status="shien_kaigi")
    assert updated.status == "shien_kaigi"
    assert stages(session, case.id)[-1] == ("transition", "", "intake", "shien_kaigi")
    with pytest.raises(RuleRefused, match="決定でのみ"):
        repo.update_case(session, case_id=case.id, status="closed")
    with pytest.raises(RuleRefused, match="同意"):
        repo.update_case(session, case_id=case.id, status="planning")
    # consent and the stage in one save: the stage sees the consent
    updated = repo.update_case(
        session, case_id=case.id, consent_status="oral", consent_date="2026-10-01", status="planning"
    )
    assert updated.status == "planning"


def test_consent_obtained_moves_the_case_to_assessment_and_plan(session):
    case = repo.create_case(session, label="髙橋世帯", status="intake", consent_status="written")
    assert case.status == "intake"  # a new case is at the stage it is created at
    other = repo.create_case(session, label="山﨑世帯")
    moved = repo.update_case(session, case_id=other.id, consent_status="written", consent_date="2026-10-01")
    assert moved.status == "planning"
    assert stages(session, other.id)[-1] == ("consent", "", "shien_kaigi", "planning")
    assert repo.stage_history(session, case_id=other.id)[-1]["date"] == "2026-10-01"
    supported = repo.create_case(session, label="𠮷田世帯", status="support")
    repo.update_case(session, case_id=supported.id, consent_status="oral")
    assert repo.get_case(session, case_id=supported.id).status == "support"


def test_the_support_plan_across_meetings(session):
    case = consented_case(session)
    assert repo.current_plan(session, case_id=case.id) is None
    draft = repo.start_plan_draft(session, case_id=case.id)
    assert (draft["number"], draft["status"], draft["goals"]) == (1, "draft", [])
    assert repo.start_plan_draft(session, case_id=case.id)["id"] == draft["id"]  # one draft at a time
    repo.update_plan(
        session,
        plan_id=draft["id"],
        intention="母は自宅で暮らし続けたい",
        direction="長男の社会参加",
        outreach=True,
    )
    goal = repo.add_plan_goal(
        session,
        plan_id=draft["id"],
        values={
            "term": "long",
            "text": "長男が週1回外出できる",
            "agency_id": "houkatsu",
            "period": "1年",
            "review_date": "2026-12-01",
        },
    )
    with pytest.raises(InvalidInput, match="目標の内容"):
        repo.add_plan_goal(session, plan_id=draft["id"], values={"term": "short"})
    shien = meeting(session, case.id, kind="shien_kaigi")
    with pytest.raises(RuleRefused, match="重層的支援会議でのみ"):
        repo.approve_plan(session, plan_id=draft["id"], meeting_id=shien.id)
    juso = meeting(session, case.id, date="2026-10-20")
    other = consented_case(session)
    with pytest.raises(RuleRefused, match="この会議のケースのものではありません"):
        repo.approve_plan(session, plan_id=draft["id"], meeting_id=meeting(session, other.id).id)
    approved = repo.approve_plan(session, plan_id=draft["id"], meeting_id=juso.id)
    assert (approved["status"], approved["approved_date"], approved["approved_meeting_uid"]) == (
        "approved",
        "2026-10-20",
        juso.uid,
    )
    with pytest.raises(RuleRefused, match="案だけ"):
        repo.update_plan(session, plan_id=draft["id"], direction="変更")
    evaluation_meeting = meeting(session, case.id, date="2026-12-10")
    repo.evaluate_goal(
        session, goal_id=goal["id"], meeting_id=evaluation_meeting.id, result="partial", note="月2回外出"
    )
    again = repo.evaluate_goal(
        session, goal_id=goal["id"], meeting_id=evaluation_meeting.id, result="achieved"
    )
    assert again["result"] == "achieved"
    assert [e["result"] for e in repo.meeting_evaluations(session, meeting_id=evaluation_meeting.id)] == [
        "achieved"
    ]
    second = repo.start_plan_draft(session, case_id=case.id)
    assert (second["number"], second["intention"], second["outreach"]) == (
        2,
        "母は自宅で暮らし続けたい",
        True,
    )
    assert [(g["uid"], g["text"]) for g in second["goals"]] == [(goal["uid"], "長男が週1回外出できる")]
    repo.approve_plan(session, plan_id=second["id"], meeting_id=evaluation_meeting.id)
    versions = repo.plan_versions(session, case_id=case.id)
    assert [(p["number"], p["status"]) for p in versions] == [(1, "superseded"), (2, "approved")]
    assert versions[0]["goals"][0]["evaluations"][0]["result"] == "achieved"
    assert repo.current_plan(session, case_id=case.id)["number"] == 2


def test_plan_reviews_due(session):
    case = consented_case(session)
    draft = repo.start_plan_draft(session, case_id=case.id)
    repo.add_plan_goal(
        session, plan_id=draft["id"], values={"text": "家計の見直し", "review_date": "2026-11-30"}
    )
    repo.add_plan_goal(session, plan_id=draft["id"], values={"text": "就労体験", "review_date": "2027-03-31"})
    assert repo.plan_reviews_due(session, until="2026-12-01") == []  # a draft is not in force
    repo.approve_plan(session, plan_id=draft["id"], meeting_id=meeting(session, case.id).id)
    due = repo.plan_reviews_due(session, until=dt.date(2026, 12, 1))
    assert [(d["case_code"], d["text"], d["review_date"], d["plan_number"]) for d in due] == [
        (case.code, "家計の見直し", "2026-11-30", 1)
    ]


def test_lifecycle_rows_are_audited(session):
    case = consented_case(session)
    repo.add_intake(session, label="𠮷田世帯")
    repo.start_plan_draft(session, case_id=case.id)
    session.commit()
    tables = set(session.exec(select(AuditEntry.table_name)).all())
    assert {"intake", "case_event", "support_plan"} <= tables


def test_revision_0008_gives_existing_cases_their_stage_and_db_check_stays_clean(db_url):
    """Cases from before 0008 get an `opened` event at their stage; a case still at 受付 that has held
    a meeting is at 支援会議段階; the audit baseline is refreshed, so `db check` finds nothing."""
    from alembic import command

    from welfare_tui.storage.engine import alembic_config, make_engine, open_database, session_scope
    from welfare_tui.storage.maintenance import verify

    engine = open_database(db_url)
    with session_scope(engine) as session:
        held = repo.create_case(session, code="C-1", label="𠮷田世帯", status="intake")
        waiting = repo.create_case(session, code="C-2", label="髙﨑世帯", status="intake")
        supported = repo.create_case(session, code="C-3", label="山﨑世帯", status="support")
        done = repo.create_meeting(
            session, case_id=held.id, agenda=get_agenda("shien_kaigi"), date="2026-09-01"
        )
        repo.update_meeting(session, meeting_id=done.id, status="in_progress")
        repo.create_meeting(session, case_id=waiting.id, agenda=get_agenda("shien_kaigi"), date="2027-01-01")
        ids = (held.id, waiting.id, supported.id)
    engine.dispose()
    engine = make_engine(db_url)
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0007")
            command.upgrade(alembic_config(connection), "head")
        with engine.connect() as connection:
            assert verify(connection).unverifiable == 0  # raises IntegrityFailure on any finding
    finally:
        engine.dispose()
    engine = open_database(db_url)
    with session_scope(engine) as session:
        assert [repo.get_case(session, case_id=i).status for i in ids] == ["shien_kaigi", "intake", "support"]
        assert [stages(session, i) for i in ids] == [
            [("opened", "", "", "shien_kaigi")],
            [("opened", "", "", "intake")],
            [("opened", "", "", "support")],
        ]
    engine.dispose()
