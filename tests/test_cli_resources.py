"""`welfare-tui resources` and `welfare-tui matches` through the real Typer app on real databases (both
backends): the register file imported, refused and re-imported; the register listed and shown with its
matches; a match proposed, moved on, refused and listed. Errors exit 1 with one line per problem."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from welfare_tui.cli import app
from welfare_tui.storage import repo
from welfare_tui.storage.engine import open_database, session_scope

REGISTER = """\
format: welfare-tui-resources
version: 1
resources:
  - id: hotto_space_aoba
    name: ほっとスペースあおば
    category: ibasho
    sector: cross
    area: 青葉地区
    capacity: 15
    contact: 青葉地区社協 0561-00-0000
    notes: 毎週水曜 10〜15時
    active: true
  - id: kodomo_shokudo_midori
    name: みどり子ども食堂
    category: kodomo_shokudo
    sector: kodomo
    area: 緑町
    capacity: 30
    contact: 代表 髙﨑 0561-11-2222
    notes: 第2・第4土曜
    active: true
"""


def run(url: str, *args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(app, ["--db", url, *args], env=env)


def ok(url: str, *args: str):
    result = run(url, *args)
    assert result.exit_code == 0, result.stderr
    return result


def in_db(url: str, work):
    engine = open_database(url)
    try:
        with session_scope(engine) as session:
            return work(session)
    finally:
        engine.dispose()


def resources_in(url: str) -> list[dict]:
    return in_db(url, lambda session: [dict(row) for row in repo.list_resources(session)])


@pytest.fixture
def register(tmp_path):
    path = tmp_path / "地域資源.yaml"
    path.write_text(REGISTER, encoding="utf-8")
    return path


AOBA = {
    "id": "hotto_space_aoba",
    "name": "ほっとスペースあおば",
    "category": "ibasho",
    "sector": "cross",
    "area": "青葉地区",
    "capacity": 15,
}
MIDORI = {
    "id": "kodomo_shokudo_midori",
    "name": "みどり子ども食堂",
    "category": "kodomo_shokudo",
    "sector": "kodomo",
    "area": "緑町",
    "capacity": 30,
}


@pytest.fixture
def case_url(db_url):
    """The two resources of REGISTER and a case C-2026-050 (山﨑世帯)."""

    def fill(session):
        repo.upsert_resources(session, [AOBA, MIDORI])
        repo.create_case(session, code="C-2026-050", label="山﨑世帯")

    in_db(db_url, fill)
    return db_url


def test_import_reports_new_then_unchanged_then_updated(db_url, register) -> None:
    first = ok(db_url, "resources", "import", str(register))
    assert first.stdout.strip() == f"{register}: 新規 2 件・更新 0 件・変更なし 0 件"
    again = ok(db_url, "resources", "import", str(register), "--json")
    assert json.loads(again.stdout) == {"created": 0, "updated": 0, "unchanged": 2}
    register.write_text(REGISTER.replace("capacity: 30", "capacity: 25"), encoding="utf-8")
    changed = ok(db_url, "resources", "import", str(register))
    assert "新規 0 件・更新 1 件・変更なし 1 件" in changed.stdout
    midori = next(r for r in resources_in(db_url) if r["id"] == "kodomo_shokudo_midori")
    assert midori["capacity"] == 25 and midori["name"] == "みどり子ども食堂"


def test_dry_run_writes_nothing(db_url, register) -> None:
    result = ok(db_url, "resources", "import", str(register), "--dry-run")
    assert "新規 2 件" in result.stdout and result.stderr.strip() == "試行のみ: 何も書き込んでいません"
    assert resources_in(db_url) == []


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (("category: kodomo_shokudo", "category: shokudo"), ":15: resources[1].category: "),
        (("capacity: 15", "capacity: たくさん"), ":9: resources[0].capacity: "),
        (("  - id: kodomo_shokudo_midori", "  - id: Kodomo Midori"), ":13: resources[1].id: "),
        (("name: みどり子ども食堂", "name: ほっとスペースあおば"), ":14: resources[1].name: "),
    ],
)
def test_a_broken_file_names_file_line_and_field_and_writes_nothing(db_url, register, change, where) -> None:
    register.write_text(REGISTER.replace(*change), encoding="utf-8")
    result = run(db_url, "resources", "import", str(register))
    assert result.exit_code == 1, result.stdout
    assert f"{register}{where}" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert all(line.startswith("エラー: ") for line in result.stderr.splitlines())
    assert resources_in(db_url) == []


@pytest.mark.parametrize(
    "text",
    [
        REGISTER.replace("  - id: hotto_space_aoba\n", "  - &first\n    id: hotto_space_aoba\n")
        + "  - *first\n",
        REGISTER.replace("    area: 緑町\n", "    area: 緑町\n    area: 青葉\n"),
        "format: welfare-tui-minutes\nversion: 1\nresources: []\n",
    ],
    ids=["alias", "duplicate-key", "other-format"],
)
def test_aliased_duplicate_key_and_foreign_files_are_refused(db_url, tmp_path, text) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    result = run(db_url, "resources", "import", str(path))
    assert result.exit_code == 1 and str(path) in result.stderr and "Traceback" not in result.stderr
    assert resources_in(db_url) == []


def test_a_huge_file_is_refused_unread(sqlite_url, tmp_path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text(REGISTER + "#" * (2 * 1024 * 1024), encoding="utf-8")
    result = run(sqlite_url, "resources", "import", str(path), env={"WELFARE_TUI_IMPORT_MAX_MB": "1"})
    assert result.exit_code == 1 and str(path) in result.stderr and "Traceback" not in result.stderr


def test_list_filters_by_sector_and_category_keys_or_labels(case_url) -> None:
    table = ok(case_url, "resources", "list").stdout.splitlines()
    assert table[0].split()[:6] == ["ID", "名称", "種類", "分野", "地区", "定員"]
    assert [line.split()[0] for line in table[1:]] == ["hotto_space_aoba", "kodomo_shokudo_midori"]
    for option in (["--sector", "こども"], ["--sector", "kodomo"], ["--category", "子ども食堂"]):
        rows = json.loads(ok(case_url, "resources", "list", "--json", *option).stdout)
        assert [row["id"] for row in rows] == ["kodomo_shokudo_midori"], option
    nothing = ok(case_url, "resources", "list", "--sector", "kaigo")
    assert nothing.stdout == "" and nothing.stderr.strip() == "地域資源はありません"


def test_a_match_goes_from_proposal_to_its_end_and_is_counted_per_resource(case_url) -> None:
    added = json.loads(
        ok(
            case_url,
            "matches",
            "add",
            "C-2026-050",
            "ほっとスペースあおば",  # by name as well as by id
            "--member",
            "本人",
            "--date",
            "2026-10-20",
            "--note",
            "見学から",
            "--json",
        ).stdout
    )
    assert (added["case_code"], added["resource_id"], added["member"], added["state"]) == (
        "C-2026-050",
        "hotto_space_aoba",
        "本人",
        "proposed",
    )
    assert added["proposed_date"] == "2026-10-20"
    match = str(added["id"])
    ok(case_url, "matches", "set", match, "started", "--date", "2026-11-01")
    settled = json.loads(
        ok(case_url, "matches", "set", match, "定着", "--date", "2026-12-01", "--json").stdout
    )
    assert (settled["state"], settled["started_date"], settled["settled_date"]) == (
        "settled",
        "2026-11-01",
        "2026-12-01",
    )
    rows = json.loads(ok(case_url, "resources", "list", "--json").stdout)
    aoba = next(row for row in rows if row["id"] == "hotto_space_aoba")
    assert aoba["matches"] == {"proposed": 0, "started": 0, "settled": 1, "ended": 0}
    ended = ok(
        case_url, "matches", "set", match, "ended", "--date", "2027-01-10", "--reason", "本人の希望で終了"
    )
    assert "本人の希望で終了" in ended.stdout and "終了" in ended.stdout


def test_moving_a_match_backwards_or_ending_it_without_reason_is_refused(case_url) -> None:
    added = json.loads(
        ok(
            case_url,
            "matches",
            "add",
            "C-2026-050",
            "hotto_space_aoba",
            "--member",
            "長男",
            "--date",
            "2026-10-20",
            "--json",
        ).stdout
    )
    match = str(added["id"])
    ok(case_url, "matches", "set", match, "started", "--date", "2026-11-01")
    for args in (["proposed"], ["ended"]):
        result = run(case_url, "matches", "set", match, *args, "--date", "2026-11-02")
        assert result.exit_code == 1, result.stdout
        assert result.stderr.startswith("エラー: ") and result.stderr.count("\n") == 1, result.stderr
    listed = json.loads(ok(case_url, "matches", "list", "C-2026-050", "--json").stdout)
    assert [row["state"] for row in listed] == ["started"]


def test_show_lists_matches_by_case_code_and_relation_never_names_or_notes(case_url) -> None:
    ok(
        case_url,
        "matches",
        "add",
        "C-2026-050",
        "kodomo_shokudo_midori",
        "--member",
        "長女",
        "--note",
        "𠮷田さんの紹介",
    )
    shown = json.loads(ok(case_url, "resources", "show", "kodomo_shokudo_midori", "--json").stdout)
    assert shown["name"] == "みどり子ども食堂" and shown["capacity"] == 30
    assert [(m["case_code"], m["member"], m["state"]) for m in shown["matches"]] == [
        ("C-2026-050", "長女", "proposed")
    ]
    text = ok(case_url, "resources", "show", "kodomo_shokudo_midori").stdout
    assert "C-2026-050" in text and "長女" in text and "提案" in text
    assert "𠮷田" not in text and "𠮷田" not in json.dumps(shown, ensure_ascii=False)
    assert "山﨑" not in text  # the case's label is not a column either


def test_matches_list_per_resource_and_per_case(case_url) -> None:
    for resource, member in (("hotto_space_aoba", "本人"), ("kodomo_shokudo_midori", "長女")):
        ok(case_url, "matches", "add", "C-2026-050", resource, "--member", member)
    per_resource = json.loads(
        ok(case_url, "matches", "list", "--resource", "みどり子ども食堂", "--json").stdout
    )
    assert [row["member"] for row in per_resource] == ["長女"]
    table = ok(case_url, "matches", "list", "C-2026-050").stdout.splitlines()
    assert table[0].split()[:5] == ["ID", "ケース", "地域資源", "世帯員", "状態"]
    assert len(table) == 3


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (["resources", "show", "nowhere"], "地域資源 'nowhere' はありません"),
        (["matches", "add", "C-2026-050", "nowhere", "--member", "本人"], "地域資源 'nowhere' はありません"),
        (["matches", "add", "C-9999-999", "hotto_space_aoba", "--member", "本人"], "C-9999-999"),
        (["matches", "set", "999", "started"], "マッチング 999 はありません"),
    ],
)
def test_unknown_names_are_one_line_errors(case_url, args, text) -> None:
    result = run(case_url, *args)
    assert result.exit_code == 1, result.stdout
    assert result.stderr.startswith("エラー: ") and result.stderr.count("\n") == 1, result.stderr
    assert text in result.stderr


def test_the_commands_are_documented_in_help() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert "resources" in result.stdout and "matches" in result.stdout
    usage = CliRunner().invoke(app, ["matches", "set", "--help"]).stdout
    assert "started, settled or ended" in usage


def test_an_export_names_the_resource_of_a_role_and_a_tie(case_url) -> None:
    """Through the whole path: stored rows → meeting document (its `resources` map) → the minutes."""
    from welfare_tui.agendas import get_agenda

    def fill(session):
        case = repo.get_case_by_code(session, code="C-2026-050")
        meeting = repo.create_meeting(
            session, case_id=case.id, agenda=get_agenda("shien_kaigi"), date="2026-11-20"
        )
        repo.add_item(
            session,
            kind="role",
            parent_id=meeting.id,
            values={"task": "居場所の見学に同行", "agency_id": "shakyo", "resource_id": "hotto_space_aoba"},
        )
        repo.add_item(
            session,
            kind="tie",
            parent_id=meeting.id,
            values={
                "to_node": "kodomo_shokudo_midori",
                "resource_id": "kodomo_shokudo_midori",
                "label": "週1回",
            },
        )
        return meeting.id

    meeting_id = in_db(case_url, fill)
    text = ok(case_url, "export", str(meeting_id), "--format", "md", "--out", "-").stdout
    assert "社会福祉協議会（ほっとスペースあおば）" in text
    assert "みどり子ども食堂" in text and "地域資源・こども" in text
    csv_text = ok(case_url, "export", str(meeting_id), "--format", "csv", "--out", "-").stdout
    assert "社会福祉協議会（ほっとスペースあおば）" in csv_text
