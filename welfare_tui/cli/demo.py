"""`welfare-tui demo`: fill a database with fictional cases to try the program on."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from welfare_tui.cli.app import handles_errors, settings_of, typer_app

demo_app = typer_app()


@demo_app.command("demo")
@handles_errors
def demo(
    ctx: typer.Context,
    no_open: Annotated[
        bool, typer.Option("--no-open", help="Only build the demo database; do not open the TUI afterwards.")
    ] = False,
) -> None:
    """Make a demo database of fictional cases, then open it in the TUI.

    Five made-up households (8050 with ひきこもり, ダブルケア, ヤングケアラー, ごみ屋敷 with
    セルフネグレクト, a foreign-national household) with finished meetings, ecomaps, role assignments
    and next meetings. Running it again resets the demo cases to their original state. It refuses a
    database that already holds real cases: give the demo its own file with --db.

    Example: welfare-tui --db demo.db demo
    """
    from welfare_tui.demo import build_demo
    from welfare_tui.storage.engine import display_url

    settings = settings_of(ctx)
    summary = build_demo(settings.db_url)
    from welfare_tui.i18n import t

    sys.stderr.write(
        t("cli.demo.done", cases=summary.cases, meetings=summary.meetings, where=display_url(settings.db_url))
        + "\n"
    )
    if not no_open:
        # Textual is imported only there: the rest of the CLI never pays for it.
        from welfare_tui.startup import open_tui

        code = open_tui(settings=settings)  # refuses without a terminal, like `welfare-tui` alone
        if code:
            raise typer.Exit(code)
