"""Grid clustering: membership, counts, worst alert, exact viewport filtering, camera helpers."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldapp.domain.cluster import (
    MAX_LAT,
    Cluster,
    ClusterIndex,
    Place,
    View,
    fit_camera,
    project,
    unproject,
    viewport,
    world_px,
)
from fieldapp.domain.legend import SEVERITIES, SEVERITY_RANK

ALERTS = st.sampled_from(SEVERITIES)
CITIES = [(31.23, 121.47), (39.90, 116.40), (23.13, 113.26), (-33.87, 151.21), (64.1, -21.9)]


@st.composite
def places(draw: st.DrawFn, max_size: int = 150) -> list[Place]:
    """Places anywhere on Earth, many of them bunched around a few cities (so clusters form)."""
    n = draw(st.integers(0, max_size))
    out = []
    for i in range(n):
        if draw(st.booleans()):
            lat = draw(st.floats(-90, 90))
            lng = draw(st.floats(-180, 180))
        else:
            clat, clng = draw(st.sampled_from(CITIES))
            lat = clat + draw(st.floats(-0.5, 0.5))
            lng = clng + draw(st.floats(-0.5, 0.5))
        out.append(Place(f"p{i}", lat, lng, draw(ALERTS)))
    return out


def ids_of(view: View) -> list[str]:
    """Every id a view returns, clusters expanded."""
    return [i for c in view.clusters for i in c.ids] + [p.id for p in view.points]


def whole_world(index: ClusterIndex, zoom: int) -> View:
    """A viewport larger than the world at this zoom."""
    size = world_px(zoom) + 10
    return index.query(0.0, 0.0, zoom, size, size)


@settings(max_examples=60, deadline=None)
@given(ps=places())
def test_every_place_in_exactly_one_result_at_every_zoom(ps: list[Place]) -> None:
    """At every zoom 0–20 each place is in exactly one cluster or point; counts add up."""
    index = ClusterIndex(ps, max_zoom=17)
    for zoom in range(21):
        view = whole_world(index, zoom)
        seen = Counter(ids_of(view))
        assert set(seen) == {p.id for p in ps}
        assert all(n == 1 for n in seen.values())
        assert view.total == len(ps)
        for c in view.clusters:
            assert c.count == len(c.ids) >= 2
        if zoom > 17:
            assert view.clusters == []


@settings(max_examples=60, deadline=None)
@given(ps=places())
def test_worst_alert_and_bounds_of_each_cluster(ps: list[Place]) -> None:
    """A cluster's worst alert is the most severe of its members; bounds hold every member."""
    by_id = {p.id: p for p in ps}
    index = ClusterIndex(ps)
    for zoom in (0, 3, 6, 9):
        for c in whole_world(index, zoom).clusters:
            members = [by_id[i] for i in c.ids]
            assert c.worst == max((m.alert for m in members), key=SEVERITY_RANK.__getitem__)
            south, west, north, east = c.bounds
            lngs = [project(m.lat, m.lng)[0] * 360 - 180 for m in members]  # +180° is −180°
            assert all(south <= m.lat <= north for m in members)
            assert all(west - 1e-9 <= lng <= east + 1e-9 for lng in lngs)
            assert south - 1e-9 <= c.lat <= north + 1e-9 or abs(c.lat) >= MAX_LAT - 1e-6
            assert west - 1e-9 <= c.lng <= east + 1e-9


def test_worst_alert_hand_made() -> None:
    """none < low < medium < high, whatever the order of the members."""
    ps = [Place("a", 31.2, 121.4, "low"), Place("b", 31.2001, 121.4001, "high")]
    ps += [Place("c", 31.2002, 121.4, "medium"), Place("d", 31.2, 121.4002)]
    (cluster,) = ClusterIndex(ps).query(31.2, 121.4, 10, 400, 400).clusters
    assert cluster.worst == "high" and cluster.count == 4
    (cluster,) = ClusterIndex(ps[2:]).query(31.2, 121.4, 10, 400, 400).clusters
    assert cluster.worst == "medium"
    view = ClusterIndex([ps[3], Place("e", 31.2, 121.4)]).query(31.2, 121.4, 10, 400, 400)
    (cluster,) = view.clusters
    assert cluster.worst == "none"


def brute_inside(
    p: Place, lat: float, lng: float, zoom: float, w: float, h: float, slack: float
) -> bool:
    """Whether p is within the w x h pixel box around the centre (slack in pixels)."""
    scale = world_px(zoom)
    cx, cy = project(lat, lng)
    px, py = project(p.lat, p.lng)
    dx = ((px - cx + 0.5) % 1.0 - 0.5) * scale  # shortest way round the world
    dy = (py - cy) * scale
    wide = w >= scale  # the view wraps the whole world horizontally
    return (wide or abs(dx) <= w / 2 + slack) and abs(dy) <= h / 2 + slack


@settings(max_examples=200, deadline=None)
@given(
    ps=places(),
    lat=st.floats(-80, 80),
    lng=st.floats(-180, 180),
    zoom=st.floats(0, 20),
    w=st.integers(50, 2500),
    h=st.integers(50, 2500),
)
def test_viewport_returns_exactly_the_places_inside(
    ps: list[Place], lat: float, lng: float, zoom: float, w: int, h: int
) -> None:
    """Every place inside the camera's box is returned once, and nothing outside it is."""
    index = ClusterIndex(ps)
    view = index.query(lat, lng, zoom, w, h)
    got = Counter(ids_of(view))
    assert all(n == 1 for n in got.values())
    eps = 1e-6  # pixels: points exactly on an edge may go either way
    surely_in = {p.id for p in ps if brute_inside(p, lat, lng, zoom, w, h, -eps)}
    maybe_in = {p.id for p in ps if brute_inside(p, lat, lng, zoom, w, h, eps)}
    assert surely_in <= set(got) <= maybe_in


