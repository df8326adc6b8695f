"""The record spec (welfare_tui/records/) and what is derived from it.

(a) The tables and the spec agree: every field of a kind has a column of a compatible type and
nullability on its table, and every column that is not bookkeeping (id, version, position, parent
ids) is a field of the spec.
(b) "Add a field = one spec line + one migration + one message entry": a kind built in this test
from a spec goes through every derived piece — the import schema, the value checks, the document
checker and reader, the repository's converters and the form fields — and so does role assignments
with one field more (whose table, as its migration would make it, agrees with the spec).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
import sqlalchemy as sa

from welfare_tui import domain
from welfare_tui.errors import InvalidInput
from welfare_tui.i18n import all_messages
from welfare_tui.minutes.schema import item_model
from welfare_tui.records import kinds
from welfare_tui.records.spec import Field, Kind, checker
from welfare_tui.storage.document_check import check_rows, row_checks
from welfare_tui.storage.document_shape import item_keys
from welfare_tui.storage.documents import document_rows
from welfare_tui.storage.items import TABLES, stored_kind
from welfare_tui.storage.models import ContactLog, Resource, ResourceMatch, table_of

# The column type each type of the spec is stored in (Text and SQLModel's AutoString are Strings).
COLUMN_TYPES: dict[str, type[sa.types.TypeEngine[Any]]] = {
    "text": sa.String,
    "long_text": sa.String,
    "node": sa.String,
    "choice": sa.String,
    "agency": sa.String,
    "resource": sa.String,
    "date": sa.Date,
    "bool": sa.Boolean,
    "int": sa.Integer,
}
BOOKKEEPING = {"id", "uid", "version", "position", "case_id", "meeting_id"}
# The tables of the kinds of between meetings (revision 0009), which have their own repository modules.
BETWEEN_TABLES: dict[str, type[Any]] = {"contact": ContactLog, "resource": Resource, "match": ResourceMatch}


def may_be_empty(field: Field) -> bool:
    """Whether a field is stored as nothing when empty: a date, an agency or a resource that is not
    required, and a number whose default is nothing (records/spec.checker)."""
    if field.type in ("date", "agency", "resource"):
        return not field.required
    return field.type == "int" and field.default is None


def disagreements(kind: Kind, table: sa.Table) -> list[str]:
    """What a table and the spec of its kind disagree on (empty when they agree)."""
    found = []
    for field in kind.fields:
        if field.name not in table.c:
            found.append(f"{kind.name}.{field.name}: no column")
            continue
        column = table.c[field.name]
        stored = column.type.impl_instance if isinstance(column.type, sa.TypeDecorator) else column.type
        if not isinstance(stored, COLUMN_TYPES[field.type]):
            found.append(f"{kind.name}.{field.name}: column of type {column.type!r}")
        if column.nullable != may_be_empty(field):
            found.append(f"{kind.name}.{field.name}: nullable is {column.nullable}")
        for kind_of_id in ("agency", "resource"):
            if field.type == kind_of_id and not any(
                key.column.table.name == kind_of_id for key in column.foreign_keys
            ):
                found.append(f"{kind.name}.{field.name}: no foreign key to {kind_of_id}")
        default = column.default.arg if column.default is not None and column.default.is_scalar else None
        if field.type == "choice" and default is not None and default not in field.options:
            found.append(f"{kind.name}.{field.name}: column default {default!r} not a choice")
    described = {field.name for field in kind.fields} | BOOKKEEPING | set(kind.derived)
    found += [
        f"{kind.name}: column {column.key} not in the spec"
        for column in table.c
        if column.key not in described
    ]
    if kind.parent and kind.parent not in table.c:
        found.append(f"{kind.name}: no parent column {kind.parent}")
    return found


@pytest.mark.parametrize("name", list(kinds.ITEM_KINDS))
def test_every_table_agrees_with_the_spec(name: str) -> None:
    assert disagreements(kinds.ITEM_KINDS[name], table_of(TABLES[name])) == []


@pytest.mark.parametrize("name", list(kinds.BETWEEN_KINDS))
def test_every_table_between_meetings_agrees_with_the_spec(name: str) -> None:
    assert disagreements(kinds.BETWEEN_KINDS[name], table_of(BETWEEN_TABLES[name])) == []


def test_every_kind_of_row_has_a_table_and_every_label_a_message() -> None:
    assert set(TABLES) == set(kinds.ITEM_KINDS)
    assert set(BETWEEN_TABLES) == set(kinds.BETWEEN_KINDS)
    messages = all_messages()
    for kind in (*kinds.ITEM_KINDS.values(), *kinds.BETWEEN_KINDS.values()):
        for field in kind.fields:
            assert field.label in messages, field.label
            assert not field.hint or field.hint in messages, field.hint
            if field.type == "choice":
                assert field.options == tuple(getattr(domain, _vocabulary(field.vocab)))
        assert set(kind.form) <= set(kind.names)
        assert set(kind.columns) <= set(kind.names)
        for name, value in kind.starts_with.items():
            field = kind.field(name)
            assert field.type != "choice" or value in field.options


def _vocabulary(name: str) -> str:
    """The name in welfare_tui.domain of a vocabulary as i18n.vocabulary names it."""
    from welfare_tui.i18n.messages.domain import JAPANESE

    return next(key for key, value in vars(domain).items() if value is JAPANESE[name])


# --- (b) a kind built from a spec goes through every derived piece ----------------------------------

REFERRAL = Kind(
    "referral",
    "meeting_id",
    (
        Field("to_agency", "agency", "field.agency", key="to", default=None),
        Field("reason", "long_text", "field.text", form_required=True, width=30),
        Field("sent", "date", "field.due", default=None),
        Field("urgent", "bool", "field.stressful", default=False),
        Field("priority", "int", "field.priority", default=0, bounds="priority"),
        Field(
            "status",
            "choice",
            "field.status",
            vocab="role_status",
            options=tuple(domain.ROLE_STATUS),
            default="open",
        ),
        Field("contact", "text", "field.person", personal="staff"),
    ),
    path="referrals",
    model="Referral",
    form=("reason", "to_agency", "status"),
)
GOOD = {
    "to": "houkatsu",
    "reason": "受診同行の依頼",
    "sent": "2026-11-02",
    "urgent": True,
    "priority": 3,
    "status": "done",
    "contact": "高橋",
}


class Row(tuple[Any, ...]):
    """A column row as the database returns it: values by position, their names in `_fields`."""

    _fields: tuple[str, ...] = ()


def known_agency(path: str, value: Any) -> str | None:
    if value in (None, ""):
        return None
    if value != "houkatsu":
        raise InvalidInput(f"{path}: unknown agency {value!r}")
    return str(value)


def test_a_new_kind_gets_its_import_schema() -> None:
    model = item_model(REFERRAL)
    assert model.__name__ == "Referral"
    assert model.model_validate(GOOD).model_dump(by_alias=True)["to"] == "houkatsu"
    schema = model.model_json_schema(by_alias=True)
    assert list(schema["properties"]) == [field.key for field in REFERRAL.fields]
    assert schema["properties"]["status"]["enum"] == list(domain.ROLE_STATUS)
    assert schema["properties"]["priority"]["maximum"] == domain.NUMBER_RANGE["priority"][1]
    for bad in ({**GOOD, "sent": "2026-02-30"}, {**GOOD, "status": "later"}, {**GOOD, "colour": "red"}):
        with pytest.raises(ValueError):
            model.model_validate(bad)


def test_a_new_kind_gets_its_value_checks() -> None:
    check = {field.name: checker(field) for field in REFERRAL.fields}
    assert check["sent"]("referrals[0].sent", "2026-11-02") == dt.date(2026, 11, 2)
    assert check["priority"]("p", 3) == 3
    with pytest.raises(InvalidInput, match="referrals\\[0\\].status"):
        check["status"]("referrals[0].status", "later")
    with pytest.raises(InvalidInput, match="p"):
        check["priority"]("p", 10_000)
    with pytest.raises(InvalidInput):
        check["urgent"]("u", "yes")


def test_a_new_kind_goes_through_the_document_checker_and_reader() -> None:
    [columns] = check_rows(row_checks(REFERRAL), [GOOD], known_agency)
    assert columns == {
        "to_agency": "houkatsu",
        "reason": "受診同行の依頼",
        "sent": dt.date(2026, 11, 2),
        "urgent": True,
        "priority": 3,
        "status": "done",
        "contact": "高橋",
    }
    with pytest.raises(InvalidInput, match=r"referrals\[1\]\.colour"):
        check_rows(row_checks(REFERRAL), [GOOD, {**GOOD, "colour": "red"}], known_agency)
    with pytest.raises(InvalidInput, match=r"referrals\[0\]\.to"):
        check_rows(row_checks(REFERRAL), [{**GOOD, "to": "nowhere"}], known_agency)
    # Read back from column rows as the database returns them: the same document row.
    stored = Row((1, 7, 0, *columns.values()))
    stored._fields = ("id", "meeting_id", "position", *columns)
    assert document_rows(item_keys(REFERRAL), [stored]) == [GOOD]


def test_a_new_kind_gets_its_repository_converters_and_form_fields() -> None:
    from welfare_tui.views.item_specs import form_field

    stored = stored_kind(REFERRAL, TABLES["role"])
    assert list(stored.fields) == list(REFERRAL.names)
    no_session: Any = None  # only agency fields ask the database
    assert stored.fields["sent"](no_session, "sent", "2026-11-02") == dt.date(2026, 11, 2)
    form = [form_field(field) for field in REFERRAL.form_fields]
    assert [(f.name, f.kind, f.required) for f in form] == [
        ("reason", "textarea", True),
        ("to_agency", "agency", False),
        ("status", "select", False),
    ]
    assert form[2].vocab == "role_status"


def test_adding_a_field_to_role_assignments_is_one_spec_line() -> None:
    """The spec line; the migration (here: the table with its column added); the message entry
    (`field.note` exists). Everything else follows."""
    from welfare_tui.views.item_specs import form_field

    role = dataclasses.replace(kinds.ROLE, fields=(*kinds.ROLE.fields, Field("place", "text", "field.note")))
    metadata = sa.MetaData()  # a copy of the schema, the new column added as its migration would
    for table in table_of(TABLES["role"]).metadata.sorted_tables:
        table.to_metadata(metadata)
    migrated = metadata.tables[table_of(TABLES["role"]).name]
    migrated.append_column(sa.Column("place", sa.String, nullable=False, server_default=""))
    assert disagreements(role, migrated) == []
    assert disagreements(role, table_of(TABLES["role"])) == ["role.place: no column"]
    row = {"task": "訪問", "agency": None, "person": "", "due": None, "status": "open", "place": "自宅"}
    assert "place" in item_model(role).model_json_schema()["properties"]
    [columns] = check_rows(row_checks(role), [row], known_agency)
    assert columns["place"] == "自宅"
    assert ("place", "place") in item_keys(role)
    assert "place" in stored_kind(role, TABLES["role"]).fields
    assert [field.name for field in map(form_field, role.form_fields)][-1] == "place"


# --- the kinds of the work between meetings (revision 0009) ------------------------------------------


def test_the_kinds_between_meetings_get_their_forms_and_value_checks() -> None:
    from welfare_tui.views.fields import check
    from welfare_tui.views.item_specs import ITEM_COLUMNS, ITEM_FIELDS, form_field

    match = [form_field(field) for field in kinds.MATCH.form_fields]
    assert [(f.name, f.kind, f.required) for f in match] == [
        ("resource_id", "resource", True),
        ("member", "text", False),
        ("proposed_date", "date", False),
        ("note", "textarea", False),
    ]
    capacity = form_field(kinds.RESOURCE.field("capacity"))
    assert check(capacity, "") == (None, None)  # unknown, not 0
    assert check(form_field(kinds.ASSESSMENT.field("priority")), "") == (0, None)
    assert [f.name for f in ITEM_FIELDS["role"]][-1] == "resource_id"  # the form asks for it last
    assert "resource_id" not in [f.name for f in ITEM_COLUMNS["role"]]  # the table keeps to 80 columns
    assert [f.name for f in ITEM_FIELDS["need"]] == ["category", "sector", "member", "text"]
    check_value = {field.name: checker(field) for field in kinds.CONTACT.fields}
    with pytest.raises(InvalidInput, match="case.contacts\\[0\\].date"):
        check_value["date"]("case.contacts[0].date", None)  # a contact's date is required
    assert checker(kinds.ROLE.field("resource_id"))("roles[0].resource", None) is None
    assert checker(kinds.ROLE.field("resource_id"))("roles[0].resource", "") is None
    with pytest.raises(InvalidInput, match="case.matches\\[0\\].resource"):
        checker(kinds.MATCH.field("resource_id"))("case.matches[0].resource", "")
    assert checker(kinds.RESOURCE.field("capacity"))("capacity", None) is None
    with pytest.raises(InvalidInput, match="capacity"):
        checker(kinds.RESOURCE.field("capacity"))("capacity", 100_001)
    assert [f.personal for f in kinds.CONTACT.fields if f.personal] == ["staff"]
    assert [f.name for f in kinds.RESOURCE.fields if f.personal] == ["contact"]
    assert list(kinds.ITEM_KINDS).index("need") == list(kinds.ITEM_KINDS).index("assessment") + 1


def test_the_kinds_between_meetings_get_their_import_schema() -> None:
    need = item_model(kinds.NEED).model_json_schema()
    assert need["properties"]["category"]["enum"] == list(domain.NEED_CATEGORY)
    assert need["properties"]["sector"]["enum"] == list(domain.RESOURCE_SECTOR)
    role = item_model(kinds.ROLE)
    assert role.model_validate({"task": "見学に同行", "resource": "kodomo_shokudo_aoba"}).model_dump()[
        "resource"
    ] == ("kodomo_shokudo_aoba")
    with pytest.raises(ValueError):
        role.model_validate({"task": "見学に同行", "resource": ""})
    contact = item_model(kinds.CONTACT).model_json_schema()
    assert list(contact["properties"]) == [field.key for field in kinds.CONTACT.fields]
    assert contact["properties"]["mode"]["enum"] == list(domain.CONTACT_MODE)
