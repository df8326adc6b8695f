"""The Typer application, its global options and the one place where errors become exit codes.

The root knows its commands by `COMMANDS` (name → module, its Typer, one-line summary) and imports a
command's module only when that command is named: `welfare-tui --help` lists the summaries and loads
none of them (Click's "lazy loading subcommands" pattern). Each command module owns its Typer, made by
`typer_app` with the root's settings; none imports Textual, and heavy libraries (SQLAlchemy, YAML)
are imported inside the commands that need them. This module imports only Typer at the top, for the
same reason.
"""

from __future__ import annotations

import functools
import importlib
import sys
from collections.abc import Callable, Iterator, MutableMapping, Sequence
from gettext import gettext
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer
import typer.main

# Typer 0.29 vendors Click as the private `typer._click` and exports none of the Click classes the root
# group speaks (Command, Context, HelpFormatter, UsageError, the short-help rule). This module is the
# only one that imports it: when Typer moves it, only this line and LazyGroup change.
from typer import _click
from typer.core import TyperGroup

from welfare_tui.failure import report, say
from welfare_tui.startup import configure, open_tui

if TYPE_CHECKING:
    from welfare_tui.config import Settings

# Command name → (module, the module's Typer, summary). Order is the order of `welfare-tui --help`.
# A summary is the first paragraph of the command's help (tests/test_cli_commands.py keeps them equal).
COMMANDS: dict[str, tuple[str, str, str]] = {
    "demo": (
        "welfare_tui.cli.demo",
        "demo_app",
        "Make a demo database of fictional cases, then open it in the TUI.",
    ),
    "due": (
        "welfare_tui.cli.due",
        "due_app",
        "List open role assignments, monitoring dates and plan reviews, grouped by agency.",
    ),
    "export": (
        "welfare_tui.cli.export",
        "export_app",
        "Write the minutes of meetings (and their ecomaps) in the formats of --format.",
    ),
    "import": (
        "welfare_tui.cli.import_cmd",
        "import_app",
        "Import meeting documents (YAML) into the database, all files or none.",
    ),
    "agendas": (
        "welfare_tui.cli.agendas",
        "agendas_app",
        "Meeting templates: the ordered steps, time boxes and guide questions of a meeting.",
    ),
    "db": (
        "welfare_tui.cli.db",
        "db_app",
        "The database: where it is, and upgrading its schema after installing a new welfare-tui.",
    ),
    "notice": (
        "welfare_tui.cli.notice",
        "notice_app",
        "Write a meeting notice (開催通知) for each agency invited to a planned meeting.",
    ),
    "print": (
        "welfare_tui.cli.print_cmd",
        "print_app",
        "Write a meeting's minutes as a Word document or a PDF, ready to print.",
    ),
    "cases": ("welfare_tui.cli.case_commands", "cases_app", "Cases (世帯・ケース) in the database."),
    "meetings": ("welfare_tui.cli.case_commands", "meetings_app", "Meetings (会議) in the database."),
    "intake": (
        "welfare_tui.cli.intake",
        "intake_app",
        "Intakes (つなぎ受付): consultations passed on to 多機関協働, and what became of them.",
    ),
    "stats": (
        "welfare_tui.cli.figures",
        "stats_app",
        "Print the year in figures: intakes, cases by stage, meetings, plans, consents, closures and more, by month.",
    ),
    "gaps": (
        "welfare_tui.cli.figures",
        "gaps_app",
        "Print the unmet needs (地域課題) recorded in meetings, by category and sector, with masked examples.",
    ),
    "contacts": (
        "welfare_tui.cli.contacts",
        "contacts_app",
        "Contact log (支援経過 / アウトリーチ): visits, calls and letters between meetings.",
    ),
    "resources": (
        "welfare_tui.cli.resources",
        "resources_app",
        "The register of local resources (地域資源) that 参加支援 matches people with.",
    ),
    "matches": (
        "welfare_tui.cli.matches",
        "matches_app",
        "参加支援 matches: a household member and a local resource, proposed → started → settled → ended.",
    ),
}


def load_command(name: str) -> _click.Command:
    """The Click command (or group) `name` of `COMMANDS`, built from its module's Typer: a Typer made
    with a name is a group, even of one command (`cases list`); one without is its one command."""
    module, attribute, _ = COMMANDS[name]
    sub = getattr(importlib.import_module(module), attribute)
    return typer.main.get_group(sub) if sub.info.name else typer.main.get_command(sub)


