"""The customer card: profile, contacts (tap to call), distance, grade, warnings, history."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.services import formatting as fmt
from fieldapp.services.customers import QUADRANTS, STATUSES, TIERS
from fieldapp.services.warnings import SEVERITIES
from fieldapp.ui.cases.case_parts import customer_cases
from fieldapp.ui.customers.customer_card_feedback import feedback_section
from fieldapp.ui.customers.customer_card_orders import order_rows
from fieldapp.ui.customers.exec_visit_parts import exec_visit_section
from fieldapp.ui.customers.scorecard_parts import history_card, is_staff
from fieldapp.ui.customers.support_parts import support_card
from fieldapp.ui.customers.threshold_parts import threshold_action
from fieldapp.ui.eliminate_parts import customer_actions
from fieldapp.ui.screen import Screen
from fieldapp.ui.warnings.warning_parts import kind_name, warning_tile
from fieldapp.ui.widgets import (
    MUTED,
    STATUS_COLORS,
    big_button,
    card,
    empty,
    grade_pill,
    labelled,
    pill,
)


class CustomerCardScreen(Screen):
    """Everything about one customer that the rep needs in front of the shelf."""

    refresh_on_sync = True

    def __init__(self, shell: Any, customer_id: str, *, plan_stop_id: str | None = None) -> None:
        super().__init__(shell)
        self.customer_id = customer_id
        self.plan_stop_id = plan_stop_id
        self._name = ""

    def title(self) -> str:
        """The customer's name."""
        c = self.phone.customers.get(self.customer_id)
        return (c or {}).get("name") or self.t("customer_card")

    def body(self) -> ft.Control:
        """Header, visit button, warnings, contacts, address, profile, history."""
        card_data = self.phone.customers.card(self.customer_id, self.shell.locator.fix)
        if card_data is None:
            return empty(self.t("customer_gone"), ft.Icons.STOREFRONT)
        c = card_data.customer
        lang = self.lang
        tier = TIERS.get(c.get("tier") or 3)
        badges: list[ft.Control] = [pill(tier(lang) if tier else "", ft.Colors.PRIMARY)]
        g = grade_pill(c.get("grade"), lang)
        if g is not None:
            badges.append(g)
        if c.get("quadrant") in QUADRANTS:
            badges.append(pill(QUADRANTS[c["quadrant"]](lang), "#5F6B7A"))
        if c.get("status") in STATUSES and c["status"] != "active":
            badges.append(pill(STATUSES[c["status"]](lang), STATUS_COLORS["missed"]))
        if card_data.pending:
            badges.append(pill(self.t("not_uploaded"), STATUS_COLORS["in_progress"]))
        head: list[ft.Control] = [
            ft.Text(c.get("name") or "", size=20, weight=ft.FontWeight.W_600),
            ft.Text(
                f"{c.get('code', '')}"
                + (
                    f" · {self.t('supplied_by')} {card_data.parent['name']}"
                    if card_data.parent
                    else ""
                ),
                size=13,
                color=MUTED,
            ),
            ft.Row(wrap=True, spacing=6, run_spacing=6, controls=badges),
        ]
        items: list[ft.Control] = [card(*head)]
        active = self.phone.visits.active()
        here_active = active is not None and active["customer_id"] == self.customer_id
        label = self.t("continue_visit" if here_active else "start_visit")
        items.append(
            big_button(
                label, self._visit, icon=ft.Icons.HOW_TO_REG, tooltip=self.t("start_visit_tip")
            )
        )
        if card_data.warnings:
            rows = []
            for w, reason in card_data.warnings:
                sev = SEVERITIES.get(w.get("severity", ""))
                title = f"{kind_name(w, lang)} · {self.t('severity')} {sev(lang) if sev else ''}"
                name = c.get("name") or ""
                rows.append(warning_tile(self, w, title, reason(lang), customer=name))
            items.append(card(*rows, title=self.t("open_warnings", n=len(rows))))
        cases = customer_cases(self, self.customer_id)
        if cases is not None:
            items.append(cases)
        items.append(self._contacts(card_data))
        address = [
            labelled(self.t("address"), c.get("address") or "—", icon=ft.Icons.PLACE_OUTLINED)
        ]
        if card_data.distance_m is not None:
            address.append(
                ft.Text(
                    self.t("from_here", d=fmt.distance(card_data.distance_m, lang)),
                    size=14,
                    color=MUTED,
                )
            )
        items.append(card(*address))
        if c.get("tier") == 1:  # a dealer's plan progress, fetched online (ledger_card.py)
            from fieldapp.ui.ledger.ledger_card import plan_progress

            items.append(plan_progress(self, c))
        if is_staff(self):  # 评价记录 (online) and, for area managers and managers, 客户评价
            items.append(history_card(self, self.customer_id, c.get("name") or ""))
        executive = exec_visit_section(self, c)  # 高层拜访 (from the store; planned online)
        if executive is not None:
            items.append(executive)
        support = support_card(self, self.customer_id)  # 辅导支援 (from the phone's store)
        if support is not None:
            items.append(support)
        conduct = customer_actions(self, c)  # 申请淘汰, 记录窜货/砸价 (online)
        if conduct is not None:
            items.append(conduct)
        # managers: the customer's warning thresholds
        thresholds = threshold_action(self, self.customer_id, c)
        if thresholds is not None:
            items.append(thresholds)
        items.append(self._profile(c, card_data.children))
        items.append(feedback_section(self, self.customer_id))
        items.append(self._history(card_data))
        return ft.ListView(padding=ft.Padding.all(12), spacing=6, controls=items)

    def _contacts(self, data: Any) -> ft.Control:
        c = data.customer
        people = [(c.get("contact_name"), c.get("phone"), self.t("main_contact"))]
        people += [(p.get("name"), p.get("phone"), p.get("title") or "") for p in data.contacts]
        rows: list[ft.Control] = []
        for name, phone, role in people:
            if not name and not phone:
                continue
            call = None
            if phone:
                call = ft.IconButton(
                    ft.Icons.PHONE,
                    url=f"tel:{phone}",
                    tooltip=self.t("call", name=name or phone),
                    icon_color=ft.Colors.GREEN_700,
                )
            rows.append(
                ft.ListTile(
                    leading=ft.Icon(ft.Icons.PERSON_OUTLINE),
                    title=ft.Text(name or "—"),
                    subtitle=ft.Text(" · ".join(x for x in (role, phone) if x)),
                    trailing=call,
                    content_padding=ft.Padding.only(left=0, right=0),
                )
            )
        if not rows:
            rows.append(ft.Text(self.t("no_contacts"), color=MUTED))
        return card(*rows, title=self.t("contacts"))

    def _profile(self, c: dict[str, Any], children: int) -> ft.Control:
        facts = [
            ("since", fmt.day(c.get("since"))),
            ("coverage", c.get("coverage") or "—"),
            (
                "sub_count",
                str(
                    c.get("sub_distributor_count")
                    if c.get("sub_distributor_count") is not None
                    else children
                ),
            ),
            (
                "capital",
                "—"
                if c.get("capital_10k") is None
                else f"{fmt.quantity(c['capital_10k'])} {self.t('ten_thousand_yuan')}",
            ),
            (
                "warehouse",
                "—" if c.get("warehouse_m2") is None else f"{fmt.quantity(c['warehouse_m2'])} m²",
            ),
            ("vehicles", fmt.quantity(c.get("vehicles"))),
            ("staff", fmt.quantity(c.get("staff"))),
            ("hot_brands", "、".join(c.get("hot_brands") or []) or "—"),
        ]
        grid = ft.ResponsiveRow(
            run_spacing=10,
            controls=[
                ft.Container(col=6, content=labelled(self.t(f"profile_{k}"), v)) for k, v in facts
            ],
        )
        return card(grid, title=self.t("profile"))

    def _history(self, data: Any) -> ft.Control:
        lang = self.lang
        rows: list[ft.Control] = [ft.Text(self.t("last_visits"), weight=ft.FontWeight.W_600)]
        for v in data.visits:
            secs = self.phone.visits.duration_s(v)
            flag = f" · {self.t('offsite_flag')}" if v.get("offsite") else ""
            rows.append(
                ft.Text(
                    f"{fmt.day(v.get('checkin_at'))} {fmt.clock(v.get('checkin_at'))}"
                    f" · {fmt.duration(secs, lang) if secs is not None else self.t('in_progress')}"
                    f"{flag}",
                    size=14,
                )
            )
        if not data.visits:
            rows.append(ft.Text(self.t("none_yet"), color=MUTED, size=14))
        rows.append(ft.Text(self.t("last_orders"), weight=ft.FontWeight.W_600))
        rows += order_rows(self, self.customer_id)
        rows.append(ft.Text(self.t("stock_history"), weight=ft.FontWeight.W_600))
        for s, p in data.stock:
            name = (p or {}).get("name", "?")
            spec = (p or {}).get("spec", "")
            rows.append(
                ft.Text(
                    f"{fmt.day(s.get('counted_at'))} · {name} {spec}"
                    f" · {fmt.quantity(s.get('quantity'))} {(p or {}).get('unit', '')}",
                    size=14,
                )
            )
        if not data.stock:
            rows.append(ft.Text(self.t("none_yet"), color=MUTED, size=14))
        return card(*rows, title=self.t("history"))

    def _visit(self, e: Any) -> None:
        self.shell.open("visit", customer_id=self.customer_id, plan_stop_id=self.plan_stop_id)
