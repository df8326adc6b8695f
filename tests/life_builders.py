"""A case through its whole life, built through the storage API (tests of the version 2 document,
the plan sheet and masking): intake → 支援会議 → consent → 重層的支援会議 approving a plan → evaluation
→ closure handed over. With `personal=True` every new free text also names the household's people, its
address and phone (as staff really write them), so a masked export that misses one is caught."""

from __future__ import annotations

from welfare_tui.agendas import get_agenda
from welfare_tui.storage import repo

CODE = "C-2026-101"
NAME, ADDRESS, PHONE = "𠮷田 太郎", "みよし市三好町１２３－４", "0561-32-8015"
MOTHER = "𠮷田 ハナ"
# The personal values the texts below carry when `personal` (what a masked export must not show).
PERSONAL = (NAME, "太郎", MOTHER, "ハナ", ADDRESS, PHONE)


def lived_case(session, *, personal: bool = False) -> dict[str, int]:
    """The case and its three meetings; returns the meeting ids by name (shien, juso, review)."""

    def said(text: str, extra: str) -> str:
        return f"{text}（{extra}）" if personal else text

    intake = repo.add_intake(
        session,
        label="𠮷田世帯",
        date="2026-09-20",
        window_agency="houkatsu",
        route="agency",
        concern=said("母の介護と長男のひきこもり", f"{MOTHER}さん、{ADDRESS}"),
        tags=["8050"],
        consent="yes",
        notes=said("包括の山﨑さんから", f"電話 {PHONE}"),
        recorded_by="地域福祉課 髙﨑",
    )
    accepted = repo.accept_intake(session, intake_id=intake["id"], code=CODE, date="2026-09-25")
    case_id = accepted["case_id"]
    repo.update_case(
        session,
        case_id=case_id,
        address=ADDRESS,
        phone=PHONE,
        consent_status="written",
        consent_date="2026-10-05",
        consent_agencies=["houkatsu", "jiritsu_soudan"],
    )
    for name, relation in ((NAME, "長男"), (MOTHER, "母")):
        repo.add_item(session, kind="member", parent_id=case_id, values={"name": name, "relation": relation})
    ids = {"shien": _meeting(session, case_id, "shien_kaigi", "2026-10-01")}
    repo.record_decision(
        session,
        meeting_id=ids["shien"],
        decision="continue",
        reason=said("情報共有を続ける", f"{NAME}さん不在"),
    )
    ids["juso"] = _meeting(session, case_id, "juso_shien_kaigi", "2026-10-15")
    draft = repo.start_plan_draft(session, case_id=case_id)
    repo.update_plan(
        session,
        plan_id=draft["id"],
        intention=said("母は自宅で暮らし続けたい", f"{MOTHER}さんの言葉"),
        direction=said("長男の社会参加", f"{NAME}さん"),
        outreach=True,
        links_note=said("アウトリーチは自立相談", f"{ADDRESS}へ訪問"),
    )
    goal = repo.add_plan_goal(
        session,
        plan_id=draft["id"],
        values={
            "term": "long",
            "text": said("長男が週1回外出できる", f"{NAME}さん"),
            "agency_id": "houkatsu",
            "period": "1年",
            "review_date": "2026-12-01",
        },
    )
    repo.add_plan_goal(session, plan_id=draft["id"], values={"term": "short", "text": "面談を月2回"})
    repo.approve_plan(session, plan_id=draft["id"], meeting_id=ids["juso"])
    repo.record_decision(session, meeting_id=ids["juso"], decision="approve")
    ids["review"] = _meeting(session, case_id, "juso_shien_kaigi", "2026-12-10")
    repo.evaluate_goal(
        session,
        goal_id=goal["id"],
        meeting_id=ids["review"],
        result="partial",
        note=said("月2回外出", f"{NAME}さん本人から"),
    )
    repo.record_decision(
        session, meeting_id=ids["review"], decision="close", closure_reason="handover", to_agency="houkatsu"
    )
    session.commit()
    return ids


def _meeting(session, case_id: int, kind: str, date: str) -> int:
    return repo.create_meeting(session, case_id=case_id, agenda=get_agenda(kind), date=date).id
