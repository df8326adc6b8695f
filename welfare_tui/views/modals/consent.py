"""A meeting that needs consent (重層的支援会議, 支援調整会議) was refused for lack of it: say why and offer
the statutory 支援会議 beside it instead (meeting_rules.consent_fallback).

Returns True to start that 支援会議 with the same date and place, False to go back to the form.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from welfare_tui import domain, meeting_rules
from welfare_tui.i18n import pick, t
from welfare_tui.views import STYLES
from welfare_tui.views.bindings import localise_bindings


class NoConsentDialog(ModalScreen[bool]):
    CSS_PATH = STYLES / "modals" / "dialogs.tcss"
    DEFAULT_CSS = """
    NoConsentDialog { align: center middle; }
    NoConsentDialog #no-consent-body { margin-bottom: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "trust_tui.start_shien_kaigi", id="trust_tui.start_shien_kaigi"),
        Binding("n,escape", "answer(False)", "trust_tui.back_to_form", id="trust_tui.back_to_form"),
    ]

    def __init__(self, case_label: str, meeting_type: str) -> None:
        super().__init__()
        localise_bindings(self)
        self.case_label = case_label
        self.meeting_type = meeting_type

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Label(t("trust_tui.no_consent_title"), id="confirm-question")
            yield Static(self._reason(), id="no-consent-body", markup=False)
            with Horizontal(id="form-buttons"):
                yield Button(
                    t("trust_tui.start_shien_kaigi_button"), variant="primary", id="no-consent-shien"
                )
                yield Button(t("trust_tui.back_to_form_button"), id="no-consent-back")

    def _reason(self) -> str:
        kind = domain.MEETING_TYPES[self.meeting_type]
        fallback = domain.MEETING_TYPES[meeting_rules.consent_fallback(self.meeting_type)]
        return t(
            "trust_tui.no_consent_body",
            case=self.case_label,
            type=pick(kind.label, kind.label_en),
            fallback=pick(fallback.label, fallback.label_en),
            basis=t(f"export.legal_basis.{fallback.key}"),
        )

    def on_mount(self) -> None:
        self.query_one("#no-consent-shien", Button).focus()

    @on(Button.Pressed, "#no-consent-shien")
    def _start(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no-consent-back")
    def _back(self) -> None:
        self.dismiss(False)

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
