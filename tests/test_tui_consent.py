"""Consent in the TUI: a 重層的支援会議 without consent is explained and a 支援会議 offered instead; the
case summary records who obtained consent and, from the keyboard, its withdrawal."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Select

from tests.tui_helpers import make_app, open_only_meeting, settle, type_text
from welfare_tui.agendas import get_agenda
from welfare_tui.storage import repo
from welfare_tui.storage.engine import open_database, session_scope
from welfare_tui.views.modals.consent import NoConsentDialog
from welfare_tui.views.modals.item_form import ItemForm
from welfare_tui.views.screens.home import HomeScreen
from welfare_tui.views.screens.meeting import MeetingScreen


def with_database(db_url: str, work):
    engine = open_database(db_url)
    try:
        with session_scope(engine) as session:
            return work(session)
    finally:
        engine.dispose()


def seed_case(db_url: str, **values) -> int:
    return with_database(db_url, lambda s: repo.create_case(s, label="山田世帯", **values).id)


async def fill_new_meeting_form(pilot) -> None:
    """From the home screen with the one case highlighted: m, pick 重層的支援会議, a place, save."""
    await settle(pilot)
    assert isinstance(pilot.app.screen, HomeScreen)
    await pilot.press("m")
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, ItemForm)
    form.query_one("#f-agenda", Select).value = "juso_shien_kaigi"
    form.query_one("#f-place").focus()
    await pilot.pause()
    await type_text(pilot, "市役所 第3会議室")
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_no_consent_offers_a_support_meeting_with_the_same_date_and_place(
    tmp_path: Path, db_url: str
) -> None:
    case_id = seed_case(db_url)
    app = make_app(tmp_path, db_url)
    async with app.run_test(size=(100, 32)) as pilot:
        await fill_new_meeting_form(pilot)
        dialog = app.screen
        assert isinstance(dialog, NoConsentDialog)
        reason = str(dialog.query_one("#no-consent-body").render())
        assert "山田世帯" in reason and "同意" in reason and "支援会議" in reason
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.meeting.type == "shien_kaigi"
    meetings = with_database(db_url, lambda s: repo.list_meetings(s, case_id=case_id))
    assert len(meetings) == 1
    meeting = with_database(db_url, lambda s: repo.get_meeting(s, meeting_id=meetings[0].id))
    assert (meeting.type, meeting.place, meeting.date) == (
        "shien_kaigi",
        "市役所 第3会議室",
        date(2026, 11, 20),
    )


async def test_declining_goes_back_to_the_form_with_nothing_lost(tmp_path: Path, db_url: str) -> None:
    case_id = seed_case(db_url)
    app = make_app(tmp_path, db_url)
    async with app.run_test(size=(100, 32)) as pilot:
        await fill_new_meeting_form(pilot)
        assert isinstance(app.screen, NoConsentDialog)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ItemForm)
        assert form.query_one("#f-agenda", Select).value == "juso_shien_kaigi"
        assert form.query_one("#f-place").value == "市役所 第3会議室"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert with_database(db_url, lambda s: repo.list_meetings(s, case_id=case_id)) == []


async def test_with_consent_the_multi_layered_meeting_starts(tmp_path: Path, db_url: str) -> None:
    seed_case(db_url, consent_status="written", consent_date="2026-11-01")
    app = make_app(tmp_path, db_url)
    async with app.run_test(size=(100, 32)) as pilot:
        await fill_new_meeting_form(pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.meeting.type == "juso_shien_kaigi"


def seed_consented_meeting(db_url: str) -> tuple[int, int]:
    """A case with written consent at the planning stage, and a 支援会議 open at the case summary."""

    def work(session):
        case = repo.create_case(
            session,
            label="山田世帯",
            status="planning",
            consent_status="written",
            consent_date="2026-10-01",
            consent_scope="介護・就労に関する情報",
        )
        meeting = repo.create_meeting(
            session, case_id=case.id, agenda=get_agenda("shien_kaigi"), date=date(2026, 11, 20)
        )
        repo.update_meeting(session, meeting_id=meeting.id, current_step="case_summary")
        return case.id, meeting.id

    return with_database(db_url, work)


async def test_consent_obtained_by_and_withdrawal_from_the_keyboard(tmp_path: Path, db_url: str) -> None:
    case_id, _ = seed_consented_meeting(db_url)
    app = make_app(tmp_path, db_url)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_only_meeting(pilot)
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        screen.query_one("#c-consent_obtained_by").focus()
        await pilot.pause()
        await type_text(pilot, "地域包括支援センター 田中")
        await pilot.press("enter")
        await settle(pilot)
        case = with_database(db_url, lambda s: repo.get_case(s, case_id=case_id))
        assert case.consent_obtained_by == "地域包括支援センター 田中"

        await pilot.press("f6")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ItemForm)
        assert form.query_one("#f-date").value == "2026-11-20"
        await pilot.press("tab")
        await type_text(pilot, "本人から電話で、情報共有をやめてほしいと申し出があった")
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert app.screen is screen
        assert screen.query_one("#c-consent_status", Select).value == "none"
        assert "2026-11-20" in str(screen.query_one("#consent-withdrawal").render())
        case = with_database(db_url, lambda s: repo.get_case(s, case_id=case_id))
        assert (case.consent_status, case.status, case.consent_withdrawn_date) == (
            "none",
            "shien_kaigi",
            date(2026, 11, 20),
        )
        assert case.consent_withdrawal_note == "本人から電話で、情報共有をやめてほしいと申し出があった"
        assert (
            case.consent_obtained_by == "地域包括支援センター 田中"
        )  # kept as the record of what was withdrawn

        # The form's version followed the withdrawal: editing the case again saves without a dialog.
        screen.query_one("#c-referral_route").focus()
        await pilot.pause()
        await type_text(pilot, "民生委員から")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        case = with_database(db_url, lambda s: repo.get_case(s, case_id=case_id))
        assert (case.referral_route, case.consent_status) == ("民生委員から", "none")

        # Nothing left to withdraw: said, not a dialog.
        await pilot.press("f6")
        await settle(pilot)
        assert app.screen is screen


async def test_agencies_within_the_consent_are_typed_by_name_and_recorded_as_history(
    tmp_path: Path, db_url: str
) -> None:
    """The case summary takes the agencies within the consent by short name; the case keeps their ids,
    the history records the consent, and the form shows the names back."""
    from welfare_tui.storage import consent

    case_id, _ = seed_consented_meeting(db_url)
    app = make_app(tmp_path, db_url)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_only_meeting(pilot)
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        field = screen.query_one("#c-consent_agencies")
        field.focus()
        await pilot.pause()
        await type_text(pilot, "包括、自立相談")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        case = with_database(db_url, lambda s: repo.get_case(s, case_id=case_id))
        assert case.consent_agencies == ["houkatsu", "jiritsu_soudan"]
        history = with_database(db_url, lambda s: consent.history(s, case_id))
        assert history[-1]["agencies"] == ["houkatsu", "jiritsu_soudan"]
        assert history[-1]["status"] == "written"
        # Typing an agency nobody knows is refused next to the field and saves nothing.
        field.value = ""
        await type_text(pilot, "包括、存在しない機関")
        await pilot.press("enter")
        await settle(pilot)
        case = with_database(db_url, lambda s: repo.get_case(s, case_id=case_id))
        assert case.consent_agencies == ["houkatsu", "jiritsu_soudan"]
