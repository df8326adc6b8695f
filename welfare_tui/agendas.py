"""Agenda templates: the ordered steps a meeting walks through (docs/agendas.md).

Agendas are YAML files that municipal staff edit by hand, so every problem is reported as
`file:line: field: message` instead of a traceback. To keep the line numbers, the text is parsed
with `yaml.compose` (a node tree with marks) and validated here, node by node; nothing is ever
constructed from arbitrary tags. This module is core: no Textual, no SQLAlchemy, and YAML is
imported only when an agenda is actually read.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from welfare_tui.domain import MEETING_TYPES
from welfare_tui.errors import AgendaError, NotFound
from welfare_tui.i18n import foreign, t

if TYPE_CHECKING:
    from yaml.nodes import MappingNode, Node

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

MIN_MINUTES = 1
MAX_MINUTES = 240
# A broken file can have hundreds of problems; the first few are enough to start fixing it.
MAX_REPORTED_PROBLEMS = 20

_ID_PATTERN = re.compile(r"[a-z0-9_-]+")

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TAG_NAMES = {  # tag → message key (agenda.kind.*)
    _STR: "text",
    _INT: "int",
    _BOOL: "bool",
    _NULL: "null",
    "tag:yaml.org,2002:float": "float",
    "tag:yaml.org,2002:timestamp": "date",
}


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


class _Problems:
    """Collects `source:line: field: message` lines so one run reports every mistake in a file."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.found: list[tuple[int, str]] = []

    def __bool__(self) -> bool:
        return bool(self.found)

    def __len__(self) -> int:
        return len(self.found)

    def add(self, node: Node | None, path: str, message: str, line: int | None = None) -> None:
        if line is None:
            line = node.start_mark.line + 1 if node is not None else 1
        field = f"{path}: " if path else ""
        self.found.append((line, f"{self.source}:{line}: {field}{message}"))

    def raise_if_any(self) -> None:
        """Raise one AgendaError, its lines in file order (the order an editor shows them)."""
        if not self.found:
            return
        lines = [text for _, text in sorted(self.found, key=lambda item: item[0])]
        extra = len(lines) - MAX_REPORTED_PROBLEMS
        if extra > 0:
            lines = lines[:MAX_REPORTED_PROBLEMS] + [t("agenda.more", source=self.source, extra=extra)]
        raise AgendaError("\n".join(lines))


def _describe(node: Node) -> str:
    """How a user would name what they wrote: 'a list', 'a whole number 5', ..."""
    from yaml.nodes import MappingNode, SequenceNode

    if isinstance(node, MappingNode):
        return t("agenda.kind.mapping")
    if isinstance(node, SequenceNode):
        return t("agenda.kind.list")
    kind = _TAG_NAMES.get(node.tag)
    name = t(f"agenda.kind.{kind}") if kind else t("agenda.kind.tagged", tag=node.tag)
    if node.tag == _NULL:
        return name
    value = node.value if len(node.value) <= 30 else node.value[:27] + "..."
    return f"{name} {value!r}" if node.tag == _STR else f"{name} ({value})"


def _mapping_fields(
    node: MappingNode, path: str, allowed: tuple[str, ...], problems: _Problems
) -> dict[str, Node]:
    """Field name → value node, reporting duplicate, unknown and non-text keys."""
    fields: dict[str, Node] = {}
    key_lines: dict[str, int] = {}
    for key, value in node.value:
        if key.tag == "tag:yaml.org,2002:merge":
            problems.add(key, path, t("agenda.merge_key"))
            continue
        if key.tag != _STR or not isinstance(key.value, str):
            problems.add(key, path, t("agenda.key_not_text", got=_describe(key)))
            continue
        name = key.value
        where = f"{path}.{name}" if path else name
        if name in key_lines:
            problems.add(key, where, t("agenda.duplicate_field", line=key_lines[name]))
            continue
        key_lines[name] = key.start_mark.line + 1
        if name not in allowed:
            close = difflib.get_close_matches(name, allowed, n=1)
            hint = (
                t("agenda.did_you_mean", name=close[0])
                if close
                else t("agenda.one_of", names=", ".join(allowed))
            )
            problems.add(key, where, t("agenda.unknown_field", name=name, hint=hint))
            continue
        fields[name] = value
    return fields


def _text(
    fields: dict[str, Node],
    name: str,
    path: str,
    problems: _Problems,
    *,
    required: bool,
    parent: Node,
) -> str | None:
    """A text field (None when missing or invalid, after reporting it)."""
    where = f"{path}.{name}" if path else name
    node = fields.get(name)
    if node is None or node.tag == _NULL:
        if required:
            problems.add(node if node is not None else parent, where, t("agenda.missing"))
        return None
    if node.tag != _STR or not isinstance(node.value, str):
        problems.add(node, where, t("agenda.expected_text", got=_describe(node)))
        return None
    value = node.value.strip()
    if required and not value:
        problems.add(node, where, t("agenda.empty"))
        return None
    return value


