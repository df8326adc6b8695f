"""Realistic benchmark databases: Japanese households, meetings with 8 attendees, 12 ecomap ties,
6 role assignments and a few hundred characters of notes per step.

The schema comes from the real migrations (`open_database`); the rows go in through the plain
sqlite3 driver, because building 10,000 meetings through the repository would take minutes and
measure nothing we budget. Databases are cached under `bench/.cache/`, keyed by their size and
`GENERATOR_VERSION`, so a second run starts measuring at once.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sqlite3
import uuid
from pathlib import Path
from typing import Any

GENERATOR_VERSION = 1
CACHE_DIR = Path(__file__).resolve().parent / ".cache"

SURNAMES = (
    "佐藤",
    "鈴木",
    "高橋",
    "田中",
    "伊藤",
    "渡辺",
    "山本",
    "中村",
    "小林",
    "加藤",
    "吉田",
    "山田",
    "佐々木",
    "山口",
    "松本",
    "井上",
    "木村",
    "林",
    "斎藤",
    "清水",
    "山﨑",
    "森",
    "池田",
    "橋本",
)
GIVEN = ("トメ", "健一", "明美", "翔太", "さくら", "誠", "由美子", "大輔", "花子", "勇気", "美咲", "浩二")
KANA = ("さとう", "すずき", "たかはし", "たなか", "いとう", "わたなべ", "やまもと", "なかむら")
RELATIONS = ("本人", "母", "父", "長男", "長女", "配偶者", "祖母", "弟")
TAG_SETS = (
    ["8050", "ひきこもり"],
    ["ダブルケア"],
    ["ヤングケアラー", "障害"],
    ["ごみ屋敷", "セルフネグレクト"],
    ["外国人世帯", "生活困窮"],
    ["生活困窮", "債務"],
    ["精神疾患", "ひきこもり"],
    ["DV", "虐待"],
)
AGENCIES = (
    "city_welfare",
    "houkatsu",
    "caremanager",
    "kikan_soudan",
    "jiritsu_soudan",
    "seiho",
    "kodomo_katei",
    "school",
    "ssw",
    "hoken_center",
    "hospital",
    "shakyo",
    "minsei_iin",
    "hellowork",
    "saposute",
    "jichikai",
    "npo",
    "houmon_kango",
)
ROLES = (
    "社会福祉士",
    "保健師",
    "主任介護支援専門員",
    "相談支援専門員",
    "民生委員",
    "担当課長",
    "ケースワーカー",
    "スクールソーシャルワーカー",
)
SENTENCES = (
    "母は要介護2で、月に一度の訪問では本人と顔を合わせることができていない。",
    "夜間に本人が外出する姿を近隣住民が見かけており、生活リズムは昼夜逆転している。",
    "年金収入のみで生活しており、公共料金の滞納が三か月続いている。",
    "長女が弟の世話と祖母の介護を担っており、学校の欠席が増えている。",
    "玄関先までごみ袋が積まれ、悪臭について自治会から苦情が寄せられている。",
    "本人は支援者との面談を拒んでいるが、手紙には短い返事が返ってきた。",
    "地域包括支援センターが家族会の情報を提供し、母は参加に前向きである。",
    "医療機関の受診が途絶えており、服薬状況を確認する必要がある。",
    "日本語での意思疎通が難しく、通訳の手配が今後の面談の前提となる。",
    "社会福祉協議会の家計相談につなぎ、債務の整理について弁護士への相談を検討する。",
    "民生委員が週に一度声をかけており、本人からのあいさつが返るようになった。",
    "支援者間で連絡の窓口を一本化し、情報共有の範囲は本人の同意の範囲内とする。",
)
TASKS = (
    "自宅訪問と本人への手紙",
    "家計相談の予約",
    "受診同行",
    "学校との情報共有",
    "介護保険の区分変更申請",
    "ごみ搬出の段取り",
    "通訳の手配",
    "家族会の案内",
)


def notes(rng: random.Random, sentences: int) -> str:
    return "".join(rng.choice(SENTENCES) for _ in range(sentences))


def agenda_steps() -> list[dict[str, Any]]:
    """The steps of the bundled 支援会議 agenda, as the repository snapshots them into a meeting."""
    from welfare_tui.agendas import get_agenda
    from welfare_tui.storage.repo import agenda_steps as snapshot

    return snapshot(get_agenda("shien_kaigi"))


def database_path(cases: int, meetings: int) -> Path:
    """Named after the schema revision too: a new migration means a new database."""
    from welfare_tui.storage.engine import HEAD_REVISION

    return CACHE_DIR / f"welfare_c{cases}_m{meetings}_v{GENERATOR_VERSION}_r{HEAD_REVISION}.db"


def ensure_database(cases: int, meetings: int) -> Path:
    """The cached database of `cases` cases and `meetings` meetings, generated when missing."""
    path = database_path(cases, meetings)
    if not path.exists():
        CACHE_DIR.mkdir(exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        generate(partial, cases=cases, meetings=meetings)
        partial.rename(path)
    return path


def generate(path: Path, *, cases: int, meetings: int, seed: int = 7) -> None:
    """Create the schema with the real migrations, then fill it with plain INSERTs."""
    from welfare_tui.storage.engine import open_database

    engine = open_database("sqlite:///" + str(path))
    engine.dispose()
    rng = random.Random(seed)
    steps = agenda_steps()
    agenda_json = json.dumps(steps, ensure_ascii=False)
    created = "2026-01-05 09:00:00.000000"
    rows: dict[str, list[dict[str, Any]]] = {
        name: []
        for name in (
            "case",
            "household_member",
            "meeting",
            "step_state",
            "attendee",
            "shared_info",
            "ecomap_tie",
            "assessment_item",
            "goal",
            "role_assignment",
            "monitoring_item",
        )
    }
    for case_id in range(1, cases + 1):
        surname = rng.choice(SURNAMES)
        rows["case"].append(
            {
                "id": case_id,
                "code": f"C-{2020 + case_id % 7}-{case_id:05d}",
                "label": f"{surname}氏世帯",
                "summary": notes(rng, 3),
                "referral_route": rng.choice(("民生委員", "地域包括", "学校", "本人・家族")),
                "status": rng.choice(("intake", "shien_kaigi", "planning", "support")),
                "consent_status": "oral",
                "consent_date": "2026-01-10",
                "consent_scope": "支援関係機関での情報共有",
                "consent_obtained_by": "市福祉課",
                "key_person": "母",
                "tags": json.dumps(rng.choice(TAG_SETS), ensure_ascii=False),
                "lead_agency_id": rng.choice(AGENCIES),
                "created_at": created,
                "updated_at": created,
            }
        )
        for position in range(rng.randint(2, 4)):
            rows["household_member"].append(
                {
                    "case_id": case_id,
                    "position": position,
                    "name": f"{surname} {rng.choice(GIVEN)}",
                    "kana": rng.choice(KANA),
                    "relation": RELATIONS[position],
                    "sex": rng.choice(("male", "female")),
                    "birth_date": f"{rng.randint(1940, 2012)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                    "index_person": position == 0,
                    "deceased": False,
                    "cohabiting": True,
                    "key_person": position == 1,
                    "note": notes(rng, 1),
                }
            )
    for meeting_id in range(1, meetings + 1):
        case_id = rng.randint(1, cases) if meeting_id > cases else meeting_id
        day = dt.date(2025, 4, 1) + dt.timedelta(days=rng.randint(0, 700))
        rows["meeting"].append(
            {
                "id": meeting_id,
                "uid": uuid.UUID(int=rng.getrandbits(128)).hex,
                "case_id": case_id,
                "type": "shien_kaigi",
                "type_label": "支援会議",
                "legal_basis": "社会福祉法第106条の6",
                "agenda_id": "shien_kaigi",
                "agenda_json": agenda_json,
                "round": rng.randint(1, 5),
                "date": day.isoformat(),
                "start_time": "14:00",
                "end_time": "15:10",
                "place": "市役所 第3会議室",
                "mode": "in_person",
                "chair": "地域福祉課長 佐藤",
                "recorder": "地域福祉課 田中",
                "purpose": notes(rng, 2),
                "status": "finished",
                "current_step": steps[-1]["id"],
                "confidentiality_confirmed_at": "14:03",
                "statement_version": "106-6-5_v1",
                "materials": "collected",
                "policy": notes(rng, 4),
                "resource_gaps": notes(rng, 2),
                "decisions": notes(rng, 3),
                "remaining_issues": notes(rng, 2),
                "next_meeting_date": (day + dt.timedelta(days=56)).isoformat(),
                "next_meeting_time": "14:00",
                "next_meeting_place": "市役所 第3会議室",
                "next_meeting_note": "",
                "created_at": created,
                "updated_at": created,
            }
        )
        for step in steps:
            rows["step_state"].append(
                {
                    "meeting_id": meeting_id,
                    "step_id": step["id"],
                    "done": True,
                    "notes": notes(rng, rng.randint(4, 8)),
                }
            )
        attendees = rng.sample(AGENCIES, 8)
        for position, agency in enumerate(attendees):
            rows["attendee"].append(
                {
                    "meeting_id": meeting_id,
                    "position": position,
                    "agency_id": agency,
                    "department": "",
                    "role": rng.choice(ROLES),
                    "name": f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}",
                    "attendance": "present",
                    "acknowledged": True,
                }
            )
            rows["shared_info"].append(
                {
                    "meeting_id": meeting_id,
                    "position": position,
                    "agency_id": agency,
                    "content": notes(rng, 3),
                }
            )
        for position, agency in enumerate(rng.sample(AGENCIES, 11) + ["近隣住民"]):
            rows["ecomap_tie"].append(
                {
                    "meeting_id": meeting_id,
                    "position": position,
                    "from_node": "household",
                    "to_node": agency,
                    "strength": rng.choice(("strong", "normal", "weak")),
                    "stressful": rng.random() < 0.2,
                    "flow": rng.choice(("to_household", "both", "none")),
                    "label": "月2回訪問",
                    "member": "",
                }
            )
        for position in range(3):
            rows["assessment_item"].append(
                {
                    "meeting_id": meeting_id,
                    "position": position,
                    "kind": ("issue", "strength", "risk")[position],
                    "text": notes(rng, 2),
                    "priority": position + 1,
                    "urgency": rng.choice(("high", "medium", "low")),
                }
            )
        for position, term in enumerate(("long", "short", "short")):
            rows["goal"].append(
                {"meeting_id": meeting_id, "position": position, "term": term, "text": notes(rng, 1)}
            )
        for position in range(6):
            rows["role_assignment"].append(
                {
                    "meeting_id": meeting_id,
                    "case_id": case_id,
                    "position": position,
                    "task": rng.choice(TASKS),
                    "agency_id": rng.choice(attendees),
                    "person": rng.choice(SURNAMES),
                    "due_date": (day + dt.timedelta(days=14 * (position + 1))).isoformat(),
                    "status": rng.choice(("open", "done", "continue")),
                }
            )
        for position in range(2):
            rows["monitoring_item"].append(
                {
                    "meeting_id": meeting_id,
                    "case_id": case_id,
                    "position": position,
                    "date": (day + dt.timedelta(days=30 * (position + 1))).isoformat(),
                    "what": notes(rng, 1),
                    "status": "open",
                }
            )
    _insert(path, rows)


def _insert(path: Path, rows: dict[str, list[dict[str, Any]]]) -> None:
    connection = sqlite3.connect(path)
    try:
        for table, table_rows in rows.items():
            if not table_rows:
                continue
            columns = list(table_rows[0])
            extra = _required_defaults(connection, table, columns)
            columns += list(extra)
            sql = f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({", ".join("?" for _ in columns)})'
            connection.executemany(sql, ([*row.values(), *extra.values()] for row in table_rows))
        connection.commit()
    finally:
        connection.close()


def _required_defaults(connection: sqlite3.Connection, table: str, given: list[str]) -> dict[str, Any]:
    """Values for NOT NULL columns this generator does not know (added by later migrations) that have
    no server default: the model's own default, so the rows stay valid after a schema change."""
    from sqlmodel import SQLModel

    import welfare_tui.storage.models  # noqa: F401 - registers the tables

    model_table = SQLModel.metadata.tables.get(table)
    extra: dict[str, Any] = {}
    for _cid, name, _type, notnull, default, primary_key in connection.execute(
        f'PRAGMA table_info("{table}")'
    ):
        if name in given or not notnull or default is not None or primary_key:
            continue
        column = model_table.columns.get(name) if model_table is not None else None
        value = getattr(getattr(column, "default", None), "arg", None)
        if value is None or callable(value):
            raise RuntimeError(
                f"bench.data: {table}.{name} is NOT NULL without a default; teach the generator"
            )
        extra[name] = value
    return extra
