"""Every figure of `welfare-tui stats`, described once: its group, its key and how it is labelled.

A figure's key is what a report form names (`intakes.total`, `plans.created`, `closures.reason.moved`).
A group has fixed keys (totals, and figures of their own such as `plans.created`) and members: the keys
of a vocabulary after a prefix (`intakes.route.` + each key of `domain.INTAKE_ROUTE`), always listed,
zero or not, so every year's table has the same rows. An open group also lists members the database
holds beyond the vocabulary (a free issue tag, a municipality's own closure reason, each agency given a
role), after the vocabulary's, most frequent first.

`assemble(fiscal_year, counts, labels)` turns the counts storage aggregated (key → twelve monthly
counts, and a thirteenth, the year, for the `cases` kind) into `YearFigures`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from welfare_tui import domain
from welfare_tui.figures.model import Group, Series, YearFigures, fiscal_months
from welfare_tui.i18n import label, t


@dataclass(frozen=True)
class GroupSpec:
    key: str
    kind: str  # model.KINDS
    fixed: tuple[str, ...] = ()
    prefix: str = ""
    vocabulary: str = ""  # i18n vocabulary of the members' labels; "" when a member is its own label
    members: tuple[str, ...] = ()
    open: bool = False


GROUPS: tuple[GroupSpec, ...] = (
    GroupSpec(
        "intakes_route",
        "flow",
        ("intakes.total",),
        "intakes.route.",
        "intake_route",
        tuple(domain.INTAKE_ROUTE),
    ),
    GroupSpec(
        "intakes_outcome", "flow", (), "intakes.outcome.", "intake_outcome", tuple(domain.INTAKE_OUTCOME)
    ),
    GroupSpec("cases_stage", "stock", (), "cases.stage.", "case_status", tuple(domain.CASE_STATUS)),
    GroupSpec("cases_active", "cases", ("cases.active",)),
    GroupSpec(
        "meetings_type",
        "flow",
        ("meetings.total",),
        "meetings.type.",
        "meeting_type",
        tuple(domain.MEETING_TYPES),
        open=True,
    ),
    GroupSpec("plans", "flow", ("plans.created", "plans.revised")),
    GroupSpec("consents", "flow", ("consents.obtained", "consents.withdrawn")),
    GroupSpec(
        "closures",
        "flow",
        ("closures.total",),
        "closures.reason.",
        "closure_reason",
        tuple(key for key in domain.CLOSURE_REASON if key != "handover"),  # a hand-over is not an end
        open=True,
    ),
    GroupSpec("suspensions_handovers", "flow", ("suspensions.total", "handovers.total")),
    GroupSpec("links", "cases", ("links.outreach", "links.participation")),
    GroupSpec(
        "contacts",
        "flow",
        ("contacts.total", "contacts.met"),
        "contacts.mode.",
        "contact_mode",
        tuple(domain.CONTACT_MODE),
    ),
    GroupSpec("matches", "flow", (), "matches.", "match_state", tuple(domain.MATCH_STATE)),
    GroupSpec(
        "needs", "flow", ("needs.total",), "needs.sector.", "resource_sector", tuple(domain.RESOURCE_SECTOR)
    ),
    GroupSpec("tags", "cases", (), "tags.", "", tuple(domain.ISSUE_TAGS), open=True),
    GroupSpec("roles", "flow", ("roles.total",), "roles.agency.", "", (), open=True),
)
GROUPS_BY_KEY = {spec.key: spec for spec in GROUPS}


def kind_of_key(key: str) -> str | None:
    """The kind of the figure `key` (flow, stock, cases), or None for a key no figure has."""
    for spec in GROUPS:
        if key in spec.fixed:
            return spec.kind
        if spec.prefix and key.startswith(spec.prefix):
            member = key[len(spec.prefix) :]
            if member in spec.members or (spec.open and member):
                return spec.kind
    return None


def all_keys() -> list[str]:
    """Every key a year always shows (the open groups' extra members are the database's)."""
    return [key for spec in GROUPS for key in (*spec.fixed, *(spec.prefix + m for m in spec.members))]


def assemble(
    fiscal_year: int,
    counts: Mapping[str, Sequence[int]],
    labels: Mapping[str, str] | None = None,
    *,
    as_of: dt.date | None = None,
) -> YearFigures:
    """The year's figures from `counts` (key → twelve monthly counts, a thirteenth for the year where
    the months do not add up: the `cases` kind, and the `stock` kind for a year in progress). `labels`
    names members the vocabulary does not (agencies, free tags); a key missing from `counts` is zero.
    `as_of`: the day a year still in progress was counted on (None: a year ended)."""
    labels = labels or {}
    groups = tuple(
        Group(spec.key, t(f"figures.group.{spec.key}"), spec.kind, _series(spec, counts, labels))
        for spec in GROUPS
    )
    months = tuple(first for first, _ in fiscal_months(fiscal_year))
    return YearFigures(fiscal_year, months, groups, as_of=as_of)


def _series(
    spec: GroupSpec, counts: Mapping[str, Sequence[int]], labels: Mapping[str, str]
) -> tuple[Series, ...]:
    keys = [*spec.fixed, *(spec.prefix + member for member in spec.members)]
    if spec.open:
        known = set(keys)
        extra = [key for key in counts if key.startswith(spec.prefix) and key not in known]
        extra.sort(key=lambda key: (-_total(spec.kind, counts[key]), key))
        keys += extra
    return tuple(
        Series(
            key,
            _label(spec, key, labels),
            tuple(_months(counts.get(key))),
            _total(spec.kind, counts.get(key)),
        )
        for key in keys
    )


def _months(values: Sequence[int] | None) -> list[int]:
    return [int(value) for value in (values or ())[:12]] + [0] * (12 - len((values or ())[:12]))


def _total(kind: str, values: Sequence[int] | None) -> int:
    months = _months(values)
    if kind == "stock" and (values is None or len(values) <= 12):
        return months[-1]
    if kind in ("stock", "cases"):
        return int(values[12]) if values is not None and len(values) > 12 else 0
    return sum(months)


def _label(spec: GroupSpec, key: str, labels: Mapping[str, str]) -> str:
    if key in spec.fixed:
        return t(f"figures.key.{key}")
    member = key[len(spec.prefix) :]
    if key in labels:
        return labels[key]
    return label(spec.vocabulary, member) if spec.vocabulary else member
