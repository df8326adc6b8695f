"""Run every benchmark, print the table of figures against the budgets of product.md, and write it to
docs/performance.md with a description of the machine.

    python -m bench            the full run (10,000 cases / meetings; about ten minutes)
    python -m bench --quick    smaller data and fewer runs, for everyday use (about two minutes)
    python -m bench --pg URL   also the load on PostgreSQL (20 facilitators; URL: an empty database)
    python -m bench --only load --pg URL    the load alone (CI); rewrites the load part of the report
    python -m bench --only figures          stats and gaps alone; rewrites their part of the report

Every figure but the load's is a ratio against a baseline measured in the same run, alternating with
it, because these machines are noisy: absolute times mean little from one minute to the next. The
load's budget is absolute (product.md: p99 save ≤ 100 ms on this machine), its counts exact.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench import data

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "docs" / "performance.md"
PYTHON = sys.executable


@dataclass
class Figure:
    name: str
    value: float | None
    budget: float | None
    """None: a figure shown for what it is (a count of saves), with no budget."""
    unit: str = "×"
    note: str = ""
    informational: bool = False
    """Shown for context, judged by no budget (e.g. the same figure at a larger terminal)."""

    @property
    def passed(self) -> bool | None:
        if self.value is None or self.informational or self.budget is None:
            return None
        return self.value <= self.budget

    def cells(self) -> list[str]:
        shown = (
            "n/a"
            if self.value is None
            else (
                f"{self.value:.2f}{self.unit}"
                if self.unit == "×"
                else f"{self.value:,.0f}"
                if not self.unit
                else f"{self.value:.1f} {self.unit}"
            )
        )
        budget = (
            "—"
            if self.budget is None
            else (
                f"≤ {self.budget:g}{self.unit}"
                if self.unit in ("×", "")
                else f"≤ {self.budget:g} {self.unit}"
            )
        )
        verdict = (
            "info"
            if self.informational or self.budget is None
            else {True: "pass", False: "FAIL", None: "not measured"}[self.passed]
        )
        return [self.name, shown, budget, verdict, self.note]


@dataclass
class Run:
    seconds: float
    peak_rss_mib: float


# Children are started by this small launcher, not by the benchmark itself: Linux carries a process's
# peak RSS across fork and exec, so a child forked from the benchmark (which holds 10,000 documents
# and a Textual app by then) would report the benchmark's peak as its own. The launcher also times
# the child from right before it starts to right after it ends.
LAUNCHER = """
import os, sys, time
report = int(sys.argv.pop(1))
started = time.perf_counter()
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ)
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - started
os.write(report, f"{os.waitstatus_to_exitcode(status)} {elapsed} {usage.ru_maxrss}".encode())
"""


def run_process(
    argv: list[str], *, stdout: int | object = subprocess.DEVNULL, env: dict[str, str] | None = None
) -> Run:
    """Wall time and peak RSS of one child process, as its launcher measured them."""
    report_read, report_write = os.pipe()
    process = subprocess.Popen(
        [PYTHON, "-c", LAUNCHER, str(report_write), shutil.which(argv[0]) or argv[0], *argv[1:]],
        stdout=stdout,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        pass_fds=(report_write,),
        env={**os.environ, **(env or {})},
    )
    os.close(report_write)
    try:
        _, errors = process.communicate(timeout=1800)  # a hung child fails the run instead of stalling it
    except subprocess.TimeoutExpired:
        process.kill()
        raise
    finally:
        report = os.read(report_read, 200).decode().split()
        os.close(report_read)
    if process.returncode != 0 or not report or report[0] != "0":
        raise RuntimeError(
            f"{' '.join(argv[:6])}... failed ({report}): {errors.decode(errors='replace')[-2000:]}"
        )
    return Run(float(report[1]), int(report[2]) / 1024)


def alternate(runs: int, first: Callable[[], Run], second: Callable[[], Run]) -> tuple[float, float]:
    """Medians of `runs` runs of each, interleaved (ABBA...) so drifting load hits both alike."""
    a: list[float] = []
    b: list[float] = []
    for index in range(runs):
        order = (first, second) if index % 2 == 0 else (second, first)
        for function in order:
            (a if function is first else b).append(function().seconds)
    return statistics.median(a), statistics.median(b)


def welfare_tui(*args: str) -> list[str]:
    return [PYTHON, "-m", "welfare_tui", *args] if not _console_script() else [_console_script(), *args]


def _console_script() -> str:
    script = Path(PYTHON).with_name("welfare-tui")
    return str(script) if script.exists() else ""


def use_bytecode() -> None:
    """Run the children as an installed copy runs: from compiled bytecode. `pip install` compiles every
    module; a source checkout run with PYTHONDONTWRITEBYTECODE set (as on our CI machines) would
    otherwise compile welfare_tui from source in every child and time the compiler, not the program."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    import welfare_tui

    compileall.compile_dir(Path(welfare_tui.__file__).parent, quiet=1)


