"""The sections of a visit in progress: stock and order here, the rest in visit_reports."""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

import flet as ft

from fieldapp.errors import FieldSalesError
from fieldapp.services import formatting as fmt
from fieldapp.services.i18n import FieldErrors
from fieldapp.ui.visit.visit_display import DisplaySection
from fieldapp.ui.visit.visit_reports import ReportSections
from fieldapp.ui.visit.visit_support import SupportSection
from fieldapp.ui.widgets import MUTED, FormState, card, row_button

if TYPE_CHECKING:
    from fieldapp.ui.screen import Screen

log = logging.getLogger(__name__)
SECTIONS = ("stock", "order", "notes", "display", "incident", "support")
SAVE_AFTER_S = 1.0  # idle time after a keystroke before the field is saved


class Sections(ReportSections):
    """Builds one section at a time and saves what was typed (also on leaving a field)."""

    def __init__(self, screen: Screen) -> None:
        self.screen = screen
        self.stock: dict[str, ft.TextField] = {}
        self.order: dict[str, ft.TextField] = {}
        self.notes: dict[str, ft.TextField] = {}
        self.total = ft.Text("")
        self.form = FormState()  # complaint and incident texts, kept across rebuilds
        self.complaint_kind: str | None = None
        self.incident_kind: str | None = None
        self.photo_kind: str | None = "shelf"  # what the next photo shows (the rep may change it)
        self.visit_id = ""
        self._timers: dict[tuple[str, str], threading.Timer] = {}
        self._lock = threading.Lock()
        self.support = SupportSection(self)  # 记录支援
        self.display = DisplaySection(self)  # 陈列检查 and 竞品上报

    def build(self, section: str, visit: dict[str, Any]) -> list[ft.Control]:
        """The controls of one section."""
        self.visit_id = visit["id"]
        self.stock, self.order, self.notes = {}, {}, {}
        self.total = ft.Text("", size=18, weight=ft.FontWeight.W_600)
        return {
            "stock": self._stock,
            "order": self._order,
            "notes": self._notes,
            "incident": self._incident,
            "support": self.support.build,
            "display": self.display.build,
        }[section](visit)

    # -- stock ------------------------------------------------------------------------------------

    def _stock(self, visit: dict[str, Any]) -> list[ft.Control]:
        lines = self.screen.phone.visits.stock_sheet(visit)
        fields: list[ft.Control] = []
        for line in lines:
            p = line.product
            last = (
                self.t(
                    "last_count",
                    q=fmt.quantity(line.last["quantity"]),
                    unit=p.get("unit", ""),
                    day=fmt.day(line.last.get("counted_at")),
                )
                if line.last
                else self.t("never_counted")
            )
            field = ft.TextField(
                label=f"{p.get('name', '')} {p.get('spec', '')}",
                value="" if line.current is None else fmt.quantity(line.current.get("quantity")),
                keyboard_type=ft.KeyboardType.NUMBER,
                suffix=p.get("unit", ""),
                helper=last,
                dense=True,
                on_blur=lambda e, pid=p["id"]: self._now("stock", pid),
                on_change=lambda e, pid=p["id"]: self._soon("stock", pid),
            )
            self.stock[p["id"]] = field
            fields.append(field)
        return [
            card(
                ft.Text(self.t("stock_hint"), size=13, color=MUTED),
                *fields,
                title=self.t("section_stock"),
                action=row_button(
                    self.t("save_stock"),
                    lambda e: self._save_stock(None, toast=True),
                    icon=ft.Icons.SAVE_OUTLINED,
                    tooltip=self.t("save_stock"),
                ),
            ),
        ]

    def _save_sheet(
        self, all_fields: dict[str, ft.TextField], only: set[str] | None, save: Any
    ) -> tuple[dict[str, ft.TextField], Any] | None:
        """Save the stock or order fields (only those named, or all) with save(visit, values):
        the fields and what save returned; None when something is wrong (said under the
        field, or as a sentence) — nothing is saved then."""
        fields = {k: f for k, f in all_fields.items() if only is None or k in only}
        if not fields:
            return fields, None
        try:
            result = save(self.visit_id, {k: f.value for k, f in fields.items()})
        except FieldErrors as exc:
            self._show_errors(fields, exc)
            return None
        except FieldSalesError as exc:
            self.screen.shell.fail(exc)
            return None
        self._clear_errors(fields)
        return fields, result

    def _save_stock(self, only: set[str] | None, *, toast: bool = False) -> bool:
        saved = self._save_sheet(self.stock, only, self.screen.phone.visits.save_stock)
        if saved is None:
            return False
        fields, n = saved
        if not fields:
            return True
        if n:
            self.screen.shell.saved()
        if toast:
            self.screen.shell.toast(self.t("saved_n", n=n))
        return True

    # -- order ------------------------------------------------------------------------------------

    def _order(self, visit: dict[str, Any]) -> list[ft.Control]:
        sheet = self.screen.phone.visits.order_sheet(visit)
        fields: list[ft.Control] = []
        for p, line in sheet.lines:
            price = line["unit_price"] if line else p.get("unit_price") or 0
            helper = self.t("unit_price", price=fmt.money(price))
            if line:
                helper += " · " + self.t(
                    "line_amount", amount=fmt.money(self.screen.phone.visits.amount(line))
                )
            field = ft.TextField(
                label=f"{p.get('name', '')} {p.get('spec', '')}",
                value="" if line is None else fmt.quantity(line.get("quantity")),
                keyboard_type=ft.KeyboardType.NUMBER,
                suffix=p.get("unit", ""),
                helper=helper,
                dense=True,
                on_blur=lambda e, pid=p["id"]: self._now("order", pid),
                on_change=lambda e, pid=p["id"]: self._soon("order", pid),
            )
            self.order[p["id"]] = field
            fields.append(field)
        self.total.value = self.t("order_total", total=fmt.money(sheet.total), n=sheet.count)
        return [
            card(
                self.total,
                ft.Text(self.t("order_hint"), size=13, color=MUTED),
                *fields,
                title=self.t("section_order"),
                action=row_button(
                    self.t("save_order"),
                    lambda e: self._save_order(None, toast=True),
                    icon=ft.Icons.SAVE_OUTLINED,
                    tooltip=self.t("save_order"),
                ),
            ),
        ]

    def _save_order(self, only: set[str] | None, *, toast: bool = False) -> bool:
        saved = self._save_sheet(self.order, only, self.screen.phone.visits.save_order)
        if saved is None:
            return False
        fields, sheet = saved
        if not fields:
            return True
        lines = {p["id"]: line for p, line in sheet.lines}
        for pid, field in fields.items():
            line = lines.get(pid)
            product = next((p for p, _ in sheet.lines if p["id"] == pid), {})
            price = line["unit_price"] if line else product.get("unit_price") or 0
            helper = self.t("unit_price", price=fmt.money(price))
            if line:
                helper += " · " + self.t(
                    "line_amount", amount=fmt.money(self.screen.phone.visits.amount(line))
                )
            field.helper = helper
        self.total.value = self.t("order_total", total=fmt.money(sheet.total), n=sheet.count)
        self._update(self.total, *fields.values())
        self.screen.shell.saved()
        if toast:
            self.screen.shell.toast(self.t("order_saved", total=fmt.money(sheet.total)))
        return True

    # -- saving while typing ----------------------------------------------------------------------

    def _soon(self, kind: str, key: str) -> None:
        """Save a field shortly after the rep stops typing (so a killed app loses nothing)."""
        ft.context.disable_auto_update()  # see FormState.field: keep keystrokes typed meanwhile
        with self._lock:
            old = self._timers.pop((kind, key), None)
            if old is not None:
                old.cancel()
            timer = threading.Timer(SAVE_AFTER_S, self._now, (kind, key))
            timer.daemon = True
            self._timers[(kind, key)] = timer
            timer.start()

    def _now(self, kind: str, key: str) -> None:
        """Save a field now (it lost focus, or the rep paused)."""
        with self._lock:
            timer = self._timers.pop((kind, key), None)
            if timer is not None:
                timer.cancel()
        if kind == "stock":
            self._save_stock({key})
        elif kind == "order":
            self._save_order({key})
        else:
            self._save_notes()

    # -- helpers ----------------------------------------------------------------------------------

    def save_all(self, *, quiet: bool = False) -> bool:
        """Save whatever the open section holds; False when a field is invalid."""
        ok = self._save_stock(None) and self._save_order(None) and self._save_notes()
        return ok

    def _show_errors(self, fields: dict[str, ft.TextField], exc: FieldErrors) -> None:
        for key, field in fields.items():
            field.error = exc.fields[key](self.screen.lang) if key in exc.fields else None
        self._update(*fields.values())

    def _clear_errors(self, fields: dict[str, ft.TextField]) -> None:
        changed = [f for f in fields.values() if f.error]
        for f in changed:
            f.error = None
        self._update(*changed)

    def _update(self, *controls: ft.Control) -> None:
        with self.screen.shell.ui_lock:
            for c in controls:
                try:
                    c.update()
                except Exception:  # not on the page (section switched meanwhile)
                    log.debug("update skipped", exc_info=True)
