"""The map's customers as columns (numpy arrays and lists), read in one query.

100,000 outlets are held as a few arrays, not 100,000 objects: a filter is a vectorised mask,
the clustering index is built from the masked columns, near me is one vectorised distance, and a
`Point` is made only for what is drawn or asked for (`PointMap` builds them on first access).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from fieldapp.domain import legend
from fieldapp.domain.cluster import ClusterIndex
from fieldapp.domain.distance import EARTH_RADIUS_M, haversine_m
from fieldapp.domain.geo import wgs84_to_gcj02
from fieldapp.store import customers, warnings

if TYPE_CHECKING:
    from fieldapp.services.mapview import MapFilter, Point
    from fieldapp.store import Store

_SEVERITY_ORDER = {s: i for i, s in enumerate(legend.SEVERITIES)}


@dataclass
class MapColumns:
    """Every positioned customer, one entry per column and row (rows in name order)."""

    ids: list[str]
    names: list[str]
    tiers: np.ndarray  # int8; an unknown tier counts as a store (3)
    grades: np.ndarray  # object: A–D or legend.UNGRADED
    quadrants: np.ndarray  # object
    owners: np.ndarray  # object
    lats: np.ndarray  # drawn (tiles' datum)
    lngs: np.ndarray
    wgs_lats: np.ndarray  # WGS-84
    wgs_lngs: np.ndarray
    ranks: np.ndarray  # int8: legend.SEVERITIES index of the worst open warning
    kinds: dict[str, frozenset[str]]  # customers with open warnings: their kinds
    overdue: frozenset[str]
    row: dict[str, int]  # id -> row

    @classmethod
    def load(cls, store: Store, today: str, gcj: bool) -> MapColumns:
        """Read the positioned customers and their open warnings (two queries, no JSON)."""
        found = customers.map_columns(store)
        ids, names, tiers, grades, quadrants, owners, lats, lngs = found
        worst: dict[str, int] = {}
        kinds: dict[str, set[str]] = {}
        for cid, kind, sev in warnings.open_kinds(store):
            rank = _SEVERITY_ORDER.get(sev or "", 1)  # an unknown severity counts as low
            worst[cid] = max(worst.get(cid, 0), rank)
            kinds.setdefault(cid, set()).add(kind)
        row = {cid: i for i, cid in enumerate(ids)}
        ranks = np.zeros(len(ids), dtype=np.int8)
        for cid, rank in worst.items():
            if cid in row:
                ranks[row[cid]] = rank
        wlat, wlng = np.array(lats, dtype=float), np.array(lngs, dtype=float)
        dlat, dlng = wlat, wlng
        if gcj:  # AMap tiles: each point where the tiles draw it
            moved = [
                wgs84_to_gcj02(a, b) for a, b in zip(wlat.tolist(), wlng.tolist(), strict=True)
            ]
            dlat = np.array([m[0] for m in moved], dtype=float)
            dlng = np.array([m[1] for m in moved], dtype=float)
        return cls(
            ids=ids,
            names=[n or "" for n in names],
            tiers=np.array([t if t in legend.TIERS else 3 for t in tiers], dtype=np.int8),
            grades=_objects([g or legend.UNGRADED for g in grades]),
            quadrants=_objects(quadrants),
            owners=_objects(owners),
            lats=dlat,
            lngs=dlng,
            wgs_lats=wlat,
            wgs_lngs=wlng,
            ranks=ranks,
            kinds={c: frozenset(k) for c, k in kinds.items()},
            overdue=frozenset(warnings.overdue_customers(store, today)),
            row=row,
        )

    def mask(self, flt: MapFilter) -> np.ndarray:
        """Which rows pass the filter."""
        keep = np.ones(len(self.ids), dtype=bool)
        if flt.tier is not None:
            keep &= self.tiers == flt.tier
        for column, value in ((self.grades, flt.grade), (self.quadrants, flt.quadrant)):
            if value is not None:
                keep &= column == value
        if flt.rep is not None:
            keep &= self.owners == flt.rep
        if flt.kind is not None:
            with_kind = np.zeros(len(self.ids), dtype=bool)
            rows = [self.row[c] for c, k in self.kinds.items() if flt.kind in k and c in self.row]
            with_kind[rows] = True
            keep &= with_kind
        return keep

    def index(self, keep: np.ndarray) -> ClusterIndex:
        """The clustering index of the chosen rows (drawn positions)."""
        rows = np.flatnonzero(keep)
        ids = self.ids if len(rows) == len(self.ids) else [self.ids[i] for i in rows.tolist()]
        return ClusterIndex.of_columns(ids, self.lats[rows], self.lngs[rows], self.ranks[rows])

    def nearest(self, keep: np.ndarray, lat: float, lng: float, limit: int) -> list[int]:
        """Rows of the `limit` nearest chosen customers to a WGS-84 position, nearest first
        (ties by name, then id; distances as haversine_m gives them)."""
        rows = np.flatnonzero(keep)
        if limit <= 0 or len(rows) == 0:
            return []
        p1, p2 = np.radians(lat), np.radians(self.wgs_lats[rows])
        dl = np.radians(self.wgs_lngs[rows] - lng)
        h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
        d = 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.minimum(1.0, h)))
        k = min(limit, len(rows)) - 1
        bound = float(np.partition(d, k)[k])
        near = rows[d <= bound + 1e-3 + abs(bound) * 1e-9]  # ties and rounding kept
        exact = [
            (haversine_m(lat, lng, float(self.wgs_lats[i]), float(self.wgs_lngs[i])), i)
            for i in near.tolist()
        ]
        exact.sort(key=lambda t: (t[0], self.names[t[1]], self.ids[t[1]]))
        return [i for _, i in exact[:limit]]


def _objects(values: Sequence[object]) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


class PointMap(Mapping[str, "Point"]):
    """Customers by id as `Point`s, each made the first time it is asked for."""

    def __init__(self, cols: MapColumns, make: type[Point]) -> None:
        self.cols = cols
        self._make = make
        self._made: dict[str, Point] = {}

    def at(self, i: int) -> Point:
        """The Point of a row."""
        c = self.cols
        cid = c.ids[i]
        p = self._made.get(cid)
        if p is None:
            p = self._made[cid] = self._make(
                cid,
                c.names[i],
                float(c.lats[i]),
                float(c.lngs[i]),
                (float(c.wgs_lats[i]), float(c.wgs_lngs[i])),
                int(c.tiers[i]),
                None if c.grades[i] == legend.UNGRADED else c.grades[i],
                c.quadrants[i],
                c.owners[i],
                legend.SEVERITIES[c.ranks[i]],
                c.kinds.get(cid, frozenset()),
                cid in c.overdue,
            )
        return p

    def __getitem__(self, cid: str) -> Point:
        return self.at(self.cols.row[cid])

    def __iter__(self) -> Iterator[str]:
        return iter(self.cols.ids)

    def __len__(self) -> int:
        return len(self.cols.ids)

    def __contains__(self, cid: object) -> bool:
        return cid in self.cols.row
