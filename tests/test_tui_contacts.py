"""The contact log in the TUI, driven like a user at 80×24 in Japanese: `v` on a case of the home
screen, F4 (or `v` outside a text field) in a meeting, where entries carry the meeting; edits with
version checks that never lose what was typed; the review summary at the next meeting; the next
attempt in the follow-up dashboard."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import DataTable, Static, TextArea

from tests.tui_helpers import make_app, open_only_meeting, pick_agency, seed_meeting, settle, type_text
from welfare_tui.agendas import get_agenda
from welfare_tui.storage import repo
from welfare_tui.storage.engine import open_database, session_scope
from welfare_tui.views.modals.conflict import ConflictDialog
from welfare_tui.views.modals.item_form import ItemForm
from welfare_tui.views.screens.contacts import ContactLogScreen
from welfare_tui.views.screens.home import HomeScreen
from welfare_tui.views.screens.meeting import MeetingScreen


def in_db(url: str, work):
    engine = open_database(url)
    try:
        with session_scope(engine) as session:
            return work(session)
    finally:
        engine.dispose()


def case_of(url: str):
    return in_db(url, lambda s: repo.list_cases(s)[0])


async def test_v_on_a_case_opens_its_log_and_a_adds_an_entry(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'log.db'}"
    seed_meeting(url)
    case = case_of(url)
    in_db(
        url, lambda s: repo.add_contact(s, case_id=case.id, date="2026-11-01", mode="letter", whom="person")
    )
    app = make_app(tmp_path, url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        # The key bar is full at 80 columns: the cases' title says it, and F1 lists it.
        assert "v 支援経過" in str(app.screen.query_one("#cases-title").render())
        await pilot.press("f1")
        await settle(pilot)
        assert any(key == "v" and what.startswith("支援経過") for key, what in app.screen.ours)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ContactLogScreen)
        assert "支援経過 — 山田世帯" in str(screen.query_one("#home-title").render())
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ItemForm)
        # Today, 訪問 and 本人 are filled in; the agency is picked by typing.
        app.screen.query_one("#f-agency_id").focus()
        await pick_agency(pilot, "社協")
        app.screen.query_one("#f-whom").value = "absent"
        app.screen.query_one("#f-next_date").value = "2026-11-27"
        app.screen.query_one("#f-note").focus()
        await type_text(pilot, "𠮷田さん宅、応答なし。郵便受けに手紙")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        rows = app.db.query(repo.list_contacts, case_id=case.id)
        assert [(r["date"], r["mode"], r["whom"], r["agency_id"], r["meeting_id"]) for r in rows] == [
            ("2026-11-20", "visit", "absent", "shakyo", None),
            ("2026-11-01", "letter", "person", None, None),
        ]
        # Newest first, the note cut to the width with …, whole under the table.
        table = screen.query_one("#contacts", DataTable)
        first = [str(cell) for cell in table.get_row_at(0)]
        assert first[0] == "2026-11-20" and "訪問" in first and "不在" in first and "2026-11-27" in first
        assert "𠮷田さん宅、応答なし。郵便受けに手紙" in str(
            screen.query_one("#contacts-detail", Static).content
        )
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_in_a_meeting_f4_opens_the_log_and_entries_carry_the_meeting(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'meeting.db'}"
    meeting_id = seed_meeting(url)
    app = make_app(tmp_path, url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_only_meeting(pilot)
        meeting = app.screen
        assert isinstance(meeting, MeetingScreen)
        meeting.show_step("case_summary")
        await settle(pilot)
        from welfare_tui.views.modals.help import key_sections
        from welfare_tui.views.widgets.key_bar import screen_hints

        # F4 is in the key bar; the help lists v only where it works (not in a text field).
        assert "f4" in {hint.key for hint in screen_hints(meeting)}
        assert "v" not in {key for key, _ in key_sections(meeting)[0]}
        summary = meeting.query_one("#c-summary", TextArea)
        assert app.focused is summary
        # In a text field v is a letter…
        await pilot.press("end", "v")
        await settle(pilot)
        assert app.screen is meeting and summary.text.endswith("v")
        # …and F4 opens the log from there.
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, ContactLogScreen)
        await pilot.press("a")
        await settle(pilot)
        app.screen.query_one("#f-mode").value = "phone"
        app.screen.query_one("#f-whom").value = "family"
        app.screen.query_one("#f-note").focus()
        await type_text(pilot, "母と電話、長男は部屋から出ない")
        await pilot.press("ctrl+s")
        await settle(pilot)
        case = case_of(url)
        rows = app.db.query(repo.list_contacts, case_id=case.id)
        assert [(r["mode"], r["meeting_id"], r["agency_id"]) for r in rows] == [("phone", meeting_id, None)]
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is meeting
        # Where no text field has focus, v opens it too.
        meeting.query_one("#agenda").focus()
        await settle(pilot)
        assert {"f4", "v"} <= {key for key, _ in key_sections(meeting)[0]}
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, ContactLogScreen)


async def test_an_edit_conflict_asks_and_keeps_what_was_typed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'conflict.db'}"
    seed_meeting(url)
    case = case_of(url)
    entry = in_db(url, lambda s: repo.add_contact(s, case_id=case.id, date="2026-11-10", note="訪問、不在"))
    app = make_app(tmp_path, url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ItemForm)
        # Meanwhile another coordinator changes the same note.
        in_db(
            url,
            lambda s: repo.update_contact(s, contact_id=entry["id"], values={"note": "訪問、本人と会えた"}),
        )
        note = form.query_one("#f-note", TextArea)
        note.text = "訪問、髙﨑さんと玄関先で話した"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConflictDialog)
        await pilot.press("escape")  # decide later: nothing saved, nothing lost
        await settle(pilot)
        assert app.screen is form and note.text == "訪問、髙﨑さんと玄関先で話した"
        assert app.db.query(repo.list_contacts, case_id=case.id)[0]["note"] == "訪問、本人と会えた"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("k")  # keep mine
        await settle(pilot)
        assert (
            app.db.query(repo.list_contacts, case_id=case.id)[0]["note"] == "訪問、髙﨑さんと玄関先で話した"
        )


async def test_delete_asks_first_and_refuses_a_row_changed_since(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'delete.db'}"
    seed_meeting(url)
    case = case_of(url)
    entry = in_db(url, lambda s: repo.add_contact(s, case_id=case.id, date="2026-11-10"))
    app = make_app(tmp_path, url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        in_db(url, lambda s: repo.update_contact(s, contact_id=entry["id"], values={"note": "追記"}))
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        rows = app.db.query(repo.list_contacts, case_id=case.id)
        assert [row["note"] for row in rows] == ["追記"]  # kept, and now shown as changed
        assert app.screen.rows[0]["note"] == "追記"
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.db.query(repo.list_contacts, case_id=case.id) == []


def second_meeting(url: str) -> int:
    """The 山田世帯 case of `seed_meeting` (its first meeting on 11-20) with a second meeting on 12-01
    and contacts around them; returns the id of the second meeting."""

    def fill(session):
        case = repo.list_cases(session)[0]
        later = repo.create_meeting(
            session, case_id=case.id, agenda=get_agenda("shien_kaigi"), date=date(2026, 12, 1)
        )
        for day, mode, whom in (
            ("2026-11-20", "visit", "person"),  # the first meeting's day: reported there
            ("2026-11-22", "visit", "absent"),
            ("2026-11-25", "visit", "person"),
            ("2026-11-26", "letter", "person"),
            ("2026-11-28", "visit", "refused"),
            ("2026-12-02", "phone", "person"),  # after the meeting: news for the next one
        ):
            repo.add_contact(session, case_id=case.id, date=day, mode=mode, whom=whom)
        return later.id

    return in_db(url, fill)


async def test_the_review_step_of_the_next_meeting_sums_up_the_log(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'review.db'}"
    seed_meeting(url)
    later = second_meeting(url)
    app = make_app(tmp_path, url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(MeetingScreen(later))
        await settle(pilot)
        meeting = app.screen
        assert meeting.meeting.round == 2
        review = next(step["id"] for step in meeting.meeting.steps if step["kind"] == "review_previous")
        meeting.show_step(review)
        await settle(pilot)
        line = str(meeting.query_one("#review-contacts", Static).content)
        assert line == "前回から：訪問3回（面会1回）・手紙1通"


async def test_the_dashboard_shows_the_next_attempt(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'due.db'}"
    seed_meeting(url)
    case = case_of(url)
    in_db(
        url,
        lambda s: repo.add_contact(
            s, case_id=case.id, date="2026-11-02", whom="absent", agency_id="houkatsu", next_date="2026-11-09"
        ),
    )
    app = make_app(tmp_path, url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        screen = app.screen
        rows = [row for row in screen.shown if row.kind == "contact"]
        assert [(row.due, row.overdue, row.agency, row.case) for row in rows] == [
            ("2026-11-09", True, "houkatsu", case.code)
        ]
        table = screen.query_one("#followups", DataTable)
        cells = [str(cell) for cell in table.get_row_at(0)]
        assert cells[0] == "2026-11-09" and "接触" in cells and "前回 2026-11-02 訪問・不在" in cells


async def test_the_screen_and_the_minutes_say_the_same(tmp_path: Path) -> None:
    """The demo's 8050 household at its second meeting: the review step shows the line its Markdown
    minutes print (one function, two sources: the repository's count and the document's contacts)."""
    from welfare_tui.demo import build_demo
    from welfare_tui.minutes import render
    from welfare_tui.storage.documents import meeting_document

    url = f"sqlite:///{tmp_path / 'demo.db'}"
    build_demo(url)
    second = in_db(
        url, lambda s: next(m for m in repo.list_meetings(s, case_code="DEMO-2026-001") if m.round == 2)
    )
    minutes = in_db(url, lambda s: render(meeting_document(s, meeting_id=second.id), "md"))
    printed = next(line for line in minutes.splitlines() if line.startswith("前回から："))
    app = make_app(tmp_path, url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(MeetingScreen(second.id))
        await settle(pilot)
        meeting = app.screen
        meeting.show_step(next(s["id"] for s in meeting.meeting.steps if s["kind"] == "review_previous"))
        await settle(pilot)
        assert str(meeting.query_one("#review-contacts", Static).content) == printed
