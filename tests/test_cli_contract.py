"""The command-line contract (product.md): a conflict is a domain error (exit 1), a command line that
cannot mean anything is a usage error (exit 2), each said in one line, and no password ever printed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from welfare_tui.redact import redact

DATA = Path(__file__).parent / "data"
HUGE_ID = "9" * 100_000


def welfare(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    # The tests match the English messages.
    return subprocess.run(
        [sys.executable, "-m", "welfare_tui", "--lang", "en", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        check=False,
    )


def assert_usage_error(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 2, result
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1 and len(errors[0]) < 200, result.stderr[:500]
    assert "unexpected" not in result.stderr and "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in errors[0]
    assert result.stdout == ""


@pytest.fixture
def city_db(tmp_path: Path) -> Path:
    path = tmp_path / "市役所.db"
    assert welfare("--db", str(path), "import", str(DATA / "meeting_8050.yaml")).returncode == 0
    return path


def test_numbers_out_of_range_are_usage_errors(city_db: Path) -> None:
    assert_usage_error(welfare("--db", str(city_db), "due", "--within", "1000000000000"), "--within", "36500")
    assert_usage_error(
        welfare("--db", str(city_db), "export", "--format", "md", HUGE_ID), "99999999999999999999…"
    )
    assert_usage_error(welfare("--db", str(city_db), "export", "--format", "md", "9" * 20), "9" * 20)
    # The largest id that could exist is just not found (a domain error), as any missing meeting.
    assert welfare("--db", str(city_db), "export", "--format", "md", str(2**63 - 1)).returncode == 1
    assert welfare("--db", str(city_db), "due", "--within", "36500").returncode == 0


def test_an_empty_period_and_an_empty_out_are_refused(city_db: Path, tmp_path: Path) -> None:
    assert_usage_error(
        welfare(
            "--db",
            str(city_db),
            "--lang",
            "en",
            "export",
            "--format",
            "md",
            "--all",
            "--since",
            "2026-12-01",
            "--until",
            "2026-01-01",
        ),
        "--since 2026-12-01 is after --until 2026-01-01",
    )
    work = tmp_path / "作業"
    work.mkdir()
    assert_usage_error(
        welfare("--db", str(city_db), "export", "--format", "md", "--all", "--out", "", cwd=work), "--out"
    )
    assert list(work.iterdir()) == []  # nothing written into the current folder
    same_day = welfare(
        "--db",
        str(city_db),
        "export",
        "--format",
        "md",
        "--all",
        "--since",
        "2026-10-15",
        "--until",
        "2026-10-15",
    )
    assert same_day.returncode == 0 and same_day.stdout


def test_a_malformed_url_is_a_usage_error_and_its_password_is_masked() -> None:
    for url, fragment in (
        ("postgresql://佐藤:ひみつpass@localhost:abc/welfare", "localhost:abc"),
        ("postgresql://佐藤:ひみつpass@localhost:99999/welfare", "65535"),
        ("not a url://", "not a url://"),
    ):
        result = welfare("--db", url, "cases", "list")
        assert_usage_error(result, fragment)
        assert "ひみつpass" not in result.stderr


def test_a_password_in_the_query_is_never_printed() -> None:
    result = welfare(
        "--db", "postgresql://welfare@127.0.0.1:1/none?password=ひみつpass&sslmode=disable", "cases", "list"
    )
    assert result.returncode == 3, result
    assert "ひみつpass" not in result.stderr and "password=***" in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.postgres
def test_db_path_masks_a_query_password() -> None:
    from sqlalchemy.engine import make_url

    from tests.conftest import postgres_url

    url = postgres_url()
    if url is None:
        pytest.skip("WELFARE_TUI_TEST_PG_URL is not set")
    parsed = make_url(url)
    if not parsed.password:
        pytest.skip("the test URL has no password to move into the query")
    query_url = (
        parsed.set(password=None)
        .update_query_dict({"password": parsed.password})
        .render_as_string(hide_password=False)
    )
    result = welfare("--db", query_url, "db", "path")
    assert result.returncode == 0, result
    assert f"={parsed.password}" not in result.stdout and f":{parsed.password}@" not in result.stdout
    assert "password=***" in result.stdout


def test_redact_hides_both_spellings_of_a_password() -> None:
    assert redact("postgresql://u:s3cret@db.city.local/welfare") == "postgresql://u:***@db.city.local/welfare"
    assert redact("could not open postgresql://u@h/w?sslmode=require&password=s3cret: refused") == (
        "could not open postgresql://u@h/w?sslmode=require&password=***: refused"
    )
    assert redact("host=h sslpassword='a b' user=u") == "host=h sslpassword=*** user=u"
    assert redact("sqlite:////home/佐藤/welfare.db") == "sqlite:////home/佐藤/welfare.db"


def test_the_loser_of_two_concurrent_imports_gets_a_domain_error(engine, capsys) -> None:
    """Both imports check the file while the case is still new; the first commits; the second's
    duplicate code is a conflict (exit 1, one line), not "the database is unavailable: UNIQUE ..."."""
    from welfare_tui.failure import report
    from welfare_tui.minutes.yaml_format import load_document
    from welfare_tui.storage.documents import apply_document, check_document, insert_new_documents
    from welfare_tui.storage.engine import session_scope

    doc = load_document((DATA / "meeting_8050.yaml").read_text(encoding="utf-8"))
    with pytest.raises(Exception) as raised, session_scope(engine, user="𠮷田") as loser:
        checked = check_document(
            loser, doc=doc
        )  # import writes new cases with one INSERT (cli/import_cmd.py)
        with session_scope(engine, user="佐藤") as winner:
            apply_document(winner, doc=doc)
        insert_new_documents(loser, [checked])
    assert report(raised.value) == 1
    stderr = capsys.readouterr().err
    assert stderr.count("\n") == 1 and stderr.startswith("エラー: 同じ記録"), stderr
    assert "UNIQUE" not in stderr and "duplicate key" not in stderr and "unavailable" not in stderr


def test_two_imports_of_the_same_files_at_once_never_report_an_outage(db_url: str) -> None:
    files = [str(DATA / "meeting_8050.yaml"), str(DATA / "meeting_juso.yaml")]
    for _ in range(3):
        command = [sys.executable, "-m", "welfare_tui", "--db", db_url, "import", *files]
        runs = [
            subprocess.Popen(
                command,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
                stdin=subprocess.DEVNULL,
            )
            for _ in range(2)
        ]
        for process in runs:
            _, stderr = process.communicate(timeout=120)
            assert process.returncode in (0, 1), stderr
            assert "UNIQUE" not in stderr and "duplicate key" not in stderr and "unexpected" not in stderr
