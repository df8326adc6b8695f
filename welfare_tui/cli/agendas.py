"""`welfare-tui agendas list | show ID | validate FILE...`: browse and check meeting templates.

stdout carries the data (tables, JSON, `OK:` lines); every problem goes to stderr as `エラー: ...`
(`Error:` in English), one line per problem, so a script can count them and an editor can jump to
`file:line`.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from welfare_tui.cli.app import handles_errors, settings_of, typer_app
from welfare_tui.domain import MEETING_TYPES
from welfare_tui.errors import AgendaError, ExitCode
from welfare_tui.failure import say
from welfare_tui.i18n import t

if TYPE_CHECKING:
    from welfare_tui.agendas import Agenda

agendas_app = typer_app(
    name="agendas",
    help=(
        "Meeting templates: the ordered steps, time boxes and guide questions of a meeting.\n\n"
        "Bundled agendas cover 支援会議, 重層的支援会議 and its evaluation round, 生活困窮者支援会議 and "
        "生活保護調整会議; your own go in the "
        "'agendas' folder of the config directory (see docs/agendas.md).\n\n"
        "Example: welfare-tui agendas show shien_kaigi"
    ),
    no_args_is_help=True,
)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _labels() -> dict[str, Any]:
    """The texts of the tables, in the current language (messages/cli.py); `summary` and `minutes`
    are filled by the caller."""
    from welfare_tui.i18n import all_messages, language

    raw = {key: all_messages()[f"cli.agendas.{key}"][language() == "en"] for key in ("summary", "minutes")}
    return {
        **{key: t(f"cli.agendas.{key}") for key in ("type", "basis", "total", "none")},
        **raw,
        "header": tuple(t(f"cli.agendas.col.{key}") for key in ("id", "type", "steps", "minutes", "title")),
    }


def _lang(ctx: typer.Context) -> str:
    return "en" if settings_of(ctx).lang == "en" else "ja"


def _width(text: str) -> int:
    """Terminal columns: wide and full-width (Japanese) characters take two, combining marks none."""
    return sum(
        0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
        for char in text
    )


def _pad(text: str, width: int, *, right: bool = False) -> str:
    gap = " " * max(0, width - _width(text))
    return gap + text if right else text + gap


def _type_label(agenda: Agenda, lang: str) -> str:
    meeting_type = MEETING_TYPES.get(agenda.meeting_type)
    if meeting_type is None:
        return agenda.meeting_type
    return meeting_type.label_en if lang == "en" else meeting_type.label


def _agenda_problems(error: AgendaError) -> typer.Exit:
    """One `Error:` line per problem: an agenda error may list several, each naming file:line."""
    for line in str(error).splitlines():
        say(line)
    return typer.Exit(int(ExitCode.DOMAIN))


def _summary(agenda: Agenda) -> dict[str, Any]:
    return {
        "id": agenda.id,
        "title": agenda.title,
        "title_en": agenda.title_en,
        "meeting_type": agenda.meeting_type,
        "meeting_type_label": agenda.meeting_type_label,
        "legal_basis": agenda.legal_basis,
        "step_count": len(agenda.steps),
        "total_minutes": agenda.total_minutes,
        "source": agenda.source,
    }


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


@agendas_app.command("list")
@handles_errors
def list_command(ctx: typer.Context, json_output: JsonOption = False) -> None:
    """List the agendas a meeting can start from.

    Bundled agendas come first, then your own; one of your own with the same id as a bundled
    agenda replaces it. Columns: id, meeting type, number of steps, planned minutes, title.

    \b
    Example:
      welfare-tui agendas list --json
    """
    from welfare_tui.agendas import list_agendas  # the agenda parser: not for `--help`

    try:
        agendas = list_agendas()
    except AgendaError as error:
        raise _agenda_problems(error) from None
    if json_output:
        _print_json([_summary(agenda) for agenda in agendas])
        return
    lang = _lang(ctx)
    header = _labels()["header"]
    rows = [
        (
            agenda.id,
            _type_label(agenda, lang),
            str(len(agenda.steps)),
            str(agenda.total_minutes),
            agenda.title_for(lang),
        )
        for agenda in agendas
    ]
    widths = [max(_width(row[column]) for row in [header, *rows]) for column in range(4)]
    for row in [header, *rows]:
        cells = [
            _pad(row[0], widths[0]),
            _pad(row[1], widths[1]),
            _pad(row[2], widths[2], right=True),
            _pad(row[3], widths[3], right=True),
            row[4],
        ]
        typer.echo("  ".join(cells).rstrip())


@agendas_app.command("show")
@handles_errors
def show_command(
    ctx: typer.Context,
    agenda_id: Annotated[str, typer.Argument(metavar="ID", help="Agenda id, as shown by 'agendas list'.")],
    json_output: JsonOption = False,
) -> None:
    """Show one agenda, step by step.

    Prints the meeting type and legal basis, then each step with its number, its time box and the
    guide questions for the facilitator. Steps marked * must be completed before the minutes are
    final.

    \b
    Example:
      welfare-tui --lang en agendas show shien_kaigi
    """
    from welfare_tui.agendas import agenda_to_dict, get_agenda  # the agenda parser: not for `--help`

    try:
        agenda = get_agenda(agenda_id)
    except AgendaError as error:
        raise _agenda_problems(error) from None
    if json_output:
        _print_json(
            {
                **agenda_to_dict(agenda),
                "meeting_type_label": agenda.meeting_type_label,
                "total_minutes": agenda.total_minutes,
                "source": agenda.source,
            }
        )
        return
    lang = _lang(ctx)
    labels = _labels()
    label_width = max(_width(labels[key]) for key in ("type", "basis", "total"))
    lines = [
        f"{agenda.title_for(lang)}  ({agenda.id})",
        f"{_pad(labels['type'], label_width)}  {_type_label(agenda, lang)} ({agenda.meeting_type})",
        f"{_pad(labels['basis'], label_width)}  {agenda.legal_basis or labels['none']}",
        f"{_pad(labels['total'], label_width)}  "
        + labels["summary"].format(minutes=agenda.total_minutes, steps=len(agenda.steps)),
    ]
    description = agenda.description_en if lang == "en" and agenda.description_en else agenda.description
    if description:
        lines += ["", description]
    lines.append("")
    number_width = len(str(len(agenda.steps)))
    minute_texts = [labels["minutes"].format(n=step.minutes) for step in agenda.steps]
    minute_width = max(_width(text) for text in minute_texts)
    for number, (step, minutes) in enumerate(zip(agenda.steps, minute_texts, strict=True), start=1):
        mark = "*" if step.required else " "
        lines.append(
            f"{number:>{number_width}} {mark} {_pad(minutes, minute_width, right=True)}  "
            f"{step.title_for(lang)}  [{step.kind}]"
        )
        indent = " " * (number_width + 3 + minute_width + 2)
        lines += [f"{indent}- {question}" for question in step.guide_for(lang)]
    typer.echo("\n".join(lines))


@agendas_app.command("validate")
@handles_errors
def validate_command(
    files: Annotated[list[Path], typer.Argument(metavar="FILE", help="Agenda YAML files to check.")],
) -> None:
    """Check agenda files for mistakes.

    Prints 'OK: FILE (N steps)' for each good file. For a broken one, prints one line per problem
    on stderr, 'Error: file:line: field: message', and exits with 1.

    \b
    Example:
      welfare-tui agendas validate my_meeting.yaml
    """
    from welfare_tui.agendas import load_agenda_file  # the agenda parser: not for `--help`

    broken = 0
    for path in files:
        try:
            agenda = load_agenda_file(path)
        except AgendaError as error:
            _agenda_problems(error)
            broken += 1
            continue
        typer.echo(t("agenda.valid", path=path, steps=len(agenda.steps)))
    if broken:
        raise typer.Exit(int(ExitCode.DOMAIN))
