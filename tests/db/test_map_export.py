"""`fieldsales map export` on the small fixture: the file, the figures in it, filters and errors."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from pathlib import Path

import psycopg
import pytest

from backend import map_cli
from backend.importer import import_frames
from backend.map_export import export_map, load_customers, window
from fieldapp.domain.geo import wgs84_to_gcj02
from fieldapp.domain.legend import WARNING_KINDS
from fieldapp.errors import InvalidInput
from tests.fixtures import small_frames

AS_OF = dt.date(2026, 2, 15)


@pytest.fixture
def shop(conn: psycopg.Connection) -> psycopg.Connection:
    """The small fixture, plus what the importer does not load: warnings and a visit."""
    import_frames(conn, small_frames(), evaluate=False)
    conn.execute(
        """
        insert into public.warnings (customer_id, kind, cause_key, severity, status, resolved_at)
        select c.id, w.kind, w.cause, w.severity, w.status,
               case when w.status = 'resolved' then now() end
        from public.customers c,
             (values ('churn', 'c1', 'low', 'open'),
                     ('credit_over_limit', 'c2', 'high', 'acknowledged'),
                     ('behind_plan', 'c3', 'medium', 'resolved')) w(kind, cause, severity, status)
        where c.code = 'D001'
        """
    )
    conn.execute(
        """
        insert into public.visits (rep_id, customer_id, status, checkin_at)
        select p.id, c.id, v.status, v.at::timestamptz
        from public.profiles p, public.customers c,
             (values ('done', '2026-02-02 23:30:00+00'),  -- 07:30 on 3 February in Shanghai
                     ('cancelled', '2026-02-10 09:00:00+08'),
                     ('done', '2026-03-01 09:00:00+08')) v(status, at)  -- after AS_OF
        where p.email = 'rep1@example.cn' and c.code = 'D001'
        """
    )
    return conn


def embedded(page: str, var: str) -> object:
    """The JSON a page's script assigns to `var` with JSON.parse("...")."""
    start = re.search(rf"\b{var} = JSON\.parse\(", page)
    assert start, f"no {var} = JSON.parse( in the page"
    text, _ = json.JSONDecoder().raw_decode(page, start.end())
    return json.loads(text)


def test_window_is_twelve_calendar_months_with_current_month_share() -> None:
    """Start of the window, the current month, and how much of it has elapsed."""
    assert window(dt.date(2026, 2, 15)) == (dt.date(2025, 3, 1), dt.date(2026, 2, 1), 15 / 28)
    assert window(dt.date(2026, 12, 31)) == (dt.date(2026, 1, 1), dt.date(2026, 12, 1), 1.0)
    assert window(dt.date(2024, 2, 29))[2] == 1.0  # leap day ends February


def test_key_figures_come_from_one_query(shop: psycopg.Connection) -> None:
    """Purchases vs plan, balance vs limit, last purchase/visit and open warnings, per customer."""
    by_code = {c.code: c for c in load_customers(shop, AS_OF)}
    d = by_code["D001"]
    assert (d.bought_12m, d.plan_12m) == (1800, 3600)  # 50 × 36; January's plan
    assert (d.balance, d.credit_limit) == (1800 - 1000 - 72, 100000)  # payment, accepted return
    assert (d.last_purchase, d.last_visit) == ("2026-01-10", "2026-02-03")
    assert d.warnings == (("credit_over_limit", "high"), ("churn", "low"))  # resolved one left out
    # graded B by its imported scorecard (the latest scorecard sets the grade at once)
    assert d.worst == "high" and (d.rep, d.area, d.tier, d.grade) == ("李明", "上海区", 1, "B")
    s = by_code["S001"]
    # bought from its dealer: a purchase, but what it owes D001 is not our receivable
    # (docs/figures.md: the balance counts the manufacturer's own sales only)
    assert (s.bought_12m, s.plan_12m, s.balance, s.last_visit) == (300, 0, 0, None)
    assert s.warnings == () and s.worst == "none"
    assert by_code["R001"].lat is None
    # filtered, each aggregate only reads the picked customers' rows: same figures
    area_id = shop.execute("select id::text from public.areas where code = 'SH'").fetchone()[0]
    assert load_customers(shop, AS_OF, area_id=area_id) == list(by_code.values())
    # as of 20 January, January's plan counts for 20 of its 31 days
    early = {c.code: c for c in load_customers(shop, dt.date(2026, 1, 20))}["D001"]
    assert early.plan_12m == round(3600 * 20 / 31) and early.last_visit is None


