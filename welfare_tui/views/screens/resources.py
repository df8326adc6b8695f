"""The 地域資源 register (`r` on the home screen): the town's 居場所, サロン, 子ども食堂, 就労体験先…
with their 参加支援 matches.

The upper table lists the register (inactive resources last, marked); `a` adds a resource, `e` or
Enter edits the highlighted one (the record spec's RESOURCE fields, views/item_specs.py). The lower
table lists the highlighted resource's matches by case code and household relation (never a name);
Tab moves there, where `s` or Enter moves a match on (views/widgets/match_table.py). The register can
also be loaded from a file: `welfare-tui resources import` (docs/resources.md).
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static

from welfare_tui import domain
from welfare_tui.i18n import label, t
from welfare_tui.records.kinds import RESOURCE
from welfare_tui.storage import repo
from welfare_tui.views.bindings import localise_bindings
from welfare_tui.views.columns import clip
from welfare_tui.views.fields import Field
from welfare_tui.views.item_specs import form_field
from welfare_tui.views.modals.item_form import ItemForm
from welfare_tui.views.typed_app import welfare_app
from welfare_tui.views.widgets.key_bar import KeyBar
from welfare_tui.views.widgets.match_table import MatchTable

# Widths in cells: the six columns fit 80 columns with Japanese text.
COLUMNS = (("name", 21), ("category", 10), ("sector", 6), ("area", 10), ("capacity", 4), ("matches", 11))
RESOURCE_FIELDS = tuple(form_field(field) for field in RESOURCE.form_fields)
ID_FIELD = Field("id", "resource_tui.id", required=True, placeholder="resource_tui.id.hint")
STATES = tuple(domain.MATCH_STATE)  # proposed, started, settled, ended


class ResourceScreen(Screen[None]):
    # The register takes the room there is; the matches below keep theirs (a long register scrolls).
    DEFAULT_CSS = """
    ResourceScreen #resources { height: 1fr; min-height: 4; }
    ResourceScreen #resource-detail { height: auto; max-height: 2; }
    ResourceScreen #resource-matches { height: 6; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a,insert", "add", "resource_tui.add", id="resource_tui.add"),
        Binding("e", "edit", "resource_tui.edit", id="resource_tui.edit"),
        Binding("escape", "back", "resource_tui.back", id="resource_tui.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        localise_bindings(self)
        self.resources: list[dict[str, Any]] = []
        self.counts: dict[str, dict[str, int]] = {}

    def compose(self) -> ComposeResult:
        yield Label(t("resource_tui.title"), id="home-title")
        yield Label("", id="resource-count", classes="section-title")
        table: DataTable[str] = DataTable(cursor_type="row", zebra_stripes=True, id="resources")
        for key, width in COLUMNS:
            table.add_column(Text(t(f"resource_tui.col.{key}")), width=width, key=key)
        yield table
        yield Static("", id="resource-detail", markup=False)
        yield Label(t("resource_tui.matches"), id="resource-matches-title", classes="section-title")
        yield MatchTable(id="resource-matches")
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#resources").focus()

    def reload(self, keep: str | None = None) -> None:
        """Read the register again; the cursor stays on resource `keep` (an id) when it is listed."""
        app = welfare_app(self)
        rows = app.query_db(repo.list_resources)
        matches = app.query_db(repo.list_matches)
        if rows is None or matches is None:
            return
        self.counts = {}
        for match in map(dict, matches):
            states = self.counts.setdefault(match["resource_id"], dict.fromkeys(STATES, 0))
            states[match["state"]] = states.get(match["state"], 0) + 1
        resources = [dict(row) for row in rows]
        self.resources = [r for r in resources if r["active"]] + [r for r in resources if not r["active"]]
        table = self.query_one("#resources", DataTable)
        table.clear()
        for row in self.resources:
            counts = self.counts.get(row["id"], dict.fromkeys(STATES, 0))
            cells = (
                clip(row["name"] + ("" if row["active"] else t("resources.inactive")), COLUMNS[0][1]),
                clip(label("resource_category", row["category"]), COLUMNS[1][1]),
                clip(label("resource_sector", row["sector"]), COLUMNS[2][1]),
                clip(row["area"] or "", COLUMNS[3][1]),
                "" if row["capacity"] is None else str(row["capacity"]),
                "/".join(str(counts[state]) for state in STATES),
            )
            table.add_row(*map(Text, cells), key=row["id"])
        self.query_one("#resource-count", Label).update(
            t("resource_tui.count", count=len(self.resources)) if self.resources else t("resource_tui.empty")
        )
        index = next((i for i, row in enumerate(self.resources) if row["id"] == keep), 0)
        if self.resources:
            table.move_cursor(row=index)
        self._show_selected()

    def selected(self) -> dict[str, Any] | None:
        table = self.query_one("#resources", DataTable)
        if not self.resources or not 0 <= table.cursor_row < len(self.resources):
            return None
        return self.resources[table.cursor_row]

    @on(DataTable.RowHighlighted, "#resources")
    def _show_selected(self) -> None:
        row = self.selected()
        lines = []
        if row is not None:
            if row["contact"]:
                lines.append(t("resource_tui.contact", contact=row["contact"]))
            if row["notes"]:
                lines.append(t("resource_tui.notes", notes=row["notes"].replace("\n", " ")))
        self.query_one("#resource-detail", Static).update("\n".join(lines))
        self.query_one("#resource-matches-title", Label).update(
            t("resource_tui.matches_of", name=row["name"]) if row else t("resource_tui.matches")
        )
        self.query_one(MatchTable).show_resource(row["id"] if row else None)

    @on(DataTable.RowSelected, "#resources")
    def _chosen(self) -> None:
        self.action_edit()

    # Actions ----------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # a and e act on the register, not on the matches below it (whose own keys are a and s).
        if action in ("add", "edit"):
            return self.focused is self.query_one("#resources")
        return True

    def action_add(self) -> None:
        app = welfare_app(self)

        def save(values: dict[str, Any]) -> bool:
            resource_id = values.pop("id").strip()
            added = app.call_db(repo.add_resource, resource_id=resource_id, **values)
            if added is None:
                return False
            self.reload(keep=dict(added)["id"])
            self.notify(t("resource_tui.added", name=values["name"]))
            return True

        fields = (ID_FIELD, *RESOURCE_FIELDS)
        app.push_screen(ItemForm(t("resource_tui.add_title"), fields, dict(RESOURCE.starts_with), save=save))

    def action_edit(self) -> None:
        row = self.selected()
        if row is None:
            self.notify(t("resource_tui.pick_first"), severity="warning")
            return
        app = welfare_app(self)

        def save(values: dict[str, Any]) -> bool:
            changed = {key: value for key, value in values.items() if value != row.get(key)}
            if not changed:
                return True
            saved = app.call_db(
                repo.update_resource, resource_id=row["id"], values=changed, expected_version=row["version"]
            )
            if saved is None:
                self.reload(keep=row["id"])
                return False
            self.reload(keep=row["id"])
            return True

        title = t("resource_tui.edit_title", name=row["name"])
        app.push_screen(ItemForm(title, RESOURCE_FIELDS, row, save=save), lambda _: self._refocus())

    def _refocus(self) -> None:
        self.query_one("#resources").focus()

    def action_back(self) -> None:
        self.dismiss(None)
