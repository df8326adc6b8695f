"""Reading an agenda's YAML node by node (agendas.py): the text is parsed with `yaml.compose` (a node
tree with marks, nothing constructed from arbitrary tags) and each field is checked where it stands, so
every problem is reported as `file:line: field: message` — all of them in one run — instead of a
traceback. YAML is imported only when an agenda is actually read.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING, cast

from welfare_tui.errors import AgendaError
from welfare_tui.i18n import foreign, t

if TYPE_CHECKING:
    from yaml.nodes import MappingNode, Node, ScalarNode

# A broken file can have hundreds of problems; the first few are enough to start fixing it.
MAX_REPORTED_PROBLEMS = 20

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TAG_NAMES = {  # tag → message key (agenda.kind.*)
    STR: "text",
    INT: "int",
    BOOL: "bool",
    NULL: "null",
    "tag:yaml.org,2002:float": "float",
    "tag:yaml.org,2002:timestamp": "date",
}


class Problems:
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


def describe(node: Node) -> str:
    """How a user would name what they wrote: 'a list', 'a whole number 5', ..."""
    from yaml.nodes import MappingNode, SequenceNode

    if isinstance(node, MappingNode):
        return t("agenda.kind.mapping")
    if isinstance(node, SequenceNode):
        return t("agenda.kind.list")
    kind = TAG_NAMES.get(node.tag)
    name = t(f"agenda.kind.{kind}") if kind else t("agenda.kind.tagged", tag=node.tag)
    if node.tag == NULL:
        return name
    value = node.value if len(node.value) <= 30 else node.value[:27] + "..."
    return f"{name} {value!r}" if node.tag == STR else f"{name} ({value})"


def mapping_fields(
    node: MappingNode, path: str, allowed: tuple[str, ...], problems: Problems
) -> dict[str, Node]:
    """Field name → value node, reporting duplicate, unknown and non-text keys."""
    fields: dict[str, Node] = {}
    key_lines: dict[str, int] = {}
    for key, value in node.value:
        if key.tag == "tag:yaml.org,2002:merge":
            problems.add(key, path, t("agenda.merge_key"))
            continue
        if key.tag != STR or not isinstance(key.value, str):
            problems.add(key, path, t("agenda.key_not_text", got=describe(key)))
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


def text_field(
    fields: dict[str, Node],
    name: str,
    path: str,
    problems: Problems,
    *,
    required: bool,
    parent: Node,
) -> str | None:
    """A text field (None when missing or invalid, after reporting it)."""
    where = f"{path}.{name}" if path else name
    node = fields.get(name)
    if node is None or node.tag == NULL:
        if required:
            problems.add(node if node is not None else parent, where, t("agenda.missing"))
        return None
    if node.tag != STR or not isinstance(node.value, str):
        problems.add(node, where, t("agenda.expected_text", got=describe(node)))
        return None
    value = node.value.strip()
    if required and not value:
        problems.add(node, where, t("agenda.empty"))
        return None
    return value


def int_of(node: Node) -> int:
    """Construct a whole number the way YAML would (handles 0x10, 1_000, 0o17...)."""
    from yaml.constructor import SafeConstructor

    # The caller checked the tag; a node tagged !!int is a scalar (SafeConstructor refuses others).
    return int(SafeConstructor().construct_yaml_int(cast("ScalarNode", node)))


def bool_of(node: Node) -> bool:
    """Construct a yes/no the way YAML would (true, yes, on...)."""
    from yaml.constructor import SafeConstructor

    return bool(SafeConstructor().construct_yaml_bool(cast("ScalarNode", node)))


def questions(fields: dict[str, Node], name: str, path: str, problems: Problems) -> tuple[str, ...]:
    from yaml.nodes import SequenceNode

    where = f"{path}.{name}"
    node = fields.get(name)
    if node is None or node.tag == NULL:
        return ()
    if not isinstance(node, SequenceNode):
        problems.add(node, where, t("agenda.expected_questions", got=describe(node)))
        return ()
    questions: list[str] = []
    for index, item in enumerate(node.value):
        if item.tag != STR or not isinstance(item.value, str):
            problems.add(item, f"{where}[{index}]", t("agenda.expected_item_text", got=describe(item)))
        elif not item.value.strip():
            problems.add(item, f"{where}[{index}]", t("agenda.empty"))
        else:
            questions.append(item.value.strip())
    return tuple(questions)


def compose(text: str, problems: Problems) -> tuple[bool, Node | None]:
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


def read_yaml_text(path: Path | str, *, source: str, limit: int) -> str:
    """The text of a settings file the municipality keeps (an agenda, a report form): bounded, UTF-8
    (utf-8-sig: Windows Notepad saves UTF-8 with a byte-order mark); AgendaError (exit 1) otherwise."""
    from welfare_tui.bounded_input import InputRefused, read_bounded

    try:
        data = read_bounded(path, limit=limit, source=source)
    except InputRefused as error:
        raise AgendaError(str(error)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise AgendaError(
            t("agenda.not_utf8", source=source, line=line, byte=f"{data[error.start]:02x}")
        ) from None
