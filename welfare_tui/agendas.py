"""Agenda templates: the ordered steps a meeting walks through (docs/agendas.md).

Agendas are YAML files that municipal staff edit by hand, so every problem is reported as
`file:line: field: message` instead of a traceback. To keep the line numbers, the text is parsed
with `yaml.compose` (a node tree with marks) and validated node by node (`agenda_yaml.py` reads the
nodes; the rules of the format are here); nothing is ever constructed from arbitrary tags. This module
is core: no Textual, no SQLAlchemy, and YAML is imported only when an agenda is actually read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from welfare_tui.agenda_yaml import (
    BOOL,
    INT,
    NULL,
    Problems,
    bool_of,
    compose,
    describe,
    int_of,
    mapping_fields,
    questions,
    read_yaml_text,
    text_field,
)
from welfare_tui.domain import MEETING_TYPES
from welfare_tui.errors import AgendaError, NotFound
from welfare_tui.i18n import t

if TYPE_CHECKING:
    from yaml.nodes import Node

STEP_KINDS: tuple[str, ...] = (
    "opening",
    "attendance",
    "confidentiality",
    "case_summary",
    "info_sharing",
    "ecomap",
    "assessment",
    "policy",
    "roles",
    "monitoring",
    "resource_gaps",
    "next_meeting",
    "wrap_up",
    "closing",
    "review_previous",
    "evaluation",
    "notes",
)


def unknown_kind(kind: str) -> str:
    """Why a step kind is refused: the one message of the agenda loader, import and the views."""
    return t("agenda.unknown_kind", kind=kind, kinds=", ".join(STEP_KINDS))


MIN_MINUTES = 1
MAX_MINUTES = 240

_ID_PATTERN = re.compile(r"[a-z0-9_-]+")


@dataclass(frozen=True)
class Step:
    """One step of a meeting; `kind` decides which screen captures it."""

    id: str
    kind: str
    title: str
    title_en: str
    minutes: int
    required: bool
    guide: tuple[str, ...] = ()
    guide_en: tuple[str, ...] = ()

    def title_for(self, lang: str) -> str:
        """The title in `lang` ('ja' or 'en'), falling back to Japanese."""
        return self.title_en if lang == "en" and self.title_en else self.title

    def guide_for(self, lang: str) -> tuple[str, ...]:
        """The guide questions in `lang`, falling back to Japanese."""
        return self.guide_en if lang == "en" and self.guide_en else self.guide


@dataclass(frozen=True)
class Agenda:
    """A meeting template. `source` is the file it was read from, for messages."""

    id: str
    title: str
    title_en: str
    meeting_type: str
    legal_basis: str
    description: str
    description_en: str
    steps: tuple[Step, ...]
    source: str = ""

    @property
    def total_minutes(self) -> int:
        return sum(step.minutes for step in self.steps)

    @property
    def meeting_type_label(self) -> str:
        meeting_type = MEETING_TYPES.get(self.meeting_type)
        return meeting_type.label if meeting_type else self.meeting_type

    def title_for(self, lang: str) -> str:
        """The title in `lang` ('ja' or 'en'), falling back to Japanese."""
        return self.title_en if lang == "en" and self.title_en else self.title

    def step(self, step_id: str) -> Step:
        """The step with this id; NotFound names the agenda so the message is actionable."""
        for step in self.steps:
            if step.id == step_id:
                return step
        raise NotFound(t("agenda.no_step", agenda=self.id, step=step_id))


# --- validation --------------------------------------------------------------------------------


def _identifier(
    fields: dict[str, Node], name: str, path: str, problems: Problems, *, parent: Node
) -> str | None:
    value = text_field(fields, name, path, problems, required=True, parent=parent)
    if value is not None and not _ID_PATTERN.fullmatch(value):
        where = f"{path}.{name}" if path else name
        problems.add(fields[name], where, t("agenda.bad_id", value=value))
        return None
    return value


def _minutes(fields: dict[str, Node], path: str, problems: Problems, *, parent: Node) -> int | None:
    where = f"{path}.minutes"
    node = fields.get("minutes")
    if node is None or node.tag == NULL:
        problems.add(node if node is not None else parent, where, t("agenda.missing"))
        return None
    if node.tag != INT:
        problems.add(node, where, t("agenda.expected_minutes", got=describe(node)))
        return None
    # A number of thousands of digits is out of range without converting it (int() refuses 4,300).
    value = int_of(node) if len(node.value) <= 9 else None
    if value is None or not MIN_MINUTES <= value <= MAX_MINUTES:
        shown = value if value is not None else node.value[:12] + "…"
        problems.add(node, where, t("agenda.minutes_range", value=shown, low=MIN_MINUTES, high=MAX_MINUTES))
        return None
    return value


def _flag(fields: dict[str, Node], path: str, problems: Problems, *, parent: Node) -> bool | None:
    where = f"{path}.required"
    node = fields.get("required")
    if node is None or node.tag == NULL:
        problems.add(node if node is not None else parent, where, t("agenda.missing_flag"))
        return None
    if node.tag != BOOL:
        problems.add(node, where, t("agenda.expected_bool", got=describe(node)))
        return None
    return bool_of(node)


_AGENDA_FIELDS = (
    "id",
    "title",
    "title_en",
    "meeting_type",
    "legal_basis",
    "description",
    "description_en",
    "steps",
)
_STEP_FIELDS = ("id", "kind", "title", "title_en", "minutes", "required", "guide", "guide_en")


def _step(node: Node, index: int, problems: Problems, seen: dict[str, int]) -> Step | None:
    from yaml.nodes import MappingNode

    path = f"steps[{index}]"
    if not isinstance(node, MappingNode):
        problems.add(node, path, t("agenda.step_not_mapping", got=describe(node)))
        return None
    before = len(problems)
    fields = mapping_fields(node, path, _STEP_FIELDS, problems)
    step_id = _identifier(fields, "id", path, problems, parent=node)
    if step_id is not None:
        if step_id in seen:
            problems.add(
                fields["id"], f"{path}.id", t("agenda.duplicate_step", id=step_id, line=seen[step_id])
            )
        else:
            seen[step_id] = fields["id"].start_mark.line + 1
    kind = text_field(fields, "kind", path, problems, required=True, parent=node)
    if kind is not None and kind not in STEP_KINDS:
        problems.add(fields["kind"], f"{path}.kind", unknown_kind(kind))
    title = text_field(fields, "title", path, problems, required=True, parent=node)
    title_en = text_field(fields, "title_en", path, problems, required=False, parent=node) or ""
    minutes = _minutes(fields, path, problems, parent=node)
    required = _flag(fields, path, problems, parent=node)
    guide = questions(fields, "guide", path, problems)
    guide_en = questions(fields, "guide_en", path, problems)
    if len(problems) > before:
        return None
    assert step_id is not None and kind is not None and title is not None
    assert minutes is not None and required is not None
    return Step(step_id, kind, title, title_en, minutes, required, guide, guide_en)


def _agenda(root: Node | None, source: str, problems: Problems) -> Agenda | None:
    from yaml.nodes import MappingNode, SequenceNode

    if root is None:
        problems.add(None, "", t("agenda.empty_file"))
        return None
    if not isinstance(root, MappingNode):
        problems.add(root, "", t("agenda.top_not_mapping", got=describe(root)))
        return None
    fields = mapping_fields(root, "", _AGENDA_FIELDS, problems)
    agenda_id = _identifier(fields, "id", "", problems, parent=root)
    title = text_field(fields, "title", "", problems, required=True, parent=root)
    title_en = text_field(fields, "title_en", "", problems, required=False, parent=root) or ""
    meeting_type = text_field(fields, "meeting_type", "", problems, required=True, parent=root)
    if meeting_type is not None and meeting_type not in MEETING_TYPES:
        problems.add(
            fields["meeting_type"],
            "meeting_type",
            t("agenda.unknown_type", type=meeting_type, types=", ".join(MEETING_TYPES)),
        )
        meeting_type = None
    legal_basis = text_field(fields, "legal_basis", "", problems, required=False, parent=root)
    if legal_basis is None and meeting_type is not None:
        legal_basis = MEETING_TYPES[meeting_type].legal_basis
    description = text_field(fields, "description", "", problems, required=False, parent=root) or ""
    description_en = text_field(fields, "description_en", "", problems, required=False, parent=root) or ""

    steps: list[Step] = []
    steps_node = fields.get("steps")
    if steps_node is None or steps_node.tag == NULL:
        problems.add(steps_node if steps_node is not None else root, "steps", t("agenda.missing_steps"))
    elif not isinstance(steps_node, SequenceNode):
        problems.add(steps_node, "steps", t("agenda.expected_steps", got=describe(steps_node)))
    elif not steps_node.value:
        problems.add(steps_node, "steps", t("agenda.no_steps"))
    else:
        seen: dict[str, int] = {}
        for index, item in enumerate(steps_node.value):
            step = _step(item, index, problems, seen)
            if step is not None:
                steps.append(step)

    if problems:
        return None
    assert agenda_id and title and meeting_type and legal_basis is not None
    return Agenda(
        agenda_id,
        title,
        title_en,
        meeting_type,
        legal_basis,
        description,
        description_en,
        tuple(steps),
        source,
    )


def parse_agenda(text: str, source: str = "<agenda>") -> Agenda:
    """Validate agenda YAML `text`; every AgendaError line starts with `source:line:`."""
    problems = Problems(source)
    parsed, root = compose(text, problems)
    agenda = _agenda(root, source, problems) if parsed else None
    problems.raise_if_any()
    assert agenda is not None
    return agenda


def load_agenda_file(path: Path | str) -> Agenda:
    """Read and validate one agenda file; messages name the path as the caller gave it."""
    from welfare_tui.bounded_input import DEFAULT_LIMIT_MB, limit_bytes

    source = str(path)
    # Regular files of at most 10 MB only: an agenda named /dev/zero or a FIFO is refused unread.
    return parse_agenda(read_yaml_text(path, source=source, limit=limit_bytes(DEFAULT_LIMIT_MB)), source)


# --- listing -----------------------------------------------------------------------------------


def bundled_agendas_dir() -> Path:
    """Inside an installed wheel the agendas sit in the package; in a checkout, at the repo top."""
    packaged = Path(__file__).parent / "agendas"
    if packaged.is_dir():
        return packaged
    return Path(__file__).parent.parent / "agendas"


def _agenda_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(
        path
        for path in directory.iterdir()
        if path.suffix in (".yaml", ".yml") and not path.name.startswith(".") and path.is_file()
    )


def list_agendas(user_dir: Path | None = None) -> list[Agenda]:
    """Bundled agendas, then the user's; a user agenda with a bundled id replaces it in place.

    A broken user file raises AgendaError rather than vanishing from the list: a facilitator who
    edited a template must learn why it is not offered.
    """
    if user_dir is None:
        from welfare_tui.locations import user_agendas_dir

        user_dir = user_agendas_dir()
    agendas: dict[str, Agenda] = {}
    for path in _agenda_files(bundled_agendas_dir()):
        agenda = load_agenda_file(path)
        agendas[agenda.id] = agenda
    user_sources: dict[str, str] = {}
    for path in _agenda_files(user_dir):
        agenda = load_agenda_file(path)
        if agenda.id in user_sources:
            raise AgendaError(t("agenda.id_twice", path=path, id=agenda.id, other=user_sources[agenda.id]))
        user_sources[agenda.id] = str(path)
        agendas[agenda.id] = agenda
    return list(agendas.values())


def get_agenda(agenda_id: str, user_dir: Path | None = None) -> Agenda:
    """The agenda with this id (user agendas win over bundled ones)."""
    for agenda in list_agendas(user_dir):
        if agenda.id == agenda_id:
            return agenda
    raise NotFound(t("agenda.not_found", id=agenda_id))


# --- plain data --------------------------------------------------------------------------------


def step_to_dict(step: Step) -> dict[str, Any]:
    """A step as plain values, in file order (for JSON output and meeting snapshots)."""
    return {
        "id": step.id,
        "kind": step.kind,
        "title": step.title,
        "title_en": step.title_en,
        "minutes": step.minutes,
        "required": step.required,
        "guide": list(step.guide),
        "guide_en": list(step.guide_en),
    }


def agenda_to_dict(agenda: Agenda) -> dict[str, Any]:
    """An agenda as plain values in the file format: dumping it as YAML gives a valid agenda file."""
    return {
        "id": agenda.id,
        "title": agenda.title,
        "title_en": agenda.title_en,
        "meeting_type": agenda.meeting_type,
        "legal_basis": agenda.legal_basis,
        "description": agenda.description,
        "description_en": agenda.description_en,
        "steps": [step_to_dict(step) for step in agenda.steps],
    }
