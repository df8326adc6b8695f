"""The Textual application: settings and storage injected, screens pushed, errors shown, never raised."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from textual.app import App
from textual.binding import Binding

from welfare_tui.config import Settings
from welfare_tui.errors import WelfareError, describe_driver_error
from welfare_tui.views.gateway import Gateway
from welfare_tui.views.screens.home import HomeScreen

T = TypeVar("T")


class WelfareApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "welfare_tui"
    # The sketch in product.md keeps Ctrl+P for "previous step"; the palette moves to Ctrl+K.
    COMMAND_PALETTE_BINDING = "ctrl+k"
    BINDINGS = [
        Binding("ctrl+q", "quit", "終了", id="app.quit", tooltip="welfare_tui を終了する"),
        Binding("ctrl+k", "command_palette", "コマンド", id="app.palette", priority=True,
                tooltip="すべての操作をコマンドパレットから選ぶ"),
    ]

    def __init__(self, settings: Settings, *, now: Callable[[], datetime] | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.db = Gateway(settings.db_url)
        self.now = now or datetime.now
        self.agencies: list[Any] = []
        self.agency_names: dict[str, str] = {}

    def on_mount(self) -> None:
        self.push_screen(HomeScreen())

    def on_unmount(self) -> None:
        self.db.close()

    # Storage ----------------------------------------------------------------------------------
    def ensure_open(self) -> bool:
        """Open the database and load the agency catalogue (safe to call from a worker thread)."""
        if self.db.is_open:
            return True
        from welfare_tui.storage import repo

        try:
            self.db.open()
            agencies = self.db.run(repo.list_agencies)
        except Exception as error:  # shown to the user, never raised into Textual
            self._report(error)
            return False
        self._set_agencies(agencies)
        return True

    def reload_agencies(self) -> None:
        """After a local agency was added: every picker shows it from now on."""
        from welfare_tui.storage import repo

        agencies = self.call_db(repo.list_agencies)
        if agencies is not None:
            self._set_agencies(agencies)

    def _set_agencies(self, agencies: list[Any]) -> None:
        self.agencies = agencies
        self.agency_names = {a.id: (a.short or a.name) for a in agencies}

    def call_db(self, function: Callable[..., T], /, **kwargs: Any) -> T | None:
        """Run a repository function; on failure tell the user why and return None."""
        try:
            return self.db.run(function, **kwargs)
        except Exception as error:
            self._report(error)
            return None

    def try_db(self, function: Callable[..., Any], /, **kwargs: Any) -> bool:
        """Run a repository function for its effect; True when it was saved."""
        try:
            self.db.run(function, **kwargs)
        except Exception as error:
            self._report(error)
            return False
        return True

    def _report(self, error: Exception) -> None:
        if isinstance(error, WelfareError):
            message = str(error)
        else:
            message = describe_driver_error(error) or f"予期しないエラー: {type(error).__name__}: {error}"
            self.log.error(repr(error))
        if threading.get_ident() == self._thread_id:
            self.notify(message, title="エラー", severity="error", timeout=10)
        else:
            self.call_from_thread(self.notify, message, title="エラー", severity="error", timeout=10)


def run_app(settings: Settings) -> None:
    WelfareApp(settings).run()