# --- 1. start-up ------------------------------------------------------------------------------------


# Both apps run at 80×24 with the size given as a terminal gives it. Headless, Textual otherwise takes
# 80×25 from Rich's console and 80×24 from its driver, and lays the first screen out once more for it.
TERMINAL = {"COLUMNS": "80", "LINES": "24"}


def bench_startup(db: Path, runs: int) -> list[Figure]:
    url = "sqlite:///" + str(db)
    baseline = [PYTHON, str(ROOT / "bench" / "baseline_textual.py")]
    probe = [PYTHON, str(ROOT / "bench" / "startup_probe.py"), url]

    def run(argv: list[str]) -> Run:
        return run_process(argv, env=TERMINAL)

    run(probe)  # warm the page cache for the database and the bytecode caches
    base_ff, first_frame = alternate(runs, lambda: run(baseline), lambda: run([*probe, "--first-frame"]))
    base_list, case_list = alternate(runs, lambda: run(baseline), lambda: run(probe))
    base = statistics.median([base_ff, base_list])
    note = f"baseline {base * 1000:.0f} ms"
    return [
        Figure(
            "start-up: first frame / minimal Textual app",
            first_frame / base_ff,
            1.25,
            note=f"{first_frame * 1000:.0f} ms; {note}",
        ),
        Figure(
            "start-up: case list shown / minimal Textual app",
            case_list / base_list,
            2.5,
            note=f"{case_list * 1000:.0f} ms; {note}",
        ),
    ]


def bench_terminal(db: Path, runs: int) -> list[Figure]:
    """The case list on a real pseudo-terminal (bench/terminal.py), as a user starting the command sees it."""
    from bench.terminal import BASELINE_LABEL, CASE_CODE, seconds_to_bytes

    baseline = [PYTHON, str(ROOT / "bench" / "baseline_textual.py"), "--terminal"]
    ours = welfare_tui("--db", str(db))

    def timed(argv: list[str], seen: object) -> Callable[[], Run]:
        return lambda: Run(seconds_to_bytes(argv, seen, cwd=ROOT), 0.0)

    timed(ours, CASE_CODE)()  # warm the page cache and the bytecode caches
    base, case_list = alternate(runs, timed(baseline, BASELINE_LABEL), timed(ours, CASE_CODE))
    return [
        Figure(
            "start-up on an 80×24 pty: case list shown / minimal Textual app",
            case_list / base,
            2.2,
            note=f"{case_list * 1000:.0f} ms; baseline {base * 1000:.0f} ms",
        )
    ]


def cli_shape() -> dict:
    """The commands and groups of welfare-tui, every one loaded (the root lists them lazily)."""
    import typer
    import typer.main
    from typer.core import TyperGroup

    from welfare_tui.cli import app

    root = typer.main.get_command(app)
    ctx = typer.Context(root)
    loaded = {name: root.get_command(ctx, name) for name in root.list_commands(ctx)}
    return {
        "commands": [name for name, command in loaded.items() if not isinstance(command, TyperGroup)],
        "groups": {
            name: command.list_commands(ctx)
            for name, command in loaded.items()
            if isinstance(command, TyperGroup)
        },
    }


def bench_help(runs: int) -> list[Figure]:
    shape = cli_shape()
    baseline = [PYTHON, str(ROOT / "bench" / "baseline_typer.py"), json.dumps(shape)]
    figures = []
    count = len(shape["commands"]) + sum(len(c) + 1 for c in shape["groups"].values())
    for args in (["--help"], ["export", "--help"]):
        base, ours = alternate(
            runs,
            lambda args=args: run_process([*baseline, *args]),
            lambda args=args: run_process(welfare_tui(*args)),
        )
        figures.append(
            Figure(
                f"welfare-tui {' '.join(args)} / minimal Typer app",
                ours / base,
                1.2,
                note=f"{ours * 1000:.0f} ms vs {base * 1000:.0f} ms; {count} commands",
            )
        )
    return figures


# --- 2. export --------------------------------------------------------------------------------------


