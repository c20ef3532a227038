"""The HTML page of `fieldsales map export`: folium map, customer layer, legend, assets.

Customers travel as one compact JSON array; markers, clusters and popups are made in the
browser (the way folium's FastMarkerCluster does it), because 50,000 folium Marker objects
take minutes in Python and tens of megabytes of HTML. Every colour, shape and label comes
from `fieldapp.domain.legend`, embedded once as JSON.

The layer control lists one entry per grade and per warning kind present (with counts); they
filter one clustered layer rather than stack copies of it: a customer shows when its grade is
ticked and, if it has open warnings, one of their kinds is ticked, else "no warning" is.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import json
import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import folium
from branca.element import CssLink, Element, JavascriptLink, MacroElement
from folium.map import Layer
from folium.template import Template

from backend import map_bounds
from backend.map_script import SCRIPT, STYLE
from fieldapp.domain import legend
from fieldapp.domain.legend import TileSource
from fieldapp.errors import FieldSalesError

if TYPE_CHECKING:
    from backend.map_export import MapCustomer

ASSETS_DIR = Path(__file__).resolve().parents[1] / "assets" / "leaflet"
_CDN = "https://cdn.jsdelivr.net/npm"
# (file in assets/leaflet, the same file of the same version on the CDN); order matters
_JS = [
    ("leaflet.js", f"{_CDN}/leaflet@1.9.4/dist/leaflet.js"),
    (
        "leaflet.markercluster.js",
        f"{_CDN}/leaflet.markercluster@1.5.3/dist/leaflet.markercluster.js",
    ),
    ("leaflet-heat.js", f"{_CDN}/leaflet.heat@0.2.0/dist/leaflet-heat.js"),
]
_CSS = [
    ("leaflet.css", f"{_CDN}/leaflet@1.9.4/dist/leaflet.css"),
    ("MarkerCluster.css", f"{_CDN}/leaflet.markercluster@1.5.3/dist/MarkerCluster.css"),
]
NO_WARNING = "-"  # the warning-kind toggle for customers without open warnings
_CHINA = (35.0, 105.0)
_CHUNKED_ABOVE = 5000  # markers; above this the cluster loads in chunks and the page stays live
# From this zoom on (a street, ~6 km across a desktop screen) every marker is drawn on its own:
# Leaflet.markercluster's build time grows with each zoom level it clusters (50,000 markers:
# ~2.9 s when clustering up to zoom 19, ~1.1 s up to 14, on this 2-core machine).
UNCLUSTER_AT = 15
MIN_ZOOM = 3  # all of China still fits a phone; spares markercluster three levels


def _js_json(value: object) -> str:
    """JSON that is safe inside a <script> element, parsed by JSON.parse (faster for big data)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    # no "<" at all inside the <script> element: neither "</script>" nor "<!--" can end it
    return "JSON.parse(" + json.dumps(text, ensure_ascii=False).replace("<", "\\u003c") + ")"


def _row(
    c: MapCustomer, kinds: dict[str, int], reps: dict[str, int], areas: dict[str, int]
) -> list[object]:
    """One customer as the compact array the page's JavaScript reads (see map_script)."""
    sev = legend.SEVERITY_RANK
    return [
        c.lat, c.lng, c.code, c.name, c.tier,
        c.grade or legend.UNGRADED, c.quadrant or "",
        reps.setdefault(c.rep or "", len(reps)), areas.setdefault(c.area, len(areas)),
        c.bought_12m, c.plan_12m, c.balance, c.credit_limit,
        c.last_purchase or "", c.last_visit or "",
        [[kinds[k], sev[s]] for k, s in c.warnings], sev[c.worst],
    ]  # fmt: skip


class _Raw(Element):
    """Literal HTML: unlike Element(text), not compiled as a Jinja template (slow when big)."""

    _template = Template("{{ this.text }}")

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


def _render_script(
    el: MacroElement, text: str, js: list[tuple[str, str]], css: list[tuple[str, str]]
) -> None:
    """Put links and a literal script into the figure (branca would compile the script as a
    Jinja template first: seconds for megabytes of data)."""
    figure = el.get_root()
    for name, link in js:
        figure.header.add_child(JavascriptLink(link), name=name)
    for name, link in css:
        figure.header.add_child(CssLink(link), name=name)
    figure.script.add_child(_Raw(text), name=el.get_name())


class _Heat(Layer):
    """A leaflet.heat layer of pre-serialised [lat, lng, weight] rows, hidden until ticked."""

    def __init__(self, data: str, name: str, js: list[tuple[str, str]]) -> None:
        super().__init__(name=name, overlay=True, control=True, show=False)
        self._name = "Heat"
        self.data, self.js = data, js

    def render(self, **kwargs: object) -> None:
        """Emit `var heat = L.heatLayer(...)` (the layer control adds it when ticked)."""
        options = {"radius": 22, "blur": 18, "max": 1000, "minOpacity": 0.35, "maxZoom": 12}
        text = f"var {self.get_name()} = L.heatLayer({self.data}, {json.dumps(options)});"
        _render_script(self, text, self.js, [])


