"""Choosing a 地域資源 of the register: a field that shows the chosen resource by name and opens a
search as soon as one types (the agency picker, views/widgets/agency_picker.py, is its model).

Every field of the record spec's type `resource` (the resource of a role, an ecomap tie, a match)
uses `ResourcePicker`. Typing a character, Enter, Space or ↓ opens `ResourceSearch`: a search box
over name, id, area, category and sector (NFKC, case and kana folded), active resources only (the
current choice stays listed while it is inactive). Enter takes the highlighted row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.markup import escape
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from welfare_tui.agency_search import fold
from welfare_tui.i18n import label, t
from welfare_tui.views.bindings import localise_bindings

NONE = ""  # the id of the "no resource" row


def read_resources(app: Any) -> list[dict[str, Any]]:
    """The register as the app reads it now (an empty list when the database cannot be read)."""
    from welfare_tui.storage import repo

    rows = app.query_db(repo.list_resources)
    return [dict(row) for row in rows or ()]


def resource_names(app: Any) -> dict[str, str]:
    """Resource id → name, for table cells of `resource` fields."""
    return {row["id"]: row["name"] for row in read_resources(app)}


def resource_text(resource: dict[str, Any]) -> str:
    """A resource as a choice reads: 名称（種類・地区）."""
    details = "・".join(
        part
        for part in (label("resource_category", resource["category"]), resource.get("area") or "")
        if part
    )
    return f"{resource['name']}（{details}）" if details else str(resource["name"])


def matching(resources: Sequence[dict[str, Any]], query: str) -> list[dict[str, Any]]:
    """The resources whose name, id, area, category or sector holds every word of `query`."""
    words = [fold(word) for word in query.split()]  # as the agency search folds: ホット finds ほっと
    found = []
    for resource in resources:
        haystack = fold(
            " ".join(
                (
                    str(resource["name"]),
                    str(resource["id"]),
                    str(resource.get("area") or ""),
                    label("resource_category", resource["category"]),
                    label("resource_sector", resource["sector"]),
                )
            )
        )
        if all(word in haystack for word in words):
            found.append(resource)
    return found


class ResourcePicker(Widget, can_focus=True):
    """A field holding one resource id (or None). Posts `ResourcePicker.Changed` when the user picks."""

    DEFAULT_CSS = """
    ResourcePicker {
        height: 3;
        width: 1fr;
        border: tall $border-blurred;
        background: $surface;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    ResourcePicker:focus { border: tall $border; background-tint: $foreground 5%; }
    ResourcePicker.-empty { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,down", "open", "resource_picker.open", id="resource_picker.open"),
        Binding("delete,backspace", "clear", "picker.clear", id="picker.clear", show=False),
    ]

    class Changed(Message):
        def __init__(self, picker: ResourcePicker, value: str | None) -> None:
            super().__init__()
            self.picker = picker
            self.value = value

        @property
        def control(self) -> ResourcePicker:
            return self.picker

    def __init__(
        self, value: str | None = None, *, allow_blank: bool = True, title: str = "", id: str | None = None
    ) -> None:
        super().__init__(id=id)
        localise_bindings(self)
        self._value = value or None
        self.allow_blank = allow_blank
        self.title = title
        self.border_title = title
        self.resources: list[dict[str, Any]] = []
        self.set_class(self._value is None, "-empty")

    def on_mount(self) -> None:
        self.resources = read_resources(self.app)
        self.refresh()

    @property
    def value(self) -> str | None:
        return self._value

    @value.setter
    def value(self, value: str | None) -> None:
        value = value or None
        if value != self._value:
            self._value = value
            self.set_class(value is None, "-empty")
            self.refresh()
            self.post_message(self.Changed(self, value))

    def render(self) -> Text:
        chosen = next((r for r in self.resources if r["id"] == self._value), None)
        shown = resource_text(chosen) if chosen else (self._value or t("resource_picker.choose"))
        return Text(shown, no_wrap=True, overflow="ellipsis")

    def on_key(self, event: events.Key) -> None:
        # Typing starts the search with what was typed (the key is not lost).
        if event.is_printable and event.character and event.character != " ":
            event.stop()
            event.prevent_default()
            self.action_open(event.character)
        elif event.key == "space":
            event.stop()
            event.prevent_default()
            self.action_open()

    def action_open(self, query: str = "") -> None:
        listed = [r for r in self.resources if r.get("active", True) or r["id"] == self._value]
        search = ResourceSearch(
            listed, value=self._value, query=query, blank=self.allow_blank, title=self.title
        )
        self.app.push_screen(search, self._chosen)

    def _chosen(self, resource_id: str | None) -> None:
        if resource_id is not None:  # None: the search was left with Esc
            self.value = resource_id or None
        self.focus()

    def action_clear(self) -> None:
        if self.allow_blank:
            self.value = None


class ResourceSearch(ModalScreen[str | None]):
    """Dismisses with the chosen resource id, NONE for "no resource", or None when left with Esc."""

    DEFAULT_CSS = """
    ResourceSearch { align: center middle; }
    #resource-search {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    #resource-search-title { text-style: bold; }
    #resource-options { height: auto; max-height: 12; border: none; padding: 0; }
    #resource-search-keys { color: $text-muted; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "form.cancel", id="form.cancel"),
        Binding("up", "move(-1)", "picker.move_up", id="picker.move_up", show=False),
        Binding("down", "move(1)", "picker.move_down", id="picker.move_down", show=False),
    ]

    def __init__(
        self,
        resources: Sequence[dict[str, Any]],
        *,
        value: str | None = None,
        query: str = "",
        blank: bool = True,
        title: str = "",
    ) -> None:
        super().__init__()
        localise_bindings(self)
        self.resources = list(resources)
        self.value = value
        self.query_text = query
        self.blank = blank
        self.title_text = title
        self.shown: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="resource-search"):
            yield Label(t("resource_picker.title", label=self.title_text), id="resource-search-title")
            yield Input(
                self.query_text,
                placeholder=t("resource_picker.placeholder"),
                id="resource-query",
                select_on_focus=False,
            )
            options = OptionList(id="resource-options")
            options.can_focus = False  # the search box keeps the focus; ↑↓ move the highlight
            yield options
            yield Static(t("resource_picker.keys"), id="resource-search-keys", markup=False)

    def on_mount(self) -> None:
        query = self.query_one("#resource-query", Input)
        query.focus()
        query.cursor_position = len(query.value)
        self._fill(query.value)

    def _fill(self, text: str) -> None:
        options = self.query_one("#resource-options", OptionList)
        options.clear_options()
        self.shown = []
        rows: list[Option] = []
        if self.blank and not text.strip():
            rows.append(Option(escape(t("picker.none")), id="resource:"))
            self.shown.append(NONE)
        for resource in matching(self.resources, text):
            rows.append(Option(escape(resource_text(resource)), id=f"resource:{resource['id']}"))
            self.shown.append(resource["id"])
        if not rows:
            empty = "resource_picker.no_match" if self.resources else "resource_picker.empty"
            rows.append(Option(escape(t(empty, query=text.strip())), disabled=True))
        options.add_options(rows)
        start = self.shown.index(self.value) if not text.strip() and self.value in self.shown else 0
        if self.shown:
            options.highlighted = start

    @on(Input.Changed, "#resource-query")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill(event.value)

    @on(Input.Submitted, "#resource-query")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        highlighted = self.query_one("#resource-options", OptionList).highlighted
        if highlighted is not None and 0 <= highlighted < len(self.shown):
            self.dismiss(self.shown[highlighted])
        else:
            self.app.bell()

    @on(OptionList.OptionSelected, "#resource-options")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.shown):
            self.dismiss(self.shown[event.option_index])

    def action_move(self, rows: int) -> None:
        options = self.query_one("#resource-options", OptionList)
        if not self.shown:
            return
        current = options.highlighted if options.highlighted is not None else 0
        options.highlighted = min(max(current + rows, 0), len(self.shown) - 1)

    def action_cancel(self) -> None:
        self.dismiss(None)
