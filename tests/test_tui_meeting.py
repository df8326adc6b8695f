"""A whole 支援会議 run from the keyboard at 80×24, with Japanese text, then left, reopened and exported."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.tui_helpers import make_app, pick_agency, plain_text, settle, type_text
from welfare_tui.views.modals.item_form import ItemForm
from welfare_tui.views.screens.home import HomeScreen
from welfare_tui.views.screens.meeting import MeetingScreen


def step_kind(app) -> str:
    screen = app.screen
    assert isinstance(screen, MeetingScreen), type(screen)
    return next(s["kind"] for s in screen.meeting.steps if s["id"] == screen.meeting.current_step)


async def next_step(pilot, expected_kind: str) -> None:
    await pilot.press("ctrl+n")
    await settle(pilot)
    assert step_kind(pilot.app) == expected_kind


async def test_whole_meeting_by_keyboard(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)

        # A new case, then a new 支援会議 for it.
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ItemForm)
        await pilot.press("tab")
        await type_text(pilot, "山田世帯")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, ItemForm)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert step_kind(app) == "opening"

        # 開会: the purpose box has focus.
        await type_text(pilot, "母の介護と長男のひきこもりについて情報を共有する")
        await next_step(pilot, "attendance")

        # 出席者: add one attendee with an agency found by its reading (the dialog opens on the picker).
        await pilot.press("a")
        await settle(pilot)
        await pick_agency(pilot, "shifuku")
        await pilot.press("tab")
        await type_text(pilot, "地域福祉課")
        await pilot.press("tab")
        await type_text(pilot, "社会福祉士")
        await pilot.press("tab")
        await type_text(pilot, "佐藤 花子")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "佐藤 花子" in str(app.screen.query_one("#table-attendee").get_row_at(0))
        await next_step(pilot, "confidentiality")

        # 守秘義務: read the statement (records the time), the attendee acknowledges.
        await pilot.press("enter")
        await settle(pilot)
        assert "14:00" in str(app.screen.query_one("#confirmed-at").render())
        await pilot.press("tab", "space")
        await settle(pilot)
        await next_step(pilot, "review_previous")
        assert "前回の会議はない" in plain_text(app.screen.query_one("#review-empty"))
        await next_step(pilot, "case_summary")

        # ケース概要: summary and tags.
        await type_text(pilot, "82歳の母と53歳の長男の二人暮らし")
        await pilot.press("tab")
        await type_text(pilot, "8050、ひきこもり")
        await next_step(pilot, "info_sharing")

        # 情報共有: one agency's information.
        await pilot.press("a")
        await settle(pilot)
        await pick_agency(pilot, "ほうかつ")
        await pilot.press("tab")
        await type_text(pilot, "母は要介護2。月1回訪問、本人とは未接触")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await next_step(pilot, "ecomap")

        # エコマップ: one tie; the drawing shows it.
        await pilot.press("a")
        await settle(pilot)
        await pick_agency(pilot, "houkatsu")
        await pilot.press("tab", "tab", "tab", "tab")
        await type_text(pilot, "月1回訪問")
        await pilot.press("ctrl+s")
        await settle(pilot)
        drawing = plain_text(app.screen.query_one("#ecomap-drawing"))
        assert "月1回訪問" in drawing and "凡例" in drawing
        await next_step(pilot, "assessment")

        # アセスメント: an issue and the agency that owns it.
        await pilot.press("a")
        await settle(pilot)
        await type_text(pilot, "長男の社会的孤立")  # the dialog opens on the text, not on 種別
        await pilot.press("tab", "tab", "tab")
        await pick_agency(pilot, "包括")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await next_step(pilot, "policy")

        # 支援方針 and one goal.
        await type_text(pilot, "長男との接点をつくり、母の介護負担を軽くする")
        await pilot.press("tab", "a")
        await settle(pilot)
        await type_text(pilot, "長男と支援者が顔を合わせる")  # the goal dialog opens on the text
        await pilot.press("ctrl+s")
        await settle(pilot)
        await next_step(pilot, "roles")

        # 役割分担: an impossible due date is refused, the form keeps what was typed.
        await pilot.press("a")
        await settle(pilot)
        await type_text(pilot, "週1回の訪問")
        await pilot.press("tab")
        await pick_agency(pilot, "jiritsu")
        await pilot.press("tab")
        await type_text(pilot, "高橋")
        await pilot.press("tab")
        await type_text(pilot, "2026-02-30")
        await pilot.press("ctrl+s")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ItemForm)
        assert "正しい日付ではありません" in str(form.query_one("#form-error").render())
        assert form.query_one("#f-task").value == "週1回の訪問"
        await pilot.press(*(["backspace"] * 10))
        await type_text(pilot, "2026-12-01")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ItemForm)
        await next_step(pilot, "monitoring")

        # モニタリング
        await pilot.press("a")
        await settle(pilot)
        await type_text(pilot, "2026-12-15")
        await pilot.press("tab")
        await type_text(pilot, "訪問結果の確認")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await next_step(pilot, "resource_gaps")

        # 不足する社会資源・地域課題: the step opens on the table of unmet needs; the free text is below it.
        await pilot.press("tab")
        await type_text(pilot, "ひきこもり当事者の居場所が市内にない")
        await next_step(pilot, "next_meeting")

        await type_text(pilot, "2026-12-20")
        await pilot.press("tab")
        await type_text(pilot, "14:00")
        await pilot.press("tab")
        await type_text(pilot, "市役所 第3会議室")
        await next_step(pilot, "wrap_up")

        await type_text(pilot, "地域包括が月1回訪問を続ける")
        await pilot.press("tab")
        await type_text(pilot, "長男本人の意向が確認できていない")
        await next_step(pilot, "closing")

        # 閉会: nothing is missing, so the meeting can be finished (records the end time); then leave.
        assert "確定できる" in plain_text(app.screen.query_one("#finish-problems"))
        app.screen.query_one("#finish-meeting").focus()
        await pilot.press("enter")
        await settle(pilot)
        # The end time is proposed (the clock: the meeting is being held now), confirmed with Ctrl+S.
        assert isinstance(app.screen, ItemForm) and app.screen.query_one("#f-end_time").value == "14:00"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)

        # Reopen: it resumes at the same step with everything there.
        app.screen.query_one("#meetings").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert step_kind(app) == "closing"
        assert app.screen.meeting.status == "finished"
        assert app.screen.meeting.end_time == "14:00"
        await pilot.press("ctrl+p", "ctrl+p", "ctrl+p")
        await settle(pilot)
        assert step_kind(app) == "resource_gaps"
        assert app.screen.query_one("#m-resource_gaps").text == "ひきこもり当事者の居場所が市内にない"

        # Export the open meeting.
        await pilot.press("ctrl+e")
        await settle(pilot)

    exports = tmp_path / "exports"
    markdown = next(exports.glob("*.md")).read_text(encoding="utf-8")
    document = yaml.safe_load(next(exports.glob("*.yaml")).read_text(encoding="utf-8"))
    typed = [
        "母の介護と長男のひきこもりについて情報を共有する",
        "佐藤 花子",
        "82歳の母と53歳の長男の二人暮らし",
        "母は要介護2。月1回訪問、本人とは未接触",
        "月1回訪問",
        "長男の社会的孤立",
        "長男との接点をつくり、母の介護負担を軽くする",
        "長男と支援者が顔を合わせる",
        "週1回の訪問",
        "2026-12-01",
        "訪問結果の確認",
        "ひきこもり当事者の居場所が市内にない",
        "市役所 第3会議室",
        "地域包括が月1回訪問を続ける",
        "長男本人の意向が確認できていない",
    ]
    for text in typed:
        assert text in markdown, text
    assert document["case"]["label"] == "山田世帯"
    assert document["case"]["tags"] == ["8050", "ひきこもり"]
    assert document["meeting"]["purpose"] == typed[0]
    assert document["meeting"]["confidentiality"]["confirmed_at"] == "14:00"
    assert document["attendees"][0]["name"] == "佐藤 花子"
    assert document["attendees"][0]["acknowledged"] is True
    # Each agency was found by typing a few characters of its reading or name, then Enter.
    assert document["attendees"][0]["agency"] == "city_welfare"
    assert document["shared_info"][0]["agency"] == "houkatsu"
    assert document["ecomap"]["ties"][0]["to"] == "houkatsu"
    assert document["assessment"][0]["agency"] == "houkatsu"
    assert document["roles"][0]["agency"] == "jiritsu_soudan"
    assert document["roles"][0]["due"] == "2026-12-01"
    assert document["monitoring"][0]["what"] == "訪問結果の確認"
    assert document["next_meeting"]["date"] == "2026-12-20"
    assert document["decisions"] == "地域包括が月1回訪問を続ける"
    assert all(step["done"] for step in document["steps"])
