"""The ecomap as plain values: the household (a small genogram) in the centre, nodes around it, ties.

Built either from a meeting document (exports: no database needed) or from the rows the TUI edits
(`repo.list_items` dicts and `AgencyPublic` objects), so every picture -- terminal, SVG, Mermaid --
is drawn from the same model. Pure Python: storage and Textual are never imported here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

HOUSEHOLD = "household"
STRENGTHS = ("weak", "normal", "strong")
FLOWS = ("to_household", "from_household", "both", "none")
INFORMAL = "インフォーマル"

# Sector → colour (hex, readable on dark terminals and on white paper). Sectors outside the eight
# named in the issue share the colour of their nearest group; the sector is always printed as text too.
SECTOR_COLOURS: dict[str, str] = {
    "高齢": "#43a047",
    "障害": "#00acc1",
    "子ども": "#d81b60",
    "困窮": "#f9a825",
    "医療": "#e53935",
    "教育": "#1e88e5",
    "地域": "#7cb342",
    INFORMAL: "#8d6e63",
}
SECTOR_GROUP: dict[str, str] = {
    "保健": "医療",
    "地域福祉": "地域",
    "権利擁護": "地域",
    "就労": "困窮",
    "外国人": "地域",
    "生活環境": "地域",
    "安全": "地域",
    "法律": "困窮",
    "更生": "地域",
    "行政": "行政",
    "重層": "行政",
}
OTHER_COLOUR = "#78909c"
# On paper every sector of the catalogue has a colour of its own, named in the printed legend (the
# terminal keeps the eight groups above: a map of 80×24 has no room for a legend of nineteen).
PRINT_COLOURS: dict[str, str] = {
    **SECTOR_COLOURS,
    "保健": "#ff7043",
    "地域福祉": "#00897b",
    "権利擁護": "#5e35b1",
    "就労": "#3949ab",
    "外国人": "#8e24aa",
    "生活環境": "#827717",
    "安全": "#0d47a1",
    "法律": "#4e342e",
    "更生": "#6a1b9a",
    "行政": "#455a64",
    "重層": "#f06292",
}


# A 地域資源's sector (domain.RESOURCE_SECTOR) → the agency sector whose colour its node takes.
RESOURCE_SECTOR_GROUP: dict[str, str] = {
    "kaigo": "高齢",
    "shogai": "障害",
    "kodomo": "子ども",
    "konkyu": "困窮",
    "cross": "地域",
}


def sector_colour(sector: str) -> str:
    return SECTOR_COLOURS.get(sector) or SECTOR_COLOURS.get(SECTOR_GROUP.get(sector, ""), OTHER_COLOUR)


def print_colour(sector: str) -> str:
    """The colour of a sector on paper (SVG): one per sector, so the legend can name each."""
    return PRINT_COLOURS.get(sector, OTHER_COLOUR)


def sector_label(sector: str) -> str:
    """A sector as printed: the catalogue's sector names are stored in Japanese (they key the colours);
    in English the known ones are translated (message `sector.<key>`), others print as stored."""
    from welfare_tui.i18n import t
    from welfare_tui.i18n.messages.exports import SECTORS

    known = SECTORS.get(sector)
    return t(f"sector.{known[0]}") if known else sector


@dataclass(frozen=True)
class Person:
    """One household member as a genogram symbol."""

    relation: str
    name: str = ""
    sex: str = "unknown"
    age: int | None = None
    index_person: bool = False
    deceased: bool = False
    cohabiting: bool = True
    key_person: bool = False

    @property
    def symbol(self) -> str:
        """□ male, ○ female, ◇ unknown; doubled (▣ ◎ ◈) for the index person, filled when deceased."""
        shapes = {"male": "□▣■", "female": "○◎●"}.get(self.sex, "◇◈◆")
        return shapes[2] if self.deceased else shapes[1] if self.index_person else shapes[0]

    @property
    def short(self) -> str:
        """E.g. '▣本人53', '○母82☆', '■父✝'."""
        text = self.symbol + (self.relation or self.name or "?")
        if self.deceased:
            text += "✝"
        elif self.age is not None:
            text += str(self.age)
        return text + ("☆" if self.key_person else "")


@dataclass(frozen=True)
class Node:
    """Something the household is tied to: an agency from the catalogue, a 地域資源 of the register
    (`resource`: its sector key, domain.RESOURCE_SECTOR) or a free label (近隣住民)."""

    key: str
    name: str
    sector: str = INFORMAL
    formal: bool = False
    resource: str = ""

    @property
    def colour(self) -> str:
        return sector_colour(self.sector)

    @property
    def caption(self) -> str:
        """What kind of node it is, printed under its name: the sector, or 地域資源・<its sector>."""
        if self.resource:
            from welfare_tui.i18n import label, t

            return t("ecomap.resource_caption", sector=label("resource_sector", self.resource))
        return sector_label(self.sector)


@dataclass(frozen=True)
class Tie:
    """A tie between two ends; `near` is the household when one end is (flow is relative to it)."""

    near: str
    far: str
    strength: str = "normal"
    stressful: bool = False
    flow: str = "none"
    label: str = ""
    member: str = ""
    resource: str = ""  # the 地域資源 the tie is with (then also its far end)

    @property
    def key(self) -> tuple[str, str]:
        return (self.near, self.far)

    @property
    def caption(self) -> str:
        """The tie's words: label and, when it belongs to one member, that member: '月1回訪問（母）'."""
        if self.label and self.member:
            return f"{self.label}（{self.member}）"
        return self.label or (f"（{self.member}）" if self.member else "")

    @classmethod
    def of(cls, raw: Mapping[str, Any]) -> Tie:
        """From a document tie (`from`/`to`) or a repository row (`from_node`/`to_node`)."""
        near = _text(raw.get("from", raw.get("from_node"))) or HOUSEHOLD
        far = _text(raw.get("to", raw.get("to_node"))) or HOUSEHOLD
        if far == HOUSEHOLD and near != HOUSEHOLD:
            near, far = far, near  # written the other way round: turn it so `near` is the household
        resource = _text(raw.get("resource", raw.get("resource_id")))
        if resource and near != resource:
            far = resource  # a tie that names a resource is drawn to the resource
        strength = _text(raw.get("strength"))
        flow = _text(raw.get("flow"))
        return cls(
            near,
            far,
            strength if strength in STRENGTHS else "normal",
            bool(raw.get("stressful")),
            flow if flow in FLOWS else "none",
            _text(raw.get("label")),
            _text(raw.get("member")),
            resource,
        )


