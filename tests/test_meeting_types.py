"""The meeting types as domain.md §1.2 and §13.1 have them: each statutory type under its own law, with its
own secrecy notice on the minutes and its own statement read aloud (by version: a document keeps the
version it recorded); a type resting on a 要綱 needs consent and offers the statutory meeting beside it.
Every type can be held: the statutory ones from a bundled agenda in the TUI, any of them by `import`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.tui_helpers import make_app, open_only_meeting, seed_meeting, settle, type_text
from welfare_tui import domain, meeting_rules
from welfare_tui.agendas import get_agenda, list_agendas
from welfare_tui.cli import app as cli_app
from welfare_tui.i18n import t
from welfare_tui.minutes.markdown import render_markdown
from welfare_tui.minutes.yaml_format import dump_document, load_document

DATA = Path(__file__).parent / "data"

# domain.md §13.1, type by type: legal basis, the provision binding it to secrecy, the statement read
# today, and the meeting to hold instead when the person has not consented ("" = none needed).
EXPECTED = {
    "shien_kaigi": ("社会福祉法第106条の6", "社会福祉法第106条の6第5項", "106-6-5_v2", ""),
    "juso_shien_kaigi": ("重層的支援体制整備事業実施要綱", "", "consent_scope_v1", "shien_kaigi"),
    "yotaikyo_kobetsu": ("児童福祉法第25条の2", "児童福祉法第25条の5", "jifuku-25-5_v1", ""),
    "konkyu_shien_kaigi": (
        "生活困窮者自立支援法第9条",
        "生活困窮者自立支援法第9条第5項",
        "konkyu-9-5_v1",
        "",
    ),
    "shien_chosei": ("支援調整会議設置要綱", "", "generic_v1", "konkyu_shien_kaigi"),
    "seiho_chosei_kaigi": ("生活保護法第27条の3", "生活保護法第27条の3", "seiho-27-3_v1", ""),
    "chiiki_care_kobetsu": ("介護保険法第115条の48", "介護保険法第115条の48", "kaigo-115-48_v1", ""),
    "other": ("", "", "generic_v1", ""),
}
SHIEN_KAIGI_ARTICLE = "第106条の6"
runner = CliRunner()


def fixture(name: str) -> dict:
    return load_document((DATA / f"{name}.yaml").read_text(encoding="utf-8"))


def as_type(meeting_type: str) -> dict:
    """The 支援会議 fixture (a case without consent) recorded as a meeting of `meeting_type`."""
    doc = fixture("meeting_8050")
    kind = domain.MEETING_TYPES[meeting_type]
    doc["meeting"].update(type=meeting_type, type_label=kind.label, legal_basis=kind.legal_basis)
    version, _ = domain.confidentiality_statement(meeting_type)
    doc["meeting"]["confidentiality"]["statement_version"] = version
    return doc


def test_every_type_has_its_law_secrecy_statement_and_consent_rule() -> None:
    assert set(domain.MEETING_TYPES) == set(EXPECTED)
    for key, (basis, secrecy, statement, fallback) in EXPECTED.items():
        kind = domain.MEETING_TYPES[key]
        assert (kind.legal_basis, kind.secrecy, kind.statement, kind.without_consent) == (
            basis,
            secrecy,
            statement,
            fallback,
        ), key
        assert domain.confidentiality_statement(key) == (statement, domain.STATEMENTS[statement])
        # A statutory secrecy duty allows sharing without consent (法令に基づく場合); a 要綱 does not.
        assert kind.needs_consent == (not secrecy and key != "other"), key


def test_a_statutory_type_prints_its_own_notice_naming_its_secrecy_article() -> None:
    for key, kind in domain.MEETING_TYPES.items():
        assert bool(kind.notice) == bool(kind.secrecy), key
        if kind.notice:
            article = re.search(r"第[0-9]+条(の[0-9]+)?", kind.secrecy)
            assert article is not None and article.group() in kind.notice, key
            assert (SHIEN_KAIGI_ARTICLE in kind.notice) == (key == "shien_kaigi"), key


@pytest.mark.parametrize("meeting_type", sorted(EXPECTED))
def test_the_minutes_carry_the_notice_of_their_own_type_only(meeting_type: str) -> None:
    text = render_markdown(as_type(meeting_type))
    kind = domain.MEETING_TYPES[meeting_type]
    notices = [line for line in text.splitlines() if line.startswith("> 本会議録は")]
    assert notices == ([f"> {kind.notice}"] if kind.notice else [])
    assert f"（根拠: {kind.legal_basis}）" in text or not kind.legal_basis


def test_a_yotaikyo_meeting_never_carries_the_shien_kaigi_notice() -> None:
    text = render_markdown(as_type("yotaikyo_kobetsu"))
    notices = [line for line in text.splitlines() if line.startswith("> ")]
    assert any("児童福祉法第25条の5" in line for line in notices)
    assert not any(SHIEN_KAIGI_ARTICLE in line for line in notices)  # (the fixture's purpose names it)
    assert domain.MEETING_TYPES["shien_kaigi"].notice not in text


def test_a_yotaikyo_meeting_in_english_names_its_own_article(english) -> None:
    text = render_markdown(as_type("yotaikyo_kobetsu"))
    assert "Article 25-5 of the Child Welfare Act" in text
    assert "106-6" not in text


def test_the_shien_kaigi_statement_binds_everyone_engaged_and_v1_stays_readable() -> None:
    version, text = domain.confidentiality_statement("shien_kaigi")
    assert version == "106-6-5_v2"
    assert "会議の事務に従事する者又は従事していた者は" in text
    assert "構成員は" in domain.STATEMENTS["106-6-5_v1"]  # what was read before, for old records
    # A confirmed meeting shows the version it recorded; an unknown or empty one, today's.
    assert domain.statement_shown("shien_kaigi", "106-6-5_v1") == "106-6-5_v1"
    assert domain.statement_shown("shien_kaigi", "") == "106-6-5_v2"
    assert domain.statement_shown("yotaikyo_kobetsu", "made_up_v9") == "jifuku-25-5_v1"
    for statement in domain.STATEMENTS:  # each version in both languages
        assert t(f"statement.{statement}") == domain.STATEMENTS[statement]


def test_consent_rule_and_fallback_by_type() -> None:
    none = meeting_rules.ConsentState()
    for key, kind in domain.MEETING_TYPES.items():
        refusal = meeting_rules.consent_refusal(key, none, case="C-1", day="2026-11-20")
        if kind.needs_consent:
            fallback = domain.MEETING_TYPES[meeting_rules.consent_fallback(key)]
            assert refusal is not None and fallback.label in refusal, key
            assert not fallback.needs_consent and fallback.secrecy, key  # the law allows it without consent
            assert get_agenda(fallback.key).meeting_type == fallback.key  # and the TUI can start it
        else:
            assert refusal is None, key
    assert meeting_rules.consent_fallback("shien_chosei") == "konkyu_shien_kaigi"
    assert meeting_rules.consent_fallback("juso_shien_kaigi") == "shien_kaigi"


def test_every_statutory_type_without_consent_has_a_bundled_agenda() -> None:
    bundled = {agenda.meeting_type for agenda in list_agendas(user_dir=Path("/nonexistent"))}
    statutory = {key for key, kind in domain.MEETING_TYPES.items() if kind.secrecy}
    # 要対協 and 地域ケア会議 are run by their own councils with their own forms: an agenda of the
    # municipality's own (docs/agendas.md) or `import` creates them, as before.
    assert statutory - bundled == {"yotaikyo_kobetsu", "chiiki_care_kobetsu"}
    assert {"konkyu_shien_kaigi", "seiho_chosei_kaigi"} <= bundled


def test_an_old_v1_document_imports_and_renders_unchanged(sqlite_url: str) -> None:
    """meeting_8050.yaml was confirmed with the 支援会議 statement v1: it keeps v1 through import and export."""
    from welfare_tui.storage.documents import apply_document, meeting_document
    from welfare_tui.storage.engine import open_database, session_scope

    doc = fixture("meeting_8050")
    assert doc["meeting"]["confidentiality"]["statement_version"] == "106-6-5_v1"
    engine = open_database(sqlite_url)
    try:
        with session_scope(engine) as session:
            meeting_id = apply_document(session, doc=doc)
        with session_scope(engine) as session:
            exported = meeting_document(session, meeting_id=meeting_id)
    finally:
        engine.dispose()
    assert exported["meeting"]["confidentiality"]["statement_version"] == "106-6-5_v1"
    assert dump_document(exported) == (DATA / "meeting_8050.golden.yaml").read_text(encoding="utf-8")
    assert render_markdown(exported) == (DATA / "meeting_8050.golden.md").read_text(encoding="utf-8")
    assert "文言 106-6-5_v1" in render_markdown(exported)


@pytest.mark.parametrize("meeting_type", ["konkyu_shien_kaigi", "seiho_chosei_kaigi", "yotaikyo_kobetsu"])
def test_the_cli_imports_and_exports_a_meeting_of_each_statutory_type(
    tmp_path: Path, sqlite_url: str, meeting_type: str
) -> None:
    path = tmp_path / "meeting.yaml"
    path.write_text(dump_document(as_type(meeting_type)), encoding="utf-8")
    imported = runner.invoke(cli_app, ["--db", sqlite_url, "import", str(path)])
    assert imported.exit_code == 0, imported.output
    exported = runner.invoke(cli_app, ["--db", sqlite_url, "export", "--all", "--format", "md"])
    assert exported.exit_code == 0, exported.stderr
    kind = domain.MEETING_TYPES[meeting_type]
    assert exported.stdout.startswith(f"# {kind.label} 会議録\n")
    assert f"> {kind.notice}" in exported.stdout
    assert f"文言 {kind.statement}" in exported.stdout


def test_the_cli_refuses_a_support_coordination_meeting_without_consent(
    tmp_path: Path, sqlite_url: str
) -> None:
    path = tmp_path / "meeting.yaml"
    path.write_text(dump_document(as_type("shien_chosei")), encoding="utf-8")
    result = runner.invoke(cli_app, ["--db", sqlite_url, "import", str(path)])
    assert result.exit_code != 0
    assert "生活困窮者支援会議" in result.output


# --- TUI ------------------------------------------------------------------------------------------


async def start_meeting(pilot, agenda_id: str) -> None:
    """From the home screen with the one case highlighted: m, pick the agenda, a place, save."""
    from textual.widgets import Select

    from welfare_tui.views.modals.item_form import ItemForm

    await settle(pilot)
    await pilot.press("m")
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, ItemForm)
    form.query_one("#f-agenda", Select).value = agenda_id
    form.query_one("#f-place").focus()
    await pilot.pause()
    await type_text(pilot, "福祉事務所 相談室")
    await pilot.press("ctrl+s")
    await settle(pilot)


def seed_case(db_url: str) -> None:
    from welfare_tui.storage import repo
    from welfare_tui.storage.engine import open_database, session_scope

    engine = open_database(db_url)
    with session_scope(engine) as session:
        repo.create_case(session, label="山田世帯")
    engine.dispose()


@pytest.mark.parametrize("meeting_type", ["konkyu_shien_kaigi", "seiho_chosei_kaigi"])
async def test_the_tui_starts_a_new_statutory_meeting_without_consent(
    tmp_path: Path, db_url: str, meeting_type: str
) -> None:
    from welfare_tui.views.screens.meeting import MeetingScreen

    seed_case(db_url)
    app = make_app(tmp_path, db_url)
    async with app.run_test(size=(100, 32)) as pilot:
        await start_meeting(pilot, meeting_type)
        assert isinstance(app.screen, MeetingScreen)
        assert (app.screen.meeting.type, app.screen.meeting.legal_basis) == (
            meeting_type,
            domain.MEETING_TYPES[meeting_type].legal_basis,
        )


async def test_a_support_coordination_meeting_without_consent_offers_the_needy_persons_support_meeting(
    tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from welfare_tui import locations
    from welfare_tui.agendas import bundled_agendas_dir
    from welfare_tui.views.modals.consent import NoConsentDialog
    from welfare_tui.views.screens.meeting import MeetingScreen

    agendas = tmp_path / "agendas"
    agendas.mkdir()
    own = (bundled_agendas_dir() / "shien_kaigi.yaml").read_text(encoding="utf-8")
    own = own.replace("id: shien_kaigi", "id: chosei").replace(
        "meeting_type: shien_kaigi", "meeting_type: shien_chosei"
    )
    (agendas / "chosei.yaml").write_text(
        own.replace("legal_basis: 社会福祉法第106条の6\n", ""), encoding="utf-8"
    )
    monkeypatch.setattr(locations, "user_agendas_dir", lambda: agendas)
    seed_case(db_url)
    app = make_app(tmp_path, db_url)
    async with app.run_test(size=(100, 32)) as pilot:
        await start_meeting(pilot, "chosei")
        dialog = app.screen
        assert isinstance(dialog, NoConsentDialog)
        reason = str(dialog.query_one("#no-consent-body").render())
        assert "支援調整会議" in reason and "生活困窮者支援会議（生活困窮者自立支援法第9条）" in reason
        assert SHIEN_KAIGI_ARTICLE not in reason
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.meeting.type == "konkyu_shien_kaigi"


def at_confidentiality(db_url: str, agenda_id: str, **recorded: str) -> None:
    from welfare_tui.storage import repo
    from welfare_tui.storage.engine import open_database, session_scope

    meeting_id = seed_meeting(db_url, agenda_id)
    engine = open_database(db_url)
    with session_scope(engine) as session:
        repo.update_meeting(session, meeting_id=meeting_id, current_step="confidentiality", **recorded)
    engine.dispose()


def stored_statement(db_url: str) -> str:
    from welfare_tui.storage import repo
    from welfare_tui.storage.engine import open_database, session_scope

    engine = open_database(db_url)
    with session_scope(engine) as session:
        (meeting,) = repo.list_meetings(session)
        version = repo.get_meeting(session, meeting_id=meeting.id).statement_version
    engine.dispose()
    return version


@pytest.mark.parametrize("agenda_id", ["shien_kaigi", "konkyu_shien_kaigi", "seiho_chosei_kaigi"])
async def test_the_confidentiality_step_reads_and_records_the_types_statement(
    tmp_path: Path, db_url: str, agenda_id: str
) -> None:
    from textual.widgets import Button, Static

    at_confidentiality(db_url, agenda_id)
    version, text = domain.confidentiality_statement(agenda_id)
    app = make_app(tmp_path, db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_only_meeting(pilot)
        statement = app.screen.query_one("#statement", Static)
        assert str(statement.render()) == text
        app.screen.query_one("#confirm-statement", Button).press()
        await settle(pilot)
    assert stored_statement(db_url) == version


async def test_a_meeting_confirmed_with_v1_shows_the_v1_statement(tmp_path: Path, db_url: str) -> None:
    from textual.widgets import Static

    at_confidentiality(
        db_url, "shien_kaigi", confidentiality_confirmed_at="14:03", statement_version="106-6-5_v1"
    )
    app = make_app(tmp_path, db_url)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_only_meeting(pilot)
        shown = str(app.screen.query_one("#statement", Static).render())
    assert shown == domain.STATEMENTS["106-6-5_v1"]
    assert stored_statement(db_url) == "106-6-5_v1"


def test_the_docs_table_of_meeting_types_matches_the_domain() -> None:
    text = (
        (DATA.parent.parent / "docs" / "agendas.md").read_text(encoding="utf-8").split("### Meeting types")[1]
    )
    rows = {line.split("|")[1].strip(" `"): line for line in text.splitlines() if line.startswith("| `")}
    for key, kind in domain.MEETING_TYPES.items():
        row = rows[key]
        assert f"| {kind.label} |" in row and f"`{kind.statement}`" in row, key
        assert (kind.legal_basis or "—") in row, key
        assert ("needed; else" in row) == kind.needs_consent, key
