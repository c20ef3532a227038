"""Monthly plan entry (销售计划) for one dealer by area managers and managers: quantity and
amount per SKU, a schedule and the support planned; checked before anything is written."""

from __future__ import annotations

import datetime as dt
from typing import Any

import flet as ft

from fieldapp.errors import FieldSalesError
from fieldapp.services import formatting as fmt
from fieldapp.services.i18n import FieldErrors
from fieldapp.services.ledger import month_text
from fieldapp.ui.ledger.ledger_common import money
from fieldapp.ui.online import OnlineScreen
from fieldapp.ui.widgets import MUTED, FormState, big_button, card, error_banner


def add_months(month: dt.date, n: int) -> dt.date:
    """The first of the month n months away."""
    i = month.year * 12 + month.month - 1 + n
    return dt.date(i // 12, i % 12 + 1, 1)


class PlanEntryScreen(OnlineScreen):
    """One dealer's plan for one month, per SKU."""

    def __init__(self, shell: Any, customer_id: str, name: str) -> None:
        super().__init__(shell)
        self.customer_id, self.name = customer_id, name
        self.month = add_months(self.phone.ledger.today().replace(day=1), 1)
        self.form = FormState()
        self.problem: str | None = None
        self.saving = False

    def title(self) -> str:
        """Plan · dealer."""
        return self.t("lg_plan_title", name=self.name)

    def load(self) -> list[dict[str, Any]]:
        """The month's plan and purchases per SKU; the form starts from the saved plan."""
        rows = self.phone.ledger.month_plan(self.customer_id, self.month)
        form = FormState()
        for r in rows:
            if r.get("plan_quantity") is not None:
                form.set(f"qty:{r['sku']}", fmt.quantity(r["plan_quantity"]))
                form.set(f"amount:{r['sku']}", fmt.quantity(r["plan_amount"]))
            if r.get("schedule") and not form.get("schedule"):
                form.set("schedule", r["schedule"])
            if r.get("planned_support") and not form.get("support"):
                form.set("support", r["planned_support"])
        self.form, self.problem = form, None
        return rows

    def content(self, rows: list[dict[str, Any]]) -> ft.Control:
        """Month switcher, one card per SKU, schedule and support."""
        f = self.form
        label = self.t("lg_month", year=self.month.year, month=self.month.month)
        items: list[ft.Control] = [
            ft.Row(
                alignment=ft.MainAxisAlignment.CENTER,
                controls=[
                    ft.IconButton(
                        ft.Icons.CHEVRON_LEFT,
                        tooltip=self.t("lg_prev_month"),
                        on_click=lambda e: self._month(-1),
                    ),
                    ft.Text(
                        f"{self.t('lg_plan_month')} {label}", size=17, weight=ft.FontWeight.W_600
                    ),
                    ft.IconButton(
                        ft.Icons.CHEVRON_RIGHT,
                        tooltip=self.t("lg_next_month"),
                        on_click=lambda e: self._month(1),
                    ),
                ],
            )
        ]
        if self.problem:
            items.append(error_banner(self.problem))
        for r in rows:
            sku = r["sku"]
            items.append(
                card(
                    ft.Row(
                        controls=[
                            ft.Text(
                                f"{r['name']} {r['spec']}",
                                size=15,
                                weight=ft.FontWeight.W_600,
                                expand=True,
                            ),
                            ft.Text(f"{money(r['unit_price'])}/{r['unit']}", size=13, color=MUTED),
                        ]
                    ),
                    ft.Text(
                        f"{sku} · "
                        + self.t(
                            "lg_plan_actual",
                            q=fmt.quantity(r["actual_quantity"]),
                            amount=money(r["actual_amount"]),
                        ),
                        size=13,
                        color=MUTED,
                    ),
                    ft.Row(
                        spacing=8,
                        vertical_alignment=ft.CrossAxisAlignment.START,
                        controls=[
                            f.field(
                                f"qty:{sku}",
                                f"{sku} {self.t('lg_plan_qty')}",
                                expand=True,
                                keyboard_type=ft.KeyboardType.NUMBER,
                                dense=True,
                            ),
                            f.field(
                                f"amount:{sku}",
                                f"{sku} {self.t('lg_plan_amount')}",
                                expand=True,
                                keyboard_type=ft.KeyboardType.NUMBER,
                                dense=True,
                                hint_text=self.t("lg_plan_amount_hint"),
                            ),
                        ],
                    ),
                    padding=12,
                )
            )
        items.append(
            card(
                f.field("schedule", self.t("lg_plan_schedule"), multiline=True, min_lines=1),
                f.field("support", self.t("lg_plan_support"), multiline=True, min_lines=1),
            )
        )
        return ft.ListView(padding=ft.Padding.all(12), spacing=6, controls=items)

    def bottom(self) -> ft.Control | None:
        """Save."""
        return ft.BottomAppBar(
            height=80,
            padding=ft.Padding.symmetric(horizontal=12, vertical=10),
            content=big_button(
                self.t("lg_plan_save"),
                self._save,
                icon=ft.Icons.SAVE_OUTLINED,
                tooltip=self.t("lg_plan_save"),
                disabled=self.data is None,
            ),
        )

    def _month(self, step: int) -> None:
        self.month = add_months(self.month, step)
        self.reload()

    def _save(self, e: Any) -> None:
        if self.saving or not self.data:
            return
        self.saving = True
        f = self.form
        entries = {
            r["sku"]: (f.get(f"qty:{r['sku']}"), f.get(f"amount:{r['sku']}")) for r in self.data
        }
        month = month_text(self.month)

        def job() -> None:
            try:
                n = self.phone.ledger.save_plan(
                    self.customer_id,
                    month,
                    entries,
                    schedule=f.get("schedule"),
                    support=f.get("support"),
                )
            except FieldErrors as exc:
                f.errors = {
                    k: m(self.lang) for k, m in exc.fields.items() if k.split(":")[0] != "lines"
                }
                self.problem = exc.fields["lines"](self.lang) if "lines" in exc.fields else None
                self.saving = False
                self.refresh()
                return
            except FieldSalesError as exc:
                self.saving = False
                with self.shell.ui_lock:
                    self.shell.fail(exc)
                return
            self.saving = False
            with self.shell.ui_lock:
                self.shell.toast(self.t("lg_plan_saved", n=n))
            self.reload()

        self.shell.page.run_thread(job)
