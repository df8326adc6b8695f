"""The meeting screen: the agenda on the left, the current step on the right.

The current step is saved on every move, so leaving and reopening a meeting resumes where it was.
Time boxes: the time spent on a step is added to it when the step is left. The clocks are redrawn
when the step changes and, every CLOCK_SECONDS, only while no text field has focus: a repaint under
a Japanese input method makes its candidate window jump.
"""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import datetime
from pathlib import PurePath
from typing import Any, ClassVar

from rich.cells import cell_len
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from welfare_tui.errors import InvalidInput
from welfare_tui.i18n import label, language, pick, pick_list, t
from welfare_tui.storage import repo
from welfare_tui.views import STYLES
from welfare_tui.views.bindings import localise_bindings
from welfare_tui.views.steps import view_for
from welfare_tui.views.steps.base import StepStateChanged, StepView
from welfare_tui.views.typed_app import welfare_app
from welfare_tui.views.widgets.autosave_form import Saved
from welfare_tui.views.widgets.key_bar import KeyBar

SIDEBAR_CELLS = 19  # the narrowest sidebar's cells for mark, number and title
CLOCK_SECONDS = 15


def clip(text: str, cells: int) -> str:
    """Cut text to a number of terminal cells (Japanese characters take two)."""
    out = ""
    for char in text:
        if cell_len(out + char) > cells:
            return out[:-1] + "…" if cell_len(out) >= cells else out + "…"
        out += char
    return out


def step_mark(step: dict[str, Any], current: bool) -> str:
    if current:
        return "▶"
    if step.get("done"):
        return "✓"
    return "*" if step.get("required") else " "


