"""The base of every screen: a title, app-bar actions, a body and an optional bottom bar."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import flet as ft

from fieldapp.ui.strings import t

if TYPE_CHECKING:
    from fieldapp.services.phone import Phone
    from fieldapp.ui.shell import Shell


class Screen:
    """One screen of the app. Screens read and write through the phone's services only."""

    tab: str | None = None  # set on the root screen of a bottom-navigation tab
    refresh_on_sync = False  # rebuild when a sync brings new data (lists, not forms)

    def __init__(self, shell: Shell) -> None:
        self.shell = shell
        self.view: ft.View | None = None  # built once, kept while the screen is on the stack
        self.stale = False  # the content must be rebuilt before it is shown again

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
