"""The offline base map in the exported HTML (`fieldsales map export --offline`): the same
packaged province/city/district lines the phone draws (fieldapp/domain/districts.py), so a
shared map is readable without tiles.

Provinces are drawn for all of China; cities and districts only round the exported customers
(their box plus PAD_DEG). District names are written from DISTRICT_NAMES_ZOOM, the same zoom
as on the phone. Points go to the tiles' datum like the customers (GCJ-02 for AMap).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

import folium

from fieldapp.domain import districts
from fieldapp.domain.geo import wgs84_to_gcj02
from fieldapp.domain.simplify import thin
from fieldapp.ui.map.map_boundaries import DISTRICT_NAMES_ZOOM, STYLE

PAD_DEG = 0.3
THIN_DEG = {"province": 0.01, "city": 0.002, "district": 0.0003}
CSS = """
.fs-area-name{color:#4A5866;font-size:12px;line-height:1.2;white-space:nowrap;text-align:center;
  text-shadow:0 0 3px #fff,0 0 3px #fff;pointer-events:none}
.fs-names-hidden .fs-area-name{display:none}
"""


def add_boundaries(m: folium.Map, points: Sequence[tuple[float, float]], gcj: bool) -> int:
    """Add the boundary lines and district names to m; returns how many lines were drawn."""
    b = districts.load()
    conv: Callable[[float, float], tuple[float, float]] = (
        wgs84_to_gcj02 if gcj else (lambda la, ln: (la, ln))
    )
    box = (-90.0, -180.0, 90.0, 180.0)
    if points:
        lats, lngs = [p[0] for p in points], [p[1] for p in points]
        box = (min(lats) - PAD_DEG, min(lngs) - PAD_DEG, max(lats) + PAD_DEG, max(lngs) + PAD_DEG)
    group = folium.FeatureGroup(name="行政区划 Boundaries", control=False)
    n = 0
    for level in ("district", "city", "province"):  # provinces drawn last, on top
        color, width = STYLE[level]
        pool = b.provinces if level == "province" else b.in_box(level, box)
        for a in pool:
            for ring in a.rings:
                pts = [conv(la, ln) for la, ln in thin(ring, THIN_DEG[level])]
                folium.PolyLine(
                    pts, color=color, weight=width + 0.4, opacity=0.9, interactive=False
                ).add_to(group)
                n += 1
    names = folium.FeatureGroup(name="区县名称 District names", control=False)
    for a in b.in_box("district", box):
        folium.Marker(
            conv(*a.label),
            icon=folium.DivIcon(
                html=f'<div class="fs-area-name" data-area="{a.name}">{a.name}</div>',
                icon_size=(120, 16),
                icon_anchor=(60, 8),
                class_name="fs-area-label",
            ),
            interactive=False,
        ).add_to(names)
    group.add_to(m)
    names.add_to(m)
    m.get_root().header.add_child(folium.Element(f"<style>{CSS}</style>"))
    # after the map's own script (folium writes it later in the same block): on DOMContentLoaded
    zoom = json.dumps(DISTRICT_NAMES_ZOOM)
    js = (
        "document.addEventListener('DOMContentLoaded',function(){"
        f"var m={m.get_name()};function f(){{"
        f"m.getContainer().classList.toggle('fs-names-hidden', m.getZoom() < {zoom});}}"
        "m.on('zoomend', f);f();});"
    )
    m.get_root().script.add_child(folium.Element(js))
    return n
