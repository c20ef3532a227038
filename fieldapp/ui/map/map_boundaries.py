"""The offline base map: province, city and district lines (and names) under the markers.

Drawn when there are no tiles (tiles switched off, or they failed to load: offline). Only the
areas whose box meets the viewport are drawn, each thinned to about a pixel at the camera's
zoom (fieldapp/domain/simplify.thin) and cached per zoom step; district lines and names appear
from DISTRICT_ZOOM, so a rep offline sees which district a cluster is in. The data comes from
fieldapp/domain/districts.py (WGS-84), converted to the tiles' datum like every drawn point.
The asset is read on a worker thread the first time, so opening the map never waits for it.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import flet as ft
import flet_map as fm

from fieldapp.domain import districts
from fieldapp.domain.cluster import viewport
from fieldapp.domain.districts import Area
from fieldapp.domain.simplify import thin

CITY_ZOOM = 6.5  # city lines from here
DISTRICT_ZOOM = 8.5  # district lines from here
DISTRICT_NAMES_ZOOM = 10.0  # district names from here (city names below, province names lower)
PX_TOL = 1.5  # thin lines to this many pixels
STYLE = {  # colour, width
    "province": ("#4A5866", 1.8),
    "city": ("#7D8A97", 1.1),
    "district": ("#9AA6B2", 0.8),
}
NAME_COLOR = {"province": "#33414E", "city": "#4A5866", "district": "#5C6B79"}


def levels(zoom: float) -> list[str]:
    """The boundary levels drawn at a zoom, coarsest first."""
    out = ["province"]
    if zoom >= CITY_ZOOM:
        out.append("city")
    if zoom >= DISTRICT_ZOOM:
        out.append("district")
    return out


def name_level(zoom: float) -> str:
    """Whose names are written at a zoom."""
    if zoom >= DISTRICT_NAMES_ZOOM:
        return "district"
    return "city" if zoom >= CITY_ZOOM else "province"


class BoundaryLayer:
    """Lines and names for the map screen (fresh controls per build, like ExecLayer)."""

    def __init__(self, screen: Any) -> None:
        self.screen = screen
        self.on = False
        self.lines = fm.PolylineLayer(polylines=[])
        self.names = fm.MarkerLayer(markers=[])
        self._cache: dict[tuple[str, str, int, bool], list[list[fm.MapLatitudeLongitude]]] = {}
        self._sig: tuple[Any, ...] | None = None
        self.drawn_ms = 0.0  # the last redraw's cost (benchmark, tests)
        self._loading = False  # the asset is being read on a worker thread

    def fresh(self, on: bool) -> list[Any]:
        """New layers for a rebuilt view; drawn at once when on and the data is loaded."""
        self.on = on
        self.lines = fm.PolylineLayer(polylines=[])
        self.names = fm.MarkerLayer(markers=[])
        self._sig = None
        if on:
            self.redraw(update=False)
        return [self.lines, self.names]

    def show(self) -> None:
        """Tiles failed: draw the boundaries from now on."""
        if not self.on:
            self.on = True
            self.redraw()

    def _data(self) -> districts.Boundaries | None:
        if districts.loaded() is not None:
            return districts.loaded()

        def load() -> None:
            districts.load()
            if self.on:
                self.redraw()

        if not self._loading:
            self._loading = True
            threading.Thread(target=load, daemon=True, name="boundaries").start()
        return None

    def _rings(self, a: Area, zstep: int, gcj: bool) -> list[list[fm.MapLatitudeLongitude]]:
        key = (a.level, a.code, zstep, gcj)
        got = self._cache.get(key)
        if got is None:
            tol = PX_TOL * 360.0 / (256 * 2.0**zstep)
            conv = self.screen.svc.to_display
            got = []
            for ring in a.rings:
                pts = thin(ring, tol)
                if len(pts) >= 3:
                    closed = [*pts, pts[0]] if pts[0] != pts[-1] else pts
                    got.append([fm.MapLatitudeLongitude(*conv(la, ln)) for la, ln in closed])
            self._cache[key] = got
        return got

    def redraw(self, update: bool = True) -> None:
        """Lines and names for the camera's viewport (nothing when off or not loaded yet)."""
        camera = self.screen.camera
        if not self.on or camera is None:
            return
        data = self._data()
        if data is None:
            return
        t0 = time.perf_counter()
        lat, lng, zoom = camera
        zstep = int(zoom)
        w, h = self.screen.size
        v = viewport(lat, lng, zoom, w, h)
        pad_lat, pad_lng = (v.north - v.south) * 0.1, 0.1
        box = (v.south - pad_lat, -180.0, v.north + pad_lat, 180.0)
        if not v.whole_width and v.west <= v.east:
            box = (box[0], v.west - pad_lng, box[2], v.east + pad_lng)
        gcj = bool(self.screen.svc.gcj)
        sig = (zstep, gcj, *(round(x, 2) for x in box))
        if sig == self._sig:
            return
        self._sig = sig
        lines: list[fm.PolylineMarker] = []
        drawn = levels(zoom)
        for level in drawn:
            color, width = STYLE[level]
            for a in data.in_box(level, box):
                if level == "city" and a.name == a.province:
                    continue  # a municipality: its city line is its province line
                if level != "district" and "district" in drawn and a.province in data.detailed:
                    continue  # its districts outline it, finer than the coarse line would
                for pts in self._rings(a, zstep, gcj):
                    lines.append(
                        fm.PolylineMarker(coordinates=pts, color=color, stroke_width=width)
                    )
        lines.reverse()  # districts under cities under provinces
        level = name_level(zoom)
        s, west, n, e = box
        names = [
            self._name(a, level)
            for a in data.in_box(level, box)
            if s <= a.label[0] <= n and west <= a.label[1] <= e
        ]
        self.lines.polylines = lines
        self.names.markers = names
        self.drawn_ms = (time.perf_counter() - t0) * 1000
        if update:
            with self.screen.shell.ui_lock:
                self.lines.update()
                self.names.update()

    def _name(self, a: Area, level: str) -> fm.Marker:
        lat, lng = self.screen.svc.to_display(*a.label)
        size = 13 if level == "province" else 12
        return fm.Marker(
            coordinates=fm.MapLatitudeLongitude(lat, lng),
            width=120,
            height=22,
            content=ft.Container(
                alignment=ft.Alignment.CENTER,
                content=ft.Text(
                    a.name,
                    size=size,
                    color=NAME_COLOR[level],
                    weight=ft.FontWeight.W_500,
                    no_wrap=True,
                    semantics_label=self.screen.t("map_area_name", name=a.name),
                ),
            ),
        )
