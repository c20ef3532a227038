"""分销目标与实际 in the dealer's "down the chain" view: this month's distribution targets per SKU
against the actual (the server's distribution_vs_target, which calls the one distribution
figure), met or missed with the gap; 设定目标 (area managers, managers) opens a form dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flet as ft

from fieldapp.ui.ledger.ledger_common import pct
from fieldapp.ui.online import OnlineSection
from fieldapp.ui.order_parts import run_step
from fieldapp.ui.widgets import MUTED, FormState, card, row_button
from fieldapp.ui.widgets.form_dialog import form_dialog

GOOD, BAD = "#2E7D32", "#C62828"


def target_section(screen: Any, dealer_id: str) -> ft.Control:
    """The section, filled online (a spinner, then the rows; offline the usual panel)."""
    svc = screen.phone.dist_targets
    month = svc.this_month()
    holder: dict[str, OnlineSection[Any]] = {}
    section: OnlineSection[Any] = OnlineSection(
        screen,
        lambda: svc.vs_target(dealer_id, month),
        lambda rows: _rows(screen, dealer_id, rows, lambda: holder["s"].load()),
        compact=True,
    )
    holder["s"] = section
    return section.control


def _rows(
    screen: Any, dealer_id: str, rows: list[dict[str, Any]], again: Callable[[], None]
) -> ft.Control:
    svc = screen.phone.dist_targets
    month = svc.this_month().strftime("%Y-%m")
    items: list[ft.Control] = []
    for r in rows:
        if r.get("target_pct") is None:
            continue
        met = bool(r.get("met"))
        verdict = screen.t("dt_met") if met else screen.t("dt_missed", gap=f"{r['gap_pct']:+.1f}")
        items.append(
            ft.Row(
                controls=[
                    ft.Text(
                        f"{r.get('sku') or ''} {r.get('product_name') or ''}",
                        size=14,
                        weight=ft.FontWeight.W_600,
                        expand=True,
                        no_wrap=True,
                        overflow=ft.TextOverflow.ELLIPSIS,
                    ),
                    ft.Text(verdict, size=13, color=GOOD if met else BAD),
                ]
            )
        )
        items.append(
            ft.Text(
                screen.t(
                    "dt_line",
                    target=pct(r["target_pct"]).rstrip("%"),
                    actual=pct(r["actual_pct"]).rstrip("%"),
                    outlets=r.get("actual_outlets") or 0,
                    target_outlets=r.get("target_outlets") or 0,
                ),
                size=13,
                color=MUTED,
            )
        )
        frac = float(r["actual_pct"]) / float(r["target_pct"]) if r["target_pct"] else 1.0
        items.append(
            ft.ProgressBar(
                value=max(0.0, min(1.0, frac)),
                color=GOOD if met else BAD,
                bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST,
                bar_height=8,
                border_radius=4,
                tooltip=str(r.get("sku") or ""),
            )
        )
    if not items:
        items.append(ft.Text(screen.t("dt_none"), size=14, color=MUTED))
    if svc.can_set():
        items.append(
            row_button(
                screen.t("dt_set"),
                lambda e: target_dialog(screen, dealer_id, again),
                icon=ft.Icons.FLAG_OUTLINED,
                tooltip=screen.t("dt_set"),
            )
        )
    return card(*items, title=screen.t("dt_card", month=month))


def target_dialog(
    screen: Any, dealer_id: str, again: Callable[[], None], sku: str | None = None
) -> None:
    """设定目标: the SKU (a SKU of the view by default), the month (this one), target % and
    active outlets. (A field, not chips: a catalogue of 30 SKUs as chips made the dialog taller
    than a phone.)"""
    svc = screen.phone.dist_targets
    form = FormState()
    form.values["month"] = svc.this_month().strftime("%Y-%m")
    if sku:
        form.values["sku"] = sku
    fields: list[ft.Control] = [
        form.field("sku", screen.t("dt_product")),
        form.field("month", screen.t("dt_month")),
        form.field("pct", screen.t("dt_pct")),
        form.field("outlets", screen.t("dt_outlets")),
    ]

    def submit(form: FormState, close: Callable[[], None], failed: Any) -> None:
        def done(_: Any) -> None:
            close()
            screen.shell.toast(screen.t("dt_saved"))
            again()

        values = (form.get("sku"), form.get("month"), form.get("pct"), form.get("outlets"))
        run_step(screen, lambda: svc.set(dealer_id, *values), done, failed)

    form_dialog(screen, screen.t("dt_set"), fields, form, submit)