def render_seconds(db: Path, fmt: str) -> float:
    """Time to render every meeting's document from memory (documents are read outside the clock)."""
    from welfare_tui.minutes import render
    from welfare_tui.storage.documents import iter_meeting_documents, select_meeting_ids
    from welfare_tui.storage.engine import open_database, session_scope

    engine = open_database("sqlite:///" + str(db), create=False)
    total = 0.0
    try:
        with session_scope(engine) as session:
            ids = select_meeting_ids(session, all=True)
            for doc in iter_meeting_documents(session, meeting_ids=ids):
                started = time.perf_counter()
                render(doc, fmt)
                total += time.perf_counter() - started
    finally:
        engine.dispose()
    return total


def export_run(db: Path, fmt: str, out: Path) -> Run:
    with out.open("wb") as stream:
        return run_process(
            welfare_tui("--db", str(db), "export", "--all", "--format", fmt, "--out", "-", "-q"),
            stdout=stream,
        )


def bench_export(
    small: tuple[int, int], large: tuple[int, int], formats: tuple[str, ...], workdir: Path
) -> list[Figure]:
    figures = []
    for fmt in formats:
        times = {}
        for cases, meetings in (small, large):
            db = data.ensure_database(cases, meetings)
            run = export_run(db, fmt, workdir / f"export.{fmt}")
            floor_read = run_process([PYTHON, "-m", "bench.floor", str(db)]).seconds
            floor = floor_read + render_seconds(db, fmt)
            times[meetings] = run.seconds
            # The budget is for 1,000 and 10,000 meetings; below that, process start-up dominates.
            figures.append(
                Figure(
                    f"export {fmt}, {meetings:,} meetings: time / floor",
                    run.seconds / floor,
                    2.0,
                    informational=meetings < 1000,
                    note=f"{run.seconds:.1f} s vs floor {floor:.1f} s "
                    f"(sqlite3 read {floor_read:.1f} s + render)",
                )
            )
            if meetings == large[1]:
                figures.append(
                    Figure(
                        f"export {fmt}, {meetings:,} meetings: peak RSS", run.peak_rss_mib, 150, unit="MiB"
                    )
                )
        scale = large[1] / small[1]
        figures.append(
            Figure(
                f"export {fmt}: time {large[1]:,} / {small[1]:,} meetings",
                times[large[1]] / times[small[1]],
                1.1 * scale,
                note=f"linear is {scale:g}",
            )
        )
    return figures


def bench_docx(meetings: int, workdir: Path, runs: int = 3) -> list[Figure]:
    """The Word minutes against the Markdown ones, both written as files (`--out DIR`: a .docx never
    goes to stdout), on the same database of `meetings` meetings: within 3× of Markdown, under
    150 MiB. Medians of `runs` runs of each, alternating; the peak RSS is the largest of the Word
    runs."""
    db = data.ensure_database(meetings, meetings)
    peaks: list[float] = []

    def to_files(fmt: str) -> Run:
        out = workdir / f"files-{fmt}"
        shutil.rmtree(out, ignore_errors=True)
        run = run_process(
            welfare_tui("--db", str(db), "export", "--all", "--format", fmt, "--out", str(out), "-q")
        )
        if fmt == "docx":
            peaks.append(run.peak_rss_mib)
        return run

    markdown, word = alternate(runs, lambda: to_files("md"), lambda: to_files("docx"))
    return [
        Figure(
            f"export docx, {meetings:,} meetings: time / Markdown",
            word / markdown,
            3.0,
            note=f"{word:.1f} s vs md {markdown:.1f} s, both to files (medians of {runs})",
        ),
        Figure(f"export docx, {meetings:,} meetings: peak RSS", max(peaks), 150, unit="MiB"),
    ]


# --- 3. typing --------------------------------------------------------------------------------------


def bench_typing(db: Path, words: tuple[str, ...], workdir: Path, *, context: bool = True) -> list[Figure]:
    """At 80×24, the size every screen is designed for (product.md); 120×40 repaints about twice the
    cells and is shown for context."""
    figures = []
    for size, informational in (((80, 24), False), ((120, 40), True))[: 2 if context else 1]:
        latencies = asyncio.run(_typing_latencies(db, words, workdir, size))
        median_ms = statistics.median(latencies) * 1000
        figures.append(
            Figure(
                f"typing a 3-character filter, 10,000 cases, {size[0]}×{size[1]}: keystroke to "
                f"list repainted (median)",
                median_ms,
                50,
                unit="ms",
                informational=informational,
                note=f"{len(latencies)} keystrokes, max {max(latencies) * 1000:.0f} ms",
            )
        )
    return figures


