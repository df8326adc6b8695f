"""The running app as a `WelfareApp`, for the views.

Textual types `widget.app` as `App[Any]`, so a call of our own app's methods (`query_db`, `try_db`,
`now`, `settings`, `agency_names`...) would need an ignore that also hides a misspelt name or a wrong
argument. `welfare_app(node)` returns the same object typed, checked once at run time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message_pump import MessagePump

if TYPE_CHECKING:  # views/app.py imports the screens, which import this module
    from welfare_tui.views.app import WelfareApp


def welfare_app(node: MessagePump) -> WelfareApp:
    """The app `node` runs in; a TypeError if that is not a WelfareApp (a view mounted elsewhere)."""
    from welfare_tui.views.app import WelfareApp

    app = node.app
    if not isinstance(app, WelfareApp):
        raise TypeError(f"{type(node).__name__} runs in {type(app).__name__}, not in WelfareApp")
    return app
