"""The Textual application: settings and storage injected, screens pushed, errors shown, never raised."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial
from typing import Any, ClassVar, TypeVar, cast

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.theme import Theme

from welfare_tui.config import Settings
from welfare_tui.errors import WelfareError, describe_driver_error
from welfare_tui.i18n import set_language, t
from welfare_tui.redact import redact
from welfare_tui.views import STYLES
from welfare_tui.views.bindings import is_ours, localise_bindings
from welfare_tui.views.gateway import Gateway
from welfare_tui.views.names import agency_names
from welfare_tui.views.screens.home import HomeScreen
from welfare_tui.views.widgets import wide_text

wide_text.install()  # before any screen exists: wide characters are never dropped (see the module)

T = TypeVar("T")

# For projectors in bright rooms and for low vision: pure black and white, yellow focus, no dim greys.
HIGH_CONTRAST = Theme(
    name="welfare-high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    success="#00FF00",
    warning="#FFFF00",
    error="#FF5555",
    dark=True,
    variables={
        "text-muted": "#FFFFFF",
        "footer-key-foreground": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#FFFF00",
    },
)


class WelfareApp(App[None]):
    CSS_PATH = STYLES / "app.tcss"  # app-wide and home-screen rules; other screens load their own
    TITLE = "welfare_tui"
    # The sketch in product.md keeps Ctrl+P for "previous step"; the palette moves to Ctrl+K.
    COMMAND_PALETTE_BINDING = "ctrl+k"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "app.quit", id="app.quit", show=False),  # in the help screen (F1)
        Binding("ctrl+k", "command_palette", "app.palette", id="app.palette", priority=True),
        Binding("f1", "help", "help.key", id="help.key"),
    ]

    def __init__(self, settings: Settings, *, now: Callable[[], datetime] | None = None) -> None:
        set_language(settings.lang)
        super().__init__()
        localise_bindings(self)
        self.settings = settings
        self.db = Gateway(settings.db_url, user=lambda: settings.user_name)
        self.now = now or datetime.now
        # Set once the first frame is on the screen (Textual's Ready): workers that would compete with
        # drawing it for the interpreter (importing SQLAlchemy holds the GIL) wait for it.
        self.first_frame = threading.Event()
        # The thread the app is made and run on (run_app, run_test): report_error may be called from a
        # worker. Textual keeps the same in the private App._thread_id.
        self.ui_thread = threading.get_ident()
        self.agencies: list[Any] = []
        self.agency_names: dict[str, str] = {}
        self._agencies_loaded = False
        self.register_theme(HIGH_CONTRAST)
        if settings.theme:
            self.theme = HIGH_CONTRAST.name if settings.theme == "high-contrast" else settings.theme

    def get_default_screen(self) -> Screen[Any]:
        # The home screen is the bottom of the stack itself: pushing it over Textual's blank default
        # screen would lay out and paint two screens before the first frame.
        return HomeScreen()

    def on_ready(self) -> None:
        self.first_frame.set()

    def action_help(self) -> None:
        from welfare_tui.views.modals.help import HelpScreen, key_sections

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(key_sections(self.screen)))

    def action_command_palette(self) -> None:
        """Textual's palette with its texts in the user's language (views/widgets/palette.py)."""
        from welfare_tui.views.widgets.palette import LocalisedCommandPalette

        # Textual types the argument App[object]; App is invariant in its result type (ours is None).
        if self.use_command_palette and not LocalisedCommandPalette.is_open(cast("App[object]", self)):
            self.push_screen(LocalisedCommandPalette(id="--command-palette"))

    def search_themes(self) -> None:
        """As Textual's, with the placeholder in the user's language."""
        from textual.theme import ThemeProvider

        from welfare_tui.views.widgets.palette import LocalisedCommandPalette

        self.push_screen(
            LocalisedCommandPalette(providers=[ThemeProvider], placeholder=t("palette.theme.search"))
        )

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every key of this program on the current screen is also a command with the same words, plus
        theme and quit. Textual's own widget keys (cursor, scrolling, copy) are editing keys, not
        commands: F1 lists them; listed here they would flood the palette, some twice."""
        seen = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if (
                binding.system
                or not is_ours(binding)
                or not binding.description
                or binding.action in seen
                or not active.enabled
            ):
                continue
            seen.add(binding.action)
            yield SystemCommand(
                binding.description,
                binding.tooltip or binding.description,
                partial(self.call_later, self.run_action, binding.action, active.node),
            )
        yield SystemCommand(t("palette.theme"), t("palette.theme.tip"), self.action_change_theme)
        if "quit" not in seen:
            yield SystemCommand(t("app.quit"), t("palette.quit.tip"), self.action_quit)

    def on_unmount(self) -> None:
        self.db.close()

    # Storage ----------------------------------------------------------------------------------
    def open_storage(self) -> bool:
        """Open the database only, without the ORM (safe to call from a worker thread): enough for
        `read_db`, which the home screen uses to list cases as early as it can."""
        if self.db.is_open:
            return True
        try:
            self.db.open()
        except Exception as error:  # noqa: BLE001 - shown to the user, never raised into Textual
            self.report_error(error)
            return False
        return True

    def ensure_open(self) -> bool:
        """Open the database and load the agency catalogue (safe to call from a worker thread)."""
        if self.db.is_open and self._agencies_loaded:
            return True
        from welfare_tui.storage import repo

        try:
            if not self.db.is_open:
                self.db.open()
            agencies = self.db.query(repo.list_agencies)
        except Exception as error:  # noqa: BLE001 - shown to the user, never raised into Textual
            self.report_error(error)
            return False
        self._set_agencies(agencies)
        self._agencies_loaded = True
        return True

    def read_db(self, function: Callable[..., T], /, **kwargs: Any) -> T | None:
        """Run a `storage.listing` read on a plain connection; on failure tell the user why, None."""
        try:
            return self.db.read(function, **kwargs)
        except Exception as error:  # noqa: BLE001 - shown to the user, never raised into Textual
            self.report_error(error)
            return None

    def reload_agencies(self) -> None:
        """After a local agency was added: every picker shows it from now on."""
        from welfare_tui.storage import repo

        agencies = self.query_db(repo.list_agencies)
        if agencies is not None:
            self._set_agencies(agencies)

    def _set_agencies(self, agencies: list[Any]) -> None:
        self.agencies = agencies
        self.agency_names = agency_names(agencies)

    def call_db(self, function: Callable[..., T], /, **kwargs: Any) -> T | None:
        """Run a repository function that writes; on failure tell the user why and return None."""
        try:
            return self.db.run(function, **kwargs)
        except Exception as error:  # noqa: BLE001 - shown to the user, never raised into Textual
            self.report_error(error)
            return None

    def query_db(self, function: Callable[..., T], /, **kwargs: Any) -> T | None:
        """Run a repository function that only reads (no write lock); on failure tell the user why, None."""
        try:
            return self.db.query(function, **kwargs)
        except Exception as error:  # noqa: BLE001 - shown to the user, never raised into Textual
            self.report_error(error)
            return None

    def try_db(self, function: Callable[..., Any], /, **kwargs: Any) -> bool:
        """Run a repository function for its effect; True when it was saved."""
        try:
            self.db.run(function, **kwargs)
        except Exception as error:  # noqa: BLE001 - shown to the user, never raised into Textual
            self.report_error(error)
            return False
        return True

    def report_error(self, error: Exception) -> None:
        """Tell the user what went wrong, as a notification (from any thread); never raise it into Textual."""
        if isinstance(error, WelfareError):
            message = str(error)
        else:
            message = describe_driver_error(error) or t(
                "app.unexpected", error=f"{type(error).__name__}: {error}"
            )
            self.log.error(redact(repr(error)))
        message = redact(message)  # whatever the message quotes, never a password
        if threading.get_ident() == self.ui_thread:
            self.notify(message, title=t("common.error"), severity="error", timeout=10)
        else:
            self.call_from_thread(self.notify, message, title=t("common.error"), severity="error", timeout=10)


def run_app(settings: Settings) -> None:
    WelfareApp(settings).run()
