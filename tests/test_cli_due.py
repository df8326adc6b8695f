"""`welfare-tui due`: open role assignments and monitoring dates of the demo data, grouped by agency."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from welfare_tui.cli import app
from welfare_tui.demo import build_demo

runner = CliRunner()


TODAY = "2026-11-20"


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('due') / 'demo.db'}"
    build_demo(url)
    return url


def due(url: str, *args: str):
    return runner.invoke(app, ["--db", url, "due", "--today", TODAY, *args])


def items(result) -> list[dict]:
    return [
        dict(item, agency=group["agency"]) for group in json.loads(result.stdout) for item in group["items"]
    ]


def test_json_groups_open_items_by_agency(demo_url) -> None:
    result = due(demo_url, "--json")
    assert result.exit_code == 0, result.stderr
    groups = json.loads(result.stdout)
    assert len({group["agency"] for group in groups}) == len(groups)
    rows = items(result)
    assert rows and {row["status"] for row in rows} <= {"open", "continue", "revise"}
    # The demo's approved plan (DEMO-2026-001) has goals whose review is due: plan_review rows.
    # Next attempts of the contact log (`contact`) when the demo's households have some.
    assert {"role", "monitoring", "plan_review"} <= {row["kind"] for row in rows}
    assert {row["kind"] for row in rows} <= {"role", "monitoring", "plan_review", "contact"}
    # Only each case's latest meeting with follow-ups: DEMO-2026-001's first round is history.
    assert "96b3406ac2004fc18c427c9bfeac3130" not in {row["meeting_uid"] for row in rows}
    assert all(row["overdue"] == (row["due"] is not None and row["due"] < TODAY) for row in rows)


def test_overdue_and_within(demo_url) -> None:
    overdue = items(due(demo_url, "--overdue", "--json"))
    assert overdue and all(row["due"] < TODAY for row in overdue)
    within = items(due(demo_url, "--within", "14", "--json"))
    assert within and all(row["due"] <= "2026-12-04" for row in within)
    assert {row["due"] for row in overdue} <= {row["due"] for row in within}


def test_agency_filter_and_text_table(demo_url) -> None:
    rows = items(due(demo_url, "--agency", "こども家庭センター", "--json"))
    assert rows and {row["agency"] for row in rows} == {"kodomo_katei"}
    text = due(demo_url, "--agency", "kodomo_katei")
    assert text.exit_code == 0
    lines = text.stdout.splitlines()
    assert lines[0] == "こども家庭センター" and all(line.startswith("  ") for line in lines[1:])
    assert "超過" in text.stdout


def test_errors(demo_url) -> None:
    unknown = due(demo_url, "--agency", "どこにもない機関")
    assert unknown.exit_code == 1 and unknown.stderr.startswith(
        "エラー: 'どこにもない機関' という機関はありません"
    )
    bad_date = runner.invoke(app, ["--lang", "en", "--db", demo_url, "due", "--today", "2026-13-01"])
    assert bad_date.exit_code == 1 and "is not a valid date" in bad_date.stderr
    negative = due(demo_url, "--within", "-1")
    assert negative.exit_code == 2


def test_nothing_due_goes_to_stderr(sqlite_url) -> None:
    result = runner.invoke(app, ["--db", sqlite_url, "--lang", "en", "due"])
    assert result.exit_code == 0 and result.stdout == "" and result.stderr == "nothing due\n"


def test_a_task_with_line_breaks_stays_one_row(tmp_path) -> None:
    """A task typed over several lines (or with a tab, CR or U+2028) is still one row of the table."""
    from welfare_tui.storage import repo
    from welfare_tui.storage.engine import opened_database, session_scope

    url = f"sqlite:///{tmp_path / 'due.db'}"
    build_demo(url)
    task = "𠮷田さん宅を訪問\n髙﨑さんに連絡\r\nﾏﾙﾏﾙ会館\u2028３０１号室\tで面談"
    with opened_database(url) as engine, session_scope(engine) as session:
        meeting = repo.list_meetings(session)[0]
        repo.add_item(
            session,
            kind="role",
            parent_id=meeting.id,
            values={"task": task, "agency_id": "kodomo_katei", "due_date": "2026-11-25", "status": "open"},
        )
    text = due(url, "--agency", "kodomo_katei")
    assert text.exit_code == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[0] == "こども家庭センター" and all(line.startswith("  ") for line in lines[1:])
    row = [line for line in lines if "𠮷田" in line]
    assert len(row) == 1
    assert (
        "𠮷田さん宅を訪問／髙﨑さんに連絡／ﾏﾙﾏﾙ会館／３０１号室 で面談" in row[0] and "2026-11-25" in row[0]
    )
    # JSON keeps the text as typed.
    assert task in {item["text"] for item in items(due(url, "--agency", "kodomo_katei", "--json"))}