def _identifier(
    fields: dict[str, Node], name: str, path: str, problems: _Problems, *, parent: Node
) -> str | None:
    value = _text(fields, name, path, problems, required=True, parent=parent)
    if value is not None and not _ID_PATTERN.fullmatch(value):
        where = f"{path}.{name}" if path else name
        problems.add(fields[name], where, t("agenda.bad_id", value=value))
        return None
    return value


def _scalar_of(node: Node, tag: str) -> Any:
    """Construct one plain scalar the way YAML would (handles 0x10, 1_000, yes/no...)."""
    from yaml.constructor import SafeConstructor

    constructor = SafeConstructor()
    return constructor.construct_yaml_int(node) if tag == _INT else constructor.construct_yaml_bool(node)


def _minutes(fields: dict[str, Node], path: str, problems: _Problems, *, parent: Node) -> int | None:
    where = f"{path}.minutes"
    node = fields.get("minutes")
    if node is None or node.tag == _NULL:
        problems.add(node if node is not None else parent, where, t("agenda.missing"))
        return None
    if node.tag != _INT:
        problems.add(node, where, t("agenda.expected_minutes", got=_describe(node)))
        return None
    # A number of thousands of digits is out of range without converting it (int() refuses 4,300).
    value = _scalar_of(node, _INT) if len(node.value) <= 9 else None
    if value is None or not MIN_MINUTES <= value <= MAX_MINUTES:
        shown = value if value is not None else node.value[:12] + "…"
        problems.add(node, where, t("agenda.minutes_range", value=shown, low=MIN_MINUTES, high=MAX_MINUTES))
        return None
    return value


def _flag(fields: dict[str, Node], path: str, problems: _Problems, *, parent: Node) -> bool | None:
    where = f"{path}.required"
    node = fields.get("required")
    if node is None or node.tag == _NULL:
        problems.add(node if node is not None else parent, where, t("agenda.missing_flag"))
        return None
    if node.tag != _BOOL:
        problems.add(node, where, t("agenda.expected_bool", got=_describe(node)))
        return None
    return bool(_scalar_of(node, _BOOL))


def _questions(fields: dict[str, Node], name: str, path: str, problems: _Problems) -> tuple[str, ...]:
    from yaml.nodes import SequenceNode

    where = f"{path}.{name}"
    node = fields.get(name)
    if node is None or node.tag == _NULL:
        return ()
    if not isinstance(node, SequenceNode):
        problems.add(node, where, t("agenda.expected_questions", got=_describe(node)))
        return ()
    questions: list[str] = []
    for index, item in enumerate(node.value):
        if item.tag != _STR or not isinstance(item.value, str):
            problems.add(item, f"{where}[{index}]", t("agenda.expected_item_text", got=_describe(item)))
        elif not item.value.strip():
            problems.add(item, f"{where}[{index}]", t("agenda.empty"))
        else:
            questions.append(item.value.strip())
    return tuple(questions)


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


def _step(node: Node, index: int, problems: _Problems, seen: dict[str, int]) -> Step | None:
    from yaml.nodes import MappingNode

    path = f"steps[{index}]"
    if not isinstance(node, MappingNode):
        problems.add(node, path, t("agenda.step_not_mapping", got=_describe(node)))
        return None
    before = len(problems)
    fields = _mapping_fields(node, path, _STEP_FIELDS, problems)
    step_id = _identifier(fields, "id", path, problems, parent=node)
    if step_id is not None:
        if step_id in seen:
            problems.add(
                fields["id"], f"{path}.id", t("agenda.duplicate_step", id=step_id, line=seen[step_id])
            )
        else:
            seen[step_id] = fields["id"].start_mark.line + 1
    kind = _text(fields, "kind", path, problems, required=True, parent=node)
    if kind is not None and kind not in STEP_KINDS:
        problems.add(
            fields["kind"], f"{path}.kind", t("agenda.unknown_kind", kind=kind, kinds=", ".join(STEP_KINDS))
        )
    title = _text(fields, "title", path, problems, required=True, parent=node)
    title_en = _text(fields, "title_en", path, problems, required=False, parent=node) or ""
    minutes = _minutes(fields, path, problems, parent=node)
    required = _flag(fields, path, problems, parent=node)
    guide = _questions(fields, "guide", path, problems)
    guide_en = _questions(fields, "guide_en", path, problems)
    if len(problems) > before:
        return None
    assert step_id is not None and kind is not None and title is not None
    assert minutes is not None and required is not None
    return Step(step_id, kind, title, title_en, minutes, required, guide, guide_en)


