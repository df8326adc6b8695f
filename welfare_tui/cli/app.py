"""The Typer application, its global options and the one place where errors become exit codes.

Subcommand modules register themselves on `app`; none of them imports Textual, and heavy libraries
(SQLAlchemy, YAML) are imported inside the commands that need them.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer

from welfare_tui.config import Settings, load_settings
from welfare_tui.errors import ExitCode, StorageUnavailable, WelfareError, describe_driver_error
from welfare_tui.i18n import set_language

app = typer.Typer(
    name="welfare-tui",
    help=(
        "Run a multi-agency case conference (支援会議 / 重層的支援会議) in the terminal and write its minutes.\n\n"
        "With no command, opens the TUI.  Example: welfare-tui --db ./city.db"
    ),
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str, code: int = ExitCode.DOMAIN) -> typer.Exit:
    """Print a one-line `Error: ...` on stderr and return the Exit to raise."""
    sys.stderr.write(f"Error: {message}\n")
    return typer.Exit(int(code))


def handles_errors(command: F) -> F:
    """Turn every error into `Error: ...` on stderr and its exit code; never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except typer.Exit:
            raise
        except WelfareError as error:
            raise fail(str(error), error.exit_code) from None
        except KeyboardInterrupt:
            raise typer.Exit(130) from None
        except BrokenPipeError:
            # `welfare-tui export ... - | head`: the reader left; that is not an error.
            sys.stderr.close()
            raise typer.Exit(0) from None
        except Exception as error:
            if os.environ.get("WELFARE_TUI_DEBUG"):
                raise
            storage = describe_driver_error(error)
            if storage:
                raise fail(storage, StorageUnavailable.exit_code) from None
            raise fail(f"unexpected {type(error).__name__}: {error} (set WELFARE_TUI_DEBUG=1 for details)") from None

    return wrapper  # type: ignore[return-value]


def settings_of(ctx: typer.Context) -> Settings:
    """The settings built by the top-level callback (global options, environment, config file)."""
    root = ctx.find_root()
    if not isinstance(root.obj, Settings):
        root.obj = load_settings()
    return root.obj


DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database file or SQLAlchemy URL (default: WELFARE_TUI_DB, else the file in the user data directory).", show_default=False),
]
LangOption = Annotated[
    str | None,
    typer.Option("--lang", help="Language of screens and minutes: ja or en.", show_default=False),
]


@app.callback(invoke_without_command=True)
def root(ctx: typer.Context, db: DbOption = None, lang: LangOption = None) -> None:
    """Open the TUI when no command is given."""
    try:
        ctx.obj = load_settings(db=db, lang=lang)
    except WelfareError as error:
        raise fail(str(error), error.exit_code) from None
    from welfare_tui.storage.author import set_author

    set_author(ctx.obj.user_name)  # the author the audit log records for this command's edits
    set_language(ctx.obj.lang)
    if ctx.invoked_subcommand is None:
        open_tui(ctx.obj)


@handles_errors
def open_tui(settings: Settings) -> None:
    # Textual is imported only here: subcommands never pay for it.
    from welfare_tui.views.app import run_app

    run_app(settings)