async def _typing_latencies(
    db: Path, words: tuple[str, ...], workdir: Path, size: tuple[int, int]
) -> list[float]:
    from textual import events
    from textual.keys import _character_to_key
    from textual.worker import WorkerCancelled

    from welfare_tui.config import Settings
    from welfare_tui.views.app import WelfareApp

    app = WelfareApp(Settings(db=str(db), export_dir=str(workdir / "exports")))
    latencies: list[float] = []
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        home = app.screen
        search = home.query_one("#search")
        shown = asyncio.Event()
        original = home.show_cases
        waiting_for: list[str] = [""]

        def show_cases(cases: list, query: str | None = None) -> None:
            original(cases, query)
            if query == waiting_for[0]:
                home.call_after_refresh(shown.set)

        home.show_cases = show_cases
        await pilot.press("slash")
        for word in words:
            for char in word:
                waiting_for[0] = search.value + char
                shown.clear()
                started = time.perf_counter()
                event = events.Key(_character_to_key(char), char)
                event.set_sender(app)
                app._driver.send_message(event)  # as a terminal (or an IME committing text) sends it
                await asyncio.wait_for(shown.wait(), timeout=30)
                latencies.append(time.perf_counter() - started)
            search.value = ""
            try:
                await app.workers.wait_for_complete()
            except WorkerCancelled:  # a search superseded by the next one (exclusive workers): expected
                pass
            await pilot.pause()
    return latencies


# --- 4. import --------------------------------------------------------------------------------------


def bench_import(meetings: int, workdir: Path) -> list[Figure]:
    name = f"import {meetings:,} YAML files into an empty database / parsing them alone"
    from welfare_tui.cli.app import COMMANDS

    if "import" not in COMMANDS:
        return [Figure(name, None, 3.0, note="welfare-tui import is not available in this tree")]
    db = data.ensure_database(max(meetings, 1000), meetings)
    out = workdir / "yaml"
    run_process(welfare_tui("--db", str(db), "export", "--all", "--format", "yaml", "--out", str(out), "-q"))
    files = sorted(str(path) for path in out.glob("*.yaml"))
    parse = [
        PYTHON,
        "-c",
        (
            "import sys\nfrom welfare_tui.minutes.yaml_format import load_document\n"
            "for p in sys.argv[1:]:\n    load_document(open(p, encoding='utf-8').read(), p)\n"
        ),
        *files,
    ]
    target = workdir / "imported.db"

    def do_import() -> Run:
        target.unlink(missing_ok=True)
        return run_process(welfare_tui("--db", str(target), "import", *files))

    runs = 1 if meetings < 1000 else 3
    parse_s, import_s = alternate(runs, lambda: run_process(parse), do_import)
    # Re-importing the same files into the database they were just imported into: nothing differs,
    # so nothing may be written (issue 11); the budget is against parsing the files alone.
    again_name = f"re-import {meetings:,} unchanged YAML files / parsing them alone"
    target.unlink(missing_ok=True)
    run_process(welfare_tui("--db", str(target), "import", *files))
    parse_again_s, again_s = alternate(
        runs,
        lambda: run_process(parse),
        lambda: run_process(welfare_tui("--db", str(target), "import", *files)),
    )
    return [
        Figure(
            name,
            import_s / parse_s,
            3.0,
            informational=meetings < 1000,  # the budget is for 1,000
            note=f"{import_s:.1f} s vs {parse_s:.1f} s",
        ),
        Figure(
            again_name,
            again_s / parse_again_s,
            1.5,
            informational=meetings < 1000,
            note=f"{again_s:.1f} s vs {parse_again_s:.1f} s",
        ),
    ]


# --- 4b. town-level figures: stats and gaps -------------------------------------------------------


FIGURES_SIZES = {"full": (10_000, 100_000, 20_000), "quick": (2_000, 20_000, 4_000)}


