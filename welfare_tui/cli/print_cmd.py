"""`welfare-tui print`: a meeting's minutes ready to print, with no browser.

`--format docx` writes the Word minutes (the export service, as `export --format docx`), which Word
or LibreOffice prints; `--format pdf` converts that file with LibreOffice run headless (`soffice
--headless --convert-to pdf`), only when soffice is installed — otherwise a clear message and exit 1.
The path of the file written is printed on stdout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from welfare_tui.cli.app import fail, handles_errors, settings_of, typer_app
from welfare_tui.errors import ExitCode

print_app = typer_app()

SOFFICE_TIMEOUT = 300  # seconds; a first start of LibreOffice builds its profile

MeetingArgument = Annotated[
    str,
    typer.Argument(metavar="MEETING", help="The meeting: its id, uid or the first 8+ characters of the uid."),
]
FormatOption = Annotated[
    str, typer.Option("--format", metavar="docx|pdf", help="docx (Word) or pdf (needs LibreOffice).")
]
OutOption = Annotated[
    str | None,
    typer.Option(
        "--out",
        metavar="DIR",
        show_default=False,
        help="Folder to write into; default: the export folder of the settings.",
    ),
]
MaskOption = Annotated[bool, typer.Option("--mask", help="Masked minutes, as `export --mask`.")]
EraOption = Annotated[bool, typer.Option("--era", help="Dates in 和暦.")]


@print_app.command("print")
@handles_errors
def print_minutes(
    ctx: typer.Context,
    meeting: MeetingArgument,
    fmt: FormatOption = "docx",
    out: OutOption = None,
    mask: MaskOption = False,
    era: EraOption = False,
) -> None:
    """Write a meeting's minutes as a Word document or a PDF, ready to print.

    pdf converts the Word minutes with LibreOffice (soffice) run headless; without LibreOffice, make
    the docx and print it from Word.

    Example: welfare-tui print 2 --format pdf --era --out ./print
    """
    from welfare_tui.i18n import t

    kind = fmt.strip().lower()
    if kind not in ("docx", "pdf"):
        raise fail(t("error.export.format", value=repr(fmt), choices="docx, pdf"), ExitCode.USAGE)
    soffice = shutil.which("soffice") or shutil.which("soffice.exe")
    if kind == "pdf" and soffice is None:
        raise fail(t("print.no_soffice"))
    from welfare_tui.storage.engine import opened_database
    from welfare_tui.storage.exporting import Choice, Export, ExportJob, make_private_dir

    settings = settings_of(ctx)
    directory = Path(out).expanduser() if out else settings.export_path
    make_private_dir(directory)
    with tempfile.TemporaryDirectory() as scratch:
        target = directory if kind == "docx" else Path(scratch)
        export = Export(ExportJob(("docx",), target, era=era, mask=mask))
        with opened_database(settings.db_url) as engine:
            outcome = export.run(engine, Choice(ids=[meeting]), user=settings.user_name)
        paths = (
            outcome.paths
            if kind == "docx"
            else [_pdf(soffice or "soffice", path, directory) for path in outcome.paths]
        )
    for path in paths:
        sys.stdout.write(f"{path}\n")


def _pdf(soffice: str, docx: Path, directory: Path) -> Path:
    """The PDF LibreOffice makes of `docx` in `directory`, owner-only like every export."""
    from welfare_tui.i18n import foreign, t

    with tempfile.TemporaryDirectory() as profile:
        # A profile of its own: a LibreOffice the user has open would otherwise take the job and exit.
        command = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(docx.parent),
            str(docx),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=SOFFICE_TIMEOUT, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise fail(t("print.failed", detail=foreign(str(error)))) from None
    made = docx.with_suffix(".pdf")
    if done.returncode != 0 or not made.is_file():
        raise fail(t("print.failed", detail=foreign((done.stderr or done.stdout).strip()[:200])))
    from welfare_tui.storage.exporting import write_private_file

    path = directory / made.name
    write_private_file(path, made.read_bytes())
    os.remove(made)
    return path
