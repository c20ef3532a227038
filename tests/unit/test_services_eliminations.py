"""Eliminate and conduct flags on the phone (fieldapp.services.eliminations): each call's RPC and
arguments, and a wrong field (no reason, refusing without a note, a flag's kind, day, note)
refused before any call, with the field named."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from fieldapp.services.eliminations import EliminationService, year_ago
from fieldapp.services.i18n import FieldErrors
from tests.unit.services_world import NOW, Clock, build


class Calls:
    """The online calls a service made (fn, args)."""

    def __init__(self) -> None:
        self.made: list[tuple[str, dict[str, Any]]] = []

    def __call__(self, fn: str, **args: Any) -> Any:
        self.made.append((fn, args))
        return [] if fn == "elimination_requests" else {"id": "e1"}


@pytest.fixture
def svc() -> EliminationService:
    world = build(clock=Clock(NOW))  # the company's today: 2026-11-27
    return EliminationService(world.store, world.user, world.clock, Calls())


def made(svc: EliminationService) -> list[tuple[str, dict[str, Any]]]:
    return svc.rpc.made  # type: ignore[attr-defined,no-any-return]


def test_the_calls_and_their_arguments(svc: EliminationService) -> None:
    svc.requests()
    svc.requests("c1", open_only=False)
    svc.request("c1", "  连续窜货  ")
    svc.decide("e1", True)
    svc.decide("e1", False, "先整改")
    svc.withdraw("e1")
    svc.flag("c1", "dumping", "2026-11-20", " 低价甩货 ", ["p1", "p2"])
    assert made(svc) == [
        ("elimination_requests", {"p_open_only": True}),
        ("elimination_requests", {"p_open_only": False, "p_customer_id": "c1"}),
        ("request_elimination", {"p_customer_id": "c1", "p_reason": "连续窜货"}),
        ("decide_elimination", {"p_elimination_id": "e1", "p_approved": True, "p_note": None}),
        ("decide_elimination", {"p_elimination_id": "e1", "p_approved": False, "p_note": "先整改"}),
        ("withdraw_elimination", {"p_elimination_id": "e1"}),
        ("record_conduct_flag", {"p_customer_id": "c1", "p_kind": "dumping",
                                 "p_flagged_on": "2026-11-20", "p_note": "低价甩货",
                                 "p_photo_ids": "{p1,p2}"}),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda s: s.request("c1", "  "), "reason"),
        (lambda s: s.request("c1", "长" * 4001), "reason"),
        (lambda s: s.decide("e1", False, " "), "note"),
        (lambda s: s.flag("c1", "late", "2026-11-20", "x"), "kind"),
        (lambda s: s.flag("c1", None, "2026-11-20", "x"), "kind"),
        (lambda s: s.flag("c1", "dumping", "2026-11-28", "x"), "day"),  # tomorrow
        (lambda s: s.flag("c1", "dumping", "2025-11-26", "x"), "day"),  # over a year ago
        (lambda s: s.flag("c1", "dumping", "11/20", "x"), "day"),
        (lambda s: s.flag("c1", "dumping", "2026-11-20", " "), "note"),
        (lambda s: s.flag("c1", "dumping", "2026-11-20", "x", ["p"] * 21), "photos"),
    ],
)
def test_a_wrong_field_calls_nothing(svc: EliminationService, call: Any, field: str) -> None:
    with pytest.raises(FieldErrors) as err:
        call(svc)
    assert field in err.value.fields and err.value.message_zh and err.value.message_en
    assert made(svc) == []


def test_a_year_ago_today_is_still_allowed(svc: EliminationService) -> None:
    svc.flag("c1", "cross_territory", "2025-11-27", "去年今日")
    assert made(svc)[0][1]["p_flagged_on"] == "2025-11-27"


def test_a_year_ago_is_the_servers_year() -> None:
    assert year_ago(dt.date(2028, 2, 29)) == dt.date(2027, 2, 28)
    assert year_ago(dt.date(2026, 3, 1)) == dt.date(2025, 3, 1)