def _agenda(root: Node | None, source: str, problems: _Problems) -> Agenda | None:
    from yaml.nodes import MappingNode, SequenceNode

    if root is None:
        problems.add(None, "", t("agenda.empty_file"))
        return None
    if not isinstance(root, MappingNode):
        problems.add(root, "", t("agenda.top_not_mapping", got=_describe(root)))
        return None
    fields = _mapping_fields(root, "", _AGENDA_FIELDS, problems)
    agenda_id = _identifier(fields, "id", "", problems, parent=root)
    title = _text(fields, "title", "", problems, required=True, parent=root)
    title_en = _text(fields, "title_en", "", problems, required=False, parent=root) or ""
    meeting_type = _text(fields, "meeting_type", "", problems, required=True, parent=root)
    if meeting_type is not None and meeting_type not in MEETING_TYPES:
        problems.add(
            fields["meeting_type"],
            "meeting_type",
            t("agenda.unknown_type", type=meeting_type, types=", ".join(MEETING_TYPES)),
        )
        meeting_type = None
    legal_basis = _text(fields, "legal_basis", "", problems, required=False, parent=root)
    if legal_basis is None and meeting_type is not None:
        legal_basis = MEETING_TYPES[meeting_type].legal_basis
    description = _text(fields, "description", "", problems, required=False, parent=root) or ""
    description_en = _text(fields, "description_en", "", problems, required=False, parent=root) or ""

    steps: list[Step] = []
    steps_node = fields.get("steps")
    if steps_node is None or steps_node.tag == _NULL:
        problems.add(steps_node if steps_node is not None else root, "steps", t("agenda.missing_steps"))
    elif not isinstance(steps_node, SequenceNode):
        problems.add(steps_node, "steps", t("agenda.expected_steps", got=_describe(steps_node)))
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


def _compose(text: str, problems: _Problems) -> tuple[bool, Node | None]:
    """(parsed, root node); on a syntax error the problem is recorded and parsed is False."""
    import yaml  # ~15 ms; only when an agenda is read

    from welfare_tui.bounded_input import InputRefused, refuse_anchors

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built with it
    try:
        # An alias repeats a node without copying it: steps of aliased steps with aliased guide lists
        # would make a small file cost steps × questions to validate. Agendas are written out in full.
        refuse_anchors(text, problems.source, loader)
        return True, yaml.compose(text, Loader=loader)
    except InputRefused as error:
        problems.add(None, error.field, error.detail, line=error.line)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = error.problem or error.context or t("agenda.invalid_yaml")
        if error.context and error.problem and error.problem.startswith("but "):
            problem = f"{error.context}, {error.problem}"  # "expected a single document ..., but found ..."
        problems.add(None, "", t("agenda.yaml_syntax", problem=foreign(problem)), line=line)
    except yaml.YAMLError as error:
        # ReaderError (control characters) carries a character position instead of a mark.
        position = getattr(error, "position", None)
        line = text.count("\n", 0, position) + 1 if isinstance(position, int) else 1
        reason = getattr(error, "reason", None) or str(error).splitlines()[0]
        problems.add(None, "", t("agenda.yaml_syntax", problem=foreign(reason)), line=line)
    except (UnicodeError, RecursionError) as error:
        problems.add(None, "", t("agenda.unreadable", kind=type(error).__name__), line=1)
    return False, None


def parse_agenda(text: str, source: str = "<agenda>") -> Agenda:
    """Validate agenda YAML `text`; every AgendaError line starts with `source:line:`."""
    problems = _Problems(source)
    parsed, root = _compose(text, problems)
    agenda = _agenda(root, source, problems) if parsed else None
    problems.raise_if_any()
    assert agenda is not None
    return agenda


def load_agenda_file(path: Path | str) -> Agenda:
    """Read and validate one agenda file; messages name the path as the caller gave it."""
    from welfare_tui.bounded_input import DEFAULT_LIMIT_MB, InputRefused, limit_bytes, read_bounded

    source = str(path)
    try:
        # Regular files of at most 10 MB only: an agenda named /dev/zero or a FIFO is refused unread.
        data = read_bounded(path, limit=limit_bytes(DEFAULT_LIMIT_MB), source=source)
    except InputRefused as error:
        raise AgendaError(str(error)) from None
    try:
        # utf-8-sig: Windows Notepad saves UTF-8 with a byte-order mark.
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise AgendaError(
            t("agenda.not_utf8", source=source, line=line, byte=f"{data[error.start]:02x}")
        ) from None
    return parse_agenda(text, source)


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
