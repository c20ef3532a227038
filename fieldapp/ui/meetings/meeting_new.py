"""记录座谈会: an area manager (or manager) records a business meeting — area, kind (季度, 半年度,
年度, 临时), date, place, agenda, minutes, the customers who attended (from the phone's store) —
and optionally a decision with its owner (who may own one comes from the server) and due date.
Saving needs a connection (meeting_save, then decision_add); a wrong field is named under it and
nothing is sent."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

import flet as ft

from fieldapp.domain import clock
from fieldapp.domain.meetings import KINDS, kind_name
from fieldapp.errors import FieldSalesError
from fieldapp.services.i18n import FieldErrors, Msg, error_text
from fieldapp.services.meetings import meeting_choices
from fieldapp.ui.meetings.meeting_parts import attendees
from fieldapp.ui.screen import Screen
from fieldapp.ui.widgets import (
    MUTED,
    FormState,
    big_button,
    chips,
    error_banner,
    form_list,
    heading,
)

ROLE_NAMES = {
    "rep": ("业务员", "rep"),
    "area_manager": ("区域经理", "area manager"),
    "manager": ("销售经理", "manager"),
}


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


class MeetingNewScreen(Screen):
    """The form; its values live in FormState and the chosen sets (a rebuild keeps them)."""

    def __init__(self, shell: Any) -> None:
        super().__init__(shell)
        self.form = FormState()
        self.form.set("held_on", clock.today(shell.now()).isoformat())
        self.kind = "quarterly"
        self.area_id: str | None = None
        self.customers: set[str] = set()
        self.scores: dict[str, int] = {}  # a chosen customer's satisfaction at the meeting
        self.owner_id: str | None = None
        self.staff: list[dict[str, Any]] | None = None  # fetched for the chosen area
        self.problem = ""
        self.saving = False
        self.kind_box = ft.Container()  # made by each build; the chips are redrawn in place
        self.owner_box = ft.Container()

    def title(self) -> str:
        """记录座谈会."""
        return self.t("mt_form_title")

    def body(self) -> ft.Control:
        """Area, kind, date, place, agenda, minutes, decision, customers (a long list: last)."""
        areas, by_area = meeting_choices(self.phone.meetings)
        if self.area_id is None and areas:
            self._choose_area(areas[0][0])
        errors = self.form.errors
        items: list[ft.Control] = []
        if self.problem:
            items.append(error_banner(self.problem))
        if len(areas) > 1:
            items.append(heading(self.t("mt_area")))
            items.append(chips(areas, self.area_id, lambda a: self._pick_area(a)))
        items.append(heading(self.t("mt_kind")))
        self.kind_box = ft.Container(content=self._kind_chips())
        items.append(self.kind_box)
        items.append(self.form.field("held_on", self.t("mt_held_on")))
        items.append(self.form.field("place", self.t("mt_place"), max_length=200))
        items.append(
            self.form.field(
                "agenda", self.t("mt_agenda"), multiline=True, min_lines=2, max_length=4000
            )
        )
        items.append(
            self.form.field(
                "minutes", self.t("mt_minutes"), multiline=True, min_lines=2, max_length=4000
            )
        )
        items.append(heading(self.t("mt_decision")))
        items.append(
            self.form.field("body", self.t("mt_decision_body"), multiline=True, max_length=4000)
        )
        items.append(ft.Text(self.t("mt_owner"), size=13))
        self.owner_box = ft.Container(content=self._owner_chips())
        items.append(self.owner_box)
        if "owner" in errors:
            items.append(ft.Text(errors["owner"], color=ft.Colors.ERROR, size=13))
        items.append(self.form.field("due_on", self.t("mt_due_on")))
        items.append(heading(self.t("mt_customers")))
        options = by_area.get(self.area_id or "", [])
        items += attendees(self.t, options, self.customers, self.scores)
        if "customers" in errors:
            items.append(ft.Text(errors["customers"], color=ft.Colors.ERROR, size=13))
        return form_list(items)

    def _person(self, p: dict[str, Any]) -> str:
        zh, en = ROLE_NAMES.get(p.get("role", ""), ("", ""))
        return f"{p.get('full_name') or '—'}（{en if self.lang == 'en' else zh}）"

    def _kind_chips(self) -> ft.Control:
        kinds = [(k, kind_name(k, self.lang)) for k in KINDS]
        return chips(kinds, self.kind, lambda k: self._set(kind=k or self.kind))

    def _owner_chips(self) -> ft.Control:
        if self.staff is None:
            return ft.Text(self.t("mt_no_staff"), size=13, color=MUTED)
        people = [(p["id"], self._person(p)) for p in self.staff]
        return chips(people, self.owner_id, lambda p: self._set(owner_id=p))

    def _set(self, **values: Any) -> None:
        """A chip picked: remember it. With a refusal on show, its banner and notes go (a
        rebuild); otherwise only the chips are redrawn — rebuilding the form would remake
        its text fields, and Flutter web may then hand the text being typed to another field
        (CI saw the due date typed after a chip's rebuild land in the agenda)."""
        for key, value in values.items():
            setattr(self, key, value)
        if self.problem or self.form.errors:
            self.problem, self.form.errors = "", {}
            self.refresh()
        else:
            self._redraw_chips()

    def _redraw_chips(self) -> None:
        """The kind and owner chips, in place (the fields keep their focus and text)."""
        with self.shell.ui_lock:
            for box, content in (
                (self.kind_box, self._kind_chips()),
                (self.owner_box, self._owner_chips()),
            ):
                box.content = content
                with contextlib.suppress(RuntimeError):  # not built yet, or left: no update
                    box.update()

    def _pick_area(self, area_id: str | None) -> None:
        if area_id and area_id != self.area_id:
            self.customers.clear()
            self.scores.clear()
            self._choose_area(area_id)
            self.refresh()

    def _choose_area(self, area_id: str) -> None:
        """Choose the area and fetch who may own its decisions (off the UI thread)."""
        self.area_id, self.staff, self.owner_id = area_id, None, None

        def work() -> list[dict[str, Any]]:
            return self.phone.meetings.staff(area_id)

        def done(staff: list[dict[str, Any]]) -> None:
            if self.area_id == area_id:
                self.staff = staff
                self._redraw_chips()  # it may come while a field is being typed in

        def job() -> None:
            with contextlib.suppress(FieldSalesError):  # offline: the form says owners need it
                done(work())

        self.shell.page.run_thread(job)

    def bottom(self) -> ft.Control | None:
        """保存座谈会."""
        return ft.Container(
            padding=ft.Padding.all(12),
            content=big_button(
                self.t("mt_save"),
                lambda e: self._save(),
                icon=ft.Icons.SAVE,
                tooltip=self.t("mt_save_tip"),
            ),
        )

    def _save(self) -> None:
        if self.saving:
            return
        self.form.errors, self.problem = {}, ""
        svc, f = self.phone.meetings, self.form
        held_on, due_on = _day(f.get("held_on")), _day(f.get("due_on"))
        decision = any(x.strip() for x in (f.get("body"), f.get("due_on"))) or self.owner_id
        try:
            if f.get("held_on").strip() and held_on is None:
                raise FieldErrors({"held_on": Msg("日期格式应为 年-月-日", "Dates are YYYY-MM-DD")})
            if decision:
                if f.get("due_on").strip() and due_on is None:
                    raise FieldErrors(
                        {"due_on": Msg("日期格式应为 年-月-日", "Dates are YYYY-MM-DD")}
                    )
                svc.check_decision(f.get("body"), self.owner_id, due_on)
        except FieldErrors as exc:
            self._failed(exc)
            return
        self.saving = True

        def job() -> None:
            try:
                m = svc.save_meeting(
                    area_id=self.area_id,
                    kind=self.kind,
                    held_on=held_on,
                    place=f.get("place"),
                    agenda=f.get("agenda"),
                    minutes=f.get("minutes"),
                    customer_ids=sorted(self.customers),
                )
                if decision:
                    svc.add_decision(m["id"], f.get("body"), self.owner_id, due_on)
                for cid, score in sorted(self.scores.items()):  # feedback, pushed by the sync
                    if cid in self.customers:
                        svc.record_feedback(cid, score, None, meeting_id=m["id"])
            except FieldErrors as exc:
                self.saving = False
                with self.shell.ui_lock:
                    self._failed(exc)
                return
            except FieldSalesError as exc:  # the server's refusal, in the banner
                self.saving = False
                self.problem = error_text(exc, self.lang)
                self.refresh()
                return
            self.saving = False
            with self.shell.ui_lock:
                self.shell.toast(self.t("mt_saved"))
            if self.scores:
                self.shell.request_sync()
            self.shell.pop()

        self.shell.page.run_thread(job)

    def _failed(self, exc: FieldErrors) -> None:
        self.form.errors = {k: m(self.lang) for k, m in exc.fields.items()}
        self.problem = next(iter(exc.fields.values()))(self.lang)
        self.refresh()
