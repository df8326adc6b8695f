"""The `--help` baseline: a minimal Typer app with the same commands and groups as welfare-tui.

    python bench/baseline_typer.py SHAPE_JSON [ARGS...]

SHAPE_JSON is {"commands": [...], "groups": {"name": [...]}} as counted from the real app by the
benchmark, so the baseline grows when welfare-tui gains a command. Each command has one option and a
docstring, as a real one would.
"""

from __future__ import annotations

import json
import sys

import typer


def build(shape: dict) -> typer.Typer:
    app = typer.Typer(
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        help="A minimal Typer app.",
    )

    def add(target: typer.Typer, name: str) -> None:
        def command(out: str = typer.Option("-", help="Where to write.")) -> None:
            """Do one thing.

            Example: baseline do --out -
            """
            sys.stdout.write(out)

        target.command(name)(command)

    @app.callback(invoke_without_command=True)
    def root(db: str = typer.Option("", help="Database.")) -> None:
        """Open the baseline."""

    for name in shape["commands"]:
        add(app, name)
    for group_name, commands in shape["groups"].items():
        group = typer.Typer(help=f"The {group_name} group.")
        for name in commands:
            add(group, name)
        app.add_typer(group, name=group_name)
    return app


if __name__ == "__main__":
    shape_text = sys.argv.pop(1)
    build(json.loads(shape_text))(prog_name="baseline")
