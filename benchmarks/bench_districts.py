"""The offline base map (issue 19): district lookup for 20,000 outlets, and what the boundary
layer adds to opening the map.

    .venv/bin/python -m benchmarks.bench_districts

No database: the outlets are 20,000 points scattered round the demo's 27 cities
(backend/demo_names.py), as the large demo places them. Baselines:
- lookup: the same point-in-polygon without the index (every district's every edge), timed on
  a 500-point sample and scaled to 20,000;
- layer: clustering and building the marker controls for the same camera (what opening the map
  already costs), beside the boundary layer's redraw, cold (first at that zoom) and warm.
Reading the asset (once per process) happens on a worker thread when the map first opens, so
it is reported apart.
"""

from __future__ import annotations

import random
import statistics
import time
from types import SimpleNamespace
from typing import Any

from backend.demo_names import CITIES
from fieldapp.domain import districts
from fieldapp.domain.cluster import ClusterIndex, Place

N = 20_000
TARGET_LOOKUP_S, TARGET_LAYER_S = 2.0, 0.100


def _line(label: str, seconds: float, target: float | None = None, extra: str = "") -> None:
    verdict = "" if target is None else ("  ok" if seconds <= target else "  OVER")
    goal = "" if target is None else f"  target {target * 1000:6.0f} ms"
    print(f"  {label:56} {seconds * 1000:9.1f} ms{goal}{verdict}{extra}")


def outlets(n: int = N, seed: int = 7) -> list[tuple[float, float]]:
    """n points round the demo's cities (a 3 km-ish spread, like the demo)."""
    rnd = random.Random(seed)
    centres = [(lat, lng) for _, lat, lng, _ in CITIES.values()]
    return [
        (lat + rnd.gauss(0, 0.06), lng + rnd.gauss(0, 0.07))
        for lat, lng in (rnd.choice(centres) for _ in range(n))
    ]


def _naive(b: districts.Boundaries, lat: float, lng: float) -> str | None:
    for a in b.districts:  # no grid, no bands: ray casting over every edge
        inside = False
        for ring in a.rings:
            for (a_lat, a_lng), (b_lat, b_lng) in zip(ring, ring[1:] + ring[:1], strict=True):
                crosses = (a_lat > lat) != (b_lat > lat)
                if crosses and lng < a_lng + (lat - a_lat) / (b_lat - a_lat) * (b_lng - a_lng):
                    inside = not inside
        if inside:
            return a.name
    return None


def bench_lookup() -> None:
    t0 = time.perf_counter()
    b = districts.load()
    _line("read the asset (once per process)", time.perf_counter() - t0)
    pts = outlets()
    t0 = time.perf_counter()
    got = [b.locate(lat, lng) for lat, lng in pts]
    took = time.perf_counter() - t0
    found = sum(1 for g in got if g is not None and g.district)
    _line(f"district lookup, {N:,} outlets (cold index)", took, TARGET_LOOKUP_S,
          f"  ({found:,} in a district)")  # fmt: skip
    t0 = time.perf_counter()
    for lat, lng in pts:
        b.locate(lat, lng)
    _line(f"district lookup, {N:,} outlets (warm)", time.perf_counter() - t0, TARGET_LOOKUP_S)
    sample = pts[:500]
    t0 = time.perf_counter()
    for lat, lng in sample:
        _naive(b, lat, lng)
    naive = (time.perf_counter() - t0) * N / len(sample)
    _line(f"baseline: no index, scaled from 500 to {N:,}", naive)


class _Svc:
    gcj = False

    @staticmethod
    def to_display(lat: float, lng: float) -> tuple[float, float]:
        return lat, lng


def bench_layer() -> None:
    from fieldapp.ui.map.map_boundaries import BoundaryLayer
    from fieldapp.ui.map.map_marks import cluster_marker

    pts = outlets()
    idx = ClusterIndex([Place(str(i), lat, lng, "none") for i, (lat, lng) in enumerate(pts)])
    idx.warm()
    w, h = 390.0, 626.0
    cameras = {
        "all outlets (zoom 6)": (29.5, 119.0, 6.0),
        "a city (zoom 9)": (31.23, 121.47, 9.0),
        "districts (zoom 11)": (31.23, 121.47, 11.0),
        "districts (zoom 13)": (31.23, 121.47, 13.0),
    }
    for label, cam in cameras.items():
        t0 = time.perf_counter()
        v = idx.query(*cam, w, h)
        _ = [cluster_marker(c, "zh", lambda c: None) for c in v.clusters]  # type: ignore[arg-type]
        base = time.perf_counter() - t0
        screen: Any = SimpleNamespace(camera=cam, size=(w, h), svc=_Svc(), t=lambda k, **a: k)
        cold: list[float] = []
        warm: list[float] = []
        for _ in range(5):
            layer = BoundaryLayer(screen)
            t0 = time.perf_counter()
            layer.fresh(on=True)
            cold.append(time.perf_counter() - t0)
            layer._sig = None  # same layer, same zoom: the rings come from its cache
            t0 = time.perf_counter()
            layer.redraw(update=False)
            warm.append(time.perf_counter() - t0)
        n_pts = sum(len(p.coordinates) for p in layer.lines.polylines)
        print(f"  {label}: {len(layer.lines.polylines)} lines, {n_pts:,} points,"
              f" {len(layer.names.markers)} names")  # fmt: skip
        _line("    baseline: cluster + bubbles for this camera", base)
        _line("    boundary layer, first draw at this zoom", statistics.median(cold),
              TARGET_LAYER_S)  # fmt: skip
        _line("    boundary layer, redraw (pan)", statistics.median(warm), TARGET_LAYER_S)


def main() -> None:
    print(f"district lookup ({N:,} outlets round the demo's cities)")
    bench_lookup()
    print("boundary layer on opening the map (390×626 map area)")
    bench_layer()


if __name__ == "__main__":
    main()
