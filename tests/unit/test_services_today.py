"""Today's route: the approved plan's stops in order, with status, distances and the next stop."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from fieldapp.domain.clock import day_of, monday
from fieldapp.domain.distance import haversine_m
from fieldapp.services.position import Fix
from fieldapp.services.today import DONE, EMPTY, IN_PROGRESS, MISSED, PLANNED, TodayService
from fieldapp.services.visits import VisitService
from tests.unit.services_world import SHOP, World, build


@pytest.fixture
def world() -> World:
    return build()


def test_route_in_order_with_status_and_distances(world: World) -> None:
    today = TodayService(world.store, world.user, world.clock)
    route = today.route(Fix(*SHOP, 10.0, world.clock()))
    assert [s.customer["code"] for s in route.stops] == ["R1", "S1", "R2"]
    assert [s.status for s in route.stops] == [PLANNED] * 3
    assert route.stops[0].leg_m is None and route.stops[1].leg_m == pytest.approx(
        haversine_m(*SHOP, 31.2350, 121.4750)
    )
    assert route.stops[0].here_m == pytest.approx(0, abs=1)
    assert route.next_stop.customer["code"] == "R1" and route.done == 0


def test_status_follows_the_visits(world: World) -> None:
    today = TodayService(world.store, world.user, world.clock)
    visits = VisitService(world.store, world.user, world.clock, Path("/nonexistent"))
    fix = Fix(*SHOP, 10.0, world.clock())
    v = visits.check_in(world.ids["R1"], fix, plan_stop_id=world.ids["stop1"])
    route = today.route()
    assert [s.status for s in route.stops] == [IN_PROGRESS, PLANNED, PLANNED]
    assert route.next_stop.stop["id"] == world.ids["stop1"]  # finish what was started
    visits.save_notes(v["id"], notes="货架整齐")
    visits.check_out(v["id"])
    route = today.route()
    assert [s.status for s in route.stops] == [DONE, PLANNED, PLANNED]
    assert route.next_stop.customer["code"] == "S1" and route.done == 1
    # a visit to a planned outlet without the stop still counts; one off the plan is unplanned
    s1 = visits.check_in(world.ids["S1"], fix, reason="顺路")
    visits.cancel(s1["id"])
    r9 = visits.check_in(world.ids["R9"], fix, reason="临时拜访")
    route = today.route()
    assert [s.status for s in route.stops] == [DONE, MISSED, PLANNED]
    assert [v["id"] for v in route.unplanned] == [r9["id"]]


def test_an_empty_visit_is_visited_nothing_recorded_not_done(world: World) -> None:
    today = TodayService(world.store, world.user, world.clock)
    visits = VisitService(world.store, world.user, world.clock, Path("/nonexistent"))
    fix = Fix(*SHOP, 10.0, world.clock())
    v = visits.check_in(world.ids["R1"], fix, plan_stop_id=world.ids["stop1"])
    visits.check_out(v["id"], empty_reason="closed")
    route = today.route()
    assert [s.status for s in route.stops] == [EMPTY, PLANNED, PLANNED]
    assert route.done == 0 and route.empty == 1
    # a second visit the same day with something recorded makes the stop done
    world.clock.advance(600)
    fix = Fix(*SHOP, 10.0, world.clock())
    again = visits.check_in(world.ids["R1"], fix, plan_stop_id=world.ids["stop1"])
    visits.save_notes(again["id"], feedback="老板回来了")
    visits.check_out(again["id"])
    route = today.route()
    assert route.stops[0].status == DONE and route.done == 1 and route.empty == 0


def test_other_days_and_unapproved_plans_are_not_today(world: World) -> None:
    today = TodayService(world.store, world.user, world.clock)
    tomorrow = day_of(world.clock()) + dt.timedelta(days=1)
    assert today.route(day=tomorrow).stops == []
    yesterday = day_of(world.clock()) - dt.timedelta(days=1)
    assert monday(yesterday) == monday(day_of(world.clock()))
    world.store.apply_page(
        cursor=20,
        after=None,
        epoch=1,
        revoked=[],
        changes={
            "visit_plans": [
                {
                    "id": world.ids["plan"],
                    "rep_id": world.user.user_id,
                    "week_start": monday(tomorrow).isoformat(),
                    "status": "rejected",
                    "version": 2,
                }
            ]
        },
    )
    assert today.route().stops == [] and today.route().next_stop is None


def test_todays_distance_is_the_plans_distance(world: World) -> None:
    """One definition of a route's distance: Today and the week plan show the same figure."""
    from fieldapp.services.plans import PlanService

    route = TodayService(world.store, world.user, world.clock).route()
    week = PlanService(world.store, world.user, world.clock, rpc=None).week()
    (day,) = [d for d in week.days if d.day == route.day]
    assert route.length_m > 0
    assert day.estimate.distance_km * 1000 == pytest.approx(route.length_m)