def bench_figures(mode: str, runs: int) -> list[Figure]:
    """`stats` and `gaps` against the same aggregates as plain SQL run with sqlite3 alone, in this
    process (bench/figures.py), and the commands' peak RSS as child processes."""
    from bench import figures, figures_data

    cases, contacts, meetings = FIGURES_SIZES[mode]
    db = figures_data.ensure_database(cases, contacts, meetings)
    stats, gaps, close = figures.ours(db)
    size = f"{cases:,} cases, {contacts:,} contacts, {meetings:,} meetings"
    result = []
    try:
        stats(), gaps()  # warm: the page cache, the engine's first connection, the imports
        for name, mine, floor in (
            ("stats", stats, lambda: figures.floor_stats(db)),
            ("gaps", gaps, lambda: figures.floor_gaps(db)),
        ):
            floor_s, ours_s = alternate(
                runs,
                lambda floor=floor: Run(figures.timed(floor), 0.0),
                lambda mine=mine: Run(figures.timed(mine), 0.0),
            )
            result.append(
                Figure(
                    f"{name}, {size}: time / plain SQL with sqlite3",
                    ours_s / floor_s,
                    2.0,
                    note=f"{ours_s * 1000:.0f} ms vs {floor_s * 1000:.0f} ms",
                )
            )
            run = run_process(
                welfare_tui("--db", str(db), name, "--fiscal-year", str(figures.YEAR), "--format", "json")
            )
            result.append(
                Figure(
                    f"welfare-tui {name}, {size}: peak RSS",
                    run.peak_rss_mib,
                    150,
                    unit="MiB",
                    note=f"{run.seconds:.2f} s whole process",
                )
            )
    finally:
        close()
    return result


FIGURES_HEADING = "## Town-level figures: stats and gaps"


def figures_section(figures: list[Figure], mode: str) -> list[str]:
    """The figures' part of the report, before the load's: `--only figures` rewrites it alone."""
    return [
        FIGURES_HEADING,
        "",
        (
            f"Run: {dt.datetime.now().strftime('%Y-%m-%d %H:%M')}, mode: {mode}. This part is rewritten on its own by "
            "`python -m bench --only figures`."
        ),
        "",
        *table(figures),
        "",
        "`bench/figures_data.py` generates the data inside SQLite (`INSERT ... SELECT` over a recursive sequence):",
        "10,000 cases, 100,000 contacts and 20,000 meetings (`--quick`: a fifth), with 12,000 intakes, 30,000",
        "stage events, 6,000 plan versions, 8,000 consent events, 8,000 unmet needs, 5,000 matches and 60,000",
        "role assignments over two fiscal years. Ours is `storage.statistics.year_figures` / `storage.gaps.gap_report`",
        "and the Markdown rendering, on a session of an engine opened beforehand (gaps includes masking its",
        "examples); the floor is the same aggregates written as plain SQL (`bench/figures.py`) run with the",
        "stdlib `sqlite3` driver alone, connection included (for gaps, plus masking the same examples from memory,",
        "as the export floor adds rendering); both in the benchmark's process, alternating, medians.",
        "Peak RSS is the real command (`welfare-tui stats|gaps --format json`) as a child process.",
        "",
    ]


def write_figures_section(figures: list[Figure], mode: str) -> None:
    """Replace the figures' part of the report (or put it before the load's), keeping the rest."""
    text = REPORT.read_text(encoding="utf-8") if REPORT.exists() else "# Performance\n\n"
    section = "\n".join(figures_section(figures, mode))
    if FIGURES_HEADING in text:
        before, after = text.split(FIGURES_HEADING, 1)
        rest = after[after.find("\n## ") + 1 :] if "\n## " in after else ""
        text = before + section + "\n" + rest
    elif LOAD_HEADING in text:
        before, after = text.split(LOAD_HEADING, 1)
        text = before + section + "\n" + LOAD_HEADING + after
    else:
        text = text.rstrip("\n") + "\n\n" + section
    REPORT.write_text(text, encoding="utf-8")


# --- 5. load: many facilitators on one database ----------------------------------------------------


P99_SAVE_BUDGET_MS = 100  # product.md: 20 facilitators on one PostgreSQL, p99 save ≤ 100 ms, 0 lost
LOAD_PROCESSES = {"PostgreSQL": 20, "SQLite": 5}


def bench_load(pg_url: str | None, seconds: float, latency_attempts: int, workdir: Path) -> list[Figure]:
    """PostgreSQL (when given a URL) and SQLite: saves, latency, conflicts, errors and lost updates."""
    figures = []
    if pg_url:
        figures += load_figures("PostgreSQL", pg_url, seconds, latency_attempts)
    else:
        figures.append(
            Figure(
                f"load, PostgreSQL, {LOAD_PROCESSES['PostgreSQL']} facilitators",
                None,
                None,
                unit="",
                note="skipped: no --pg URL given",
            )
        )
    figures += load_figures("SQLite", "sqlite:///" + str(workdir / "load.db"), seconds, 1)
    return figures


