"""The field that names a 地域資源 (a record-spec field of type `resource`: a 参加支援 match, a role):
a select of the register's active resources by name, loaded when the field is shown; a resource the
field already names stays offered after it was made inactive, so editing a row never loses it."""

from __future__ import annotations

from typing import Any

from textual.widgets import Select

from welfare_tui.views.typed_app import welfare_app


class ResourceSelect(Select[str]):
    """Holds a resource id (or nothing). Always blank-able as a widget: a form that requires a resource
    says so by its field (views/fields.check), so an empty register never breaks the form."""

    def __init__(self, value: str | None, *, prompt: str, id: str | None = None) -> None:
        super().__init__([], allow_blank=True, prompt=prompt, id=id)
        self.wanted = value or None

    def on_mount(self) -> None:
        from welfare_tui.storage import repo

        rows: list[dict[str, Any]] = welfare_app(self).query_db(repo.list_resources) or []
        options = [(row["name"], row["id"]) for row in rows if row["active"] or row["id"] == self.wanted]
        self.set_options(options)
        if self.wanted is not None and self.wanted in {key for _, key in options}:
            self.value = self.wanted
