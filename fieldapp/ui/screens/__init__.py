"""One module per screen; root_screen gives the first screen of a bottom-navigation tab."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fieldapp.ui.screen import Screen
    from fieldapp.ui.shell import Shell

# tab → (module under fieldapp.ui.screens, class); imported when the tab is first opened
ROOTS: dict[str, tuple[str, str]] = {
    "today": ("today", "TodayScreen"),
    "customers": ("customers", "CustomersScreen"),
    "map": ("map", "MapScreen"),
    "plans": ("plans", "PlansScreen"),
    "approvals": ("approvals", "ApprovalsScreen"),
    "ledger": ("ledger", "LedgerScreen"),
    "sync": ("sync", "SyncScreen"),
}


def root_screen(shell: Shell, tab: str) -> Screen:
    """The screen a tab opens with."""
    module, cls = ROOTS[tab]
    return getattr(importlib.import_module(f"fieldapp.ui.screens.{module}"), cls)(shell)
