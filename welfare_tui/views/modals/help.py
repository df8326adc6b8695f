"""The help screen (F1): every key that works where the user is, in words, plus how saving works;
the program's keys first, then the editing keys of text fields, tables and lists."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from welfare_tui.i18n import t
from welfare_tui.views import STYLES
from welfare_tui.views.bindings import description_of, is_ours, localise_bindings


def key_sections(screen: Screen[Any]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(the program's keys, the editing keys of Textual's widgets) active on `screen`, each as
    (key, what it does — why) rows: the program's first, so what a user came for is on top."""
    ours: dict[str, tuple[str, str]] = {}
    editing: dict[tuple[str, str], tuple[str, str]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description or binding.system:
            continue
        shown = binding.key_display or screen.app.get_key_display(binding)
        if is_ours(binding):
            tip = f" — {binding.tooltip}" if binding.tooltip else ""
            ours.setdefault(binding.action, (shown, f"{binding.description}{tip}"))
        else:
            row = (shown, description_of(binding))
            editing.setdefault(row, row)
    by_description = lambda row: row[1]
    return sorted(ours.values(), key=by_description), sorted(editing.values(), key=by_description)


def key_table(rows: list[tuple[str, str]]) -> Table:
    """Keys in a column as wide as the longest (never cut: "shift+home", not "hift+home"); the
    descriptions wrap beside them."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(ratio=1)
    for key, description in rows:
        table.add_row(key, description)
    return table


class HelpScreen(ModalScreen[None]):
    CSS_PATH = STYLES / "modals" / "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,q", "dismiss", "help.close", id="help.close")]

    def __init__(self, sections: tuple[list[tuple[str, str]], list[tuple[str, str]]]) -> None:
        super().__init__()
        localise_bindings(self)
        self.ours, self.editing = sections

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            yield Label(t("help.title"), id="form-title")
            with VerticalScroll(id="help-body"):
                yield Static(key_table(self.ours), id="help-keys")
                yield Static(t("help.saving"), id="help-saving")
                if self.editing:
                    yield Label(t("help.editing"), classes="help-section")
                    yield Static(key_table(self.editing), id="help-editing")
            yield Label(t("help.footer"), classes="help-footer")
