"""Offline reverse geocoding (fieldapp/domain/districts.py), the simplifiers, and the boundary
layer's choice of lines per zoom (issue 19, the offline base map)."""

from __future__ import annotations

import gzip
import json
import math

import pytest

from fieldapp.domain import districts
from fieldapp.domain.geo import wgs84_to_gcj02
from fieldapp.domain.simplify import simplify, simplify_ring, thin

# (lat, lng) in WGS-84 and where they are
KNOWN = [
    ((31.2304, 121.4737), "上海市", "上海市", "黄浦区"),  # 人民广场
    ((30.2590, 120.1300), "浙江省", "杭州市", "西湖区"),  # 西湖
    ((32.0580, 118.8450), "江苏省", "南京市", "玄武区"),  # 中山陵
    ((31.2397, 121.4998), "上海市", "上海市", "浦东新区"),  # 陆家嘴, across the river from 黄浦
    ((29.8683, 121.5440), "浙江省", "宁波市", "海曙区"),
    ((24.4798, 118.0894), "福建省", "厦门市", "思明区"),
    ((36.0671, 120.3826), "山东省", "青岛市", "市南区"),
]


@pytest.mark.parametrize(("point", "province", "city", "district"), KNOWN)
def test_known_points(point: tuple[float, float], province: str, city: str, district: str) -> None:
    got = districts.locate(*point)
    assert got == districts.Place(province, city, district)


def test_text_leaves_out_a_repeated_city() -> None:
    assert districts.Place("上海市", "上海市", "黄浦区").text() == "上海市黄浦区"
    assert districts.Place("浙江省", "杭州市", "西湖区").text() == "浙江省杭州市西湖区"


def test_sea_abroad_and_missing_give_none() -> None:
    assert districts.locate(31.0, 123.5) is None  # the East China Sea
    assert districts.locate(35.6812, 139.7671) is None  # Tokyo
    assert districts.locate(None, 121.47) is None
    assert districts.locate(0.0, 0.0) is None


def test_outside_the_operating_provinces_city_only() -> None:
    got = districts.locate(39.9042, 116.4074)  # 天安门: province/city lines cover all China
    assert got == districts.Place("北京市", "北京市", None)
    got = districts.locate(23.1291, 113.2644)
    assert got is not None and (got.province, got.city) == ("广东省", "广州市")


def test_the_asset_is_wgs84_not_amap_gcj02() -> None:
    """The 黄浦江 separates 黄浦 and 浦东; a GCJ-02 asset would be ~500 m off. The same point
    shifted as AMap would draw it must not change the district of a point well inside."""
    lat, lng = 31.2304, 121.4737
    g = wgs84_to_gcj02(lat, lng)
    assert math.dist(g, (lat, lng)) > 0.003  # the shift is real here
    data = json.loads(gzip.decompress(districts.ASSET.read_bytes()))
    assert data["datum"] == "wgs84"
    assert "GCJ-02 → WGS-84" in data["source"]


def test_asset_is_small() -> None:
    assert districts.ASSET.stat().st_size < 5_000_000


def test_lookup_is_fast_enough_for_twenty_thousand() -> None:
    b = districts.load()
    pts = [(30.0 + (i % 200) * 0.01, 118.0 + (i // 200) * 0.03) for i in range(2000)]
    import time

    t0 = time.perf_counter()
    found = [b.locate(*p) for p in pts]
    assert time.perf_counter() - t0 < 1.0  # the benchmark runs 20,000 in under 2 s
    assert sum(f is not None and f.district is not None for f in found) > 1500


def test_douglas_peucker_keeps_the_corners_and_ends() -> None:
    line = [(0.0, x / 10) for x in range(11)] + [(y / 10, 1.0) for y in range(1, 11)]
    assert simplify(line, 0.01) == [(0.0, 0.0), (0.0, 1.0), (1.0, 1.0)]
    wiggle = [(0.0, 0.0), (0.0001, 0.5), (0.0, 1.0)]
    assert simplify(wiggle, 0.001) == [(0.0, 0.0), (0.0, 1.0)]
    assert simplify(wiggle, 0.00001) == wiggle
    assert simplify(wiggle[:2], 1.0) == wiggle[:2]


def test_douglas_peucker_stays_within_tolerance() -> None:
    pts = [(math.sin(i / 7) * 0.01, i * 0.001) for i in range(400)]
    kept = simplify(pts, 0.0005)
    assert 4 < len(kept) < 100
    for lat, lng in pts:  # every dropped point is within the tolerance of the kept line
        seg = max(i for i, k in enumerate(kept) if k[1] <= lng)
        a, b = kept[seg], kept[min(seg + 1, len(kept) - 1)]
        if a == b:
            continue
        u = (lng - a[1]) / (b[1] - a[1])
        assert abs(a[0] + u * (b[0] - a[0]) - lat) <= 0.0006


def test_ring_stays_closed_or_vanishes() -> None:
    square = [(0.0, 0.0), (0.0, 1.0), (0.00001, 1.5), (1.0, 1.0), (1.0, 0.0), (0.0, 0.0)]
    out = simplify_ring(square, 0.01)
    assert out[0] == out[-1] and len(out) >= 4
    tiny = [(0.0, 0.0), (0.0, 1e-6), (1e-6, 1e-6), (0.0, 0.0)]
    assert simplify_ring(tiny, 0.01) == []


def test_thin_keeps_ends_and_spacing() -> None:
    pts = [(0.0, i * 0.001) for i in range(101)]
    out = thin(pts, 0.01)
    assert out[0] == pts[0] and out[-1] == pts[-1]
    assert 10 <= len(out) <= 12  # one every 0.01° (float steps may drop one)


def test_zoom_levels() -> None:
    from fieldapp.ui.map.map_boundaries import levels, name_level

    assert levels(5) == ["province"]
    assert levels(7) == ["province", "city"]
    assert levels(11) == ["province", "city", "district"]
    assert name_level(5) == "province" and name_level(8) == "city"
    assert name_level(12) == "district"
