"""The map service (issue 7): viewport markers under the cap, filters, near me, today's route,
GCJ-02 only on AMap tiles, the tile setting, the marker card — on a real SQLite store."""

from __future__ import annotations

import datetime as dt
import math
import random
from typing import Any

import pytest

from fieldapp.domain.cluster import project, viewport, world_px
from fieldapp.domain.distance import haversine_m
from fieldapp.domain.geo import wgs84_to_gcj02
from fieldapp.errors import FieldSalesError, InvalidInput
from fieldapp.services.mapview import MERGE_PX, MapFilter, MapService
from fieldapp.services.position import Fix
from fieldapp.services.settings import map_tiles
from tests.unit.services_world import SHOP, World, build, uid

W, H = 390, 600


@pytest.fixture
def world() -> World:
    return build()


def service(world: World, rpc: Any = None) -> MapService:
    def no_rpc(fn: str, **args: Any) -> Any:
        raise FieldSalesError("离线", "offline")

    return MapService(world.store, world.user, world.clock, rpc or no_rpc)


def codes(world: World, ids: Any) -> set[str]:
    by_id = {v: k for k, v in world.ids.items()}
    return {by_id[i] for i in ids}


def add_outlets(world: World, n: int, seed: int = 7) -> None:
    """n more stores round Shanghai, some graded, some warned, as a pull stores them."""
    rnd = random.Random(seed)
    rows, warns = [], []
    for i in range(n):
        cid = uid()
        rows.append(
            {
                "id": cid,
                "version": 1,
                "code": f"X{i:05d}",
                "name": f"测试门店{i}",
                "tier": rnd.choice([2, 3, 3]),
                "grade": rnd.choice(["A", "B", "C", "D", None]),
                "quadrant": rnd.choice(["core", "dangerous", "cultivate", "eliminate"]),
                "owner_id": world.user.user_id,
                "status": "active",
                "lat": 31.0 + rnd.random() * 0.5,
                "lng": 121.2 + rnd.random() * 0.6,
            }
        )
        if rnd.random() < 0.1:
            warns.append(
                {
                    "id": uid(),
                    "version": 1,
                    "customer_id": cid,
                    "kind": "churn",
                    "severity": rnd.choice(["low", "medium", "high"]),
                    "status": "open",
                }
            )
    world.store.apply_page(
        cursor=50, after=None, epoch=1, revoked=[], changes={"customers": rows, "warnings": warns}
    )


def test_viewport_markers_stay_under_the_cap_and_cover_the_view(world: World) -> None:
    add_outlets(world, 3000)
    svc = service(world)
    flt = MapFilter()
    everyone = svc.matching(flt)
    lat, lng, zoom = svc.home(flt, W, H)
    v = svc.view(flt, lat, lng, zoom, W, H, cap=60)
    assert v.controls <= 60
    assert v.total == v.matching == len(everyone) == 3005  # the home camera shows them all
    for z in (9, 11, 13, 15, 17, 19):
        v = svc.view(flt, *SHOP, z, W, H, cap=60)
        assert v.controls <= 60, z
        box = viewport(*SHOP, z, W, H)
        inside = [
            p for p in everyone if box.south <= p.lat <= box.north and box.west <= p.lng <= box.east
        ]
        assert v.total == len(inside), z  # every customer in view is drawn (alone or in a bubble)
        members = [i for c in v.clusters for i in c.ids] + [p.id for p in v.points]
        assert len(members) == len(set(members)) == len(inside)
        if z < 18:  # bubbles a grid edge put on top of each other are merged
            xy = [project(c.lat, c.lng) for c in [*v.clusters, *v.points]]
            scale = world_px(z)
            near = min(
                (math.dist(a, b) * scale for i, a in enumerate(xy) for b in xy[i + 1 :]),
                default=MERGE_PX,
            )
            assert near >= MERGE_PX / 2, (z, near)
    # zoomed far in: single customers with their own colours, far fewer than the cap
    close = svc.view(flt, *SHOP, 19, W, H)
    assert world.ids["R1"] in {p.id for p in close.points}


def test_the_worst_alert_shows_on_its_cluster(world: World) -> None:
    svc = service(world)
    v = svc.view(MapFilter(), *SHOP, 5, W, H)  # Shanghai in one bubble
    assert len(v.clusters) == 1 and not v.points
    assert v.clusters[0].count == 5 and v.clusters[0].worst == "high"
    r1 = svc.points()[world.ids["R1"]]
    assert r1.severity == "high" and r1.kinds == {"credit_over_limit"}


