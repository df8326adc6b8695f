"""Check boxes that say their state in the mark itself: ☑ checked, ☐ not.

Textual 8.2.8 draws every ToggleButton and SelectionList row as 「▐X▌」 whether checked or not and
tells the state by colour alone, unreadable in monochrome, on a projector or in the high-contrast
theme (the confidentiality checklist started unchecked with every row showing X). ☐ and ☑ are one
cell wide in every terminal (East Asian Width: neutral). Every check box of the app is one of these.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.widgets import Checkbox, SelectionList

CHECKED = "☑"
UNCHECKED = "☐"


def mark(checked: bool) -> str:
    return CHECKED if checked else UNCHECKED


class MarkedCheckbox(Checkbox):
    @property
    def _button(self) -> Content:
        # As ToggleButton._button (Textual's, private: the one place it draws the X), with the state's
        # mark inside instead of X.
        button_style = self.get_visual_style("toggle--button")
        side_style = Style(foreground=button_style.background, background=self.background_colors[1])
        return Content.assemble(
            (self.BUTTON_LEFT, side_style), (mark(self.value), button_style), (self.BUTTON_RIGHT, side_style)
        )


class MarkedSelectionList(SelectionList[int]):
    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) < 4 or segments[1].text != Checkbox.BUTTON_INNER:
            return strip  # not a row with a button
        _, scroll_y = self.scroll_offset
        selection = self.get_option_at_index(scroll_y + y)
        segments[1] = Segment(mark(selection.value in self._selected), segments[1].style)
        return Strip(segments, strip.cell_length)
