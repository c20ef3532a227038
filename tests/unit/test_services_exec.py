"""Executive visits and distribution targets on the phone: what the map's layer marks (from the
store), and the checks the forms make before an online call (nothing is sent on bad input)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from fieldapp.domain.clock import today as company_today
from fieldapp.services.device import DEMO, SignedIn
from fieldapp.services.dist_targets import DistTargetService, month_of
from fieldapp.services.exec_visits import ExecVisitService, is_key
from fieldapp.services.i18n import FieldErrors
from tests.unit.services_world import World, build, uid


@pytest.fixture
def world() -> World:
    return build()


def _manager(world: World) -> SignedIn:
    return SignedIn(uid(), "m@example.cn", "manager", "陈总", DEMO, "test", "")


class Calls:
    """The online calls a service made (answering each with its arguments)."""

    def __init__(self) -> None:
        self.made: list[tuple[str, dict[str, Any]]] = []

    def __call__(self, fn: str, **args: Any) -> Any:
        self.made.append((fn, args))
        return args


def _visits(world: World, rows: list[dict[str, Any]]) -> None:
    changes = {"executive_visits": [{"version": 1, "deleted_at": None, **r} for r in rows]}
    world.store.apply_page(cursor=20, after=None, epoch=1, changes=changes, revoked=[])


def test_the_map_marks_the_next_planned_else_the_latest_done(world: World) -> None:
    today = company_today(world.clock())
    d1, s1, r1, r2 = world.ids["D1"], world.ids["S1"], world.ids["R1"], world.ids["R2"]

    def day(n: int) -> str:
        return (today + dt.timedelta(days=n)).isoformat()

    v = {"executive_id": uid(), "purpose": "拜访", "created_by": uid()}
    _visits(world, [
        {"id": uid(), "customer_id": d1, "planned_on": day(-20), "status": "done", **v},
        {"id": "next", "customer_id": d1, "planned_on": day(7), "status": "planned", **v,
         "created_by": world.user.user_id},
        {"id": "other", "customer_id": s1, "planned_on": day(8), "status": "planned", **v},
        {"id": "old", "customer_id": r2, "planned_on": day(-40), "status": "done", **v},
        {"id": "late", "customer_id": r2, "planned_on": day(-10), "status": "done", **v},
        {"id": uid(), "customer_id": r1, "planned_on": day(3), "status": "cancelled", **v},
        {"id": uid(), "customer_id": r1, "planned_on": day(-90), "status": "done", **v},
    ])  # fmt: skip
    svc = ExecVisitService(world.store, world.user, world.clock, Calls())
    assert {k: v["id"] for k, v in svc.on_map().items()} == {d1: "next", s1: "other", r2: "late"}
    assert [v["id"] for v in svc.upcoming()] == ["next"]  # the user's own, not "other"
    assert not svc.can_plan()  # a rep reads them
    assert [v["planned_on"] for v in svc.of_customer(d1)] == [day(7), day(-20)]


def test_key_customers() -> None:
    assert is_key({"tier": 1}) and is_key({"tier": 3, "grade": "A"})
    assert is_key({"tier": 2, "quadrant": "core"}) and not is_key({"tier": 2, "grade": "B"})


@pytest.mark.parametrize(
    ("day", "purpose", "field"),
    [("2026-13-01", "拜访", "day"), ("2020-01-01", "拜访", "day"), ("", "拜访", "day"),
     ("2099-01-01", "  ", "purpose"), ("2099-01-01", "目" * 4001, "purpose")],
)  # fmt: skip
def test_a_bad_plan_is_not_sent(world: World, day: str, purpose: str, field: str) -> None:
    calls = Calls()
    svc = ExecVisitService(world.store, _manager(world), world.clock, calls)
    with pytest.raises(FieldErrors) as err:
        svc.plan(world.ids["D1"], day, purpose)
    assert list(err.value.fields) == [field] and calls.made == []


@pytest.mark.parametrize(
    ("sku", "month", "pct", "outlets", "field"),
    [("", "2026-12", "50", "1", "sku"), ("NOPE", "2026-12", "50", "1", "sku"),
     ("QY-T01", "2026-12-05", "50", "1", "month"), ("QY-T01", "12/2026", "50", "1", "month"),
     ("QY-T01", "2026-12", "101", "1", "pct"), ("QY-T01", "2026-12", "-1", "1", "pct"),
     ("QY-T01", "2026-12", "50.25", "1", "pct"), ("QY-T01", "2026-12", "abc", "1", "pct"),
     ("QY-T01", "2026-12", "50", "-1", "outlets"), ("QY-T01", "2026-12", "50", "1.5", "outlets")],
)  # fmt: skip
def test_a_bad_target_is_not_sent(
    world: World, sku: str, month: str, pct: str, outlets: str, field: str
) -> None:
    calls = Calls()
    svc = DistTargetService(world.store, _manager(world), world.clock, calls)
    with pytest.raises(FieldErrors) as err:
        svc.set(world.ids["D1"], sku, month, pct, outlets)
    assert list(err.value.fields) == [field] and calls.made == []


def test_a_good_target_is_sent_as_the_server_takes_it(world: World) -> None:
    calls = Calls()
    svc = DistTargetService(world.store, _manager(world), world.clock, calls)
    assert svc.can_set()
    svc.set(world.ids["D1"], " qy-t01 ", "2026-12", "62.5", "4")
    assert calls.made == [
        ("distribution_target_set", {
            "p_dealer_id": world.ids["D1"], "p_product_id": world.ids["P1"],
            "p_month": "2026-12-01", "p_target_pct": "62.5", "p_target_outlets": 4,
        }),
    ]  # fmt: skip
    assert month_of("2026-12-01") == dt.date(2026, 12, 1)