class _LazyCommands(MutableMapping[str, _click.Command]):
    """The root's subcommands: every name of `COMMANDS`, each loaded the first time it is looked up.

    A mapping rather than a dict so that Typer's "Did you mean ...?" sees every name unloaded. Click
    types a group's commands as mutable (`add_command`); the root's are fixed by `COMMANDS`."""

    def __init__(self) -> None:
        self._loaded: dict[str, _click.Command] = {}

    def __getitem__(self, name: str) -> _click.Command:
        if name not in self._loaded:
            self._loaded[name] = load_command(name)  # KeyError for a name not in COMMANDS
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)

    def __setitem__(self, name: str, command: _click.Command) -> None:
        raise TypeError("add commands to welfare_tui.cli.app.COMMANDS, not to the root Typer")

    def __delitem__(self, name: str) -> None:
        raise TypeError("the root's commands are welfare_tui.cli.app.COMMANDS")


class LazyGroup(TyperGroup):
    """The root group: lists `COMMANDS` without importing them; `get_command` loads one by name."""

    def __init__(self, *, commands: Any = None, **options: Any) -> None:
        if commands:
            raise TypeError("add commands to welfare_tui.cli.app.COMMANDS, not to the root Typer")
        super().__init__(**options)
        self.commands = _LazyCommands()

    def list_commands(self, ctx: _click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: _click.Context, cmd_name: str) -> _click.Command | None:
        return self.commands.get(cmd_name)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Click's main, with its usage errors (exit 2) in the user's language: Click writes "Usage:
        ... Try '... --help' for help. Error: ..." in English whatever --lang says."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, windows_expand_args, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except _click.exceptions.UsageError as error:
            show_usage_error(error)
            sys.exit(error.exit_code)
        except _click.exceptions.ClickException as error:
            error.show()
            sys.exit(error.exit_code)
        except typer.Abort:
            _click.echo(gettext("Aborted!"), file=sys.stderr)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    def format_commands(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """The Commands section of `--help` from the summaries, shortened as Click shortens help."""
        limit = formatter.width - 6 - max(map(len, COMMANDS))
        rows = [
            (name, _click.utils.make_default_short_help(summary, limit))
            for name, (_, _, summary) in COMMANDS.items()
        ]
        with formatter.section(gettext("Commands")):
            formatter.write_dl(rows)


def show_usage_error(error: _click.exceptions.UsageError) -> None:
    """A usage error as Click shows it (usage line, help hint, error line), in the user's language."""
    from welfare_tui.i18n import foreign, language, t

    if language() == "en":
        error.show()
        return
    context = error.ctx
    if context is not None:
        usage = context.get_usage().removeprefix("Usage: ")
        hint = ""
        if context.command.get_help_option(context) is not None:
            hint = (
                t("error.usage_help", command=context.command_path, option=context.help_option_names[0])
                + "\n"
            )
        _click.echo(f"{t('error.usage', usage=usage)}\n{hint}", file=sys.stderr)
    say(foreign(error.format_message()), error.exit_code)


def typer_app(**options: Any) -> typer.Typer:
    """A Typer with the root's settings, for the root and for each command module: no completion
    options, no rich help, no pretty tracebacks. A group (`agendas`, `db`...) is made with its name;
    a module of one command (`export`) without one (see `load_command`)."""
    return typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None, **options)


app = typer_app(
    cls=LazyGroup,
    name="welfare-tui",
    help=(
        "Run a multi-agency case conference (支援会議 / 重層的支援会議) in the terminal and write its minutes.\n\n"
        "With no command, opens the TUI.  Example: welfare-tui --db ./city.db"
    ),
    no_args_is_help=False,
)

P = ParamSpec("P")
R = TypeVar("R")


def fail(message: str, code: int | None = None) -> typer.Exit:
    """Print a one-line `Error: ...` on stderr and return the Exit to raise (code: ExitCode.DOMAIN
    unless given)."""
    return typer.Exit(say(message, code))


def handles_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn every error into `Error: ...` on stderr and its exit code; never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except typer.Exit:
            raise
        except (Exception, KeyboardInterrupt) as error:  # noqa: BLE001 - the command line's failure reporter
            raise typer.Exit(report(error)) from None

    return wrapper


def settings_of(ctx: typer.Context) -> Settings:
    """The settings built by the top-level callback (global options, environment, config file)."""
    from welfare_tui.config import Settings, load_settings

    root = ctx.find_root()
    if not isinstance(root.obj, Settings):
        root.obj = load_settings()
    return root.obj


DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database file or SQLAlchemy URL (default: WELFARE_TUI_DB, else the file in the user data directory).",
        show_default=False,
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option("--lang", help="Language of screens and minutes: ja or en.", show_default=False),
]


@app.callback(invoke_without_command=True)
def root(ctx: typer.Context, db: DbOption = None, lang: LangOption = None) -> None:
    """Open the TUI when no command is given."""
    from welfare_tui.errors import WelfareError

    try:
        ctx.obj = configure(db, lang)
    except WelfareError as error:
        raise fail(str(error), error.exit_code) from None
    if ctx.invoked_subcommand is None:
        # Usually `launch.main` opens the TUI without Typer; this is an unusual spelling of it.
        raise typer.Exit(open_tui(settings=ctx.obj))
