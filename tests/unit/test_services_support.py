"""Support recorded at a visit on the phone (issue 18), without Flet or a server: a bad kind,
cost or text is refused naming each field and writes nothing; a good one is one done row of the
visit's customer, in the outbox, first in the customer's history; the cost is typed money."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from fieldapp.services.i18n import FieldErrors
from fieldapp.services.support import SupportService, parse_cost
from fieldapp.services.visits import VisitService
from tests.unit.services_world import World, build, north


@pytest.fixture
def world() -> World:
    return build()


def _visit(w: World) -> dict:
    visits = VisitService(w.store, w.user, w.clock, Path("/nonexistent"))
    return dict(visits.check_in(w.ids["R1"], w.fix(*north(50), acc=8)))


def _support(w: World) -> SupportService:
    def offline(*_a: object, **_k: object) -> None:
        raise AssertionError("no online call at a visit")

    return SupportService(w.store, w.user, w.clock, offline)


@pytest.mark.parametrize(
    ("raw", "value"), [("", Decimal(0)), ("650", Decimal(650)), ("1,200.5", Decimal("1200.5"))]
)
def test_a_cost_is_typed_money(raw: str, value: Decimal) -> None:
    assert parse_cost(raw) == value


@pytest.mark.parametrize("raw", ["-1", "abc", "1.234", "1000000001", "nan"])
def test_a_bad_cost_names_the_cost(raw: str) -> None:
    with pytest.raises(FieldErrors) as err:
        parse_cost(raw)
    assert list(err.value.fields) == ["cost"]


def test_bad_support_is_refused_field_by_field_and_writes_nothing(world: World) -> None:
    visit, svc = _visit(world), _support(world)
    before = world.store.pending_count()
    with pytest.raises(FieldErrors) as err:
        svc.record_done(visit, "meeting", "-3", "料" * 4001, "好")
    assert set(err.value.fields) == {"kind", "cost", "materials"}
    assert err.value.fields["kind"].zh and err.value.fields["kind"].en
    assert world.store.pending_count() == before
    assert svc.history(visit["customer_id"]) == []


def test_support_done_at_a_visit_is_one_pushed_row(world: World) -> None:
    visit, svc = _visit(world), _support(world)
    before = world.store.pending_count()
    row = svc.record_done(visit, "store_display", "380", " 货架贴 ", "主通道陈列")
    assert (row["status"], row["cost"], row["materials"]) == ("done", 380.0, "货架贴")
    assert row["visit_id"] == visit["id"] and row["customer_id"] == visit["customer_id"]
    assert row["done_on"] == svc.today().isoformat() and row["owner_id"] == world.user.user_id
    assert world.store.pending_count() == before + 1
    assert [r["id"] for r in svc.of_visit(visit["id"])] == [row["id"]]
    assert svc.history(visit["customer_id"])[0]["id"] == row["id"]
