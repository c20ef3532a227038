"""Douglas–Peucker line simplification, pure Python (the phone has no shapely).

Points are (lat, lng) pairs in degrees; the tolerance is in degrees too, measured in a plane
where longitude is scaled by cos(latitude) so that the tolerance means the same distance east
and north. The first and last points are always kept, so a closed ring stays closed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

Pt = tuple[float, float]


def _seg_dist2(p: Pt, a: Pt, b: Pt, kx: float) -> float:
    """Squared distance from p to the segment a–b (longitudes scaled by kx)."""
    px, py = p[1] * kx, p[0]
    ax, ay = a[1] * kx, a[0]
    bx, by = b[1] * kx, b[0]
    dx, dy = bx - ax, by - ay
    d2 = dx * dx + dy * dy
    if d2 == 0.0:
        return (px - ax) ** 2 + (py - ay) ** 2
    u = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / d2))
    qx, qy = ax + u * dx, ay + u * dy
    return (px - qx) ** 2 + (py - qy) ** 2


def simplify(points: Sequence[Pt], tolerance: float) -> list[Pt]:
    """The points of a line that Douglas–Peucker keeps at tolerance (degrees of latitude)."""
    n = len(points)
    if n < 3 or tolerance <= 0:
        return list(points)
    mid_lat = sum(p[0] for p in points) / n
    kx = math.cos(math.radians(mid_lat))
    tol2 = tolerance * tolerance
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:  # iterative: a 100,000-point coastline would overflow the recursion
        first, last = stack.pop()
        if last - first < 2:
            continue
        a, b = points[first], points[last]
        worst, worst_i = -1.0, -1
        for i in range(first + 1, last):
            d = _seg_dist2(points[i], a, b, kx)
            if d > worst:
                worst, worst_i = d, i
        if worst > tol2:
            keep[worst_i] = True
            stack.append((first, worst_i))
            stack.append((worst_i, last))
    return [p for p, k in zip(points, keep, strict=True) if k]


def simplify_ring(ring: Sequence[Pt], tolerance: float) -> list[Pt]:
    """A closed ring simplified; rings that collapse below a triangle come back empty."""
    if len(ring) < 4:
        return []
    closed = list(ring) if ring[0] == ring[-1] else [*ring, ring[0]]
    # split at the point farthest from the start so that both halves keep their shape
    far = max(range(len(closed)), key=lambda i: _seg_dist2(closed[i], closed[0], closed[0], 1.0))
    out = simplify(closed[: far + 1], tolerance)[:-1] + simplify(closed[far:], tolerance)
    return out if len(out) >= 4 else []


def thin(points: Sequence[Pt], tolerance: float) -> list[Pt]:
    """Drop points closer than tolerance to the last one kept (radial distance; O(n)).

    Cheaper than Douglas–Peucker, for drawing at a zoom where tolerance is about a pixel; the
    last point is always kept so rings stay closed.
    """
    if len(points) < 3 or tolerance <= 0:
        return list(points)
    tol2 = tolerance * tolerance
    out = [points[0]]
    last_lat, last_lng = points[0]
    for lat, lng in points[1:-1]:
        if (lat - last_lat) ** 2 + (lng - last_lng) ** 2 >= tol2:
            out.append((lat, lng))
            last_lat, last_lng = lat, lng
    out.append(points[-1])
    return out