def test_filters_change_the_set_exactly(world: World) -> None:
    svc = service(world)

    def shown(**kw: Any) -> set[str]:
        flt = MapFilter(**kw)
        v = svc.view(flt, *SHOP, 3, W, H)  # all of China in view
        assert v.total == v.matching
        return codes(world, [p.id for p in svc.matching(flt)])

    assert shown() == {"D1", "S1", "R1", "R2", "R9"}
    assert shown(grade="A") == {"R1"}
    assert shown(grade="-") == {"D1"}  # not graded yet
    assert shown(tier=3) == {"R1", "R2", "R9"}
    assert shown(tier=1) == {"D1"}
    assert shown(quadrant="dangerous") == {"R2"}
    assert shown(kind="credit_over_limit") == {"R1"}
    assert shown(kind="churn") == set()
    assert shown(tier=3, grade="C") == {"R2"}
    assert shown(rep=world.user.user_id) == {"D1", "S1", "R1", "R2", "R9"}
    assert shown(rep=uid()) == set()
    v = svc.view(MapFilter(grade="A"), *SHOP, 19, W, H)
    assert [p.id for p in v.points] == [world.ids["R1"]] and not v.clusters


@pytest.mark.parametrize(
    "flt",
    [
        MapFilter(tier=7),
        MapFilter(grade="E"),
        MapFilter(quadrant="gold"),
        MapFilter(kind="late"),
    ],
)
def test_a_bad_filter_is_refused_with_a_sentence(world: World, flt: MapFilter) -> None:
    with pytest.raises(InvalidInput) as err:
        service(world).view(flt, *SHOP, 10, W, H)
    assert err.value.message_zh and err.value.message_en


def test_near_me_lists_the_nearest_with_distances(world: World) -> None:
    svc = service(world)
    here = world.fix(SHOP[0] + 0.001, SHOP[1])  # ~111 m north of R1
    found = svc.near(here, limit=3)
    assert [codes(world, [n.point.id]).pop() for n in found] == ["R1", "S1", "R2"]
    for n in found:
        assert n.distance_m == pytest.approx(haversine_m(here.lat, here.lng, *n.point.wgs))
    assert found[0].distance_m == pytest.approx(111.2, abs=0.5)
    dists = [n.distance_m for n in svc.near(here, limit=10)]
    assert dists == sorted(dists) and len(dists) == 5
    assert [n.point.id for n in svc.near(here, MapFilter(grade="D"))] == [world.ids["R9"]]


def test_route_line_goes_through_the_stops_in_order(world: World) -> None:
    svc = service(world)
    line = svc.route()
    assert [codes(world, [cid]).pop() for cid, _ in line.stops] == ["R1", "S1", "R2"]
    assert line.points == [SHOP, (31.2350, 121.4750), (31.2280, 121.4700)]
    assert line.stops[0][1] == "联华便利店(南京路店)"


def test_gcj02_only_on_amap_tiles(world: World) -> None:
    svc = service(world)
    assert svc.tiles() == "osm" and not svc.gcj
    r1 = world.ids["R1"]
    assert (svc.points()[r1].lat, svc.points()[r1].lng) == SHOP
    assert svc.route().points[0] == SHOP

    svc.set_tiles("amap")
    assert svc.gcj and map_tiles(world.store) == "amap"
    shifted = wgs84_to_gcj02(*SHOP)
    p = svc.points()[r1]
    assert (p.lat, p.lng) == shifted and p.wgs == SHOP
    assert haversine_m(*shifted, *SHOP) > 300  # a few hundred metres in Shanghai
    assert svc.route().points[0] == shifted
    v = svc.view(MapFilter(), *shifted, 19, W, H)
    assert r1 in {q.id for q in v.points}
    picked = svc.from_display(*shifted)  # a point picked on AMap tiles is GPS again
    assert haversine_m(*picked, *SHOP) < 0.01
    fix = svc.picked(*shifted)  # long-pressed on the map: a typed position in WGS-84
    assert fix.source == "manual" and haversine_m(fix.lat, fix.lng, *SHOP) < 0.01
    # distances are measured in WGS-84 whatever the tiles
    assert svc.near(world.fix(*SHOP))[0].distance_m == pytest.approx(0, abs=0.01)

    for key in ("tianditu", "none", "osm"):
        svc.set_tiles(key)
        assert not svc.gcj and svc.to_display(*SHOP) == SHOP
        assert (svc.points()[r1].lat, svc.points()[r1].lng) == SHOP
    assert svc.tile_spec() is not None and "openstreetmap" in svc.tile_spec().url
    assert svc.picked(*SHOP).lat == SHOP[0]  # OSM tiles are WGS-84 already
    svc.set_tiles("none")
    assert svc.tile_spec() is None
    with pytest.raises(InvalidInput):  # not a place on Earth: refused with a sentence
        svc.picked(95.0, 121.0)


