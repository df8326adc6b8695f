"""The municipality's resource register as a YAML file (format `welfare-tui-resources`, version 1):
the one reader and checker of `welfare-tui resources import FILE` and of the demo build
(`welfare_tui/demo_data/resources.yaml`). docs/minutes-yaml.md "The resource register" shows it:

    format: welfare-tui-resources
    version: 1
    resources:
      - id: hotto_space_aoba          # a slug: lower-case letters, digits, _ and -
        name: 居場所「ほっとスペースあおば」
        category: ibasho              # domain.RESOURCE_CATEGORY key
        sector: cross                 # domain.RESOURCE_SECTOR key
        area: 青葉地区
        capacity: 15                  # or null
        contact: 運営 NPO法人あおば 0561-00-0000
        notes: 平日10時〜16時
        active: true                  # optional, true when left out

A file from outside is read within bounds (`bounded_input`: a regular file, a size limit, no anchors
or aliases, duplicate keys refused at their line) and every value is checked by its field of the
record spec (`records.kinds.RESOURCE`). Each problem reads `FILE:LINE: FIELD: message`, every problem
of the file at once; nothing is returned unless the whole file is right, so a caller writes all of it
or nothing. Writing is the caller's (`repo.upsert_resources`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from welfare_tui.errors import InvalidInput
from welfare_tui.i18n import t
from welfare_tui.records.kinds import RESOURCE
from welfare_tui.records.spec import checker

FORMAT = "welfare-tui-resources"
VERSION = 1
VERSIONS = (1,)
TOP_KEYS = ("format", "version", "resources")
# A resource id is a key other files name (a meeting document's `resources` map, a match's `resource`).
RESOURCE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_FIELDS = tuple(field for field in RESOURCE.fields if field.name != "id")
KEYS = ("id", *(field.key for field in _FIELDS))
_CHECKS = tuple((field.key, field.name, checker(field)) for field in _FIELDS)


def read_resource_file(path: Path | str, *, limit: int) -> list[dict[str, Any]]:
    """The resources of the register file at `path` as column values (`id`, `name`, ...), in file
    order; InvalidInput listing every problem (`FILE:LINE: FIELD: message`, one a line) otherwise."""
    from welfare_tui.bounded_input import read_utf8

    source = str(path)
    return resources_from_text(read_utf8(path, limit=limit, source=source), source)


def resources_from_text(text: str, source: str = "<string>") -> list[dict[str, Any]]:
    """`read_resource_file` for text already read (the tests and the demo build use it)."""
    from welfare_tui.minutes.yaml_format import line_of, load_lines

    doc, lines = load_lines(text, source, fmt=FORMAT, versions=VERSIONS)
    rows, problems = check_register(doc)
    if problems:
        located = sorted(
            ((line_of(lines, field), field, message) for field, message in problems), key=lambda p: p[0]
        )
        raise InvalidInput(
            "\n".join(f"{source}:{line}: {field}: {message}" for line, field, message in located)
        )
    return rows


def check_register(doc: dict[str, Any]) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """The register's rows as column values, and every problem as (field path, message)."""
    problems: list[tuple[str, str]] = []
    extra = [key for key in doc if key not in TOP_KEYS]
    problems += [(str(key), t("schema.extra_forbidden")) for key in extra]
    entries = doc.get("resources")
    if entries is None:
        entries = []
    if not isinstance(entries, list):
        return [], [*problems, ("resources", t("between_doc.resources.not_list"))]
    rows: list[dict[str, Any]] = []
    ids: dict[str, str] = {}
    names: dict[str, str] = {}
    for index, entry in enumerate(entries):
        where = f"resources[{index}]"
        row, found = check_entry(where, entry)
        problems += found
        for column, seen in (("id", ids), ("name", names)):
            value = row.get(column)
            if not value:
                continue
            if value in seen:
                key = (
                    "between_doc.resources.id_twice" if column == "id" else "between_doc.resources.name_twice"
                )
                problems.append((f"{where}.{column}", t(key, value=value, first=seen[value])))
            seen.setdefault(value, where)
        if not found:
            rows.append(row)
    return rows, problems


def check_entry(where: str, entry: Any) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """One resource of a register (or of a meeting document's `resources` map, without `id`): its
    column values (those that passed, when there are problems) and its problems."""
    if not isinstance(entry, dict):
        return {}, [(where, t("between_doc.resources.not_mapping"))]
    problems = [(f"{where}.{key}", t("schema.extra_forbidden")) for key in entry if key not in KEYS]
    row: dict[str, Any] = {}
    if "id" in entry or where.startswith("resources["):
        try:
            row["id"] = resource_id(f"{where}.id", entry.get("id"))
        except InvalidInput as error:
            problems.append(_split(error))
    for key, column, check in _CHECKS:
        if key not in entry:
            continue
        try:
            row[column] = check(f"{where}.{key}", entry[key])
        except InvalidInput as error:
            problems.append(_split(error))
    for field in _FIELDS:
        if field.required and not str(row.get(field.name) or "").strip() and field.key in entry:
            continue  # reported by its check
        if field.required and field.key not in entry:
            problems.append((f"{where}.{field.key}", t("schema.missing")))
    if isinstance(row.get("name"), str):
        row["name"] = row["name"].strip()
    return row, problems


def resource_id(path: str, value: Any) -> str:
    """A resource id as written, or InvalidInput naming `path`."""
    if not isinstance(value, str) or not RESOURCE_ID.fullmatch(value):
        shown = repr(value) if isinstance(value, str | int) else t("value.nothing")
        raise InvalidInput(f"{path}: {t('between_doc.resources.bad_id', value=shown)}")
    return value


def _split(error: InvalidInput) -> tuple[str, str]:
    field, _, message = str(error).partition(": ")
    return field, message
