"""The ecomap's table of ties: agencies from the catalogue (F2 registers a local one), a 地域資源 of the
register, or a free label for an informal tie (近隣住民, 妹（県外）), and the household member the tie
attaches to."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from welfare_tui.records.kinds import TIE
from welfare_tui.views.fields import Field
from welfare_tui.views.item_specs import ITEM_FIELDS, form_field
from welfare_tui.views.modals.tie_form import TieForm
from welfare_tui.views.typed_app import welfare_app
from welfare_tui.views.widgets.item_table import ItemTable

FREE_LABEL = "free_label"


class TieTable(ItemTable):
    def __init__(
        self,
        parent_id: int,
        *,
        members: list[str],
        title: str,
        keys: str = "",
        preview: Callable[[dict[str, Any] | None], None] | None = None,
    ) -> None:
        super().__init__("tie", parent_id, title=title, keys=keys, id="items-tie")
        base = [field for field in ITEM_FIELDS["tie"]]
        base[0] = Field(base[0].name, base[0].label, "agency", width=base[0].width)  # or a free label
        member = Field("member", "ecomap.field.member", "select", options={m: m for m in members}, width=8)
        self.fields = self.columns = (*base, member)
        self.form_fields = (
            *self.fields,
            Field(FREE_LABEL, "ecomap.field.free_label", placeholder="ecomap.field.free_label.hint"),
            form_field(TIE.field("resource_id")),  # or a 地域資源: the tie is drawn to it
        )
        self.preview = preview

    @property
    def shows_resources(self) -> bool:
        return True  # the other end of a tie may be a 地域資源, shown by its name

    def _form(self, title: str, values: dict[str, Any], save: Any) -> TieForm:
        agency_ids = {agency.id for agency in welfare_app(self).agencies}
        values = dict(values)
        node = values.get("to_node")
        if node and node == values.get("resource_id"):
            values["to_node"] = None  # a tie to a resource: the resource picker holds it
        elif node and node not in agency_ids:
            values[FREE_LABEL] = node
            values["to_node"] = None
        editing = values.get("id")

        def normalised(raw: dict[str, Any]) -> dict[str, Any]:
            raw = dict(raw)
            free = str(raw.pop(FREE_LABEL, "") or "").strip()
            if free:
                raw["to_node"] = free
            if raw.get("resource_id"):
                # A tie that names a 地域資源 is drawn to it (ecomap/model.py): its far end is the resource.
                raw["to_node"] = raw["resource_id"]
            raw["member"] = raw.get("member") or ""
            return raw

        def preview(raw: dict[str, Any]) -> None:
            if self.preview is not None:
                self.preview({**normalised(raw), "id": editing})

        def closed() -> None:
            if self.preview is not None:
                self.preview(None)

        return TieForm(
            title,
            self.form_fields,
            values,
            save=lambda raw: bool(save(normalised(raw))),
            preview=preview,
            closed=closed,
        )
