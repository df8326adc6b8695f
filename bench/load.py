"""Many facilitators saving at once on one database (issue 12; product.md: 20 facilitators on one
PostgreSQL, p99 save ≤ 100 ms, 0 lost).

Each facilitator is its own process and saves as the TUI does (views/gateway.py,
views/widgets/autosave_form.py, views/steps/base.py, views/row_saving.py): it reads the record (version and values) without a
write lock (`Gateway.query`), pauses as a person does, then saves in an immediate unit of work
(`Gateway.run`) with `expected_version` and `original`. A save refused with `errors.Conflict` naming
fields is a conflict *shown*; the facilitator then takes theirs (saves nothing) or keeps mine (saves
again over the value it has now seen), half and half. A Conflict naming no field (two saves in the
same instant) is saved again at once, as the TUI's next save does.

Every acknowledged save is logged with the value it wrote (unique: process and counter), the value it
believed it replaced and the version the database returned. Afterwards (`verify`), the saves of each
field ordered by version must form a chain, each one replacing exactly the value of the save before
it and the last one still in the database: a save that replaced a value it never saw is a lost update.

    run_load(url, processes=20, seconds=60)   → LoadResult (bench/__main__.py judges it)
    python -m bench.load CONFIG_JSON          one facilitator process (started by run_load)
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PACKAGE_PARENT = Path(__file__).resolve().parent.parent
CODE_PREFIX = "LOAD-"
FIELDS = ("purpose", "decisions", "policy")  # meeting fields a facilitator types into
STEPS = ("case_summary", "info_sharing")  # steps whose notes they write
ROWS_PER_MEETING = 2  # role assignments whose task they edit
SHARED_EVERY = 4  # every 4th save goes to the meeting shared with another process: a quarter
THINK_SECONDS = 0.2  # the longest pause between reading a record and saving it
LOCKED_WAIT_SECONDS = 0.001  # SQLite's busy handler sleeps at least 1 ms: a lock this slow was waited for


@dataclass
class LoadResult:
    backend: str
    processes: int
    seconds: float
    period: float
    saves: dict[str, int] = field(default_factory=dict)
    """Acknowledged saves by kind (field, note, row)."""
    latencies: list[float] = field(default_factory=list)
    """Every save's unit of work in seconds, refused ones included: the user waits for those too."""
    conflicts: int = 0
    kept_mine: int = 0
    took_theirs: int = 0
    retried: int = 0
    errors: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    locked_waits: list[float] = field(default_factory=list)
    """How long each save that found the writers' lock taken waited for it (SQLite's write lock,
    PostgreSQL's audit-log lock)."""
    not_measured: list[str] = field(default_factory=list)
    """Kinds of save this tree cannot lock yet, with why."""

    @property
    def saves_done(self) -> int:
        return sum(self.saves.values())

    @property
    def scheduled(self) -> int:
        """Saves the schedule asked for; fewer done means saves took longer than the period."""
        return round(self.processes * self.seconds / self.period)

    def percentile(self, fraction: float) -> float | None:
        if not self.latencies:
            return None
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]

    @property
    def p50(self) -> float | None:
        return statistics.median(self.latencies) if self.latencies else None

    @property
    def p99(self) -> float | None:
        return self.percentile(0.99)


# --- what can be saved with a version -----------------------------------------------------------------


def save_kinds() -> tuple[list[str], list[str]]:
    """(kinds this tree can save with optimistic locking, why each other kind cannot)."""
    from welfare_tui.storage import repo

    kinds, missing = ["field"], []
    for kind, function in (("note", repo.set_step_state), ("row", repo.update_item)):
        if "expected_version" in inspect.signature(function).parameters:
            kinds.append(kind)
        else:
            missing.append(f"{kind}s: repo.{function.__name__} takes no expected_version")
    return kinds, missing


# --- the database -------------------------------------------------------------------------------------


