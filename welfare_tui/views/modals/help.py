"""The help screen (F1): every key that works where the user is, in words, plus how saving works."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from welfare_tui.i18n import t
from welfare_tui.views import STYLES
from welfare_tui.views.bindings import localise_bindings


def key_lines(screen: Screen) -> list[str]:
    """One line per active binding of `screen`: key, what it does and, when known, why."""
    lines = []
    for key, active in sorted(screen.active_bindings.items(), key=lambda item: item[1].binding.description):
        binding = active.binding
        if not binding.description or binding.system:
            continue
        shown = binding.key_display or screen.app.get_key_display(binding)
        tip = f" — {binding.tooltip}" if binding.tooltip else ""
        lines.append(f"[b]{shown:>10}[/b]  {binding.description}{tip}")
    return lines


class HelpScreen(ModalScreen[None]):
    CSS_PATH = STYLES / "modals" / "dialogs.tcss"
    BINDINGS = [Binding("escape,f1,q", "dismiss", "help.close", id="help.close")]

    def __init__(self, lines: list[str]) -> None:
        super().__init__()
        localise_bindings(self)
        self.lines = lines

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            yield Label(t("help.title"), id="form-title")
            with VerticalScroll(id="help-body"):
                yield Static("\n".join(self.lines), id="help-keys")
                yield Static(t("help.saving"), id="help-saving")
            yield Label(t("help.footer"), classes="help-footer")