def test_antimeridian_viewport() -> None:
    """A camera on the date line sees both sides of it, and nothing of the far side of Earth."""
    ps = [Place("east", 0, 179.9), Place("west", 0, -179.9), Place("far", 0, 0)]
    view = ClusterIndex(ps).query(0, 180, 12, 800, 600)
    assert sorted(ids_of(view)) == ["east", "west"] and view.clusters == []
    box = view.viewport
    assert box.west > box.east and not box.whole_width
    assert sorted(ids_of(ClusterIndex(ps).query(0, 180, 3, 800, 600))) == ["east", "west"]


def test_zoomed_past_max_zoom_shows_every_place() -> None:
    """Above max_zoom, places that share a spot are still drawn one by one."""
    ps = [Place(f"s{i}", 31.2, 121.4) for i in range(5)]
    index = ClusterIndex(ps, max_zoom=16)
    assert index.query(31.2, 121.4, 16.9, 400, 400).clusters[0].count == 5
    view = index.query(31.2, 121.4, 17, 400, 400)
    assert view.clusters == [] and len(view.points) == 5


def test_projection_and_viewport_numbers() -> None:
    """Web-Mercator anchors and the box of a few cameras."""
    assert project(0, 0) == (0.5, 0.5)
    assert project(MAX_LAT, -180) == pytest.approx((0.0, 0.0), abs=1e-12)
    assert project(90, 180) == pytest.approx((0.0, 0.0), abs=1e-12)  # clamped; 180° wraps to −180°
    assert unproject(*project(31.23, 121.47)) == pytest.approx((31.23, 121.47))
    world = viewport(0, 0, 0, 256, 256)
    assert (world.west, world.east) == (-180.0, 180.0)
    assert world.north == pytest.approx(MAX_LAT) and world.south == pytest.approx(-MAX_LAT)
    half = viewport(0, 0, 1, 256, 256)
    assert (half.west, half.east) == pytest.approx((-90.0, 90.0))
    assert half.north == pytest.approx(math.degrees(math.atan(math.sinh(math.pi / 2))))
    with pytest.raises(ValueError):
        viewport(0, 0, 3, 0, 100)


@settings(max_examples=60, deadline=None)
@given(ps=places(max_size=80), zoom=st.integers(0, 12))
def test_fit_camera_on_a_cluster_shows_all_its_members(ps: list[Place], zoom: int) -> None:
    """Tapping a cluster zooms to its bounds: every member is then in view, split up further."""
    index = ClusterIndex(ps)
    for c in whole_world(index, zoom).clusters:
        if any(abs(p.lat) > 80 for p in ps if p.id in c.ids):
            continue  # Mercator's edge: a box of those can exceed any screen
        lat, lng, z = fit_camera(c.bounds, 400, 800, padding_px=40, max_zoom=22)
        view = index.query(lat, lng, z, 400, 800)
        assert set(c.ids) <= set(ids_of(view))
        assert z >= zoom  # never zooms out


def test_cluster_is_returned_from_cache_unchanged() -> None:
    """Two queries over the same cells give equal results (cached aggregates are not mutated)."""
    ps = [Place(f"c{i}", 31 + i * 1e-4, 121 + i * 1e-4, SEVERITIES[i % 4]) for i in range(50)]
    index = ClusterIndex(ps)
    index.warm()
    a = index.query(31, 121, 8, 800, 600)
    b = index.query(31, 121, 8, 800, 600)
    assert a == b and isinstance(a.clusters[0], Cluster) and a.total == 50


@settings(max_examples=80, deadline=None)
@given(ps=places())
def test_each_cluster_is_exactly_its_grid_cell_at_every_zoom(ps: list[Place]) -> None:
    """Every bubble at every zoom holds exactly the places binned into its cell (v * inv)."""
    index = ClusterIndex(ps, max_zoom=17)
    for zoom in range(18):
        inv = world_px(zoom) / 60

        def cell(p: Place, inv: float = inv) -> tuple[int, int]:
            x, y = project(p.lat, p.lng)
            return int(y * inv), int(x * inv)

        cells: dict[tuple[int, int], set[str]] = {}
        for p in ps:
            cells.setdefault(cell(p), set()).add(p.id)
        view = whole_world(index, zoom)
        got = [set(c.ids) for c in view.clusters] + [{p.id} for p in view.points]
        assert sorted(map(sorted, got)) == sorted(map(sorted, cells.values()))
        for c in view.clusters:
            assert c.count == len(cells[cell(next(p for p in ps if p.id == c.ids[0]))])


def test_columns_and_places_give_the_same_index() -> None:
    """of_columns (the map service's way in) answers exactly as an index of Place objects."""
    ps = [
        Place(f"k{i}", 31 + (i % 17) * 0.013, 121 + (i % 23) * 0.011, SEVERITIES[i % 4])
        for i in range(400)
    ]
    a = ClusterIndex(ps)
    b = ClusterIndex.of_columns(
        [p.id for p in ps],
        np.array([p.lat for p in ps]),
        np.array([p.lng for p in ps]),
        np.array([SEVERITY_RANK[p.alert] for p in ps]),
    )
    for zoom in (3, 9, 11, 13, 18):
        assert a.query(31.1, 121.1, zoom, 390, 626) == b.query(31.1, 121.1, zoom, 390, 626)
