"""One export service (storage/exporting.py) for both front ends: `welfare-tui export` and the TUI's
Ctrl+E (`Gateway.export_minutes`) go through `Export.run`, with the same audit stamps, file names and
owner-only files."""

from __future__ import annotations

import stat
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from welfare_tui.cli import app
from welfare_tui.minutes import export_filename
from welfare_tui.storage import audit, exporting
from welfare_tui.storage.documents import meeting_document, select_meeting_ids
from welfare_tui.storage.engine import open_database, session_scope
from welfare_tui.views.gateway import Gateway

runner = CliRunner()


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    from welfare_tui.demo import build_demo

    url = f"sqlite:///{tmp_path_factory.mktemp('service') / 'demo.db'}"
    build_demo(url)
    return url


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[tuple[str, ...], Any]]:
    """Every `Export.run` call: (the job's formats, the choice)."""
    seen: list[tuple[tuple[str, ...], Any]] = []
    original = exporting.Export.run

    def spy(self: exporting.Export, engine: Any, choice: Any, **options: Any) -> Any:
        seen.append((self.job.formats, choice))
        return original(self, engine, choice, **options)

    monkeypatch.setattr(exporting.Export, "run", spy)
    return seen


def first_meeting(url: str) -> tuple[int, dict[str, Any]]:
    """The id and document of the first meeting in export order."""
    engine = open_database(url)
    try:
        with session_scope(engine) as session:
            meeting_id = select_meeting_ids(session, all=True)[0]
            return meeting_id, meeting_document(session, meeting_id=meeting_id)
    finally:
        engine.dispose()


def test_ctrl_e_and_the_command_line_run_the_same_service(
    demo_url: str, tmp_path: Path, runs: list[Any]
) -> None:
    meeting_id, doc = first_meeting(demo_url)
    gateway = Gateway(demo_url, user="tester")
    try:
        paths = gateway.export_minutes(meeting_id, ("md", "yaml"), tmp_path / "tui")
    finally:
        gateway.close()
    result = runner.invoke(
        app, ["--db", demo_url, "export", str(meeting_id), "--format", "md", "--out", str(tmp_path / "cli")]
    )
    assert result.exit_code == 0, result.output
    assert [formats for formats, _ in runs] == [("md", "yaml"), ("md",)]
    assert [list(choice.ids) for _, choice in runs] == [[meeting_id], [str(meeting_id)]]
    # The same names, the same owner-only files, the same stamps.
    assert [path.name for path in paths] == [export_filename(doc, "md"), export_filename(doc, "yaml")]
    assert (tmp_path / "cli" / export_filename(doc, "md")).exists()
    if sys.platform != "win32":
        assert {stat.S_IMODE(path.stat().st_mode) for path in paths} == {0o600}
        assert stat.S_IMODE((tmp_path / "tui").stat().st_mode) == 0o700
    engine = open_database(demo_url)
    try:
        with session_scope(engine) as session:
            cli_entry, tui_entry = audit.entries(session, limit=2)
    finally:
        engine.dispose()
    uid = doc["meeting"]["uid"]
    assert tui_entry["action"] == cli_entry["action"] == "export"
    assert tui_entry["row_id"] == cli_entry["row_id"] == uid
    assert tui_entry["fields"] == ["md", "yaml", str(tmp_path / "tui")]
    assert tui_entry["user"] == "tester"
    assert cli_entry["fields"] == ["md", str(tmp_path / "cli")]
    assert f"#{tui_entry['id']}" in paths[0].read_text(encoding="utf-8")  # the minutes print their stamp
    assert "audit" not in paths[1].read_text(encoding="utf-8")  # YAML leaves it out


def test_a_stream_holds_exactly_one_format(tmp_path: Path) -> None:
    from welfare_tui.errors import InvalidInput

    with pytest.raises(InvalidInput):
        exporting.Export(exporting.ExportJob(("md", "yaml")))
    with pytest.raises(InvalidInput):
        exporting.Export(exporting.ExportJob(("pdf",), tmp_path))
    assert not any(tmp_path.iterdir())
