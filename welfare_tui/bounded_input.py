"""Reading files and YAML that come from outside (imports, agendas) within fixed bounds.

A hand-written or hostile file must never cost more than its size: a 1 kB "billion laughs" YAML
(nested aliases) once took 23 GB. So, before anything is built from a file:

* only a regular file is read (never /dev/zero, a FIFO or a directory: they are refused from `fstat`
  of a descriptor opened without blocking), and at most `limit + 1` bytes of it;
* anchors (`&a`) and aliases (`*a`) are refused at their line before the text is composed: exports
  never write them, and they are the only way a small text becomes a large value;
* the composed node tree is walked once, iteratively: duplicate mapping keys, merge keys (`<<`),
  tags other than the plain YAML ones, nesting deeper than `MAX_DEPTH` and whole numbers longer than
  `MAX_INT_DIGITS` are refused at their line.

Every refusal is an `InputRefused` (an `InvalidInput`) that reads `FILE:LINE: FIELD: message`, or
`FILE: message` when no line applies. YAML is imported inside the functions, as everywhere in core.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from welfare_tui.errors import InvalidInput
from welfare_tui.i18n import foreign, t

MIB = 1024 * 1024
DEFAULT_LIMIT_MB = 10
# A meeting document nests six levels (case.household[0].name); an agenda four.
MAX_DEPTH = 20
# Beyond 19 digits a whole number does not fit the database's 64-bit integers anyway; Python refuses
# to even convert one of more than 4,300 digits.
MAX_INT_DIGITS = 19

_PLAIN_TAGS = frozenset(
    {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")}
)
_READ_CHUNK = 1 << 16


class InputRefused(InvalidInput):
    """A file refused before it was read in full or built into values; `line` 0 means the whole file."""

    def __init__(self, source: str, detail: str, *, line: int = 0, field: str = "") -> None:
        self.source, self.detail, self.line, self.field = source, detail, line, field
        where = f"{source}:{line}: {field}: " if line else f"{source}: "
        super().__init__(where + detail)


def read_bounded(path: Path | str, *, limit: int, source: str | None = None) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; InvalidInput("FILE: ...") otherwise.

    The file is opened without blocking (a FIFO with no writer would otherwise hang) and checked with
    `fstat` on the open descriptor, so what is read is what was checked.
    """
    source = str(path) if source is None else source
    flags = (
        os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    )
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise InputRefused(source, t("input.no_file")) from None
    except IsADirectoryError:  # Windows cannot open a directory at all
        raise InputRefused(source, t("input.not_regular", kind=t("input.kind.directory"))) from None
    except OSError as error:
        raise InputRefused(source, t("input.cannot_read", reason=foreign(error.strerror or error))) from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise InputRefused(source, t("input.not_regular", kind=_kind(info.st_mode)))
        if info.st_size > limit:
            raise InputRefused(source, t("input.too_large", limit=_megabytes(limit)))
        chunks: list[bytes] = []
        size = 0
        while size <= limit:  # at most limit + 1 bytes: a file that grew since fstat is still caught
            chunk = os.read(descriptor, min(_READ_CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise InputRefused(source, t("input.too_large", limit=_megabytes(limit)))
        return b"".join(chunks)
    except OSError as error:
        raise InputRefused(source, t("input.cannot_read", reason=foreign(error.strerror or error))) from None
    finally:
        os.close(descriptor)


def read_utf8(path: Path | str, *, limit: int, source: str) -> str:
    """`read_bounded`, decoded as UTF-8 (a byte-order mark, as Windows Notepad writes, is dropped);
    InvalidInput naming the line of the first byte that is not UTF-8."""
    data = read_bounded(path, limit=limit, source=source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InvalidInput(
            t("error.import.encoding", source=source, line=line, reason=foreign(error.reason))
        ) from None


def limit_bytes(megabytes: int) -> int:
    return megabytes * MIB


def _megabytes(limit: int) -> str:
    return f"{limit / MIB:g}"


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "directory"),
        (stat.S_ISFIFO, "fifo"),
        (stat.S_ISCHR, "device"),
        (stat.S_ISBLK, "device"),
        (stat.S_ISSOCK, "socket"),
    ):
        if test(mode):
            return t(f"input.kind.{name}")
    return t("input.kind.other")


def refuse_anchors(text: str, source: str, loader: type) -> None:
    """Refuse the first anchor or alias of `text`, at its line, before anything is composed.

    Both need `&` or `*` in the text: a file without either (every export, almost every hand-written
    file) costs one substring search. Otherwise the parser's events are read, which never expand an
    alias. Syntax errors propagate as the YAML error they are.
    """
    if "&" not in text and "*" not in text:
        return
    import yaml

    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            line = event.start_mark.line + 1 if event.start_mark else 0  # a parsed event always has one
            raise InputRefused(source, t("input.anchor"), line=line, field="anchor")


def walk_nodes(root: Any, source: str, visit: Callable[[Any, str, Any], None] | None = None) -> None:
    """Walk a composed node tree once, without recursion, refusing what `refuse_anchors` cannot see.

    `visit(node, path, key_node)` is called for every node with its field path (`roles[2].due`) and
    the key node that introduced it (None for list items and the root), in document order.
    """
    import yaml

    stack: list[tuple[Any, str, Any, int]] = [(root, "", None, 0)]
    while stack:
        node, path, key_node, depth = stack.pop()
        line = node.start_mark.line + 1
        if depth > MAX_DEPTH:
            raise InputRefused(
                source, t("input.too_deep", depth=MAX_DEPTH), line=line, field=path or "document"
            )
        if node.tag not in _PLAIN_TAGS:
            raise InputRefused(source, t("input.tag", tag=node.tag), line=line, field=path or "document")
        if visit is not None:
            visit(node, path, key_node)
        children: list[tuple[Any, str, Any, int]] = []
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for key, value in node.value:
                key_line = key.start_mark.line + 1
                if key.tag == "tag:yaml.org,2002:merge":
                    raise InputRefused(source, t("input.merge"), line=key_line, field=path or "document")
                if not isinstance(key, yaml.ScalarNode):
                    raise InputRefused(
                        source, t("input.complex_key"), line=key_line, field=path or "document"
                    )
                name = (key.tag, key.value)
                if name in seen:
                    raise InputRefused(
                        source,
                        t("input.duplicate_key", first=seen[name]),
                        line=key_line,
                        field=f"{path}.{key.value}" if path else str(key.value),
                    )
                seen[name] = key_line
                children.append((value, f"{path}.{key.value}" if path else str(key.value), key, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            children = [(item, f"{path}[{index}]", None, depth + 1) for index, item in enumerate(node.value)]
        elif node.tag in _CONSTRUCTED and not _constructible(node):
            raise InputRefused(
                source,
                t("input.bad_scalar", value=_shortened(node.value), digits=MAX_INT_DIGITS),
                line=line,
                field=path or "document",
            )
        stack.extend(reversed(children))


_CONSTRUCTED = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool"})


def _constructible(node: Any) -> bool:
    """Whether a number or boolean scalar converts, and an integer fits 64 bits' worth of digits: an
    explicit tag (`!!int 1e29`, `!!bool maybe`) or a resolver corner (`0x_`) reaches the constructor
    with text it cannot convert, and Python refuses to convert an integer of 4,300 digits or more."""
    from yaml.constructor import SafeConstructor

    if node.tag == "tag:yaml.org,2002:int":
        digits = node.value.lstrip("+-").replace("_", "").lower()
        if ":" in digits or len(digits.removeprefix("0x").removeprefix("0b")) > MAX_INT_DIGITS:
            return False
    constructor = SafeConstructor()
    method = {
        "tag:yaml.org,2002:int": constructor.construct_yaml_int,
        "tag:yaml.org,2002:float": constructor.construct_yaml_float,
        "tag:yaml.org,2002:bool": constructor.construct_yaml_bool,
    }[node.tag]
    try:
        method(node)
    except (ValueError, KeyError, OverflowError, TypeError):
        return False
    return True


def _shortened(value: str) -> str:
    return value if len(value) <= 24 else value[:24] + "…"
