"""Visit (拜访): check in with the position, record the visit in sections, check out."""

from __future__ import annotations

from typing import Any

import flet as ft

from fieldapp.errors import FieldSalesError
from fieldapp.services import formatting as fmt
from fieldapp.services.i18n import FieldErrors
from fieldapp.services.position import check_fresh
from fieldapp.services.visits import NothingRecorded
from fieldapp.ui.screen import Screen
from fieldapp.ui.visit.visit_empty import empty_reason_dialog
from fieldapp.ui.visit.visit_near import near_address_line
from fieldapp.ui.visit.visit_receive import Receipts
from fieldapp.ui.visit.visit_required import required_dialog
from fieldapp.ui.visit.visit_sections import SECTIONS, Sections
from fieldapp.ui.widgets import (
    MUTED,
    STATUS_COLORS,
    FormState,
    big_button,
    card,
    error_banner,
    note_banner,
    pill,
)
from fieldapp.ui.widgets.position import locate_then, position_buttons, position_line


class VisitScreen(Screen):
    """Check in at an outlet, then stock, order, notes, incidents; check out at the end."""

    def __init__(self, shell: Any, customer_id: str, *, plan_stop_id: str | None = None) -> None:
        super().__init__(shell)
        self.customer_id = customer_id
        self.plan_stop_id = plan_stop_id
        self.form = FormState()
        self.problem: str | None = None
        self.section = SECTIONS[0]
        self.sections = Sections(self)
        self.receipts = Receipts(self, customer_id)
        self._located_once = False

    def visit(self) -> dict[str, Any] | None:
        """The visit in progress at this outlet, if checked in."""
        v = self.phone.visits.active()
        return v if v is not None and v["customer_id"] == self.customer_id else None

    def title(self) -> str:
        """The outlet's name (the pinned button says check in or check out)."""
        c = self.phone.customers.get(self.customer_id) or {}
        return c.get("name") or self.t("visit")

    def body(self) -> ft.Control:
        """The check-in panel, or the visit's sections."""
        v = self.visit()
        return self._checkin_body() if v is None else self._visit_body(v)

    def bottom(self) -> ft.Control | None:
        """Check in, or check out: the one big action, at the thumb."""
        v = self.visit()
        if v is None:
            button = big_button(
                self.t("check_in"),
                self._check_in,
                icon=ft.Icons.HOW_TO_REG,
                tooltip=self.t("check_in_tip"),
            )
        else:
            button = big_button(
                self.t("check_out"),
                self._check_out,
                icon=ft.Icons.LOGOUT,
                tooltip=self.t("check_out_tip"),
            )
        return ft.BottomAppBar(
            content=button, padding=ft.Padding.symmetric(horizontal=12, vertical=8), height=76
        )

    # -- check in -------------------------------------------------------------------------------

    def _checkin_body(self) -> ft.Control:
        phone, locator, lang = self.phone, self.shell.locator, self.lang
        c = phone.customers.get(self.customer_id) or {}
        items: list[ft.Control] = [
            card(
                ft.Text(c.get("name", ""), size=18, weight=ft.FontWeight.W_600),
                ft.Text(c.get("address") or "", size=14, color=MUTED),
            ),
        ]
        if self.problem:
            items.append(error_banner(self.problem))
        pos: list[ft.Control] = [position_line(self.shell)]
        needs_reason = False
        if locator.fix is not None:
            check = phone.visits.assess(self.customer_id, locator.fix)
            needs_reason = check.needs_reason
            sentence = check.sentence()(lang)
            pos.append(
                error_banner(sentence)
                if needs_reason
                else note_banner(sentence, ft.Icons.CHECK_CIRCLE_OUTLINE)
            )
            pos.append(near_address_line(self, locator.fix))
        pos.append(position_buttons(self.shell, self._located, self.refresh))
        items.append(card(*pos, title=self.t("position")))
        if needs_reason:
            reason = self.form.field(
                "reason",
                self.t("offsite_reason"),
                helper=self.t("offsite_reason_help"),
                multiline=True,
                min_lines=1,
                max_lines=3,
            )
            items.append(card(reason))
        return ft.ListView(padding=ft.Padding.all(12), spacing=6, controls=items)

    def _check_in(self, e: Any) -> None:
        locator = self.shell.locator
        fix = locator.fix
        try:
            if fix is None:
                raise FieldErrors({"position": _msg("请先定位", "Get a position first")})
            check_fresh(fix, self.shell.now(), self.phone.visits.max_fix_age_s())
            self.phone.visits.check_in(
                self.customer_id,
                fix,
                reason=self.form.get("reason"),
                plan_stop_id=self.plan_stop_id,
            )
        except FieldErrors as exc:
            if "reason" in exc.fields:
                self.form.errors["reason"] = exc.fields["reason"](self.lang)
                self.refresh()
                return
            self.problem = next(iter(exc.fields.values()))(self.lang)
            self.refresh()
            return
        except FieldSalesError as exc:
            from fieldapp.services.i18n import error_text

            self.problem = error_text(exc, self.lang)
            # a stale fix: try again right away so one more tap checks in
            locate_then(self.shell, self._located)
            self.refresh()
            return
        self.problem = None
        self.form = FormState()
        self.shell.saved()
        self.shell.toast(self.t("checked_in"))
        self.refresh()

    # -- the visit --------------------------------------------------------------------------------

    def _visit_body(self, v: dict[str, Any]) -> ft.Control:
        lang = self.lang
        minutes = int((self.shell.now() - fmt.parse_time(v["checkin_at"])).total_seconds() // 60)
        head: list[ft.Control] = [
            ft.Row(
                spacing=8,
                controls=[
                    pill(self.t("in_progress"), STATUS_COLORS["in_progress"], filled=True),
                    ft.Text(
                        self.t("checked_in_at", time=fmt.clock(v["checkin_at"]), minutes=minutes),
                        size=14,
                        expand=True,
                    ),
                ],
            ),
        ]
        if v.get("checkin_distance_m") is not None:
            head.append(
                ft.Text(
                    self.t("checkin_distance", d=fmt.distance(v["checkin_distance_m"], lang)),
                    size=13,
                    color=MUTED,
                )
            )
        if v.get("offsite"):
            head.append(pill(self.t("offsite_flag"), STATUS_COLORS["missed"]))
        if self.problem:
            head.append(error_banner(self.problem))
        picker = ft.SegmentedButton(
            segments=[ft.Segment(value=s, label=ft.Text(self.t(f"section_{s}"))) for s in SECTIONS],
            selected=[self.section],
            show_selected_icon=False,
            on_change=self._pick_section,
        )
        receipts = self.receipts.build()  # shipped orders of the outlet, to mark received
        return ft.ListView(
            padding=ft.Padding.all(12),
            spacing=6,
            controls=[
                card(*head),
                *([receipts] if receipts is not None else []),
                ft.Container(content=picker, alignment=ft.Alignment.CENTER),
                *self.sections.build(self.section, v),
            ],
        )

    def _pick_section(self, e: Any) -> None:
        self.sections.save_all(quiet=True)
        selected = e.control.selected
        self.section = selected[0] if selected else self.section
        self.refresh()

    def _check_out(self, e: Any) -> None:
        v = self.visit()
        if v is None:
            return
        if not self.sections.save_all(quiet=True):
            self.shell.toast(self.t("fix_fields_first"), error=True)
            return
        # required display items unanswered: ask (an empty visit asks for its reason instead)
        missing = [] if self.phone.visits.is_empty(v["id"]) else self.phone.display.missing(v["id"])
        if missing:
            required_dialog(self, missing, lambda: self._finish(v["id"]), self._to_display)
            return
        self._finish(v["id"])

    def _to_display(self) -> None:
        self.section = "display"
        self.refresh()

    def _finish(self, visit_id: str) -> None:
        try:
            _row, seconds = self.phone.visits.check_out(visit_id)
        except NothingRecorded:
            empty_reason_dialog(self, visit_id, self._checked_out)
            return
        except FieldSalesError as exc:
            self.shell.fail(exc)
            return
        self._checked_out(seconds)

    def _checked_out(self, seconds: float) -> None:
        self.shell.saved()
        self.shell.toast(self.t("checked_out", duration=fmt.duration(seconds, self.lang)))
        self.shell.pop()

    def on_shown(self) -> None:
        """Get a fresh position when the screen opens for a check-in."""
        if self.visit() is None and not self._located_once:
            self._located_once = True
            locate_then(self.shell, self._located)

    def _located(self) -> None:
        # a fix that arrives after the check-in must not rebuild the sections being typed in
        if self.visit() is None and self.shell.stack and self.shell.stack[-1] is self:
            self.refresh()


def _msg(zh: str, en: str) -> Any:
    from fieldapp.services.i18n import Msg

    return Msg(zh, en)
