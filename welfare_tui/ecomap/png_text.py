"""The picture's text (png.py), drawn glyph by glyph from bitmaps rasterised once a process.

Pillow has FreeType rasterise every glyph of a string each time the string is drawn, tens of
microseconds a glyph: an export of a thousand maps of some twenty-five labels each spent more time
there than on all the rest of the picture. A glyph's bitmap depends only on the font, its size and
the character, so each is rasterised once and kept (at most GLYPHS a font), as a text renderer's
glyph cache does; a string is its glyphs side by side at their advances (Japanese is set solid:
no kerning). A string that needs shaping — a combining mark, the variation selector of a 異体字,
a joiner — is drawn by Pillow whole, so it shows as Pillow would show it.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image, ImageDraw, ImageFont

GLYPHS = 4096
_SHAPED = frozenset(("Mn", "Mc", "Me", "Cf", "Cs"))  # marks, format characters (joiners, selectors)
Glyph = tuple["Image.Image | None", tuple[int, int], float]  # bitmap (None: blank), offset, advance


class GlyphFont:
    """A Pillow font with its glyphs' bitmaps kept; `length` and `draw` as Pillow's for a string."""

    def __init__(self, font: ImageFont.FreeTypeFont) -> None:
        self.font = font
        ascent, descent = font.getmetrics()
        self.middle = (ascent - descent) / 2  # from the middle of a line down to its baseline
        self.glyph = functools.lru_cache(maxsize=GLYPHS)(self._rasterise)

    def _rasterise(self, char: str) -> Glyph:
        from PIL import Image

        mask, offset = self.font.getmask2(char, "L", anchor="ls")  # offset from the pen on the baseline
        bitmap = Image.frombytes("L", mask.size, bytes(mask)) if mask.size[0] and mask.size[1] else None
        return bitmap, offset, self.font.getlength(char)

    def length(self, text: str) -> float:
        """The advance of `text` in pixels."""
        if _shaped(text):
            return self.font.getlength(text)
        return sum(self.glyph(char)[2] for char in text)

    def draw(self, draw: ImageDraw.ImageDraw, at: tuple[int, int], text: str, fill: int) -> None:
        """`text` centred on `at` (Pillow's anchor "mm": the middle of its advance and of its line)."""
        if _shaped(text):
            draw.text(at, text, fill=fill, font=self.font, anchor="mm")
            return
        glyphs = [self.glyph(char) for char in text]
        pen = at[0] - sum(advance for _bitmap, _offset, advance in glyphs) / 2
        baseline = at[1] + self.middle
        for bitmap, (dx, dy), advance in glyphs:
            if bitmap is not None:
                draw.bitmap((round(pen + dx), round(baseline + dy)), bitmap, fill=fill)
            pen += advance


def _shaped(text: str) -> bool:
    return not text.isascii() and any(unicodedata.category(char) in _SHAPED for char in text)