def test_unknown_tiles_are_refused_and_nothing_changes(world: World) -> None:
    svc = service(world)
    svc.set_tiles("amap")
    with pytest.raises(InvalidInput) as err:
        svc.set_tiles("google")
    assert "google" in err.value.message_en and "底图" in err.value.message_zh
    assert svc.tiles() == "amap"


def test_marker_card_has_the_warning_sentence_and_distance(world: World) -> None:
    svc = service(world)
    s = svc.summary(world.ids["R1"], Fix(SHOP[0] + 0.002, SHOP[1], 5.0, world.clock()))
    assert s is not None and s.point.grade == "A" and s.customer["code"] == "R1"
    assert s.distance_m == pytest.approx(222.4, abs=0.5)
    (w, sentence), *_ = s.warnings
    assert w["severity"] == "high" and "超过信用额度" in sentence("zh")
    assert "credit limit" in sentence("en")
    assert svc.summary(uid()) is None


def test_new_outlets_appear_without_a_restart(world: World) -> None:
    svc = service(world)
    assert svc.view(MapFilter(), *SHOP, 3, W, H).total == 5
    world.store.write(
        "customers",
        {"id": uid(), "name": "新开门店", "tier": 3, "lat": 31.25, "lng": 121.5, "grade": "B"},
    )
    assert svc.view(MapFilter(), *SHOP, 3, W, H).total == 6


def test_rep_names_from_the_server_or_numbered_offline(world: World) -> None:
    world.user = type(world.user)(**{**world.user.__dict__, "role": "area_manager"})
    assert not service(world).route().points  # only a rep has a route of their own
    offline = service(world)
    assert offline.can_filter_reps()
    assert offline.reps() == [(world.user.user_id, "#1")]
    calls: list[dict[str, Any]] = []

    def rpc(fn: str, **args: Any) -> Any:
        calls.append({"fn": fn, **args})
        return [{"rep_id": world.user.user_id, "rep_name": "李业务"}]

    online = service(world, rpc)
    assert online.reps() == [(world.user.user_id, "李业务")]
    online.reps()
    assert len(calls) == 1 and calls[0]["fn"] == "plan_vs_actual"


def test_a_customer_is_marked_overdue_by_the_due_day_the_server_set(world: World) -> None:
    """Overdue on the map is the server's rule on the server's due day (warnings.due_on, from
    private.warning_due_on): unresolved and the company day is after it; a resolved warning
    past its day is not overdue, and the mark comes with the day passing, without a sync."""
    from fieldapp.domain.clock import today as company_today
    from fieldapp.ui.map.map_marks import marker_label

    today = company_today(world.clock())
    cid, other = world.ids["R1"], world.ids["R2"]

    def warning(customer: str, due: dt.date, status: str = "open") -> dict[str, Any]:
        return {"id": uid(), "version": 1, "customer_id": customer, "kind": "churn",
                "severity": "medium", "status": status, "due_on": due.isoformat()}  # fmt: skip

    world.store.apply_page(
        cursor=60,
        after=None,
        epoch=1,
        revoked=[],
        changes={
            "warnings": [
                warning(cid, today),  # due today: not yet overdue
                warning(other, today - dt.timedelta(days=3), "resolved"),
            ]
        },
    )
    svc = service(world)
    points = svc.points()
    assert not points[cid].overdue and not points[other].overdue
    world.clock.advance(24 * 3600)  # the next company day: past its due day
    points = svc.points()
    assert points[cid].overdue and not points[other].overdue
    assert "有超时预警" in marker_label(points[cid], "zh")
    assert "Overdue warning" in marker_label(points[cid], "en")
    assert "超时" not in marker_label(points[other], "zh")


def test_customers_without_a_position_are_listed_as_unplaced(world: World) -> None:
    svc = service(world)
    before = {u.id for u in svc.unplaced()}
    cid = uid()
    world.store.write(
        "customers", {"id": cid, "name": "待定位门店", "tier": 3, "address": "上海市张杨路528号"}
    )
    found = {u.id: u for u in svc.unplaced()}
    assert set(found) == before | {cid}
    assert found[cid].address == "上海市张杨路528号" and found[cid].name == "待定位门店"
    total = svc.view(MapFilter(), *SHOP, 3, W, H).total
    world.store.write(
        "customers", {"id": cid, "name": "待定位门店", "tier": 3, "lat": 31.25, "lng": 121.5}
    )
    assert cid not in {u.id for u in svc.unplaced()}
    assert svc.view(MapFilter(), *SHOP, 3, W, H).total == total + 1
