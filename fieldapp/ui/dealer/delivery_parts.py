"""What the delivery list and a delivery's screen share: a delivery's status label and colour."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fieldapp.ui.widgets import MUTED, STATUS_COLORS

OVERDUE, WAITING, DONE = (
    STATUS_COLORS["missed"],
    STATUS_COLORS["in_progress"],
    STATUS_COLORS["done"],
)


def state(d: dict[str, Any], t: Callable[[str], str]) -> tuple[str, str]:
    """The delivery's status label and colour."""
    if d["uploading"]:
        return t("dv_uploading"), WAITING
    if d["confirmed"]:
        case = d.get("case")
        if case and case.get("status") != "closed":
            return t("dv_case_open"), WAITING
        return t("dv_confirmed"), DONE
    if d["overdue"]:
        return t("dv_overdue"), OVERDUE
    if d["awaiting"]:
        return t("dv_awaiting"), WAITING
    return t("dv_history"), MUTED
