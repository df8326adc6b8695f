"""The statistics screen (`s` on the home screen) on the demo database: the figures it shows are those
of `welfare-tui stats --format json` and `gaps --format json` for the same year, ←/→ change the year,
1–3 the tab, Esc returns; every line fits the terminal in cells; nothing repaints on a timer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from tests.test_japanese_throughout import drawn_text
from tests.tui_helpers import FIXED_NOW, make_app, settle
from welfare_tui.cli import app as cli_app
from welfare_tui.demo import build_demo
from welfare_tui.views.screens.home import HomeScreen
from welfare_tui.views.screens.statistics import StatisticsScreen, year_caption

runner = CliRunner()
YEAR = 2026  # tests.tui_helpers.FIXED_NOW is 2026-11-20: the 2026 年度


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo households, with unmet needs of their own recorded in two of the year's meetings
    (whatever the demo data records besides)."""
    from welfare_tui.storage import repo
    from welfare_tui.storage.engine import open_database, session_scope

    url = f"sqlite:///{tmp_path_factory.mktemp('stats') / 'demo.db'}"
    build_demo(url)
    engine = open_database(url)
    with session_scope(engine) as session:
        meetings = [m for m in repo.list_meetings(session) if str(m.date) >= f"{YEAR}-04-01"]
        first, second = meetings[0], next(m for m in meetings if m.case_id != meetings[0].case_id)
        for meeting, category, sector in ((first, "ibasho", "kodomo"), (second, "ibasho", "kodomo")):
            values = {
                "category": category,
                "sector": sector,
                "text": "夜に通える居場所がない",
                "member": "本人",
            }
            repo.add_item(session, kind="need", parent_id=meeting.id, values=values)
        values = {"category": "mobility", "sector": "kaigo", "text": "通院の足がない", "member": "母"}
        repo.add_item(session, kind="need", parent_id=first.id, values=values)
    engine.dispose()
    return url


