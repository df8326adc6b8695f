"""A case with work between its meetings, built through the storage API on top of `lived_case` (tests of
the version 3 document and its masking): resources in the register, a contact log (one contact
recorded from a meeting), 参加支援 matches at each state (one ended with its reason), unmet needs of
two meetings, a role and an ecomap tie naming a resource. With `personal=True` every new free text names
the household's people, its address and phone, so a masked export that misses one is caught."""

from __future__ import annotations

from sqlmodel import select

from tests.life_builders import ADDRESS, CODE, MOTHER, NAME, PHONE, lived_case
from welfare_tui.storage import repo
from welfare_tui.storage.models import Case

RESOURCES = [
    {
        "id": "hotto_space",
        "name": "居場所「ほっとスペースあおば」",
        "category": "ibasho",
        "sector": "cross",
        "area": "青葉地区",
        "capacity": 15,
        "contact": "NPO法人あおばの会 今井 0561-00-1101",
        "notes": "平日10時〜16時",
    },
    {
        "id": "work_aoba",
        "name": "ワークあおば",
        "category": "work_experience",
        "sector": "konkyu",
        "area": "",
        "capacity": None,
        "contact": "",
        "notes": "",
    },
]


def between_case(session, *, personal: bool = False) -> dict[str, int]:
    """`lived_case` and its work between meetings; returns the meeting ids by name and the case's id."""

    def said(text: str, extra: str) -> str:
        return f"{text}（{extra}）" if personal else text

    ids = lived_case(session, personal=personal)
    case_id = session.exec(select(Case.id).where(Case.code == CODE)).one()
    repo.upsert_resources(session, RESOURCES)
    repo.add_contact(
        session,
        case_id=case_id,
        date="2026-09-28",
        mode="visit",
        whom="absent",
        agency_id="houkatsu",
        note=said("不在。手紙を投函", f"{ADDRESS}"),
        next_date="2026-10-05",
        recorded_by="地域包括支援センター 山﨑",
    )
    repo.add_contact(
        session,
        case_id=case_id,
        date="2026-10-01",
        mode="phone",
        whom="family",
        agency_id="jiritsu_soudan",
        note=said("母と電話", f"{MOTHER}さん {PHONE}"),
        recorded_by="地域福祉課 髙﨑",
        meeting_id=ids["shien"],
    )
    repo.add_contact(
        session,
        case_id=case_id,
        date="2026-10-20",
        mode="visit",
        whom="person",
        note=said("本人と玄関先で10分話す", f"{NAME}さん"),
        next_date="2026-11-03",
        recorded_by="地域福祉課 髙﨑",
    )
    match = repo.add_match(
        session,
        case_id=case_id,
        resource_id="hotto_space",
        member="長男",
        date="2026-10-15",
        note=said("見学に同行", f"{NAME}さん"),
    )
    repo.set_match_state(session, match_id=match["id"], state="started", date="2026-11-01")
    ended = repo.add_match(
        session, case_id=case_id, resource_id="work_aoba", member="長男", date="2026-10-15"
    )
    repo.set_match_state(
        session,
        match_id=ended["id"],
        state="ended",
        date="2026-11-20",
        reason=said("本人が通所を望まなかった", f"{NAME}さんの言葉"),
    )
    repo.add_item(
        session,
        kind="need",
        parent_id=ids["juso"],
        values={
            "category": "ibasho",
            "sector": "cross",
            "member": "長男",
            "text": said("中高年が日中に通える居場所がない", f"{NAME}さん"),
        },
    )
    repo.add_item(
        session,
        kind="need",
        parent_id=ids["review"],
        values={"category": "mobility", "sector": "kaigo", "member": "母", "text": "通院の移動手段がない"},
    )
    repo.add_item(
        session,
        kind="role",
        parent_id=ids["review"],
        values={"task": "居場所の見学の同行", "agency_id": "houkatsu", "resource_id": "hotto_space"},
    )
    repo.add_item(
        session,
        kind="tie",
        parent_id=ids["review"],
        values={"to_node": "hotto_space", "resource_id": "hotto_space", "label": "週1回通所"},
    )
    session.commit()
    return {**ids, "case": case_id}
