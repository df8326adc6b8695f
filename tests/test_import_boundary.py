"""The input boundary of `welfare-tui import` (issue 11 items 1-3): bounded reading and parsing, a meeting
never moved to another case, dry runs that create nothing, and re-import that writes only what changed.

Every test runs the real command against a real database; identity and re-import on both backends."""

from __future__ import annotations

import copy
import json
import os
import threading
import time
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from typer.testing import CliRunner

from welfare_tui.cli import app
from welfare_tui.demo import demo_documents
from welfare_tui.minutes.yaml_format import dump_document
from welfare_tui.storage import audit
from welfare_tui.storage.engine import open_database, session_scope

DATA = Path(__file__).parent / "data"
MINUTES = (DATA / "meeting_8050.yaml").read_text(encoding="utf-8")
HEADER = "format: welfare-tui-minutes\nversion: 1\n"
runner = CliRunner()


def run(url: str, *args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, ["--lang", "en", "--db", url, *args], env=env)  # matches English messages


def fingerprint(url: str) -> tuple[int, int, str | None]:
    """Meetings, audit entries and the audit head: any write changes at least the last two."""
    engine = open_database(url, create=False)
    try:
        with engine.connect() as connection:
            return (
                connection.execute(text("SELECT count(*) FROM meeting")).scalar_one(),
                connection.execute(text("SELECT count(*) FROM audit_log")).scalar_one(),
                connection.execute(text("SELECT max(hash) FROM audit_log")).scalar(),
            )
    finally:
        engine.dispose()


def billion_laughs(levels: int = 9) -> str:
    """~1 kB: each level a list of nine aliases of the level before, 9**9 strings if expanded; placed
    where the schema reads it (case.tags), so an expanding loader would have to build all of it."""
    lines = [HEADER.rstrip("\n"), 'l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 9) + "]")
    lines += ["case:", "  code: C-2026-001", "  label: 𠮷田氏世帯", f"  tags: *l{levels - 1}"]
    return "\n".join(lines) + "\n"


# --- 1. bounded parsing -----------------------------------------------------------------------------


def test_billion_laughs_is_refused_at_its_line_fast_small_and_writes_nothing(tmp_path, sqlite_url) -> None:
    assert run(sqlite_url, "import", str(DATA / "meeting_juso.yaml")).exit_code == 0
    before = fingerprint(sqlite_url)
    bomb = tmp_path / "laughs.yaml"
    bomb.write_text(billion_laughs(), encoding="utf-8")
    assert bomb.stat().st_size < 1200
    tracemalloc.start()
    started = time.perf_counter()
    result = run(sqlite_url, "import", str(bomb))
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"Error: {bomb}:3: anchor: "), result.stderr  # the first anchor
    assert "unexpected" not in result.stderr and "Traceback" not in result.output
    assert elapsed < 1.0, elapsed
    assert peak < 100 * 1024 * 1024, peak
    assert fingerprint(sqlite_url) == before


@pytest.mark.skipif(os.name != "posix", reason="resource limits are POSIX")
def test_billion_laughs_in_a_whole_process_stays_under_100_mb(tmp_path) -> None:
    """The real command in its own process, capped at 1 GiB of address space and 20 s (a loader that
    expands aliases would die here instead of taking the machine): peak RSS under 100 MB."""
    import subprocess
    import sys

    bomb = tmp_path / "laughs.yaml"
    bomb.write_text(billion_laughs(), encoding="utf-8")
    child = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
        "from welfare_tui.launch import main\n"
        f"sys.argv = ['welfare-tui', '--db', {str(tmp_path / 'w.db')!r}, 'import', {str(bomb)!r}]\n"
        "main()\n"
    )
    # Linux carries a process's peak RSS over fork and exec: a child of this (large) test process would
    # report our peak as its own. A small launcher spawns it and reports the child's own ru_maxrss.
    launcher = (
        "import os, sys\n"
        f"pid = os.posix_spawn(sys.executable, [sys.executable, '-c', {child!r}], os.environ)\n"
        "_, status, usage = os.wait4(pid, 0)\n"
        "print(usage.ru_maxrss)\n"
        "sys.exit(os.waitstatus_to_exitcode(status))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", launcher],
        capture_output=True,
        text=True,
        timeout=20,
        check=False,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith(f"エラー: {bomb}:3: anchor: "), result.stderr  # Japanese by default
    assert int(result.stdout.split()[-1]) < 100 * 1024  # ru_maxrss is in KiB on Linux
    assert not (tmp_path / "w.db").exists()


