"""What the map draws: customer markers, cluster bubbles, the legend (colours from legend.py)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

import flet as ft
import flet_map as fm

from fieldapp.domain import legend
from fieldapp.domain.cluster import Cluster
from fieldapp.services.mapview import Point, TileSpec
from fieldapp.ui.strings import t

ROUTE_COLOR = "#1F4E9E"
ME_COLOR = "#1A73E8"


def _label(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh


def grade_text(grade: str | None, lang: str) -> str:
    """A grade's legend label (未评级 when none)."""
    s = legend.grade_swatch(grade)
    return _label(lang, s.label_zh, s.label_en)


def severity_text(severity: str, lang: str) -> str:
    """An alert level's legend label."""
    r = legend.RINGS[severity]
    return _label(lang, r.label_zh, r.label_en)


def tier_text(tier: int, lang: str) -> str:
    """A tier's legend label."""
    s = legend.TIERS.get(tier, legend.TIERS[3])
    return _label(lang, s.label_zh, s.label_en)


def marker_label(p: Point, lang: str) -> str:
    """What a screen reader (and a test) hears for a customer marker."""
    alert = (
        ""
        if p.severity == "none"
        else t("map_alert_suffix", lang).format(sev=severity_text(p.severity, lang))
    )
    if p.overdue:
        alert += " · " + _label(lang, legend.OVERDUE.label_zh, legend.OVERDUE.label_en)
    return t("map_marker_label", lang).format(
        name=p.name, grade=grade_text(p.grade, lang), tier=tier_text(p.tier, lang), alert=alert
    )


def cluster_label(c: Cluster, lang: str) -> str:
    """What a screen reader (and a test) hears for a cluster bubble."""
    alert = (
        ""
        if c.worst == "none"
        else t("map_alert_suffix", lang).format(sev=severity_text(c.worst, lang))
    )
    return t("map_cluster_label", lang).format(n=c.count, alert=alert)


def shape(kind: str, size: float, fill: str, ring: str, ring_width: float) -> ft.Control:
    """A filled square, diamond or circle with a ring and a dark hairline outside it."""
    box = ft.Container(
        width=size,
        height=size,
        bgcolor=fill,
        border=ft.Border.all(ring_width, ring),
        shape=ft.BoxShape.CIRCLE if kind == "circle" else ft.BoxShape.RECTANGLE,
        border_radius=None if kind == "circle" else 3,
        shadow=ft.BoxShadow(spread_radius=1, blur_radius=0, color=legend.OUTLINE),
    )
    if kind == "diamond":
        box.width = box.height = size / math.sqrt(2) + ring_width
        box.rotate = ft.Rotate(angle=math.pi / 4)
    return box


def overdue_badge(**position: float) -> ft.Control:
    """The overdue mark: a small dark clock (legend.OVERDUE), placed where position says."""
    return ft.Container(
        **position,
        width=12,
        height=12,
        shape=ft.BoxShape.CIRCLE,
        bgcolor=legend.OVERDUE.color,
        alignment=ft.Alignment.CENTER,
        content=ft.Icon(ft.Icons.SCHEDULE, size=10, color=ft.Colors.WHITE),
    )


def point_marker(p: Point, lang: str, on_tap: Callable[[Point], Any]) -> fm.Marker:
    """A customer: fill by grade, shape and size by tier, ring (and !) by worst open warning."""
    st = legend.marker_style(p.grade, p.tier, p.severity)
    outer = st.size + 2 * st.ring_width + 4
    body: ft.Control = shape(st.shape, st.size, st.fill, st.ring, st.ring_width)
    layers: list[ft.Control] = [ft.Container(alignment=ft.Alignment.CENTER, content=body)]
    if p.severity in ("medium", "high"):
        layers.append(
            ft.Container(
                right=0,
                top=0,
                width=11,
                height=11,
                shape=ft.BoxShape.CIRCLE,
                bgcolor=st.ring,
                alignment=ft.Alignment.CENTER,
                content=ft.Text("!", size=8, color=ft.Colors.WHITE, weight=ft.FontWeight.BOLD),
            )
        )
    if p.overdue:
        layers.append(overdue_badge(left=0, bottom=0))
    return fm.Marker(
        coordinates=fm.MapLatitudeLongitude(p.lat, p.lng),
        width=outer + 6,
        height=outer + 6,
        content=ft.Container(
            tooltip=marker_label(p, lang),
            on_click=lambda e: on_tap(p),
            content=ft.Stack(controls=layers, width=outer + 6, height=outer + 6),
        ),
    )


def cluster_marker(c: Cluster, lang: str, on_tap: Callable[[Cluster], Any]) -> fm.Marker:
    """A bubble with the number of customers inside, ringed by the worst alert among them."""
    st = legend.cluster_style(c.count, c.worst)
    size = st.size + 2 * st.ring_width
    return fm.Marker(
        coordinates=fm.MapLatitudeLongitude(c.lat, c.lng),
        width=size + 4,
        height=size + 4,
        content=ft.Container(
            tooltip=cluster_label(c, lang),
            on_click=lambda e: on_tap(c),
            width=size,
            height=size,
            shape=ft.BoxShape.CIRCLE,
            bgcolor=st.fill,
            border=ft.Border.all(st.ring_width, st.ring),
            alignment=ft.Alignment.CENTER,
            content=ft.Text(
                f"{c.count:,}" if c.count < 10_000 else f"{c.count // 1000}k",
                size=12 if c.count < 1000 else 11,
                color=st.text,
                weight=ft.FontWeight.W_700,
            ),
        ),
    )


