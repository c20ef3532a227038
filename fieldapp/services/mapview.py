"""Customers on the map (地图): clusters per viewport, filters, near me, today's route.

Everything here reads the phone's local store, so the map works offline. Positions are stored
in WGS-84; when the tile setting is AMap (GCJ-02 tiles) every drawn point is converted to
GCJ-02 and a point picked on the map is converted back (`to_display` / `from_display`). The
clustering index is built over the drawn (display) positions, because the camera reports its
centre in the tiles' datum.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from fieldapp.domain import clock, legend
from fieldapp.domain.cluster import Cluster, ClusterIndex, declutter, fit_camera
from fieldapp.domain.distance import haversine_m
from fieldapp.domain.geo import gcj02_to_wgs84, wgs84_to_gcj02
from fieldapp.errors import FieldSalesError, InvalidInput
from fieldapp.services import settings
from fieldapp.services.base import UserService
from fieldapp.services.i18n import Msg
from fieldapp.services.map_points import MapColumns, PointMap
from fieldapp.services.position import MANUAL, Fix
from fieldapp.services.today import TodayService
from fieldapp.services.warnings import open_warnings, reason
from fieldapp.store import customers, warnings
from fieldapp.store.customers import Customer
from fieldapp.store.warnings import Warning

MARKER_CAP = 300  # never more marker controls than this on the map at once
MERGE_PX = 40  # bubbles and markers closer than this on screen are drawn as one bubble
NEAR_LIMIT = 10
_INDEX_CACHE = 6  # filters whose index is kept (switching back is instant)


@dataclass(frozen=True)
class MapFilter:
    """What the map shows: every choice None means 'all'."""

    tier: int | None = None
    grade: str | None = None  # A–D, or legend.UNGRADED
    quadrant: str | None = None
    kind: str | None = None  # customers with an open warning of this kind
    rep: str | None = None  # owner's user id (managers only)

    def check(self) -> None:
        """Raise InvalidInput when a choice is not one the map knows."""
        if self.tier is not None and self.tier not in legend.TIERS:
            raise InvalidInput(f"没有第 {self.tier} 级网点", f"there is no tier {self.tier}")
        if self.grade is not None and self.grade not in legend.GRADES:
            raise InvalidInput(f"没有 {self.grade} 级客户", f"there is no grade {self.grade!r}")
        if self.quadrant is not None and self.quadrant not in legend.QUADRANTS:
            raise InvalidInput(
                f"未知的客户象限：{self.quadrant}", f"unknown quadrant {self.quadrant!r}"
            )
        if self.kind is not None and self.kind not in legend.WARNING_KINDS:
            raise InvalidInput(
                f"未知的预警类型：{self.kind}", f"unknown warning kind {self.kind!r}"
            )

    @property
    def active(self) -> int:
        """How many choices are set."""
        return sum(
            v is not None for v in (self.tier, self.grade, self.quadrant, self.kind, self.rep)
        )


@dataclass(frozen=True, slots=True)
class Point:
    """One customer as the map draws it (lat/lng in the tiles' datum; wgs in WGS-84)."""

    id: str
    name: str
    lat: float
    lng: float
    wgs: tuple[float, float]
    tier: int
    grade: str | None
    quadrant: str | None
    owner_id: str | None
    severity: str  # worst open warning: none | low | medium | high
    kinds: frozenset[str]
    overdue: bool = False  # an open warning past its due day (the server's due_on)


@dataclass(frozen=True)
class MapView:
    """What to draw for one camera: cluster bubbles and single customers (at most the cap)."""

    zoom: int
    clusters: list[Cluster]
    points: list[Point]
    total: int  # customers in view
    matching: int  # customers that pass the filter (anywhere)

    @property
    def controls(self) -> int:
        """Marker controls needed."""
        return len(self.clusters) + len(self.points)


@dataclass(frozen=True)
class Nearby:
    """An outlet near the current position."""

    point: Point
    distance_m: float


@dataclass(frozen=True)
class Summary:
    """The card shown when a marker is tapped."""

    point: Point
    customer: Customer
    warnings: list[tuple[Warning, Msg]]
    distance_m: float | None


@dataclass(frozen=True)
class RouteLine:
    """Today's stops in route order: the line's points (tiles' datum) and the stops' names."""

    points: list[tuple[float, float]]
    stops: list[tuple[str, str]] = field(default_factory=list)  # (customer id, name)


@dataclass(frozen=True)
class TileSpec:
    """A base map ready for the tile layer: URL template with its key filled in."""

    key: str
    url: str
    subdomains: list[str]
    max_zoom: int
    attribution: str
    labels_url: str | None


class MapService(UserService):
    """The map of the signed-in user, read from the phone's store."""

    def setup(self) -> None:
        """Caches of this service."""
        self._cols: MapColumns | None = None
        self._points: PointMap | None = None
        self._version: tuple[Any, ...] | None = None
        self._indexes: OrderedDict[tuple[MapFilter, str], tuple[ClusterIndex, int]] = OrderedDict()
        self._rep_names: dict[str, str] | None = None

    # -- tiles and datum --------------------------------------------------------------------

    def tiles(self) -> str:
        """The chosen base map: a key of legend.TILES, or "none"."""
        return settings.map_tiles(self.store)

    def set_tiles(self, key: str) -> None:
        """Choose the base map (InvalidInput for an unknown one)."""
        settings.set_map_tiles(self.store, key)

    def tile_spec(self) -> TileSpec | None:
        """The tile layer to draw, or None for a plain background."""
        src = legend.TILES.get(self.tiles())
        if src is None:
            return None
        tk = os.environ.get(src.key_env, "") if src.key_env else ""
        return TileSpec(
            src.key,
            src.url.replace("{tk}", tk),
            list(src.subdomains),
            src.max_zoom,
            src.attribution,
            src.labels_url.replace("{tk}", tk) if src.labels_url else None,
        )

    @property
    def gcj(self) -> bool:
        """Whether drawn points are GCJ-02 (AMap tiles)."""
        src = legend.TILES.get(self.tiles())
        return src is not None and src.datum == "gcj02"

    def to_display(self, lat: float, lng: float) -> tuple[float, float]:
        """A WGS-84 position where the current tiles draw it."""
        return wgs84_to_gcj02(lat, lng) if self.gcj else (lat, lng)

    def from_display(self, lat: float, lng: float) -> tuple[float, float]:
        """The WGS-84 position of a point picked on the current tiles."""
        return gcj02_to_wgs84(lat, lng) if self.gcj else (lat, lng)

    def picked(self, lat: float, lng: float) -> Fix:
        """A position the user picked on the map, as a typed (manual) WGS-84 fix."""
        wlat, wlng = self.from_display(lat, lng)
        return Fix(wlat, wlng, None, self.now(), MANUAL)

    # -- data ---------------------------------------------------------------------------------

    def _data_version(self) -> tuple[Any, ...]:
        st = self.store.sync_state()
        # today too: a warning becomes overdue when the company day passes its due day
        return (st.cursor, st.after, st.epoch, self.store.pending_count(), self.today(), self.gcj)

    def points(self) -> PointMap:
        """Every customer with a position, by id (reloaded when the store has changed)."""
        return self._data()[1]

    def _data(self) -> tuple[MapColumns, PointMap]:
        version = self._data_version()
        if self._cols is None or self._points is None or version != self._version:
            self._cols = MapColumns.load(self.store, self.today().isoformat(), version[-1])
            self._points = PointMap(self._cols, Point)
            self._version = version
            self._indexes.clear()
        return self._cols, self._points

    def unplaced(self) -> list[customers.Unplaced]:
        """Customers the map cannot draw (no position yet: 未定位), by name."""
        return customers.unplaced(self.store)

    def matching(self, flt: MapFilter) -> list[Point]:
        """The customers that pass the filter."""
        flt.check()
        cols, points = self._data()
        return [points.at(i) for i in np.flatnonzero(cols.mask(flt)).tolist()]

    def index(self, flt: MapFilter) -> tuple[ClusterIndex, int]:
        """The clustering index of the filtered customers (cached per filter) and their count."""
        flt.check()
        cols, _ = self._data()  # reload first when the store has changed (clears the cache)
        key = (flt, str(self._version))
        found = self._indexes.get(key)
        if found is not None:
            self._indexes.move_to_end(key)
            return found
        keep = cols.mask(flt)
        self._indexes[key] = (cols.index(keep), int(keep.sum()))
        while len(self._indexes) > _INDEX_CACHE:
            self._indexes.popitem(last=False)
        return self._indexes[key]

    # -- what to draw -------------------------------------------------------------------------

    def view(
        self,
        flt: MapFilter,
        lat: float,
        lng: float,
        zoom: float,
        width_px: float,
        height_px: float,
        cap: int = MARKER_CAP,
    ) -> MapView:
        """Clusters and single customers inside the camera's viewport, never more than cap.

        When the viewport holds more bubbles than the cap, the same box is clustered one grid
        level coarser (half the pixels at one zoom lower is the same box), until it fits.
        Bubbles that a grid edge left on top of each other are merged (`declutter`).
        """
        idx, count = self.index(flt)
        points = self.points()
        w, h, z = float(width_px), float(height_px), float(zoom)
        while True:
            got = idx.query(lat, lng, z, w, h)
            if len(got.clusters) + len(got.points) <= cap or z < 1:
                break
            z, w, h = z - 1, w / 2, h / 2
        clusters, places = got.clusters, got.points
        if got.zoom <= idx.max_zoom:  # past the last grid level every customer stands alone
            clusters, places = declutter(clusters, places, zoom, MERGE_PX)
        return MapView(got.zoom, clusters, [points[p.id] for p in places], got.total, count)

    def home(self, flt: MapFilter, width_px: float, height_px: float) -> tuple[float, float, float]:
        """The camera (lat, lng, zoom) that shows every filtered customer."""
        flt.check()
        cols, _ = self._data()
        keep = cols.mask(flt)
        if not keep.any():
            keep = np.ones(len(cols.ids), dtype=bool)
        if not keep.any():
            return 31.2304, 121.4737, 10.0  # nothing on the phone yet: Shanghai
        lats, lngs = cols.lats[keep], cols.lngs[keep]
        bounds = (float(lats.min()), float(lngs.min()), float(lats.max()), float(lngs.max()))
        return fit_camera(bounds, width_px, height_px, padding_px=56, max_zoom=16)

    def zoom_into(
        self, cluster: Cluster, width_px: float, height_px: float, current: float
    ) -> tuple[float, float, float]:
        """The camera that opens a tapped cluster (its members spread out, at least +1 zoom)."""
        lat, lng, zoom = fit_camera(cluster.bounds, width_px, height_px, padding_px=48)
        return lat, lng, max(zoom, current + 1)

    # -- cards, near me, route ---------------------------------------------------------------

    def summary(self, customer_id: str, here: Fix | None = None) -> Summary | None:
        """The marker card: the customer, its open warnings with reasons, distance from here."""
        point = self.points().get(customer_id)
        customer = customers.get(self.store, customer_id)
        if point is None or customer is None:
            return None
        warns = open_warnings(warnings.of_customer(self.store, customer_id))
        dist = None if here is None else haversine_m(here.lat, here.lng, *point.wgs)
        return Summary(point, customer, [(w, reason(w)) for w in warns], dist)

    def near(
        self, here: Fix, flt: MapFilter | None = None, limit: int = NEAR_LIMIT
    ) -> list[Nearby]:
        """The nearest customers (passing the filter) to a WGS-84 position, nearest first."""
        flt = flt or MapFilter()
        flt.check()
        cols, points = self._data()
        rows = cols.nearest(cols.mask(flt), here.lat, here.lng, limit)
        return [Nearby(p, haversine_m(here.lat, here.lng, *p.wgs)) for p in map(points.at, rows)]

    def route(self, day: dt.date | None = None) -> RouteLine:
        """Today's approved stops in route order as a line on the current tiles."""
        if self.user.role != "rep":
            return RouteLine([])
        stops = TodayService(self.store, self.user, self.now).route(day=day).stops
        pts: list[tuple[float, float]] = []
        names: list[tuple[str, str]] = []
        for s in stops:
            c = s.customer
            lat, lng = (None, None) if c is None else (c.get("lat"), c.get("lng"))
            if c is None or lat is None or lng is None:
                continue
            pts.append(self.to_display(float(lat), float(lng)))
            names.append((c["id"], s.name))
        return RouteLine(pts, names)

    # -- filter choices -----------------------------------------------------------------------

    def can_filter_reps(self) -> bool:
        """Managers filter by rep; a rep sees only their own outlets anyway."""
        return self.user.role in ("area_manager", "manager")

    def reps(self) -> list[tuple[str, str]]:
        """The reps who own customers on this phone: (user id, name), by name.

        Names come from the server (plan_vs_actual) when online; offline a rep is numbered.
        """
        owners = sorted({o for o in self._data()[0].owners.tolist() if o})
        if self._rep_names is None:
            names: dict[str, str] = {}
            try:
                week = clock.monday(clock.today(self.now())).isoformat()
                for row in self.rpc("plan_vs_actual", p_week_start=week) or []:
                    if row.get("rep_id") and row.get("rep_name"):
                        names[str(row["rep_id"])] = str(row["rep_name"])
                self._rep_names = names
            except FieldSalesError:
                names = {}  # offline: ask again next time
        else:
            names = self._rep_names
        out = [(o, names.get(o) or f"#{i}") for i, o in enumerate(owners, start=1)]
        return sorted(out, key=lambda r: (r[1].startswith("#"), r[1]))
