"""Visit plans (拜访计划): a week's days, each day's stops in order, distance and time, submit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import flet as ft

from fieldapp.domain import clock
from fieldapp.errors import FieldSalesError
from fieldapp.services import formatting as fmt
from fieldapp.services.approvals import STATUS, DayPlan
from fieldapp.services.plan_model import START_LABELS, WeekPlan
from fieldapp.ui.plans.plan_parts import (
    DAY_MARKS,
    STATUS_COLOR,
    day_note,
    day_words,
    estimate_text,
    icon_button,
    md,
    stop_details,
    tile,
)
from fieldapp.ui.screen import Screen
from fieldapp.ui.widgets import (
    MUTED,
    big_button,
    card,
    empty,
    note_banner,
    pill,
    row_button,
)


class PlansScreen(Screen):
    """The rep's week: pick a week and a day, add outlets, order them, submit for approval."""

    tab = "plans"
    refresh_on_sync = True

    def __init__(self, shell: Any) -> None:
        super().__init__(shell)
        today = clock.today(shell.now())
        self.week = clock.monday(today)
        self.day = today
        self.busy = False
        self._wp: WeekPlan | None = None
        self._kinds: dict[dt.date, tuple[str, str | None]] = {}

    def title(self) -> str:
        """拜访计划."""
        return self.t("plans_title")

    def body(self) -> ft.Control:
        """Week picker, status, day chips, the day's stops."""
        wp = self._wp = self.phone.plans.week(self.week, self.shell.locator.fix)
        self._kinds = self.phone.plans.day_kinds(self.week)
        items: list[ft.Control] = [self._week_picker(), self._status(wp)]
        action = self._action(wp)
        if action is not None:
            items.append(ft.Container(padding=ft.Padding.symmetric(vertical=4), content=action))
        items.append(self._day_chips(wp))
        dp = wp.day(self.day)
        special = day_note(self, *self._kinds.get(self.day, ("work", None)))
        if special is not None:
            items.append(special)
        items.append(self._day_card(wp, dp))
        if not dp.stops:
            items.append(empty(self.t("plan_day_empty"), ft.Icons.EVENT_AVAILABLE))
        for i, ps in enumerate(dp.stops, start=1):
            items.append(self._stop(wp, i, len(dp.stops), ps))
        items.append(
            ft.Container(
                padding=ft.Padding.only(top=8, bottom=24),
                content=row_button(
                    self.t("plan_actual"),
                    lambda e: self._open_actual(),
                    icon=ft.Icons.INSIGHTS,
                    tooltip=self.t("plan_actual_tip"),
                ),
            )
        )
        return ft.ListView(padding=ft.Padding.all(12), spacing=6, controls=items)

    def _action(self, wp: WeekPlan) -> ft.Control | None:
        """Submit (or withdraw) the week (in the body: a tab's navigation bar takes the bottom)."""
        if wp.plan is None:
            return None
        if wp.status == "submitted":
            button = big_button(
                self.t("plan_withdraw"),
                self._withdraw,
                icon=ft.Icons.UNDO,
                tooltip=self.t("plan_withdraw_tip"),
                tonal=True,
                disabled=self.busy,
            )
        elif wp.editable and wp.stop_count:
            button = big_button(
                self.t("plan_submitting") if self.busy else self.t("plan_submit"),
                self._submit,
                icon=ft.Icons.SEND,
                tooltip=self.t("plan_submit_tip"),
                disabled=self.busy,
            )
        else:
            return None
        return button

    # -- parts ---------------------------------------------------------------------------------

    def _week_picker(self) -> ft.Control:
        end = self.week + dt.timedelta(days=6)
        this = self.phone.plans.this_week() == self.week
        label = self.t("plan_week_label", a=md(self.week), b=md(end))
        return ft.Row(
            alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
            controls=[
                ft.IconButton(
                    ft.Icons.CHEVRON_LEFT,
                    tooltip=self.t("plan_prev_week"),
                    on_click=lambda e: self._go_week(-7),
                ),
                ft.Text(
                    f"{label}{' · ' + self.t('plan_this_week') if this else ''}",
                    size=16,
                    weight=ft.FontWeight.W_600,
                ),
                ft.IconButton(
                    ft.Icons.CHEVRON_RIGHT,
                    tooltip=self.t("plan_next_week"),
                    on_click=lambda e: self._go_week(7),
                ),
            ],
        )

    def _status(self, wp: WeekPlan) -> ft.Control:
        km = sum(d.estimate.distance_km for d in wp.days)
        head = ft.Row(
            controls=[
                pill(STATUS[wp.status](self.lang), STATUS_COLOR[wp.status], filled=True),
                ft.Text(
                    self.t("plan_summary", n=wp.stop_count, km=fmt.distance(km * 1000, self.lang)),
                    size=14,
                    expand=True,
                ),
            ]
        )
        rows: list[ft.Control] = [head]
        if wp.comment:
            rows.append(ft.Text(self.t("plan_comment", c=wp.comment), size=14))
        rows.append(
            ft.Text(
                self.t("plan_start", s=START_LABELS[wp.start.kind](self.lang)), size=13, color=MUTED
            )
        )
        if wp.pending:
            rows.append(ft.Text(self.t("plan_unsynced"), size=13, color=MUTED))
        if wp.plan is not None and not wp.editable:
            rows.append(
                note_banner(
                    self.t("plan_locked_note", status=STATUS[wp.status](self.lang)),
                    ft.Icons.LOCK_OUTLINE,
                )
            )
        return card(*rows, padding=12)

    def _day_chips(self, wp: WeekPlan) -> ft.Control:
        chips = []
        for dp in wp.days:
            wd = self.t(f"weekday_{dp.day.weekday()}")
            kind, note = self._kinds.get(dp.day, ("work", None))
            mark = DAY_MARKS.get(kind)
            tip = self.t("plan_day_title", wd=wd, md=md(dp.day))
            if mark is not None:
                wd = f"{wd} {mark[0](self.lang)}"
                tip = f"{tip} · {day_words(self, kind, note)}"
            chips.append(
                ft.Chip(
                    label=self.t("plan_day_chip", wd=wd, n=len(dp.stops)),
                    tooltip=tip,
                    bgcolor=mark[1] if mark is not None else None,
                    selected=dp.day == self.day,
                    show_checkmark=False,
                    selected_color=mark[2] if mark is not None else ft.Colors.PRIMARY_CONTAINER,
                    on_select=self._pick_day(dp.day),
                )
            )
        return ft.Row(wrap=True, spacing=6, run_spacing=6, controls=chips)

    def _day_card(self, wp: WeekPlan, dp: DayPlan) -> ft.Control:
        wd = self.t(f"weekday_{dp.day.weekday()}")
        rows: list[ft.Control] = [ft.Text(estimate_text(self, dp), size=14)]
        if dp.estimate.unlocated:
            rows.append(
                ft.Text(
                    self.t("plan_day_unlocated", n=len(dp.estimate.unlocated)),
                    size=13,
                    color=MUTED,
                )
            )
        if wp.editable:
            rows.append(
                ft.Row(
                    wrap=True,
                    spacing=8,
                    controls=[
                        row_button(
                            self.t("plan_add"),
                            lambda e: self._open_suggestions(),
                            icon=ft.Icons.ADD_LOCATION_ALT_OUTLINED,
                            tooltip=self.t("plan_add_tip"),
                        ),
                        row_button(
                            self.t("plan_optimise"),
                            self._optimise,
                            icon=ft.Icons.ROUTE,
                            tooltip=self.t("plan_optimise_tip"),
                        ),
                    ],
                )
            )
        return card(*rows, title=self.t("plan_day_title", wd=wd, md=md(dp.day)), padding=12)

    def _stop(self, wp: WeekPlan, n: int, count: int, ps: Any) -> ft.Control:
        c = ps.customer or {}
        name = ps.name
        sub = stop_details(c, self.lang)
        trailing = None
        if wp.editable:
            sid = ps.stop["id"]
            trailing = ft.Row(
                spacing=0,
                tight=True,
                controls=[
                    icon_button(
                        ft.Icons.ARROW_UPWARD,
                        self.t("plan_move_up", name=name),
                        self._edit(lambda: self.phone.plans.move(sid, -1)),
                        disabled=n == 1,
                    ),
                    icon_button(
                        ft.Icons.ARROW_DOWNWARD,
                        self.t("plan_move_down", name=name),
                        self._edit(lambda: self.phone.plans.move(sid, 1)),
                        disabled=n == count,
                    ),
                    icon_button(
                        ft.Icons.REMOVE_CIRCLE_OUTLINE,
                        self.t("plan_remove", name=name),
                        self._edit(lambda: self.phone.plans.remove(sid)),
                        color=ft.Colors.RED_700,
                    ),
                ],
            )
        avatar = ft.CircleAvatar(
            content=ft.Text(str(n), weight=ft.FontWeight.W_600),
            bgcolor=STATUS_COLOR["approved" if wp.status == "approved" else "none"],
            color=ft.Colors.WHITE,
            radius=16,
        )
        return tile(name, [ft.Row(spacing=6, controls=sub)], leading=avatar, trailing=trailing)

    # -- actions -------------------------------------------------------------------------------

    def _go_week(self, days: int) -> None:
        self.week += dt.timedelta(days=days)
        self.day += dt.timedelta(days=days)
        self.refresh()

    def _pick_day(self, day: dt.date) -> Callable[[Any], None]:
        def pick(e: Any) -> None:
            self.day = day
            self.refresh()

        return pick

    def _edit(self, change: Callable[[], Any]) -> Callable[[Any], None]:
        def run(e: Any) -> None:
            try:
                change()
            except FieldSalesError as exc:
                self.shell.fail(exc)
                return
            self.shell.saved()
            self.refresh()

        return run

    def _optimise(self, e: Any) -> None:
        try:
            est = self.phone.plans.optimise(self.week, self.day, self.shell.locator.fix)
        except FieldSalesError as exc:
            self.shell.fail(exc)
            return
        self.shell.saved()
        self.refresh()
        self.shell.toast(
            self.t("plan_optimised", km=fmt.distance(est.distance_km * 1000, self.lang))
        )

    def _open_suggestions(self) -> None:
        self.shell.open("plan_suggest", week=self.week, day=self.day)

    def _open_actual(self) -> None:
        self.shell.open("plan_actual")

    def _submit(self, e: Any) -> None:
        wp = self._wp
        if wp is None or wp.plan is None or self.busy:
            return
        plan_id = wp.plan["id"]
        self.shell.confirm(
            self.t("plan_submit_title"),
            self.t(
                "plan_submit_text",
                n=wp.stop_count,
                a=md(wp.week_start),
                b=md(wp.week_start + dt.timedelta(days=6)),
            ),
            self.t("plan_submit_ok"),
            lambda: self._run(
                lambda: self.phone.plans.submit(plan_id, self.phone.sync.sync), "plan_submitted"
            ),
        )

    def _withdraw(self, e: Any) -> None:
        wp = self._wp
        if wp is None or wp.plan is None or self.busy:
            return
        plan_id = wp.plan["id"]
        self.shell.confirm(
            self.t("plan_withdraw"),
            self.t("plan_withdraw_text"),
            self.t("plan_withdraw_ok"),
            lambda: self._run(
                lambda: self.phone.plans.withdraw(plan_id, self.phone.sync.sync), "plan_withdrawn"
            ),
            danger=True,
        )

    def _run(self, work: Callable[[], Any], done_key: str) -> None:
        """Talk to the server off the event loop, then show the outcome."""
        self.busy = True
        self.refresh()

        def go() -> None:
            try:
                work()
            except FieldSalesError as exc:
                self.busy = False
                self.refresh()
                self.shell.fail(exc)
                return
            self.busy = False
            self.refresh()
            self.shell.toast(self.t(done_key))

        self.shell.page.run_thread(go)
