"""WGS-84 ↔ GCJ-02 ↔ BD-09 conversion (China's obfuscated datums) and distances.

The project stores WGS-84 (GPS) everywhere; AMap (and its geocoder) speaks GCJ-02 and Baidu
speaks BD-09, which is GCJ-02 shifted once more by Baidu's own published formula. Geocoded
positions are converted to WGS-84 on the way in (backend/geocode.py).

GPS and OpenStreetMap/Tianditu tiles use WGS-84; AMap (Gaode) tiles use GCJ-02, which is WGS-84
shifted by a published, deliberately irregular formula on the Krasovsky ellipsoid (100–700 m
in Chinese cities). Points outside the rectangle that every implementation uses for "China"
(longitude 72.004–137.8347, latitude 0.8293–55.8271) are not shifted. That rectangle is coarse:
it also covers Korea, Mongolia and parts of South-East Asia, exactly as AMap itself does.

All functions take and return (lat, lng) in degrees, the order of the database and flet-map.
"""

from __future__ import annotations

import math

from fieldapp.domain.distance import EARTH_RADIUS_M, haversine_m

__all__ = [
    "EARTH_RADIUS_M",
    "bd09_to_gcj02",
    "bd09_to_wgs84",
    "gcj02_to_bd09",
    "gcj02_to_wgs84",
    "haversine_m",
    "out_of_china",
    "to_wgs84",
    "wgs84_to_bd09",
    "wgs84_to_gcj02",
]

_A = 6378245.0  # Krasovsky 1940 semi-major axis (m)
_EE = 0.00669342162296594323  # Krasovsky 1940 first eccentricity squared
_INVERSE_TOLERANCE_DEG = 1e-10  # ~0.01 mm: far below the 1 cm the callers need
_INVERSE_MAX_STEPS = 30  # converges in 3–5 steps; the cap only guards the rectangle's edges
_X_PI = math.pi * 3000.0 / 180.0  # Baidu's constant in the BD-09 formula
_BD_DLNG, _BD_DLAT = 0.0065, 0.006  # Baidu's fixed offset after the polar twist
DATUMS = ("wgs84", "gcj02", "bd09")


def out_of_china(lat: float, lng: float) -> bool:
    """True when GCJ-02 leaves the point unchanged (outside the conventional China rectangle)."""
    return not (72.004 <= lng <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _delta(lat: float, lng: float) -> tuple[float, float]:
    """The GCJ-02 offset (dlat, dlng) in degrees at a WGS-84 point inside China."""
    x, y = lng - 105.0, lat - 35.0
    sqrt_abs_x = math.sqrt(abs(x))
    common = (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt_abs_x
    dlat += common
    dlat += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    dlat += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    dlng = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt_abs_x
    dlng += common
    dlng += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    dlng += (
        (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    )
    rad_lat = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(rad_lat) ** 2
    sqrt_magic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrt_magic) * math.pi)
    dlng = (dlng * 180.0) / (_A / sqrt_magic * math.cos(rad_lat) * math.pi)
    return dlat, dlng


def wgs84_to_gcj02(lat: float, lng: float) -> tuple[float, float]:
    """The GCJ-02 (AMap) position of a WGS-84 (GPS) point; unchanged outside China."""
    if out_of_china(lat, lng):
        return lat, lng
    dlat, dlng = _delta(lat, lng)
    return lat + dlat, lng + dlng


def gcj02_to_wgs84(lat: float, lng: float) -> tuple[float, float]:
    """The WGS-84 point whose GCJ-02 position is (lat, lng), exact to well under a millimetre."""
    if out_of_china(lat, lng):
        return lat, lng
    # Fixed-point iteration w ← w − (gcj(w) − target). The offset varies slowly (its derivative
    # is ~1e-4), so each step gains about four digits; the one-step approximation that many
    # libraries ship stops after the first step and is off by up to a few metres.
    w_lat, w_lng = lat, lng
    for _ in range(_INVERSE_MAX_STEPS):
        g_lat, g_lng = wgs84_to_gcj02(w_lat, w_lng)
        err_lat, err_lng = g_lat - lat, g_lng - lng
        w_lat, w_lng = w_lat - err_lat, w_lng - err_lng
        if abs(err_lat) < _INVERSE_TOLERANCE_DEG and abs(err_lng) < _INVERSE_TOLERANCE_DEG:
            break
    return w_lat, w_lng


def gcj02_to_bd09(lat: float, lng: float) -> tuple[float, float]:
    """The BD-09 (Baidu) position of a GCJ-02 point (Baidu's published forward formula)."""
    z = math.sqrt(lng * lng + lat * lat) + 0.00002 * math.sin(lat * _X_PI)
    theta = math.atan2(lat, lng) + 0.000003 * math.cos(lng * _X_PI)
    return z * math.sin(theta) + _BD_DLAT, z * math.cos(theta) + _BD_DLNG


def bd09_to_gcj02(lat: float, lng: float) -> tuple[float, float]:
    """The GCJ-02 point whose BD-09 position is (lat, lng), exact to well under a millimetre.

    Starts from the usual closed-form approximation (off by up to ~0.5 m) and refines it by the
    same fixed-point iteration as gcj02_to_wgs84."""
    x, y = lng - _BD_DLNG, lat - _BD_DLAT
    z = math.sqrt(x * x + y * y) - 0.00002 * math.sin(y * _X_PI)
    theta = math.atan2(y, x) - 0.000003 * math.cos(x * _X_PI)
    g_lat, g_lng = z * math.sin(theta), z * math.cos(theta)
    for _ in range(_INVERSE_MAX_STEPS):
        b_lat, b_lng = gcj02_to_bd09(g_lat, g_lng)
        err_lat, err_lng = b_lat - lat, b_lng - lng
        g_lat, g_lng = g_lat - err_lat, g_lng - err_lng
        if abs(err_lat) < _INVERSE_TOLERANCE_DEG and abs(err_lng) < _INVERSE_TOLERANCE_DEG:
            break
    return g_lat, g_lng


def wgs84_to_bd09(lat: float, lng: float) -> tuple[float, float]:
    """The BD-09 (Baidu) position of a WGS-84 (GPS) point."""
    return gcj02_to_bd09(*wgs84_to_gcj02(lat, lng))


def bd09_to_wgs84(lat: float, lng: float) -> tuple[float, float]:
    """The WGS-84 (GPS) point whose BD-09 position is (lat, lng)."""
    return gcj02_to_wgs84(*bd09_to_gcj02(lat, lng))


def to_wgs84(lat: float, lng: float, datum: str) -> tuple[float, float]:
    """(lat, lng) given in datum ("wgs84", "gcj02" or "bd09") as WGS-84, the project's datum."""
    if datum == "wgs84":
        return lat, lng
    if datum == "gcj02":
        return gcj02_to_wgs84(lat, lng)
    if datum == "bd09":
        return bd09_to_wgs84(lat, lng)
    raise ValueError(f"unknown datum {datum!r}")
