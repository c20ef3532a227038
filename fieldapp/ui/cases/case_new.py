"""A new after-sales request (售后申请), offline: what is asked for (return, exchange, repair,
packaging exchange, complaint), the delivery it came from and the boxes per line (with what is
left to ask for), how serious, and why. The server opens the case when the request arrives."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.errors import FieldSalesError
from fieldapp.services.cases import GOODS_KINDS, REQUEST_KINDS, RETURNING, SEVERITIES
from fieldapp.services.i18n import FieldErrors
from fieldapp.ui.screen import Screen
from fieldapp.ui.widgets import (
    MUTED,
    FormState,
    big_button,
    card,
    chips,
    error_banner,
    heading,
    note_banner,
)
from fieldapp.ui.widgets.photo import photos_card, pick_photos

MAX_DOCS = 8  # deliveries offered at once; typing part of a number finds the others


class CaseNewScreen(Screen):
    """The request form."""

    def __init__(self, shell: Any, doc_no: str | None = None, kind: str = "return") -> None:
        super().__init__(shell)
        self.kind, self.doc_no, self.severity = kind, doc_no, "medium"
        self.form = FormState()
        self.problem = ""
        self.photos: list[tuple[bytes, str]] = []
        self.photo_box = ft.Container()
        self.doc_chips = ft.Container()
        self.total = ft.Text()  # the lines' total, under their heading

    def title(self) -> str:
        """售后申请."""
        return self.t("cs_title_new")

    def body(self) -> ft.Control:
        """Kind, delivery, lines, severity, reason, photos."""
        cases = self.phone.cases
        items: list[ft.Control] = []
        if self.problem:
            items.append(error_banner(self.problem))
        items.append(heading(self.t("cs_kind")))
        items.append(
            chips(
                [(k, self.t("case_kind_" + k)) for k in REQUEST_KINDS],
                self.kind,
                lambda k: self._pick(kind=k or self.kind),
            )
        )
        goods = self.kind in GOODS_KINDS
        items.append(heading(self.t("cs_doc" if goods else "cs_doc_optional")))
        items.append(
            self.form.field(
                "doc_query",
                self.t("cs_doc_search"),
                prefix_icon=ft.Icons.SEARCH,
                on_change=self._typed,
            )
        )
        self.doc_chips = ft.Container(content=self._doc_chips())
        items.append(self.doc_chips)
        if "doc" in self.form.errors:
            items.append(ft.Text(self.form.errors["doc"], color=ft.Colors.ERROR, size=13))
        if self.doc_no and goods:
            self.total = ft.Text(self._total_text(), size=14, color=MUTED)
            items.append(heading(self.t("cs_lines"), self.total))
            if self.kind in RETURNING:
                items.append(note_banner(self.t("cs_window_note")))
            items += [self._line(s) for s in cases.returnable(self.doc_no)]
            if "lines" in self.form.errors:
                items.append(ft.Text(self.form.errors["lines"], color=ft.Colors.ERROR, size=13))
        items.append(heading(self.t("cs_severity")))
        items.append(
            chips(
                [(s, self.t("case_severity_" + s)) for s in SEVERITIES],
                self.severity,
                lambda s: self._pick(severity=s or self.severity),
            )
        )
        items.append(
            self.form.field(
                "reason", self.t("cs_reason"), multiline=True, min_lines=3, max_length=4000
            )
        )
        self.photo_box = ft.Container(content=self._photo_card())  # new each build
        items.append(self.photo_box)
        return ft.ListView(padding=ft.Padding.all(12), spacing=8, controls=items)

    def _doc_chips(self) -> ft.Control:
        """The deliveries matching what was typed (the chosen one always among them)."""
        query = self.form.get("doc_query").strip().upper()
        docs = [d for d in self.phone.cases.deliveries() if query in d.upper()][:MAX_DOCS]
        if self.doc_no and self.doc_no not in docs:
            docs.insert(0, self.doc_no)
        return chips([(d, d) for d in docs], self.doc_no, lambda d: self._pick(doc_no=d))

    def _typed(self, e: Any) -> None:
        """Only the delivery chips change while a number is typed (see FormState.field)."""
        with self.shell.ui_lock:
            self.doc_chips.content = self._doc_chips()
            self.doc_chips.update()

    def _line(self, s: dict[str, Any]) -> ft.Control:
        cap = s["left"] if self.kind in RETURNING else s["delivered"]
        return card(
            ft.Text(f"{s['line_no']}. {s['product']}", size=15, weight=ft.FontWeight.W_600),
            ft.Row(
                spacing=8,
                vertical_alignment=ft.CrossAxisAlignment.CENTER,
                controls=[
                    ft.Text(
                        self.t("cs_left", delivered=int(s["delivered"]), left=int(cap)),
                        size=13,
                        color=MUTED,
                        expand=True,
                    ),
                    ft.Container(
                        width=110,
                        content=self.form.field(
                            s["id"],
                            self.t("cs_boxes"),
                            on_change=self._boxes_typed,
                            keyboard_type=ft.KeyboardType.NUMBER,
                            tooltip=self.t("cs_qty_tip", n=s["line_no"]),
                            disabled=cap <= 0,
                        ),
                    ),
                ],
            ),
        )

    def _photo_card(self) -> ft.Control:
        return photos_card(
            self.lang,
            self.photos,
            self._add_photos,
            lambda e: self._set_photos([]),
            title=self.t("cs_photos"),
            error=self.form.errors.get("photos"),
        )

    async def _add_photos(self, e: Any) -> None:
        picked = await pick_photos(self.shell)
        if picked:
            self._set_photos(self.photos + picked)

    def _set_photos(self, photos: list[tuple[bytes, str]]) -> None:
        """Only the photo card changes (the form keeps its scroll position)."""
        self.photos = photos
        with self.shell.ui_lock:
            self.photo_box.content = self._photo_card()
            self.photo_box.update()

    def _total_text(self) -> str:
        """合计 N 箱: the boxes typed so far (what the phone has received of the fields)."""
        total = 0
        for s in self.phone.cases.returnable(self.doc_no or ""):
            typed = self.form.get(s["id"]).strip()
            total += int(typed) if typed.isdigit() else 0
        return self.t("cs_total", n=total)

    def _boxes_typed(self, e: Any) -> None:
        """Only the total changes while boxes are typed (see FormState.field)."""
        with self.shell.ui_lock:
            self.total.value = self._total_text()
            self.total.update()

    def _pick(self, **values: Any) -> None:
        for key, value in values.items():
            setattr(self, key, value)
        self.refresh()

    def bottom(self) -> ft.Control | None:
        """提交申请."""
        return ft.Container(
            padding=ft.Padding.all(12),
            content=big_button(
                self.t("cs_submit"),
                lambda e: self._submit(),
                icon=ft.Icons.SEND,
                tooltip=self.t("cs_submit_tip"),
            ),
        )

    def _submit(self) -> None:
        self.form.errors, self.problem = {}, ""
        quantities = {}
        if self.doc_no and self.kind in GOODS_KINDS:
            quantities = {
                s["id"]: self.form.get(s["id"]) for s in self.phone.cases.returnable(self.doc_no)
            }
        try:
            row = self.phone.cases.request(
                self.kind,
                self.form.get("reason"),
                doc_no=self.doc_no,
                quantities=quantities,
                severity=self.severity,
                photos=self.photos,
            )
        except FieldErrors as exc:
            self.form.errors = {k: m(self.lang) for k, m in exc.fields.items()}
            self.problem = next(iter(exc.fields.values()))(self.lang)
            self.refresh()
            return
        except FieldSalesError as exc:
            self.shell.fail(exc)
            return
        self.shell.toast(self.t("cs_saved_toast"))
        self.shell.saved()
        self.shell.open("case", replace=True, case_id=row["id"])
