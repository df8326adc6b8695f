"""Markdown minutes: golden files for two realistic meetings, plus the rules readers rely on.

Regenerate the golden files on purpose, after reading the diff: UPDATE_GOLDEN=1 pytest tests/test_minutes.py
"""

from __future__ import annotations

import copy
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from welfare_tui import domain
from welfare_tui.errors import InvalidInput
from welfare_tui.minutes import FORMATS, export_filename, render
from welfare_tui.minutes.markdown import render_markdown
from welfare_tui.minutes.yaml_format import dump_document, load_document, upgraded

DATA = Path(__file__).parent / "data"
FIXTURES = ("meeting_8050", "meeting_juso")
SECTIONS = [
    "出席者",
    "開催理由・目的",
    "ケース概要",
    "各機関からの情報",
    "エコマップ",
    "アセスメント・課題整理",
    "支援方針・目標",
    "役割分担",
    "モニタリング",
    "不足する社会資源・地域課題",
    "結論・決定事項",
    "残された課題",
    "次回会議",
    "議事の所要時間",
    "議事メモ",
]


def load_fixture(name: str) -> dict:
    path = DATA / f"{name}.yaml"
    return load_document(path.read_text(encoding="utf-8"), source=str(path))


def check_golden(path: Path, text: str) -> None:
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_bytes(text.encode("utf-8"))
    assert path.exists(), f"{path.name} is missing: run UPDATE_GOLDEN=1 pytest {__file__}"
    assert text == path.read_bytes().decode("utf-8"), f"output differs from {path.name}"


@pytest.mark.parametrize("name", FIXTURES)
def test_markdown_matches_golden_file(name: str) -> None:
    check_golden(DATA / f"{name}.golden.md", render_markdown(load_fixture(name)))


@pytest.mark.parametrize("name", FIXTURES)
def test_yaml_matches_golden_file(name: str) -> None:
    # The fixtures are version 1 files; what they export as is their version 3 form.
    check_golden(DATA / f"{name}.golden.yaml", dump_document(upgraded(load_fixture(name))))


@pytest.mark.parametrize("name", FIXTURES)
def test_sections_in_meeting_order_each_once(name: str) -> None:
    text = render_markdown(load_fixture(name))
    headings = re.findall(r"^## (.+)$", text, flags=re.MULTILINE)
    assert headings == SECTIONS
    assert text.startswith("# ")
    assert text.endswith("以上\n") and not text.endswith("\n\n")
    assert "\r" not in text


def test_confidentiality_notice_for_shien_kaigi_only() -> None:
    shien = render_markdown(load_fixture("meeting_8050")).splitlines()
    juso = render_markdown(load_fixture("meeting_juso"))
    notice = "> " + domain.MEETING_TYPES["shien_kaigi"].notice
    # Right under the title block, before the header table.
    assert shien[:5] == ["# 支援会議 会議録", "", "A氏世帯 第1回（ケース番号 C-2026-001）", "", notice]
    assert "第106条の6" not in juso
    assert juso.startswith("# 重層的支援会議 会議録\n")


def test_notice_follows_the_meeting_type_not_the_label() -> None:
    doc = load_fixture("meeting_juso")
    doc["meeting"].update(type="yotaikyo_kobetsu", type_label="個別ケース検討会議")
    text = render_markdown(doc)
    assert domain.MEETING_TYPES["yotaikyo_kobetsu"].notice in text
    assert domain.MEETING_TYPES["shien_kaigi"].notice not in text


def test_header_table_rows() -> None:
    text = render_markdown(load_fixture("meeting_8050"))
    for row in (
        "| 会議種別       | 支援会議（根拠: 社会福祉法第106条の6）",
        "| 開催日         | 2026-10-15",
        "| 時間           | 14:00〜15:10",
        "| 場所           | 市役所 第3会議室（対面）",
        "| 本人同意       | なし",
        "| 守秘義務の確認 | 14:03 確認、文言 106-6-5_v1、資料の取扱い: 回収",
    ):
        assert row in text
    juso = render_markdown(load_fixture("meeting_juso"))
    assert (
        "書面（2026-09-02、範囲: 会議構成機関での世帯状況・支援経過の共有、共有先: 居宅介護支援事業所、"
        "地域包括支援センター、こども家庭センター、スクールソーシャルワーカー、多機関協働事業者、"
        "取得者: 多機関協働事業者 森）"
    ) in juso