def cli_json(url: str, *args: str) -> dict:
    result = runner.invoke(cli_app, ["--db", url, *args, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


async def open_statistics(pilot) -> StatisticsScreen:
    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, StatisticsScreen)
    return screen


def shown_lines(screen: StatisticsScreen, tab: str) -> list[str]:
    return str(screen.query_one(f"#{tab}-text").render()).splitlines()


def counts_of(line: str) -> list[int]:
    """The counts at the end of a table row (the label may hold digits of its own: 8050)."""
    numbers: list[int] = []
    for word in reversed(line.split()):
        if not word.isdigit():
            break
        numbers.insert(0, int(word))
    return numbers


async def test_the_screen_shows_the_figures_of_stats_json(tmp_path: Path, demo_url: str) -> None:
    # The screen counts as of the app's day, as `--as-of` does.
    expected = cli_json(demo_url, "stats", "--fiscal-year", str(YEAR), "--as-of", f"{FIXED_NOW:%Y-%m-%d}")
    assert expected["as_of"] == f"{FIXED_NOW:%Y-%m-%d}"
    app = make_app(tmp_path, demo_url)
    async with app.run_test(size=(160, 50)) as pilot:  # wide: no label is cut
        screen = await open_statistics(pilot)
        assert screen.year == YEAR
        assert str(screen.query_one("#stats-state").render()) == "2026-11-20現在（年度途中）"
        lines = shown_lines(screen, "figures")
        groups = expected["groups"]
        assert groups and any(series["total"] for group in groups for series in group["series"])
        for group in groups:
            assert group["title"] in lines, group["title"]
            start = lines.index(group["title"])
            start = next(i for i in range(start, len(lines)) if lines[i].startswith("月 "))  # the table
            # The year's column says what it holds, as the Markdown does: 計, 現在 (a stock counted
            # mid-year), 年度実数.
            assert (
                lines[start].split()[-1]
                == {"flow": "計", "stock": "現在", "cases": "年度実数"}[group["kind"]]
            )
            for series in group["series"]:
                row = next(line for line in lines[start:] if line.startswith(series["label"] + " "))
                assert counts_of(row)[-13:] == [*series["months"], series["total"]], series["key"]


async def test_the_gaps_tab_shows_the_counts_of_gaps_json(tmp_path: Path, demo_url: str) -> None:
    expected = cli_json(demo_url, "gaps", "--fiscal-year", str(YEAR))
    app = make_app(tmp_path, demo_url)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_statistics(pilot)
        await pilot.press("3")
        await settle(pilot)
        assert screen.query_one("#stats-tabs").active == "gaps"
        text = "\n".join(shown_lines(screen, "gaps"))
        rows = expected["rows"]
        assert sum(row["needs"] for row in rows) >= 3
        for row in rows:
            key = row["category_label"] + (f"・{row['sector_label']}" if row["sector_label"] else "")
            line = next(line for line in text.splitlines() if line.startswith(key + " "))
            assert line.split()[1:3] == [str(row["needs"]), str(row["cases"])]
            for stage in row["stages"]:
                assert f"{stage['label']}{stage['cases']}" in line


async def test_left_and_right_change_the_year_and_escape_returns(tmp_path: Path, demo_url: str) -> None:
    app = make_app(tmp_path, demo_url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_statistics(pilot)
        await pilot.press("left")
        await settle(pilot)
        assert screen.year == YEAR - 1 and screen.figures.fiscal_year == YEAR - 1
        assert screen.query_one("#year").value == YEAR - 1
        await pilot.press("right", "right")
        await settle(pilot)
        assert screen.year == YEAR + 1 and screen.figures.fiscal_year == YEAR + 1
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_every_tab_fits_80_columns_and_scrolls(tmp_path: Path, demo_url: str) -> None:
    app = make_app(tmp_path, demo_url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_statistics(pilot)
        for key, tab in (("1", "figures"), ("2", "report"), ("3", "gaps")):
            await pilot.press(key)
            await settle(pilot)
            lines = shown_lines(screen, tab)
            assert lines and max(cell_len(line) for line in lines) <= 80 - 2, tab
        body = screen.query_one("#figures-body")
        await pilot.press("1")
        await settle(pilot)
        assert body.max_scroll_y > 0  # longer than the screen: it scrolls
        await pilot.press("pagedown")
        await settle(pilot)
        assert body.scroll_y > 0


async def test_no_timer_repaints_the_screen(tmp_path: Path, demo_url: str) -> None:
    app = make_app(tmp_path, demo_url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_statistics(pilot)
        # Textual's own frame timer only: nothing of ours fires while the screen sits there.
        timers = [timer.name for node in (screen, *screen.query("*")) for timer in node._timers]
        assert set(timers) <= {"screen_update"}, timers
        drawn = []
        screen.draw = lambda: drawn.append(1)  # type: ignore[method-assign]
        await pilot.pause(1.5)
        assert drawn == []
        await pilot.press("left")  # a new year is drawn once it is counted
        await settle(pilot)
        assert drawn == [1]


async def test_s_is_listed_on_the_home_screen_and_in_its_help(tmp_path: Path, demo_url: str) -> None:
    from welfare_tui.views.modals.help import HelpScreen

    app = make_app(tmp_path, demo_url)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "s 統計" in str(app.screen.query_one("#cases-title").render())
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert any(key == "s" and what.startswith("統計") for key, what in app.screen.ours)
        await pilot.press("escape")
        await settle(pilot)
        screen = await open_statistics(pilot)
        await pilot.press("f1")
        await settle(pilot)
        keys = {key for key, _ in app.screen.ours}
        assert {"←", "→", "1", "2", "3", "esc"} <= keys, keys
        assert screen.query_one("#year").value == YEAR


async def test_english_names_the_year_and_the_months(tmp_path: Path, demo_url: str) -> None:
    app = make_app(tmp_path, demo_url, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_statistics(pilot)
        assert str(screen.query_one("#home-title").render()).strip().startswith("Statistics")
        assert year_caption(YEAR) == "FY2026 (Reiwa 8)"
        assert "FY2026 (Reiwa 8)" in drawn_text(app)  # the year list shows it
        header = next(line for line in shown_lines(screen, "figures") if line.startswith("Month"))
        assert header.split()[1:4] == ["Apr", "May", "Jun"] and header.split()[-1] == "Total"


async def test_a_count_that_fails_is_said_never_left_loading(
    tmp_path: Path, demo_url: str, monkeypatch
) -> None:
    from welfare_tui.errors import StorageUnavailable
    from welfare_tui.storage import statistics

    def unavailable(session, *, fiscal_year: int, as_of):
        raise StorageUnavailable("データベースに接続できません")

    monkeypatch.setattr(statistics, "year_figures", unavailable)
    app = make_app(tmp_path, demo_url)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_statistics(pilot)
        assert screen.figures is None
        assert "集計できませんでした" in str(screen.query_one("#stats-state").render())
        assert any("データベースに接続できません" in str(n.message) for n in app._notifications)
