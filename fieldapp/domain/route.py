"""The visiting order of a day's stops: a short open path, optionally from a start to an end."""

from __future__ import annotations

import itertools
import random
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from fieldapp.domain.distance import check_point, distance_matrix, haversine_m
from fieldapp.errors import InvalidInput

LatLng = tuple[float, float]

_EXACT_MAX = 5  # up to this many stops every order is tried
_NEAR = 10  # neighbour-list length for the local search
_EPS = 1e-7  # metres; smaller gains are rounding noise
_PIN = -1e12  # weight of a pinned edge: no improving move can remove it
_SEED = 20_260_517  # fixed, so the same stops always give the same route
_KICKS_PER_NODE = 8  # perturbations per node: 30 stops ≈ 25 ms, 100 stops ≈ 120 ms on CPython
_KICKS_MAX = 2_000  # bounds the time for unusually long lists of stops


@dataclass(frozen=True)
class Stop:
    """A place to visit: an id and WGS-84 coordinates in degrees."""

    id: str
    lat: float
    lng: float

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id.strip():
            raise InvalidInput(f"站点编号 {self.id!r} 为空", f"stop id {self.id!r} is empty")
        check_point(self.lat, self.lng, f"站点“{self.id}”", f"stop {self.id!r}")


@dataclass(frozen=True)
class Route:
    """Stop ids in visiting order and the length in metres, legs from start and to end included."""

    order: list[str]
    length_m: float


def route_length_m(
    stops: Sequence[Stop], start: LatLng | None = None, end: LatLng | None = None
) -> float:
    """Length in metres of visiting the stops in the given order, from start and to end if given."""
    points = [(s.lat, s.lng) for s in stops]
    if start is not None:
        points.insert(0, start)
    if end is not None:
        points.append(end)
    return sum((haversine_m(*points[k - 1], *points[k]) for k in range(1, len(points))), 0.0)


def optimize_route(
    stops: Sequence[Stop], start: LatLng | None = None, end: LatLng | None = None
) -> Route:
    """A near-shortest order visiting every stop once, from start and to end when they are given."""
    _check(stops, start, end)
    points = [(s.lat, s.lng) for s in stops]
    solve = _exact if len(stops) <= _EXACT_MAX else _search
    order = solve(points, start, end)
    visited = [stops[i] for i in order]
    return Route([s.id for s in visited], route_length_m(visited, start, end))


def _check(stops: Sequence[Stop], start: LatLng | None, end: LatLng | None) -> None:
    """Raise InvalidInput for anything but Stops with distinct ids and valid start and end."""
    seen: set[str] = set()
    for s in stops:
        if not isinstance(s, Stop):
            raise InvalidInput(f"{s!r} 不是站点", f"{s!r} is not a Stop")
        if s.id in seen:
            raise InvalidInput(f"站点编号“{s.id}”重复", f"stop id {s.id!r} appears twice")
        seen.add(s.id)
    for point, zh, en in ((start, "起点", "start"), (end, "终点", "end")):
        if point is not None:
            if not isinstance(point, tuple | list) or len(point) != 2:
                raise InvalidInput(f"{zh}应为 (纬度, 经度)", f"{en} must be (lat, lng)")
            check_point(point[0], point[1], zh, en)


def _exact(points: list[LatLng], start: LatLng | None, end: LatLng | None) -> list[int]:
    """The shortest order by trying them all (few stops only)."""
    n = len(points)
    d = distance_matrix([*points, start or (0.0, 0.0), end or (0.0, 0.0)])
    s_row = d[n] if start is not None else None
    e_row = d[n + 1] if end is not None else None
    best: tuple[int, ...] = tuple(range(n))
    best_len = float("inf")
    for perm in itertools.permutations(range(n)):
        length = sum(d[perm[k]][perm[k + 1]] for k in range(n - 1))
        if perm and s_row is not None:
            length += s_row[perm[0]]
        if perm and e_row is not None:
            length += e_row[perm[-1]]
        if length < best_len - _EPS:
            best, best_len = perm, length
    return list(best)