def load_figures(backend: str, url: str, seconds: float, latency_attempts: int) -> list[Figure]:
    """One backend's figures. The latency budget is PostgreSQL's; SQLite's latency is shown for what it
    is. When the p99 misses its budget, the run is repeated up to `latency_attempts` times; lost updates
    and errors of every run count, so a repeat can only forgive the latency. `latency_attempts=0` runs
    once and shows the latency without judging it: CI gates on correctness (lost updates, errors), never
    on an absolute time measured on a machine busy with the rest of the run."""
    from bench import load

    judged = backend == "PostgreSQL" and latency_attempts > 0
    processes = LOAD_PROCESSES[backend]
    results: list[load.LoadResult] = []
    for _ in range(max(1, latency_attempts)):
        results.append(load.run_load(url, processes=processes, seconds=seconds))
        p99 = results[-1].p99
        if not judged or (p99 is not None and p99 * 1000 <= P99_SAVE_BUDGET_MS):
            break
    last = results[-1]
    errors = [error for result in results for error in result.errors]
    lost = [line for result in results for line in result.lost]
    prefix = f"load, {backend}, {processes} facilitators × {seconds:g} s"
    kinds = ", ".join(f"{count:,} {kind}" for kind, count in sorted(last.saves.items()))
    kinds += f"; {last.scheduled:,} scheduled (one every {last.period:g} s each)"
    scope = f"; not measured: {'; '.join(last.not_measured)}" if last.not_measured else ""
    repeats = (
        ""
        if len(results) == 1
        else (
            f"run {len(results)} of {latency_attempts}; earlier p99 "
            + ", ".join(f"{(result.p99 or 0) * 1000:.0f} ms" for result in results[:-1])
        )
    )
    figures = [
        Figure(f"{prefix}: saves done", last.saves_done, None, unit="", note=f"{kinds}{scope}"),
        Figure(f"{prefix}: save latency p50", _ms(last.p50), None, unit="ms"),
        Figure(
            f"{prefix}: save latency p99",
            _ms(last.p99),
            P99_SAVE_BUDGET_MS,
            unit="ms",
            informational=not judged,
            note=repeats or f"{len(last.latencies):,} saves timed, refused ones included",
        ),
        Figure(
            f"{prefix}: conflicts shown",
            last.conflicts,
            None,
            unit="",
            note=f"{last.kept_mine} kept mine, {last.took_theirs} took theirs; {last.retried} saved in the "
            f"same instant as another, saved again",
        ),
        Figure(f"{prefix}: errors other than conflicts", len(errors), 0, unit="", note=_first(errors)),
        Figure(f"{prefix}: lost updates", len(lost), 0, unit="", note=_first(lost) or "every save verified"),
    ]
    lock = "the write lock ('locked')" if backend == "SQLite" else "the audit log's lock"
    waits = last.locked_waits
    figures.append(
        Figure(
            f"{prefix}: saves that waited for {lock}",
            len(waits),
            None,
            unit="",
            note=f"longest {max(waits) * 1000:.0f} ms, {_duration(sum(waits))} in all" if waits else "",
        )
    )
    return figures


def _duration(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:,.0f} s"


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else seconds * 1000


def _first(lines: list[str]) -> str:
    if not lines:
        return ""
    return lines[0] if len(lines) == 1 else f"{lines[0]} (and {len(lines) - 1} more)"


# --- report -----------------------------------------------------------------------------------------


def machine() -> list[str]:
    cpu = "unknown"
    memory = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        cpu = platform.processor() or cpu
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    import sqlite3

    import yaml

    return [
        f"- CPU: {cpu}, {os.cpu_count()} logical cores",
        f"- Memory: {memory}",
        f"- OS: {platform.platform()}",
        (
            f"- Python: {platform.python_version()} ({platform.python_implementation()}), "
            f"SQLite {sqlite3.sqlite_version}, PyYAML {yaml.__version__} with libyaml: {yaml.__with_libyaml__}"
        ),
        f"- Load average when the run started: {load}",
    ]


