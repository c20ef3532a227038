"""Grid clustering of customers by zoom level, and the viewport a map camera shows.

Positions are binned per zoom level into square cells of `cell_px` screen pixels in
Web-Mercator space (the projection of every tile provider we use). A viewport query walks only
the cells in view, returns whole cells that lie inside as they are, and splits only the cells
cut by the viewport's edge, so every customer inside the viewport is in exactly one result and
no customer outside is. A level's grid is built on its first query (~10 ms per 20,000 places)
or for all levels at once by `warm()` (each coarser level merges the one below: ~80 ms for
20,000); a cell's count, centroid, bounds and worst alert are computed the first time it is in
view and then reused.

The camera gives centre, zoom and map size only; `viewport()` turns them into a box. A
viewport that crosses the antimeridian is split in two (places keep their own longitudes, so
a map centred near ±180° must shift longitudes by 360° itself to draw them next to each
other). Latitudes are clamped to Web-Mercator's ±85.0511°.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter

from fieldapp.domain.legend import SEVERITIES, SEVERITY_RANK

TILE_PX = 256  # Web-Mercator world width in pixels at zoom 0
MAX_LAT = 85.05112877980659  # Web-Mercator's latitude limit


@dataclass(frozen=True, slots=True)
class Place:
    """A customer on the map: id, position in degrees, worst open alert (none|low|medium|high)."""

    id: str
    lat: float
    lng: float
    alert: str = "none"


@dataclass(frozen=True, slots=True)
class Cluster:
    """Several customers drawn as one bubble at their centroid."""

    lat: float
    lng: float
    count: int
    worst: str
    ids: tuple[str, ...]  # all members (shared with the index, not copied per query)
    bounds: tuple[float, float, float, float]  # south, west, north, east; lng in [-180, 180)


@dataclass(frozen=True, slots=True)
class Viewport:
    """What the camera shows, in degrees; west > east when it crosses the antimeridian."""

    south: float
    west: float
    north: float
    east: float
    whole_width: bool = False  # wider than the world: every longitude is in view


@dataclass(frozen=True, slots=True)
class View:
    """The answer to one viewport query: clusters of several customers and single customers."""

    zoom: int  # the grid level used (the camera zoom rounded down, clamped)
    viewport: Viewport
    clusters: list[Cluster]
    points: list[Place]

    @property
    def total(self) -> int:
        """Customers in view (clusters' members plus single points)."""
        return sum(c.count for c in self.clusters) + len(self.points)


def project(lat: float, lng: float) -> tuple[float, float]:
    """Web-Mercator position in [0, 1) x [0, 1] (x east from −180°, y south from the top)."""
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    s = math.sin(math.radians(lat))
    x = ((lng + 180.0) / 360.0) % 1.0
    y = 0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)
    return x, min(1.0, max(0.0, y))


def unproject(x: float, y: float) -> tuple[float, float]:
    """The (lat, lng) of a Web-Mercator position; x outside [0, 1) wraps around."""
    lng = (x % 1.0) * 360.0 - 180.0
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y))))
    return lat, lng


def world_px(zoom: float) -> float:
    """The width of the world in pixels at a (possibly fractional) zoom."""
    return float(TILE_PX * 2.0**zoom)


def _view_box(
    lat: float, lng: float, zoom: float, width_px: float, height_px: float
) -> tuple[list[tuple[float, float]], float, float, Viewport]:
    """x intervals (one, or two across the antimeridian), y range and the Viewport."""
    if width_px <= 0 or height_px <= 0:
        raise ValueError("map size must be positive")
    cx, cy = project(lat, lng)
    scale = world_px(zoom)
    hw, hh = width_px / 2 / scale, height_px / 2 / scale
    y0, y1 = max(0.0, cy - hh), min(1.0, cy + hh)
    north, south = unproject(0, y0)[0], unproject(0, y1)[0]
    if 2 * hw >= 1.0:
        return [(0.0, 1.0)], y0, y1, Viewport(south, -180.0, north, 180.0, whole_width=True)
    x0, x1 = cx - hw, cx + hw
    shift = math.floor(x0)
    x0, x1 = x0 - shift, x1 - shift
    west, east = unproject(x0, 0)[1], unproject(x1, 0)[1]
    intervals = [(x0, x1)] if x1 <= 1.0 else [(x0, 1.0), (0.0, x1 - 1.0)]
    return intervals, y0, y1, Viewport(south, west, north, east)