class _Script(MacroElement):
    """A layer drawn by a script of ours after the map exists (customers, boundaries)."""

    def __init__(
        self, name: str, script: str, js: list[tuple[str, str]], css: list[tuple[str, str]]
    ) -> None:
        super().__init__()
        self._name = name
        self.script, self.js, self.css = script, js, css

    def render(self, **kwargs: object) -> None:
        """Emit the layer's script and the links it needs."""
        _render_script(self, self.script, self.js, self.css)


def _swatch(color: str, ring: str = legend.OUTLINE, width: float = 1, round_: bool = False) -> str:
    """A small coloured square or dot for labels."""
    radius = "50%" if round_ else "2px"
    return (
        f'<i class="fs-sw" style="background:{color};border:{width}px solid {ring};'
        f'border-radius:{radius}"></i>'
    )


def legend_html(title: str) -> str:
    """The legend box, built only from the legend table (data-* attributes let tests read it)."""
    rows = [f'<div class="fs-legend-title">{html.escape(title)}</div>']
    rows.append('<div class="fs-legend-sec">等级 Grade</div>')
    for g in legend.GRADES.values():
        rows.append(
            f'<div class="fs-row" data-legend="grade" data-key="{g.key}" data-color="{g.color}">'
            f"{_swatch(g.color)}{g.label_zh} {g.label_en}</div>"
        )
    rows.append('<div class="fs-legend-sec">预警（圈） Alert ring</div>')
    for r in legend.RINGS.values():
        rows.append(
            f'<div class="fs-row" data-legend="ring" data-key="{r.key}" data-color="{r.color}"'
            f' data-width="{r.width}">{_swatch("#DDDDDD", r.color, r.width, True)}'
            f"{r.label_zh} {r.label_en}</div>"
        )
    rows.append('<div class="fs-legend-sec">层级 Tier</div>')
    for t in legend.TIERS.values():
        rows.append(
            f'<div class="fs-row" data-legend="tier" data-key="{t.tier}" data-shape="{t.shape}"'
            f' data-size="{t.size}"><i class="fs-tier fs-{t.shape}"'
            f' style="width:{t.size * 0.6:.0f}px;height:{t.size * 0.6:.0f}px"></i>'
            f"{t.label_zh} {t.label_en}</div>"
        )
    return '<div id="fs-legend" class="fs-legend leaflet-control">' + "".join(rows) + "</div>"


def _inline_css(name: str) -> str:
    """A vendored stylesheet with its images turned into data: URIs."""
    css = (ASSETS_DIR / name).read_text(encoding="utf-8")

    def data_uri(m: re.Match[str]) -> str:
        png = (ASSETS_DIR / m.group(1)).read_bytes()
        return "url(data:image/png;base64," + base64.b64encode(png).decode("ascii") + ")"

    return re.sub(r"url\((images/[\w.-]+\.png)\)", data_uri, css)


def _inline_js(name: str) -> str:
    """A vendored script without its source-map comment, safe inside <script>."""
    js = (ASSETS_DIR / name).read_text(encoding="utf-8")
    js = re.sub(r"^//# sourceMappingURL=.*$", "", js, flags=re.MULTILINE)
    return js.replace("</script", "<\\/script")


