"""Route optimisation: degenerate inputs, fixed ends, bad coordinates, and quality vs OR-Tools."""

from __future__ import annotations

import itertools
import math
import random

import pytest
from ortools.constraint_solver import pywrapcp, routing_enums_pb2

from fieldapp.domain.distance import distance_matrix, haversine_m
from fieldapp.domain.route import LatLng, Stop, optimize_route, route_length_m
from fieldapp.errors import InvalidInput

HANGZHOU: LatLng = (30.2741, 120.1551)  # the office: start of the quality instances
DEPOT: LatLng = (30.3000, 120.1000)  # a warehouse 6 km away: end of the start-and-end ones


def random_stops(
    n: int, seed: int, centre: LatLng = HANGZHOU, radius_m: float = 15_000
) -> list[Stop]:
    """n stops scattered uniformly over a disc around the centre, the same for the same seed."""
    rng = random.Random(seed)
    m_per_deg_lat = 111_195.0
    m_per_deg_lng = m_per_deg_lat * math.cos(math.radians(centre[0]))
    stops = []
    for k in range(n):
        r, angle = radius_m * math.sqrt(rng.random()), 2 * math.pi * rng.random()
        lat = centre[0] + r * math.cos(angle) / m_per_deg_lat
        lng = centre[1] + r * math.sin(angle) / m_per_deg_lng
        stops.append(Stop(f"S{k:03d}", lat, lng))
    return stops


def ortools_best(
    stops: list[Stop], start: LatLng | None, end: LatLng | None, seconds: float
) -> float:
    """Length (m) of OR-Tools' best route: guided local search for `seconds`, metre matrix."""
    n = len(stops)
    first, last = n, n + 1  # start and end nodes; dummies (zero-cost arcs) when not given
    d = distance_matrix([(s.lat, s.lng) for s in stops] + [start or HANGZHOU, end or HANGZHOU])
    cost = [[round(x) for x in row] for row in d]
    for v in range(n + 2):
        if start is None:
            cost[first][v] = cost[v][first] = 0
        if end is None:
            cost[last][v] = cost[v][last] = 0
    manager = pywrapcp.RoutingIndexManager(n + 2, 1, [first], [last])
    routing = pywrapcp.RoutingModel(manager)
    routing.SetArcCostEvaluatorOfAllVehicles(routing.RegisterTransitMatrix(cost))
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    params.local_search_metaheuristic = (
        routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    )
    params.time_limit.FromMilliseconds(int(seconds * 1000))
    solution = routing.SolveWithParameters(params)
    assert solution is not None
    order, index = [], routing.Start(0)
    while not routing.IsEnd(index):
        node = manager.IndexToNode(index)
        if node < n:
            order.append(stops[node])
        index = solution.Value(routing.NextVar(index))
    assert len(order) == n
    return route_length_m(order, start, end)


def exact_length(stops: list[Stop], start: LatLng | None, end: LatLng | None) -> float:
    """The shortest route length by dynamic programming over subsets (Held–Karp; few stops)."""
    n = len(stops)
    d = distance_matrix([(s.lat, s.lng) for s in stops])
    from_start = [haversine_m(*start, s.lat, s.lng) if start else 0.0 for s in stops]
    to_end = [haversine_m(s.lat, s.lng, *end) if end else 0.0 for s in stops]
    best = {(1 << j, j): from_start[j] for j in range(n)}
    for mask in range(1, 1 << n):
        for j in range(n):
            if (mask, j) not in best:
                continue
            for k in range(n):
                if not mask & (1 << k):
                    key = (mask | (1 << k), k)
                    best[key] = min(best.get(key, math.inf), best[(mask, j)] + d[j][k])
    full = (1 << n) - 1
    return min(best[(full, j)] + to_end[j] for j in range(n))


def _ids(stops: list[Stop]) -> list[str]:
    return [s.id for s in stops]


# --- degenerate input -----------------------------------------------------------------------


def test_no_stops() -> None:
    assert optimize_route([]).order == []
    assert optimize_route([]).length_m == 0.0
    assert optimize_route([], start=HANGZHOU).length_m == 0.0
    both = optimize_route([], start=HANGZHOU, end=DEPOT)
    assert both.order == []
    assert both.length_m == pytest.approx(haversine_m(*HANGZHOU, *DEPOT))