def viewport(lat: float, lng: float, zoom: float, width_px: float, height_px: float) -> Viewport:
    """The box a camera at (lat, lng, zoom) shows on a map of width x height pixels."""
    return _view_box(lat, lng, zoom, width_px, height_px)[3]


def fit_camera(
    bounds: tuple[float, float, float, float],
    width_px: float,
    height_px: float,
    padding_px: float = 40,
    max_zoom: float = 18,
) -> tuple[float, float, float]:
    """Centre (lat, lng) and the largest zoom that shows bounds (S, W, N, E) with padding."""
    south, west, north, east = bounds
    x0, y1 = project(south, west)
    x1, y0 = project(north, east)
    if x1 < x0:  # crosses the antimeridian (or ends at +180°, which wraps to x = 0)
        x1 += 1.0
    dx, dy = max(x1 - x0, 1e-12), max(y1 - y0, 1e-12)
    w, h = max(width_px - 2 * padding_px, 1), max(height_px - 2 * padding_px, 1)
    zoom = min(max_zoom, math.log2(min(w / dx, h / dy) / TILE_PX))
    lat, lng = unproject((x0 + x1) / 2, (y0 + y1) / 2)
    return lat, lng, zoom


class _Grid:
    """The cells of one zoom level: members by cell key; boxes and aggregates filled on use."""

    __slots__ = ("boxes", "cells", "inv", "items", "ncols")

    def __init__(self, inv: float, cells: dict[int, tuple[int, ...]]) -> None:
        self.inv = inv  # cells per world width
        self.ncols = math.ceil(inv) + 1  # key = row * ncols + col
        self.cells = cells
        self.boxes: dict[int, tuple[float, float, float, float]] = {}  # x0, x1, y0, y1
        self.items: dict[int, Cluster | Place] = {}


