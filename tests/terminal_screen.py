"""What a real terminal would show: the app's output bytes applied to a grid of cells.

A Pilot app is headless and writes nothing; `TerminalScreen.attach(app, monkeypatch)` makes it write
its frames here instead. Like a terminal, a wide character takes two cells, and writing over either
half of one erases all of it: the rule that makes a wrongly cut or stale frame lose characters that
the app's own screenshot (always a fresh full render) still shows.
"""

from __future__ import annotations

import re

from rich.cells import cell_len

_ESCAPE = re.compile(
    r"\x1b\[([0-9;?<>=]*)([ -/]*[@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]"
)
_RIGHT_HALF = "\0"  # the cell covered by the right half of a wide character (removed by text())


class TerminalScreen:
    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.cells = [[" "] * width for _ in range(height)]
        self.x = self.y = 0

    @classmethod
    def attach(cls, app, monkeypatch) -> TerminalScreen:
        """Route the running app's output here (call inside `run_test`)."""
        screen = cls(*app.size)
        monkeypatch.setattr(type(app), "is_headless", property(lambda self: False))
        monkeypatch.setattr(app._driver, "write", screen.feed)
        app.screen.refresh()
        return screen

    def feed(self, data: str) -> None:
        position = 0
        for match in _ESCAPE.finditer(data):
            self._text(data[position : match.start()])
            if match.group(2) == "H":
                row, _, column = (match.group(1) or "1;1").partition(";")
                self.y, self.x = int(row or 1) - 1, int(column or 1) - 1
            position = match.end()
        self._text(data[position:])

    def _erase_wide(self, row: list[str], x: int) -> None:
        """Writing into cell x breaks a wide character that covers it: the terminal blanks it."""
        if row[x] == _RIGHT_HALF and x > 0:
            row[x - 1] = " "
        elif x + 1 < self.width and row[x + 1] == _RIGHT_HALF and cell_len(row[x]) == 2:
            row[x + 1] = " "

    def _text(self, text: str) -> None:
        for char in text:
            if char == "\n":
                self.y, self.x = self.y + 1, 0
                continue
            if char in "\r":
                self.x = 0
                continue
            width = cell_len(char)
            if not width or not (0 <= self.y < self.height) or self.x + width > self.width:
                self.x += width
                continue
            row = self.cells[self.y]
            for x in range(self.x, self.x + width):
                self._erase_wide(row, x)
            row[self.x] = char
            if width == 2:
                row[self.x + 1] = _RIGHT_HALF
            self.x += width

    def lines(self) -> list[str]:
        """One string per row, a cell per character (a wide character's right half as NUL)."""
        return ["".join(row) for row in self.cells]

    def region_text(self, region) -> list[str]:
        """The rows of a screen region as text (right halves removed, trailing spaces cut)."""
        return [
            line[region.x : region.right].replace(_RIGHT_HALF, "").rstrip()
            for line in self.lines()[region.y : region.bottom]
        ]

    def text(self) -> str:
        return "\n".join(self.lines()).replace(_RIGHT_HALF, "")
