"""Grid clustering of customers by zoom level, and the viewport a map camera shows.

Positions are binned per zoom level into square cells of `cell_px` screen pixels in
Web-Mercator space (the projection of every tile provider we use). The index sorts the places
once, vectorised, in the Z-order of the finest grid; since each coarser cell is a 2x2 block of
the level below, every cell of every zoom is then one contiguous run of that order (an implicit
quadtree), found by binary search. A viewport query looks up only the cells in view, returns
whole cells that lie inside as they are, and splits only the cells cut by the viewport's edge,
so every customer inside the viewport is in exactly one result and no customer outside is. No
level is built lazily: the first query at a zoom costs what any other does. A cell's count,
centroid, bounds and worst alert are computed (numpy over its run) the first time it is in view
and then reused.

The camera gives centre, zoom and map size only; `viewport()` turns them into a box. A
viewport that crosses the antimeridian is split in two (places keep their own longitudes, so
a map centred near ±180° must shift longitudes by 360° itself to draw them next to each
other). Latitudes are clamped to Web-Mercator's ±85.0511°.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

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


def _spread(v: np.ndarray) -> np.ndarray:
    """The bits of v (uint64, < 2**32) moved to the even bit positions (Morton interleave)."""
    v = v & np.uint64(0xFFFFFFFF)
    for shift, mask in _SPREAD:
        v = (v | (v << np.uint64(shift))) & np.uint64(mask)
    return v


_SPREAD = (
    (16, 0x0000FFFF0000FFFF),
    (8, 0x00FF00FF00FF00FF),
    (4, 0x0F0F0F0F0F0F0F0F),
    (2, 0x3333333333333333),
    (1, 0x5555555555555555),
)


def _morton(cols: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Z-order codes of grid cells: column bits even, row bits odd."""
    codes: np.ndarray = _spread(cols.astype(np.uint64)) | (
        _spread(rows.astype(np.uint64)) << np.uint64(1)
    )
    return codes


