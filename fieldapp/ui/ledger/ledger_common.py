"""What the online ledger and contract screens share (besides fieldapp.ui.online.OnlineScreen):
amounts, percentages, figures, progress bars."""

from __future__ import annotations

from decimal import Decimal

import flet as ft

from fieldapp.services import formatting as fmt
from fieldapp.services.ledger import progress_fraction
from fieldapp.ui.widgets import MUTED, STATUS_COLORS

GOOD, BEHIND, BAD = STATUS_COLORS["done"], STATUS_COLORS["in_progress"], STATUS_COLORS["missed"]


def money(value: Decimal | None) -> str:
    """An amount, or a dash."""
    return "—" if value is None else fmt.money(value)


def pct(value: Decimal | None) -> str:
    """A percentage with one decimal, or a dash."""
    return "—" if value is None else f"{value:.1f}%"


def progress_color(value: Decimal | None) -> str:
    """Green from 100 %, amber from 80 %, red below."""
    if value is None:
        return MUTED
    return GOOD if value >= 100 else BEHIND if value >= 80 else BAD


def progress_bar(
    actual: Decimal | None, plan: Decimal | None, label: str, *, color: str | None = None
) -> ft.Control:
    """A thin bar of actual against plan (full at 100 %), coloured by progress unless given."""
    frac = progress_fraction(actual, plan)
    pc = None if frac is None or not plan else 100 * (actual or 0) / plan
    return ft.ProgressBar(
        value=frac or 0,
        color=color or progress_color(pc),
        bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST,
        bar_height=8,
        border_radius=4,
        semantics_label=label,
    )


def figure(label: str, value: str, *, color: str | None = None, size: int = 15) -> ft.Control:
    """A small caption above a number."""
    return ft.Column(
        spacing=0,
        controls=[
            ft.Text(label, size=12, color=MUTED),
            ft.Text(value, size=size, weight=ft.FontWeight.W_600, color=color),
        ],
    )


def figures(*items: ft.Control) -> ft.Control:
    """Figures side by side, wrapping on a narrow phone."""
    return ft.ResponsiveRow(run_spacing=6, controls=[ft.Container(col=4, content=i) for i in items])
