"""What the case lists and a case's screen share: a case's status pill and its row in a list."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from fieldapp.services.cases import FINISHED
from fieldapp.ui.widgets import MUTED, STATUS_COLORS, card, pill, severity_color


def status_pill(c: dict[str, Any], t: Callable[..., str]) -> ft.Control:
    """Uploading, overdue, or the status (green once finished)."""
    if c.get("uploading"):
        return pill(t("cs_uploading"), STATUS_COLORS["in_progress"])
    if c.get("overdue"):
        return pill(t("cs_overdue"), STATUS_COLORS["missed"], filled=True)
    done = c.get("status") in FINISHED
    color = STATUS_COLORS["done"] if done else STATUS_COLORS["in_progress"]
    return pill(t("case_status_" + str(c.get("status"))), color)


def case_row(
    c: dict[str, Any], t: Callable[..., str], on_open: Callable[[str], None], subtitle: str
) -> ft.Control:
    """A case in a list: kind and title, severity, status; tap to open it."""
    kind = t("case_kind_" + str(c.get("kind")))
    head: list[ft.Control] = [
        ft.Icon(ft.Icons.CIRCLE, size=10, color=severity_color(c.get("severity"))),
        ft.Text(
            c.get("title") or kind,  # a case's title starts with what it is (退货, 投诉：…)
            size=15,
            weight=ft.FontWeight.W_600,
            expand=True,
            max_lines=2,
            overflow=ft.TextOverflow.ELLIPSIS,
        ),
        status_pill(c, t),
    ]
    lines: list[ft.Control] = [ft.Row(spacing=6, controls=head)]
    sub = [ft.Text(subtitle, size=13, color=MUTED, expand=True)]
    if c.get("answered") and c.get("status") not in FINISHED:
        sub.append(pill(t("cs_answered"), STATUS_COLORS["done"]))
    lines.append(ft.Row(spacing=6, controls=sub))
    return ft.Container(
        on_click=lambda e: on_open(str(c["id"])),
        tooltip=t("cs_open", title=c.get("title") or kind),
        content=card(*lines),
    )


def customer_cases(screen: Any, customer_id: str) -> ft.Control | None:
    """A customer's open after-sales cases on its card (from the phone's store), each opening
    the case; None when it has none."""
    rows = [c for c in screen.phone.cases.cases(customer_id) if c["status"] not in FINISHED]
    if not rows:
        return None
    t = screen.t
    items = []
    for c in rows:
        items.append(
            ft.Container(
                on_click=lambda e, cid=str(c["id"]): screen.shell.open("case", case_id=cid),
                tooltip=t("cs_open", title=c.get("title") or ""),
                content=ft.Row(
                    spacing=8,
                    controls=[
                        ft.Icon(ft.Icons.CIRCLE, size=10, color=severity_color(c.get("severity"))),
                        ft.Text(
                            c.get("title") or t("case_kind_" + str(c["kind"])),
                            size=14,
                            expand=True,
                            max_lines=1,
                            overflow=ft.TextOverflow.ELLIPSIS,
                        ),
                        status_pill(c, t),
                    ],
                ),
            )
        )
    return card(*items, title=t("cs_customer_cases", n=len(rows)))
