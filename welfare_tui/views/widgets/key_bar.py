"""The key hints at the bottom of a screen: one widget drawing one line, instead of Textual's `Footer`.

`Footer` mounts a widget per key and recomposes them all whenever the screen's bindings change (in
the meeting screen, on every focus move); each of those widgets costs a stylesheet pass, and the
home screen pays for them before its first frame. `KeyBar` draws the same line itself: each shown
binding of the screen as its key (highlighted, in the theme's `$footer-*` colours) followed by its
description, a disabled one dimmed, and repaints when the screen says its bindings changed.
Clicking a key presses it. When the line is too long for the terminal it first drops the padding
around the keys, then is cut at the last key that fits whole.
"""

from __future__ import annotations

from typing import Any, ClassVar, NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

from welfare_tui.views.bindings import description_of


class Hint(NamedTuple):
    key: str  # the key to press (what a click simulates)
    display: str  # how the key is written: "n", "^k", "esc"
    description: str
    enabled: bool
    tooltip: str


def screen_hints(screen: Screen[Any]) -> list[Hint]:
    """The bindings `Footer` would show, in its order: shown ones with a description, one per action."""
    hints: list[Hint] = []
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.show or binding.action in seen:
            continue
        seen.add(binding.action)
        hints.append(
            Hint(
                binding.key,
                screen.app.get_key_display(binding),
                description_of(binding),
                active.enabled,
                active.tooltip or binding.tooltip,
            )
        )
    return hints


class KeyBar(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description", "key-bar--hover"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        text-overflow: clip;
        .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .key-bar--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._hints: list[Hint] = []
        self._spans: list[tuple[int, int, Hint]] = []  # cells [start, end) of each drawn key
        self._hover: int | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        if screen is self.screen:
            self.refresh()

    def render(self) -> Text:
        self._hints = hints = screen_hints(self.screen)
        width = self.content_size.width or self.app.size.width
        # Footer's layout, " n 新規ケース ", or when that does not fit, "n 新規ケース ".
        parts = [(f" {hint.display} ", f"{hint.description} " if hint.description else "") for hint in hints]
        if sum(cell_len(key) + cell_len(text) for key, text in parts) > width:
            parts = [(hint.display, f" {hint.description} " if hint.description else " ") for hint in hints]
        key_style = self.get_component_rich_style("key-bar--key")
        text_style = self.get_component_rich_style("key-bar--description")
        line = Text(no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int, Hint]] = []
        start = 0
        for index, (hint, (key, text)) in enumerate(zip(hints, parts)):
            end = start + cell_len(key) + cell_len(text)
            if end > width and spans:
                break  # cut at the last key that fits whole (the first one is cropped instead)
            extra = Style(dim=True) if not hint.enabled else Style()
            if index == self._hover:
                extra += self.get_component_rich_style("key-bar--hover")
            line.append(key, key_style + extra)
            line.append(text, text_style + extra)
            spans.append((start, end, hint))
            start = end
        self._spans = spans
        line.stylize_before(self.rich_style)
        return line

    def _hint_at(self, x: int) -> tuple[int, Hint] | None:
        for index, (start, end, hint) in enumerate(self._spans):
            if start <= x < end:
                return index, hint
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        found = self._hint_at(event.x)
        index = found[0] if found else None
        if index != self._hover:
            self._hover = index
            self.tooltip = found[1].tooltip or None if found else None
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        found = self._hint_at(event.x)
        if found is None:
            return
        event.stop()
        if found[1].enabled:
            self.app.simulate_key(found[1].key)
        else:
            self.app.bell()
