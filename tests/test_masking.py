"""Masking: the demo database exported masked in every format holds no real name, address or phone number."""

from __future__ import annotations

import copy
import re

import pytest
from typer.testing import CliRunner

from welfare_tui.cli import app
from welfare_tui.demo import build_demo, demo_documents
from welfare_tui.minutes import TEXT_FORMATS, render
from welfare_tui.minutes.masking import MASK, agency_alias, mask_document, person_names

runner = CliRunner()


KANA_ONLY = re.compile(r"^[\u3041-\u30ff\s]+$")


def secrets() -> set[str]:
    """Every real name in the demo data (full, without spaces, family and given name of two or more
    characters), the local agencies' names, and any phone number or address in its free text."""
    found: set[str] = set()
    for doc in demo_documents():
        for name in person_names(doc):
            found |= {name, re.sub(r"\s+", "", name)}
            parts = name.split()
            for part in (parts[0], parts[-1]) if len(parts) > 1 else ():
                if len(part) >= 2 and not KANA_ONLY.match(part):
                    found.add(part)
        for agency_id, entry in doc["agencies"].items():
            from welfare_tui.catalogue import CATALOGUE_BY_ID

            if agency_id not in CATALOGUE_BY_ID:
                found.add(entry["name"])
    return found


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    build_demo(url)
    return url


@pytest.mark.parametrize("fmt", TEXT_FORMATS)  # stdout; the Word minutes: tests/test_docx_minutes.py
def test_masked_export_of_the_demo_database_holds_no_real_name(demo_url, fmt) -> None:
    result = runner.invoke(app, ["--db", demo_url, "export", "--all", "--format", fmt, "--mask", "--era"])
    assert result.exit_code == 0, result.stderr
    output = result.stdout
    if fmt == "ics":
        output = output.replace("\r\n ", "")  # unfold
    leaked = sorted(secret for secret in secrets() if secret in output)
    assert leaked == []


def test_masked_exports_say_so() -> None:
    doc = mask_document(demo_documents()[0])
    assert list(doc)[:3] == ["format", "version", "masked"]
    assert "マスキング済み" in render(doc, "md")
    assert "X-WELFARE-TUI-MASKED:TRUE" in render(doc, "ics")
    assert render(doc, "csv").splitlines()[1].endswith(",済")


def fresh_demo() -> dict:
    """A demo document to change: demo documents share their case block with the demo modules."""
    return copy.deepcopy(demo_documents()[0])


def test_rules_of_domain_8_2() -> None:
    doc = fresh_demo()
    doc["case"]["summary"] += "連絡先は090-1234-5678、住所はみよし市三好町1丁目2番地3。〒470-0224"
    masked = mask_document(doc)
    household = masked["case"]["household"]
    assert [p["name"] for p in household] == ["A氏", "B氏", "C氏", "D氏"]
    assert {p["kana"] for p in household} == {""}
    assert [p["birth_date"] for p in household] == [p["birth_date"][:4] for p in doc["case"]["household"]]
    assert "090-1234-5678" not in masked["case"]["summary"] and "1丁目" not in masked["case"]["summary"]
    assert "470-0224" not in masked["case"]["summary"] and MASK in masked["case"]["summary"]
    # Staff become their role; local agencies their kind with a letter, under a neutral id.
    assert masked["attendees"][1]["name"].startswith("社会福祉士")
    alias = agency_alias("nakayoshi_houkatsu")
    assert alias in masked["agencies"] and masked["agencies"][alias]["name"] == "甲地域包括支援センター"
    assert doc["case"]["household"][0]["name"] != "A氏"  # the original is not changed


def test_names_inside_words_are_left_alone_but_names_in_text_are_not() -> None:
    doc = fresh_demo()
    doc["case"]["household"].append({**doc["case"]["household"][0], "name": "グエン ティ アン", "kana": ""})
    doc["attendees"][0]["name"] = "森 早紀"
    doc["case"]["summary"] = "コミュニティの集まり。アンさんと森（保健師）が同行。森林公園。"
    summary = mask_document(doc)["case"]["summary"]
    assert "コミュニティ" in summary and "森林公園" in summary
    assert "アン" not in summary.replace("コミュニティ", "") and "森（" not in summary


def test_an_agency_written_before_a_staff_name_is_no_name() -> None:
    """Staff write their agency as they say it (包括 佐藤, 地域包括 佐藤, 社協 森): the name is masked, the
    agency stays readable wherever the minutes name it."""
    from welfare_tui.minutes.personal import staff_names

    assert staff_names("包括 佐藤") == ["佐藤"] and staff_names("地域包括 佐藤 誠") == ["佐藤 誠"]
    assert staff_names("社協 森") == ["森"] and staff_names("保健C 伊藤（保健師）") == ["伊藤"]
    assert staff_names("佐藤 誠") == ["佐藤 誠"]  # no title: the whole text is the name
    doc = fresh_demo()
    doc["meeting"]["chair"] = "地域包括 佐藤 誠"
    doc["case"]["summary"] = "地域包括支援センターと社協が訪問。佐藤が同席。"
    masked = mask_document(doc)
    chair, summary = masked["meeting"]["chair"], masked["case"]["summary"]
    assert chair.startswith("地域包括 ") and "佐藤" not in chair and "誠" not in chair
    assert summary.startswith("地域包括支援センターと社協が訪問。") and "佐藤" not in summary


def test_masked_documents_cannot_be_imported(tmp_path, sqlite_url) -> None:
    from welfare_tui.minutes.yaml_format import dump_document

    path = tmp_path / "masked.yaml"
    path.write_text(dump_document(mask_document(demo_documents()[0])), encoding="utf-8")
    result = runner.invoke(app, ["--db", sqlite_url, "import", str(path)])
    assert result.exit_code == 1
    assert f"{path}:3: masked: マスク済みの書き出しは取り込めません" in result.stderr
