"""Checking the steps of a meeting document: the agenda snapshot (`agenda_json`) and each step's state.
A re-import of 1,000 files checks some 30,000 steps: one table-driven pass, plain values taken as
they are."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from welfare_tui import domain
from welfare_tui.agendas import STEP_KINDS, unknown_kind
from welfare_tui.errors import InvalidInput
from welfare_tui.i18n import t
from welfare_tui.records import values as v
from welfare_tui.storage.document_shape import STEP_KEYS, mapping, sequence


def _text_list(path: str, value: Any) -> list[str]:
    if isinstance(value, str):
        return [value] if value else []
    return [v.text(f"{path}[{index}]", item) for index, item in enumerate(sequence(path, value))]


Check = Callable[[str, Any], Any]
Plain = tuple[str, Any, type | None, tuple[int, int], Check]


def _bounded(name: str) -> tuple[int, int]:
    return domain.NUMBER_RANGE[name]


# (key, default, the type of a value taken as it is, the range of a number taken as it is, check) of a
# step's fields, in the order they are checked: its place in the agenda (stored in `agenda_json`),
# then its state.
_STEP_FIELDS: tuple[Plain, ...] = (
    ("kind", "", str, (0, 0), v.text),
    ("title", "", str, (0, 0), v.text),
    ("title_en", "", str, (0, 0), v.text),
    ("minutes", 0, int, _bounded("minutes"), lambda path, value: v.bounded(path, value, "minutes")),
    ("required", False, bool, (0, 0), v.boolean),
    ("guide", None, None, (0, 0), _text_list),
    ("guide_en", None, None, (0, 0), _text_list),
    ("done", False, bool, (0, 0), v.boolean),
    ("notes", "", str, (0, 0), v.text),
    ("seconds", 0, int, _bounded("seconds"), lambda path, value: v.bounded(path, value, "seconds")),
)
_STEP_KEY_SET = frozenset((*STEP_KEYS, "guide", "guide_en"))


def check_steps(value: Any) -> tuple[list[dict[str, Any]], list[tuple[str, bool, str, int]]]:
    steps: list[dict[str, Any]] = []
    states: list[tuple[str, bool, str, int]] = []
    seen: set[str] = set()
    for index, raw in enumerate(sequence("steps", value)):
        path = f"steps[{index}]"
        raw = mapping(path, raw)
        if not raw.keys() <= _STEP_KEY_SET:
            v.unknown_keys(path, raw, _STEP_KEY_SET)
        step_id = v.text(f"{path}.id", raw.get("id"), required=True)
        if step_id in seen:
            raise InvalidInput(t("storage.doc.step_twice", path=path, id=repr(step_id)))
        seen.add(step_id)
        kind, title, title_en, minutes, required, guide, guide_en, done, notes, seconds = _checked(
            raw, path, _STEP_FIELDS
        )
        if kind not in STEP_KINDS:  # a step no view can show (views/steps) never reaches the database
            problem = unknown_kind(kind)
            raise InvalidInput(f"{path}.kind: {problem}")
        steps.append(
            {
                "id": step_id,
                "kind": kind,
                "title": title,
                "title_en": title_en,
                "minutes": minutes,
                "required": required,
                "guide": guide,
                "guide_en": guide_en,
            }
        )
        states.append((step_id, done, notes, seconds))
    return steps, states


def _checked(raw: dict[str, Any], path: str, fields: tuple[Plain, ...]) -> list[Any]:
    """The values of `fields` in `raw`, checked: a text, a yes/no or a number within range taken as it
    is (a re-import checks some 20,000 steps), anything else through its check."""
    values = []
    for key, default, plain, (low, high), check in fields:
        given: Any = raw.get(key, default)
        given_type = type(given)
        if given_type is plain and (
            given_type is bool or (low <= given <= high if given_type is int else "\x00" not in given)
        ):
            values.append(given)
        else:
            values.append(check(f"{path}.{key}", given))
    return values
