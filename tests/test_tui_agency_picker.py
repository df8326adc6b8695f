"""The agency picker (views/widgets/agency_picker.py), driven from the keyboard at 80×24 in Japanese:
a few characters and Enter pick an agency, the meeting's attendees come first, catalogue and demo
agencies are marked, two agencies never look the same, F2 registers a new one, and every agency
field (dialogs, the roles step's lead agency, the dashboard filter) is this picker."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from tests.tui_helpers import make_app, open_only_meeting, pick_agency, seed_meeting, settle, type_text
from welfare_tui.storage import repo
from welfare_tui.storage.engine import open_database, session_scope
from welfare_tui.views.modals.item_form import ItemForm
from welfare_tui.views.widgets.agency_picker import AgencyPicker, AgencySearch


def seed(tmp_path: Path) -> tuple[str, int]:
    """A meeting attended by 社協 (髙﨑 ﾏﾙﾏﾙ), a local 市福祉課 beside the catalogue's, a demo agency."""
    url = f"sqlite:///{tmp_path / 'picker.db'}"
    meeting_id = seed_meeting(url)
    engine = open_database(url)
    with session_scope(engine) as session:
        repo.add_agency(session, name="みよし市 福祉課", short="市福祉課", sector="行政")
        repo.add_agency(
            session,
            name="居宅介護支援事業所あおば",
            short="あおばCM",
            sector="高齢",
            agency_id="aoba_kyotaku",
        )
        repo.add_item(
            session,
            kind="attendee",
            parent_id=meeting_id,
            values={"agency_id": "shakyo", "name": "髙﨑 ﾏﾙﾏﾙ"},
        )
    engine.dispose()
    return url, meeting_id


def rows(app) -> list[str]:
    options = app.screen.query_one("#agency-options", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def to_step(pilot, step_id: str) -> None:
    pilot.app.screen.show_step(step_id)
    await settle(pilot)


async def test_kyotaku_in_a_few_keys(tmp_path: Path) -> None:
    url, meeting_id = seed(tmp_path)
    app = make_app(tmp_path, url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_only_meeting(pilot)
        await to_step(pilot, "attendance")
        # a (new row: the dialog opens on its agency field), k y o, Enter: five keys.
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.focused, AgencyPicker)
        await pilot.press("k", "y", "o")
        await settle(pilot)
        assert isinstance(app.screen, AgencySearch)
        assert rows(app)[0].startswith("　ケアマネ｜居宅介護支援事業所")
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ItemForm)
        assert form.query_one("#f-agency_id", AgencyPicker).value == "caremanager"
        assert "ケアマネ｜居宅介護支援事業所" in str(form.query_one("#f-agency_id").render())
        # Kana (as an input method commits it) and kanji find agencies as well.
        form.query_one("#f-agency_id").focus()
        await pick_agency(pilot, "ほうかつ")
        assert form.query_one("#f-agency_id", AgencyPicker).value == "houkatsu"
        form.query_one("#f-agency_id").focus()
        await pick_agency(pilot, "ﾎｳｶﾂ")
        assert form.query_one("#f-agency_id", AgencyPicker).value == "houkatsu"
        form.query_one("#f-agency_id").focus()
        await pick_agency(pilot, "包括")
        assert form.query_one("#f-agency_id", AgencyPicker).value == "houkatsu"
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "𠮷田 ３０１")
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = app.db.run(repo.list_items, kind="attendee", parent_id=meeting_id)
        assert [(row["agency_id"], row["name"]) for row in saved] == [
            ("shakyo", "髙﨑 ﾏﾙﾏﾙ"),
            ("houkatsu", "𠮷田 ３０１"),
        ]


async def test_attendees_first_marks_and_no_two_rows_alike(tmp_path: Path) -> None:
    url, _ = seed(tmp_path)
    app = make_app(tmp_path, url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_only_meeting(pilot)
        await to_step(pilot, "roles")
        await pilot.press("a")
        await settle(pilot)
        await type_text(pilot, "訪問")
        await pilot.press("tab", "enter")  # the role's agency: Enter opens the search
        await settle(pilot)
        shown = rows(app)
        assert shown[0] == "　（なし）"
        assert shown[1].startswith(
            "★社協｜社会福祉協議会"
        )  # the attendee's agency, before the catalogue order
        assert "〔カタログ〕" in shown[1]
        demo = next(row for row in shown if "あおばCM" in row)
        assert "〔デモ〕" in demo and "〔カタログ〕" not in demo
        local = next(row for row in shown if "みよし市" in row)
        assert "〔" not in local  # the municipality's own agency: no mark
        texts = [row.split("[dim]")[0] for row in shown]
        assert len(texts) == len(set(texts))
        assert sum("市福祉課｜" in text for text in texts) == 2  # the two 市福祉課 differ by their names
        # ↓ moves, Enter picks the local 市福祉課 among the two.
        await type_text(pilot, "しふく")
        await settle(pilot)
        assert rows(app)[0].startswith("　市福祉課｜市 福祉担当課") and "みよし市" in rows(app)[1]
        await pilot.press("down", "enter")
        await settle(pilot)
        picker = app.screen.query_one("#f-agency_id", AgencyPicker)
        local_id = next(a.id for a in app.agencies if a.name == "みよし市 福祉課")
        assert picker.value == local_id
        await pilot.press("ctrl+s")
        await settle(pilot)
        # In the table the shared short name gives way to the full name.
        assert "みよし市 福祉課" in str(app.screen.query_one("#table-role").get_row_at(0))


async def test_f2_registers_from_the_search_and_picks(tmp_path: Path) -> None:
    url, _ = seed(tmp_path)
    app = make_app(tmp_path, url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_only_meeting(pilot)
        await to_step(pilot, "info_sharing")
        await pilot.press("a")
        await settle(pilot)
        await type_text(pilot, "nakayoshi")
        await settle(pilot)
        assert "当たる機関はない" in rows(app)[0]
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, ItemForm) and app.screen.form_title == "新しい機関を登録"
        await type_text(pilot, "なかよし地域包括支援センター")
        await pilot.press("tab")
        await type_text(pilot, "なかよし包括")
        await pilot.press("ctrl+s")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ItemForm) and form.form_title == "各機関からの情報を追加"
        local = next(a for a in app.agencies if a.name == "なかよし地域包括支援センター")
        assert form.query_one("#f-agency_id", AgencyPicker).value == local.id
        # The new agency is found by its derived reading from now on.
        form.query_one("#f-agency_id").focus()
        await type_text(pilot, "nakayoshi")
        await settle(pilot)
        assert rows(app)[0].startswith("　なかよし包括｜なかよし地域包括支援センター")
        await pilot.press("escape")
        await settle(pilot)
        assert form.query_one("#f-agency_id", AgencyPicker).value == local.id  # Esc changed nothing


async def test_lead_agency_in_the_roles_step_and_new_case_dialog(tmp_path: Path) -> None:
    url, _ = seed(tmp_path)
    app = make_app(tmp_path, url)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_only_meeting(pilot)
        await to_step(pilot, "roles")
        picker = app.screen.query_one("#c-lead_agency_id", AgencyPicker)
        picker.focus()
        await pick_agency(pilot, "jiritsu")
        assert picker.value == "jiritsu_soudan"
        case = app.db.run(repo.get_case, case_id=app.screen.case.id)
        assert case.lead_agency_id == "jiritsu_soudan"  # saved at once, like any choice
        await pilot.press("delete")  # clears an optional agency
        await settle(pilot)
        assert app.db.run(repo.get_case, case_id=case.id).lead_agency_id is None