def test_one_stop() -> None:
    a = Stop("A", 30.28, 120.16)
    assert optimize_route([a]).order == ["A"]
    assert optimize_route([a]).length_m == 0.0
    route = optimize_route([a], start=HANGZHOU, end=DEPOT)
    assert route.order == ["A"]
    expected = haversine_m(*HANGZHOU, a.lat, a.lng) + haversine_m(a.lat, a.lng, *DEPOT)
    assert route.length_m == pytest.approx(expected)


def test_two_stops_go_near_one_first() -> None:
    near, far = Stop("near", 30.2750, 120.1560), Stop("far", 30.3500, 120.2500)
    route = optimize_route([far, near], start=HANGZHOU)
    assert route.order == ["near", "far"]
    assert route.length_m == pytest.approx(route_length_m([near, far], start=HANGZHOU))
    assert sorted(optimize_route([far, near]).order) == ["far", "near"]


@pytest.mark.parametrize("n", [3, 8, 40])
def test_all_stops_at_one_point(n: int) -> None:
    stops = [Stop(f"P{k}", 30.25, 120.17) for k in range(n)]
    route = optimize_route(stops)
    assert sorted(route.order) == sorted(_ids(stops))
    assert route.length_m == 0.0
    with_start = optimize_route(stops, start=HANGZHOU)
    assert with_start.length_m == pytest.approx(haversine_m(*HANGZHOU, 30.25, 120.17))


def test_duplicate_points_are_visited_together() -> None:
    stops = random_stops(20, seed=5)
    twins = [Stop(f"{s.id}-twin", s.lat, s.lng) for s in stops[:8]]
    route = optimize_route(stops + twins, start=HANGZHOU)
    assert sorted(route.order) == sorted(_ids(stops + twins))
    for twin in twins:  # a twin costs nothing extra, so it sits right next to its original
        i, j = route.order.index(twin.id), route.order.index(twin.id.removesuffix("-twin"))
        assert abs(i - j) == 1
    alone = optimize_route(stops, start=HANGZHOU).length_m
    assert route.length_m <= alone * 1.001


# --- fixed start and end --------------------------------------------------------------------


def _line(n: int) -> list[Stop]:
    """n stops in a row going east from Hangzhou, 500 m apart, listed in shuffled order."""
    stops = [Stop(f"L{k:02d}", 30.2741, 120.1551 + k * 0.0052) for k in range(n)]
    random.Random(3).shuffle(stops)
    return stops


@pytest.mark.parametrize("n", [4, 12])
def test_open_path_along_a_line(n: int) -> None:
    west_to_east = [f"L{k:02d}" for k in range(n)]
    free = optimize_route(_line(n))
    assert free.order in (west_to_east, west_to_east[::-1])
    from_east = optimize_route(_line(n), start=(30.2741, 120.3))
    assert from_east.order == west_to_east[::-1]
    to_east = optimize_route(_line(n), end=(30.2741, 120.3))
    assert to_east.order == west_to_east
    assert to_east.length_m == pytest.approx(from_east.length_m)


def test_start_and_end_on_the_same_side_make_a_loop() -> None:
    stops = random_stops(25, seed=8)
    route = optimize_route(stops, start=HANGZHOU, end=HANGZHOU)
    ordered = [next(s for s in stops if s.id == i) for i in route.order]
    assert route.length_m == pytest.approx(route_length_m(ordered, HANGZHOU, HANGZHOU))
    assert route.length_m > route_length_m(ordered, HANGZHOU)  # the way back is counted


@pytest.mark.parametrize("n", [6, 7, 9])
@pytest.mark.parametrize(
    ("start", "end"), [(None, None), (HANGZHOU, None), (None, DEPOT), (HANGZHOU, DEPOT)]
)
def test_small_routes_are_optimal(n: int, start: LatLng | None, end: LatLng | None) -> None:
    for seed in range(3):
        stops = random_stops(n, seed=100 + seed)
        route = optimize_route(stops, start, end)
        ordered = [next(s for s in stops if s.id == i) for i in route.order]
        assert sorted(route.order) == sorted(_ids(stops))
        assert route.length_m == pytest.approx(route_length_m(ordered, start, end))
        assert route.length_m == pytest.approx(exact_length(stops, start, end), rel=1e-9)


