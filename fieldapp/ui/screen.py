"""The base of every screen (a title, app-bar actions, a body and an optional bottom bar), and
what a screen may ask of the shell around it (Host)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

import flet as ft

from fieldapp.ui.strings import t

if TYPE_CHECKING:
    import datetime as dt
    import threading

    from fieldapp.errors import FieldSalesError
    from fieldapp.services.phone import Phone
    from fieldapp.ui.config import AppConfig
    from fieldapp.ui.locate import Locator


class Host(Protocol):
    """The shell as screens see it (fieldapp.ui.shell.Shell): the page, the phone, navigation by
    route name (fieldapp.ui.routes), feedback, and the sync."""

    page: ft.Page
    config: AppConfig
    phone: Phone
    lang: str
    locator: Locator
    ui_lock: threading.RLock
    stack: list[Screen]
    closed: bool
    wide: bool  # a desk-size window (tables, a list beside its detail)

    def open(self, route: str, /, *, replace: bool = False, **args: Any) -> None:
        """Open the screen registered as route on top (or instead of the top one)."""

    def open_beside(self, screen: Screen, route: str, /, **args: Any) -> None:
        """Open a detail from a list screen: beside it at a desk (instead of the detail shown
        there), on top of it on a phone."""

    def pop(self, *, refresh: bool = True) -> None:
        """Close the top screen."""

    def refresh(self, screen: Screen | None = None) -> None:
        """Rebuild a screen's content."""

    def show_home(self, tab: str | None = None) -> None:
        """The root screen of a tab."""

    def show_signin(self) -> None:
        """The sign-in screen."""

    def tabs(self) -> tuple[str, ...]:
        """The signed-in user's tabs."""

    def set_language(self, lang: str) -> None:
        """Switch language everywhere."""

    def toast(self, text: str, *, error: bool = False) -> None:
        """A short message."""

    def fail(self, exc: FieldSalesError) -> None:
        """Say what went wrong."""

    def confirm(
        self, title: str, text: str, ok: str, on_ok: Callable[[], Any], *, danger: bool = False
    ) -> None:
        """Ask before doing something."""

    def close_dialog(self, dialog: ft.DialogControl) -> None:
        """Close this dialog."""

    def now(self) -> dt.datetime:
        """The phone's clock (UTC)."""

    def saved(self) -> None:
        """Something was written locally: sync soon."""

    def request_sync(self) -> None:
        """Start a sync off the UI thread."""


class Screen:
    """One screen of the app. Screens read and write through the phone's services only."""

    tab: str | None = None  # set on the root screen of a bottom-navigation tab
    refresh_on_sync = False  # rebuild when a sync brings new data (lists, not forms)
    shows_sync = False  # rebuild after every sync, even one that only uploaded (the sync screen)
    split = False  # a tab's list whose details open beside it at a desk (Shell.open_beside)

    def __init__(self, shell: Host) -> None:
        self.shell = shell
        self.view: ft.View | None = None  # built once, kept while the screen is on the stack
        self.stale = False  # the content must be rebuilt before it is shown again
        self.pane = False  # being drawn as the list pane beside its detail (narrower)
        self.beside = False  # a detail opened from a split list (Shell.open_beside)

    @property
    def lang(self) -> str:
        """The language the user picked."""
        return self.shell.lang

    @property
    def phone(self) -> Phone:
        """The phone's services."""
        return self.shell.phone

    def t(self, key: str, **values: Any) -> str:
        """A UI string in the current language, with {placeholders} filled."""
        text = t(key, self.lang)
        return text.format(**values) if values else text

    def title(self) -> str:
        """The app-bar title."""
        return t("app_title", self.lang)

    def actions(self) -> list[ft.Control]:
        """Buttons on the right of the app bar."""
        return []

    def body(self) -> ft.Control:
        """The screen's content (built again on refresh)."""
        raise NotImplementedError

    def bottom(self) -> ft.Control | None:
        """A bar pinned to the bottom (the big action of the screen), if any."""
        return None

    def fab(self) -> ft.FloatingActionButton | None:
        """The floating action button (within thumb reach), if any."""
        return None

    def on_shown(self) -> None:
        """Called after the screen became the top one (start a position fix, …)."""

    def refresh(self) -> None:
        """Rebuild this screen from the services."""
        self.shell.refresh(self)