# The search works on a closed tour. A path with a fixed start S becomes a tour through S and a
# dummy node Z that is zero metres from everything, with the edge S–Z pinned; a path from S to a
# fixed end E is a tour with the edge S–E pinned; a free path is a tour through Z. A fixed end
# without a start is solved backwards from the end.


def _search(points: list[LatLng], start: LatLng | None, end: LatLng | None) -> list[int]:
    """A near-shortest order by construction, local search and perturbation."""
    flip = start is None and end is not None
    if flip:
        start, end = end, None
    n = len(points)
    d = distance_matrix(points + [p for p in (start, end) if p is not None])
    m = len(d)
    if end is None:  # add Z, zero metres from everything
        for row in d:
            row.append(0.0)
        d.append([0.0] * (m + 1))
        m += 1
    head = n if start is not None else m - 1
    tail = m - 1 if start is not None else None
    if tail is not None:
        d[head][tail] = d[tail][head] = _PIN
    tour = _iterated_local_search(_nearest_neighbour(d, head, tail), d, head, tail)
    order = [v for v in tour if v < n]
    return order[::-1] if flip else order


def _nearest_neighbour(d: list[list[float]], head: int, tail: int | None) -> list[int]:
    """A tour from head that always goes to the nearest unvisited node, tail last."""
    left = set(range(len(d))) - {head, tail}
    tour = [head]
    while left:
        row = d[tour[-1]]
        nxt = min(left, key=lambda v: (row[v], v))
        tour.append(nxt)
        left.remove(nxt)
    if tail is not None:
        tour.append(tail)
    return tour


def _iterated_local_search(
    tour: list[int], d: list[list[float]], head: int, tail: int | None
) -> list[int]:
    """The best tour found by local search and seeded kicks; head first, pinned tail last."""
    m = len(tour)
    near = [
        sorted((v for v in range(m) if v != u), key=lambda v: (d[u][v], v))[:_NEAR]
        for u in range(m)
    ]
    rng = random.Random(_SEED)
    _local_search(tour, d, near, list(range(m)))
    cur = best = _normalise(tour, head, tail)
    cur_len = best_len = _length(best, d)
    # A kicked tour is kept even when a little longer (up to one mean edge), so the search can
    # walk out of a deep local optimum; the best tour seen is what counts.
    slack = (best_len - (_PIN if tail is not None else 0.0)) / m
    for _ in range(min(_KICKS_PER_NODE * m, _KICKS_MAX)):
        cand = cur[:]
        _local_search(cand, d, near, _double_bridge(cand, rng))
        cand_len = _length(cand, d)
        if cand_len < cur_len + slack * rng.random():
            cur, cur_len = _normalise(cand, head, tail), cand_len
            if cand_len < best_len - _EPS:
                best, best_len = cur, cand_len
    return best


def _length(tour: list[int], d: list[list[float]]) -> float:
    """Length of the closed tour (pinned edges count negative)."""
    return sum(d[tour[k - 1]][tour[k]] for k in range(len(tour)))


def _normalise(tour: list[int], head: int, tail: int | None) -> list[int]:
    """The same tour rotated to start at head and, if pinned, oriented to end at tail."""
    i = tour.index(head)
    tour = tour[i:] + tour[:i]
    if tail is not None and tour[-1] != tail:
        tour[1:] = tour[:0:-1]
    return tour


