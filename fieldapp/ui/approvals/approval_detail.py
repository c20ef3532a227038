"""One plan for the approver: each day's route on a small map, the stops, approve or reject."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import flet as ft
import flet_map as fm

from fieldapp.errors import FieldSalesError
from fieldapp.services import formatting as fmt
from fieldapp.services.approvals import STATUS, DayPlan
from fieldapp.services.i18n import FieldErrors
from fieldapp.ui.plans.plan_parts import STATUS_COLOR, estimate_text, md, rep_label, stop_details
from fieldapp.ui.screen import Screen
from fieldapp.ui.theme import PRIMARY_COLOR
from fieldapp.ui.widgets import MUTED, FormState, big_button, card, heading, pill

MAP_HEIGHT = 190
ROUTE_COLOR = "#0072B2"  # Okabe–Ito blue, as the legend's grades


def route_map(dp: DayPlan, label: str) -> ft.Control | None:
    """A small map of a day: the route as a line, numbered stops (no tiles: works offline)."""
    points = [
        (i, c["lat"], c["lng"])
        for i, s in enumerate(dp.stops, start=1)
        if (c := s.customer) and c.get("lat") is not None and c.get("lng") is not None
    ]
    if not points:
        return None
    coords = [fm.MapLatitudeLongitude(lat, lng) for _, lat, lng in points]
    markers = [
        fm.Marker(
            coordinates=fm.MapLatitudeLongitude(lat, lng),
            width=26,
            height=26,
            content=ft.Container(
                width=26,
                height=26,
                border_radius=13,
                bgcolor=PRIMARY_COLOR,
                border=ft.Border.all(2, ft.Colors.WHITE),
                alignment=ft.Alignment.CENTER,
                content=ft.Text(str(i), size=12, color=ft.Colors.WHITE, weight=ft.FontWeight.W_600),
            ),
        )
        for i, lat, lng in points
    ]
    layers: list[Any] = [
        fm.PolylineLayer(
            polylines=[fm.PolylineMarker(coordinates=coords, color=ROUTE_COLOR, stroke_width=4)]
        ),
        fm.MarkerLayer(markers=markers),
    ]
    lat0, lng0 = points[0][1], points[0][2]
    fit = (
        fm.CameraFit(coordinates=coords, padding=ft.Padding.all(32), max_zoom=16)
        if len(points) > 1
        else None
    )
    m = fm.Map(
        height=MAP_HEIGHT,
        initial_center=fm.MapLatitudeLongitude(lat0, lng0),
        initial_zoom=15,
        initial_camera_fit=fit,
        bgcolor="#E8EEF2",
        interaction_configuration=fm.InteractionConfiguration(flags=fm.InteractionFlag.NONE),
        layers=layers,
    )
    return ft.Semantics(
        label=label,
        container=True,
        content=ft.Container(
            height=MAP_HEIGHT, border_radius=10, clip_behavior=ft.ClipBehavior.HARD_EDGE, content=m
        ),
    )


class ApprovalScreen(Screen):
    """A submitted plan: header, days with map and stops, the comment and the decision."""

    def __init__(self, shell: Any, plan_id: str) -> None:
        super().__init__(shell)
        self.plan_id = plan_id
        self.form = FormState()
        self.busy = False
        self._status = "submitted"
        self._name = ""

    def title(self) -> str:
        """张三 的拜访计划."""
        return self.t("approval_title", name=self._name or self.t("approvals_unknown_rep"))

    def body(self) -> ft.Control:
        """The plan's header, each day with its map and stops, the comment field."""
        detail = self.phone.approvals.plan(self.plan_id)
        head = detail.head
        self._name = rep_label(self, head)
        self._status = head.plan.get("status") or "submitted"
        km = fmt.distance(detail.distance_km * 1000, self.lang)
        end = head.week_start + dt.timedelta(days=6)
        week = f"{md(head.week_start)} – {md(end)}"
        items: list[ft.Control] = [
            card(
                ft.Row(
                    controls=[
                        ft.Text(
                            f"{self._name} · {head.area_name}" if head.area_name else self._name,
                            size=16,
                            weight=ft.FontWeight.W_600,
                            expand=True,
                        ),
                        pill(
                            STATUS[self._status](self.lang), STATUS_COLOR[self._status], filled=True
                        ),
                    ]
                ),
                ft.Text(week, size=14),
                ft.Text(self.t("approval_total", n=head.stops, km=km), size=14, color=MUTED),
                *(
                    [ft.Text(self.t("plan_comment", c=head.plan["decision_comment"]), size=14)]
                    if head.plan.get("decision_comment")
                    else []
                ),
                padding=12,
            )
        ]
        for dp in detail.days:
            day = f"{self.t(f'weekday_{dp.day.weekday()}')} {md(dp.day)}"
            items.append(heading(day))
            m = route_map(dp, self.t("approval_map_label", day=day))
            if m is not None:
                items.append(m)
            items.append(ft.Text(estimate_text(self, dp), size=13, color=MUTED))
            for i, s in enumerate(dp.stops, start=1):
                items.append(self._stop(i, s))
        if self._status == "submitted":
            items.append(
                ft.Container(
                    padding=ft.Padding.only(top=12, bottom=24),
                    content=self.form.field(
                        "comment",
                        self.t("approval_comment"),
                        hint_text=self.t("approval_comment_hint"),
                        multiline=True,
                        min_lines=2,
                        max_lines=4,
                        max_length=2000,
                        on_change=self._typed,
                    ),
                )
            )
        return ft.ListView(padding=ft.Padding.all(12), spacing=6, controls=items)

    def _typed(self, e: Any) -> None:
        """The comment's error goes once something is typed."""
        if self.form.errors.pop("comment", None) is not None:
            e.control.error = None
            e.control.update()

    def _stop(self, n: int, s: Any) -> ft.Control:
        c = s.customer or {}
        sub = stop_details(c, self.lang)
        return ft.Row(
            spacing=10,
            controls=[
                ft.CircleAvatar(
                    content=ft.Text(str(n), size=12, weight=ft.FontWeight.W_600),
                    bgcolor=PRIMARY_COLOR,
                    color=ft.Colors.WHITE,
                    radius=13,
                ),
                ft.Column(
                    spacing=2,
                    expand=True,
                    controls=[
                        ft.Text(
                            s.name,
                            size=15,
                            weight=ft.FontWeight.W_600,
                            max_lines=1,
                            overflow=ft.TextOverflow.ELLIPSIS,
                        ),
                        ft.Row(spacing=6, controls=sub),
                    ],
                ),
            ],
        )

    def bottom(self) -> ft.Control | None:
        """Reject and approve, at the thumb."""
        if self._status != "submitted":
            return None
        return ft.BottomAppBar(
            padding=ft.Padding.symmetric(horizontal=12, vertical=8),
            height=76,
            content=ft.Row(
                spacing=10,
                controls=[
                    ft.Container(
                        expand=1,
                        content=big_button(
                            self.t("approval_reject"),
                            self._decide(False),
                            icon=ft.Icons.CLOSE,
                            tooltip=self.t("approval_reject_tip"),
                            danger=True,
                            disabled=self.busy,
                        ),
                    ),
                    ft.Container(
                        expand=1,
                        content=big_button(
                            self.t("approval_approve"),
                            self._decide(True),
                            icon=ft.Icons.CHECK,
                            tooltip=self.t("approval_approve_tip"),
                            disabled=self.busy,
                        ),
                    ),
                ],
            ),
        )

    def _decide(self, approve: bool) -> Callable[[Any], None]:
        def go(e: Any) -> None:
            if self.busy:
                return
            self.busy = True
            self.form.errors = {}
            comment = self.form.get("comment")
            self.shell.page.run_thread(self._decide_now, approve, comment)

        return go

    def _decide_now(self, approve: bool, comment: str) -> None:
        svc = self.phone.approvals
        try:
            if approve:
                svc.approve(self.plan_id, comment)
            else:
                svc.reject(self.plan_id, comment)
        except FieldErrors as exc:
            self.busy = False
            self.form.errors = {k: m(self.lang) for k, m in exc.fields.items()}
            self.refresh()
            return
        except FieldSalesError as exc:
            self.busy = False
            self.refresh()
            self.shell.fail(exc)
            return
        self.busy = False
        self.shell.toast(
            self.t("approval_approved" if approve else "approval_rejected", name=self._name)
        )
        self.shell.request_sync()
        self.shell.pop()
