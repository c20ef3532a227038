"""The one colour/legend table: its content, and that the HTML export draws exactly from it."""

from __future__ import annotations

import ast
import datetime as dt
import html
import json
import re
from pathlib import Path

import pytest

from backend.map_export import MapCustomer
from backend.map_page import build_page
from backend.map_script import SCRIPT
from fieldapp.domain import legend
from fieldapp.domain.legend import (
    GRADES,
    RINGS,
    SEVERITIES,
    TIERS,
    TILES,
    UNGRADED,
    cluster_size,
    cluster_style,
    marker_style,
    worse,
)

OKABE_ITO = {
    "#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
}  # fmt: skip
DOMAIN = Path(legend.__file__).parent


def customers() -> list[MapCustomer]:
    """One customer of every grade, tier and alert level."""
    out = []
    for i, grade in enumerate([*"ABCD", None]):
        for tier in (1, 2, 3):
            sev = SEVERITIES[(i + tier) % 4]
            warns = () if sev == "none" else (("churn", sev),)
            out.append(
                MapCustomer(
                    f"{i}-{tier}", f"C{i}{tier}", f"店{i}{tier}", tier, grade, "core",
                    31.2 + i / 100, 121.4 + tier / 100, 1000, 2000, 10, 100, None, None,
                    "李明", "上海区", warns,
                )
            )  # fmt: skip
    return out


@pytest.fixture(scope="module")
def page() -> str:
    """An exported page (no database needed: the page builder takes plain rows)."""
    return build_page(
        customers(), TILES["osm"], key=None, offline=False, as_of=dt.date(2026, 11, 27)
    )


def test_grade_palette_is_okabe_ito_and_distinct() -> None:
    """Graded colours are from Okabe–Ito, distinct, and none is an alert-ring colour."""
    colours = [g.color for k, g in GRADES.items() if k != UNGRADED]
    assert set(colours) <= OKABE_ITO and len(set(colours)) == 4
    assert set(GRADES) == {"A", "B", "C", "D", UNGRADED}
    rings = {r.color for k, r in RINGS.items() if k != "none"}
    assert rings <= OKABE_ITO and not rings & {g.color for g in GRADES.values()}


def test_rings_grow_with_severity_and_order_is_fixed() -> None:
    """The ring is wider for worse alerts, so severity reads without colour too."""
    assert SEVERITIES == ("none", "low", "medium", "high")
    widths = [RINGS[s].width for s in SEVERITIES]
    assert widths == sorted(widths) and len(set(widths)) == 4
    assert worse("low", "high") == "high" == worse("high", "medium")
    assert worse("none", "none") == "none"


def test_tiers_differ_in_shape_and_size() -> None:
    """Dealer > sub-distributor > store, each its own shape."""
    assert [TIERS[t].size for t in (1, 2, 3)] == sorted(
        (t.size for t in TIERS.values()), reverse=True
    )
    assert len({t.shape for t in TIERS.values()}) == 3


def test_every_label_is_bilingual() -> None:
    """Every legend entry has a Chinese and an English label."""
    labels = [(g.label_zh, g.label_en) for g in GRADES.values()]
    labels += [(r.label_zh, r.label_en) for r in RINGS.values()]
    labels += [(t.label_zh, t.label_en) for t in TIERS.values()]
    labels += list(legend.WARNING_KINDS.values()) + list(legend.QUADRANTS.values())
    labels += [(t.label_zh, t.label_en) for t in TILES.values()]
    for zh, en in labels:
        assert zh.strip() and en.strip() and re.search(r"[\u4e00-\u9fff]", zh + en)


