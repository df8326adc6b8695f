"""The format registry (minutes/formats.py) is the one description of the export formats: `export
--help` and the README's table follow it, every format's stdout stream splits back into the files
`--out DIR` writes, and a format added to the registry works end to end with no other change."""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from welfare_tui.cli import app
from welfare_tui.i18n import all_messages
from welfare_tui.minutes import formats

README = Path(__file__).parent.parent / "README.md"
runner = CliRunner()


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    from welfare_tui.demo import build_demo

    url = f"sqlite:///{tmp_path_factory.mktemp('formats') / 'demo.db'}"
    build_demo(url)
    return url


def words(text: str) -> str:
    """Help text as one line: Click wraps it at spaces and after hyphens."""
    return re.sub(r"(?<=\w-) (?=\w)", "", " ".join(text.split()))


def stdout_rule(entry: formats.ExportFormat) -> str:
    """The README's words for how several meetings share stdout."""
    if entry.binary:
        return "files only (`--out DIR`)"
    return "one stream" if entry.framed else "separated by a line `---`"


def readme_rows() -> list[list[str]]:
    """The rows of the README's format table (the table whose first header is `--format`)."""
    lines = README.read_text(encoding="utf-8").splitlines()
    start = next(number for number, line in enumerate(lines) if line.startswith("| `--format` |"))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def test_export_help_names_every_format_with_its_help() -> None:
    result = runner.invoke(app, ["export", "--help"])
    assert result.exit_code == 0, result.output
    shown = words(result.output)
    assert "--format " + "|".join(formats.names()) in shown
    for entry in formats.REGISTRY:
        assert f"{entry.name} ({formats.english_help(entry)})" in shown


def test_the_readme_table_is_the_registry() -> None:
    assert readme_rows() == [
        [f"`{entry.name}`", f"`.{entry.extension}`", formats.english_help(entry), stdout_rule(entry)]
        for entry in formats.REGISTRY
    ]


def test_the_format_documentation_names_the_registrys_formats() -> None:
    """docs/minutes-yaml.md: its table of the other formats and the file-name pattern."""
    text = (README.parent / "docs" / "minutes-yaml.md").read_text(encoding="utf-8")
    section = text.split("## Other formats of the same document", 1)[1]
    table = [line for line in section.split("\n\n", 2)[1].splitlines() if line.startswith("| `")]
    assert [line.split("`")[1] for line in table[1:]] == list(formats.names())  # after its header
    extensions = "|".join(entry.extension for entry in formats.REGISTRY)
    assert f"[_masked].{{{extensions}}}`" in text


def test_every_format_has_its_help_in_both_languages() -> None:
    for entry in formats.REGISTRY:
        japanese, english = all_messages()[entry.help_key]
        assert japanese and english and japanese != english


_STAMP = re.compile(r"\n監査ログ: [^\n]*\n")  # the audit line of Markdown minutes differs run by run


@pytest.mark.parametrize("name", formats.text_names())
def test_several_meetings_on_stdout_split_back_into_the_files(
    name: str, demo_url: str, tmp_path: Path
) -> None:
    """stdout = head + file bodies joined by the separator + tail; a self-contained format's separator
    is a line no file of it holds, so splitting on it gives back exactly the files."""
    entry = formats.get(name)
    out = tmp_path / "out"
    files = runner.invoke(app, ["--db", demo_url, "export", "--all", "--format", name, "--out", str(out)])
    assert files.exit_code == 0, files.output
    texts = [_STAMP.sub("", Path(path).read_bytes().decode("utf-8")) for path in files.stdout.splitlines()]
    assert len(texts) > 1
    stream = runner.invoke(app, ["--db", demo_url, "export", "--all", "--format", name])
    assert stream.exit_code == 0, stream.output
    stdout = _STAMP.sub("", stream.stdout_bytes.decode("utf-8"))  # .stdout turns CRLF into LF
    if entry.framed:
        head, tail = formats.stream_head(entry, masked=False), formats.stream_tail(entry, masked=False)
        assert all(text.startswith(head) and text.endswith(tail) for text in texts)
        bodies = [text[len(head) : len(text) - len(tail)] for text in texts]
        assert stdout == head + "".join(bodies) + tail
    else:
        assert "---" in entry.separator
        assert stdout.split(entry.separator) == texts


def plain_text(doc: Mapping[str, Any]) -> str:
    """The renderer of the throwaway format: the case code and the meeting's date."""
    return f"{doc['case']['code']} {doc['meeting']['date']}\n"


def test_a_format_added_to_the_registry_works_end_to_end(
    demo_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """How to add an export format (docs/architecture.md): one registry entry, one renderer, one help
    message. It is then in `export --help`, accepted by `--format`, written to files and to stdout."""
    entry = formats.ExportFormat("txt", "txt", "export.format.txt", "---\n", f"{__name__}:plain_text")
    monkeypatch.setattr(formats, "REGISTRY", (*formats.REGISTRY, entry))
    monkeypatch.setitem(all_messages(), "export.format.txt", ("テキスト（試験用）", "plain text for a test"))
    monkeypatch.delitem(sys.modules, "welfare_tui.cli.export")  # --format's choices are read on import

    shown = words(runner.invoke(app, ["export", "--help"]).output)
    assert "md|yaml|csv|ics|svg|plan|docx|txt" in shown and "txt (plain text for a test)" in shown

    out = tmp_path / "out"
    files = runner.invoke(app, ["--db", demo_url, "export", "--all", "--format", "txt", "--out", str(out)])
    assert files.exit_code == 0, files.output
    paths = [Path(path) for path in files.stdout.splitlines()]
    assert paths and all(path.suffix == ".txt" and path.parent == out for path in paths)
    texts = [path.read_text(encoding="utf-8") for path in paths]
    assert all(re.fullmatch(r"\S+-\d{4}-\d{3} \d{4}-\d{2}-\d{2}\n", text) for text in texts)

    stream = runner.invoke(app, ["--db", demo_url, "export", "--all", "--format", "txt"])
    assert stream.exit_code == 0, stream.output
    assert stream.stdout.split("---\n") == texts