def table(figures: list[Figure]) -> list[str]:
    rows = [["figure", "measured", "budget", "result", "detail"], *[f.cells() for f in figures]]
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = ["| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) + " |" for row in rows]
    lines.insert(1, "| " + " | ".join("-" * w for w in widths) + " |")
    return lines


def write_report(
    figures: list[Figure],
    load: list[Figure],
    machine_lines: list[str],
    mode: str,
    seconds: float,
    load_seconds: float,
) -> None:
    text = "\n".join(
        [
            "# Performance",
            "",
            "Generated by `python -m bench` (`make bench`); do not edit by hand. The budgets come from",
            "`product.md`. Times are ratios against a baseline measured in the same run, alternating with it",
            "(medians of several runs), because these machines are noisy.",
            "",
            f"Run: {dt.datetime.now().strftime('%Y-%m-%d %H:%M')}, mode: {mode}, took {seconds:.0f} s.",
            "",
            "## Machine",
            "",
            *machine_lines,
            "",
            "## Results",
            "",
            *table(figures),
            "",
            "## What is measured",
            "",
            "Every child runs from compiled bytecode, as a copy installed with pip does.",
            "",
            "- **Start-up**: whole-process wall time of `bench/startup_probe.py` (the real app, headless, on a",
            "  database of 10,000 cases and 10,000 meetings) until the first frame is painted, and until the home",
            "  screen shows its case list; against `bench/baseline_textual.py`, a Textual app showing one label.",
            "  Both at 80×24, the size given as a terminal gives it (COLUMNS/LINES).",
            "  Both end with `os._exit` the moment they are there. **On a pty**: the `welfare-tui` command itself",
            "  spawned on a pseudo-terminal of 80×24 (`bench/terminal.py`), timed from spawn to the first bytes it",
            "  writes that hold a case code, against `baseline_textual.py --terminal` timed to the first bytes",
            "  holding its label; both run exactly as a user starts them. `--help` is timed against",
            "  `bench/baseline_typer.py`, a Typer app built with the same commands and groups.",
            "- **Export**: `welfare-tui export --all --format md|yaml --out -` on generated meetings (8 attendees,",
            "  12 ecomap ties, 6 role assignments, a few hundred characters of Japanese notes per step). The floor",
            "  is `bench/floor.py` reading the same rows with stdlib `sqlite3` (whole process) plus the time to",
            "  render the same documents from memory. Peak RSS is the child's own `ru_maxrss`.",
            "- **Word**: `welfare-tui export --all --format docx --out DIR` against `--format md --out DIR` on the",
            "  same database of 1,000 cases and 1,000 meetings (each with its ecomap drawn as a picture), both",
            "  whole processes writing files, alternating, medians of 3 runs; peak RSS of the largest Word run.",
            "- **Typing**: with Pilot, each keystroke of 3-character filters typed into the case search over",
            "  10,000 cases, timed from the key event to the list showing that filter's rows, repainted; at",
            "  80×24 (the budget) and at 120×40 (for context: about twice the cells to repaint).",
            "- **Import**: `welfare-tui import` of exported YAML files into an empty database, against a process",
            "  that only parses the same files with `load_document`. **Re-import**: the same files imported again",
            "  into that database, where nothing differs and nothing is written, against the same parse.",
            "",
            *load_section(load, mode, load_seconds),
        ]
    )
    REPORT.write_text(text, encoding="utf-8")


LOAD_HEADING = "## Load: many facilitators on one database"


def load_section(figures: list[Figure], mode: str, seconds: float) -> list[str]:
    """The load's part of the report, last in it: `--only load` rewrites it alone (`write_load_section`)."""
    load_average = (
        ", ".join(f"{value:.2f}" for value in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    )
    return [
        LOAD_HEADING,
        "",
        (
            f"Run: {dt.datetime.now().strftime('%Y-%m-%d %H:%M')}, mode: {mode}, took {seconds:.0f} s; load average "
            f"when it ended: {load_average}."
        ),
        "This part is rewritten on its own by `python -m bench --only load --pg URL`.",
        "",
        *table(figures),
        "",
        "Every facilitator is its own process (`bench/load.py`), saving every 0.5 s for the time shown: a",
        "meeting field, a step's notes or a table row (a role assignment), picked at random, on its own",
        "meeting, and every fourth save on a meeting it shares with another process. Each save is made as the",
        "TUI makes it: read the record (version and values) without a write lock, pause up to 0.2 s, then",
        "save in an immediate unit of work with `expected_version` and `original`. A conflict shown is a save",
        "refused with both values; the facilitator then takes theirs or keeps mine (saves again over the",
        "value now seen), half and half. Latency is each save's unit of work, refused saves included.",
        "Every acknowledged save is logged with its unique value, the value it replaced and the version the",
        "database returned; afterwards the saves of each field, ordered by version, must each have replaced",
        "the one before, and the last must be in the database: any other outcome is a lost update. On",
        "SQLite, a save 'waited for the write lock' when its BEGIN IMMEDIATE took 1 ms or more (SQLite's busy",
        "handler sleeps at least that long); on PostgreSQL, when taking the audit log's advisory lock, which",
        "every writer holds from its first change to its commit, took as long. The p99 budget is",
        "PostgreSQL's (product.md); SQLite is one user's file and its latency is shown for what it is. All",
        "processes run on the machine described above, beside the database server: on site each facilitator",
        "has a PC of their own, so these figures are the harder case.",
        "",
    ]


def write_load_section(figures: list[Figure], mode: str, seconds: float) -> None:
    """Replace the load's part of the report, keeping the rest from the last full run."""
    text = REPORT.read_text(encoding="utf-8") if REPORT.exists() else "# Performance\n\n"
    kept = text.split(LOAD_HEADING, 1)[0].rstrip("\n")
    REPORT.write_text(kept + "\n\n" + "\n".join(load_section(figures, mode, seconds)), encoding="utf-8")


SECTIONS = ("startup", "terminal", "help", "typing", "export", "import", "figures", "load")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller data, fewer runs, 15 s of load")
    parser.add_argument("--no-report", action="store_true", help="print the table only")
    parser.add_argument(
        "--pg", metavar="URL", help="an empty PostgreSQL database for the load (else skipped)"
    )
    parser.add_argument(
        "--only", choices=SECTIONS, help="run one section (only 'load' and 'figures' update the report)"
    )
    parser.add_argument(
        "--latency-attempts",
        type=int,
        default=1,
        metavar="N",
        help="repeat a load run whose p99 misses its budget, up to N runs; 0: one run, "
        "latency shown but not judged (CI: correctness only)",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    use_bytecode()
    machine_lines = machine()
    if args.quick:  # YAML export and typing at 120×40 are left to the full run
        runs, export_sizes, formats, words, imports, load_seconds = (
            5,
            ((300, 300), (3000, 3000)),
            ("md",),
            ("佐藤氏", "ひきこ"),
            100,
            15,
        )
    else:
        runs, export_sizes, formats, words, imports, load_seconds = (
            9,
            ((1000, 1000), (10000, 10000)),
            ("md", "yaml"),
            ("佐藤氏", "ひきこ", "C-2", "外国人", "要介護"),
            1000,
            60,
        )
    chosen = [args.only] if args.only else list(SECTIONS)
    if {"startup", "terminal", "typing"} & set(chosen):
        startup_db = data.ensure_database(10000, 10000)
    if "export" in chosen:
        for size in export_sizes:
            data.ensure_database(*size)
    figures: list[Figure] = []
    load: list[Figure] = []
    town: list[Figure] = []
    load_took = 0.0
    workdir = Path(tempfile.mkdtemp(prefix="welfare-bench-"))
    sections: dict[str, Callable[[], list[Figure]]] = {
        "startup": lambda: bench_startup(startup_db, runs),
        "terminal": lambda: bench_terminal(startup_db, runs),
        "help": lambda: bench_help(runs),
        "typing": lambda: bench_typing(startup_db, words, workdir, context=not args.quick),
        "export": lambda: [
            *bench_export(export_sizes[0], export_sizes[1], formats, workdir),
            *bench_docx(1000, workdir),  # the budget is for 1,000 meetings in both modes
        ],
        "import": lambda: bench_import(imports, workdir),
        "figures": lambda: bench_figures("quick" if args.quick else "full", runs),
        "load": lambda: bench_load(args.pg, load_seconds, args.latency_attempts, workdir),
    }
    try:
        for name in chosen:
            section_started = time.perf_counter()
            for figure in sections[name]():
                (load if name == "load" else town if name == "figures" else figures).append(figure)
                print(" | ".join(figure.cells()), file=sys.stderr, flush=True)
            if name == "load":
                load_took = time.perf_counter() - section_started
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print("\n".join(table(figures + town + load)))
    mode = "quick" if args.quick else "full"
    if not args.no_report and args.only in (None, "load", "figures"):
        if args.only == "load":
            write_load_section(load, mode, load_took)
        elif args.only == "figures":
            write_figures_section(town, mode)
        else:
            write_report(figures, load, machine_lines, mode, time.perf_counter() - started, load_took)
            write_figures_section(town, mode)
        print(f"\nwritten to {REPORT.relative_to(ROOT)}")
    return 0 if all(f.passed is not False for f in figures + town + load) else 1


if __name__ == "__main__":
    sys.exit(main())
