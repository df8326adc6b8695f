"""The case's life from the command line, through the real Typer app on real databases: `intake`,
`cases list --stage`, `cases show`, `meetings decide` (the plenary-only rule), `due` with plan reviews.
Errors exit 1 with one line on stderr."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from welfare_tui.agendas import get_agenda
from welfare_tui.cli import app
from welfare_tui.storage import repo
from welfare_tui.storage.engine import open_database, session_scope


def run(url: str, *args: str):
    return CliRunner().invoke(app, ["--db", url, *args])


def ok(url: str, *args: str):
    result = run(url, *args)
    assert result.exit_code == 0, result.stderr
    return result


def one_line_error(result, text: str) -> None:
    assert result.exit_code == 1, result.stdout
    assert result.stderr.startswith("エラー: ") and result.stderr.count("\n") == 1, result.stderr
    assert text in result.stderr
    assert "Traceback" not in result.stderr


def in_db(url: str, work):
    engine = open_database(url)
    try:
        with session_scope(engine) as session:
            return work(session)
    finally:
        engine.dispose()


@pytest.fixture
def case_url(db_url):
    """An intake accepted as C-2026-050, with consent, a 支援会議 (1), a 重層的支援会議 (2) with a role,
    and an approved plan whose goal is reviewed on 2026-12-01."""

    def fill(session):
        intake = repo.add_intake(session, date="2026-09-20", label="山﨑世帯", window_agency="houkatsu")
        repo.accept_intake(session, intake_id=intake["id"], code="C-2026-050", date="2026-09-25")
        case = repo.get_case_by_code(session, code="C-2026-050")
        shien = repo.create_meeting(
            session, case_id=case.id, agenda=get_agenda("shien_kaigi"), date="2026-10-01"
        )
        repo.update_case(session, case_id=case.id, consent_status="written", consent_date="2026-10-05")
        juso = repo.create_meeting(
            session, case_id=case.id, agenda=get_agenda("juso_shien_kaigi"), date="2026-10-20"
        )
        role = repo.add_item(
            session,
            kind="role",
            parent_id=juso.id,
            values={"task": "訪問", "agency_id": "houkatsu", "due_date": "2026-11-01"},
        )
        draft = repo.start_plan_draft(session, case_id=case.id)
        repo.update_plan(
            session, plan_id=draft["id"], intention="自宅で暮らしたい", direction="𠮷田さんの外出支援"
        )
        repo.add_plan_goal(
            session,
            plan_id=draft["id"],
            values={
                "term": "long",
                "text": "週1回外出する",
                "agency_id": "shakyo",
                "review_date": "2026-12-01",
            },
        )
        repo.approve_plan(session, plan_id=draft["id"], meeting_id=juso.id)
        return shien.id, juso.id, role["id"]

    ids = in_db(db_url, fill)
    return db_url, ids


def test_intake_add_list_show_accept_refer_close(db_url):
    added = json.loads(
        ok(
            db_url,
            "intake",
            "add",
            "--label",
            "髙﨑世帯",
            "--window",
            "包括",
            "--route",
            "関係機関",
            "--concern",
            "母の介護と長男のひきこもり",
            "--tag",
            "8050",
            "--consent",
            "yes",
            "--date",
            "2026-09-20",
            "--json",
        ).stdout
    )
    assert (added["route"], added["consent"], added["window_agency_name"], added["outcome"]) == (
        "agency",
        "yes",
        "地域包括支援センター",
        "open",
    )
    text = ok(db_url, "intake", "add", "--label", "B氏", "--route", "resident").stdout
    assert "呼び名  B氏" in text and "地域住民" in text
    second = json.loads(ok(db_url, "intake", "list", "--json").stdout)[0]["id"]
    listing = ok(db_url, "intake", "list").stdout.splitlines()
    assert listing[0].split()[:3] == ["ID", "受付日", "呼び名"] and "髙﨑世帯" in listing[2]
    accepted = json.loads(
        ok(db_url, "intake", "accept", str(added["id"]), "--code", "C-2026-050", "--json").stdout
    )
    assert (accepted["outcome"], accepted["case_code"]) == ("accepted", "C-2026-050")
    assert "ケース        C-2026-050" in ok(db_url, "intake", "show", str(added["id"])).stdout
    referred = ok(db_url, "intake", "refer", str(second), "--to", "社協", "--note", "家計相談へ").stdout
    assert "他の窓口・制度へつなぎ" in referred and "社会福祉協議会" in referred
    assert json.loads(ok(db_url, "intake", "list", "--open", "--json").stdout) == []
    one_line_error(run(db_url, "intake", "close", str(second), "--note", "説明のみ"), "対応済み")
    one_line_error(run(db_url, "intake", "show", "999"), "つなぎ受付 999 はありません")
    one_line_error(run(db_url, "intake", "add", "--label", "C氏", "--route", "fax"), "route")
    one_line_error(
        run(db_url, "intake", "add", "--label", "C氏", "--window", "どこにもない機関"), "どこにもない機関"
    )
    third = json.loads(ok(db_url, "intake", "add", "--label", "C氏", "--json").stdout)["id"]
    one_line_error(run(db_url, "intake", "close", str(third), "--note", " "), "--note")
    closed = json.loads(
        ok(db_url, "intake", "close", str(third), "--note", "制度の説明のみ", "--json").stdout
    )
    assert closed["outcome"] == "closed"


def test_cases_list_by_stage(case_url):
    url, _ = case_url
    in_db(url, lambda s: repo.create_case(s, code="C-2026-051", label="𠮷田世帯", status="intake"))
    rows = json.loads(ok(url, "cases", "list", "--stage", "planning", "--json").stdout)
    assert [(row["code"], row["status"]) for row in rows] == [("C-2026-050", "planning")]
    table = ok(url, "cases", "list", "--stage", "受付").stdout
    assert "C-2026-051" in table and "C-2026-050" not in table
    assert ok(url, "--lang", "en", "cases", "list", "--stage", "Intake").stdout.count("C-2026-05") == 1
    one_line_error(run(url, "cases", "list", "--stage", "finished"), "finished")


def test_meetings_decide_enforces_the_plenary_rule_and_moves_the_stage(case_url):
    url, (shien, juso, role) = case_url
    for decision in ("approve", "close", "hand_over", "plan_review", "支援決定"):
        result = run(
            url, "meetings", "decide", str(shien), decision, "--closure-reason", "moved", "--to", "包括"
        )
        one_line_error(result, "重層的支援会議でのみ")
    assert json.loads(ok(url, "cases", "show", "C-2026-050", "--json").stdout)["case"]["stage"] == "planning"
    text = ok(url, "meetings", "decide", str(juso), "支援決定", "--reason", "プランを承認").stdout
    assert text == "決定：支援決定（理由：プランを承認）\nC-2026-050: アセスメント・プラン案 → 支援決定\n"
    one_line_error(run(url, "meetings", "decide", str(juso), "close"), "終結の理由")
    one_line_error(run(url, "meetings", "decide", str(juso), "close", "--closure-reason", "飽きた"), "飽きた")
    one_line_error(run(url, "meetings", "decide", str(juso), "close", "--role", "x"), "--role x")
    one_line_error(run(url, "meetings", "decide", "9999", "continue"), "9999")
    event = json.loads(
        ok(
            url,
            "meetings",
            "decide",
            str(juso),
            "close",
            "--closure-reason",
            "主担当機関へ引継ぎ",
            "--to",
            "包括",
            "--role",
            f"{role}=done",
            "--json",
        ).stdout
    )
    assert (event["decision"], event["to_stage"], event["closure_reason"], event["case_code"]) == (
        "close",
        "handed_over",
        "handover",
        "C-2026-050",
    )
    english = ok(
        url, "--lang", "en", "meetings", "decide", str(juso), "close", "--closure-reason", "moved"
    ).stdout
    assert english == "Decision: Close (reason: Moved away)\nC-2026-050: Handed over → Closed\n"


def test_closure_reasons_follow_the_configuration(case_url, monkeypatch):
    url, (_, juso, _) = case_url
    monkeypatch.setenv("WELFARE_TUI_CLOSURE_REASONS", "目標達成,施設入所")
    one_line_error(run(url, "meetings", "decide", str(juso), "close", "--closure-reason", "moved"), "moved")
    assert (
        "決定：終結（理由：施設入所）"
        in ok(url, "meetings", "decide", str(juso), "close", "--closure-reason", "施設入所").stdout
    )


def test_cases_show_text_and_json(case_url):
    url, (_, juso, _) = case_url
    ok(url, "meetings", "decide", str(juso), "approve")
    shown = json.loads(ok(url, "cases", "show", "C-2026-050", "--json").stdout)
    assert shown["case"]["stage"] == "decided" and shown["case"]["lead_agency_name"] == "地域包括支援センター"
    assert [(e["kind"], e["to_stage"]) for e in shown["stages"]] == [
        ("opened", "intake"),
        ("consent", "planning"),
        ("decision", "decided"),
    ]
    assert shown["stages"][0]["date"] == "2026-09-25"
    assert (shown["plan"]["number"], shown["plan"]["status"], shown["plan"]["approved_date"]) == (
        1,
        "approved",
        "2026-10-20",
    )
    assert [r["task"] for r in shown["open_roles"]] == ["訪問"]
    assert [(n["kind"], n["date"]) for n in shown["next"]] == [
        ("meeting", "2026-10-01"),
        ("role", "2026-11-01"),
        ("plan_review", "2026-12-01"),
    ]
    assert shown["intake"]["label"] == "山﨑世帯"
    text = ok(url, "cases", "show", "C-2026-050").stdout
    assert text.startswith("C-2026-050  山﨑世帯\n  段階        支援決定\n")
    assert "支援プラン 第1版（承認済み 2026-10-20）" in text
    assert "長期目標  週1回外出する  社会福祉協議会" in text
    assert "会議の決定：支援決定  アセスメント・プラン案 → 支援決定" in text
    assert "訪問  地域包括支援センター" in text
    one_line_error(run(url, "cases", "show", "C-1999-001"), "C-1999-001")


def test_due_lists_plan_reviews(case_url):
    url, _ = case_url
    items = json.loads(ok(url, "due", "--today", "2026-12-02", "--json").stdout)
    reviews = [
        (group["agency"], item["text"], item["due"], item["overdue"])
        for group in items
        for item in group["items"]
        if item["kind"] == "plan_review"
    ]
    assert reviews == [("shakyo", "週1回外出する", "2026-12-01", True)]
    text = ok(url, "due", "--today", "2026-12-02").stdout
    assert "プラン見直し  C-2026-050 山﨑世帯  週1回外出する" in text
    assert ok(url, "due", "--today", "2026-10-01", "--within", "10").stdout.count("プラン見直し") == 0


def test_cases_stage_and_reopen(case_url):
    url, (shien, _, _) = case_url
    one_line_error(run(url, "cases", "stage", "C-2026-050", "closed"), "決定でのみ")
    one_line_error(run(url, "cases", "stage", "C-2026-050", "handed_over"), "決定でのみ")
    one_line_error(run(url, "cases", "stage", "C-1999-001", "planning"), "C-1999-001")
    one_line_error(run(url, "cases", "reopen", "C-2026-050"), "再開できるのは")
    assert ok(
        url, "cases", "stage", "C-2026-050", "支援会議段階", "--reason", "同意の範囲を再確認"
    ).stdout == ("C-2026-050: アセスメント・プラン案 → 支援会議段階\n")
    ok(url, "meetings", "decide", str(shien), "suspend", "--reason", "連絡途絶")
    event = json.loads(ok(url, "cases", "reopen", "C-2026-050", "--reason", "本人から連絡", "--json").stdout)
    assert (event["kind"], event["from_stage"], event["to_stage"], event["case_code"]) == (
        "reopen",
        "suspended",
        "shien_kaigi",
        "C-2026-050",
    )
    kinds = [e["kind"] for e in json.loads(ok(url, "cases", "show", "C-2026-050", "--json").stdout)["stages"]]
    assert kinds == ["opened", "consent", "transition", "decision", "reopen"]
