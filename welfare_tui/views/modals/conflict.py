"""Someone else saved the same field first: show both values and let the user choose.

Returns "mine" (save again over theirs: an overwrite the user chose), "theirs" (put their value in
the field, write nothing) or None (decide later: the typed text stays in the field, unsaved).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from welfare_tui.i18n import t
from welfare_tui.views import STYLES
from welfare_tui.views.bindings import localise_bindings


class ConflictDialog(ModalScreen[str | None]):
    """`rows` holds (field title, their value, your value), values already as text to show."""

    CSS_PATH = STYLES / "modals" / "dialogs.tcss"
    DEFAULT_CSS = """
    ConflictDialog { align: center middle; }
    ConflictDialog .conflict-field { text-style: bold; margin-top: 1; }
    ConflictDialog .conflict-side { height: auto; }
    ConflictDialog .conflict-value {
        width: 1fr; height: auto; max-height: 8; border: round $secondary; padding: 0 1;
    }
    ConflictDialog #conflict-values { height: auto; max-height: 24; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k", "choose('mine')", "trust_tui.keep_mine", id="trust_tui.keep_mine"),
        Binding("t", "choose('theirs')", "trust_tui.take_theirs", id="trust_tui.take_theirs"),
        Binding("escape", "choose(None)", "trust_tui.decide_later", id="trust_tui.decide_later"),
    ]

    def __init__(self, rows: Sequence[tuple[str, str, str]]) -> None:
        super().__init__()
        localise_bindings(self)
        self.rows = list(rows)

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Label(t("trust.conflict_title"), id="confirm-question")
            yield Static(t("trust.conflict_body"))
            with VerticalScroll(id="conflict-values"):
                for number, (title, theirs, yours) in enumerate(self.rows):
                    yield Label(t("trust.conflict_field", field=title), classes="conflict-field")
                    with Horizontal(classes="conflict-side"):
                        theirs_box = Static(
                            theirs or t("trust_tui.empty"),
                            id=f"conflict-theirs-{number}",
                            classes="conflict-value",
                            markup=False,
                        )
                        theirs_box.border_title = t("trust.conflict_theirs")
                        yield theirs_box
                        yours_box = Static(
                            yours or t("trust_tui.empty"),
                            id=f"conflict-yours-{number}",
                            classes="conflict-value",
                            markup=False,
                        )
                        yours_box.border_title = t("trust.conflict_yours")
                        yield yours_box
            with Horizontal(id="form-buttons"):
                yield Button(t("trust_tui.take_theirs_button"), variant="primary", id="conflict-theirs")
                yield Button(t("trust_tui.keep_mine_button"), variant="warning", id="conflict-mine")

    def on_mount(self) -> None:
        # Taking theirs writes nothing, so it is the safe answer to a stray Enter.
        self.query_one("#conflict-theirs", Button).focus()

    @on(Button.Pressed, "#conflict-theirs")
    def _theirs(self) -> None:
        self.dismiss("theirs")

    @on(Button.Pressed, "#conflict-mine")
    def _mine(self) -> None:
        self.dismiss("mine")

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)