def test_export_writes_one_file_with_the_figures(shop: psycopg.Connection, tmp_path: Path) -> None:
    """The HTML holds every placed customer with its figures; stats say what was written."""
    out = tmp_path / "map.html"
    stats = export_map(shop, out, as_of=AS_OF)
    assert (stats.customers, stats.on_map, stats.without_position, stats.with_warnings) == (
        3,
        2,
        1,
        1,
    )
    page = out.read_text(encoding="utf-8")
    assert stats.bytes == len(page.encode("utf-8")) and stats.path == out
    data = embedded(page, "D")
    rows = {r[2]: r for r in data["rows"]}
    assert set(rows) == {"D001", "S001"}
    d = rows["D001"]
    assert d[:4] == [31.23, 121.47, "D001", "上海鑫源副食品批发部"]
    assert d[9:15] == [1800, 3600, 728, 100000, "2026-01-10", "2026-02-03"]
    kinds = data["kinds"]
    assert [(kinds[k], s) for k, s in d[15]] == [("credit_over_limit", 3), ("churn", 1)]
    assert data["reps"][d[7]] == "李明" and data["areas"][d[8]] == "上海区"
    assert kinds == list(WARNING_KINDS)
    # one toggle per grade and per warning kind present, in the layer control
    assert "Grade B (1)" in page and "Not graded (1)" in page
    assert "Over credit limit (1)" in page and "Churn (1)" in page
    assert "Behind plan" not in page.split("fs-legend")[0]  # resolved: no layer for it
    assert "Purchases heat map" in page and "L.heatLayer(" in page


def test_filters_by_area_including_sub_areas_and_by_rep(
    shop: psycopg.Connection, tmp_path: Path
) -> None:
    """--area takes sub-areas along; --rep matches the e-mail in any case."""
    for area, rep in (
        ("SH", None),
        ("hd", None),
        (None, "REP1@example.cn"),
        ("SH", "rep1@example.cn"),
    ):
        stats = export_map(shop, tmp_path / "m.html", area=area, rep=rep, as_of=AS_OF)
        assert stats.customers == 3, (area, rep)
    shop.execute("insert into public.areas (code, name) values ('BJ', '北京区')")
    assert export_map(shop, tmp_path / "m.html", area="BJ", as_of=AS_OF).customers == 0
    assert export_map(shop, tmp_path / "m.html", rep="boss@example.cn", as_of=AS_OF).on_map == 0


@pytest.mark.parametrize(
    ("kwargs", "zh", "en"),
    [
        ({"area": "XX"}, "没有编码为 “XX” 的区域（已有：HD, SH）", "no area with code 'XX'"),
        ({"rep": "nobody@example.cn"}, "nobody@example.cn", "no rep (user) with e-mail"),
        ({"tiles": "google"}, "未知底图", "unknown tiles 'google'"),
    ],
)
def test_bad_input_raises_and_writes_nothing(
    shop: psycopg.Connection, tmp_path: Path, kwargs: dict[str, str], zh: str, en: str
) -> None:
    """An unknown area, rep or tile source is InvalidInput in both languages; no file appears."""
    out = tmp_path / "map.html"
    with pytest.raises(InvalidInput) as err:
        export_map(shop, out, as_of=AS_OF, **kwargs)
    assert zh in err.value.message_zh and en in err.value.message_en
    assert list(tmp_path.iterdir()) == []


def test_failed_export_leaves_an_existing_file_alone(
    shop: psycopg.Connection, tmp_path: Path
) -> None:
    """The file is replaced only by a complete new one."""
    out = tmp_path / "map.html"
    out.write_text("old")
    with pytest.raises(InvalidInput):
        export_map(shop, out, area="nope")
    assert out.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["map.html"]


def test_amap_tiles_get_gcj02_positions(shop: psycopg.Connection, tmp_path: Path) -> None:
    """On AMap tiles every point is shifted to GCJ-02 with the tested conversion."""
    out = tmp_path / "amap.html"
    export_map(shop, out, tiles="amap", as_of=AS_OF)
    page = out.read_text(encoding="utf-8")
    rows = {r[2]: r for r in embedded(page, "D")["rows"]}  # type: ignore[index]
    lat, lng = wgs84_to_gcj02(31.23, 121.47)
    assert rows["D001"][:2] == pytest.approx([lat, lng], abs=2e-6)
    assert "autonavi.com/appmaptile" in page and "tile.openstreetmap.org" not in page


