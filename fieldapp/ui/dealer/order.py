"""One order for the dealer (订单详情): the outlet (where it goes, whom to call), the lines, and
the step the order waits for — 接单 (quantities may be lowered, with a reason) or 拒单 (with a
reason) while it waits, 标记发货 (a date, today by default) once accepted. The steps are online:
checked on the phone as the server checks them, then sent; without a connection they say 需联网."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.services import formatting as fmt
from fieldapp.services.dealer_orders import DEALER_STATUS
from fieldapp.ui.order_parts import run_step, status_pill
from fieldapp.ui.screen import Screen
from fieldapp.ui.widgets import (
    MUTED,
    FormState,
    big_button,
    card,
    empty,
    error_banner,
    heading,
    labelled,
    note_banner,
)

# what the server's answer changes on the order, shown at once (the sync then brings the rest)
ANSWERED = ("status", "status_reason", "shipped_on")


class DealerOrderScreen(Screen):
    """An order addressed to the dealer, and its next step."""

    def __init__(self, shell: Any, order_id: str) -> None:
        super().__init__(shell)
        self.order_id = order_id
        self.form = FormState()
        self.problem = ""
        self.busy = False
        self.answer: dict[str, Any] = {}

    def _order(self) -> dict[str, Any] | None:
        o = self.phone.dealer_orders.order(self.order_id)
        if o is None:
            return None
        if self.answer and self.answer.get("status") != o["status"]:
            o = {**o, **{k: self.answer.get(k) for k in ANSWERED}}  # not pulled yet
        return o

    def title(self) -> str:
        """The outlet's name."""
        o = self._order() or {}
        return o.get("ship_to_name") or self.t("tab_orders")

    def body(self) -> ft.Control:
        """The outlet, the lines (with the accepted quantity fields while it waits), the reason
        or shipping date field."""
        o = self._order()
        if o is None:
            return empty(self.t("do_gone"), ft.Icons.RECEIPT_LONG_OUTLINED)
        status = o["status"]
        items: list[ft.Control] = []
        if self.problem:
            items.append(error_banner(self.problem))
        if status in ("submitted", "accepted") and self.phone.dealer_orders.offline():
            items.append(note_banner(self.t("do_offline"), ft.Icons.CLOUD_OFF))
        items.append(self._outlet(o))
        items.append(heading(self.t("do_lines", n=len(o["lines"]))))
        items += [self._line(i, x, status) for i, x in enumerate(o["lines"], start=1)]
        if status == "submitted":
            items.append(
                self.form.field(
                    "reason",
                    self.t("do_reason"),
                    multiline=True,
                    min_lines=2,
                    max_length=4000,
                    on_change=self._typed,
                )
            )
        elif status == "accepted":
            if not self.form.get("shipped_on"):
                self.form.set("shipped_on", self.phone.dealer_orders.today().isoformat())
            items.append(
                self.form.field(
                    "shipped_on",
                    self.t("do_ship_day"),
                    helper=self.t("do_ship_day_help"),
                    keyboard_type=ft.KeyboardType.DATETIME,
                    max_length=10,
                )
            )
        return ft.ListView(padding=ft.Padding.all(12), spacing=8, controls=items)

    def _outlet(self, o: dict[str, Any]) -> ft.Control:
        age = self.t("do_age_0") if o["age_days"] == 0 else self.t("do_age_n", n=o["age_days"])
        head = ft.Row(
            spacing=8,
            controls=[
                ft.Text(
                    f"{age} · {fmt.money(o['amount'])}",
                    size=14,
                    color=MUTED,
                    expand=True,
                ),
                status_pill(o, self.lang, DEALER_STATUS),
            ],
        )
        phone = o.get("ship_to_phone")
        who: list[ft.Control] = [
            ft.Container(
                expand=True,
                content=labelled(
                    self.t("do_contact"),
                    " · ".join(x for x in (o.get("ship_to_contact"), phone) if x) or "—",
                    icon=ft.Icons.PERSON_OUTLINE,
                ),
            )
        ]
        if phone:
            who.append(
                ft.IconButton(
                    ft.Icons.PHONE,
                    url=f"tel:{phone}",
                    tooltip=self.t("do_call", phone=phone),
                    icon_color=ft.Colors.GREEN_700,
                )
            )
        rows: list[ft.Control] = [
            head,
            labelled(
                self.t("do_address"), o.get("ship_to_address") or "—", icon=ft.Icons.PLACE_OUTLINED
            ),
            ft.Row(controls=who),
        ]
        if o.get("status_reason"):
            rows.append(ft.Text(self.t("do_reason_line", reason=o["status_reason"]), size=14))
        if o.get("shipped_on"):
            rows.append(ft.Text(self.t("do_shipped_on", day=fmt.day(o["shipped_on"])), size=14))
        return card(*rows)

    def _line(self, i: int, x: dict[str, Any], status: str) -> ft.Control:
        head = ft.Text(
            f"{i}. {x['product']} {x['spec']}".strip(), size=15, weight=ft.FontWeight.W_600
        )
        ordered = ft.Text(
            self.t("do_ordered", n=x["ordered"], unit=x["unit"], price=fmt.money(x["unit_price"])),
            size=14,
            color=MUTED,
        )
        if status == "submitted":
            key = f"line:{x['id']}"
            if key not in self.form.values:
                self.form.set(key, str(x["ordered"]))
            field = self.form.field(
                key,
                self.t("do_accept_field"),
                keyboard_type=ft.KeyboardType.NUMBER,
                suffix=x["unit"],
                tooltip=self.t("do_accept_field_tip", n=i),
                dense=True,
                width=150,
            )
            return card(
                head,
                ft.Row(spacing=12, controls=[ft.Container(expand=True, content=ordered), field]),
            )
        if x["accepted"] is None:
            return card(head, ordered)
        accepted = ft.Text(
            self.t("do_accepted_qty", n=x["accepted"], unit=x["unit"]),
            size=14,
            weight=ft.FontWeight.W_600,
            color=ft.Colors.RED_700 if x["accepted"] < x["ordered"] else None,
        )
        return card(head, ft.Row(controls=[ft.Container(expand=True, content=ordered), accepted]))

    def _typed(self, e: Any) -> None:
        """The reason's error goes once something is typed."""
        if self.form.errors.pop("reason", None) is not None:
            e.control.error = None
            e.control.update()

    # -- the steps ---------------------------------------------------------------------------------

    def bottom(self) -> ft.Control | None:
        """拒单 and 接单 while the order waits; 标记发货 once accepted."""
        o = self._order()
        if o is None or o["status"] not in ("submitted", "accepted"):
            return None
        offline = self.phone.dealer_orders.offline()

        def label(key: str) -> str:
            step = self.t(key)
            return self.t("do_needs_net", step=step) if offline else step

        if o["status"] == "submitted":
            buttons = [
                ft.Container(
                    expand=1,
                    content=big_button(
                        label("do_reject"),
                        lambda e: self._go("reject"),
                        icon=ft.Icons.CLOSE,
                        tooltip=self.t("do_reject_tip"),
                        danger=True,
                        disabled=self.busy,
                    ),
                ),
                ft.Container(
                    expand=1,
                    content=big_button(
                        label("do_accept"),
                        lambda e: self._go("accept"),
                        icon=ft.Icons.CHECK,
                        tooltip=self.t("do_accept_tip"),
                        disabled=self.busy,
                    ),
                ),
            ]
        else:
            buttons = [
                ft.Container(
                    expand=1,
                    content=big_button(
                        label("do_ship"),
                        lambda e: self._go("ship"),
                        icon=ft.Icons.LOCAL_SHIPPING,
                        tooltip=self.t("do_ship_tip"),
                        disabled=self.busy,
                    ),
                )
            ]
        return ft.BottomAppBar(
            padding=ft.Padding.symmetric(horizontal=12, vertical=8),
            height=76,
            content=ft.Row(spacing=10, controls=buttons),
        )

    def _go(self, step: str) -> None:
        if self.busy:
            return
        svc, form, oid = self.phone.dealer_orders, self.form, self.order_id
        o = svc.order(oid) or {"lines": []}
        typed = {x["id"]: form.get(f"line:{x['id']}") for x in o["lines"]}
        reason, day = form.get("reason"), form.get("shipped_on")
        work = {
            "accept": lambda: svc.accept(oid, typed, reason),
            "reject": lambda: svc.reject(oid, reason),
            "ship": lambda: svc.ship(oid, day),
        }[step]
        self.busy, self.problem, self.form.errors = True, "", {}
        self.refresh()

        def done(answer: Any) -> None:
            self.busy, self.answer = False, dict(answer or {})
            self.refresh_on_sync = True  # the fields are gone: show what the sync brings
            self.shell.toast(self.t(f"do_done_{step}"))
            self.refresh()

        def failed(said: str, fields: dict[str, str]) -> None:
            # a line's error may be scrolled away: say it on top too; the reason and the date
            # are next to the buttons, their error under them is enough
            self.busy = False
            self.problem = said if set(fields) - {"reason", "shipped_on"} or not fields else ""
            self.form.errors = {(k if k in ("reason", "shipped_on") else f"line:{k}"): v
                                for k, v in fields.items()}  # fmt: skip
            self.refresh()

        run_step(self, work, done, failed)
