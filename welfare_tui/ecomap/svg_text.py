"""The SVG ecomap's ink and text: colours, numbers rounded to 0.01 mm (so golden files stay stable),
`<text>` elements, and text cut to a width measured in terminal cells (a wide character counts two)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from rich.cells import cell_len

STRESS = "#d32f2f"
CHANGE = "#ffd54f"
INK = "#212121"


def num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def text_svg(
    x: float,
    y: float,
    text: str,
    size: float,
    *,
    anchor: str = "middle",
    weight: str = "normal",
    fill: str = INK,
    halo: bool = False,
    extra: str = "",
) -> str:
    halo_attrs = ' stroke="#ffffff" stroke-width="0.9" paint-order="stroke"' if halo else ""
    bold = ' font-weight="bold"' if weight == "bold" else ""
    return (
        f'<text x="{num(x)}" y="{num(y)}" font-size="{num(size)}" text-anchor="{anchor}"{bold} '
        f'fill="{fill}"{halo_attrs}{extra}>{escape(text)}</text>'
    )


def text_width(text: str, size: float) -> float:
    return cell_len(text) * size * 0.52


def fit_text(text: str, size: float, width: float) -> str:
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"
