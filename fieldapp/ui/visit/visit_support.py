"""The visit's 支援 section: record support given during this visit (记录支援) — kind chips, cost,
materials given, outcome — written to the phone and pushed with the visit's other records."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.errors import FieldSalesError
from fieldapp.services import formatting as fmt
from fieldapp.services.i18n import FieldErrors
from fieldapp.services.support import KINDS, kind_label
from fieldapp.ui.widgets import MUTED, card, chips, row_button

FIELDS = ("sup_cost", "sup_materials", "sup_outcome")


class SupportSection:
    """The form's state lives in the visit's FormState (keys sup_*), the kind here."""

    def __init__(self, sections: Any) -> None:  # visit_sections.Sections (no import circle)
        self.sections = sections
        self.kind: str | None = None

    def build(self, visit: dict[str, Any]) -> list[ft.Control]:
        """Kind chips, the three fields, the button, and what this visit recorded already."""
        s = self.sections
        lang = s.screen.lang
        form = s.form
        cost = form.field(
            "sup_cost", s.t("sup_cost"), keyboard_type=ft.KeyboardType.NUMBER, dense=True
        )
        materials = form.field(
            "sup_materials", s.t("sup_materials"), multiline=True, min_lines=1, max_lines=3
        )
        outcome = form.field(
            "sup_outcome", s.t("sup_outcome"), multiline=True, min_lines=1, max_lines=3
        )
        kind_error = form.errors.get("sup_kind")
        done = s.screen.phone.support.of_visit(visit["id"])
        recorded: list[ft.Control] = []
        if done:
            recorded.append(ft.Text(s.t("sup_at_visit"), size=13, color=MUTED))
            recorded += [
                ft.Text(
                    f"· {kind_label(r['kind'], lang)} · {fmt.money(r.get('cost') or 0)}"
                    + (f" · {r['outcome']}" if r.get("outcome") else ""),
                    size=13,
                )
                for r in done
            ]
        return [
            card(
                ft.Text(s.t("sup_record_hint"), size=13, color=MUTED),
                chips([(k, v(lang)) for k, v in KINDS.items()], self.kind, self._pick),
                *([ft.Text(kind_error, size=12, color=ft.Colors.ERROR)] if kind_error else []),
                cost,
                materials,
                outcome,
                row_button(
                    s.t("sup_record"),
                    self._record,
                    icon=ft.Icons.VOLUNTEER_ACTIVISM_OUTLINED,
                    tooltip=s.t("sup_record"),
                ),
                ft.Text(s.t("sup_photos_note"), size=12, color=MUTED),
                *recorded,
                title=s.t("sup_record_title"),
            )
        ]

    def _pick(self, value: str | None) -> None:
        self.kind = value
        self.sections.form.errors.pop("sup_kind", None)
        self.sections.screen.refresh()

    def _record(self, e: Any) -> None:
        s = self.sections
        form = s.form
        visit = s.screen.phone.visits.active()
        if visit is None:
            return
        for key in ("sup_kind", *FIELDS):
            form.errors.pop(key, None)
        try:
            s.screen.phone.support.record_done(
                dict(visit),
                self.kind,
                form.get("sup_cost"),
                form.get("sup_materials"),
                form.get("sup_outcome"),
            )
        except FieldErrors as exc:
            names = {"kind": "sup_kind", "cost": "sup_cost", "materials": "sup_materials",
                     "outcome": "sup_outcome"}  # fmt: skip
            for field, msg in exc.fields.items():
                form.errors[names.get(field, "sup_kind")] = msg(s.screen.lang)
            s.screen.refresh()
            return
        except FieldSalesError as exc:
            s.screen.shell.fail(exc)
            return
        for key in FIELDS:
            form.values.pop(key, None)
        self.kind = None
        s.screen.shell.saved()
        s.screen.shell.toast(s.t("sup_recorded"))
        s.screen.refresh()