@dataclass(frozen=True)
class Ecomap:
    centre: str
    members: tuple[Person, ...] = ()
    nodes: tuple[Node, ...] = ()
    ties: tuple[Tie, ...] = ()
    title: str = ""
    extra_nodes: dict[str, Node] = field(default_factory=dict)
    # The register's resources this map may name (id → name, sector key): a tie of the previous
    # meeting to a resource that is gone now is still named by the resource's name.
    resources: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    def node(self, key: str) -> Node:
        for node in self.nodes:
            if node.key == key:
                return node
        if key in self.resources and key not in self.extra_nodes:
            return resource_node(key, self.resources)
        return self.extra_nodes.get(key) or Node(key, key)

    def name(self, key: str) -> str:
        return self.centre if key == HOUSEHOLD else self.node(key).name


def from_document(doc: Mapping[str, Any], *, ties: Sequence[Mapping[str, Any]] | None = None) -> Ecomap:
    """The ecomap of a meeting document (docs/architecture.md); `ties` overrides the document's own
    (used to draw the previous meeting's map with the same names)."""
    case = _mapping(doc.get("case"))
    meeting = _mapping(doc.get("meeting"))
    agencies = {str(key): _mapping(value) for key, value in _mapping(doc.get("agencies")).items()}
    raw_ties = ties if ties is not None else _list(_mapping(doc.get("ecomap")).get("ties"))
    lookup = {
        key: (_text(a.get("short")) or _text(a.get("name")) or key, _text(a.get("sector")) or INFORMAL)
        for key, a in agencies.items()
    }
    resources = {
        str(key): (_text(_mapping(r).get("name")) or str(key), _text(_mapping(r).get("sector")))
        for key, r in _mapping(doc.get("resources")).items()
    }
    from welfare_tui.i18n import label, language, t

    type_key = _text(meeting.get("type"))
    type_label = _text(meeting.get("type_label"))
    if language() == "en" and label("meeting_type", type_key) != type_key:
        type_label = label("meeting_type", type_key)
    title = " ".join(
        part
        for part in (
            type_label,
            t("export.round", round=meeting["round"]) if meeting.get("round") else "",
            _text(meeting.get("date")),
        )
        if part
    )
    return build(
        _text(case.get("label")) or t("export.ecomap.household"),
        _list(case.get("household")),
        raw_ties,
        lookup,
        on=_text(meeting.get("date")),
        title=title,
        resources=resources,
    )