def test_empty_document_prints_every_section_with_nashi() -> None:
    text = render_markdown({"format": "welfare-tui-minutes", "version": 1})
    assert re.findall(r"^## (.+)$", text, flags=re.MULTILINE) == SECTIONS
    for section in SECTIONS:
        body = text.split(f"## {section}\n\n", 1)[1].split("\n\n", 1)[0]
        assert body == "なし" or body.startswith("- ケース番号: なし\n"), section
    assert "### 世帯構成\n\nなし" in text
    assert "### 長期目標\n\nなし" in text and "### 短期目標\n\nなし" in text


def test_empty_sections_of_a_real_meeting_say_nashi() -> None:
    text = render_markdown(load_fixture("meeting_juso"))
    for section in ("モニタリング", "不足する社会資源・地域課題", "残された課題"):
        assert f"## {section}\n\nなし\n" in text


def tables(text: str) -> list[list[str]]:
    blocks, current = [], []
    for line in text.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    return blocks


def cells(line: str) -> list[str]:
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]


@pytest.mark.parametrize("name", FIXTURES)
def test_tables_are_well_formed_and_aligned(name: str) -> None:
    from welfare_tui.minutes.markdown_text import display_width as _width

    for table in tables(render_markdown(load_fixture(name))):
        widths = {len(cells(line)) for line in table}
        assert len(widths) == 1, table
        assert set(cells(table[1])[0]) == {"-"}
        # Padded with East Asian widths: every line has the same display width.
        assert len({_width(line) for line in table}) == 1, table


def test_cells_escape_pipes_and_line_breaks() -> None:
    doc = load_fixture("meeting_juso")
    doc["attendees"][0]["name"] = "森|恵子"
    doc["attendees"][0]["role"] = "推進員\n（議長）"
    text = render_markdown(doc)
    assert "森\\|恵子" in text
    assert "推進員<br>（議長）" in text
    attendees = tables(text.split("## 出席者", 1)[1])[0]
    assert {len(cells(line)) for line in attendees} == {6}


def test_typed_text_never_becomes_markdown_structure() -> None:
    doc = load_fixture("meeting_juso")
    doc["decisions"] = "# 見出しではない\n---\n> 引用ではない\n| 表ではない |\n・箇条書きはそのまま"
    text = render_markdown(doc)
    assert "\\# 見出しではない" in text and "\\---" in text and "\n&gt; 引用ではない" in text
    assert "\\| 表ではない |" in text and "\n・箇条書きはそのまま\n" in text
    assert "\n---\n" not in text  # the export stream separator stays unambiguous


def test_typed_html_is_escaped_in_text_and_table_cells() -> None:
    """A task typed as raw HTML reads as the characters typed, never as markup (cells, lists and text)."""
    doc = load_fixture("meeting_juso")
    script = "<script>alert('𠮷田')</script>"
    doc["roles"][0]["task"] = f"{script}\n<b>髙﨑</b> &lt;ﾏﾙﾏﾙ&gt; ３０１ & 共有"
    doc["decisions"] = f"{script}を入力しても <img src=x onerror=alert(1)> は動かない"
    doc["remaining_issues"] = "<!-- 隠れない -->"
    text = render_markdown(doc)
    row = next(line for line in text.splitlines() if line.startswith("| ") and "&lt;script&gt;" in line)
    assert (
        row.startswith("| ")
        and "&lt;script&gt;alert('𠮷田')&lt;/script&gt;<br>&lt;b&gt;髙﨑&lt;/b&gt;" in row
    )
    assert "&amp;lt;ﾏﾙﾏﾙ&amp;gt; ３０１ & 共有" in row
    assert "&lt;img src=x onerror=alert(1)&gt; は動かない" in text
    assert "&lt;!-- 隠れない --&gt;" in text
    for tag in ("<script", "<b>", "<img", "<!--"):
        assert tag not in text


def test_ecomap_mermaid_block() -> None:
    doc = load_fixture("meeting_8050")
    text = render_markdown(doc)
    block = text.split("```mermaid\n", 1)[1].split("\n```", 1)[0].splitlines()
    assert block[0] == "flowchart LR"
    assert block[1] == '  H(("A氏世帯"))'
    edges = [
        line for line in block if re.match(r"  \w+ \S+ \w+$", line) or "|" in line and "linkStyle" not in line
    ]
    assert len(edges) == len(doc["ecomap"]["ties"])
    assert '  N1 ==>|"月2回訪問（母）"| H' in block  # strong, to the household
    assert '  H <==>|"デイサービス週2回（母）"| N2' in block  # strong, both ways
    assert '  H -.-|"未接触（長男）"| N6' in block  # weak, no flow
    assert '  H -.->|"⚡ストレス 母が金銭援助を依頼（母）"| N8' in block  # from the household
    assert '  N8("長女（県外）<br/>〔インフォーマル〕"):::s6' in block  # a free label, not an agency
    assert "  linkStyle 6,7 stroke:#d32f2f,color:#d32f2f" in block
    assert "凡例: 太線 強い" in text
    assert (
        "| 近隣住民                   | インフォーマル | 普通 | ⚡ あり  | 相互       | ごみ出しをめぐる苦情 "
        in text
    )


