"""One contract (合同) on a phone: its eleven sections ①–⑪, its history, and the workflow steps
the user's role allows (submit, send back, sign, make effective, terminate, amend)."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

import flet as ft

from fieldapp.services import formatting as fmt
from fieldapp.ui.contracts.contract_parts import status_pill
from fieldapp.ui.ledger.ledger_common import money
from fieldapp.ui.online import OnlineScreen
from fieldapp.ui.widgets import MUTED, FormState, card, labelled, note_banner

# sections ②–⑩ as (string key, fields); ① goods and ⑪ the parties are drawn on their own
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ct_s2", ("quality_terms",)),
    ("ct_s3", ("delivery_time", "delivery_place", "transport_mode", "freight_paid_by")),
    ("ct_s4", ("acceptance_terms",)),
    ("ct_s5", ("rights_level", "territory", "brands", "term")),
    ("ct_s6", ("settlement_method", "payment_days")),
    (
        "ct_s7",
        ("rebate_pct", "annual_bonus", "promotion_support", "advertising_support", "staff_support"),
    ),
    ("ct_s8", ("ordering_terms", "return_terms")),
    ("ct_s9", ("breach_liability", "dispute_resolution")),
    ("ct_s10", ("signed_on", "signed_place", "effective_on")),
)
PARTY_FIELDS = ("name", "address", "phone", "legal_rep", "signing_rep", "bank", "account", "tax_id")
DANGER = {"terminate"}
DIALOG_CLOSE_S = 0.3


class ContractScreen(OnlineScreen):
    """A contract's sections, history and workflow buttons."""

    def __init__(self, shell: Any, contract_id: str) -> None:
        super().__init__(shell)
        self.contract_id = contract_id
        self.form = FormState()

    def title(self) -> str:
        """The contract number."""
        no = (self.data or {}).get("contract_no")
        return f"{self.t('lg_contracts')} {no}" if no else self.t("lg_contracts")

    def load(self) -> dict[str, Any]:
        """The contract with its lines, history and allowed steps."""
        return self.phone.ledger.contract(self.contract_id)

    def content(self, c: dict[str, Any]) -> ft.Control:
        """Header, history (the workflow so far), sections ①–⑪."""
        items: list[ft.Control] = [self._header(c), self._history(c), self._goods(c)]
        for key, fields in SECTIONS:
            items.append(
                card(
                    *[labelled(self.t(f"ct_f_{f}"), self._value(c, f)) for f in fields],
                    title=self.t(key),
                )
            )
        items.append(self._parties(c))
        return ft.ListView(padding=ft.Padding.all(12), spacing=6, controls=items)

    def bottom(self) -> ft.Control | None:
        """The workflow steps the user may take."""
        actions = (self.data or {}).get("actions") or []
        if not actions:
            return None
        buttons = []
        for a in actions:
            cls = ft.FilledButton if a == actions[0] else ft.OutlinedButton
            buttons.append(
                cls(
                    content=self.t(f"ct_act_{a}"),
                    tooltip=self.t(f"ct_act_{a}"),
                    on_click=lambda e, a=a: self._ask(a),
                    style=ft.ButtonStyle(color=ft.Colors.RED_700) if a in DANGER else None,
                )
            )
        return ft.BottomAppBar(
            height=72,
            padding=ft.Padding.symmetric(horizontal=12, vertical=10),
            content=ft.Row(spacing=8, scroll=ft.ScrollMode.AUTO, controls=buttons),
        )

    # -- sections --------------------------------------------------------------------------------

    def _header(self, c: dict[str, Any]) -> ft.Control:
        lines: list[ft.Control] = [
            ft.Row(
                controls=[
                    ft.Text(
                        c.get("contract_no") or "", size=18, weight=ft.FontWeight.W_600, expand=True
                    ),
                    status_pill(self, c.get("status") or "draft"),
                ]
            ),
            ft.Text(c.get("customer_name") or "", size=15),
            ft.Text(
                " · ".join(
                    x
                    for x in (
                        self.t("ct_version", n=c.get("version") or 1),
                        self.t("ct_amends", no=c["previous_no"]) if c.get("previous_no") else "",
                        self.t("ct_custodian", name=c.get("custodian_name") or "—"),
                    )
                    if x
                ),
                size=13,
                color=MUTED,
            ),
        ]
        if not c.get("actions") and c.get("status") not in ("expired", "terminated"):
            lines.append(note_banner(self.t("ct_read_only"), ft.Icons.LOCK_OUTLINE))
        return card(*lines)

    def _goods(self, c: dict[str, Any]) -> ft.Control:
        rows: list[ft.Control] = []
        total = Decimal(0)
        for ln in c.get("lines") or []:
            total += ln.get("amount") or 0
            name = ln.get("product_name") or ln.get("variety") or ""
            rows.append(
                ft.Container(
                    padding=ft.Padding.only(bottom=6),
                    border=ft.Border.only(bottom=ft.BorderSide(1, ft.Colors.OUTLINE_VARIANT)),
                    content=ft.Column(
                        spacing=2,
                        controls=[
                            ft.Row(
                                controls=[
                                    ft.Text(
                                        f"{ln.get('line_no')}. {name}",
                                        size=15,
                                        weight=ft.FontWeight.W_600,
                                        expand=True,
                                    ),
                                    ft.Text(money(ln.get("amount")), size=15),
                                ]
                            ),
                            ft.Text(
                                " · ".join(
                                    str(x)
                                    for x in (
                                        ln.get("brand"),
                                        ln.get("spec"),
                                        f"{fmt.quantity(ln.get('quantity'))} {ln.get('unit') or ''}"
                                        f" × {money(ln.get('unit_price'))}",
                                    )
                                    if x
                                ),
                                size=13,
                                color=MUTED,
                            ),
                        ],
                    ),
                )
            )
        if rows:
            rows.append(
                ft.Text(
                    self.t("ct_goods_total", amount=money(total)),
                    weight=ft.FontWeight.W_600,
                    text_align=ft.TextAlign.RIGHT,
                )
            )
        else:
            rows.append(ft.Text(self.t("ct_no_goods"), color=MUTED))
        return card(*rows, title=self.t("ct_s1"))

    def _value(self, c: dict[str, Any], field: str) -> str:
        v = c.get(field)
        if field == "term":
            start, end = c.get("term_start"), c.get("term_end")
            return self.t("ct_to", start=fmt.day(start), end=fmt.day(end)) if start else "—"
        if v is None or v == "":
            return "—"
        if field == "freight_paid_by":
            return self.t(f"ct_freight_{v}")
        if field == "rights_level":
            return self.t(f"ct_level_{v}")
        if field == "payment_days":
            return self.t("ct_payment_days", n=v)
        if field == "rebate_pct":
            return self.t("ct_rebate", pct=fmt.quantity(v))
        if field in ("signed_on", "effective_on"):
            return fmt.day(v)
        return str(v)

    def _parties(self, c: dict[str, Any]) -> ft.Control:
        blocks: list[ft.Control] = []
        for side in ("a", "b"):
            blocks.append(ft.Text(self.t(f"ct_party_{side}"), weight=ft.FontWeight.W_600))
            blocks.append(
                ft.ResponsiveRow(
                    run_spacing=8,
                    controls=[
                        ft.Container(
                            col=12 if f in ("name", "address") else 6,
                            content=labelled(self.t(f"ct_p_{f}"), c.get(f"party_{side}_{f}") or ""),
                        )
                        for f in PARTY_FIELDS
                    ],
                )
            )
        return card(*blocks, title=self.t("ct_s11"))

    def _history(self, c: dict[str, Any]) -> ft.Control:
        rows: list[ft.Control] = []
        for e in c.get("events") or []:
            step = self.t(f"ct_status_{e['to_status']}")
            if e.get("from_status"):
                step = f"{self.t('ct_status_' + e['from_status'])} → {step}"
            when = f"{fmt.day(e.get('at'))} {fmt.clock(e.get('at'))}"
            rows.append(
                ft.Column(
                    spacing=0,
                    controls=[
                        ft.Text(step, size=14, weight=ft.FontWeight.W_600),
                        ft.Text(
                            self.t(
                                "ct_history_by",
                                who=e.get("actor_name") or self.t("ct_system"),
                                at=when,
                            ),
                            size=13,
                            color=MUTED,
                        ),
                        *([ft.Text(e["note"], size=13)] if e.get("note") else []),
                    ],
                )
            )
        return card(*rows, title=self.t("ct_history"))

    # -- workflow ----------------------------------------------------------------------------------

    def _ask(self, action: str) -> None:
        c = self.data or {}
        step = self.t(f"ct_act_{action}")
        self.form = FormState()
        fields: list[ft.Control] = []
        if action == "sign":
            self.form.set("place", c.get("signed_place") or "")
            fields.append(self.form.field("place", self.t("ct_place")))
        if action != "amend":
            key = "ct_reason" if action == "terminate" else "ct_note"
            fields.append(self.form.field("note", self.t(key), multiline=True, min_lines=1))

        def close(e: Any) -> None:
            self.shell.close_dialog(dialog)

        def accept(e: Any) -> None:
            self.shell.close_dialog(dialog)

            async def after_close() -> None:
                await asyncio.sleep(DIALOG_CLOSE_S)
                self._act(action)

            self.shell.page.run_task(after_close)

        dialog = ft.AlertDialog(
            modal=True,
            title=ft.Text(self.t("ct_confirm", step=step, no=c.get("contract_no") or "")),
            content=ft.Column(tight=True, spacing=10, controls=fields, width=320),
            actions=[
                ft.TextButton(content=self.t("ct_cancel"), on_click=close),
                ft.FilledButton(
                    content=step,
                    on_click=accept,
                    style=ft.ButtonStyle(bgcolor=ft.Colors.RED_700) if action in DANGER else None,
                ),
            ],
        )
        self.shell.page.show_dialog(dialog)

    def _act(self, action: str) -> None:
        note, place = self.form.get("note"), self.form.get("place")

        def work() -> dict[str, Any]:
            return self.phone.ledger.act(self.contract_id, action, note=note, place=place)

        def done(row: dict[str, Any]) -> None:
            with self.shell.ui_lock:
                self.shell.toast(self.t("ct_act_done", step=self.t(f"ct_act_{action}")))
            if action == "amend" and row.get("id"):
                self.data = None
                self.shell.open("contract", contract_id=row["id"])
            else:
                self.reload()

        self.run(work, done)
