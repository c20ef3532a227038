"""The customer card's 预警阈值 action (managers only): opens the customer's warning thresholds.
Kept apart from the card so that other actions can be added beside it without touching it."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.ui.widgets import row_button


def manages_thresholds(screen: Any) -> bool:
    """Whether the signed-in user changes warning thresholds (managers: the server's rule)."""
    user = screen.phone.user
    return user is not None and user.role == "manager"


def threshold_action(screen: Any, customer_id: str, customer: dict[str, Any]) -> ft.Control | None:
    """A small 预警阈值 button for managers; None for everyone else."""
    if not manages_thresholds(screen):
        return None
    text = screen.t("th_open")
    return ft.Row(
        controls=[
            row_button(
                text,
                lambda e: screen.shell.open(
                    "customer_thresholds",
                    customer_id=customer_id,
                    name=customer.get("name") or "",
                    grade=customer.get("grade"),
                ),
                icon=ft.Icons.TUNE,
                tooltip=screen.t("th_open_tip"),
            )
        ]
    )


def number_text(value: Any) -> str:
    """A number as typed (no trailing .0), or a dash."""
    if value is None or value == "":
        return "—"
    try:
        f = float(value)
    except (TypeError, ValueError):
        return str(value)
    return str(int(f)) if f.is_integer() else str(value)
