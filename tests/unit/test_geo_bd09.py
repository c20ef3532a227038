"""BD-09 (Baidu) ↔ GCJ-02 ↔ WGS-84 against published points, and the round trip under 1 m."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldapp.domain.geo import (
    bd09_to_gcj02,
    bd09_to_wgs84,
    gcj02_to_bd09,
    to_wgs84,
    wgs84_to_bd09,
    wgs84_to_gcj02,
)
from fieldapp.domain.geo import haversine_m as _haversine


def dist(a: tuple[float, float], b: tuple[float, float]) -> float:
    return _haversine(a[0], a[1], b[0], b[1])


# wandergis/coordtransform's README (Tiananmen, 116.404, 39.915), the values its JavaScript and
# Python ports print: gcj02tobd09 → (39.92133699351021, 116.41036949371029) and the one-step
# bd09togcj02 → (39.90865673957631, 116.39762729119315).
GCJ_TIANANMEN = (39.915, 116.404)
BD_OF_GCJ_TIANANMEN = (39.92133699351021, 116.41036949371029)
GCJ_OF_BD_TIANANMEN_ONE_STEP = (39.90865673957631, 116.39762729119315)

CHINA_LAT = st.floats(18.0, 53.0)
CHINA_LNG = st.floats(74.0, 134.0)


def test_gcj02_to_bd09_matches_published_point() -> None:
    lat, lng = gcj02_to_bd09(*GCJ_TIANANMEN)
    assert lat == pytest.approx(BD_OF_GCJ_TIANANMEN[0], abs=1e-12)
    assert lng == pytest.approx(BD_OF_GCJ_TIANANMEN[1], abs=1e-12)


def test_bd09_to_gcj02_agrees_with_published_one_step_value_within_10_cm() -> None:
    # the published inverse is the one-step approximation; ours iterates to the exact inverse
    assert dist(bd09_to_gcj02(*GCJ_TIANANMEN), GCJ_OF_BD_TIANANMEN_ONE_STEP) < 0.1


def test_bd09_to_gcj02_recovers_published_point() -> None:
    lat, lng = bd09_to_gcj02(*BD_OF_GCJ_TIANANMEN)
    assert dist((lat, lng), GCJ_TIANANMEN) < 0.001


def test_bd09_offset_is_hundreds_of_metres() -> None:
    wgs = (31.2304, 121.4737)  # People's Square, Shanghai
    assert 300 < dist(wgs, wgs84_to_bd09(*wgs)) < 1500
    assert dist(wgs84_to_gcj02(*wgs), wgs84_to_bd09(*wgs)) > 500


@settings(max_examples=300, deadline=None)
@given(CHINA_LAT, CHINA_LNG)
def test_bd09_round_trip_is_under_one_metre(lat: float, lng: float) -> None:
    assert dist((lat, lng), bd09_to_gcj02(*gcj02_to_bd09(lat, lng))) < 1.0
    assert dist((lat, lng), bd09_to_wgs84(*wgs84_to_bd09(lat, lng))) < 1.0
    assert dist((lat, lng), to_wgs84(*wgs84_to_bd09(lat, lng), "bd09")) < 0.01


def test_to_wgs84_knows_each_datum_and_refuses_others() -> None:
    assert to_wgs84(30.0, 120.0, "wgs84") == (30.0, 120.0)
    assert dist(to_wgs84(*wgs84_to_gcj02(30.0, 120.0), "gcj02"), (30.0, 120.0)) < 0.01
    with pytest.raises(ValueError, match="datum"):
        to_wgs84(30.0, 120.0, "cgcs2000x")
