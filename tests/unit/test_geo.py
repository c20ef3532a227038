"""WGS-84 ↔ GCJ-02 against published reference points, the round trip, and distances."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldapp.domain.geo import gcj02_to_wgs84, haversine_m, out_of_china, wgs84_to_gcj02

# (wgs_lat, wgs_lng, gcj_lat, gcj_lng) published with two independent implementations:
# googollee/eviltransform's test suites (go/transform_test.go, python/test.py, the PHP and Java
# ports carry the same numbers) and wandergis/coordtransform's test/app.js (Tiananmen area).
REFERENCE = [
    pytest.param(31.1774276, 121.5272106, 31.17530398364597, 121.531541859215, id="shanghai"),
    pytest.param(22.543847, 113.912316, 22.540796131694766, 113.9171764808363, id="shenzhen"),
    pytest.param(39.911954, 116.377817, 39.91334545536069, 116.38404722455657, id="beijing"),
    pytest.param(39.915, 116.404, 39.91640428150164, 116.41024449916938, id="tiananmen"),
]

# China's conventional rectangle, shrunk by 0.02° (~2 km, three times the largest GCJ-02
# offset) so that a point and its shifted image are both inside it: at the rectangle's edge
# the published formula itself is discontinuous and has no inverse.
CHINA_LAT = st.floats(0.8293 + 0.02, 55.8271 - 0.02)
CHINA_LNG = st.floats(72.004 + 0.02, 137.8347 - 0.02)


@pytest.mark.parametrize(("wlat", "wlng", "glat", "glng"), REFERENCE)
def test_wgs84_to_gcj02_matches_published_points(
    wlat: float, wlng: float, glat: float, glng: float
) -> None:
    """Each reference point lands within a metre (in fact within a micrometre) of its pair."""
    lat, lng = wgs84_to_gcj02(wlat, wlng)
    assert haversine_m(lat, lng, glat, glng) < 1.0
    assert lat == pytest.approx(glat, abs=1e-9) and lng == pytest.approx(glng, abs=1e-9)


@pytest.mark.parametrize(("wlat", "wlng", "glat", "glng"), REFERENCE)
def test_gcj02_to_wgs84_recovers_published_points(
    wlat: float, wlng: float, glat: float, glng: float
) -> None:
    """The inverse maps each published GCJ-02 point back to its WGS-84 point within 1 cm."""
    lat, lng = gcj02_to_wgs84(glat, glng)
    assert haversine_m(lat, lng, wlat, wlng) < 0.01


def test_inverse_agrees_with_published_one_step_value() -> None:
    """coordtransform's one-step gcj02towgs84(116.404, 39.915) is within a metre of ours."""
    lat, lng = gcj02_to_wgs84(39.915, 116.404)
    assert haversine_m(lat, lng, 39.91359571849836, 116.39775550083061) < 1.0


def test_offset_is_hundreds_of_metres_in_cities() -> None:
    """The shift is real (why AMap tiles need it): 100–700 m in Chinese cities."""
    for lat, lng in [(31.2304, 121.4737), (39.9042, 116.4074), (23.1291, 113.2644)]:
        assert 100 < haversine_m(lat, lng, *wgs84_to_gcj02(lat, lng)) < 700


@pytest.mark.parametrize(
    ("lat", "lng"),
    [(35.6762, 139.6503), (51.5074, -0.1278), (-33.8688, 151.2093), (40.7128, -74.006), (0, 0)],
)
def test_points_outside_china_are_unchanged(lat: float, lng: float) -> None:
    """Tokyo, London, Sydney, New York and (0, 0) pass through both ways untouched."""
    assert out_of_china(lat, lng)
    assert wgs84_to_gcj02(lat, lng) == (lat, lng)
    assert gcj02_to_wgs84(lat, lng) == (lat, lng)


@settings(max_examples=500, deadline=None)
@given(lat=CHINA_LAT, lng=CHINA_LNG)
def test_round_trip_is_sub_centimetre(lat: float, lng: float) -> None:
    """gcj02_to_wgs84(wgs84_to_gcj02(p)) is within 1 cm of p everywhere in China."""
    back = gcj02_to_wgs84(*wgs84_to_gcj02(lat, lng))
    assert haversine_m(lat, lng, *back) < 0.01


@settings(max_examples=300, deadline=None)
@given(lat=CHINA_LAT, lng=CHINA_LNG)
def test_reverse_round_trip_is_sub_centimetre(lat: float, lng: float) -> None:
    """A point picked on AMap tiles converts to WGS-84 and back to the same place."""
    back = wgs84_to_gcj02(*gcj02_to_wgs84(lat, lng))
    assert haversine_m(lat, lng, *back) < 0.01


def test_haversine_known_distances() -> None:
    """One degree of latitude is 111.195 km on the mean sphere; Beijing–Shanghai is ~1,067 km."""
    assert haversine_m(0, 0, 1, 0) == pytest.approx(6_371_008.8 * math.pi / 180, rel=1e-12)
    assert haversine_m(39.9042, 116.4074, 31.2304, 121.4737) == pytest.approx(1_067_311, abs=5)
    assert haversine_m(31.2, 121.5, 31.2, 121.5) == 0.0
    assert haversine_m(0, 0, 0, 180) == pytest.approx(math.pi * 6_371_008.8)


@given(
    a=st.tuples(st.floats(-90, 90), st.floats(-180, 180)),
    b=st.tuples(st.floats(-90, 90), st.floats(-180, 180)),
)
def test_haversine_is_symmetric_and_bounded(a: tuple[float, float], b: tuple[float, float]) -> None:
    """Distance is symmetric, non-negative and never more than half the circumference."""
    d = haversine_m(*a, *b)
    assert d == pytest.approx(haversine_m(*b, *a), abs=1e-6)
    assert 0 <= d <= math.pi * 6_371_008.8 + 1e-6