class ClusterIndex:
    """Places pre-binned per zoom level; answers 'what to draw in this viewport' quickly."""

    def __init__(
        self, places: Iterable[Place], *, cell_px: int = 60, min_zoom: int = 0, max_zoom: int = 17
    ) -> None:
        """Index places; above max_zoom every place is drawn on its own."""
        self.places: list[Place] = list(places)
        self.cell_px = cell_px
        self.min_zoom, self.max_zoom = min_zoom, max_zoom
        proj = [project(p.lat, p.lng) for p in self.places]
        self._xs = [p[0] for p in proj]
        self._ys = [p[1] for p in proj]
        self._ranks = [SEVERITY_RANK[p.alert] for p in self.places]
        self._lats = [p.lat for p in self.places]
        self._ids = [p.id for p in self.places]
        self._grids: dict[int, _Grid] = {}

    def __len__(self) -> int:
        return len(self.places)

    def warm(self) -> None:
        """Build the grid of every zoom level now (~10 ms per 1,000 places) for instant queries."""
        for zoom in range(self.max_zoom, self.min_zoom - 1, -1):
            self._grid(zoom)

    def _grid(self, zoom: int) -> _Grid:
        """The grid of one zoom level, built on first use.

        With the next finer level at hand, its 2x2 blocks are merged; that is exact because
        halving the scale (a power of two) commutes with the rounding of `v * inv`, so
        int(v * inv / 2) == int(v * inv) >> 1. Otherwise every place is binned.
        """
        grid = self._grids.get(zoom)
        if grid is not None:
            return grid
        buckets: dict[int, list[int]] = {}
        finer = self._grids.get(zoom + 1)
        if finer is not None:
            inv = finer.inv / 2  # == world_px(zoom) / cell_px, exactly
            ncols = math.ceil(inv) + 1
            for key, members in finer.cells.items():
                row, col = divmod(key, finer.ncols)
                parent = (row >> 1) * ncols + (col >> 1)
                bucket = buckets.get(parent)
                if bucket is None:
                    buckets[parent] = list(members)
                else:
                    bucket.extend(members)
        else:
            inv = world_px(zoom) / self.cell_px
            ncols = math.ceil(inv) + 1
            xs, ys = self._xs, self._ys
            for i in range(len(xs)):
                key = int(ys[i] * inv) * ncols + int(xs[i] * inv)
                bucket = buckets.get(key)
                if bucket is None:
                    buckets[key] = [i]
                else:
                    bucket.append(i)
        # tuples of ints drop out of the garbage collector's sight after its first pass; lists
        # would keep ~100,000 objects for every full collection to walk (20 ms pauses)
        grid = self._grids[zoom] = _Grid(inv, {k: tuple(v) for k, v in buckets.items()})
        return grid

    def _box(
        self, grid: _Grid, key: int, members: tuple[int, ...]
    ) -> tuple[float, float, float, float]:
        """The Web-Mercator box (x0, x1, y0, y1) around a cell's members, cached."""
        box = grid.boxes.get(key)
        if box is None:
            if len(members) == 1:
                x, y = self._xs[members[0]], self._ys[members[0]]
                box = (x, x, y, y)
            else:
                pick = itemgetter(*members)  # a C-speed gather; min/max over tuples too
                mx, my = pick(self._xs), pick(self._ys)
                box = (min(mx), max(mx), min(my), max(my))
            grid.boxes[key] = box
        return box

    def _aggregate(self, members: Sequence[int]) -> Cluster | Place:
        """A single Place, or a Cluster with centroid, worst alert, ids and bounds."""
        if len(members) == 1:
            return self.places[members[0]]
        pick = itemgetter(*members)
        xs, ys, lats = pick(self._xs), pick(self._ys), pick(self._lats)
        n = len(members)
        lat, lng = unproject(sum(xs) / n, sum(ys) / n)
        # west/east from the projected x, where +180° is −180°; a box spanning the date line
        # would otherwise claim the whole world
        x0, x1 = min(xs), max(xs)
        return Cluster(
            lat=lat,
            lng=lng,
            count=n,
            worst=SEVERITIES[max(pick(self._ranks))],
            ids=pick(self._ids),
            bounds=(min(lats), x0 * 360.0 - 180.0, max(lats), x1 * 360.0 - 180.0),
        )

    def query(self, lat: float, lng: float, zoom: float, width_px: float, height_px: float) -> View:
        """Clusters and single places inside the viewport of a camera (centre, zoom, map size)."""
        intervals, y0, y1, box = _view_box(lat, lng, zoom, width_px, height_px)
        gz = max(self.min_zoom, min(self.max_zoom + 1, math.floor(zoom)))
        split_all = gz > self.max_zoom  # zoomed in past clustering: every place on its own
        grid = self._grid(min(gz, self.max_zoom))
        inv, ncols, cells, items = grid.inv, grid.ncols, grid.cells, grid.items
        clusters: list[Cluster] = []
        points: list[Place] = []
        xs, ys, places = self._xs, self._ys, self.places
        # the same `v * inv` as when binning, so a place on the edge finds its own cell
        r0, r1 = int(y0 * inv), int(y1 * inv)
        for x0, x1 in intervals:
            c0, c1 = int(x0 * inv), min(int(x1 * inv), ncols - 1)
            if (c1 - c0 + 1) * (r1 - r0 + 1) <= len(cells):
                keys: Iterable[int] = (
                    r * ncols + c for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)
                )
            else:  # sparse data in a big view: cheaper to scan the occupied cells
                keys = (k for k in cells if r0 <= k // ncols <= r1 and c0 <= k % ncols <= c1)
            for key in keys:
                cell = cells.get(key)
                if cell is None:
                    continue
                bx0, bx1, by0, by1 = grid.boxes.get(key) or self._box(grid, key, cell)
                members: Sequence[int]
                if x0 <= bx0 and bx1 <= x1 and y0 <= by0 and by1 <= y1:
                    members = cell
                else:  # cut by the viewport's edge: keep the members inside
                    members = [i for i in cell if x0 <= xs[i] <= x1 and y0 <= ys[i] <= y1]
                    if not members:
                        continue
                if split_all:
                    points.extend(places[i] for i in members)
                    continue
                if len(members) == len(cell):
                    item = items.get(key)
                    if item is None:
                        item = items[key] = self._aggregate(cell)
                else:
                    item = self._aggregate(members)
                if isinstance(item, Cluster):
                    clusters.append(item)
                else:
                    points.append(item)
        return View(gz, box, clusters, points)


def declutter(
    clusters: Sequence[Cluster], points: Sequence[Place], zoom: float, min_px: float
) -> tuple[list[Cluster], list[Place]]:
    """Merge bubbles and places drawn closer than min_px apart at this zoom into one bubble.

    Grid cells cut a dense group wherever their edges fall, so two bubbles can sit on top of
    each other; merging them (biggest first, into the first bubble within reach) keeps every
    customer in exactly one item, sums the counts and keeps the worst alert.
    """
    scale = world_px(zoom)
    items: list[Cluster | Place] = sorted(
        [*clusters, *points], key=lambda c: -c.count if isinstance(c, Cluster) else -1
    )
    kept: list[list[Cluster | Place]] = []  # groups; the first member is the anchor
    anchors: dict[tuple[int, int], list[tuple[float, float, int]]] = {}
    for item in items:
        x, y = project(item.lat, item.lng)
        px, py = x * scale, y * scale
        cx, cy = int(px // min_px), int(py // min_px)
        home = None
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for ax, ay, k in anchors.get((cx + dx, cy + dy), ()):
                    if (ax - px) ** 2 + (ay - py) ** 2 < min_px * min_px:
                        home = k if home is None else min(home, k)
        if home is None:
            anchors.setdefault((cx, cy), []).append((px, py, len(kept)))
            kept.append([item])
        else:
            kept[home].append(item)
    out_clusters: list[Cluster] = []
    out_points: list[Place] = []
    for group in kept:
        if len(group) == 1:
            only = group[0]
            if isinstance(only, Cluster):
                out_clusters.append(only)
            else:
                out_points.append(only)
            continue
        out_clusters.append(_merged(group))
    return out_clusters, out_points


def _merged(group: Sequence[Cluster | Place]) -> Cluster:
    """One bubble for several bubbles and places: weighted centroid, sums, worst, union."""
    n = 0
    sx = sy = 0.0
    worst = "none"
    ids: list[str] = []
    south, west, north, east = 90.0, 180.0, -90.0, -180.0
    for it in group:
        x, y = project(it.lat, it.lng)
        if isinstance(it, Cluster):
            w, alert, members, (s, wv, nv, e) = it.count, it.worst, it.ids, it.bounds
        else:
            w, alert, members, (s, wv, nv, e) = 1, it.alert, (it.id,), (it.lat, it.lng) * 2
        n += w
        sx, sy = sx + x * w, sy + y * w
        worst = SEVERITIES[max(SEVERITY_RANK[worst], SEVERITY_RANK[alert])]
        ids.extend(members)
        south, west, north, east = min(south, s), min(west, wv), max(north, nv), max(east, e)
    lat, lng = unproject(sx / n, sy / n)
    return Cluster(lat, lng, n, worst, tuple(ids), (south, west, north, east))
