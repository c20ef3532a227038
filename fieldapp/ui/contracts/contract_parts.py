"""What the contract list and the contract screen share: a contract's status as a pill."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.ui.widgets import pill

STATUS_COLORS = {
    "draft": "#5F6B7A",
    "in_review": "#B26A00",
    "signed": "#1565C0",
    "effective": "#1B7F3B",
    "expired": "#8A8A8A",
    "terminated": "#B3261E",
}


def status_pill(screen: Any, status: str) -> ft.Control:
    """A contract's status as a coloured pill."""
    return pill(screen.t(f"ct_status_{status}"), STATUS_COLORS.get(status, "#5F6B7A"), filled=True)
