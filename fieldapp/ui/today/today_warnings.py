"""我的客户预警 on Today: the open warnings of the rep's customers (from the phone's store, so
offline too), overdue first, each with its one-sentence reason; a tap opens the warning, where the
rep adds investigation notes (resolving is the area manager's)."""

from __future__ import annotations

import flet as ft

from fieldapp.ui.screen import Screen
from fieldapp.ui.warnings.warning_parts import kind_name, warning_tile
from fieldapp.ui.widgets import MUTED, heading

SHOWN = 8  # warnings on Today; each customer card has all of its own


def warnings_section(screen: Screen) -> list[ft.Control]:
    """The heading with the count (and how many are overdue), then the first SHOWN warnings."""
    items = screen.phone.customers.warning_worklist()
    if not items:
        return []
    late = sum(1 for i in items if i.overdue)
    title = screen.t("tw_heading", n=len(items))
    if late:
        title += " · " + screen.t("dk_overdue", n=late)
    rows: list[ft.Control] = [heading(title)]
    for i in items[:SHOWN]:
        name = (i.customer or {}).get("name") or "—"
        title = f"{name} · {kind_name(i.warning, screen.lang)}"
        tile = warning_tile(
            screen, i.warning, title, i.reason(screen.lang), customer=name, overdue=i.overdue
        )
        rows.append(tile)
    if len(items) > SHOWN:
        rows.append(ft.Text(screen.t("tw_more", n=len(items) - SHOWN), size=13, color=MUTED))
    return rows