def tile_layers(spec: TileSpec, on_error: Callable[[Any], Any]) -> list[Any]:
    """The base map (and its label layer, if separate); on_error hears of failed tiles."""
    layers: list[Any] = [
        fm.TileLayer(
            url_template=spec.url,
            subdomains=spec.subdomains or ["a"],
            max_zoom=spec.max_zoom,
            user_agent_package_name="cn.fieldsales.app",
            on_image_error=on_error,
            evict_error_tile_strategy=fm.TileLayerEvictErrorTileStrategy.DISPOSE,
        )
    ]
    if spec.labels_url:
        layers.append(
            fm.TileLayer(
                url_template=spec.labels_url,
                subdomains=spec.subdomains,
                max_zoom=spec.max_zoom,
                user_agent_package_name="cn.fieldsales.app",
            )
        )
    return layers


def attribution(spec: TileSpec) -> fm.SimpleAttribution:
    """The tile provider's credit line (plain text of the legend table's HTML)."""
    return fm.SimpleAttribution(
        text=re.sub(r"<[^>]+>", "", spec.attribution).replace("&copy;", "©"),
        text_style=ft.TextStyle(size=10),
        alignment=ft.Alignment.TOP_RIGHT,  # the zoom buttons are bottom right
        bgcolor=ft.Colors.with_opacity(0.8, ft.Colors.WHITE),
    )


def me_layer(lat: float, lng: float) -> fm.CircleLayer:
    """The current position as a blue dot (drawn, not clickable: costs no marker control)."""
    return fm.CircleLayer(
        circles=[
            fm.CircleMarker(
                coordinates=fm.MapLatitudeLongitude(lat, lng),
                radius=8,
                color=ME_COLOR,
                border_color=ft.Colors.WHITE,
                border_stroke_width=3,
            )
        ]
    )


def route_layer(points: list[tuple[float, float]]) -> fm.PolylineLayer:
    """Today's route through the stops in order."""
    return fm.PolylineLayer(
        polylines=[
            fm.PolylineMarker(
                coordinates=[fm.MapLatitudeLongitude(a, b) for a, b in points],
                color=ROUTE_COLOR,
                border_color=ft.Colors.WHITE,
                border_stroke_width=2,
                stroke_width=4,
            )
        ]
    )


def stop_numbers(points: list[tuple[float, float]]) -> fm.MarkerLayer:
    """Today's stop numbers beside the stops (a handful of small, non-interactive badges)."""
    return fm.MarkerLayer(
        alignment=ft.Alignment(-2.2, -2.2),  # up and left of the stop, clear of its marker
        markers=[
            fm.Marker(
                coordinates=fm.MapLatitudeLongitude(lat, lng),
                width=18,
                height=18,
                content=ft.Container(
                    shape=ft.BoxShape.CIRCLE,
                    bgcolor=ROUTE_COLOR,
                    border=ft.Border.all(1.5, ft.Colors.WHITE),
                    alignment=ft.Alignment.CENTER,
                    content=ft.Text(
                        str(i), size=10, color=ft.Colors.WHITE, weight=ft.FontWeight.BOLD
                    ),
                ),
            )
            for i, (lat, lng) in enumerate(points, start=1)
        ],
    )


def legend_strip(lang: str) -> ft.Control:
    """One line of grade colours over the map."""
    items: list[ft.Control] = []
    for key in ("A", "B", "C", "D", legend.UNGRADED):
        s = legend.GRADES[key]
        items.append(
            ft.Row(
                spacing=3,
                tight=True,
                controls=[
                    ft.Container(width=10, height=10, bgcolor=s.color, shape=ft.BoxShape.CIRCLE),
                    ft.Text(
                        key if key != legend.UNGRADED else _label(lang, "未评", "n/g"), size=11
                    ),
                ],
            )
        )
    return ft.Row(spacing=8, tight=True, controls=items)


def legend_sheet(lang: str) -> ft.Control:
    """The full legend: grade colours, alert rings, tier shapes, clusters, route (compact)."""

    def item(icon: ft.Control, text: str) -> ft.Control:
        return ft.Row(
            spacing=6,
            tight=True,
            controls=[
                ft.Container(width=24, height=24, alignment=ft.Alignment.CENTER, content=icon),
                ft.Text(text, size=14),
            ],
        )

    def section(title: str, items: list[ft.Control]) -> list[ft.Control]:
        return [
            ft.Text(title, weight=ft.FontWeight.W_600),
            ft.Row(wrap=True, spacing=14, run_spacing=4, controls=items),
        ]

    grades = [
        item(shape("circle", 16, s.color, "#FFFFFF", 1.5), _label(lang, s.label_zh, s.label_en))
        for s in legend.GRADES.values()
    ]
    rings = [
        item(shape("circle", 16, "#DDDDDD", r.color, r.width), _label(lang, r.label_zh, r.label_en))
        for r in legend.RINGS.values()
    ]
    rings.append(
        item(
            ft.Stack(
                width=22,
                height=22,
                controls=[
                    ft.Container(
                        alignment=ft.Alignment.CENTER,
                        content=shape("circle", 16, "#DDDDDD", legend.RINGS["high"].color, 3),
                    ),
                    overdue_badge(left=0, bottom=0),
                ],
            ),
            _label(lang, legend.OVERDUE.label_zh, legend.OVERDUE.label_en),
        )
    )
    tiers = [
        item(
            shape(s.shape, s.size, "#888888", "#FFFFFF", 1.5), _label(lang, s.label_zh, s.label_en)
        )
        for s in legend.TIERS.values()
    ]
    return ft.Column(
        tight=True,
        spacing=6,
        controls=[
            *section(t("map_legend_grades", lang), grades),
            *section(t("map_legend_rings", lang), rings),
            *section(t("map_legend_tiers", lang), tiers),
            ft.Text(t("map_legend_cluster", lang), size=13),
            ft.Text(t("map_legend_route", lang), size=13),
        ],
    )
