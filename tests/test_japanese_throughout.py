"""Japanese mode shows no English words (issue 16, item 6): every screen, dialog, the command palette
and F1 help of a whole meeting as drawn, and the `エラー:` line of every CLI error path.

A word is a run of ASCII letters standing alone. What is not a word: text in quotes (a value the
user wrote, a command to type), anything joined to digits or to `_ - . / : [ ] + ^ = @ #` (field
paths such as `steps[0].kind`, ids such as C-2026-001, keys such as Ctrl+S or f1, file names, URLs)
and single letters (keys such as `n`, people such as A氏). The few words left that may stay are in
ALLOWED, each with its reason. The mirror image, "no Japanese in English mode", is
tests/test_tui_language.py.
"""

from __future__ import annotations

import html
import io
import re
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.tui_helpers import make_app, settle, type_text
from welfare_tui.cli import app as cli_app
from welfare_tui.demo import build_demo

ALLOWED = {
    # Key names, written as Textual's key bar and help write them (esc, tab, home...) or as our
    # texts write them (Esc, Enter, Ctrl+S): the user presses what is printed on the keyboard.
    "esc",
    "enter",
    "tab",
    "home",
    "end",
    "pgup",
    "pgdn",
    "ctrl",
    "shift",
    "super",
    "space",
    "delete",
    "del",
    # Formats and codes the user meets in files and on the command line: YAML's true and false, the
    # languages of --lang.
    "yaml",
    "csv",
    "url",
    "id",
    "utf",
    "nul",
    "mb",
    "true",
    "false",
    "ja",
    "en",
    # Names: programs the messages tell the user to run, the database engines, a file format.
    "welfare",
    "tui",
    "sqlite",
    "postgresql",
    "chmod",
    "markdown",
    # Names in the agency catalogue's short names (SSW: スクールソーシャルワーカー, CM: ケアマネジャー).
    "ssw",
    "cm",
}

_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"")
# エラー: FILE:LINE: FIELD: message, or エラー: FIELD: message: FIELD is a path, kept as it is.
_FIELD = re.compile(r"(エラー: |:\d+: )[A-Za-z_][A-Za-z0-9_.\[\]\-]*(?=: )")
# A command-line option with its metavar (--case CODE), and a list of identifiers the user may type
# (使えるのは: opening, attendance, ...): codes.
# Click's usage line (使い方: welfare-tui export [OPTIONS] COMMAND...) is the command's syntax: code.
_USAGE = re.compile(r"使い方: .*")
_OPTION = re.compile(r"--[a-z][a-z-]*(?: [A-Z][A-Z_]*\b)?")
_VOCABULARY = re.compile(r"\b[a-z][a-z0-9_]*(?:, [a-z][a-z0-9_]*)+\b")
_CODE = r"A-Za-z0-9_\-/\\\[\]+^=@#<>$%~"
# A colon or full stop joins a code only with no space after it (HH:MM, b.yaml), not after a word.
_WORD = re.compile(rf"(?<![{_CODE}.:])[A-Za-z]{{2,}}(?![{_CODE}]|[.:][^\s])")


def english_words(text: str, *paths: Path | str) -> list[str]:
    """The English words of `text` that are not names, keys or codes (see the module docstring)."""
    for path in sorted(map(str, paths), key=len, reverse=True):  # file names the test made
        text = text.replace(path, " ")
    text = _FIELD.sub(r"\1 ", _QUOTED.sub(" ", text))
    text = _OPTION.sub(" ", _VOCABULARY.sub(" ", _USAGE.sub(" ", text)))
    return [word for word in _WORD.findall(text) if word.lower() not in ALLOWED]


def test_the_scanner_finds_english_and_lets_names_keys_and_codes_be() -> None:
    assert english_words("エラー: no meeting with id 999") == ["no", "meeting", "with"]
    assert english_words("Error: ID 999 の会議はありません") == ["Error"]
    assert (
        english_words(
            "/tmp/x/b.yaml:6: steps[0].kind: 不明な種類 'foo'（使えるのは: opening, wrap_up）",
            "/tmp/x/b.yaml",
        )
        == []
    )
    assert english_words("--case CODE か --all を指定。missing required field") == [
        "missing",
        "required",
        "field",
    ]
    assert (
        english_words("Ctrl+S で保存、Esc で閉じる。f1 ヘルプ ^k コマンド。A氏 C-2026-001 YYYY-MM-DD の形で")
        == []
    )
    assert english_words("'welfare-tui db upgrade' を実行") == []
    assert english_words("エラー: /tmp/x/a.yaml:3: anchor: 使えません", "/tmp/x/a.yaml") == []
    assert english_words("エラー: name: 空です") == []
    assert english_words("データベースは空です. Run it.") == ["Run", "it"]


