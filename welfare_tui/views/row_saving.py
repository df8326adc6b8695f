"""Saving one row of a meeting or a case (an attendee, a role, a goal...) with optimistic locking.

Every save sends the version the row was read at and, for each field it changes, the value read
(storage/repo.py `update_item`), and only the fields the user changed: a dialog opened on a stale row
never reverts what another facilitator saved in the other fields. When the other facilitator changed
the same field, the conflict dialog (views/modals/conflict.py) shows both values: keep mine saves
again over theirs knowingly, take theirs keeps their value (and saves the user's other changes),
decide later leaves everything as typed and unsaved.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from welfare_tui.errors import Conflict
from welfare_tui.i18n import t
from welfare_tui.views.fields import Field, check, display

if TYPE_CHECKING:
    from welfare_tui.views.app import WelfareApp


def changed_values(
    fields: Sequence[Field], row: Mapping[str, Any], values: Mapping[str, Any]
) -> dict[str, Any]:
    """The values of a form that differ from the row it was opened on (both normalised by `check`)."""
    by_name = {field.name: field for field in fields}
    return {
        name: value
        for name, value in values.items()
        if name not in by_name or check(by_name[name], row.get(name))[0] != value
    }


class RowSaver:
    """Saves changes to one row read as `row` (a dict of `repo.list_items`, with its `version`).

    `update`, for a kind outside the generic item family (a contact of the case's log), is its own
    repository function, called as `update(session, values=, expected_version=, original=)`."""

    def __init__(
        self,
        app: WelfareApp,
        kind: str,
        row: dict[str, Any],
        fields: Sequence[Field],
        update: Callable[..., dict[str, Any]] | None = None,
    ) -> None:
        self.app = app
        self.kind = kind
        self.row = row  # as last read: the version and the originals of the next save
        self.fields = {field.name: field for field in fields}
        self.update = update

    def save(
        self, changes: dict[str, Any], on_decided: Callable[[dict[str, Any]], None]
    ) -> dict[str, Any] | None:
        """Write `changes`: the saved row, or None when it was not written (the app said why, or the
        conflict dialog is open: once the user has chosen, `on_decided` gets the row as then saved)."""
        from welfare_tui.storage import repo

        if not changes:
            return self.row
        original = {name: self.row.get(name) for name in changes}
        versioned = {"values": changes, "expected_version": self.row["version"], "original": original}
        try:
            if self.update is not None:
                saved = self.app.db.run(self.update, **versioned)
            else:
                saved = self.app.db.run(repo.update_item, kind=self.kind, item_id=self.row["id"], **versioned)
        except Conflict as conflict:
            if conflict.fields:
                self._ask(conflict.fields, changes, on_decided)
            else:  # nothing to choose between (a race, or the row changed under a delete): retry
                self.app.notify(str(conflict), severity="warning")
            return None
        except Exception as error:  # noqa: BLE001 - shown to the user, never raised into Textual
            self.app.report_error(error)
            return None
        self.row = saved
        return saved

    def _ask(
        self,
        disputed: dict[str, tuple[Any, Any]],
        changes: dict[str, Any],
        on_decided: Callable[[dict[str, Any]], None],
    ) -> None:
        from welfare_tui.views.modals.conflict import ConflictDialog

        rows = [
            (self._title(name), self._shown(name, theirs), self._shown(name, yours))
            for name, (yours, theirs) in disputed.items()
        ]

        def decided(choice: str | None) -> None:
            if choice is None:
                self.app.notify(t("locking.still_unsaved"), severity="warning")
                return
            # Either way their values are now what this user has seen.
            self.row = {**self.row, **{name: theirs for name, (_, theirs) in disputed.items()}}
            rest = changes if choice == "mine" else {k: v for k, v in changes.items() if k not in disputed}
            saved = self.save(rest, on_decided)
            if saved is not None:
                on_decided(saved)
                said = (
                    "trust_tui.kept_mine"
                    if choice == "mine"
                    else ("locking.took_theirs_saved_rest" if rest else "trust_tui.took_theirs")
                )
                self.app.notify(t(said))

        self.app.push_screen(ConflictDialog(rows), decided)

    def _title(self, name: str) -> str:
        field = self.fields.get(name)
        return field.title if field else name

    def _shown(self, name: str, value: Any) -> str:
        field = self.fields.get(name)
        if field is None:
            return "" if value is None else str(value)
        if field.kind in ("text", "textarea") and value is not None:
            return str(value)  # line breaks kept: the user compares the whole text
        return display(field, value, getattr(self.app, "agency_names", {}))