class MeetingScreen(Screen[None]):
    CSS_PATH: ClassVar[list[str | PurePath]] = [STYLES / "screens" / "meeting.tcss", STYLES / "forms.tcss"]
    # Priority: these keys must work while a text field has focus (Input and TextArea bind Ctrl+E
    # to "end of line"; the End key still does that).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "next_step", "meeting.next", id="meeting.next", priority=True),
        Binding("ctrl+p", "previous_step", "meeting.previous", id="meeting.previous", priority=True),
        Binding("ctrl+t", "toggle_done", "meeting.toggle_done", id="meeting.toggle_done", priority=True),
        Binding("ctrl+g", "focus_agenda", "meeting.agenda_key", id="meeting.agenda_key", priority=True),
        Binding("ctrl+e", "export", "meeting.export", id="meeting.export", priority=True),
        Binding("escape", "leave", "meeting.leave", id="meeting.leave"),
        # The case's contact log: F4 from anywhere, v where no text field takes the letter. Last in the
        # key bar: at 80 columns it is the one a longer translation would cut, never Esc.
        Binding("f4", "contacts", "contacts_tui.meeting_key", id="contacts_tui.meeting_key", priority=True),
        Binding("v", "contacts_here", "contacts_tui.meeting_v", id="contacts_tui.meeting_v", show=False),
    ]

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        localise_bindings(self)
        self.meeting_id = meeting_id
        self.meeting: Any = None
        self.case: Any = None
        self.view: StepView | None = None
        self.step_started = datetime.now()

    def compose(self) -> ComposeResult:
        with Horizontal(id="meeting-title-bar"):
            yield Label("", id="meeting-title")
            yield Label("", id="meeting-clock")
        with Horizontal(id="meeting-body"):
            agenda = OptionList(id="agenda")
            agenda.border_title = t("meeting.agenda")
            yield agenda
            with Vertical(id="step-pane"):
                with Horizontal(id="step-header"):
                    yield Label("", id="step-title")
                    yield Label("", id="step-clock")
                    yield Label("", id="save-state")
                yield Static("", id="step-guide")
                yield Vertical(id="step-body")
        yield KeyBar()

    def on_mount(self) -> None:
        self.step_started = welfare_app(self).now()
        self.set_interval(CLOCK_SECONDS, self.tick)
        if not self.reload():
            self.app.pop_screen()
            return
        if self.meeting.status == "planned":
            welfare_app(self).try_db(repo.update_meeting, meeting_id=self.meeting_id, status="in_progress")
            self.reload()
        step_ids = [step["id"] for step in self.meeting.steps]
        current = self.meeting.current_step if self.meeting.current_step in step_ids else step_ids[0]
        self.show_step(current, save_position=False)

    def reload(self) -> bool:
        meeting = welfare_app(self).query_db(repo.get_meeting, meeting_id=self.meeting_id)
        if meeting is None:
            return False
        case = welfare_app(self).query_db(repo.get_case, case_id=meeting.case_id)
        if case is None:
            return False
        self.meeting, self.case = meeting, case
        return True

    def action_contacts(self) -> None:
        """The case's contact log; what is added there is recorded as this meeting's."""
        from welfare_tui.views.screens.contacts import open_contact_log

        open_contact_log(self, self.case, self.meeting_id)

    def action_contacts_here(self) -> None:  # v: its own line in the help (where it works)
        self.action_contacts()

    def attending_agencies(self) -> list[str]:
        """The agencies of this meeting's attendees, in their order: agency pickers list them first."""
        rows = welfare_app(self).query_db(repo.list_items, kind="attendee", parent_id=self.meeting_id) or []
        return list(dict.fromkeys(row["agency_id"] for row in rows if row.get("agency_id")))

    # Drawing ----------------------------------------------------------------------------------
    def _refresh_agenda(self) -> None:
        agenda = self.query_one("#agenda", OptionList)
        highlighted = agenda.highlighted
        agenda.clear_options()
        # The sidebar widens with the terminal (meeting.tcss): titles are cut to the width it has.
        cells = max(SIDEBAR_CELLS, agenda.scrollable_content_region.width - 4)
        for number, step in enumerate(self.meeting.steps, start=1):
            mark = step_mark(step, step["id"] == self.meeting.current_step)
            title = pick(step["title"], step.get("title_en", ""))
            over = self._seconds(step) > int(step.get("minutes") or 0) * 60
            # Overrun is said with a mark as well as a colour (readable in monochrome and high contrast).
            prompt = escape(f"{mark}{number:>2} {clip(title, cells - (5 if over else 4))}")
            agenda.add_option(
                Option(f"[$text-warning]{prompt}[b]![/b][/]" if over else prompt, id=step["id"])
            )
        index = self._index(self.meeting.current_step)
        agenda.highlighted = index if highlighted is None or not agenda.has_focus else highlighted

    def on_resize(self) -> None:
        if self.meeting is not None:
            self.call_after_refresh(self._refresh_agenda)  # once the sidebar has its new width

    def _refresh_header(self, step: dict[str, Any]) -> None:
        meeting = self.meeting
        self.query_one("#meeting-title", Label).update(
            t(
                "meeting.title",
                type=label("meeting_type", meeting.type),
                round=meeting.round,
                label=self.case.label,
                code=self.case.code,
            )
        )
        self._refresh_clocks(step)
        number = self._index(step["id"]) + 1
        done = t("meeting.done") if step.get("done") else ""
        required = t("meeting.required") if step.get("required") else ""
        title = pick(step["title"], step.get("title_en", ""))
        self.query_one("#step-title", Label).update(
            t("meeting.step_title", number=number, title=title) + required + done
        )
        guide = (
            pick_list(step.get("guide"), step.get("guide_en"))
            if step.get("guide")
            else self._template_guide(step["id"])
        )
        self.query_one("#step-guide", Static).update("\n".join(f"・{q}" for q in guide))
        self.query_one("#step-guide").display = bool(guide)

    def _seconds(self, step: dict[str, Any]) -> int:
        """Time spent on a step so far: what was recorded, plus the running stint on the current step."""
        spent = int(step.get("seconds") or 0)
        if step["id"] == self.meeting.current_step and self.meeting.status == "in_progress":
            spent += max(0, int((welfare_app(self).now() - self.step_started).total_seconds()))
        return spent

    def _refresh_clocks(self, step: dict[str, Any]) -> None:
        """Total meeting time against the plan (header), this step's time against its box."""
        total = sum(self._seconds(s) for s in self.meeting.steps) // 60
        planned = sum(int(s.get("minutes") or 0) for s in self.meeting.steps)
        self.query_one("#meeting-clock", Label).update(
            t(
                "meeting.clock",
                elapsed=f"{total // 60}:{total % 60:02d}",
                planned=f"{planned // 60}:{planned % 60:02d}",
            )
        )
        spent, box = self._seconds(step), int(step.get("minutes") or 0)
        over = spent > box * 60
        text = t("meeting.step_time", spent=spent // 60, box=box)
        if over:
            text += t("meeting.overrun", minutes=(spent - box * 60 + 59) // 60)
        clock = self.query_one("#step-clock", Label)
        clock.update(text)
        clock.set_class(over, "-overrun")

    def tick(self) -> None:
        """The periodic clock: skipped while a text field has focus (see the module docstring)."""
        if isinstance(self.app.focused, (Input, TextArea)) or self.app.screen is not self:
            return
        self._refresh_clocks(self._step(self.meeting.current_step))
        self._refresh_agenda()

    def record_time(self) -> None:
        """Add the running stint to the current step (when leaving it, the screen or the app)."""
        now = welfare_app(self).now()
        seconds = int((now - self.step_started).total_seconds())
        self.step_started = now
        # Only a meeting being held spends time: reading a finished one later adds nothing.
        if seconds > 0 and self.meeting is not None and self.meeting.status == "in_progress":
            welfare_app(self).try_db(
                repo.set_step_state,
                meeting_id=self.meeting_id,
                step_id=self.meeting.current_step,
                add_seconds=seconds,
            )

    def on_unmount(self) -> None:
        self.record_time()

    def _template_guide(self, step_id: str) -> list[str]:
        """Guide questions from the agenda template, for meetings imported without them."""
        from welfare_tui.agendas import get_agenda
        from welfare_tui.errors import WelfareError

        try:
            return list(get_agenda(self.meeting.agenda_id).step(step_id).guide_for(language()))
        except WelfareError:
            return []

    def _index(self, step_id: str) -> int:
        return next((i for i, s in enumerate(self.meeting.steps) if s["id"] == step_id), 0)

    def _step(self, step_id: str) -> dict[str, Any]:
        step: dict[str, Any] = self.meeting.steps[self._index(step_id)]
        return step

    # Moving between steps ---------------------------------------------------------------------
    def show_step(self, step_id: str, *, save_position: bool = True) -> None:
        if self.view is not None and not self.view.flush():
            self.notify(t("meeting.fix_first"), severity="warning")
            return
        try:
            view = view_for(self._step(step_id), self._index(step_id))
        except InvalidInput as error:  # a step kind this release has no view for: stay where we are
            welfare_app(self).report_error(error)
            return
        if save_position:
            self.record_time()
            if not welfare_app(self).try_db(
                repo.update_meeting, meeting_id=self.meeting_id, current_step=step_id
            ):
                return
        self.reload()
        self.meeting = self.meeting.model_copy(update={"current_step": step_id})
        step = self._step(step_id)
        body = self.query_one("#step-body", Vertical)
        body.remove_children()
        self.view = view(self.meeting, self.case, step)
        mounted = body.mount(self.view)
        self._refresh_agenda()
        self._refresh_header(step)
        self.query_one("#save-state", Label).update("")
        self.call_later(self._focus_when_mounted, mounted)

    async def _focus_when_mounted(self, mounted: Awaitable[None]) -> None:
        # A step view's widgets (a table inside an ItemTable, say) are mounted a few turns of the
        # message loop after the view itself: focus the first of them once they are all there.
        await mounted
        self.call_after_refresh(self._focus_step)

    def _focus_step(self) -> None:
        if self.view is None:
            return
        for widget in self.view.query("*"):
            if widget.focusable:
                widget.focus()
                return

    def _set_done(self, done: bool) -> bool:
        return welfare_app(self).try_db(
            repo.set_step_state,
            meeting_id=self.meeting_id,
            step_id=self.meeting.current_step,
            done=done,
        )

    def action_next_step(self) -> None:
        if self.view is not None and not self.view.flush():
            self.notify(t("meeting.fix_first"), severity="warning")
            return
        if not self._set_done(True):
            return
        index = self._index(self.meeting.current_step)
        if index + 1 < len(self.meeting.steps):
            self.show_step(self.meeting.steps[index + 1]["id"])
        else:
            self.reload()
            self._refresh_agenda()
            self._refresh_header(self._step(self.meeting.current_step))
            self.notify(t("meeting.last_step"))

    def action_previous_step(self) -> None:
        index = self._index(self.meeting.current_step)
        if index > 0:
            self.show_step(self.meeting.steps[index - 1]["id"])

    def action_toggle_done(self) -> None:
        step = self._step(self.meeting.current_step)
        if self._set_done(not step.get("done")):
            self.reload()
            self._refresh_agenda()
            self._refresh_header(self._step(self.meeting.current_step))

    def action_focus_agenda(self) -> None:
        self.query_one("#agenda").focus()

    @on(OptionList.OptionSelected, "#agenda")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        if event.option.id and event.option.id != self.meeting.current_step:
            self.show_step(event.option.id)

    @on(StepStateChanged)
    def _step_state_changed(self, event: StepStateChanged) -> None:
        if self.reload():
            self._refresh_agenda()
            self._refresh_header(self._step(self.meeting.current_step))

    @on(Saved)
    def _saved(self, event: Saved) -> None:
        self.query_one("#save-state", Label).update(
            t("meeting.saved", time=f"{welfare_app(self).now():%H:%M:%S}")
        )

    # Leaving and exporting ---------------------------------------------------------------------
    def action_leave(self) -> None:
        if self.view is not None and not self.view.flush():
            self.notify(t("meeting.fix_first"), severity="warning")
            return
        self.dismiss(None)

    def action_export(self) -> None:
        if self.view is not None:
            self.view.flush()
        self._export()

    @work(thread=True, exclusive=True, group="export")
    def _export(self) -> None:
        app = welfare_app(self)
        try:  # the export service of the command line (storage/exporting.py), Markdown and YAML
            paths = app.db.export_minutes(self.meeting_id, ("md", "yaml"), app.settings.export_path)
        except Exception as error:  # noqa: BLE001 - shown to the user, never raised into Textual
            app.report_error(error)
            return
        if paths:
            self.app.call_from_thread(
                self.notify, t("meeting.exported", paths="\n".join(str(p) for p in paths)), timeout=8
            )
