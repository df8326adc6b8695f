"""The command palette (Ctrl+K) in the user's language.

Textual 8.2.8's `CommandPalette` takes its placeholder as an argument but writes "No matches found"
as a literal inside `_start_no_matches_countdown` (textual/command.py), and `App.search_themes`
passes the literal "Search for themes…": both are English whatever the app's language. This subclass
is the narrowest place to say them in ours (upstream: the palette's texts should be settable like
its placeholder, e.g. a `no_matches` argument or class variable).
"""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, ProviderSource
from textual.widgets.option_list import Option

from welfare_tui.i18n import t


class LocalisedCommandPalette(CommandPalette):
    def __init__(
        self,
        providers: ProviderSource | None = None,
        *,
        placeholder: str | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(providers, placeholder=placeholder or t("palette.placeholder"), id=id)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """As Textual's, with the "no matches" line from our messages."""
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:  # searching for something: say that nothing matched
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(t("palette.no_matches"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:  # discovery mode: an empty list needs no comment
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
