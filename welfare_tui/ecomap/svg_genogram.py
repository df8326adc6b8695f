"""The household in the middle of the SVG ecomap: a circle with its name and the genogram, the
members living together in a dotted frame (□ male, ○ female, ◇ unknown; doubled for the index person,
filled when deceased, ☆ for the key person) and the others in a row beneath."""

from __future__ import annotations

from welfare_tui.ecomap.model import Ecomap, Person
from welfare_tui.ecomap.svg_text import INK, fit_text, num, text_svg

CX, CY = 105.0, 122.0
CENTRE_R = 27.0
SPACING = 9.0  # mm between two members' symbols
ROW = 5  # members drawn per row


def centre_svg(ecomap: Ecomap) -> list[str]:
    parts = [
        (
            f'<g id="household"><circle cx="{num(CX)}" cy="{num(CY)}" r="{num(CENTRE_R)}" fill="#ffffff" '
            f'stroke="{INK}" stroke-width="1.1"/>'
        ),
        text_svg(CX, CY - CENTRE_R + 8, fit_text(ecomap.centre, 3.6, 40), 3.6, weight="bold"),
    ]
    together = [p for p in ecomap.members if p.cohabiting and not p.deceased]
    apart = [p for p in ecomap.members if not p.cohabiting or p.deceased]
    if together:
        width = SPACING * min(len(together), ROW)
        parts.append(
            f'<rect x="{num(CX - width / 2)}" y="{num(CY - 8.5)}" width="{num(width)}" height="14" rx="2" '
            f'fill="none" stroke="#757575" stroke-width="0.35" stroke-dasharray="1 0.8"/>'
        )
        parts += _row(together, CY - 3)
    if apart:
        parts += _row(apart, CY + 13)
    parts.append("</g>")
    return parts


def _row(people: list[Person], y: float) -> list[str]:
    people = people[:ROW]
    x0 = CX - SPACING * (len(people) - 1) / 2
    return [
        part for index, person in enumerate(people) for part in _person_svg(person, x0 + SPACING * index, y)
    ]


def _person_svg(person: Person, x: float, y: float) -> list[str]:
    fill = INK if person.deceased else "#ffffff"
    parts = [
        _symbol(person.sex, x, y, 5.0 - 2 * inset, fill if inset == 0 else "none")
        for inset in ((0.0, 0.9) if person.index_person else (0.0,))
    ]
    if person.age is not None and not person.deceased:
        parts.append(text_svg(x, y + 0.9, str(person.age), 2.3))
    if person.key_person:
        parts.append(text_svg(x + 3.4, y - 2.0, "☆", 2.6))
    parts.append(text_svg(x, y + 5.6, person.relation or person.name, 2.3))
    return parts


def _symbol(sex: str, x: float, y: float, s: float, fill: str) -> str:
    """A square (male), circle (female) or diamond (unknown) `s` mm across."""
    shape = {"male": "rect", "female": "circle"}.get(sex, "diamond")
    if shape == "rect":
        return (
            f'<rect x="{num(x - s / 2)}" y="{num(y - s / 2)}" width="{num(s)}" height="{num(s)}" '
            f'fill="{fill}" stroke="{INK}" stroke-width="0.45"/>'
        )
    if shape == "circle":
        return (
            f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(s / 2)}" fill="{fill}" '
            f'stroke="{INK}" stroke-width="0.45"/>'
        )
    h = s / 2
    return (
        f'<polygon points="{num(x)},{num(y - h)} {num(x + h)},{num(y)} {num(x)},{num(y + h)} '
        f'{num(x - h)},{num(y)}" fill="{fill}" stroke="{INK}" stroke-width="0.45"/>'
    )
