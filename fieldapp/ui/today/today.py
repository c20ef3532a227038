"""Today (今日): the approved route for today, the next visit, unplanned visits."""

from __future__ import annotations

import datetime as dt
from typing import Any

import flet as ft

from fieldapp.domain import clock
from fieldapp.services import formatting as fmt
from fieldapp.services.today import STOP_STATUS, TodayStop, visit_state
from fieldapp.ui.meetings.decision_parts import decisions_section
from fieldapp.ui.screen import Screen
from fieldapp.ui.today.today_orders import orders_section, overdue_section
from fieldapp.ui.today.today_warnings import warnings_section
from fieldapp.ui.widgets import (
    MUTED,
    STATUS_COLORS,
    big_button,
    card,
    empty,
    heading,
    note_banner,
    pill,
    row_button,
)
from fieldapp.ui.widgets.position import locate_then, manual_position_dialog

RELOCATE_AFTER_S = 90.0


class TodayScreen(Screen):
    """The rep's day: stops in route order with distance and status."""

    tab = "today"
    refresh_on_sync = True

    def title(self) -> str:
        """今日 with the date."""
        d = clock.today(self.shell.now())
        return f"{self.t('tab_today')} · {d.month}/{d.day} {self.t(f'weekday_{d.weekday()}')}"

    def actions(self) -> list[ft.Control]:
        """Locate again."""
        return [
            ft.IconButton(
                ft.Icons.MY_LOCATION,
                icon_color=ft.Colors.WHITE,
                tooltip=self.t("locate_again"),
                on_click=lambda e: locate_then(self.shell, self.refresh),
            )
        ]

    def body(self) -> ft.Control:
        """Progress, the next visit, the stops, unplanned visits."""
        phone = self.phone
        locator = self.shell.locator
        route = phone.today.route(locator.fix)
        active = phone.visits.active()
        items: list[ft.Control] = []
        status = phone.sync.status()
        if status.running and status.last_sync_at is None:
            items.append(note_banner(self.t("first_sync"), ft.Icons.DOWNLOADING))
        if active is not None:
            c = phone.customers.get(active["customer_id"]) or {}
            minutes = int(
                (self.shell.now() - fmt.parse_time(active["checkin_at"])).total_seconds() // 60
            )
            items.append(
                card(
                    ft.Row(
                        controls=[
                            ft.Icon(ft.Icons.STORE, color=STATUS_COLORS["in_progress"]),
                            ft.Text(
                                self.t("visiting_now", name=c.get("name", "")),
                                size=16,
                                weight=ft.FontWeight.W_600,
                                expand=True,
                            ),
                        ]
                    ),
                    ft.Text(self.t("visiting_since", minutes=minutes), color=MUTED),
                    big_button(
                        self.t("continue_visit"),
                        self._open_visit(active["customer_id"], None),
                        icon=ft.Icons.PLAY_ARROW,
                    ),
                )
            )
        done, total = route.done, len(route.stops)
        summary = [
            ft.Text(
                self.t(
                    "today_progress",
                    done=done,
                    total=total,
                    km=fmt.distance(route.length_m, self.lang),
                ),
                size=16,
                weight=ft.FontWeight.W_600,
            ),
            *(
                [
                    ft.Text(
                        self.t("today_empty", n=route.empty),
                        size=14,
                        color=STATUS_COLORS["empty"],
                        tooltip=self.t("today_empty_tip"),
                    )
                ]
                if route.empty
                else []
            ),
            ft.Semantics(
                container=True,
                label=self.t("today_progress_label"),
                content=ft.ProgressBar(
                    value=(done / total) if total else 0, height=6, border_radius=3
                ),
            ),
            ft.Row(
                controls=[
                    ft.Icon(
                        ft.Icons.GPS_FIXED if locator.fix else ft.Icons.GPS_OFF,
                        size=16,
                        color=MUTED,
                    ),
                    ft.Text(
                        locator.describe(self.lang, self.shell.now()),
                        size=13,
                        color=MUTED,
                        expand=True,
                    ),
                    ft.TextButton(
                        content=self.t("manual_position"),
                        on_click=lambda e: manual_position_dialog(self.shell, self.refresh),
                        tooltip=self.t("manual_position_tip"),
                    ),
                ]
            ),
        ]
        items.append(card(*summary))
        nxt = route.next_stop
        if active is None and nxt is not None:
            items.append(
                big_button(
                    self.t("start_next", name=nxt.name),
                    self._open_visit(nxt.customer["id"], nxt.stop["id"]),
                    icon=ft.Icons.NAVIGATION,
                    tooltip=self.t("start_next_tip"),
                )
            )
        items.append(heading(self.t("route_heading")))
        if not route.stops:
            items.append(empty(self.t("no_plan_today"), ft.Icons.EVENT_BUSY))
        self._to_receive = {o["customer_id"] for o in phone.order_status.to_receive()}
        for i, stop in enumerate(route.stops, start=1):
            items.append(self._stop(i, stop))
        if route.unplanned:
            items.append(heading(self.t("unplanned_heading")))
            for v in route.unplanned:
                c = phone.customers.get(v["customer_id"]) or {}
                status = visit_state(v) if v.get("status") == "done" else "in_progress"
                items.append(
                    ft.ListTile(
                        title=ft.Text(c.get("name", "")),
                        subtitle=ft.Text(
                            f"{fmt.clock(v.get('checkin_at'))} · {STOP_STATUS[status](self.lang)}"
                        ),
                        on_click=self._open_card(v["customer_id"]),
                    )
                )
        items += decisions_section(self)
        items += warnings_section(self)
        items += orders_section(self)
        items.append(overdue_section(self))
        items.append(
            ft.Container(
                padding=ft.Padding.only(top=8, bottom=24),
                content=row_button(
                    self.t("unplanned_visit"),
                    self._pick_unplanned,
                    icon=ft.Icons.ADD_LOCATION_ALT_OUTLINED,
                    tooltip=self.t("unplanned_visit_tip"),
                ),
            )
        )
        return ft.ListView(padding=ft.Padding.all(12), spacing=6, controls=items)

    def _stop(self, n: int, stop: TodayStop) -> ft.Control:
        color = STATUS_COLORS[stop.status]
        c = stop.customer or {}
        meta = [c.get("address") or ""]
        dist = []
        if stop.here_m is not None:
            dist.append(self.t("from_here", d=fmt.distance(stop.here_m, self.lang)))
        if stop.leg_m is not None:
            dist.append(self.t("from_previous", d=fmt.distance(stop.leg_m, self.lang)))
        return ft.Card(
            margin=ft.Margin.symmetric(vertical=2),
            content=ft.ListTile(
                leading=ft.CircleAvatar(
                    content=ft.Text(str(n), weight=ft.FontWeight.W_600),
                    bgcolor=color,
                    color=ft.Colors.WHITE,
                    radius=18,
                ),
                title=ft.Text(
                    stop.name,
                    size=16,
                    weight=ft.FontWeight.W_600,
                    max_lines=2,
                    overflow=ft.TextOverflow.ELLIPSIS,
                ),
                subtitle=ft.Column(
                    spacing=2,
                    controls=[
                        ft.Text(
                            " · ".join(x for x in meta if x),
                            size=13,
                            max_lines=2,
                            overflow=ft.TextOverflow.ELLIPSIS,
                        ),
                        ft.Text(" · ".join(dist) or "—", size=13, color=MUTED),
                        *(
                            [
                                ft.Text(
                                    self.t("ro_to_receive"),
                                    size=13,
                                    color=STATUS_COLORS["in_progress"],
                                )
                            ]
                            if c.get("id") in getattr(self, "_to_receive", ())
                            else []
                        ),
                    ],
                ),
                trailing=pill(
                    STOP_STATUS[stop.status](self.lang), color, filled=stop.status != "planned"
                ),
                on_click=self._open_card(c.get("id"), stop.stop["id"]) if c else None,
                content_padding=ft.Padding.only(left=10, right=10),
            ),
        )

    def _open_card(self, customer_id: str | None, stop_id: str | None = None) -> Any:
        def go(e: Any) -> None:
            if customer_id:
                self.shell.open("customer_card", customer_id=customer_id, plan_stop_id=stop_id)

        return go

    def _open_visit(self, customer_id: str, stop_id: str | None) -> Any:
        def go(e: Any) -> None:
            self.shell.open("visit", customer_id=customer_id, plan_stop_id=stop_id)

        return go

    def _pick_unplanned(self, e: Any) -> None:
        self.shell.open("customers", pick_for_visit=True)

    def on_shown(self) -> None:
        """Get a position for the distances (once in a while)."""
        fix = self.shell.locator.fix
        now = self.shell.now()
        if self.shell.locator.busy or (fix is not None and fix.age_s(now) < RELOCATE_AFTER_S):
            return
        if getattr(self, "_asked", None) and (now - self._asked).total_seconds() < RELOCATE_AFTER_S:
            return
        self._asked: dt.datetime = now
        locate_then(self.shell, self.refresh)