def test_marker_and_cluster_styles_read_the_table() -> None:
    """The helpers the app draws with return the table's values."""
    m = marker_style("B", 2, "medium")
    assert (m.fill, m.ring, m.ring_width) == (GRADES["B"].color, RINGS["medium"].color, 3.5)
    assert (m.shape, m.size) == (TIERS[2].shape, TIERS[2].size)
    assert marker_style(None, 3).fill == GRADES[UNGRADED].color == marker_style("Z", 3).fill
    assert [cluster_size(n) for n in (2, 9, 10, 99, 100, 999, 1000, 10**6)] == [
        30, 30, 36, 36, 42, 42, 48, 48,
    ]  # fmt: skip
    c = cluster_style(120, "high")
    assert (c.ring, c.size, c.fill) == (RINGS["high"].color, 42, legend.CLUSTER_FILL)


def test_export_legend_box_is_the_table(page: str) -> None:
    """Parse the legend out of the exported HTML: it lists exactly the table's entries."""
    rows = re.findall(r'<div class="fs-row" data-legend="(\w+)" data-key="([^"]+)"([^>]*)>', page)
    found: dict[str, dict[str, dict[str, str]]] = {}
    for kind, key, attrs in rows:
        found.setdefault(kind, {})[key] = dict(re.findall(r'data-(\w+)="([^"]*)"', attrs))
    assert found["grade"] == {k: {"color": g.color} for k, g in GRADES.items()}
    assert found["ring"] == {k: {"color": r.color, "width": str(r.width)} for k, r in RINGS.items()}
    assert found["tier"] == {
        str(k): {"shape": t.shape, "size": str(t.size)} for k, t in TIERS.items()
    }
    text = html.unescape(re.sub(r"<[^>]+>", " ", page.split('id="fs-legend"')[1]))
    for g in GRADES.values():
        assert f"{g.label_zh} {g.label_en}" in text


def test_export_script_draws_only_with_the_table(page: str) -> None:
    """The markers' JavaScript gets every colour from the embedded table, which is the table."""
    start = re.search(r"\bS = JSON\.parse\(", page)
    assert start
    embedded = json.loads(json.JSONDecoder().raw_decode(page, start.end())[0])
    assert embedded == json.loads(json.dumps(legend.as_dict()))
    assert not re.findall(r"#[0-9A-Fa-f]{3,6}\b", SCRIPT)  # no colour of its own
    # the layer control's swatches are the grade colours too
    for g in GRADES.values():
        assert f"background:{g.color}" in page


def test_domain_modules_stay_packable() -> None:
    """geo, cluster and legend import nothing beyond the standard library and fieldapp (and
    cluster numpy, which Flet packs for Android and iOS: its index is vectorised)."""
    for name in ("geo.py", "cluster.py", "legend.py"):
        tree = ast.parse((DOMAIN / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                mods = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                mods = [node.module or ""]
            else:
                continue
            for mod in mods:
                top = mod.split(".")[0]
                assert (
                    top
                    in {
                        "__future__",
                        "math",
                        "dataclasses",
                        "typing",
                        "collections",
                        "operator",
                    }
                    or top == "fieldapp"
                    or (name, top) == ("cluster.py", "numpy")
                ), (name, mod)


def test_page_escapes_what_comes_from_the_database() -> None:
    """Names and scope cannot break out of the title or the script (popups escape them too)."""
    evil = "</script><script>alert(1)</script><!--"
    c = customers()[0]
    bad = MapCustomer(
        c.id, c.code, evil, c.tier, c.grade, c.quadrant, c.lat, c.lng, c.bought_12m, c.plan_12m,
        c.balance, c.credit_limit, None, None, evil, evil, c.warnings,
    )  # fmt: skip
    page = build_page(
        [bad], TILES["osm"], key=None, offline=False, as_of=dt.date(2026, 1, 1), scope=evil
    )
    assert "<script>alert" not in page and "<!--" not in page.split("<body>")[1]
    start = re.search(r"\bD = JSON\.parse\(", page)
    assert start
    data = json.loads(json.JSONDecoder().raw_decode(page, start.end())[0])
    assert data["rows"][0][3] == evil and data["reps"] == [evil]
