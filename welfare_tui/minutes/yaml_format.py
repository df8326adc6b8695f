"""Meeting document ↔ YAML text: format `welfare-tui-minutes`, version 3 (docs/minutes-yaml.md); files
of versions 1 and 2 are read too. The resource register (`welfare-tui-resources`) is read with the same
loader (`load_lines`).

YAML is how a case moves between offices and how scripts read minutes, so the text must be
* stable: the same document gives the same bytes, whether PyYAML runs with libyaml (fast, the usual
  case) or in pure Python (a wheel without libyaml), and
* unambiguous for any reader: a string that some YAML reader could take for a date, a time, a number,
  a boolean or null is written in double quotes ("2026-10-15", "14:00", "8050", "yes", "1e3"), so it
  comes back as the same string, not as 840 minutes or a float.

PyYAML is imported inside the functions: importing this module must stay free for `--help` and the TUI.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

from welfare_tui.errors import InvalidInput
from welfare_tui.i18n import foreign, t

FORMAT = "welfare-tui-minutes"
VERSION = 3
# What a file may say: a version 1 document is version 2 without the case's life, a version 2 document
# is version 3 without the work between meetings (contacts, matches), the meeting's unmet needs and
# the resources its rows name.
VERSIONS = (1, 2, 3)

# Wide enough that no line is ever folded: folding points differ between the two emitters and make
# long Japanese paragraphs diff badly.
_WIDTH = 1 << 30

# Plain scalars some YAML reader (1.1 or 1.2, PyYAML or not) would turn into something other than a
# string. PyYAML's own resolver catches most of these; this catches the rest (`1e3`, `00:30`, `0o17`,
# `y`, `2026-1-5`...). Matched strings are double-quoted.
_AMBIGUOUS = re.compile(
    r"""^(?:
        [-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?  # numbers, incl. 1e3, 08
      | [-+]?0[xob][0-9a-fA-F_]+                                       # hex, octal, binary
      | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)
      | [-+]?[0-9][0-9_]*(?::[0-9]{1,2})+(?:\.[0-9_]*)?                # times / sexagesimal
      | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt\ ].*)?                     # dates, timestamps
      | (?:y|Y|n|N|yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)
      | (?:~|null|Null|NULL)
      | = | <<                                                          # YAML 1.1 value / merge keys
    )$""",
    re.VERBOSE,
)
# Characters the two emitters write differently (libyaml cannot print characters beyond U+FFFF, such
# as 𠮷 or emoji, and escapes them; pure PyYAML prints them raw), or that YAML reads back as a plain
# line break inside a literal block. A string holding any of them is double-quoted: there both
# emitters escape them the same way (`\U00020BB7`), and every reader gets the exact text back.
_NEEDS_ESCAPES = re.compile("[\r\x85\u2028\u2029\ufeff\U00010000-\U0010ffff]")


def dump_document(doc: dict[str, Any], *, libyaml: bool = True) -> str:
    """The YAML text of a meeting document: keys in document order, block style, Unicode as is.

    `libyaml=False` forces the pure-Python emitter; the output is the same either way (tested),
    the flag exists so that the tests can prove it.
    """
    import yaml  # ~15 ms; only exports and imports need it

    return yaml.dump(
        doc,
        Dumper=_dumper(libyaml),
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=_WIDTH,
        line_break="\n",
    )


def export_yaml(doc: Mapping[str, Any]) -> str:
    """The file `export --format yaml` writes: the document without its audit stamp. The stamp stays
    out of the data: importing a file adds audit entries, so a stamped YAML could never export back to
    the same bytes (docs/minutes-yaml.md)."""
    return dump_document({key: value for key, value in doc.items() if key != "audit"})


def upgraded(doc: Mapping[str, Any]) -> dict[str, Any]:
    """A document in the current version. A version 1 document says nothing of the case's life, which
    reads as no intakes, no stage events, no plan and no decision; a version 1 or 2 document says
    nothing of contacts, matches, unmet needs or resources, which read as none (what importing it
    stores for a new case, and so what exporting it again writes). A current one is returned as it is."""
    version = doc.get("version")
    if version not in (1, 2):
        return dict(doc)
    case = dict(doc.get("case") or {})
    meeting = dict(doc.get("meeting") or {})
    if version == 1:
        life: dict[str, list[Any]] = {"intakes": [], "stages": [], "plan": []}
        case = {**case, **{key: case.get(key, value) for key, value in life.items()}}
        meeting = {**meeting, "decision": meeting.get("decision")}
    case = {**case, "contacts": case.get("contacts", []), "matches": case.get("matches", [])}
    ecomap = dict(doc.get("ecomap") or {})
    ecomap["ties"] = [_with_resource(tie) for tie in ecomap.get("ties") or []]
    upgraded_doc: dict[str, Any] = {}
    for key, value in {**doc, "version": VERSION, "case": case, "meeting": meeting}.items():
        if key == "case":
            upgraded_doc["resources"] = doc.get("resources", {})
        upgraded_doc[key] = value
        if key == "assessment":
            upgraded_doc["needs"] = doc.get("needs", [])
    if "ecomap" in doc:
        upgraded_doc["ecomap"] = ecomap
    if "roles" in doc:
        upgraded_doc["roles"] = [_with_resource(role) for role in doc.get("roles") or []]
    return upgraded_doc


def _with_resource(row: Any) -> Any:
    """A role or tie row of an older version: it names no resource (version 3 writes the key last)."""
    return {**row, "resource": row.get("resource")} if isinstance(row, dict) else row


def load_document(text: str, source: str = "<string>") -> dict[str, Any]:
    """Parse the YAML text of one meeting document and check its `format` and `version`.

    Unquoted dates and times stay strings (`date: 2026-10-15`, `start: 14:00`), as a person editing
    the file by hand expects. Errors raise `InvalidInput("source:line: field: message")`.
    """
    return load_document_lines(text, source)[0]


def load_document_lines(text: str, source: str = "<string>") -> tuple[dict[str, Any], dict[str, int]]:
    """`load_document`, plus the line of every field path in the file (`roles[2].due` → 57), so that
    problems found later (by the schema, by the database) can still name the line.

    The text is bounded before anything is built from it (`bounded_input`): anchors and aliases are
    refused before composing, duplicate keys, merge keys, unusual tags, deep nesting and oversized
    numbers while the line map is made; only then are values constructed.
    """
    return load_lines(text, source)


def load_lines(
    text: str, source: str = "<string>", *, fmt: str = FORMAT, versions: tuple[int, ...] = VERSIONS
) -> tuple[dict[str, Any], dict[str, int]]:
    """`load_document_lines` for a YAML file of format `fmt` in one of `versions` (the resource
    register reads so too): the same bounds, the same loader, the same `FILE:LINE: FIELD` errors."""
    import yaml  # ~15 ms; only exports and imports need it

    from welfare_tui.bounded_input import refuse_anchors, walk_nodes

    lines: dict[str, int] = {}

    def note_line(node: Any, path: str, key: Any) -> None:
        lines[path] = _line(key if key is not None else node)

    loader = _loader()(text)
    try:
        refuse_anchors(text, source, _loader())
        node = loader.get_single_node()
        if node is None:
            raise InvalidInput(t("error.yaml.empty", source=source, format=fmt))
        if not isinstance(node, yaml.MappingNode):
            raise InvalidInput(
                t("error.yaml.not_mapping", source=source, line=_line(node), format=fmt, found=_kind(node))
            )
        _check_header(node, source, fmt, versions)
        walk_nodes(node, source, note_line)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = ", ".join(part for part in (error.context, error.problem) if part) or t(
            "error.yaml.invalid"
        )
        raise InvalidInput(
            t("error.yaml.syntax", source=source, line=line, problem=foreign(problem))
        ) from None
    except yaml.YAMLError as error:  # reader errors: control characters, bad encoding
        raise InvalidInput(
            t("error.yaml.syntax", source=source, line=1, problem=foreign(str(error).splitlines()[0]))
        ) from None
    finally:
        loader.dispose()
    return data, lines


def line_of(lines: dict[str, int], path: str) -> int:
    """The line of `path`, or of the nearest enclosing field that is in the file (a missing key is
    reported at its parent), or 1."""
    while path:
        if path in lines:
            return lines[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return lines.get("", 1)


def _check_header(node: Any, source: str, fmt_wanted: str, versions: tuple[int, ...]) -> None:
    """`format` and `version` come first so a reader can refuse a file it does not understand
    before reading the rest; their values are checked on the nodes to report the right line."""
    values = {
        key.value: value for key, value in node.value if getattr(key, "value", None) in ("format", "version")
    }
    fmt = values.get("format")
    if fmt is None:
        raise InvalidInput(t("error.yaml.no_format", source=source, line=_line(node), format=fmt_wanted))
    if fmt.tag != "tag:yaml.org,2002:str" or fmt.value != fmt_wanted:
        raise InvalidInput(
            t("error.yaml.bad_format", source=source, line=_line(fmt), format=fmt_wanted, found=_shown(fmt))
        )
    version = values.get("version")
    if version is None:
        raise InvalidInput(t("error.yaml.no_version", source=source, line=_line(node), version=max(versions)))
    if version.tag != "tag:yaml.org,2002:int" or version.value.strip() not in map(str, versions):
        raise InvalidInput(
            t(
                "error.yaml.bad_version",
                source=source,
                line=_line(version),
                found=_shown(version),
                version=", ".join(map(str, versions)),
            )
        )


def _line(node: Any) -> int:
    return int(node.start_mark.line) + 1


def _kind(node: Any) -> str:
    import yaml

    if isinstance(node, yaml.SequenceNode):
        return t("error.yaml.a_list")
    return t("error.yaml.scalar", value=_shown(node))


def _shown(node: Any) -> str:
    import yaml

    if not isinstance(node, yaml.ScalarNode):
        return t("error.yaml.a_list" if isinstance(node, yaml.SequenceNode) else "error.yaml.a_mapping")
    text = node.value if len(node.value) <= 40 else node.value[:40] + "…"
    return f'"{text}"'


@functools.cache
def _dumper(libyaml: bool) -> type:
    """The dumper class: the C emitter when available (and asked for), with our string style."""
    import yaml

    base = yaml.CSafeDumper if libyaml and getattr(yaml, "__with_libyaml__", False) else yaml.SafeDumper

    class MinutesDumper(base):  # type: ignore[misc, valid-type]  # a base chosen at run time (C or Python)
        def ignore_aliases(self, data: Any) -> bool:
            # A document built in code may share one list between two keys; anchors (&id001) would
            # make the file harder to read and edit. Always write values out in full.
            return True

    def represent_str(dumper: Any, value: str) -> Any:
        style = None
        implicit_tag = dumper.resolve(yaml.ScalarNode, value, (True, False))
        if (
            value == ""
            or _AMBIGUOUS.match(value)
            or implicit_tag != "tag:yaml.org,2002:str"
            or _NEEDS_ESCAPES.search(value)
        ):
            style = '"'
        elif "\n" in value and value.strip("\n") and not value.endswith("\n\n"):
            # Paragraphs read as written; the emitter falls back to quotes when a literal block
            # cannot hold the text exactly (e.g. a space at the end of a line). Text ending in blank
            # lines is quoted instead: its `|+` block makes libyaml, but not PyYAML, end the
            # document with `...`.
            style = "|"
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    MinutesDumper.add_representer(str, represent_str)
    return MinutesDumper


@functools.cache
def _loader() -> type:
    """The loader class: the C parser when available, with dates, times and sexagesimal numbers
    left as strings (the document keeps dates as ISO strings; `14:00` must not become 840)."""
    import yaml

    base = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader

    class MinutesLoader(base):  # type: ignore[misc, valid-type]  # a base chosen at run time (C or Python)
        pass

    MinutesLoader.yaml_implicit_resolvers = {
        # `=` (the YAML 1.1 "value" type) has no safe constructor: it would fail instead of being text.
        first: [
            (tag, regexp)
            for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:value")
        ]
        for first, resolvers in base.yaml_implicit_resolvers.items()
    }
    decimal = re.compile(
        r"""^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$""", re.VERBOSE
    )
    real = re.compile(
        r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?
        |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$""",
        re.VERBOSE,
    )
    replaced = {"tag:yaml.org,2002:int": decimal, "tag:yaml.org,2002:float": real}
    for first, resolvers in MinutesLoader.yaml_implicit_resolvers.items():
        MinutesLoader.yaml_implicit_resolvers[first] = [
            (tag, replaced.get(tag, regexp)) for tag, regexp in resolvers
        ]
    return MinutesLoader
