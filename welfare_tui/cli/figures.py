"""`welfare-tui stats` and `welfare-tui gaps`: the year in figures and the unmet needs across cases.

Both count in the database (storage/statistics.py, storage/gaps.py) and print one rendering of the
same values (figures/text_formats.py, figures/svg_charts.py). Counts only: agency names, vocabulary
labels and tags, never a name or a note; the examples of `gaps` are masked.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from welfare_tui.cli.app import fail, handles_errors, settings_of, typer_app
from welfare_tui.i18n import t

stats_app = typer_app()
gaps_app = typer_app()

STATS_FORMATS = ("md", "csv", "json", "svg")
GAPS_FORMATS = ("md", "csv", "json")
YEARS = (2000, 2100)

YearOption = Annotated[
    int | None,
    typer.Option(
        "--fiscal-year",
        metavar="YYYY",
        show_default=False,
        help="The 年度 (April to March) by its first year.",
    ),
]
EraOption = Annotated[bool, typer.Option("--era", help="Name the year in 和暦 (令和8年度).")]


def _year(value: int | None) -> int | None:
    from welfare_tui.errors import ExitCode

    if value is not None and not YEARS[0] <= value <= YEARS[1]:
        raise fail(t("figures.cli.bad_year", year=value), ExitCode.USAGE)
    return value


def _format(value: str, allowed: tuple[str, ...]) -> str:
    from welfare_tui.errors import ExitCode

    if value not in allowed:
        raise fail(t("figures.cli.bad_format", formats="|".join(allowed), got=value), ExitCode.USAGE)
    return value


def _emit(content: str, out: str | None) -> None:
    if out is None or out == "-":
        sys.stdout.write(content)
        sys.stdout.flush()
        return
    from welfare_tui.storage.exporting import write_private_file

    write_private_file(Path(out), content)
    sys.stderr.write(t("figures.cli.written", path=out) + "\n")


@stats_app.command("stats")
@handles_errors
def stats_command(
    ctx: typer.Context,
    fiscal_year: Annotated[
        int,
        typer.Option("--fiscal-year", metavar="YYYY", help="The 年度 (April to March) by its first year."),
    ],
    fmt: Annotated[str, typer.Option("--format", metavar="md|csv|json|svg", help="What to print.")] = "md",
    era: EraOption = False,
    report_form: Annotated[
        str | None,
        typer.Option(
            "--report-form",
            metavar="FILE",
            show_default=False,
            help="A report form (YAML) mapping the figures onto your municipality's rows; default: the bundled one.",
        ),
    ] = None,
    out: Annotated[
        str | None,
        typer.Option(
            "--out", metavar="FILE", show_default=False, help="Write to FILE (owner-only) instead of stdout."
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            show_default=False,
            help="Count as known on DATE (YYYY-MM-DD; default today): a half-year report, or last year again.",
        ),
    ] = None,
) -> None:
    """Print the year in figures: intakes, cases by stage, meetings, plans, consents, closures and more, by month.

    Counts only (no names, no notes), with the table of a report form. What each figure counts is in
    docs/statistics.md.

    Example: welfare-tui stats --fiscal-year 2026 --era --format svg --out 令和8年度.svg
    """
    import dataclasses

    from welfare_tui.figures.report_form import apply_form, load_form
    from welfare_tui.records.values import optional_date

    year = _year(fiscal_year)
    assert year is not None
    day = optional_date("--as-of", as_of)
    render = _stats_renderer(_format(fmt, STATS_FORMATS))
    form = load_form(report_form)  # a broken form is refused before the database is opened
    from welfare_tui.storage.engine import opened_database, session_scope
    from welfare_tui.storage.statistics import year_figures

    with opened_database(settings_of(ctx).db_url) as engine, session_scope(engine) as session:
        figures = year_figures(session, fiscal_year=year, as_of=day)
    figures = dataclasses.replace(figures, form=apply_form(form, figures))
    _emit(render(figures, era=era), out)


def _stats_renderer(fmt: str) -> Callable[..., str]:
    from welfare_tui.figures import svg_charts, text_formats

    return {
        "md": text_formats.stats_markdown,
        "csv": text_formats.stats_csv,
        "json": text_formats.stats_json,
        "svg": svg_charts.stats_svg,
    }[fmt]


@gaps_app.command("gaps")
@handles_errors
def gaps_command(
    ctx: typer.Context,
    fiscal_year: YearOption = None,
    fmt: Annotated[str, typer.Option("--format", metavar="md|csv|json", help="What to print.")] = "md",
    era: EraOption = False,
) -> None:
    """Print the unmet needs (地域課題) recorded in meetings, by category and sector, with masked examples.

    Counts of needs and of the cases they come from, the stages of those cases now, and a few examples
    whose names are masked (A氏, ○○), for the 協議体 or the 地域づくり meeting. Without --fiscal-year,
    every need recorded.

    Example: welfare-tui gaps --fiscal-year 2026 --format csv > 地域課題.csv
    """
    from welfare_tui.figures import text_formats

    year = _year(fiscal_year)
    render = {
        "md": text_formats.gaps_markdown,
        "csv": text_formats.gaps_csv,
        "json": text_formats.gaps_json,
    }[_format(fmt, GAPS_FORMATS)]
    from welfare_tui.storage.engine import opened_database, session_scope
    from welfare_tui.storage.gaps import gap_report

    with opened_database(settings_of(ctx).db_url) as engine, session_scope(engine) as session:
        report = gap_report(session, fiscal_year=year)
    _emit(render(report, era=era), None)