def project_many(lats: np.ndarray, lngs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`project` over arrays of degrees."""
    s = np.sin(np.radians(np.clip(lats, -MAX_LAT, MAX_LAT)))
    x = np.mod((lngs + 180.0) / 360.0, 1.0)
    y = 0.5 - np.log((1 + s) / (1 - s)) / (4 * math.pi)
    return x, np.clip(y, 0.0, 1.0)


class ClusterIndex:
    """Places in Z-order of the finest grid, so every cell of every zoom is one run of them.

    A cell of `cell_px` pixels at zoom z is the 2**(max_zoom − z) square block of finest cells
    below it (int(v * inv) >> k is exact: the scales differ by a power of two), and in Z-order a
    block is contiguous: its members are the places whose code lies in [m << 2k, (m + 1) << 2k).
    Building is one vectorised sort; a query finds the run of each cell in view by binary
    search, so no zoom level is ever built and the first query at a zoom costs what any does.
    """

    def __init__(
        self, places: Iterable[Place], *, cell_px: int = 60, min_zoom: int = 0, max_zoom: int = 17
    ) -> None:
        """Index places; above max_zoom every place is drawn on its own."""
        ps = list(places)
        ranks = [SEVERITY_RANK[p.alert] for p in ps]
        self._setup(
            [p.id for p in ps],
            np.array([p.lat for p in ps], dtype=float),
            np.array([p.lng for p in ps], dtype=float),
            np.array(ranks, dtype=np.int8),
            cell_px,
            min_zoom,
            max_zoom,
        )

    @classmethod
    def of_columns(
        cls,
        ids: Sequence[str],
        lats: np.ndarray,
        lngs: np.ndarray,
        ranks: np.ndarray,
        *,
        cell_px: int = 60,
        min_zoom: int = 0,
        max_zoom: int = 17,
    ) -> ClusterIndex:
        """Index places given as columns (ranks: SEVERITY_RANK of each place's alert)."""
        index = cls.__new__(cls)
        index._setup(list(ids), lats, lngs, ranks, cell_px, min_zoom, max_zoom)
        return index

    def _setup(
        self,
        ids: list[str],
        lats: np.ndarray,
        lngs: np.ndarray,
        ranks: np.ndarray,
        cell_px: int,
        min_zoom: int,
        max_zoom: int,
    ) -> None:
        self.cell_px, self.min_zoom, self.max_zoom = cell_px, min_zoom, max_zoom
        self._inv = world_px(max_zoom) / cell_px  # finest cells per world width
        if int(self._inv).bit_length() > 32:
            raise ValueError("max_zoom too fine for the grid's 32-bit cells")
        x, y = project_many(np.asarray(lats, dtype=float), np.asarray(lngs, dtype=float))
        cols = (x * self._inv).astype(np.int64)  # the same `v * inv` as a query's
        rows = (y * self._inv).astype(np.int64)
        codes = _morton(cols, rows)
        order = np.argsort(codes, kind="stable")
        self._codes = codes[order]
        self._cols, self._rows = cols[order], rows[order]
        self._x, self._y = x[order], y[order]
        self._lats = np.asarray(lats, dtype=float)[order]
        self._lngs = np.asarray(lngs, dtype=float)[order]
        self._ranks = np.asarray(ranks, dtype=np.int8)[order]
        self._ids = [ids[i] for i in order.tolist()]
        self._items: dict[tuple[int, int], Cluster | Place] = {}  # (level, first) -> aggregate
        self._starts: dict[int, np.ndarray] = {}  # level -> where each occupied cell begins

    def __len__(self) -> int:
        return len(self._ids)

    def warm(self) -> None:
        """Nothing to build ahead: every zoom is answered from the one sorted array."""

    def _place(self, i: int) -> Place:
        return Place(
            self._ids[i], float(self._lats[i]), float(self._lngs[i]), SEVERITIES[self._ranks[i]]
        )

    def _aggregate(self, sel: slice | np.ndarray) -> Cluster | Place:
        """A single Place, or a Cluster with centroid, worst alert, ids and bounds."""
        xs, ys, lats = self._x[sel], self._y[sel], self._lats[sel]
        if len(xs) == 1:
            first = sel.start if isinstance(sel, slice) else int(sel[0])
            return self._place(first)
        ids = self._ids[sel] if isinstance(sel, slice) else [self._ids[i] for i in sel.tolist()]
        lat, lng = unproject(float(xs.mean()), float(ys.mean()))
        # west/east from the projected x, where +180° is −180°; a box spanning the date line
        # would otherwise claim the whole world
        return Cluster(
            lat=lat,
            lng=lng,
            count=len(xs),
            worst=SEVERITIES[int(self._ranks[sel].max())],
            ids=tuple(ids),
            bounds=(
                float(lats.min()),
                float(xs.min()) * 360.0 - 180.0,
                float(lats.max()),
                float(xs.max()) * 360.0 - 180.0,
            ),
        )

    def _cells(
        self, k: int, c0: int, c1: int, r0: int, r1: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Occupied cells of level max_zoom − k in the block: rows, cols, first and end index."""
        n = len(self._ids)
        if (c1 - c0 + 1) * (r1 - r0 + 1) <= 4 * n + 256:  # look each cell up
            grid_rows, grid_cols = np.meshgrid(
                np.arange(r0, r1 + 1, dtype=np.int64),
                np.arange(c0, c1 + 1, dtype=np.int64),
                indexing="ij",
            )
            rows, cols = grid_rows.ravel(), grid_cols.ravel()
            lo = _morton(cols, rows) << np.uint64(2 * k)
            first = np.searchsorted(self._codes, lo, side="left")
            end = np.searchsorted(self._codes, lo + np.uint64(1 << 2 * k), side="left")
            keep = end > first
            return rows[keep], cols[keep], first[keep], end[keep]
        # a view far bigger than the data: walk the occupied cells of the level instead
        starts = self._starts.get(k)
        if starts is None:
            top = self._codes >> np.uint64(2 * k)
            starts = np.concatenate(([0], np.flatnonzero(top[1:] != top[:-1]) + 1, [n]))
            starts = self._starts[k] = starts.astype(np.int64)
        first, end = starts[:-1], starts[1:]
        rows, cols = self._rows[first] >> k, self._cols[first] >> k
        keep = (rows >= r0) & (rows <= r1) & (cols >= c0) & (cols <= c1)
        rows, cols, first, end = rows[keep], cols[keep], first[keep], end[keep]
        by = np.lexsort((cols, rows))  # row by row, as the lookup gives them
        return rows[by], cols[by], first[by], end[by]

    def query(self, lat: float, lng: float, zoom: float, width_px: float, height_px: float) -> View:
        """Clusters and single places inside the viewport of a camera (centre, zoom, map size)."""
        intervals, y0, y1, box = _view_box(lat, lng, zoom, width_px, height_px)
        gz = max(self.min_zoom, min(self.max_zoom + 1, math.floor(zoom)))
        split_all = gz > self.max_zoom  # zoomed in past clustering: every place on its own
        k = self.max_zoom - min(gz, self.max_zoom)
        inv = self._inv / 2**k  # == world_px(level) / cell_px, exactly
        clusters: list[Cluster] = []
        points: list[Place] = []
        if not self._ids:
            return View(gz, box, clusters, points)
        # the same `v * inv` as when binning, so a place on the edge finds its own cell
        r0, r1 = int(y0 * inv), int(y1 * inv)
        for x0, x1 in intervals:
            c0, c1 = int(x0 * inv), int(x1 * inv)
            rows, cols, firsts, ends = self._cells(k, c0, c1, r0, r1)
            edge = (rows == r0) | (rows == r1) | (cols == c0) | (cols == c1)
            for first, end, cut in zip(firsts.tolist(), ends.tolist(), edge.tolist(), strict=True):
                sel: slice | np.ndarray = slice(first, end)
                if cut:  # a cell on the viewport's edge: keep the members inside
                    xs, ys = self._x[first:end], self._y[first:end]
                    inside = (x0 <= xs) & (xs <= x1) & (y0 <= ys) & (ys <= y1)
                    if not inside.all():
                        if not inside.any():
                            continue
                        sel = np.flatnonzero(inside) + first
                if split_all:
                    span = range(first, end) if isinstance(sel, slice) else sel.tolist()
                    points.extend(self._place(i) for i in span)
                    continue
                if isinstance(sel, slice):
                    item = self._items.get((k, first))
                    if item is None:
                        item = self._items[(k, first)] = self._aggregate(sel)
                else:
                    item = self._aggregate(sel)
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
