"""The tabs of each role, as a bottom bar on a phone or a rail at a desk, and the two panes of
a desk (a list beside its detail)."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from fieldapp.ui.strings import t

# bottom navigation per role (at most five); settings open from the gear on every tab's app bar
# (the sync screen opens from the sync strip on every screen when it is not a tab)
MANAGER_TABS = ("approvals", "cases", "ledger", "map", "customers")
TABS: dict[str, tuple[str, ...]] = {
    "rep": ("today", "customers", "map", "plans", "sync"),
    "area_manager": MANAGER_TABS,
    "manager": MANAGER_TABS,
    "dealer": ("deliveries", "orders", "account", "service", "sync"),
}
DEFAULT_TABS = ("customers", "sync")
TAB_ICONS = {
    "today": (ft.Icons.TODAY_OUTLINED, ft.Icons.TODAY),
    "customers": (ft.Icons.STOREFRONT_OUTLINED, ft.Icons.STOREFRONT),
    "map": (ft.Icons.MAP_OUTLINED, ft.Icons.MAP),
    "plans": (ft.Icons.EVENT_NOTE_OUTLINED, ft.Icons.EVENT_NOTE),
    "approvals": (ft.Icons.FACT_CHECK_OUTLINED, ft.Icons.FACT_CHECK),
    "ledger": (ft.Icons.ACCOUNT_BALANCE_OUTLINED, ft.Icons.ACCOUNT_BALANCE),
    "account": (ft.Icons.ACCOUNT_BALANCE_WALLET_OUTLINED, ft.Icons.ACCOUNT_BALANCE_WALLET),
    "deliveries": (ft.Icons.LOCAL_SHIPPING_OUTLINED, ft.Icons.LOCAL_SHIPPING),
    "service": (ft.Icons.SUPPORT_AGENT_OUTLINED, ft.Icons.SUPPORT_AGENT),
    "cases": (ft.Icons.ASSIGNMENT_LATE_OUTLINED, ft.Icons.ASSIGNMENT_LATE),
    "orders": (ft.Icons.RECEIPT_LONG_OUTLINED, ft.Icons.RECEIPT_LONG),
    "sync": (ft.Icons.CLOUD_SYNC_OUTLINED, ft.Icons.CLOUD_SYNC),
}


def rail(
    tabs: tuple[str, ...], current: str | None, lang: str, go: Callable[[str], None]
) -> ft.NavigationRail:
    """The tabs at a desk: a rail at the left, labels under the icons."""
    return ft.NavigationRail(
        selected_index=tabs.index(current) if current in tabs else 0,
        label_type=ft.NavigationRailLabelType.ALL,
        min_width=88,
        on_change=lambda e: go(tabs[e.control.selected_index]),
        destinations=[
            ft.NavigationRailDestination(
                icon=TAB_ICONS[n][0], selected_icon=TAB_ICONS[n][1], label=t(f"tab_{n}", lang)
            )
            for n in tabs
        ],
    )


def nav_bar(
    tabs: tuple[str, ...], current: str | None, lang: str, go: Callable[[str], None]
) -> ft.NavigationBar | None:
    """The tabs on a phone: a bar at the bottom of a tab's screen (none on other screens)."""
    if current is None:
        return None
    return ft.NavigationBar(
        selected_index=tabs.index(current) if current in tabs else 0,
        on_change=lambda e: go(tabs[e.control.selected_index]),
        destinations=[
            ft.NavigationBarDestination(
                icon=TAB_ICONS[n][0], selected_icon=TAB_ICONS[n][1], label=t(f"tab_{n}", lang)
            )
            for n in tabs
        ],
    )


def side_by_side(left: ft.Control, right: ft.Control) -> ft.Row:
    """Two panes filling the height, a line between them (the right one takes the rest)."""
    return ft.Row(
        expand=True,
        spacing=0,
        vertical_alignment=ft.CrossAxisAlignment.STRETCH,
        controls=[left, ft.VerticalDivider(width=1), right],
    )
