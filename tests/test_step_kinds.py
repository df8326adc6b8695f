"""Every step kind the agenda loader accepts has a view, and a kind without one is an error (in the
loader with file:line, in the views' lookup with the step's field path), never notes in disguise."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tests.tui_helpers import make_app, open_only_meeting, settle
from welfare_tui.agendas import STEP_KINDS, parse_agenda
from welfare_tui.errors import AgendaError, InvalidInput
from welfare_tui.views.screens.meeting import MeetingScreen
from welfare_tui.views.steps import STEP_VIEWS, StepView, view_for

pytestmark = pytest.mark.usefixtures("english")


def agenda_with_kind(kind: str) -> str:
    return textwrap.dedent(
        f"""\
        id: one_step
        title: 一つだけの議事
        meeting_type: shien_kaigi
        legal_basis: 社会福祉法第106条の6
        steps:
          - id: only
            kind: {kind}
            title: 議事
            minutes: 5
            required: true
        """
    )


@pytest.mark.parametrize("kind", STEP_KINDS)
def test_every_kind_the_loader_accepts_has_a_view(kind: str) -> None:
    (step,) = parse_agenda(agenda_with_kind(kind)).steps
    view = view_for({"id": step.id, "kind": step.kind}, 0)
    assert issubclass(view, StepView) and view is STEP_VIEWS[kind]


def test_the_views_have_no_kind_the_loader_refuses() -> None:
    assert sorted(STEP_VIEWS) == sorted(STEP_KINDS)


def test_the_loader_refuses_an_unknown_kind_with_file_line_and_field() -> None:
    with pytest.raises(AgendaError) as raised:
        parse_agenda(agenda_with_kind("minutes_only"), "mine.yaml")
    assert str(raised.value).startswith("mine.yaml:7: steps[0].kind: unknown kind 'minutes_only' (")


@pytest.mark.parametrize("kind", ["minutes_only", "", None])
def test_the_views_refuse_an_unknown_kind_instead_of_showing_notes(kind: str | None) -> None:
    with pytest.raises(InvalidInput) as raised:
        view_for({"id": "x", "kind": kind}, 3)
    shown = kind or ""
    assert str(raised.value) == (
        f"steps[3].kind: unknown kind '{shown}' (expected one of: " + ", ".join(STEP_KINDS) + ")"
    )


def seed_meeting_with_unknown_step(db_url: str) -> None:
    """A meeting whose agenda snapshot (as a document import could bring) has a kind with no view."""
    from welfare_tui.storage import repo
    from welfare_tui.storage.engine import open_database, session_scope

    steps = [
        {"id": "opening", "kind": "opening", "title": "開会", "minutes": 5},
        {"id": "future", "kind": "minutes_only", "title": "新しい議事", "minutes": 5},
        {"id": "closing", "kind": "closing", "title": "閉会", "minutes": 5},
    ]
    agenda = SimpleNamespace(id="custom", meeting_type="shien_kaigi", legal_basis="", steps=steps)
    engine = open_database(db_url)
    with session_scope(engine) as session:
        case = repo.create_case(session, label="山田世帯")
        repo.create_meeting(session, case_id=case.id, agenda=agenda, date=date(2026, 11, 20))
    engine.dispose()


async def test_the_meeting_screen_reports_a_step_it_has_no_view_for(tmp_path: Path, monkeypatch) -> None:
    app = make_app(tmp_path, lang="en")
    seed_meeting_with_unknown_step(app.settings.db_url)
    errors: list[str] = []
    shown = app.notify

    def notify(message: str, **options: Any) -> None:
        errors.append(message)
        shown(message, **options)

    monkeypatch.setattr(app, "notify", notify)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_only_meeting(pilot)
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert any(message.startswith("steps[1].kind: unknown kind 'minutes_only'") for message in errors)
        assert screen.meeting.current_step == "opening"  # not moved onto a step it cannot show
        assert type(screen.view).__name__ == "OpeningStep"


def test_import_refuses_a_step_kind_no_view_can_show(tmp_path: Path) -> None:
    """The views refuse an unknown kind, so an imported file never stores one: FILE:LINE: FIELD."""
    from typer.testing import CliRunner

    from welfare_tui.cli import app

    source = Path(__file__).parent / "data" / "meeting_8050.yaml"
    text = source.read_text(encoding="utf-8")
    assert text.count("kind: opening,") == 1
    line = text[: text.index("kind: opening,")].count("\n") + 1
    broken = tmp_path / "kind.yaml"
    broken.write_text(text.replace("kind: opening,", "kind: 寄り道,"), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'kind.db'}"
    result = CliRunner().invoke(app, ["--lang", "en", "--db", url, "import", str(broken)])
    assert result.exit_code == 1
    assert f"{broken}:{line}: steps[0].kind: unknown kind '寄り道'" in result.stderr
    assert "Traceback" not in result.stderr