def reset_database(url: str) -> None:
    """Make `url` ready for a run: an empty or case-less database is used as it is; one holding only an
    earlier run's cases is emptied; one holding anything else is refused (SystemExit)."""
    from sqlalchemy import MetaData, text
    from sqlalchemy import inspect as inspect_db
    from sqlalchemy.exc import SQLAlchemyError

    from welfare_tui.storage.engine import display_url, make_engine

    engine = make_engine(url)
    try:
        connection = engine.connect()
    except SQLAlchemyError as error:
        engine.dispose()
        raise SystemExit(
            f"cannot open {display_url(url)}: {_first_line(getattr(error, 'orig', error))}"
        ) from None
    try:
        with connection, connection.begin():
            tables = set(inspect_db(connection).get_table_names())
            if not tables:
                return
            codes = (
                connection.execute(text('SELECT code FROM "case"')).scalars().all()
                if "case" in tables
                else None
            )
            if codes is None or any(not code.startswith(CODE_PREFIX) for code in codes):
                raise SystemExit(
                    f"{display_url(url)} holds data other than an earlier load run's: "
                    f"the load benchmark needs an empty database of its own"
                )
            if codes:
                metadata = MetaData()
                metadata.reflect(connection)
                metadata.drop_all(connection)
    finally:
        engine.dispose()


