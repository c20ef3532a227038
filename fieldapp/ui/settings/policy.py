"""Policy settings (管理设置, managers only): every rule number the app uses, in the server's
sections (public.setting_catalog), each with its value, its unit and range, and its latest
change (who, when, old → new). 修改 opens a dialog with a field per part; the phone checks the
value as the server does (ranges, weights totalling 100 %, cut-offs in order) and shows what is
wrong in the dialog with nothing sent; the server checks again and records the change."""

from __future__ import annotations

import asyncio
from typing import Any

import flet as ft

from fieldapp.services import formatting as fmt
from fieldapp.services.policy import check_value, plain_value
from fieldapp.ui.online import OnlineScreen
from fieldapp.ui.widgets import MUTED, FormState, card, chips, heading, row_button

DIALOG_CLOSE_S = 0.3  # a dialog's closing animation


class PolicyScreen(OnlineScreen):
    """The sections of rule numbers, each changed through its dialog."""

    offline_key = "po_offline"

    def __init__(self, shell: Any) -> None:
        super().__init__(shell)
        self.section: str | None = None  # the section shown (the first at the start)

    def title(self) -> str:
        """管理设置."""
        return self.t("po_title")

    def load(self) -> Any:
        """The catalog by section (online)."""
        return self.phone.policy.sections()

    def content(self, sections: Any) -> ft.Control:
        """Chips for the sections (one section at a time: short lists for a thumb), then a card
        per setting of the chosen one."""
        names = [s.name for s in sections]
        if self.section not in names:
            self.section = names[0] if names else None
        label = "label_en" if self.lang == "en" else "label_zh"
        items: list[ft.Control] = [
            chips([(s.name, getattr(s, label)) for s in sections], self.section, self._pick)
        ]
        for section in sections:
            if section.name == self.section:
                items.append(heading(getattr(section, label)))
                if name_is_notify(section.name):
                    items.append(self._delivery_button())
                items += [self._entry(e) for e in section.entries]
        return ft.ListView(padding=ft.Padding.all(12), spacing=8, controls=items)

    def _delivery_button(self) -> ft.Control:
        """Opens the group bots' delivery state and dead letters (推送状态)."""
        text = self.t("nd_open")
        return ft.Row(
            controls=[
                row_button(
                    text,
                    lambda e: self.shell.open("notify_status"),
                    icon=ft.Icons.OUTBOX_OUTLINED,
                    tooltip=self.t("nd_open_tip"),
                )
            ]
        )

    def _pick(self, name: str | None) -> None:
        self.section = name or self.section
        self.refresh()

    def _label(self, entry: dict[str, Any]) -> str:
        return str(entry["label_en" if self.lang == "en" else "label_zh"])

    def _unit(self, entry: dict[str, Any]) -> str:
        unit = entry.get("unit" if self.lang == "en" else "unit_zh") or ""
        return "" if unit in ("share", "比例") else str(unit)

    def _parts(self, entry: dict[str, Any]) -> list[tuple[str, str]]:
        return [
            (p["key"], p["label_en" if self.lang == "en" else "label_zh"])
            for p in entry.get("parts") or []
        ]

    def _value_text(self, entry: dict[str, Any], value: Any) -> str:
        """The value as one line: '500 米', 'A 60 · B 45 · C 30 · D 15 天'."""
        unit = self._unit(entry)
        if isinstance(value, dict):
            parts = self._parts(entry) or [(k, k) for k in value]
            text = " · ".join(f"{label} {_n(value.get(key))}" for key, label in parts)
        else:
            text = _n(value)
        return f"{text} {unit}".strip()

    def _change_text(self, entry: dict[str, Any], old: Any, new: Any) -> str:
        """old → new; for values with parts, only the parts that changed ('信誉 14 → 24')."""
        if isinstance(old, dict) and isinstance(new, dict):
            changed = [
                f"{label} {_n(old.get(key))} → {_n(new.get(key))}"
                for key, label in self._parts(entry) or [(k, k) for k in new]
                if old.get(key) != new.get(key)
            ]
            return " · ".join(changed) or "—"
        return f"{self._value_text(entry, old)} → {self._value_text(entry, new)}"

    def _entry(self, entry: dict[str, Any]) -> ft.Control:
        label = self._label(entry)
        rows: list[ft.Control] = [
            ft.Row(
                spacing=8,
                vertical_alignment=ft.CrossAxisAlignment.START,
                controls=[
                    ft.Text(label, size=15, weight=ft.FontWeight.W_600, expand=True),
                    ft.Icon(ft.Icons.EDIT_OUTLINED, color=MUTED, size=20),
                ],
            ),
            ft.Text(self._value_text(entry, entry.get("value")), size=14),
        ]
        if entry.get("min") is not None and entry.get("shape") != "choice":
            rows.append(
                ft.Text(
                    self.t("po_range", low=_n(entry["min"]), high=_n(entry["max"])),
                    size=12,
                    color=MUTED,
                )
            )
        changes = entry.get("changes") or []
        if changes:
            last = changes[0]
            rows.append(
                ft.Text(
                    self.t(
                        "po_changed",
                        who=last.get("changed_by_name") or "—",
                        day=fmt.day(last.get("changed_at")),
                        clock=fmt.clock(last.get("changed_at")),
                        what=self._change_text(entry, last.get("old_value"), last.get("new_value")),
                    ),
                    size=12,
                    color=MUTED,
                )
            )
        # the whole card is the button (a thumb-size target), named by its tooltip
        return ft.Container(
            content=card(*rows),
            on_click=lambda e, entry=entry: self._ask(entry),
            tooltip=self.t("po_change_tip", name=label),
            border_radius=12,
        )

    # -- changing one ------------------------------------------------------------------------------

    def _ask(self, entry: dict[str, Any]) -> None:
        """A dialog with a field per part (or one field, or the choices); checked before sending."""
        form = FormState()
        value = entry.get("value")
        parts = self._parts(entry)
        unit = self._unit(entry)
        fields: list[ft.Control] = []
        chosen: dict[str, Any] = {"choice": value}
        if entry.get("shape") == "choice":
            fields.append(
                ft.RadioGroup(
                    value=str(value),
                    on_change=lambda e: chosen.update(choice=e.control.value),
                    content=ft.Column(
                        tight=True,
                        controls=[ft.Radio(value=c, label=c) for c in entry.get("choices") or []],
                    ),
                )
            )
        elif parts:
            for key, label in parts:
                form.set(key, _n((value or {}).get(key)))
                fields.append(form.field(key, f"{label}（{unit}）" if unit else label))
        else:
            form.set("value", _n(value))
            fields.append(form.field("value", f"{self._label(entry)}（{unit}）" if unit else ""))
        problem = ft.Text("", color=ft.Colors.ERROR, size=13, visible=False)

        def typed() -> Any:
            if entry.get("shape") == "choice":
                return chosen["choice"]
            if parts:
                return {key: form.get(key).strip() for key, _ in parts}
            return form.get("value").strip()

        def save(e: Any) -> None:
            new = typed()
            problems = check_value(entry, plain_value(new))
            if problems:
                problem.value = "\n".join(m(self.lang) for m in problems.values())
                problem.visible = True
                with self.shell.ui_lock:
                    problem.update()
                return
            self.shell.close_dialog(dialog)

            async def after_close() -> None:
                await asyncio.sleep(DIALOG_CLOSE_S)
                self._save(entry, new)

            self.shell.page.run_task(after_close)

        name = self._label(entry)
        dialog = ft.AlertDialog(
            modal=True,
            title=ft.Text(self.t("po_dialog", name=name), size=17),
            content=ft.Column(
                tight=True,
                spacing=10,
                width=340,
                # the scorecard's 13 weights scroll; a short dialog stays its own height
                scroll=ft.ScrollMode.AUTO if len(fields) > 6 else None,
                controls=[problem, *fields],  # what is wrong on top, never scrolled away
            ),
            actions=[
                ft.TextButton(
                    content=self.t("ca_cancel"), on_click=lambda e: self.shell.close_dialog(dialog)
                ),
                ft.FilledButton(content=self.t("po_save"), on_click=save),
            ],
        )
        self.shell.page.show_dialog(dialog)

    def _save(self, entry: dict[str, Any], value: Any) -> None:
        def work() -> Any:  # a refusal (FieldErrors, or the server's) is shown as a toast
            return self.phone.policy.set(entry, value)

        def done(_: Any) -> None:
            with self.shell.ui_lock:
                self.shell.toast(self.t("po_saved", name=self._label(entry)))
            self.reload()

        self.run(work, done)


def name_is_notify(section: str) -> bool:
    """Whether a section of the catalog is the notifications' (where the delivery state opens)."""
    return section == "notify"


def _n(value: Any) -> str:
    """A number as typed (no trailing .0), or a dash."""
    if value is None or value == "":
        return "—"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