def _double_bridge(tour: list[int], rng: random.Random) -> list[int]:
    """Swap two neighbouring segments in place, never cutting the closing edge; the cut ends."""
    m = len(tour)
    span = max(3, min(m // 2, 50))  # long segments reach other basins (tuned on random cities)
    p1 = rng.randint(1, m - 3)
    p2 = p1 + rng.randint(1, min(span, m - 2 - p1))
    p3 = p2 + rng.randint(1, min(span, m - 1 - p2))
    ends = [tour[p1 - 1], tour[p1], tour[p2 - 1], tour[p2], tour[p3 - 1], tour[p3]]
    tour[p1:p3] = tour[p2:p3] + tour[p1:p2]
    return ends


def _local_search(
    tour: list[int], d: list[list[float]], near: list[list[int]], queue: list[int]
) -> None:
    """2-opt and Or-opt moves from the queued nodes until none improves the tour."""
    m = len(tour)
    pos = [0] * m
    for k, v in enumerate(tour):
        pos[v] = k
    queued = [False] * m
    for v in queue:
        queued[v] = True
    todo = deque(queue)
    while todo:
        a = todo.popleft()
        queued[a] = False
        touched = _two_opt(a, tour, pos, d, near) or _or_opt(a, tour, pos, d, near)
        for v in touched:
            if not queued[v]:
                queued[v] = True
                todo.append(v)


def _two_opt(
    a: int, tour: list[int], pos: list[int], d: list[list[float]], near: list[list[int]]
) -> tuple[int, ...]:
    """Apply the first improving 2-opt move at node a; the nodes whose edges changed."""
    m = len(tour)
    da = d[a]
    i = pos[a]
    for step in (1, -1):
        b = tour[(i + step) % m]
        dab = da[b]
        for c in near[a]:
            g1 = dab - da[c]
            if g1 <= _EPS:
                break
            e = tour[(pos[c] + step) % m]
            if c == b or e == a:
                continue
            if g1 + d[c][e] - d[b][e] > _EPS:
                if step == 1:  # a b … c e  →  a c … b e
                    _reverse(tour, pos, pos[b], pos[c])
                else:  # e c … b a  →  e b … c a
                    _reverse(tour, pos, pos[c], pos[b])
                return a, b, c, e
    return ()


def _or_opt(
    a: int, tour: list[int], pos: list[int], d: list[list[float]], near: list[list[int]]
) -> tuple[int, ...]:
    """Apply the first improving move of a segment of 1–3 nodes ending at a; the touched nodes."""
    m = len(tour)
    i = pos[a]
    for seg_len, first in ((1, i), (2, i), (2, i - 1), (3, i), (3, i - 2)):
        first %= m
        s1, s2 = tour[first], tour[(first + seg_len - 1) % m]
        p, n = tour[first - 1], tour[(first + seg_len) % m]
        removed = d[p][s1] + d[s2][n] - d[p][n]
        if removed <= _EPS:
            continue
        for end, other in ((s1, s2), (s2, s1)) if seg_len > 1 else ((s1, s1),):
            de, do = d[end], d[other]
            for c in near[end]:
                g1 = removed - de[c]
                if g1 <= _EPS:
                    break
                k = pos[c]
                if (k - first) % m < seg_len:
                    continue
                y = tour[(k + 1) % m]  # c, end … other, y
                if y != s1 and g1 + d[c][y] - do[y] > _EPS:
                    _move_segment(tour, pos, first, seg_len, c, end != s1)
                    return p, n, s1, s2, c, y
                x = tour[k - 1]  # x, other … end, c
                if x != s2 and g1 + d[x][c] - do[x] > _EPS:
                    _move_segment(tour, pos, first, seg_len, x, end == s1)
                    return p, n, s1, s2, x, c
    return ()


def _reverse(tour: list[int], pos: list[int], i: int, j: int) -> None:
    """Reverse the tour between positions i and j inclusive, going forward (wrapping) from i."""
    m = len(tour)
    inner = (j - i) % m + 1
    if 2 * inner > m:  # reversing the rest gives the same tour with less work
        i, j, inner = j + 1, i - 1, m - inner
    for _ in range(inner // 2):
        i %= m
        j %= m
        u, v = tour[i], tour[j]
        tour[i], tour[j] = v, u
        pos[v], pos[u] = i, j
        i += 1
        j -= 1


def _move_segment(
    tour: list[int], pos: list[int], first: int, seg_len: int, after: int, flip: bool
) -> None:
    """Move the segment at positions first.. to just after node `after`, reversed if flip."""
    rotated = tour[first:] + tour[:first]
    seg, rest = rotated[:seg_len], rotated[seg_len:]
    if flip:
        seg.reverse()
    k = rest.index(after) + 1
    tour[:] = rest[:k] + seg + rest[k:]
    for idx, v in enumerate(tour):
        pos[v] = idx
