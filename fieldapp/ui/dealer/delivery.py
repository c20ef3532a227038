"""One delivery (到货单): per line the product and what was shipped; when it waits for the dealer,
fields for received, damaged and missing boxes (received defaults to shipped), a note and a
photo, then 确认收货. Confirmed: the figures and the after-sales case it opened."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.errors import FieldSalesError
from fieldapp.services.i18n import FieldErrors
from fieldapp.ui.dealer.delivery_parts import state
from fieldapp.ui.screen import Screen
from fieldapp.ui.widgets import (
    MUTED,
    FormState,
    big_button,
    card,
    error_banner,
    form_list,
    heading,
    pill,
)
from fieldapp.ui.widgets.photo import photos_card, pick_photos

FIELDS = ("received", "damaged", "missing")


class DeliveryScreen(Screen):
    """A delivery's lines; the confirmation form while it waits."""

    def __init__(self, shell: Any, doc_no: str) -> None:
        super().__init__(shell)
        self.doc_no = doc_no
        self.form = FormState()
        self.problem = ""
        self.photo: tuple[bytes, str] | None = None
        self.photo_box = ft.Container()

    def title(self) -> str:
        """The delivery's number."""
        return self.doc_no

    def body(self) -> ft.Control:
        """Header, lines (with fields while waiting), note."""
        d = self.phone.deliveries.delivery(self.doc_no)
        lines = self.phone.deliveries.lines(self.doc_no)
        open_form = d is not None and d["awaiting"] and not d["confirmed"]
        items: list[ft.Control] = []
        if self.problem:
            items.append(error_banner(self.problem))
        if d is not None:
            label, color = state(d, self.t)
            items.append(
                ft.Row(
                    controls=[
                        ft.Text(
                            self.t(
                                "dv_shipped", day=d["shipped_on"].isoformat(), days=d["days_since"]
                            ),
                            size=14,
                            color=MUTED,
                            expand=True,
                        ),
                        pill(label, color, filled=d["overdue"]),
                    ]
                )
            )
            case = d.get("case")
            if case:
                items.append(
                    card(
                        ft.Text(self.t("dv_case_title"), size=15, weight=ft.FontWeight.W_600),
                        ft.Text(
                            f"{case.get('title') or ''}"
                            f" · {self.t('case_status_' + case['status'])}",
                            size=14,
                        ),
                    )
                )
        items.append(heading(self.t("dv_lines", n=len(lines))))
        items += [self._line(s, open_form) for s in lines]
        if open_form:
            items.append(
                self.form.field(
                    "note", self.t("dv_note"), multiline=True, min_lines=2, max_length=4000
                )
            )
            self.photo_box = ft.Container(content=self._photo_card())  # new each build
            items.append(self.photo_box)
        return form_list(items)

    def _line(self, s: dict[str, Any], open_form: bool) -> ft.Control:
        shipped = int(s["quantity"])
        head = ft.Text(
            f"{s['line_no']}. {s['product'] or s['sku']} · {self.t('dv_shipped_qty', n=shipped)}",
            size=15,
            weight=ft.FontWeight.W_600,
        )
        if not open_form:
            figures = self.t(
                "dv_figures",
                received=_n(s.get("received")),
                damaged=_n(s.get("damaged")),
                missing=_n(s.get("missing")),
            )
            return card(head, ft.Text(figures, size=14))
        key = s["id"]
        if not self.form.get(f"{key}:received"):
            self.form.set(f"{key}:received", str(shipped))
        fields = [
            ft.Container(
                expand=True,
                content=self.form.field(
                    f"{key}:{f}",
                    self.t(f"dv_{f}"),
                    keyboard_type=ft.KeyboardType.NUMBER,
                    tooltip=self.t(f"dv_{f}_tip", n=s["line_no"]),
                ),
            )
            for f in FIELDS
        ]
        return card(head, ft.Row(spacing=8, controls=fields))

    def bottom(self) -> ft.Control | None:
        """确认收货 while the delivery waits for the dealer; afterwards 申请售后."""
        d = self.phone.deliveries.delivery(self.doc_no)
        if d is None:
            return None
        if not d["awaiting"] or d["confirmed"]:  # received: an after-sales request may follow
            return ft.Container(
                padding=ft.Padding.all(12),
                content=big_button(
                    self.t("cs_from_delivery"),
                    lambda e: self.shell.open("case_new", doc_no=self.doc_no),
                    icon=ft.Icons.SUPPORT_AGENT,
                    tooltip=self.t("cs_from_delivery_tip"),
                    tonal=True,
                ),
            )
        return ft.Container(
            padding=ft.Padding.all(12),
            content=big_button(
                self.t("dv_confirm"),
                lambda e: self._confirm(),
                icon=ft.Icons.INVENTORY,
                tooltip=self.t("dv_confirm_tip"),
            ),
        )

    async def _add_photo(self, e: Any) -> None:
        picked = await pick_photos(self.shell, many=False)
        if picked:
            self._set_photo(picked[0])

    def _photo_card(self) -> ft.Control:
        return photos_card(
            self.lang,
            [self.photo] if self.photo else [],
            self._add_photo,
            lambda e: self._set_photo(None),
            title=self.t("dv_photo"),
            error=self.form.errors.get("photo"),
        )

    def _set_photo(self, photo: tuple[bytes, str] | None) -> None:
        """Only the photo card changes (the form keeps its scroll position)."""
        self.photo = photo
        with self.shell.ui_lock:
            self.photo_box.content = self._photo_card()
            self.photo_box.update()

    def _confirm(self) -> None:
        entries = {
            s["id"]: {f: self.form.get(f"{s['id']}:{f}") for f in FIELDS}
            for s in self.phone.deliveries.lines(self.doc_no)
        }
        self.form.errors = {}
        self.problem = ""
        try:
            self.phone.deliveries.confirm(
                self.doc_no, entries, self.form.get("note"), photo=self.photo
            )
        except FieldErrors as exc:
            self.form.errors = {k: m(self.lang) for k, m in exc.fields.items()}
            self.problem = next(iter(exc.fields.values()))(self.lang)
            self.refresh()
            return
        except FieldSalesError as exc:
            self.shell.fail(exc)
            return
        self.shell.toast(self.t("dv_confirmed_toast", doc=self.doc_no))
        self.refresh_on_sync = True  # the form is gone: show the case the server opens
        self.shell.saved()
        self.refresh()


def _n(value: Any) -> str:
    """A quantity as whole boxes, or a dash."""
    return "—" if value is None else str(int(value))