@pytest.mark.parametrize(
    "body, line, field",
    [
        ("x: &a 1\n", 3, "anchor"),  # a lone anchor
        ("case:\n  code: C-1\n  code: C-2\n", 5, "case.code"),  # duplicate key
        (
            "agencies:\n  local-1: {name: a, sector: 行政}\n  local-1: {name: b, sector: 行政}\n",
            5,
            "agencies.local-1",
        ),
        ("<<: {case: {}}\n", 3, "document"),  # merge key
        ("meeting:\n  round: " + "9" * 5000 + "\n", 4, "meeting.round"),  # too many digits for int()
        ("meeting:\n  round: 0x_\n", 4, "meeting.round"),  # resolves as int, cannot convert
        ("x: !!binary aGVsbG8=\n", 3, "x"),
        ("x: " + "[" * 50 + "]" * 50 + "\n", 3, "x" + "[0]" * 20),  # deeper than any document
    ],
)
def test_hostile_yaml_is_refused_where_it_is(tmp_path, sqlite_url, body: str, line: int, field: str) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(HEADER + body, encoding="utf-8")
    result = run(sqlite_url, "import", str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {path}:{line}: {field}: "), result.stderr
    assert "unexpected" not in result.stderr


@pytest.mark.parametrize(
    "change, field",
    [
        (("round: 1\n", "round: 100000000000000000000000000000\n"), "meeting.round"),  # was OverflowError
        (("round: 1\n", "round: 1.0e+29\n"), "meeting.round"),
        (("round: 1\n", "round: 10000\n"), "meeting.round"),
        (("minutes: 5,", "minutes: 1441,"), "steps[0].minutes"),
        (("uid: 5f0c1a2b9d3e4f60a1b2c3d4e5f60718\n", 'uid: "../../etc/x y"\n'), "meeting.uid"),
        (
            ("uid: 5f0c1a2b9d3e4f60a1b2c3d4e5f60718\n", "uid: 5F0C1A2B9D3E4F60A1B2C3D4E5F60718\n"),
            "meeting.uid",
        ),
    ],
)
def test_numbers_and_uids_are_bounded_by_the_schema(tmp_path, sqlite_url, change, field) -> None:
    old, new = change
    assert old in MINUTES
    path = tmp_path / "bad.yaml"
    path.write_text(MINUTES.replace(old, new, 1), encoding="utf-8")
    result = run(sqlite_url, "import", str(path))
    assert result.exit_code == 1, result.output
    assert f"{path}:" in result.stderr and f": {field}: " in result.stderr, result.stderr
    assert "unexpected" not in result.stderr


def test_files_over_the_size_limit_are_refused_with_the_limit(tmp_path, sqlite_url) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(MINUTES.replace("policy: ", "policy: " + "あ" * 400_000, 1), encoding="utf-8")  # 1.2 MB
    result = run(sqlite_url, "--lang", "en", "import", str(path), env={"WELFARE_TUI_IMPORT_MAX_MB": "1"})
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {path}: larger than the limit of 1 MB"), result.stderr
    assert run(sqlite_url, "import", str(path)).exit_code == 0  # the default, 10 MB, takes it
    bad = run(sqlite_url, "import", str(path), env={"WELFARE_TUI_IMPORT_MAX_MB": "1e9"})
    assert bad.exit_code == 1 and "import_max_mb" in bad.stderr


@pytest.mark.skipif(os.name != "posix", reason="devices and FIFOs are POSIX")
def test_devices_fifos_and_directories_are_refused_unread(tmp_path, sqlite_url) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    outcome: dict[str, object] = {}
    # A reader that opened the FIFO would block forever (no writer): run it where a hang is seen.
    worker = threading.Thread(
        target=lambda: outcome.update(
            result=run(sqlite_url, "--lang", "en", "import", "/dev/zero", str(fifo), str(tmp_path))
        ),
        daemon=True,
    )
    worker.start()
    worker.join(20)
    assert "result" in outcome, "import blocked on a FIFO"
    result = outcome["result"]
    assert result.exit_code == 1
    stderr = result.stderr
    assert "Error: /dev/zero: not a regular file (a device)" in stderr
    assert f"Error: {fifo}: not a regular file (a named pipe)" in stderr
    assert f"Error: {tmp_path}: not a regular file (a directory)" in stderr


HOSTILE = st.sampled_from(
    [
        "&a ",
        "*a",
        "&b [*a, *a]",
        "<<: *a",
        "<<: {}",
        "!!binary x",
        "!!python/object:os.system x",
        "!!set {a}",
        "!!timestamp 2026-01-01",
        "!!int 1e29",
        "!!float x",
        "9" * 30,
        "0x_",
        "0b",
        "-0o",
        "1e999",
        ".inf",
        "[" * 30,
        "]" * 30,
        "{" * 30,
        "? [a]\n: b",
        "round: 1\nround: 2",
        "'\\x00'",
        '"\\x00"',
        "~",
        "\t",
    ]
)


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(pieces=st.lists(st.tuples(st.integers(0, 60), HOSTILE), min_size=1, max_size=4))
def test_hostile_yaml_never_gives_a_traceback(tmp_path_factory, pieces) -> None:
    lines = MINUTES.splitlines()
    for at, piece in pieces:
        at = min(at, len(lines) - 1)
        key, colon, _ = lines[at].partition(":")
        lines[at] = f"{key}: {piece}" if colon else piece
    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "hostile.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.perf_counter()
    result = run(f"sqlite:///{folder / 'welfare.db'}", "import", str(path), "--dry-run")
    assert time.perf_counter() - started < 5
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "unexpected" not in output, output
    assert result.exit_code in (0, 1), output
    if result.exit_code:
        assert result.stderr.startswith(f"Error: {path}"), result.stderr
    assert not (folder / "welfare.db").exists()


# --- 2. identity ------------------------------------------------------------------------------------


def test_dry_run_never_creates_a_database(tmp_path) -> None:
    target = tmp_path / "sub" / "missing.db"
    result = run(
        f"sqlite:///{target}", "--lang", "en", "import", str(DATA / "meeting_8050.yaml"), "--dry-run"
    )
    assert result.exit_code == 0, result.stderr
    assert "new case C-2026-001, new meeting 5f0c1a2b" in result.stdout
    assert not target.exists() and not target.parent.exists()


def test_dry_run_leaves_an_empty_file_empty(tmp_path) -> None:
    target = tmp_path / "empty.db"
    target.touch(mode=0o600)
    result = run(f"sqlite:///{target}", "import", str(DATA / "meeting_8050.yaml"), "--dry-run")
    assert result.exit_code == 0, result.output
    assert target.stat().st_size == 0 and sorted(p.name for p in tmp_path.iterdir()) == ["empty.db"]


def exported(url: str, uid_prefix: str = "") -> dict:
    """The document of the first meeting (or the one whose uid starts so), as an export writes it."""
    from welfare_tui.storage.documents import meeting_document, select_meeting_ids

    engine = open_database(url)
    try:
        with session_scope(engine) as session:
            for meeting_id in select_meeting_ids(session, all=True):
                doc = meeting_document(session, meeting_id=meeting_id)
                if doc["meeting"]["uid"].startswith(uid_prefix):
                    return doc
    finally:
        engine.dispose()
    raise AssertionError("no such meeting")


def write(path: Path, doc: dict) -> str:
    path.write_text(dump_document(doc), encoding="utf-8")
    return str(path)


def test_a_meeting_of_another_case_is_refused_and_imported_as_new_only_when_asked(tmp_path, db_url) -> None:
    juso = str(DATA / "meeting_juso.yaml")
    assert run(db_url, "import", juso).exit_code == 0
    original = exported(db_url)
    template = copy.deepcopy(original)  # an export copied as a template for another household
    template["case"].update(code="C-2026-777", label="髙﨑氏世帯")
    template["case"]["household"] = [{"name": "髙﨑 ﾏﾙﾏﾙ", "relation": "本人"}]
    template["decisions"] = "別世帯の決定事項"
    path = write(tmp_path / "template.yaml", template)
    before = fingerprint(db_url)

    refused = run(db_url, "--lang", "en", "import", path)
    assert refused.exit_code == 1
    uid = original["meeting"]["uid"]
    assert (
        f"{path}:" in refused.stderr
        and f"meeting.uid: meeting {uid[:8]} belongs to case "
        f"{original['case']['code']} in this database, not to case C-2026-777"
        in refused.stderr
    ), refused.stderr
    assert fingerprint(db_url) == before

    copied = run(db_url, "import", path, "--as-new", "--json")
    assert copied.exit_code == 0, copied.stderr
    [row] = json.loads(copied.stdout)
    assert (row["case"], row["case_change"], row["meeting_change"]) == ("C-2026-777", "new", "new")
    assert row["meeting"] != uid and len(row["meeting"]) == 32
    assert exported(db_url, uid) == original  # the meeting the template came from is untouched
    assert exported(db_url, row["meeting"])["decisions"] == "別世帯の決定事項"


# --- 3. re-import is a true no-op -------------------------------------------------------------------


def audit_count(url: str) -> list[dict]:
    engine = open_database(url)
    try:
        with session_scope(engine) as session:
            return audit.entries(session)
    finally:
        engine.dispose()


def test_reimport_writes_nothing_and_an_edit_writes_only_its_row(tmp_path, db_url) -> None:
    from welfare_tui.storage.documents import apply_document

    engine = open_database(db_url)
    with session_scope(engine) as session:
        for doc in demo_documents():
            apply_document(session, doc=doc)
    engine.dispose()
    doc = exported(db_url)
    assert doc["roles"] and len(doc["attendees"]) > 1
    path = write(tmp_path / "meeting.yaml", doc)
    entries = len(audit_count(db_url))
    head = fingerprint(db_url)

    again = run(db_url, "import", path, "--json")
    assert again.exit_code == 0, again.stderr
    assert [(r["case_change"], r["meeting_change"]) for r in json.loads(again.stdout)] == [
        ("unchanged", "unchanged")
    ]
    assert fingerprint(db_url) == head  # no row and no audit entry
    assert len(audit_count(db_url)) == entries

    edited = copy.deepcopy(doc)
    edited["roles"][-1]["due"] = "2031-03-31"
    changed = run(db_url, "import", write(tmp_path / "edited.yaml", edited), "--json")
    assert changed.exit_code == 0, changed.stderr
    assert [(r["case_change"], r["meeting_change"]) for r in json.loads(changed.stdout)] == [
        ("unchanged", "updated")
    ]
    new = audit_count(db_url)[: len(audit_count(db_url)) - entries]
    assert [(e["action"], e["table_name"], e["fields"]) for e in new] == [
        ("update", "role_assignment", ["due_date"])
    ]
    assert exported(db_url, doc["meeting"]["uid"]) == edited


def test_rows_added_and_removed_are_written_alone(tmp_path, db_url) -> None:
    assert run(db_url, "import", str(DATA / "meeting_8050.yaml")).exit_code == 0
    doc = exported(db_url)
    entries = len(audit_count(db_url))
    edited = copy.deepcopy(doc)
    del edited["attendees"][0]
    edited["attendees"].insert(1, {**doc["attendees"][0], "name": "山﨑 明美", "role": "相談員"})
    edited["case"]["household"].append(
        {**edited["case"]["household"][0], "name": "𠮷田 ﾊﾅｺ", "relation": "妹"}
    )
    result = run(db_url, "import", write(tmp_path / "edited.yaml", edited), "--json")
    assert result.exit_code == 0, result.stderr
    assert [(r["case_change"], r["meeting_change"]) for r in json.loads(result.stdout)] == [
        ("updated", "updated")
    ]
    new = audit_count(db_url)[: len(audit_count(db_url)) - entries]
    actions = sorted((e["action"], e["table_name"]) for e in new)
    assert actions == [("create", "attendee"), ("create", "household_member"), ("delete", "attendee")], (
        actions
    )
    assert exported(db_url, doc["meeting"]["uid"]) == edited
    again = run(db_url, "import", write(tmp_path / "edited.yaml", edited))
    assert again.exit_code == 0 and len(audit_count(db_url)) == entries + 3


def test_agendas_refuse_aliases_and_read_only_regular_files(tmp_path) -> None:
    from welfare_tui.agendas import bundled_agendas_dir, load_agenda_file
    from welfare_tui.errors import AgendaError
    from welfare_tui.i18n import set_language

    set_language("en")
    text = (bundled_agendas_dir() / "shien_kaigi.yaml").read_text(encoding="utf-8")
    assert "    guide:\n      - 開催に至った経緯" in text
    # Every step's guide an alias of the first: validating costs steps × questions without the refusal.
    path = tmp_path / "aliased.yaml"
    path.write_text(
        text.replace("    guide:\n      - 開催に至った経緯", "    guide: &g\n      - 開催に至った経緯", 1),
        encoding="utf-8",
    )
    with pytest.raises(AgendaError) as caught:
        load_agenda_file(path)
    line = text.splitlines().index("    guide:") + 1
    assert str(caught.value).startswith(
        f"{path}:{line}: anchor: YAML anchors (&) and aliases (*) are not accepted"
    )
    if os.name == "posix":
        with pytest.raises(AgendaError, match=r"/dev/zero: not a regular file \(a device\)"):
            load_agenda_file("/dev/zero")


def test_step_states_are_updated_and_removed_in_place(tmp_path, db_url) -> None:
    assert run(db_url, "import", str(DATA / "meeting_8050.yaml")).exit_code == 0
    doc = exported(db_url)
    entries = len(audit_count(db_url))
    edited = copy.deepcopy(doc)
    edited["steps"][0]["notes"] = "𠮷田さんの近況を共有した。"
    edited["steps"][1]["done"] = not edited["steps"][1]["done"]
    removed = edited["steps"].pop(2)
    assert removed["id"] != edited["meeting"]["current_step"]
    result = run(db_url, "import", write(tmp_path / "edited.yaml", edited), "--json")
    assert result.exit_code == 0, result.stderr
    assert [(r["case_change"], r["meeting_change"]) for r in json.loads(result.stdout)] == [
        ("unchanged", "updated")
    ]
    new = audit_count(db_url)[: len(audit_count(db_url)) - entries]
    assert sorted((e["action"], e["table_name"], tuple(e["fields"])) for e in new) == [
        ("delete", "step_state", ()),
        ("update", "meeting", ("agenda_json",)),
        ("update", "step_state", ("done",)),
        ("update", "step_state", ("notes",)),
    ]
    assert exported(db_url, doc["meeting"]["uid"]) == edited


def test_an_agenda_with_a_5000_digit_number_is_refused_at_its_line(tmp_path) -> None:
    from welfare_tui.agendas import bundled_agendas_dir, load_agenda_file
    from welfare_tui.errors import AgendaError

    text = (bundled_agendas_dir() / "shien_kaigi.yaml").read_text(encoding="utf-8")
    path = tmp_path / "digits.yaml"
    path.write_text(
        text.replace("    minutes: 5\n", "    minutes: " + "9" * 5000 + "\n", 1), encoding="utf-8"
    )
    line = text.splitlines().index("    minutes: 5") + 1
    with pytest.raises(AgendaError) as caught:
        load_agenda_file(path)
    assert str(caught.value).startswith(f"{path}:{line}: steps[0].minutes: 999999999999… は範囲外です")


def test_dry_run_does_not_migrate_an_older_database(tmp_path) -> None:
    from welfare_tui.storage.engine import REVISIONS, make_engine, migrate

    target = tmp_path / "old.db"
    url = f"sqlite:///{target}"
    target.touch(mode=0o600)
    migrate(make_engine(url), url, target=REVISIONS[-2])
    before = target.read_bytes()
    result = run(url, "import", str(DATA / "meeting_8050.yaml"), "--dry-run")
    assert result.exit_code == 3, result.output
    assert "db upgrade" in result.stderr
    assert target.read_bytes() == before