def build_page(
    customers: list[MapCustomer],
    source: TileSource,
    *,
    key: str | None,
    offline: bool,
    as_of: dt.date,
    scope: str = "",
) -> str:
    """The whole HTML document for these customers on these tiles."""
    placed = [c for c in customers if c.lat is not None and c.lng is not None]
    m = folium.Map(location=_CHINA, zoom_start=4, tiles=None, control_scale=True)
    title = "客户地图 Customer map" + (f" · {scope}" if scope else "")  # scope: names from the DB
    m.get_root().title = html.escape(title)
    if offline:
        missing = [n for n, _ in _JS + _CSS if not (ASSETS_DIR / n).is_file()]
        if missing:
            raise FieldSalesError(
                f"缺少离线地图资源 {ASSETS_DIR}：{', '.join(missing)}",
                f"offline map assets missing in {ASSETS_DIR}: {', '.join(missing)}",
            )
        m.default_js, m.default_css = [], []
        for name in (n for n, _ in _CSS):
            m.get_root().header.add_child(_Raw(f"<style>{_inline_css(name)}</style>"))
        for name in (n for n, _ in _JS):
            m.get_root().header.add_child(_Raw(f"<script>{_inline_js(name)}</script>"))
        js: list[tuple[str, str]] = []
        css: list[tuple[str, str]] = []
    else:
        m.default_js, m.default_css = [("leaflet", _JS[0][1])], [("leaflet_css", _CSS[0][1])]
        js, css = [("markercluster", _JS[1][1])], [("markercluster_css", _CSS[1][1])]
    m.get_root().header.add_child(_Raw(f"<style>{STYLE}</style>"))

    def url(template: str) -> str:
        return template.replace("{tk}", key or "")

    tile_opts = {"subdomains": source.subdomains} if source.subdomains else {}
    base = folium.TileLayer(
        url(source.url),
        attr=source.attribution,
        name=f"{source.label_zh} {source.label_en}",
        min_zoom=MIN_ZOOM,  # the map's too: Leaflet takes the layers' range
        max_zoom=source.max_zoom,
        control=False,
        **tile_opts,
    ).add_to(m)
    if source.labels_url:
        folium.TileLayer(
            url(source.labels_url),
            attr=source.attribution,
            name="labels",
            max_zoom=source.max_zoom,
            overlay=True,
            control=False,
            **tile_opts,
        ).add_to(m)

    if offline:  # readable without tiles: the packaged boundaries under the markers
        pts = [(c.lat, c.lng) for c in placed if c.lat is not None and c.lng is not None]
        bounds_data = map_bounds.boundaries(pts, gcj=source.datum == "gcj02")
        m.get_root().header.add_child(_Raw(f"<style>{map_bounds.CSS}</style>"))
        script = (
            f"var fs_boundaries = {_js_json(bounds_data)};\n"
            f"{map_bounds.SCRIPT}({m.get_name()}, fs_boundaries);"
        )
        m.add_child(_Script("Boundaries", script, [], []))

    per_grade = Counter(c.grade or legend.UNGRADED for c in placed)
    per_kind = Counter(k for c in placed for k in {k for k, _ in c.warnings})
    kinds = {k: i for i, k in enumerate(legend.WARNING_KINDS)}
    toggles: list[tuple[folium.FeatureGroup, str, str]] = []
    for g in legend.GRADES.values():
        if per_grade[g.key]:
            label = f"{_swatch(g.color)}{g.label_zh} {g.label_en} ({per_grade[g.key]:,})"
            toggles.append((folium.FeatureGroup(name=label), "g", g.key))
    none_ring, high_ring = legend.RINGS["none"], legend.RINGS["high"]
    n_clear = sum(1 for c in placed if not c.warnings)
    if n_clear:
        label = f"{_swatch('#DDD', '#999', 1, True)}{none_ring.label_zh} {none_ring.label_en}"
        toggles.append((folium.FeatureGroup(name=f"{label} ({n_clear:,})"), "k", NO_WARNING))
    for kind, (zh, en) in legend.WARNING_KINDS.items():
        if per_kind[kind]:
            label = f"{_swatch('#DDD', high_ring.color, 2, True)}{zh} {en} ({per_kind[kind]:,})"
            toggles.append((folium.FeatureGroup(name=label), "k", kind))
    for group, _, _ in toggles:
        group.add_to(m)
    top = max((c.bought_12m for c in placed), default=0)
    if top > 0:  # weights in thousandths of the biggest buyer
        heat = [[c.lat, c.lng, 1000 * c.bought_12m // top] for c in placed if c.bought_12m > 0]
        heat_js = [] if offline else [("leaflet_heat", _JS[2][1])]
        _Heat(_js_json(heat), "进货热力图 Purchases heat map", heat_js).add_to(m)
    control = folium.LayerControl(collapsed=False).add_to(m)  # before the script that uses it

    reps: dict[str, int] = {}
    areas: dict[str, int] = {}
    rows = [_row(c, kinds, reps, areas) for c in placed]
    bounds = None
    if placed:
        lats = [c.lat for c in placed if c.lat is not None]
        lngs = [c.lng for c in placed if c.lng is not None]
        bounds = [[min(lats), min(lngs)], [max(lats), max(lngs)]]
    data = {
        "rows": rows,
        "kinds": list(legend.WARNING_KINDS),
        "reps": list(reps),
        "areas": list(areas),
        "bounds": bounds,
    }
    script = (
        SCRIPT.replace("__MAP__", m.get_name())
        .replace("__TILES__", base.get_name())
        .replace("__CONTROL__", control.get_name())
        .replace("__LEGEND__", _js_json(legend.as_dict()))
        .replace("__CHUNKED_ABOVE__", str(_CHUNKED_ABOVE))
        .replace("__UNCLUSTER_AT__", str(UNCLUSTER_AT))
        .replace("__NO_WARNING__", json.dumps(NO_WARNING))
        .replace(
            "__TOGGLES__",
            "{list: ["
            + ",".join(f"[{g.get_name()},{json.dumps(t)},{json.dumps(k)}]" for g, t, k in toggles)
            + "]}",
        )
        .replace("__DATA__", _js_json(data))  # last: the data may contain the other markers
    )
    m.add_child(_Script("Customers", script, js, css))

    title += f" · {as_of.isoformat()} · {len(placed):,}"
    body = m.get_root().html
    body.add_child(_Raw(legend_html(title)))
    body.add_child(
        _Raw(
            '<div id="fs-offline">底图不可用（离线）— 客户标记仍可使用'
            " | Map tiles unavailable (offline) — markers still work</div>"
        )
    )
    return m.get_root().render()
