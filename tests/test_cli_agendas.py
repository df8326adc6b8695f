"""`welfare-tui agendas ...`: data on stdout, one `Error:` line per problem on stderr, exit codes."""

from __future__ import annotations

import json
import textwrap
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from welfare_tui.cli import app

runner = CliRunner()

MINE = textwrap.dedent(
    """\
    id: kobetsu
    title: 個別ケース会議
    title_en: Case meeting
    meeting_type: other
    steps:
      - id: opening
        kind: opening
        title: 開会
        minutes: 5
        required: true
        guide: [目的を共有したか]
    """
)


@pytest.fixture(autouse=True)
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own config directory, so a developer's own agendas never leak in."""
    home = tmp_path / "config"
    home.mkdir()
    monkeypatch.setattr("welfare_tui.locations.config_dir", lambda: home)
    for name in ("WELFARE_TUI_LANG", "WELFARE_TUI_DB", "LANG", "LC_ALL"):
        monkeypatch.delenv(name, raising=False)
    return home


def run(*args: str):
    return runner.invoke(app, list(args))


def test_list_aligns_columns_by_display_width() -> None:
    result = run("agendas", "list")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[0] == "ID"
    ids = [line.split()[0] for line in lines[1:]]
    assert set(ids) == {
        "shien_kaigi",
        "juso_shien_kaigi",
        "hyoka_kaigi",
        "konkyu_shien_kaigi",
        "seiho_chosei_kaigi",
    }

    def columns(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)

    # The title column starts at the same terminal column on every row, Japanese or not.
    titles = {
        "hyoka_kaigi": "評価・モニタリング会議",
        "juso_shien_kaigi": "重層的支援会議（プラン検討）",
        "shien_kaigi": "支援会議",
        "konkyu_shien_kaigi": "生活困窮者支援会議",
        "seiho_chosei_kaigi": "生活保護調整会議",
    }
    starts = {columns(line[: line.rindex(titles[line.split()[0]])]) for line in lines[1:]}
    assert len(starts) == 1
    assert result.stderr == ""


def test_list_in_english() -> None:
    result = run("--lang", "en", "agendas", "list")
    assert result.exit_code == 0
    assert "Support Meeting" in result.stdout and "支援会議" not in result.stdout


def test_list_json_parses(config_home: Path) -> None:
    (config_home / "agendas").mkdir()
    (config_home / "agendas" / "mine.yaml").write_text(MINE, encoding="utf-8")
    result = run("agendas", "list", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    by_id = {item["id"]: item for item in data}
    assert data[-1]["id"] == "kobetsu"
    assert by_id["shien_kaigi"]["meeting_type_label"] == "支援会議"
    assert by_id["shien_kaigi"]["legal_basis"] == "社会福祉法第106条の6"
    assert by_id["shien_kaigi"]["step_count"] == 15
    assert 60 <= by_id["hyoka_kaigi"]["total_minutes"] <= 90
    assert by_id["kobetsu"]["source"].endswith("mine.yaml")


def test_list_with_a_broken_user_agenda_names_file_and_line(config_home: Path) -> None:
    (config_home / "agendas").mkdir()
    broken = MINE.replace("minutes: 5", "minutes: 500")
    (config_home / "agendas" / "mine.yaml").write_text(broken, encoding="utf-8")
    result = run("--lang", "en", "agendas", "list")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ")
    assert "mine.yaml:9: steps[0].minutes: 500 is out of range" in result.stderr


def test_show() -> None:
    result = run("agendas", "show", "shien_kaigi")
    assert result.exit_code == 0
    out = result.stdout
    assert out.splitlines()[0] == "支援会議  (shien_kaigi)"
    assert "社会福祉法第106条の6" in out
    assert " 1 *  5分  開会・趣旨説明  [opening]" in out
    assert "15    2分  閉会  [closing]" in out  # not required: no '*'
    assert "- 開催に至った経緯（相談・通報の内容）を説明したか" in out


def test_show_in_english() -> None:
    result = run("--lang", "en", "agendas", "show", "hyoka_kaigi")
    assert result.exit_code == 0
    assert "Evaluation by goal and decision  [evaluation]" in result.stdout


def test_show_json() -> None:
    result = run("agendas", "show", "juso_shien_kaigi", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["meeting_type"] == "juso_shien_kaigi"
    assert data["total_minutes"] == sum(step["minutes"] for step in data["steps"])
    assert data["steps"][0]["guide"]


def test_show_unknown_id() -> None:
    result = run("--lang", "en", "agendas", "show", "nope")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "Error: no agenda with id 'nope'; see 'welfare-tui agendas list'\n"


def test_validate_ok(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(MINE, encoding="utf-8")
    result = run("agendas", "validate", str(path))
    assert result.exit_code == 0
    assert result.stdout == f"OK: {path}（1 ステップ）\n"


def test_validate_bundled_files() -> None:
    from welfare_tui.agendas import bundled_agendas_dir

    paths = sorted(str(path) for path in bundled_agendas_dir().glob("*.yaml"))
    result = run("agendas", "validate", *paths)
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == len(paths)


def test_validate_broken_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(MINE.replace("kind: opening", "kind: foo"), encoding="utf-8")
    result = run("--lang", "en", "agendas", "validate", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(
        f"Error: {path}:7: steps[0].kind: unknown kind 'foo' (expected one of: opening,"
    )
    assert "Traceback" not in result.output


def test_validate_reports_each_problem_on_its_own_line(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(MINE, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        MINE.replace("minutes: 5", "minutes: 0").replace("required: true", "required: maybe"),
        encoding="utf-8",
    )
    result = run("--lang", "en", "agendas", "validate", str(good), str(bad))
    assert result.exit_code == 1
    assert result.stdout == f"OK: {good} (1 steps)\n"
    assert result.stderr.splitlines() == [
        f"Error: {bad}:9: steps[0].minutes: 0 is out of range (expected 1 to 240 minutes)",
        f"Error: {bad}:10: steps[0].required: expected true or false, got text 'maybe'",
    ]


def test_validate_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "missing.yaml"
    result = run("--lang", "en", "agendas", "validate", str(path))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {path}: cannot read: no such file\n"


@pytest.mark.parametrize("command", ["list", "show", "validate"])
def test_help_has_plain_words_and_an_example(command: str) -> None:
    result = run("agendas", command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.stdout and "welfare-tui" in result.stdout
