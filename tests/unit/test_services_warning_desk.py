"""The warnings desk on the phone (fieldapp.services.warning_desk): the server's rows filtered by
kind, severity, age, rep and area (the server's order kept), the facets to filter by, and the
steps' RPC calls, a wrong field refused before any call."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from fieldapp.services.i18n import FieldErrors
from fieldapp.services.warning_desk import (
    DeskFilter,
    WarningDeskService,
    age_bucket,
    facets,
    filter_rows,
)
from tests.unit.services_world import NOW, Clock, build


def row(n: int, kind: str, severity: str, age: int, rep: str, area: str, overdue: bool) -> dict:
    return {
        "id": f"w{n}", "kind": kind, "severity": severity, "age_days": age, "overdue": overdue,
        "rep_id": rep, "rep_name": {"r1": "李业务", "r2": "王业务"}[rep], "area_id": area,
        "area_name": {"a1": "上海", "a2": "浙江"}[area],
    }  # fmt: skip


ROWS = [  # in the server's order: overdue first, then severity, then age
    row(1, "churn", "high", 9, "r1", "a1", True),
    row(2, "credit_over_limit", "medium", 31, "r2", "a2", True),
    row(3, "churn", "high", 2, "r2", "a1", False),
    row(4, "expense_rising", "low", 15, "r1", "a2", False),
]


class Calls:
    """The online calls a service made (fn, args), answering the desk with ROWS."""

    def __init__(self) -> None:
        self.made: list[tuple[str, dict[str, Any]]] = []

    def __call__(self, fn: str, **args: Any) -> Any:
        self.made.append((fn, args))
        return ROWS if fn == "warning_desk" else {}


@pytest.fixture
def svc() -> WarningDeskService:
    world = build(clock=Clock(NOW))
    return WarningDeskService(world.store, world.user, world.clock, Calls())


def ids(rows: list[dict]) -> list[str]:
    return [r["id"] for r in rows]


def test_age_buckets_have_exact_bounds() -> None:
    got = [age_bucket(d) for d in (0, 3, 4, 7, 8, 14, 15, 30, 31, 400)]
    assert got == ["0-3", "0-3", "4-7", "4-7", "8-14", "8-14", "15-30", "15-30", "30+", "30+"]


def test_filters_keep_the_servers_order() -> None:
    assert ids(filter_rows(ROWS, None)) == ["w1", "w2", "w3", "w4"]
    assert ids(filter_rows(ROWS, DeskFilter(kinds=frozenset({"churn"})))) == ["w1", "w3"]
    assert ids(filter_rows(ROWS, DeskFilter(severities=frozenset({"high", "low"})))) == [
        "w1", "w3", "w4",
    ]  # fmt: skip
    assert ids(filter_rows(ROWS, DeskFilter(ages=frozenset({"8-14", "30+"})))) == ["w1", "w2"]
    assert ids(filter_rows(ROWS, DeskFilter(rep_ids=frozenset({"r2"})))) == ["w2", "w3"]
    assert ids(filter_rows(ROWS, DeskFilter(area_ids=frozenset({"a2"})))) == ["w2", "w4"]
    both = DeskFilter(kinds=frozenset({"churn"}), area_ids=frozenset({"a1"}), overdue_only=True)
    assert ids(filter_rows(ROWS, both)) == ["w1"]
    assert filter_rows(ROWS, DeskFilter(kinds=frozenset({"major_incident"}))) == []


def test_facets_count_each_value() -> None:
    f = facets(ROWS)
    assert f["kind"] == {"churn": 2, "credit_over_limit": 1, "expense_rising": 1}
    assert f["severity"] == {"high": 2, "medium": 1, "low": 1}
    assert f["age"] == {"8-14": 1, "30+": 1, "0-3": 1, "15-30": 1}
    assert f["rep"] == {"r1": {"name": "李业务", "count": 2}, "r2": {"name": "王业务", "count": 2}}
    assert f["area"]["a2"] == {"name": "浙江", "count": 2}
    assert f["overdue"] == {"overdue": 2}


def test_the_desk_asks_the_server_and_filters(svc: WarningDeskService) -> None:
    calls: Calls = svc.rpc  # type: ignore[assignment]
    rows = svc.desk(dt.date(2026, 12, 5), DeskFilter(severities=frozenset({"high"})), lang="en")
    assert ids(rows) == ["w1", "w3"]
    assert svc.desk() and calls.made == [
        ("warning_desk", {"p_lang": "en", "p_as_of": "2026-12-05"}),
        ("warning_desk", {"p_lang": "zh"}),
    ]


def test_steps_call_their_rpc(svc: WarningDeskService) -> None:
    calls: Calls = svc.rpc  # type: ignore[assignment]
    svc.act("w1", "assign", owner_id="u2")
    svc.act("w1", "acknowledge", " 收到 ")
    svc.act("w1", "note", " 经销商称月底回款 ", photo_ids=["p1"])
    svc.act("w1", "resolve", "已收回", category="collected")
    svc.detail("w1")
    svc.staff("w1")
    assert calls.made == [
        ("warning_assign", {"p_warning_id": "w1", "p_owner_id": "u2", "p_note": None}),
        ("warning_acknowledge", {"p_warning_id": "w1", "p_note": "收到"}),
        ("warning_add_note",
         {"p_warning_id": "w1", "p_note": "经销商称月底回款", "p_photo_ids": "{p1}"}),
        ("warning_resolve", {"p_warning_id": "w1", "p_category": "collected", "p_note": "已收回"}),
        ("warning_detail", {"p_warning_id": "w1"}),
        ("warning_staff", {"p_warning_id": "w1"}),
    ]  # fmt: skip


def test_a_wrong_field_is_refused_before_any_call(svc: WarningDeskService) -> None:
    calls: Calls = svc.rpc  # type: ignore[assignment]
    bad = [
        ("resolve", {"text": "已收回", "category": "paid"}, {"category"}),
        ("resolve", {"text": "  ", "category": "other"}, {"note"}),
        ("resolve", {"text": ""}, {"category", "note"}),
        ("note", {"text": ""}, {"note"}),
        ("note", {"text": "x", "photo_ids": ["p"] * 21}, {"photos"}),
        ("assign", {}, {"owner"}),
        ("acknowledge", {"text": "长" * 4001}, {"note"}),
    ]
    for step, kw, fields in bad:
        with pytest.raises(FieldErrors) as err:
            svc.act("w1", step, **kw)
        assert set(err.value.fields) == fields, step
        assert all(m.zh and m.en for m in err.value.fields.values())
    with pytest.raises(ValueError):
        svc.act("w1", "reopen")
    assert calls.made == []
