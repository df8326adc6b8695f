"""Starting a meeting from the home screen (`m`): the form, then the meeting screen.

A meeting that needs consent the person has not given is refused by the repository; the rule module
says what to offer instead (`meeting_rules.fallback_after_refusal`: a 支援会議), and the dialog asks
whether to start it with the same date and place or go back to the form as it was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from welfare_tui import meeting_rules
from welfare_tui.i18n import language, t


class NewMeeting:
    """The dialogs of one new meeting for `case`; `opened(meeting_id)` shows the meeting created."""

    def __init__(self, app: Any, case: Any, agendas: list[Any], opened: Callable[[int], None]) -> None:
        self.app, self.case, self.opened = app, case, opened
        self.fields = _fields(agendas)
        self.first_values = {
            "agenda": meeting_rules.default_agenda([agenda.id for agenda in agendas]),
            "date": app.now().date().isoformat(),
        }

    def ask(self, values: dict[str, Any] | None = None) -> None:
        from welfare_tui.views.modals.item_form import ItemForm

        title = t("home.new_meeting_title", label=self.case.label)
        self.app.push_screen(ItemForm(title, self.fields, values or self.first_values), self.created)

    def created(self, values: dict[str, Any] | None) -> None:
        """The form was saved (None: cancelled): create the meeting, or offer the fallback."""
        from welfare_tui.agendas import get_agenda
        from welfare_tui.errors import RuleRefused
        from welfare_tui.storage import repo

        if values is None:
            return
        typed = dict(values)
        agenda = get_agenda(values.pop("agenda"))
        values["date"] = date.fromisoformat(values["date"])
        try:
            meeting = self.app.db.run(repo.create_meeting, case_id=self.case.id, agenda=agenda, **values)
        except RuleRefused as refusal:
            self.refused(refusal, agenda.meeting_type, values, typed)
            return
        except Exception as error:  # noqa: BLE001 - shown to the user, never raised into Textual
            self.app.report_error(error)
            return
        self.opened(meeting.id)

    def refused(
        self, refusal: Exception, meeting_type: str, values: dict[str, Any], typed: dict[str, Any]
    ) -> None:
        """No consent: say why and offer the fallback meeting with the same date and place."""
        from welfare_tui.views.modals.consent import NoConsentDialog

        fallback = meeting_rules.fallback_after_refusal(meeting_type)
        if fallback is None:
            self.app.report_error(refusal)  # refused for another reason than consent
            return
        self.app.push_screen(
            NoConsentDialog(self.case.label, meeting_type),
            lambda start: self.start(fallback, values) if start else self.ask(typed),
        )

    def start(self, meeting_type: str, values: dict[str, Any]) -> None:
        from welfare_tui.agendas import get_agenda
        from welfare_tui.errors import WelfareError
        from welfare_tui.storage import repo

        try:
            agenda = get_agenda(meeting_type)
        except WelfareError as error:
            self.app.notify(str(error), severity="error", timeout=10)
            return
        meeting = self.app.call_db(repo.create_meeting, case_id=self.case.id, agenda=agenda, **values)
        if meeting is not None:
            self.opened(meeting.id)


def _fields(agendas: list[Any]) -> tuple[Any, ...]:
    from welfare_tui.views.fields import Field

    return (
        Field(
            "agenda",
            "field.agenda",
            "select",
            options={a.id: a.title_for(language()) for a in agendas},
            required=True,
        ),
        Field("date", "field.date", "date", required=True),
        Field("start", "field.start_time", "time"),
        Field("place", "field.place"),
        Field("chair", "field.chair"),
        Field("recorder", "field.recorder"),
    )
