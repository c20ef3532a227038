"""我的客户预警 on Today: the open warnings of the rep's customers (from the phone's store, so
offline too), overdue first, each with its one-sentence reason; a tap opens the warning, where the
rep adds investigation notes (resolving is the area manager's)."""

from __future__ import annotations

import flet as ft

from fieldapp.services.warnings import KINDS
from fieldapp.ui.screen import Screen
from fieldapp.ui.widgets import MUTED, heading, pill, severity_color

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
        w, name = i.warning, (i.customer or {}).get("name") or "—"
        kind = KINDS.get(w.get("kind") or "")
        kind_name = kind(screen.lang) if kind else str(w.get("kind"))
        pills: list[ft.Control] = []
        if i.overdue:
            pills.append(pill(screen.t("wd_overdue"), ft.Colors.RED_700, filled=True))
        rows.append(
            ft.Container(
                on_click=lambda e, wid=w["id"]: screen.shell.open("warning", warning_id=wid),
                tooltip=screen.t("wd_open_tip", customer=name, kind=kind_name),
                border=ft.Border.only(left=ft.BorderSide(4, severity_color(w.get("severity")))),
                padding=ft.Padding.only(left=10, top=4, bottom=4, right=4),
                content=ft.Column(
                    spacing=2,
                    controls=[
                        ft.Row(
                            spacing=6,
                            controls=[
                                ft.Text(
                                    f"{name} · {kind_name}",
                                    size=15,
                                    weight=ft.FontWeight.W_600,
                                    expand=True,
                                    max_lines=1,
                                    overflow=ft.TextOverflow.ELLIPSIS,
                                ),
                                *pills,
                            ],
                        ),
                        ft.Text(i.reason(screen.lang), size=13, color=MUTED, max_lines=2),
                    ],
                ),
            )
        )
    if len(items) > SHOWN:
        rows.append(ft.Text(screen.t("tw_more", n=len(items) - SHOWN), size=13, color=MUTED))
    return rows