def test_ecomap_labels_cannot_break_out_of_quotes() -> None:
    doc = load_fixture("meeting_juso")
    doc["ecomap"]["ties"] = [
        {
            "from": "household",
            "to": 'A"]; click H',
            "strength": "weak",
            "stressful": False,
            "flow": "none",
            "label": 'x"|<b>#1`',
            "member": "",
        }
    ]
    block = render_markdown(doc).split("```mermaid\n", 1)[1].split("\n```", 1)[0]
    assert '  N1("A#quot;]; click H<br/>〔インフォーマル〕")' in block
    assert '|"x#quot;#124;#lt;b#gt;#35;1#96;"|' in block


def test_tie_written_towards_the_household_is_turned_round() -> None:
    doc = load_fixture("meeting_juso")
    doc["ecomap"]["ties"] = [
        {
            "from": "ssw",
            "to": "household",
            "strength": "normal",
            "stressful": False,
            "flow": "to_household",
            "label": "",
            "member": "",
        }
    ]
    assert "  N1 --> H" in render_markdown(doc)


def test_unknown_agency_ids_and_vocabulary_print_as_they_are() -> None:
    doc = load_fixture("meeting_juso")
    doc["roles"][0]["agency"] = "unknown_office"
    doc["roles"][0]["status"] = "someday"
    text = render_markdown(doc)
    assert "| unknown_office " in text and "| someday |" in text


def test_step_notes_go_under_their_section_or_to_the_memo() -> None:
    text = render_markdown(load_fixture("meeting_8050"))
    attendees = text.split("## 出席者", 1)[1].split("## 開催理由", 1)[0]
    assert "### 議事メモ：出席者確認・紹介\n\nひきこもり地域支援センターは欠席のため" in attendees
    memo = text.split("## 議事メモ\n", 1)[1]
    assert memo.index("### 守秘義務の確認") < memo.index("### 閉会")


def test_household_marks_index_and_key_person_with_age_on_meeting_day() -> None:
    text = render_markdown(load_fixture("meeting_8050"))
    assert "| 母（キーパーソン） | 山田 トメ（やまだ とめ）     | 女   | 1944-05-02（82歳） | 同居 |" in text
    assert "| 長男（本人）" in text
    assert "| 1940-11-30         |      | 故人 2019年死亡" in text


def test_same_document_same_bytes() -> None:
    doc = load_fixture("meeting_8050")
    first = render_markdown(doc)
    assert render_markdown(copy.deepcopy(doc)) == first
    assert doc == load_fixture("meeting_8050")  # rendering does not touch the document


def test_render_dispatches_and_refuses_unknown_formats() -> None:
    doc = load_fixture("meeting_juso")
    assert {"md", "yaml", "svg"} <= set(FORMATS)
    assert render(doc, "svg").startswith("<?xml")
    assert render(doc, "md") == render_markdown(doc)
    assert render(doc, "yaml") == dump_document(doc)
    with pytest.raises(InvalidInput, match="不明な議事録の形式 'pdf'"):
        render(doc, "pdf")


def test_export_filename_rule() -> None:
    doc = load_fixture("meeting_8050")
    assert export_filename(doc, "md") == "2026-10-15_C-2026-001_第01回_5f0c1a2b.md"
    assert (
        export_filename(load_fixture("meeting_juso"), "yaml") == "2026-11-20_C-2026-014_第02回_9b7e2c4d.yaml"
    )
    doc["case"]["code"] = 'A/B\\C:D*E?"F"<G>|H I'
    doc["meeting"]["round"] = 12
    assert export_filename(doc, "md") == "2026-10-15_A_B_C_D_E_F_G_H_I_第12回_5f0c1a2b.md"
    doc["case"]["code"] = "..hidden"
    assert export_filename(doc, "md").startswith("2026-10-15_hidden_")
    assert export_filename({}, "yaml") == "undated_nocase_第00回_nouid.yaml"
    with pytest.raises(InvalidInput):
        export_filename(doc, "pdf")


def test_importing_minutes_does_not_import_yaml_or_textual() -> None:
    code = (
        "import sys, welfare_tui.minutes, welfare_tui.minutes.markdown, welfare_tui.minutes.yaml_format;"
        "print(sorted(m for m in ('yaml', 'textual', 'sqlalchemy') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent.parent,
    )
    assert result.stdout.strip() == "[]"