def from_items(
    centre: str,
    ties: Iterable[Mapping[str, Any]],
    members: Iterable[Mapping[str, Any]] = (),
    agencies: Iterable[Any] = (),
    *,
    on: date | str | None = None,
    title: str = "",
    resources: Iterable[Mapping[str, Any]] = (),
) -> Ecomap:
    """The ecomap of the rows the TUI edits: tie and member dicts, agencies with id/name/short/sector,
    resources (the register's rows) with id/name/sector."""
    lookup = {
        str(a.id): (getattr(a, "short", "") or a.name, getattr(a, "sector", "") or INFORMAL) for a in agencies
    }
    return build(
        centre,
        list(members),
        list(ties),
        lookup,
        on=on.isoformat() if isinstance(on, date) else (on or ""),
        title=title,
        resources={str(r["id"]): (_text(r.get("name")), _text(r.get("sector"))) for r in resources},
    )


def build(
    centre: str,
    members: Sequence[Any],
    raw_ties: Sequence[Any],
    agencies: Mapping[str, tuple[str, str]],
    *,
    on: str = "",
    title: str = "",
    resources: Mapping[str, tuple[str, str]] | None = None,
) -> Ecomap:
    """`resources`: resource id → (name, sector key) for the ties that name one."""
    ties = tuple(Tie.of(_mapping(raw)) for raw in raw_ties)
    nodes: dict[str, Node] = {}
    for tie in ties:
        if tie.resource and tie.resource not in nodes:
            nodes[tie.resource] = resource_node(tie.resource, resources or {})
        for key in (tie.near, tie.far):
            if key != HOUSEHOLD and key not in nodes:
                nodes[key] = node_for(key, agencies)
    people = tuple(person_of(_mapping(member), on) for member in members)
    return Ecomap(centre, people, tuple(nodes.values()), ties, title, resources=dict(resources or {}))


def node_for(key: str, agencies: Mapping[str, tuple[str, str]]) -> Node:
    if key in agencies:
        name, sector = agencies[key]
        return Node(key, name, sector, formal=True)
    return Node(key, key, INFORMAL, formal=False)


def resource_node(key: str, resources: Mapping[str, tuple[str, str]]) -> Node:
    """A 地域資源's node: its name (the id when the register is not at hand), coloured by its sector."""
    name, sector = resources.get(key, (key, ""))
    sector = sector if sector in RESOURCE_SECTOR_GROUP else "cross"
    return Node(key, name or key, RESOURCE_SECTOR_GROUP[sector], formal=True, resource=sector)


def person_of(raw: Mapping[str, Any], on: str) -> Person:
    return Person(
        _text(raw.get("relation")),
        _text(raw.get("name")),
        _text(raw.get("sex")) or "unknown",
        age_on(_text(raw.get("birth_date")), on),
        bool(raw.get("index_person")),
        bool(raw.get("deceased")),
        bool(raw.get("cohabiting", True)),
        bool(raw.get("key_person")),
    )


def age_on(birth: str, on: str) -> int | None:
    if not birth or not on:
        return None  # never "today": the same document must always give the same picture
    try:
        born, day = date.fromisoformat(birth), date.fromisoformat(on)
    except ValueError:
        return None
    age = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    return age if age >= 0 else None


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []
