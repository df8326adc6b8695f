"""The one way to choose an agency: a field that shows the choice and opens a search as soon as one
types.

Every agency field (fields.py kind "agency": attendees, shared information, ecomap ties, issue owners,
roles, the lead agency) and the dashboard's agency filter use `AgencyPicker`. Typing a character,
Enter, Space or ↓ opens `AgencySearch`: a search box over name, short name, id and reading in kana or
romaji (welfare_tui/agency_search.py), the current meeting's attendees first (★), catalogue and demo
agencies marked, no two rows with the same text (names.agency_choices). Enter takes the highlighted
row, so `kyo` Enter picks 居宅介護支援事業所. F2 registers a local agency and picks it, from the field
or from the search.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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

from welfare_tui.agency_search import rank
from welfare_tui.i18n import t
from welfare_tui.views.bindings import localise_bindings
from welfare_tui.views.names import agency_choices

NONE = ""  # the id of the "no agency" row (a field that may stay empty)
ATTENDEE_MARK = "★"  # before an agency attending the meeting (the search's legend says so)


def attending_agencies(app: Any) -> list[str]:
    """Agency ids of the meeting being held (the nearest screen that knows one), else none."""
    for screen in reversed(app.screen_stack):
        attending = getattr(screen, "attending_agencies", None)
        if callable(attending):
            return list(attending())
    return []


def demo_agencies() -> frozenset[str]:
    from welfare_tui.demo import demo_agency_ids

    return demo_agency_ids()


def register_agency(app: Any, chosen: Callable[[str], None]) -> None:
    """Ask for a local agency (e.g. なかよし地域包括支援センター), save it, and once its dialog has
    closed hand its id to `chosen`."""
    from welfare_tui import domain
    from welfare_tui.storage import repo
    from welfare_tui.views.fields import Field
    from welfare_tui.views.modals.item_form import ItemForm

    added: list[str] = []

    def save(values: dict[str, Any]) -> bool:
        agency = app.call_db(repo.add_agency, **values)
        if agency is None:
            return False
        app.reload_agencies()
        added.append(agency.id)
        return True

    fields = (
        Field("name", "field.agency.name", required=True),
        Field("short", "field.agency.short"),
        Field(
            "sector", "field.agency.sector", "select", options={s: s for s in domain.SECTORS}, required=True
        ),
    )
    app.push_screen(
        ItemForm(t("form.add_agency.title"), fields, {"sector": domain.INFORMAL_SECTOR}, save=save),
        lambda _: chosen(added[0]) if added else None,
    )


class AgencyPicker(Widget, can_focus=True):
    """A field holding one agency id (or None). Posts `AgencyPicker.Changed` when the user picks."""

    DEFAULT_CSS = """
    AgencyPicker {
        height: 3;
        width: 1fr;
        border: tall $border-blurred;
        background: $surface;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    AgencyPicker:focus { border: tall $border; background-tint: $foreground 5%; }
    AgencyPicker.-empty { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,down", "open", "picker.open", id="picker.open"),
        Binding("f2", "register", "form.add_agency", id="form.add_agency"),
        Binding("delete,backspace", "clear", "picker.clear", id="picker.clear", show=False),
    ]

    class Changed(Message):
        def __init__(self, picker: AgencyPicker, value: str | None) -> None:
            super().__init__()
            self.picker = picker
            self.value = value

        @property
        def control(self) -> AgencyPicker:
            return self.picker

    def __init__(
        self,
        value: str | None = None,
        *,
        allow_blank: bool = True,
        prompt: str = "",
        title: str = "",
        id: str | None = None,
    ) -> None:
        """`prompt` is shown while no agency is chosen and names the search's "no agency" row
        (default: （選択） in the field, （なし） in the search)."""
        super().__init__(id=id)
        localise_bindings(self)
        self._value = value or None
        self.allow_blank = allow_blank
        self.prompt = prompt or t("form.choose")
        self.blank = prompt or t("picker.none")
        self.title = title
        self.border_title = title
        self.set_class(self._value is None, "-empty")

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

    def clear(self) -> None:
        self.value = None

    def render(self) -> Text:
        agencies = getattr(self.app, "agencies", [])
        label = agency_choices(agencies).get(self._value, self._value) if self._value else ""
        return Text(label or self.prompt, no_wrap=True, overflow="ellipsis")

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
        app: Any = self.app
        search = AgencySearch(
            app.agencies,
            value=self._value,
            query=query,
            blank=self.blank if self.allow_blank else None,
            first=attending_agencies(app),
            title=self.title,
        )
        app.push_screen(search, self._chosen)

    def _chosen(self, agency_id: str | None) -> None:
        if agency_id is not None:  # None: the search was left with Esc
            self.value = agency_id or None
        self.focus()

    def action_register(self) -> None:
        register_agency(self.app, self._registered)

    def _registered(self, agency_id: str) -> None:
        self.value = agency_id
        self.refresh()

    def action_clear(self) -> None:
        if self.allow_blank:
            self.value = None


class AgencySearch(ModalScreen[str | None]):
    """Dismisses with the chosen agency id, NONE for "no agency", or None when left with Esc."""

    DEFAULT_CSS = """
    AgencySearch { align: center middle; }
    #agency-search {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    #agency-search-title { text-style: bold; }
    #agency-query { margin: 0; }
    #agency-options { height: auto; max-height: 12; border: none; padding: 0; }
    #agency-search-legend, #agency-search-keys { color: $text-muted; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "form.cancel", id="form.cancel"),
        Binding("up", "move(-1)", "picker.move_up", id="picker.move_up", show=False),
        Binding("down", "move(1)", "picker.move_down", id="picker.move_down", show=False),
        Binding("pageup", "move(-10)", show=False),
        Binding("pagedown", "move(10)", show=False),
        Binding("f2", "register", "form.add_agency", id="form.add_agency"),
    ]

    def __init__(
        self,
        agencies: Sequence[Any],
        *,
        value: str | None = None,
        query: str = "",
        blank: str | None = None,
        first: Sequence[str] = (),
        title: str = "",
    ) -> None:
        """`blank`: the text of a first row meaning "no agency" (None: an agency must be chosen)."""
        super().__init__()
        localise_bindings(self)
        self.agencies = list(agencies)
        self.value = value
        self.query_text = query
        self.blank = blank
        self.first = list(dict.fromkeys(first))
        self.title_text = title
        self.shown: list[str] = []  # ids of the rows, in order

    def compose(self) -> ComposeResult:
        with Vertical(id="agency-search"):
            yield Label(
                t("picker.title", label=self.title_text) if self.title_text else t("picker.open"),
                id="agency-search-title",
            )
            yield Input(
                self.query_text, placeholder=t("picker.placeholder"), id="agency-query", select_on_focus=False
            )
            options = OptionList(id="agency-options")
            options.can_focus = False  # the search box keeps the focus; ↑↓ move the highlight
            yield options
            yield Static(t("picker.legend"), id="agency-search-legend", markup=False)
            yield Static(t("picker.keys"), id="agency-search-keys", markup=False)

    def on_mount(self) -> None:
        query = self.query_one("#agency-query", Input)
        query.focus()
        query.cursor_position = len(query.value)
        self._fill(query.value)

    def _fill(self, text: str) -> None:
        attending = set(self.first)
        demo = demo_agencies()
        labels = agency_choices(self.agencies)
        options = self.query_one("#agency-options", OptionList)
        options.clear_options()
        self.shown = []
        rows: list[Option] = []
        if self.blank is not None and not text.strip():
            rows.append(Option("　" + escape(self.blank), id="agency:"))
            self.shown.append(NONE)
        for agency in rank(self.agencies, text, first=self.first):
            mark = ATTENDEE_MARK if agency.id in attending else "　"
            tag = (
                (t("picker.demo") if agency.id in demo else "")
                if getattr(agency, "local", False)
                else t("picker.catalogue")
            )
            prompt = f"{mark}{escape(labels[agency.id])}" + (f" [dim]{escape(tag)}[/]" if tag else "")
            rows.append(Option(prompt, id=f"agency:{agency.id}"))
            self.shown.append(agency.id)
        if not rows:
            rows.append(Option(escape(t("picker.no_match", query=text.strip())), disabled=True))
        options.add_options(rows)
        # The current choice stays highlighted while nothing is typed; otherwise the best match.
        start = self.shown.index(self.value) if not text.strip() and self.value in self.shown else 0
        if self.shown:
            options.highlighted = start

    @on(Input.Changed, "#agency-query")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill(event.value)

    @on(Input.Submitted, "#agency-query")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        highlighted = self.query_one("#agency-options", OptionList).highlighted
        if highlighted is not None and 0 <= highlighted < len(self.shown):
            self.dismiss(self.shown[highlighted])
        else:
            self.app.bell()

    @on(OptionList.OptionSelected, "#agency-options")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.shown):
            self.dismiss(self.shown[event.option_index])

    def action_move(self, rows: int) -> None:
        options = self.query_one("#agency-options", OptionList)
        if not self.shown:
            return
        current = options.highlighted if options.highlighted is not None else 0
        options.highlighted = min(max(current + rows, 0), len(self.shown) - 1)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_register(self) -> None:
        register_agency(self.app, self._registered)

    def _registered(self, agency_id: str) -> None:
        self.dismiss(agency_id)
