"""A dealer's contracts (合同), the live ones first; managers start a new one from the template."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.services import formatting as fmt
from fieldapp.ui.contracts.contract_parts import status_pill
from fieldapp.ui.online import OnlineScreen
from fieldapp.ui.widgets import MUTED, big_button, empty


class ContractsScreen(OnlineScreen):
    """The list of one dealer's contracts."""

    def __init__(self, shell: Any, customer_id: str, name: str) -> None:
        super().__init__(shell)
        self.customer_id, self.name = customer_id, name

    def title(self) -> str:
        """Contracts · dealer."""
        return self.t("ct_list_title", name=self.name)

    def load(self) -> list[dict[str, Any]]:
        """The dealer's contracts."""
        return self.phone.ledger.contracts(self.customer_id)

    def content(self, data: list[dict[str, Any]]) -> ft.Control:
        """One card per contract."""
        items: list[ft.Control] = [self._row(c) for c in data]
        if not data:
            items.append(empty(self.t("ct_none"), ft.Icons.DESCRIPTION_OUTLINED))
        return ft.ListView(padding=ft.Padding.all(12), spacing=6, controls=items)

    def bottom(self) -> ft.Control | None:
        """New from the template (managers and area managers)."""
        if not self.phone.ledger.drafts_contracts:
            return None
        return ft.BottomAppBar(
            height=80,
            padding=ft.Padding.symmetric(horizontal=12, vertical=10),
            content=big_button(
                self.t("ct_new"),
                self._new,
                icon=ft.Icons.NOTE_ADD_OUTLINED,
                tooltip=self.t("ct_new"),
            ),
        )

    def _row(self, c: dict[str, Any]) -> ft.Control:
        return ft.Card(
            margin=ft.Margin.symmetric(horizontal=0, vertical=3),
            content=ft.Container(
                padding=12,
                on_click=lambda e, c=c: self._open(c["id"]),
                tooltip=self.t("ct_open_tip", no=c["contract_no"]),
                content=ft.Column(
                    spacing=4,
                    controls=[
                        ft.Row(
                            controls=[
                                ft.Text(
                                    c["contract_no"],
                                    size=16,
                                    weight=ft.FontWeight.W_600,
                                    expand=True,
                                ),
                                status_pill(self, c["status"]),
                            ]
                        ),
                        ft.Text(
                            self.t("ct_version", n=c["version"])
                            + " · "
                            + self.t(
                                "ct_term",
                                start=fmt.day(c.get("term_start")),
                                end=fmt.day(c.get("term_end")),
                            ),
                            size=13,
                        ),
                        ft.Text(
                            self.t("ct_custodian", name=c.get("custodian_name") or "—"),
                            size=13,
                            color=MUTED,
                        ),
                    ],
                ),
            ),
        )

    def _open(self, contract_id: str) -> None:
        self.shell.open("contract", contract_id=contract_id)

    def _new(self, e: Any) -> None:
        def done(row: dict[str, Any]) -> None:
            with self.shell.ui_lock:
                if row.get("existing"):
                    self.shell.toast(self.t("ct_new_existing"))
                else:
                    self.shell.toast(self.t("ct_new_done", no=row["contract_no"]))
            self.data = None
            self._open(row["id"])

        self.run(lambda: self.phone.ledger.new_contract(self.customer_id), done)
