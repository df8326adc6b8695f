"""A municipality's own report form as a data file: which figures of `stats` add up to each of its rows.

    format: welfare-tui-report-form
    version: 1
    name: 重層的支援体制整備事業 実績報告
    rows:
      - label: 新規相談受付件数
        sum: [intakes.total]
      - label: 他機関へのつなぎ
        sum: [intakes.outcome.referred, handovers.total]

Each row's `sum` names figure keys (docs/statistics.md lists them); keys of one kind only (`flow`,
`stock` or `cases`: counts of different kinds do not add up). The file is read within bounds
(`bounded_input`: a regular file of at most 1 MB, no anchors, aliases or unusual tags) and checked node
by node, so every problem is one `FILE:LINE: FIELD: message` line (the agenda reader's `Problems`).
The default form is bundled: `welfare_tui/report_forms/default.yaml`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from welfare_tui.agenda_yaml import Problems, compose, describe, mapping_fields, read_yaml_text, text_field
from welfare_tui.figures.catalogue import kind_of_key
from welfare_tui.figures.model import FormRow, FormTable, YearFigures
from welfare_tui.i18n import t

if TYPE_CHECKING:
    from yaml.nodes import Node

FORMAT = "welfare-tui-report-form"
DEFAULT = Path(__file__).resolve().parent.parent / "report_forms" / "default.yaml"
LIMIT = 1024 * 1024


@dataclass(frozen=True)
class FormSpec:
    label: str
    keys: tuple[str, ...]
    kind: str


@dataclass(frozen=True)
class ReportForm:
    name: str
    rows: tuple[FormSpec, ...]


def load_form(path: Path | str | None = None) -> ReportForm:
    """The form of the file `path` (the bundled default when None); AgendaError (exit 1) with one
    `FILE:LINE: FIELD: message` line per problem otherwise."""
    source = str(path) if path is not None else "report_forms/default.yaml"
    return parse_form(read_yaml_text(path or DEFAULT, source=source, limit=LIMIT), source)


def parse_form(content: str, source: str) -> ReportForm:
    problems = Problems(source)
    parsed, root = compose(content, problems)
    form = _form(root, problems) if parsed else None
    problems.raise_if_any()
    assert form is not None
    return form


def _form(root: Node | None, problems: Problems) -> ReportForm | None:
    from yaml.nodes import MappingNode, SequenceNode

    if not isinstance(root, MappingNode):
        problems.add(root, "", t("figures.form.not_mapping"))
        return None
    fields = mapping_fields(root, "", ("format", "version", "name", "rows"), problems)
    given = text_field(fields, "format", "", problems, required=True, parent=root)
    if given is not None and given != FORMAT:
        problems.add(fields["format"], "format", t("figures.form.wrong_format", got=given))
    name = text_field(fields, "name", "", problems, required=True, parent=root) or ""
    rows_node = fields.get("rows")
    if not isinstance(rows_node, SequenceNode):
        got = describe(rows_node) if rows_node is not None else t("agenda.kind.null")
        problems.add(rows_node or root, "rows", t("figures.form.not_list", got=got))
        return None
    if not rows_node.value:
        problems.add(rows_node, "rows", t("figures.form.no_rows"))
    rows = [_row(node, f"rows[{index}]", problems) for index, node in enumerate(rows_node.value)]
    return ReportForm(name, tuple(row for row in rows if row is not None))


def _row(node: Node, path: str, problems: Problems) -> FormSpec | None:
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    if not isinstance(node, MappingNode):
        problems.add(node, path, t("figures.form.not_mapping"))
        return None
    fields = mapping_fields(node, path, ("label", "sum"), problems)
    label = text_field(fields, "label", path, problems, required=True, parent=node)
    sum_node = fields.get("sum")
    where = f"{path}.sum"
    if not isinstance(sum_node, SequenceNode):
        got = describe(sum_node) if sum_node is not None else t("agenda.kind.null")
        problems.add(sum_node or node, where, t("figures.form.not_list", got=got))
        return None
    if not sum_node.value:
        problems.add(sum_node, where, t("figures.form.empty_sum"))
        return None
    keys: list[str] = []
    kinds: dict[str, str] = {}
    for index, item in enumerate(sum_node.value):
        place = f"{where}[{index}]"
        if not isinstance(item, ScalarNode) or item.tag != "tag:yaml.org,2002:str":
            problems.add(item, place, t("agenda.expected_text", got=describe(item)))
            continue
        kind = kind_of_key(item.value)
        if kind is None:
            problems.add(item, place, t("figures.form.unknown_key", key=item.value))
            continue
        keys.append(item.value)
        kinds.setdefault(kind, item.value)
    if len(kinds) > 1:
        problems.add(sum_node, where, t("figures.form.mixed_kinds", kinds=", ".join(kinds.values())))
        return None
    if label is None or not keys or len(keys) < len(sum_node.value):
        return None
    return FormSpec(label, tuple(keys), next(iter(kinds)))


def apply_form(form: ReportForm, figures: YearFigures) -> FormTable:
    """Each row's months and year: the sums of its figures (a key the year lacks counts zero)."""
    rows = []
    for spec in form.rows:
        found = [series for series in map(figures.series, spec.keys) if series is not None]
        months = tuple(sum(series.months[index] for series in found) for index in range(12))
        rows.append(FormRow(spec.label, spec.keys, spec.kind, months, sum(series.total for series in found)))
    return FormTable(form.name, tuple(rows))
