"""Agencies: the catalogue seeded by the first migration and a municipality's own (local) agencies."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from sqlmodel import Session, col, select

from welfare_tui import domain
from welfare_tui.catalogue import CATALOGUE
from welfare_tui.errors import InvalidInput, NotFound
from welfare_tui.i18n import t
from welfare_tui.records import values as v
from welfare_tui.storage.models import Agency, AgencyPublic

_CATALOGUE_ORDER = {agency.id: index for index, agency in enumerate(CATALOGUE)}
_AGENCY_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def list_agencies(session: Session) -> list[AgencyPublic]:
    """Catalogue agencies in catalogue order (the order of domain.md §6), then local ones by name."""
    agencies = session.exec(select(Agency)).all()
    ordered = sorted(
        agencies, key=lambda a: (a.id not in _CATALOGUE_ORDER, _CATALOGUE_ORDER.get(a.id, 0), a.name, a.id)
    )
    return [AgencyPublic.model_validate(agency) for agency in ordered]


def get_agency(session: Session, *, agency_id: str) -> AgencyPublic:
    agency = session.get(Agency, agency_id)
    if agency is None:
        raise NotFound(t("storage.no_agency_id", id=repr(agency_id)))
    return AgencyPublic.model_validate(agency)


def add_agency(
    session: Session,
    *,
    name: str,
    sector: str,
    short: str = "",
    name_en: str = "",
    agency_id: str | None = None,
    note: str = "",
    formal: bool = True,
) -> AgencyPublic:
    """Add a municipality's own agency (e.g. なかよし地域包括支援センター): `local` is always true."""
    name = v.text("name", name, required=True).strip()
    sector = v.choice("sector", sector, domain.SECTORS)
    if session.exec(select(Agency.id).where(Agency.name == name)).first() is not None:
        raise InvalidInput(t("storage.agency_name_taken", name=name))
    if agency_id is None:
        agency_id = _next_local_agency_id(session)
    else:
        agency_id = v.text("id", agency_id, required=True)
        if not _AGENCY_ID.match(agency_id):
            raise InvalidInput(t("storage.agency_id_form", id=repr(agency_id)))
        if session.get(Agency, agency_id) is not None:
            raise InvalidInput(t("storage.agency_id_taken", id=repr(agency_id)))
    agency = Agency(
        id=agency_id,
        name=name,
        short=v.text("short", short).strip(),
        name_en=v.text("name_en", name_en).strip(),
        sector=sector,
        formal=v.boolean("formal", formal),
        local=True,
        note=v.text("note", note),
    )
    session.add(agency)
    session.flush()
    return AgencyPublic.model_validate(agency)


def find_agency(session: Session, *, text: str) -> AgencyPublic | None:
    """The agency whose id, name or short name is `text` (in that order of preference)."""
    wanted = text.strip()
    if not wanted:
        return None
    agencies = list_agencies(session)
    tests: tuple[Callable[[AgencyPublic], bool], ...] = (
        lambda a: a.id == wanted.lower(),
        lambda a: a.name == wanted,
        lambda a: a.short == wanted,
    )
    for matches in tests:
        for agency in agencies:
            if matches(agency):
                return agency
    return None


def require_agency(session: Session, *, text: str) -> AgencyPublic:
    """Like `find_agency`, for a name the user typed (`--agency`): NotFound when there is none."""
    found = find_agency(session, text=text)
    if found is None:
        raise NotFound(t("storage.no_agency_named", text=repr(text)))
    return found


def _next_local_agency_id(session: Session) -> str:
    ids = session.exec(select(Agency.id).where(col(Agency.id).like("local-%"))).all()
    numbers = [int(i.removeprefix("local-")) for i in ids if i.removeprefix("local-").isdigit()]
    return f"local-{max(numbers, default=0) + 1}"


def agency_ref(session: Session, field: str, value: Any) -> str | None:
    """An agency id that exists, or None for "no agency"."""
    if value is None or value == "":
        return None
    agency_id = v.text(field, value)
    if session.get(Agency, agency_id) is None:
        raise InvalidInput(t("storage.field_no_agency_id", field=field, id=repr(agency_id)))
    return agency_id


def agency_refs(session: Session, field: str, value: Any) -> list[str]:
    """Agency ids from a list of ids, names or short names (each must name an agency)."""
    texts = v.tag_list(field, value)
    ids: list[str] = []
    for text in texts:
        agency = session.get(Agency, text) or find_agency(session, text=text)
        if agency is None:
            raise InvalidInput(t("storage.field_no_agency_named", field=field, text=repr(text)))
        if agency.id not in ids:
            ids.append(agency.id)
    return ids