def test_tianditu_needs_a_key(
    shop: psycopg.Connection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without TIANDITU_KEY the export says how to get tiles; with it, the key is in the URLs."""
    monkeypatch.delenv("TIANDITU_KEY", raising=False)
    with pytest.raises(InvalidInput, match="TIANDITU_KEY"):
        export_map(shop, tmp_path / "t.html", tiles="tianditu")
    monkeypatch.setenv("TIANDITU_KEY", "k123")
    export_map(shop, tmp_path / "t.html", tiles="tianditu", as_of=AS_OF)
    page = (tmp_path / "t.html").read_text(encoding="utf-8")
    urls = re.findall(r'"(https://t\{s\}\.tianditu\.gov\.cn/[^"]+)"', page)
    assert [u.replace("\\u0026", "&") for u in urls] == [
        "https://t{s}.tianditu.gov.cn/DataServer?T=vec_w&x={x}&y={y}&l={z}&tk=k123",
        "https://t{s}.tianditu.gov.cn/DataServer?T=cva_w&x={x}&y={y}&l={z}&tk=k123",
    ]


def test_offline_embeds_every_asset(shop: psycopg.Connection, tmp_path: Path) -> None:
    """--offline: no script or stylesheet is fetched; online: the same versions from a CDN."""
    export_map(shop, tmp_path / "off.html", offline=True, as_of=AS_OF)
    export_map(shop, tmp_path / "on.html", as_of=AS_OF)
    off = (tmp_path / "off.html").read_text(encoding="utf-8")
    on = (tmp_path / "on.html").read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=", off)
    assert 't.version="1.9.4"' in off and "L.MarkerClusterGroup" in off and "L.heatLayer=" in off
    assert "url(data:image/png;base64," in off and "url(images/" not in off
    assert "sourceMappingURL" not in off
    links = re.findall(r'<(?:script src|link rel="stylesheet" href)="([^"]+)"', on)
    assert sorted(links) == sorted(
        [
            "https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.js",
            "https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.css",
            "https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.5.3/dist/leaflet.markercluster.js",
            "https://cdn.jsdelivr.net/npm/leaflet.markercluster@1.5.3/dist/MarkerCluster.css",
            "https://cdn.jsdelivr.net/npm/leaflet.heat@0.2.0/dist/leaflet-heat.js",
        ]
    )


def test_offline_draws_the_packaged_boundaries(shop: psycopg.Connection, tmp_path: Path) -> None:
    """Issue 19: --offline adds province/city/district lines and district names (Shanghai's
    round the customers); with tiles there are none."""
    export_map(shop, tmp_path / "off.html", offline=True, as_of=AS_OF)
    export_map(shop, tmp_path / "on.html", as_of=AS_OF)
    off = (tmp_path / "off.html").read_text(encoding="utf-8")
    on = (tmp_path / "on.html").read_text(encoding="utf-8")
    data = embedded(off, "fs_boundaries")
    assert {"黄浦区", "浦东新区"} <= {n[2] for n in data["names"]}
    assert len(data["lines"]) > 50 and {r[0] for r in data["lines"]} == {0, 1, 2}
    assert "fs-area-name" in off  # the script writing the names
    assert "fs-area-name" not in on and "L.polyline(" not in on


def test_cli_map_export(
    shop: psycopg.Connection,
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`map export --area SH --offline -o FILE` writes the file and says how many customers."""
    parser = argparse.ArgumentParser(prog="fieldsales")
    map_cli.add_parser(parser.add_subparsers(required=True))
    out = tmp_path / "cli.html"
    args = parser.parse_args(
        ["map", "export", "--area", "SH", "--offline", "--as-of", "2026-02-15", "-o", str(out)]
    )
    monkeypatch.setenv("DATABASE_URL", db_url)
    assert args.run(args) == 0
    printed = capsys.readouterr().out
    assert str(out) in printed and re.search(r"customers\s+3\b", printed)
    assert re.search(r"on map\s+2\b", printed) and out.stat().st_size > 100_000