# --- the TUI ------------------------------------------------------------------------------------

_RUN = re.compile(r'<text [^>]*clip-path="url\(#[\w-]*-line-(\d+)\)"[^>]*>(.*?)</text>', re.DOTALL)


def drawn_text(app) -> str:
    """The characters on the screen as drawn, row by row: the text runs of the SVG screenshot (a
    space between runs, so that two runs never make one word), markup decoded."""
    rows: dict[int, list[str]] = {}
    for row, run in _RUN.findall(app.export_screenshot()):
        rows.setdefault(int(row), []).append(html.unescape(re.sub(r"<[^>]+>", "", run)).replace("\xa0", " "))
    return "\n".join(" ".join(rows[row]) for row in sorted(rows))


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('ja') / 'demo.db'}"
    build_demo(url)
    return url


class Seen:
    """Every screen looked at, with the English words found on it."""

    def __init__(self, app) -> None:
        self.app = app
        self.found: dict[str, list[str]] = {}
        self.names: list[str] = []

    def look(self, name: str, *typed: str) -> None:
        """Scan the screen; `typed` is what the test typed (the user's words, not the program's)."""
        self.names.append(name)
        words = english_words(drawn_text(self.app), *typed)
        if words:
            self.found[name] = words


async def test_a_whole_meeting_in_japanese_shows_no_english(tmp_path: Path, demo_url: str) -> None:
    from textual.widgets import Select

    from welfare_tui.views.modals.confirm import ConfirmDialog
    from welfare_tui.views.modals.conflict import ConflictDialog
    from welfare_tui.views.modals.consent import NoConsentDialog
    from welfare_tui.views.modals.help import HelpScreen, key_sections
    from welfare_tui.views.modals.item_form import ItemForm
    from welfare_tui.views.screens.meeting import MeetingScreen
    from welfare_tui.views.widgets.item_table import ItemTable

    app = make_app(tmp_path, demo_url)
    seen = Seen(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        seen.look("home")

        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        seen.look("help")
        ours, editing = app.screen.ours, app.screen.editing
        assert ours and editing  # the program's keys, then the editing keys of the table in focus
        listed = "\n".join(f"{key} {what}" for key, what in ours + editing)
        if english_words(listed):
            seen.found["help (all rows)"] = english_words(listed)
        await pilot.press("escape")

        await pilot.press("ctrl+k")
        await settle(pilot)
        seen.look("palette")
        await type_text(pilot, "zzqq")
        await pilot.pause(0.8)  # the palette says "no matches" after half a second
        seen.look("palette without matches", "zzqq")
        await pilot.press("escape")
        await settle(pilot)

        # The contact log of the highlighted case and its form.
        await pilot.press("v")
        await settle(pilot)
        seen.look("contact log")
        await pilot.press("a")
        await settle(pilot)
        seen.look("contact log dialog")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)

        for key, name in (
            ("n", "new case"),
            ("m", "new meeting"),
            ("f", "follow-up dashboard"),
            ("r", "resource register"),
            ("s", "statistics screen"),
        ):
            await pilot.press(key)
            await settle(pilot)
            seen.look(name)
            selects = list(app.screen.query(Select))
            if selects:
                selects[0].focus()
                await pilot.press("enter")  # a dropdown open: the key bar says how to close it
                await settle(pilot)
                seen.look(f"{name}, a dropdown open")
                if not isinstance(app.screen, ItemForm):  # a screen with a key bar (Textual's "Dismiss menu")
                    assert re.search(r"esc\s+一覧を閉じる", drawn_text(app))
                await pilot.press("escape")
            await pilot.press("escape")
            await settle(pilot)

        # The statistics screen's other tabs and its help.
        await pilot.press("s")
        await settle(pilot)
        for key, name in (("2", "report form"), ("3", "unmet needs")):
            await pilot.press(key)
            await settle(pilot)
            seen.look(f"statistics screen, {name}")
        await pilot.press("f1")
        await settle(pilot)
        seen.look("statistics screen help")
        await pilot.press("escape", "escape")
        await settle(pilot)

        app.screen.query_one("#meetings").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
        meeting = app.screen
        for number, step in enumerate(meeting.meeting.steps, start=1):
            seen.look(f"step {number} {step['kind']}")
            tables = [table for table in meeting.query(ItemTable) if table.display]
            if tables:
                tables[0].focus()
                await pilot.press("f1")
                await settle(pilot)
                seen.look(f"step {number} help")
                ours, editing = key_sections(meeting)
                rows = "\n".join(f"{key} {what}" for key, what in [*ours, *editing])
                if english_words(rows):
                    seen.found[f"step {number} help (all rows)"] = english_words(rows)
                await pilot.press("escape")
                await pilot.press("a")
                await settle(pilot)
                if isinstance(app.screen, ItemForm):
                    seen.look(f"step {number} dialog")
                    await pilot.press("escape")
                    await settle(pilot)
                if tables[0].rows and not isinstance(app.screen, ConfirmDialog):
                    tables[0].table.focus()
                    await pilot.press("d")  # the question before a row is deleted; "n" keeps it
                    await settle(pilot)
                    if isinstance(app.screen, ConfirmDialog):
                        seen.look(f"step {number} delete question")
                        await pilot.press("n")
                        await settle(pilot)
            await pilot.press("ctrl+n")
            await settle(pilot)

        # The dialogs a meeting shows only when something goes wrong, as they are drawn.
        for dialog in (
            NoConsentDialog("𠮷田世帯", "juso_shien_kaigi"),
            ConflictDialog([("支援方針", "週1回の訪問", "月2回の訪問")]),
        ):
            app.push_screen(dialog)
            await settle(pilot)
            seen.look(type(dialog).__name__)
            app.pop_screen()
            await settle(pilot)

    assert len(seen.names) > 20, seen.names
    assert any(name.endswith("delete question") for name in seen.names), seen.names
    assert {
        "new case",
        "new case, a dropdown open",
        "new meeting",
        "follow-up dashboard",
        "follow-up dashboard, a dropdown open",
        "contact log",
        "contact log dialog",
        "resource register",
        "statistics screen",
        "statistics screen, a dropdown open",
        "statistics screen, unmet needs",
    } <= set(seen.names)
    assert sum(name.endswith(" dialog") for name in seen.names) >= 5, seen.names
    assert seen.found == {}


