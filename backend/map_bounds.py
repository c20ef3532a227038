"""The offline base map in the exported HTML (`fieldsales map export --offline`): the same
packaged province/city/district lines the phone draws (fieldapp/domain/districts.py), so a
shared map is readable without tiles.

Provinces are drawn for all of China; cities and districts only round the exported customers
(their box plus PAD_DEG). District names are written from DISTRICT_NAMES_ZOOM, the same zoom
as on the phone. Points go to the tiles' datum like the customers (GCJ-02 for AMap).

The lines travel as one compact JSON array (integer steps of 1e-5°, ~1 m, each point after a
ring's first as the step from the one before) and one multi-line per level is drawn in the
browser: a folium PolyLine per ring and Marker per name meant ~4,000 objects, each a compiled
Jinja template, taking ~3 s and ~11.6 MB for a national export (docs/basemap.md).
"""

from __future__ import annotations

from collections.abc import Sequence

from fieldapp.domain import districts
from fieldapp.domain.geo import wgs84_to_gcj02
from fieldapp.domain.simplify import thin
from fieldapp.ui.map.map_boundaries import DISTRICT_NAMES_ZOOM, STYLE

PAD_DEG = 0.3
THIN_DEG = {"province": 0.01, "city": 0.002, "district": 0.0003}
LEVELS = ("district", "city", "province")  # drawing order: provinces last, on top
STEP = 1e-5  # degrees per unit of the encoded lines
CSS = """
.fs-area-name{color:#4A5866;font-size:12px;line-height:1.2;white-space:nowrap;text-align:center;
  text-shadow:0 0 3px #fff,0 0 3px #fff;pointer-events:none}
.fs-names-hidden .fs-area-name{display:none}
"""
# B = {levels: [[colour, width], ...], step, lines: [[level#, lat, lng, dlat, dlng, ...], ...]
#      in steps, names: [[lat, lng, name], ...], zoom}; M is the folium map
SCRIPT = """(function(M, B){
  var k = B.step, parts = B.levels.map(function(){ return []; });
  B.lines.forEach(function(r){
    var lat = r[1], lng = r[2], pts = [[lat * k, lng * k]];
    for (var i = 3; i < r.length; i += 2) {
      lat += r[i]; lng += r[i + 1]; pts.push([lat * k, lng * k]);
    }
    parts[r[0]].push(pts);
  });
  parts.forEach(function(p, i){
    if (p.length) L.polyline(p, {color: B.levels[i][0], weight: B.levels[i][1], opacity: 0.9,
                                 interactive: false}).addTo(M);
  });
  function esc(s){
    return s.replace(/[&<>"]/g, function(c){ return "&#" + c.charCodeAt(0) + ";"; });
  }
  B.names.forEach(function(n){
    var t = esc(n[2]);
    L.marker([n[0], n[1]], {interactive: false, keyboard: false, icon: L.divIcon({
      html: '<div class="fs-area-name" data-area="' + t + '">' + t + '</div>',
      iconSize: [120, 16], iconAnchor: [60, 8], className: 'fs-area-label'})}).addTo(M);
  });
  function f(){ M.getContainer().classList.toggle('fs-names-hidden', M.getZoom() < B.zoom); }
  M.on('zoomend', f); f();
})"""


def boundaries(points: Sequence[tuple[float, float]], gcj: bool) -> dict[str, object]:
    """The lines and district names round these points, as the page's script reads them."""
    b = districts.load()
    box = (-90.0, -180.0, 90.0, 180.0)
    if points:
        lats, lngs = [p[0] for p in points], [p[1] for p in points]
        box = (min(lats) - PAD_DEG, min(lngs) - PAD_DEG, max(lats) + PAD_DEG, max(lngs) + PAD_DEG)
    lines: list[list[int]] = []
    for i, level in enumerate(LEVELS):
        pool = b.provinces if level == "province" else b.in_box(level, box)
        for a in pool:
            for ring in a.rings:
                pts = thin(ring, THIN_DEG[level])
                if gcj:
                    pts = [wgs84_to_gcj02(la, ln) for la, ln in pts]
                lats = [round(la / STEP) for la, _ in pts]
                lngs = [round(ln / STEP) for _, ln in pts]
                row = [i, lats[0], lngs[0]]
                for k in range(1, len(lats)):
                    row += (lats[k] - lats[k - 1], lngs[k] - lngs[k - 1])
                lines.append(row)
    names = [
        [*(wgs84_to_gcj02(*a.label) if gcj else a.label), a.name] for a in b.in_box("district", box)
    ]
    return {
        "levels": [(STYLE[level][0], STYLE[level][1] + 0.4) for level in LEVELS],
        "step": STEP,
        "lines": lines,
        "names": names,
        "zoom": DISTRICT_NAMES_ZOOM,
    }
