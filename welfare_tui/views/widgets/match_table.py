"""参加支援 matches as a table: those of one case (the goals step, next to the plan's 参加支援) or of
one resource (the register screen). `a` proposes a resource to a household member (a case's table
only), `s` or Enter moves the highlighted match on: 利用開始, 定着, or 終了 with its reason. The states
move forward only; the repository's rule says why when one cannot (storage, `set_match_state`).
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from welfare_tui.i18n import label, t
from welfare_tui.records.kinds import MATCH
from welfare_tui.storage import repo
from welfare_tui.views.bindings import localise_bindings
from welfare_tui.views.fields import Field
from welfare_tui.views.item_specs import form_field
from welfare_tui.views.modals.item_form import ItemForm
from welfare_tui.views.typed_app import welfare_app

# The states a match may move to from each state (forward only; any → ended).
NEXT_STATES = {
    "proposed": ("started", "ended"),
    "started": ("settled", "ended"),
    "settled": ("ended",),
    "ended": (),
}
ADD_FIELDS = tuple(form_field(field) for field in MATCH.form_fields)


class MatchTable(DataTable[Text]):
    """Matches of a case (`case_id`) or of a resource (`resource_id`, changed with `show_resource`)."""

    DEFAULT_CSS = """
    MatchTable { height: auto; max-height: 10; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a,insert", "add_match", "match_tui.add", id="match_tui.add"),
        Binding("s", "move_on", "match_tui.move_on", id="match_tui.move_on"),
    ]

    def __init__(self, *, case_id: int | None = None, resource_id: str | None = None, id: str) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, id=id)
        localise_bindings(self)
        self.case_id = case_id
        self.resource_id = resource_id
        self.matches: list[dict[str, Any]] = []

    @property
    def columns_shown(self) -> tuple[tuple[str, int], ...]:
        first = ("resource", 18) if self.case_id is not None else ("case", 13)
        return (first, ("member", 8), ("state", 8), ("date", 10), ("reason", 14))

    def on_mount(self) -> None:
        for key, width in self.columns_shown:
            self.add_column(Text(t(f"match_tui.col.{key}")), width=width, key=key)
        self.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "add_match":
            return self.case_id is not None  # a match starts from a case
        return True

    def show_resource(self, resource_id: str | None) -> None:
        self.resource_id = resource_id
        self.reload()

    def reload(self, keep: int | None = None) -> None:
        if self.case_id is None and self.resource_id is None:
            rows: list[Any] | None = []
        else:
            rows = welfare_app(self).query_db(
                repo.list_matches, case_id=self.case_id, resource_id=self.resource_id
            )
        if rows is None:
            return
        self.matches = [dict(row) for row in rows]
        self.clear()
        for match in self.matches:
            first = match["resource_name"] if self.case_id is not None else match["case_code"]
            cells = (
                first,
                match["member"] or "",
                label("match_state", match["state"]),
                match["date"] or "",  # the date of the state it is at
                (match["end_reason"] or "").replace("\n", " "),
            )
            self.add_row(*map(Text, cells), key=str(match["id"]))
        index = next((i for i, match in enumerate(self.matches) if match["id"] == keep), 0)
        if self.matches:
            self.move_cursor(row=min(index, len(self.matches) - 1))

    def current(self) -> dict[str, Any] | None:
        if not self.matches or not 0 <= self.cursor_row < len(self.matches):
            return None
        return self.matches[self.cursor_row]

    def action_add_match(self) -> None:
        if self.case_id is None:
            return
        app = welfare_app(self)
        case_id = self.case_id

        def save(values: dict[str, Any]) -> bool:
            match = app.call_db(
                repo.add_match,
                case_id=case_id,
                resource_id=values["resource_id"],
                member=values["member"],
                date=values["proposed_date"],
                note=values["note"],
            )
            if match is None:
                return False
            self.reload(keep=dict(match)["id"])
            self.notify(t("match_tui.added"))
            return True

        from welfare_tui.minutes.markdown_sections import INDEX_RELATION  # 本人, as households write it

        defaults = {"proposed_date": app.now().date().isoformat(), "member": INDEX_RELATION}
        app.push_screen(ItemForm(t("match_tui.add_title"), ADD_FIELDS, defaults, save=save))

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_move_on()

    def action_move_on(self) -> None:
        match = self.current()
        if match is None:
            self.notify(t("match_tui.pick_first"), severity="warning")
            return
        states = NEXT_STATES.get(match["state"], ())
        if not states:
            self.notify(t("match_tui.ended_already"), severity="warning")
            return
        app = welfare_app(self)
        fields = (
            Field(
                "state",
                "match_tui.new_state",
                "select",
                options={state: label("match_state", state) for state in states},
                required=True,
            ),
            Field("date", "match_tui.state_date", "date", required=True),
            Field("reason", "match_tui.reason", placeholder="match_tui.reason.hint"),
        )

        def save(values: dict[str, Any]) -> bool:
            moved = app.call_db(
                repo.set_match_state,
                match_id=match["id"],
                state=values["state"],
                date=values["date"],
                reason=values["reason"],
                expected_version=match["version"],
            )
            if moved is None:
                self.reload(keep=match["id"])  # someone else may have moved it: show what is saved
                return False
            self.reload(keep=match["id"])
            return True

        title = t("match_tui.move_title", resource=match["resource_name"], member=match["member"] or "")
        defaults = {"state": states[0], "date": app.now().date().isoformat()}
        app.push_screen(ItemForm(title, fields, defaults, save=save), lambda _: self.refocus())

    def refocus(self) -> None:
        self.focus()
