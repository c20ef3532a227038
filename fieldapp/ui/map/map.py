"""The map (地图): customers by grade and alert, clustered per viewport; near me; today's route.

The map never holds more than MARKER_CAP marker controls: on every camera change (debounced)
the service clusters the filtered customers for the visible box and the marker layer is
replaced. Tiles come from the provider chosen in Settings; when they cannot be loaded the
markers stay on a plain background and a line says so.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import flet as ft
import flet_map as fm

from fieldapp.domain import legend
from fieldapp.domain.cluster import Cluster
from fieldapp.errors import FieldSalesError
from fieldapp.services.mapview import MapFilter, MapView, Point
from fieldapp.ui.map import map_districts, map_sheets
from fieldapp.ui.map.map_boundaries import BoundaryLayer
from fieldapp.ui.map.map_exec import ExecLayer
from fieldapp.ui.map.map_marks import (
    attribution,
    cluster_marker,
    legend_strip,
    me_layer,
    point_marker,
    route_layer,
    stop_numbers,
    tile_layers,
)
from fieldapp.ui.map.map_unplaced import unplaced_chip
from fieldapp.ui.widgets import chips
from fieldapp.ui.widgets.position import locate_then

RELOCATE_AFTER_S = 90.0
DEBOUNCE_S = 0.25  # re-cluster once the camera has rested this long
CHROME_PX = 56 + 80 + 30 + 52  # app bar, navigation, sync strip, grade chips (a first guess)
PLAIN_BG = "#E8ECEF"


class MapScreen(map_sheets.MapScreenBase):
    """Customers on a map, coloured by grade, ringed by their worst open warning."""

    tab = "map"
    refresh_on_sync = True  # only when a sync brought changes; the camera stays where it was

    def __init__(self, shell: Any) -> None:
        super().__init__(shell)
        self.flt = MapFilter()
        self.camera: tuple[float, float, float] | None = None
        page = shell.page
        self.size = (float(page.width or 390), max(200.0, float(page.height or 844) - CHROME_PX))
        self.last: MapView | None = None
        self.drawn_at: float | None = None  # perf_counter when markers were last put on the map
        self._gen = 0
        self._tiles_failed = False
        self.map: fm.Map | None = None
        self.markers = fm.MarkerLayer(markers=[])
        self._sig = None
        self.rep_choices: list[tuple[str, str]] | None = None  # reps with names, once fetched
        self.status = ft.Text("", size=12)
        self.note = ft.Container(visible=False)
        self.grades = ft.Container()
        self.me: fm.CircleLayer | None = None
        self.attribution: fm.SimpleAttribution | None = None
        self.exec = ExecLayer(self)  # the 高层拜访 layer and its chip
        self.bounds = BoundaryLayer(self)  # offline: province/city/district lines and names

    def title(self) -> str:
        """地图."""
        return self.t("tab_map")

    def actions(self) -> list[ft.Control]:
        """Near me, filters, legend."""
        n = self.flt.active - (self.flt.grade is not None)
        return [
            ft.IconButton(
                ft.Icons.NEAR_ME,
                icon_color=ft.Colors.WHITE,
                tooltip=self.t("map_near"),
                on_click=lambda e: self.near_me(),
            ),
            ft.IconButton(
                ft.Icons.FILTER_ALT if n else ft.Icons.FILTER_ALT_OUTLINED,
                icon_color=ft.Colors.WHITE,
                tooltip=self.t("map_filters_n", n=n) if n else self.t("map_filters"),
                on_click=lambda e: map_sheets.show_filters(self),
            ),
            ft.IconButton(
                ft.Icons.INFO_OUTLINE,
                icon_color=ft.Colors.WHITE,
                tooltip=self.t("map_legend"),
                on_click=lambda e: map_sheets.show_legend(self),
            ),
        ]

    # -- building ---------------------------------------------------------------------------

    def body(self) -> ft.Control:
        """Grade chips, then the map with its legend and status line on top."""
        svc = self.svc
        w, h = self.size
        # a rebuilt view needs fresh controls
        self.markers = fm.MarkerLayer(markers=[])
        self._sig = None
        self.status = ft.Text("", size=12)
        self.note = ft.Container(visible=False)
        self.grades = ft.Container()
        if self.camera is None:
            self.camera = svc.home(self.flt, w, h)
        lat, lng, zoom = self.camera
        spec = svc.tile_spec()
        layers: list[Any] = tile_layers(spec, self._tile_error) if spec else []
        layers += self.bounds.fresh(on=spec is None)
        route = svc.route()
        if len(route.points) >= 2:
            layers.append(route_layer(route.points))
        if route.points:
            layers.append(stop_numbers(route.points))
        fix = self.shell.locator.fix
        self.me = me_layer(*svc.to_display(fix.lat, fix.lng)) if fix else fm.CircleLayer(circles=[])
        layers += [self.me, self.markers, self.exec.fresh()]
        self.attribution = attribution(spec) if spec else None
        if self.attribution is not None:  # the provider's credit, on top of everything
            layers.append(self.attribution)
        self.map = fm.Map(
            expand=True,
            initial_center=fm.MapLatitudeLongitude(lat, lng),
            initial_zoom=zoom,
            min_zoom=3,
            max_zoom=19,
            bgcolor=PLAIN_BG,
            layers=layers,
            on_position_change=self._moved,
            on_long_press=self._long_pressed,
            on_size_change=self._resized,
            size_change_interval=200,
            interaction_configuration=fm.InteractionConfiguration(
                flags=fm.InteractionFlag.ALL & ~fm.InteractionFlag.ROTATE
            ),
        )
        self._tiles_failed = False
        self._show_note(None if spec is not None else self.t("map_tiles_off"))
        self.grades.content = self._grade_chips()
        self._draw(update=False)
        zoom_buttons = ft.Column(
            spacing=6,
            controls=[
                self._round(ft.Icons.ADD, "map_zoom_in", lambda e: self._zoom(+1)),
                self._round(ft.Icons.REMOVE, "map_zoom_out", lambda e: self._zoom(-1)),
                self._round(ft.Icons.ZOOM_OUT_MAP, "map_fit_all", lambda e: self.fit_all()),
            ],
        )
        overlay = ft.Container(
            left=8,
            bottom=8,
            padding=ft.Padding.symmetric(horizontal=10, vertical=6),
            border_radius=12,
            bgcolor=ft.Colors.with_opacity(0.92, ft.Colors.WHITE),
            content=ft.Column(
                spacing=2,
                tight=True,
                controls=[legend_strip(self.lang), self.status, map_districts.button(self)],
            ),
        )
        return ft.Column(
            expand=True,
            spacing=0,
            controls=[
                self.grades,
                ft.Stack(
                    expand=True,
                    controls=[
                        self.map,
                        ft.Container(top=8, left=8, right=8, content=self.note),
                        ft.Container(right=8, bottom=8, content=zoom_buttons),
                        overlay,
                    ],
                ),
            ],
        )

    def _round(self, icon: ft.IconData, tip: str, on_click: Any) -> ft.Control:
        return ft.IconButton(
            icon,
            tooltip=self.t(tip),
            on_click=on_click,
            bgcolor=ft.Colors.WHITE,
            icon_color=ft.Colors.BLACK_87,
            style=ft.ButtonStyle(shape=ft.CircleBorder(), elevation=2),
        )

    def _grade_chips(self) -> ft.Control:
        en = self.lang == "en"
        opts = [(k, s.label_en if en else s.label_zh) for k, s in legend.GRADES.items()]
        row = chips(
            opts,
            self.flt.grade,
            lambda g: self.set_filter(MapFilter(**{**self.flt.__dict__, "grade": g})),
        )
        if isinstance(row, ft.Row):  # the 高层拜访 layer's toggle after the grades
            row.controls.append(self.exec.chip())
            unplaced = unplaced_chip(self)  # 未定位 N: customers the map cannot draw
            if unplaced is not None:
                row.controls.append(unplaced)
        return ft.Container(
            padding=ft.Padding.symmetric(horizontal=8, vertical=6),
            content=row,
        )

    def _show_note(self, text: str | None) -> None:
        self.note.visible = text is not None
        self.note.content = ft.Container(
            padding=ft.Padding.symmetric(horizontal=12, vertical=8),
            border_radius=10,
            bgcolor=ft.Colors.with_opacity(0.94, "#FFF4E5"),
            content=ft.Row(
                spacing=8,
                controls=[
                    ft.Icon(ft.Icons.CLOUD_OFF, size=18, color="#8A5300"),
                    ft.Text(text or "", size=13, color="#5C3A00", expand=True),
                ],
            ),
        )

    # -- drawing ------------------------------------------------------------------------------

    def _draw(self, update: bool = True) -> None:
        """Cluster the viewport and replace the marker layer (never more than the cap)."""
        if self.camera is None:
            return
        lat, lng, zoom = self.camera
        try:
            v = self.svc.view(self.flt, lat, lng, zoom, *self.size)
        except FieldSalesError as exc:
            self.shell.fail(exc)
            return
        self.bounds.redraw(update)
        lang = self.lang
        sig = (
            tuple((c.lat, c.lng, c.count, c.worst) for c in v.clusters),
            tuple(p.id for p in v.points),
        )
        same = sig == self._sig  # a small pan inside the same cells: keep the controls
        if not same:
            marks = [cluster_marker(c, lang, self._cluster_tapped) for c in v.clusters]
            marks += [point_marker(p, lang, self._point_tapped) for p in v.points]
            self.markers.markers = marks
            self._sig = sig
        self.last = v
        self.status.value = self.t("map_in_view", n=v.total, total=v.matching)
        if update:
            with self.shell.ui_lock:
                if not same:
                    self.markers.update()
                self.status.update()
        self.drawn_at = time.perf_counter()

    def _moved(self, e: fm.MapPositionChangeEvent) -> None:
        c = e.camera
        self.camera = (c.center.latitude, c.center.longitude, float(c.zoom))
        self._gen += 1
        gen = self._gen

        async def later() -> None:
            await asyncio.sleep(DEBOUNCE_S)
            if gen == self._gen and self.map is not None:
                self._draw()

        self.shell.page.run_task(later)

    def _resized(self, e: Any) -> None:
        if e.width and e.height and (e.width, e.height) != self.size:
            self.size = (float(e.width), float(e.height))
            self._draw()

    def _tile_error(self, e: Any) -> None:
        if not self._tiles_failed:
            self._tiles_failed = True
            self._show_note(self.t("map_tiles_offline_bounds"))
            self.bounds.show()
            with self.shell.ui_lock:
                self.note.update()
                if self.attribution is not None:  # no tiles: nothing to credit
                    self.attribution.visible = False
                    self.attribution.update()

    async def _move(self, lat: float, lng: float, zoom: float) -> None:
        self.camera = (lat, lng, zoom)
        self._draw()
        if self.map is not None:
            await self.map.move_to(destination=fm.MapLatitudeLongitude(lat, lng), zoom=zoom)

    def _zoom(self, step: int) -> None:
        if self.camera is not None:
            lat, lng, zoom = self.camera
            self.shell.page.run_task(self._move, lat, lng, max(3.0, min(19.0, zoom + step)))

    def fit_all(self) -> None:
        """Show every customer that passes the filter."""
        self.shell.page.run_task(self._move, *self.svc.home(self.flt, *self.size))

    # -- taps -------------------------------------------------------------------------------

    def _cluster_tapped(self, c: Cluster) -> None:
        zoom = self.camera[2] if self.camera else 10.0
        self.shell.page.run_task(self._move, *self.svc.zoom_into(c, *self.size, zoom))

    def _point_tapped(self, p: Point) -> None:
        s = self.svc.summary(p.id, self.shell.locator.fix)
        if s is not None:
            map_sheets.show_card(self, s)

    def _long_pressed(self, e: fm.MapTapEvent) -> None:
        """Offer the pressed point as the position (converted back from the tiles' datum)."""
        try:
            fix = self.svc.picked(e.coordinates.latitude, e.coordinates.longitude)
        except FieldSalesError as exc:
            self.shell.fail(exc)
            return

        def use() -> None:
            self.shell.locator.set_manual(fix)
            self._show_me()

        text = self.t("map_pick_text", lat=fix.lat, lng=fix.lng)
        self.shell.confirm(self.t("map_pick_title"), text, self.t("map_pick_ok"), use)

    def focus_point(self, p: Point) -> None:
        """Centre on a customer and show its card."""
        zoom = max(self.camera[2] if self.camera else 15.0, 16.0)
        self.shell.page.run_task(self._move, p.lat, p.lng, zoom)
        self._point_tapped(p)

    def set_filter(self, flt: MapFilter) -> None:
        """Show only the customers that pass flt."""
        self.flt = flt
        self.grades.content = self._grade_chips()
        self._draw(update=False)
        if self.last is not None and self.last.matching and not self.last.total:
            self.fit_all()  # nothing of the new choice in view: show where they are
        with self.shell.ui_lock:
            self.grades.update()
            self.markers.update()
            self.status.update()
        if self.view is not None and isinstance(self.view.appbar, ft.AppBar):
            self.view.appbar.actions = [*self.actions(), *self.view.appbar.actions[3:]]
            with self.shell.ui_lock:
                self.view.appbar.update()

    def near_me(self) -> None:
        """Locate, centre on the position and list the nearest outlets."""

        def located() -> None:
            fix = self.shell.locator.fix
            if fix is None:
                problem = self.shell.locator.problem
                self.shell.toast(problem(self.lang) if problem else self.t("map_near_none"))
                return
            lat, lng = self.svc.to_display(fix.lat, fix.lng)
            self._show_me()
            self.shell.page.run_task(self._move, lat, lng, 15.0)
            map_sheets.show_near(self, self.svc.near(fix, self.flt))

        locate_then(self.shell, located)

    def on_shown(self) -> None:
        """Find the position for the blue dot and the cards' distances (once in a while)."""
        fix, now = self.shell.locator.fix, self.shell.now()
        if self.shell.locator.busy or (fix is not None and fix.age_s(now) < RELOCATE_AFTER_S):
            return
        self.shell.locator.problem = None
        locate_then(self.shell, self._show_me)

    def _show_me(self) -> None:
        fix = self.shell.locator.fix
        if fix is None or self.me is None or self.map is None:
            return
        self.me.circles = me_layer(*self.svc.to_display(fix.lat, fix.lng)).circles
        with self.shell.ui_lock:
            self.me.update()

    def open_card(self, customer_id: str) -> None:
        """The full customer card."""
        self.shell.open("customer_card", customer_id=customer_id)

    def start_visit(self, customer_id: str) -> None:
        """Start a visit here (for today's stop when the outlet is on the route)."""
        stop_id = None
        for s in self.phone.today.route().stops:
            if s.customer and s.customer.get("id") == customer_id and s.status != "done":
                stop_id = s.stop["id"]
                break
        self.shell.open("visit", customer_id=customer_id, plan_stop_id=stop_id)