def prepare(url: str, processes: int) -> list[dict[str, Any]]:
    """Meetings for the run: one of each process's own, and one shared by each pair of processes (the
    last shared by three when the count is odd). Returns each process's targets."""
    from welfare_tui.agendas import get_agenda
    from welfare_tui.storage import repo
    from welfare_tui.storage.engine import open_database, session_scope

    reset_database(url)
    shared_count = max(1, processes // 2)
    engine = open_database(url)
    try:
        with session_scope(engine, user="load-bench") as session:
            agenda = get_agenda("shien_kaigi")
            targets = []
            for number in range(1, processes + shared_count + 1):
                case = repo.create_case(
                    session,
                    code=f"{CODE_PREFIX}{number:03d}",
                    label=f"負荷{number}世帯 山﨑",
                    summary="ﾏﾙﾏﾙ地区 ３０１号室",
                )
                meeting = repo.create_meeting(
                    session,
                    case_id=case.id,
                    agenda=agenda,
                    date=dt.date(2026, 12, 1),
                    place="市役所 第3会議室",
                    chair="地域福祉課長 𠮷田",
                )
                initial: dict[str, Any] = {name: f"初期値 {meeting.id} {name}" for name in FIELDS}
                repo.update_meeting(session, meeting_id=meeting.id, **initial)
                for step in STEPS:
                    repo.set_step_state(session, meeting_id=meeting.id, step_id=step, notes=f"初期値 {step}")
                rows = [
                    repo.add_item(
                        session,
                        kind="role",
                        parent_id=meeting.id,
                        values={"task": f"初期値 {meeting.id} {n}", "person": "髙﨑"},
                    )["id"]
                    for n in range(ROWS_PER_MEETING)
                ]
                targets.append({"meeting": meeting.id, "rows": rows})
    finally:
        engine.dispose()
    own, shared = targets[:processes], targets[processes:]
    return [
        {"own": own[index], "shared": shared[min(index // 2, shared_count - 1)]} for index in range(processes)
    ]


def read_state(url: str, plans: list[dict[str, Any]]) -> dict[str, Any]:
    """The value of every field the run may save, keyed as the logs key them (`record_key`)."""
    from welfare_tui.storage import repo
    from welfare_tui.storage.engine import open_database, session_scope

    meetings = sorted({plan[side]["meeting"] for plan in plans for side in ("own", "shared")})
    state: dict[str, Any] = {}
    engine = open_database(url, create=False)
    try:
        with session_scope(engine) as session:
            for meeting_id in meetings:
                meeting = repo.get_meeting(session, meeting_id=meeting_id)
                for name in FIELDS:
                    state[record_key("field", meeting_id, name)] = getattr(meeting, name)
                for step in meeting.steps:
                    if step["id"] in STEPS:
                        state[record_key("note", meeting_id, step["id"])] = step["notes"]
                for item in repo.list_items(session, kind="role", parent_id=meeting_id):
                    state[record_key("row", item["id"], "task")] = item["task"]
    finally:
        engine.dispose()
    return state


def record_key(kind: str, record: int, name: str) -> str:
    return f"{kind} {record} {name}"


# --- verification -------------------------------------------------------------------------------------


def verify(acks: list[dict[str, Any]], initial: dict[str, Any], final: dict[str, Any]) -> list[str]:
    """Lost updates, one line each: for every field, its acknowledged saves ordered by the version the
    database returned must each have replaced the value of the save before (the first one the initial
    value), and the last must still be there. Values are unique, so a save that overwrote another it
    never saw cannot pass for one that saw it."""
    by_key: dict[str, list[dict[str, Any]]] = {}
    for ack in acks:
        by_key.setdefault(ack["key"], []).append(ack)
    lost = []
    for key, saves in sorted(by_key.items()):
        saves.sort(key=lambda ack: ack["version"])
        previous, previous_version = initial.get(key), None
        for save in saves:
            if save["version"] == previous_version:
                lost.append(
                    f"{key}: {save['value']!r} and {previous!r} were both acknowledged as version "
                    f"{previous_version}"
                )
            elif save["original"] != previous:
                lost.append(
                    f"{key}: {previous!r} was overwritten by {save['value']!r}, which had seen "
                    f"{save['original']!r}"
                )
            previous, previous_version = save["value"], save["version"]
        if final.get(key) != previous:
            lost.append(
                f"{key}: the last acknowledged save {previous!r} is not in the database "
                f"(it holds {final.get(key)!r})"
            )
    return lost


# --- the run ------------------------------------------------------------------------------------------


def run_load(
    url: str,
    *,
    processes: int,
    seconds: float,
    period: float = 0.5,
    think: float = THINK_SECONDS,
    shared_every: int = SHARED_EVERY,
    seed: int = 12,
) -> LoadResult:
    """Start `processes` facilitators on `url` for `seconds`, then verify what they were told was saved.

    Each saves every `period` s, pausing up to `think` s between reading and saving; every
    `shared_every`-th save goes to its shared meeting. The suite's short run shares every save and
    thinks as long as the period, so that a few seconds hold many clashes."""
    from welfare_tui.storage.engine import parse_url

    if processes < 2:
        raise ValueError("the load needs at least two processes: half the point is the shared meetings")
    from welfare_tui.errors import WelfareError

    kinds, missing = save_kinds()
    try:
        plans = prepare(url, processes)
        initial = read_state(url, plans)
    except WelfareError as error:  # the database is unavailable, too old or too new: one line, no traceback
        raise SystemExit(f"load: {error}") from None
    result = LoadResult(parse_url(url).get_backend_name(), processes, seconds, period, not_measured=missing)
    configs = [
        {
            **plan,
            "url": url,
            "index": index,
            "kinds": kinds,
            "seconds": seconds,
            "period": period,
            "think": think,
            "shared_every": shared_every,
            "seed": seed * 1000 + index,
        }
        for index, plan in enumerate(plans)
    ]
    acks: list[dict[str, Any]] = []
    for log in run_processes(configs, seconds):
        if "crashed" in log:
            result.errors.append(log["crashed"])
            continue
        acks.extend(log["acks"])
        for ack in log["acks"]:
            result.saves[ack["kind"]] = result.saves.get(ack["kind"], 0) + 1
        result.latencies.extend(log["latencies"])
        result.locked_waits.extend(log["locked_waits"])
        result.errors.extend(log["errors"])
        for name in ("conflicts", "kept_mine", "took_theirs", "retried"):
            setattr(result, name, getattr(result, name) + log[name])
    result.lost = verify(acks, initial, read_state(url, plans))
    return result


def run_processes(configs: list[dict[str, Any]], seconds: float) -> list[dict[str, Any]]:
    """Start every facilitator, wait until all are ready (imports done, database open), start them
    together, and return each one's log (or {"crashed": why})."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(PACKAGE_PARENT), os.environ.get("PYTHONPATH")])),
    }
    children, starters = [], []
    try:
        for config in configs:
            # The start time goes in through a pipe of our own, so that communicate() below only reads.
            start_read, start_write = os.pipe()
            children.append(
                subprocess.Popen(
                    [sys.executable, "-m", "bench.load", json.dumps(config)],
                    stdin=start_read,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                    env=env,
                )
            )
            os.close(start_read)
            starters.append(start_write)
        for child in children:
            if child.stdout is None or child.stdout.readline().strip() != "ready":
                break  # it died: its stderr says why, below
        start = time.time() + 0.5
        for starter in starters:
            try:
                os.write(starter, f"{start}\n".encode())
            except OSError:
                pass  # that process has ended already
        for starter in starters:
            os.close(starter)
        starters.clear()
        logs = []
        for child in children:
            try:
                out, errors = child.communicate(timeout=seconds + 120)
            except subprocess.TimeoutExpired:
                child.kill()
                out, errors = child.communicate()
            if child.returncode != 0:
                last = [line for line in errors.splitlines() if line.strip()][-1:] or [
                    f"exit {child.returncode}"
                ]
                logs.append({"crashed": f"facilitator process failed: {last[0]}"})
            else:
                logs.append(json.loads(out))
        return logs
    finally:
        for starter in starters:
            os.close(starter)
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()


# --- one facilitator ----------------------------------------------------------------------------------


class Facilitator:
    """One process's facilitator: saves on a schedule and logs what the database acknowledged."""

    def __init__(self, config: dict[str, Any]) -> None:
        from welfare_tui.storage.engine import open_database

        self.config = config
        self.rng = random.Random(config["seed"])
        self.user = f"load-{config['index']:02d}"
        self.engine = open_database(config["url"], create=False)
        self.counter = 0
        self.log: dict[str, Any] = {
            "acks": [],
            "latencies": [],
            "locked_waits": [],
            "errors": [],
            "conflicts": 0,
            "kept_mine": 0,
            "took_theirs": 0,
            "retried": 0,
        }
        self._time_lock_waits()

    def _time_lock_waits(self) -> None:
        """Time the statements where a save waits for every other writer: SQLite's BEGIN IMMEDIATE
        (engine.py `_sqlite_begin`) and PostgreSQL's advisory lock on the audit log (audit.py)."""
        from sqlalchemy import event

        started: list[float] = []

        def waits(statement: str) -> bool:
            return statement == "BEGIN IMMEDIATE" or "pg_advisory_xact_lock" in statement

        def before(connection: Any, cursor: Any, statement: str, *_: Any) -> None:
            if waits(statement):
                started[:] = [time.perf_counter()]

        def after(connection: Any, cursor: Any, statement: str, *_: Any) -> None:
            if waits(statement) and started:
                waited = time.perf_counter() - started.pop()
                if waited >= LOCKED_WAIT_SECONDS:
                    self.log["locked_waits"].append(waited)

        event.listen(self.engine, "before_cursor_execute", before)
        event.listen(self.engine, "after_cursor_execute", after)

    # The two doors of views/gateway.py -------------------------------------------------------------
    def query(self, function: Callable[..., Any], /, **kwargs: Any) -> Any:
        from welfare_tui.storage.engine import session_scope

        with session_scope(self.engine, user=self.user) as session:
            return function(session, **kwargs)

    def run(self, function: Callable[..., Any], /, **kwargs: Any) -> Any:
        from welfare_tui.storage.engine import session_scope

        with session_scope(self.engine, user=self.user, immediate=True) as session:
            return function(session, **kwargs)

    # The schedule ----------------------------------------------------------------------------------
    def warm_up(self) -> None:
        from welfare_tui.storage import repo

        self.query(repo.get_meeting, meeting_id=self.config["own"]["meeting"])

    def facilitate(self, start: float) -> None:
        period, kinds = self.config["period"], self.config["kinds"]
        time.sleep(max(0.0, start - time.time()))
        began = time.monotonic()
        end, tick, number = began + self.config["seconds"], began, 0
        while tick < end:
            time.sleep(max(0.0, tick - time.monotonic()))
            every = self.config["shared_every"]
            target = self.config["shared" if number % every == every - 1 else "own"]
            kind = self.rng.choice(kinds)
            try:
                getattr(self, f"save_{kind}")(target)
            except Exception as error:  # noqa: BLE001 - anything but a Conflict is an error of the run
                self.log["errors"].append(f"{kind} save: {type(error).__name__}: {_first_line(error)}")
            number += 1
            tick = max(tick + period, time.monotonic())  # late: the next save follows at once, no burst

    def next_value(self) -> str:
        self.counter += 1
        return f"𠮷田{self.config['index']:02d}-{self.counter:05d}"

    def think(self) -> None:
        time.sleep(self.rng.uniform(0, self.config["think"]))

    # One save of each kind, as the TUI makes it ----------------------------------------------------
    def save_field(self, target: dict[str, Any]) -> None:
        """A meeting field typed into a form (AutosaveForm → StepView.write_meeting)."""
        from welfare_tui.storage import repo

        meeting_id, name = target["meeting"], self.rng.choice(FIELDS)
        meeting = self.query(repo.get_meeting, meeting_id=meeting_id)
        self.think()
        value = self.next_value()

        def write(original: dict[str, Any], version: int) -> int:
            saved = self.run(
                repo.update_meeting,
                meeting_id=meeting_id,
                expected_version=version,
                original=original,
                **{name: value},
            )
            return saved.version

        self.save(
            "field",
            record_key("field", meeting_id, name),
            name,
            value,
            {name: getattr(meeting, name)},
            meeting.version,
            write,
        )

    def save_note(self, target: dict[str, Any]) -> None:
        """A step's notes (StepView.save_notes)."""
        from welfare_tui.storage import repo

        meeting_id, step_id = target["meeting"], self.rng.choice(STEPS)
        meeting = self.query(repo.get_meeting, meeting_id=meeting_id)
        step = next(step for step in meeting.steps if step["id"] == step_id)
        self.think()
        value = self.next_value()

        def write(original: dict[str, Any], version: int) -> int:
            saved = self.run(
                repo.set_step_state,
                meeting_id=meeting_id,
                step_id=step_id,
                notes=value,
                expected_version=version,
                original=original,
            )
            return saved["version"]

        self.save(
            "note",
            record_key("note", meeting_id, step_id),
            "notes",
            value,
            {"notes": step["notes"]},
            step["version"],
            write,
        )

    def save_row(self, target: dict[str, Any]) -> None:
        """A table row changed in its edit dialog, which sends the fields changed (views/row_saving.py)."""
        from welfare_tui.storage import repo

        meeting_id, item_id = target["meeting"], self.rng.choice(target["rows"])
        items = self.query(repo.list_items, kind="role", parent_id=meeting_id)
        item = next(item for item in items if item["id"] == item_id)
        self.think()
        value = self.next_value()

        def write(original: dict[str, Any], version: int) -> int:
            saved = self.run(
                repo.update_item,
                kind="role",
                item_id=item_id,
                values={"task": value},
                expected_version=version,
                original=original,
            )
            return saved["version"]

        self.save(
            "row",
            record_key("row", item_id, "task"),
            "task",
            value,
            {"task": item["task"]},
            item["version"],
            write,
        )

    def save(
        self,
        kind: str,
        key: str,
        name: str,
        value: Any,
        original: dict[str, Any],
        version: int,
        write: Callable[[dict[str, Any], int], int],
    ) -> None:
        """Save until acknowledged or the user takes theirs, resolving conflicts as a user does."""
        from welfare_tui.errors import Conflict

        for _ in range(20):  # a user keeping theirs against a stream of other saves gives up at some point
            started = time.perf_counter()
            try:
                new_version = write(original, version)
            except Conflict as conflict:
                self.log["latencies"].append(time.perf_counter() - started)
                if not conflict.fields:  # saved in the same instant as another: nothing to choose
                    self.log["retried"] += 1
                    continue
                self.log["conflicts"] += 1
                if self.rng.random() < 0.5:
                    self.log["took_theirs"] += 1
                    return
                # Keep mine: the dialog showed their values; saving over them is now knowing. The
                # version stays the one read, as in the forms and the row dialog: only the fields count.
                self.log["kept_mine"] += 1
                original = {**original, **{other: theirs for other, (_, theirs) in conflict.fields.items()}}
                continue
            self.log["latencies"].append(time.perf_counter() - started)
            self.log["acks"].append(
                {"kind": kind, "key": key, "value": value, "original": original[name], "version": new_version}
            )
            return
        self.log["errors"].append(f"{key}: still refused after 20 saves")


def _first_line(error: BaseException) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[0] if lines else ""


def worker_main(config_json: str) -> int:
    facilitator = Facilitator(json.loads(config_json))
    facilitator.warm_up()
    print("ready", flush=True)
    line = sys.stdin.readline()
    if not line.strip():
        return 1  # the run was called off
    facilitator.facilitate(float(line))
    facilitator.engine.dispose()
    json.dump(facilitator.log, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(worker_main(sys.argv[1]))