# --- the command line ---------------------------------------------------------------------------

runner = CliRunner()


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Japanese by default: no language from the environment, no user agendas, no config file."""
    for name in ("WELFARE_TUI_LANG", "WELFARE_TUI_DB", "LANG", "LC_ALL"):
        monkeypatch.delenv(name, raising=False)
    home = tmp_path / "config"
    home.mkdir()
    monkeypatch.setattr("welfare_tui.locations.config_dir", lambda: home)
    return home


def _files(tmp_path: Path) -> dict[str, Path]:
    """Broken inputs, one per kind of mistake."""
    data = Path(__file__).parent / "data"
    good = (data / "meeting_8050.yaml").read_text(encoding="utf-8")
    files = {
        "agenda": "id: broken\ntitle: 壊れた議事次第\nmeeting_type: nonsense\nsteps:\n  - id: A\n    kind: nonsense\n"
        "    title: 開会\n    minutes: 0\n    required: maybe\n    colour: red\n",
        "agenda_empty": "",
        "agenda_list": "- a\n- b\n",
        "agenda_syntax": "id: [unclosed\n",
        "bad_values": good.replace("date: '2026-", "date: '2026-13-", 1).replace(
            "mode: in_person", "mode: zoom", 1
        ),
        "syntax": "format: welfare-tui-minutes\nversion: 1\ncase:\n  label: [A氏世帯\n",
        "no_format": "version: 1\ncase: {}\n",
        "old_version": "format: welfare-tui-minutes\nversion: 2\n",
        "not_mapping": "- a\n- b\n",
        "anchor": "format: welfare-tui-minutes\nversion: 1\nx: &a 1\ny: *a\n",
        "unknown_agency": good.replace("agency: houkatsu", "agency: nowhere_agency", 1),
        "resources_bad": "format: welfare-tui-resources\nversion: 1\nresources:\n"
        "  - {id: Bad Id, name: ほっとスペース}\n  - {id: midori, name: みどり食堂, category: shokudo, size: 3}\n",
        "masked": good.replace(
            "format: welfare-tui-minutes\n", "format: welfare-tui-minutes\nmasked: true\n", 1
        ),
    }
    paths = {}
    for name, text in files.items():
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        paths[name] = path
    (tmp_path / "latin1.yaml").write_bytes("id: caf\xe9\n".encode("latin-1"))
    paths["latin1"] = tmp_path / "latin1.yaml"
    return paths


def _error_cases(tmp_path: Path, demo: str, files: dict[str, Path]) -> list[tuple[str, list[str]]]:
    db = ["--db", demo]
    md = ["--format", "md"]
    return [
        ("unknown meeting", [*db, "export", "999", *md]),
        ("impossible date", [*db, "export", "--all", "--since", "2026-02-30", *md]),
        (
            "since after until",
            [*db, "export", "--all", "--since", "2026-12-01", "--until", "2026-11-01", *md],
        ),
        ("no selection", [*db, "export", *md]),
        ("two selections", [*db, "export", "1", "--all", *md]),
        ("empty out", [*db, "export", "--all", *md, "--out", " "]),
        ("unknown agency", [*db, "export", "--all", *md, "--agency", "存在しない機関"]),
        (
            "agency not involved",
            [
                *db,
                "export",
                "--case",
                "DEMO-2026-003",
                *md,
                "--agency",
                "ハローワーク",
                "--out",
                str(tmp_path / "out"),
            ],
        ),
        ("unwritable out", [*db, "export", "--all", *md, "--out", str(files["agenda"] / "x")]),
        ("unknown case", [*db, "meetings", "list", "--case", "C-1999-999"]),
        ("due, unknown agency", [*db, "due", "--agency", "どこにもない機関"]),
        ("due, bad date", [*db, "due", "--today", "2026-13-01"]),
        (
            "contacts, unknown case",
            [*db, "contacts", "add", "C-1999-999", "--mode", "visit", "--whom", "person"],
        ),
        (
            "contacts, bad date",
            [
                *db,
                "contacts",
                "add",
                "DEMO-2026-001",
                "--mode",
                "visit",
                "--whom",
                "person",
                "--next",
                "2026-02-30",
            ],
        ),
        (
            "contacts, bad mode",
            [*db, "contacts", "add", "DEMO-2026-001", "--mode", "fax", "--whom", "person"],
        ),
        ("contacts, bad format", [*db, "contacts", "list", "--format", "xlsx"]),
        ("unknown agenda", ["agendas", "show", "nope"]),
        ("broken agenda", ["agendas", "validate", str(files["agenda"])]),
        ("empty agenda", ["agendas", "validate", str(files["agenda_empty"])]),
        ("agenda a list", ["agendas", "validate", str(files["agenda_list"])]),
        ("agenda syntax", ["agendas", "validate", str(files["agenda_syntax"])]),
        ("agenda not UTF-8", ["agendas", "validate", str(files["latin1"])]),
        ("agenda missing", ["agendas", "validate", str(tmp_path / "none.yaml")]),
        (
            "import problems",
            [
                *db,
                "import",
                *(
                    str(files[name])
                    for name in (
                        "bad_values",
                        "syntax",
                        "no_format",
                        "old_version",
                        "not_mapping",
                        "anchor",
                        "unknown_agency",
                        "masked",
                        "latin1",
                    )
                ),
            ],
        ),
        ("import a missing file", [*db, "import", str(tmp_path / "none.yaml")]),
        ("import a broken resource register", [*db, "resources", "import", str(files["resources_bad"])]),
        ("unknown resource", [*db, "resources", "show", "nowhere"]),
        ("match for an unknown case", [*db, "matches", "add", "C-1999-999", "nowhere", "--member", "本人"]),
        ("unknown match", [*db, "matches", "set", "999", "started"]),
        ("unknown language", ["--lang", "xx", "cases", "list"]),
        ("a directory as database", ["--db", str(tmp_path), "cases", "list"]),
        ("not a database", ["--db", str(files["agenda"]), "cases", "list"]),
        ("backup onto itself", [*db, "db", "backup", demo.removeprefix("sqlite:///")]),
        ("restore a text file", [*db, "db", "restore", str(files["agenda"])]),
        ("restore a missing file", [*db, "db", "restore", str(tmp_path / "none.db")]),
        ("demo over real cases", ["--db", str(tmp_path / "city.db"), "demo", "--no-open"]),
        ("bad head hash", [*db, "db", "check", "--expect-head", "zzz"]),
        # Click's usage errors (exit 2)
        ("unknown option", [*db, "db", "upgrade", "--nope"]),
        ("unknown format", [*db, "export", "--all", "--format", "pdf"]),
        ("option without its value", [*db, "export", "--all", "--format"]),
        ("extra argument", [*db, "cases", "list", "余分"]),
        ("unknown command", [*db, "nosuch"]),
    ]


def test_every_cli_error_path_speaks_japanese(tmp_path: Path, cli_env: Path, demo_url: str) -> None:
    from welfare_tui.storage import repo
    from welfare_tui.storage.engine import open_database, session_scope

    files = _files(tmp_path)
    engine = open_database(f"sqlite:///{tmp_path / 'city.db'}")  # a municipality's own case: no demo here
    with session_scope(engine) as session:
        repo.create_case(session, label="𠮷田世帯")
    engine.dispose()
    demo = str(tmp_path / "demo.db")
    Path(demo).write_bytes(Path(demo_url.removeprefix("sqlite:///")).read_bytes())
    demo_url_copy = f"sqlite:///{demo}"

    found: dict[str, list[str]] = {}
    checked = []
    for name, args in _error_cases(tmp_path, demo_url_copy, files):
        result = runner.invoke(cli_app, args)
        lines = result.stderr.splitlines()
        assert result.exit_code in (1, 2, 3), (name, result.exit_code, result.output)
        errors = [line for line in lines if line.startswith("エラー: ")]
        assert len(errors) == 1 or name.endswith("agenda") or name.startswith("import"), (name, result.stderr)
        assert errors and all(line.startswith(("エラー: ", "使い方: ", "'")) for line in lines if line), (
            result.stderr
        )
        checked.append(name)
        words = english_words(result.stderr, tmp_path)
        if words:
            found[name] = words
    assert found == {}
    assert len(checked) == len(_error_cases(tmp_path, demo_url_copy, files))


def test_a_tampered_database_is_reported_in_japanese(tmp_path: Path, cli_env: Path, demo_url: str) -> None:
    copy = tmp_path / "tampered.db"
    copy.write_bytes(Path(demo_url.removeprefix("sqlite:///")).read_bytes())
    connection = sqlite3.connect(copy)
    connection.execute("""UPDATE "case" SET summary = '改ざん' WHERE id = 1""")
    connection.commit()
    connection.close()
    result = runner.invoke(cli_app, ["--db", str(copy), "db", "check"])
    assert result.exit_code == 1, result.stderr
    lines = result.stderr.splitlines()  # a warning (the copy is readable by others), then the error
    assert [line.split(" ")[0] for line in lines[:2]] == ["警告:", "エラー:"], result.stderr
    assert "ケース 1（ケース DEMO-2026-001）" in result.stderr
    assert english_words(result.stderr, tmp_path) == []


async def test_help_lists_the_programs_keys_first_and_never_cuts_a_key(tmp_path: Path, demo_url: str) -> None:
    from rich.console import Console

    from welfare_tui.views.modals.help import key_table

    app = make_app(tmp_path, demo_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        ours, editing = app.screen.ours, app.screen.editing
        lines = drawn_text(app).splitlines()
        assert lines[0].startswith("キー操作のヘルプ")
        first_row = next(line for line in lines[1:] if line.strip())
        assert first_row.split()[0] in {key for key, _ in ours}  # the program's keys on top
        assert ("shift+tab", "前の項目へ移動") in editing  # Textual's keys: a second section, in Japanese
        console = Console(width=30, file=io.StringIO(), record=True)  # narrower than any dialog
        console.print(key_table(ours + editing))
        drawn = [line.split()[0] for line in console.export_text().splitlines() if line[:1].strip()]
        assert drawn == [key for key, _ in ours + editing]  # every key whole, on its own row