# --- invalid input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lat", "lng", "words"),
    [
        (90.5, 120.0, ("纬度", "latitude", "outside")),
        (-91, 120.0, ("纬度", "latitude", "outside")),
        (30.0, 180.01, ("经度", "longitude", "outside")),
        (30.0, -200, ("经度", "longitude", "outside")),
        (math.nan, 120.0, ("纬度", "latitude", "finite")),
        (30.0, math.inf, ("经度", "longitude", "finite")),
        ("30.1", 120.0, ("纬度", "latitude", "finite number")),
        (True, 120.0, ("纬度", "latitude", "finite number")),
    ],
)
def test_bad_coordinates_are_rejected_naming_the_stop(
    lat: object, lng: object, words: tuple
) -> None:
    with pytest.raises(InvalidInput) as caught:
        Stop("门店-007", lat, lng)  # type: ignore[arg-type]
    message = caught.value.one_line()
    assert "门店-007" in message
    for word in words:
        assert word in message


def test_edge_coordinates_are_fine() -> None:
    stops = [Stop("N", 90, 0), Stop("S", -90.0, 180.0), Stop("W", 0.0, -180.0)]
    assert sorted(optimize_route(stops).order) == ["N", "S", "W"]


@pytest.mark.parametrize("which", ["start", "end"])
def test_bad_start_or_end_is_rejected(which: str) -> None:
    stops = random_stops(3, seed=1)
    with pytest.raises(InvalidInput, match=which) as caught:
        optimize_route(stops, **{which: (30.0, 181.0)})
    assert ("起点" if which == "start" else "终点") in caught.value.message_zh
    with pytest.raises(InvalidInput, match=which):
        optimize_route(stops, **{which: (30.0,)})


def test_duplicate_ids_and_empty_ids_are_rejected() -> None:
    a = Stop("A", 30.1, 120.1)
    with pytest.raises(InvalidInput, match="'A' appears twice"):
        optimize_route([a, Stop("B", 30.2, 120.2), Stop("A", 30.3, 120.3)])
    with pytest.raises(InvalidInput, match="empty"):
        Stop("  ", 30.1, 120.1)


# --- determinism and quality ----------------------------------------------------------------


def test_same_input_same_route() -> None:
    stops = random_stops(60, seed=11)
    first = optimize_route(stops, start=HANGZHOU)
    for _ in range(2):
        again = optimize_route(list(stops), start=HANGZHOU)
        assert again == first


QUALITY = [  # stops, seed, start, end, allowed ratio to OR-Tools' best, OR-Tools seconds
    (10, 1, HANGZHOU, None, 1.01, 1),
    (10, 2, None, None, 1.01, 1),
    (30, 1, HANGZHOU, None, 1.01, 2),
    (30, 2, None, None, 1.01, 2),
    (30, 3, HANGZHOU, DEPOT, 1.01, 2),
    (60, 1, HANGZHOU, None, 1.03, 4),
    (100, 1, HANGZHOU, None, 1.03, 5),
    (100, 2, HANGZHOU, DEPOT, 1.03, 5),
]


@pytest.mark.parametrize(
    ("n", "seed", "start", "end", "allowed", "seconds"),
    QUALITY,
    ids=[
        f"{q[0]}stops-seed{q[1]}-{'start' if q[2] else 'free'}{'-end' if q[3] else ''}"
        for q in QUALITY
    ],
)
def test_close_to_ortools(
    n: int, seed: int, start: LatLng | None, end: LatLng | None, allowed: float, seconds: float
) -> None:
    stops = random_stops(n, seed)
    ours = optimize_route(stops, start, end).length_m
    reference = ortools_best(stops, start, end, seconds)
    assert ours / reference <= allowed, f"{ours:.0f} m vs OR-Tools {reference:.0f} m"


def test_every_permutation_of_five_is_tried() -> None:
    stops = random_stops(5, seed=4)
    best = min(route_length_m(list(p), HANGZHOU, DEPOT) for p in itertools.permutations(stops))
    assert optimize_route(stops, HANGZHOU, DEPOT).length_m == pytest.approx(best)
