"""Great-circle distances on the WGS-84 mean sphere, and coordinate checks."""

from __future__ import annotations

import math
from collections.abc import Sequence

from fieldapp.errors import InvalidInput

EARTH_RADIUS_M = 6_371_008.8  # WGS-84 mean radius (IUGG R1)


def _is_finite_number(x: object) -> bool:
    # bool is an int subclass, but True is not a latitude
    return isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)


def check_point(lat: float, lng: float, name_zh: str, name_en: str) -> None:
    """Raise InvalidInput naming the point unless lat is in [-90, 90] and lng in [-180, 180]."""
    axes = ((lat, "纬度", "latitude", 90), (lng, "经度", "longitude", 180))
    for value, axis_zh, axis_en, limit in axes:
        if not _is_finite_number(value):
            raise InvalidInput(
                f"{name_zh}的{axis_zh} {value!r} 不是有限数字",
                f"{name_en}: {axis_en} {value!r} is not a finite number",
            )
        if not -limit <= value <= limit:
            raise InvalidInput(
                f"{name_zh}的{axis_zh} {value} 超出范围 [-{limit}, {limit}]",
                f"{name_en}: {axis_en} {value} is outside [-{limit}, {limit}]",
            )


def haversine_m(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance in metres between two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lng2 - lng1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(min(1.0, h)))


def distance_matrix(points: Sequence[tuple[float, float]]) -> list[list[float]]:
    """Symmetric matrix of great-circle distances in metres between (lat, lng) points."""
    n = len(points)
    lat = [math.radians(p[0]) for p in points]
    lng = [math.radians(p[1]) for p in points]
    cos_lat = [math.cos(x) for x in lat]
    rows = [[0.0] * n for _ in range(n)]
    sin, asin, sqrt, two_r = math.sin, math.asin, math.sqrt, 2 * EARTH_RADIUS_M
    for i in range(n):
        row_i, lat_i, lng_i, cos_i = rows[i], lat[i], lng[i], cos_lat[i]
        for j in range(i + 1, n):
            h = sin((lat[j] - lat_i) / 2) ** 2 + cos_i * cos_lat[j] * sin((lng[j] - lng_i) / 2) ** 2
            row_i[j] = rows[j][i] = two_r * asin(sqrt(min(1.0, h)))
    return rows
