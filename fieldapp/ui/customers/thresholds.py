"""One customer's warning thresholds (预警阈值, managers only), opened from the customer card:
each threshold with the company default, the override of the customer's grade, the customer's
own override and the value in effect (the evaluator's order: customer, grade, default). 修改 sets
the customer's own value (checked against the setting's range on the phone, then on the server,
which records the change in setting_changes); 删除本客户设置 removes it. The next evaluation uses
the new value."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.services.policy import Threshold, check_value, plain_value
from fieldapp.ui.customers.threshold_parts import number_text
from fieldapp.ui.online import OnlineScreen
from fieldapp.ui.widgets import MUTED, FormState, card, note_banner


class ThresholdsScreen(OnlineScreen):
    """The customer's thresholds, each changed or removed through its buttons."""

    offline_key = "th_offline"

    def __init__(self, shell: Any, customer_id: str, name: str = "", grade: str | None = None):
        super().__init__(shell)
        self.customer_id = customer_id
        self.name = name
        self.grade = grade

    def title(self) -> str:
        """预警阈值：customer."""
        return self.t("th_title", name=self.name)

    def load(self) -> list[Threshold]:
        """The thresholds as they apply to this customer (online)."""
        return self.phone.policy.customer_thresholds(self.customer_id, self.grade)

    def _label(self, entry: dict[str, Any]) -> str:
        return str(entry["label_en" if self.lang == "en" else "label_zh"])

    def _unit(self, entry: dict[str, Any]) -> str:
        unit = entry.get("unit" if self.lang == "en" else "unit_zh") or ""
        return "" if unit in ("share", "比例") else str(unit)

    def _value(self, entry: dict[str, Any], value: Any) -> str:
        return f"{number_text(value)} {self._unit(entry)}".strip()

    def content(self, rows: list[Threshold]) -> ft.Control:
        """An intro, then a card per threshold."""
        grade = self.grade or self.t("th_ungraded")
        items: list[ft.Control] = [note_banner(self.t("th_intro", grade=grade))]
        # two columns from a desk's width on (lg: 992 px), one on a phone
        cells = [ft.Container(col={"xs": 12, "lg": 6}, content=self._row(r)) for r in rows]
        items.append(ft.ResponsiveRow(spacing=8, run_spacing=0, controls=cells))
        return ft.ListView(padding=ft.Padding.all(12), spacing=8, controls=items)

    def _row(self, r: Threshold) -> ft.Control:
        e, name = r.entry, self._label(r.entry)
        grade = self.grade or self.t("th_ungraded")
        lines: list[ft.Control] = [
            ft.Text(name, size=15, weight=ft.FontWeight.W_600),
            ft.Text(self.t("th_used", value=self._value(e, r.in_effect)), size=15),
            ft.Text(
                " · ".join(
                    [
                        self.t("th_default", value=self._value(e, r.default)),
                        self.t("th_grade", grade=grade, value=self._value(e, r.grade))
                        if r.grade is not None
                        else self.t("th_grade_none", grade=grade),
                    ]
                ),
                size=13,
                color=MUTED,
            ),
            ft.Text(
                self.t("th_own", value=self._value(e, r.own))
                if r.own is not None
                else self.t("th_own_none"),
                size=13,
                weight=ft.FontWeight.W_600 if r.own is not None else None,
                color=None if r.own is not None else MUTED,
            ),
        ]
        lines[0] = ft.Row(
            spacing=8,
            controls=[lines[0], ft.Icon(ft.Icons.EDIT_OUTLINED, color=MUTED, size=20)],
            alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
        )
        # the whole card is the button (a thumb-size target), named by its tooltip
        return ft.Container(
            content=card(*lines),
            on_click=lambda ev, r=r: self._ask(r),
            tooltip=self.t("th_edit_tip", name=name),
            border_radius=12,
        )

    def _ask(self, r: Threshold) -> None:
        """A dialog with one field; the range is checked before anything is sent."""
        form = FormState()
        entry, name, unit = r.entry, self._label(r.entry), self._unit(r.entry)
        form.set("value", number_text(r.own if r.own is not None else r.in_effect))
        field = form.field("value", f"{name}（{unit}）" if unit else name)
        problem = ft.Text("", color=ft.Colors.ERROR, size=13, visible=False)
        low, high = entry.get("min"), entry.get("max")
        hint = ft.Text(
            self.t("po_range", low=number_text(low), high=number_text(high)), size=12, color=MUTED
        )

        def save(ev: Any) -> None:
            typed = form.get("value").strip()
            problems = check_value(entry, plain_value(typed))
            if problems:
                problem.value = "\n".join(m(self.lang) for m in problems.values())
                problem.visible = True
                with self.shell.ui_lock:
                    problem.update()
                return
            self.shell.close_dialog(dialog)
            self._save(r, typed)

        def remove(ev: Any) -> None:
            self.shell.close_dialog(dialog)
            self._save(r, None)

        actions: list[ft.Control] = [
            ft.TextButton(
                content=self.t("ca_cancel"), on_click=lambda ev: self.shell.close_dialog(dialog)
            )
        ]
        if r.own is not None:  # the customer's own value can go (the grade's or default rules)
            actions.append(ft.TextButton(content=self.t("th_remove"), on_click=remove))
        actions.append(ft.FilledButton(content=self.t("po_save"), on_click=save))
        dialog = ft.AlertDialog(
            modal=True,
            title=ft.Text(self.t("po_dialog", name=f"{self.name} · {name}"), size=17),
            content=ft.Column(tight=True, spacing=10, width=340, controls=[problem, field, hint]),
            actions=actions,
        )
        with self.shell.ui_lock:
            self.shell.page.show_dialog(dialog)

    def _save(self, r: Threshold, value: str | None) -> None:
        """Set (value) or remove (None) the customer's own value, then show the new state."""
        name = self._label(r.entry)

        def work() -> Any:
            return self.phone.policy.set_threshold(r.entry, value, customer_id=self.customer_id)

        def done(_: Any) -> None:
            key = "po_saved" if value is not None else "th_removed"
            with self.shell.ui_lock:
                self.shell.toast(self.t(key, name=name))
            self.reload()

        self.run(work, done)
