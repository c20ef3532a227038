"""One module per screen; root_screen gives the first screen of a bottom-navigation tab."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fieldapp.ui.screen import Screen
    from fieldapp.ui.shell import Shell


def root_screen(shell: Shell, tab: str) -> Screen:
    """The screen a tab opens with."""
    from fieldapp.ui.screens.customers import CustomersScreen
    from fieldapp.ui.screens.settings import SettingsScreen
    from fieldapp.ui.screens.sync import SyncScreen
    from fieldapp.ui.screens.today import TodayScreen

    screens = {
        "today": TodayScreen,
        "customers": CustomersScreen,
        "sync": SyncScreen,
        "settings": SettingsScreen,
    }
    return screens[tab](shell)
