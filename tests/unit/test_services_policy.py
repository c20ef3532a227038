"""The policy settings service (issue 17): the server's catalog grouped in sections, a value
checked against its entry before it is sent (ranges, whole numbers, weights totalling 100 %,
ordered cut-offs), and overrides per grade or customer — with a fake rpc."""

from __future__ import annotations

from typing import Any

import pytest

from fieldapp.services.i18n import FieldErrors
from fieldapp.services.policy import PolicyService, check_value
from fieldapp.services.scorecards import KEYS
from tests.unit.services_world import World, build

WEIGHTS = {
    "key": "evaluation.weights", "section": "evaluation", "section_zh": "客户评价",
    "section_en": "Evaluation scorecards", "label_zh": "评价权重", "label_en": "Scorecard weights",
    "shape": "weights", "min": 0, "max": 100, "whole": False,
    "parts": [{"key": k} for k in KEYS],
}  # fmt: skip
CUTOFFS = {**WEIGHTS, "key": "evaluation.grade_cutoffs", "shape": "cutoffs",
           "parts": [{"key": g} for g in "ABC"]}  # fmt: skip
RADIUS = {
    "key": "visit.checkin_radius_m", "section": "visits", "section_zh": "拜访与签到",
    "section_en": "Visits and check-in", "label_zh": "签到半径", "label_en": "Check-in radius",
    "shape": "number", "min": 10, "max": 5000, "whole": True, "parts": None,
}  # fmt: skip
CHURN = {**RADIUS, "key": "warning.churn.days", "min": 1, "max": 3650, "section": "warnings"}
SEVERITY = {**RADIUS, "key": "notify.min_severity", "shape": "choice",
            "choices": ["low", "medium", "high"]}  # fmt: skip
W100 = dict.fromkeys(KEYS, 7) | {"credit": 16}  # 12 × 7 + 16 = 100


class FakeRpc:
    def __init__(self, answers: dict[str, Any] | None = None) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.answers = answers or {}

    def __call__(self, fn: str, **args: Any) -> Any:
        self.calls.append((fn, args))
        return self.answers.get(fn, {})


@pytest.fixture
def world() -> World:
    return build()


def service(world: World, rpc: FakeRpc) -> PolicyService:
    return PolicyService(world.store, world.user, world.clock, rpc)


def test_the_catalog_is_grouped_in_the_servers_order(world) -> None:
    rpc = FakeRpc({"setting_catalog": [CHURN, RADIUS, WEIGHTS, CUTOFFS]})
    sections = service(world, rpc).sections()
    assert [(s.name, [e["key"] for e in s.entries]) for s in sections] == [
        ("warnings", ["warning.churn.days"]),
        ("visits", ["visit.checkin_radius_m"]),
        ("evaluation", ["evaluation.weights", "evaluation.grade_cutoffs"]),
    ]


@pytest.mark.parametrize(
    ("entry", "value", "field"),
    [
        (WEIGHTS, W100 | {"credit": 6}, "evaluation.weights"),  # 90 %
        (WEIGHTS, W100 | {"credit": 26}, "evaluation.weights"),  # 110 %
        (WEIGHTS, {k: v for k, v in W100.items() if k != "credit"}, "evaluation.weights.credit"),
        (WEIGHTS, W100 | {"credit": -1}, "evaluation.weights.credit"),
        (WEIGHTS, 100, "evaluation.weights"),
        (CUTOFFS, {"A": 70, "B": 80, "C": 55}, "evaluation.grade_cutoffs"),
        (CUTOFFS, {"A": 101, "B": 80, "C": 55}, "evaluation.grade_cutoffs.A"),
        (RADIUS, 5, "visit.checkin_radius_m"),
        (RADIUS, "300.5", "visit.checkin_radius_m"),
        (RADIUS, "abc", "visit.checkin_radius_m"),
        (SEVERITY, "urgent", "notify.min_severity"),
    ],
)
def test_a_bad_value_is_refused_before_it_is_sent(world, entry, value, field) -> None:
    rpc = FakeRpc()
    with pytest.raises(FieldErrors) as exc:
        service(world, rpc).set(entry, value)
    msg = exc.value.fields[field]
    assert msg("zh") != msg("en")
    assert rpc.calls == []


def test_weights_totalling_90_name_the_total(world) -> None:
    (msg,) = check_value(WEIGHTS, W100 | {"credit": 6}).values()
    assert "90" in msg("zh") and "90" in msg("en") and "100" in msg("en")


def test_a_good_value_goes_to_the_server_as_json(world) -> None:
    rpc = FakeRpc({"set_setting": {"key": "visit.checkin_radius_m", "value": 450}})
    s = service(world, rpc)
    assert s.set(RADIUS, "450")["value"] == 450
    s.set(WEIGHTS, W100)
    s.set(CUTOFFS, {"A": "80", "B": 65.5, "C": 50})
    assert rpc.calls == [
        ("set_setting", {"p_key": "visit.checkin_radius_m", "p_value": 450}),
        ("set_setting", {"p_key": "evaluation.weights", "p_value": W100}),
        ("set_setting", {"p_key": "evaluation.grade_cutoffs",
                         "p_value": {"A": 80, "B": 65.5, "C": 50}}),
    ]  # fmt: skip


def test_a_threshold_override_is_set_or_cleared_for_one_grade_or_customer(world) -> None:
    rpc = FakeRpc()
    s = service(world, rpc)
    s.set_threshold(CHURN, "60", grade="B")
    s.set_threshold(CHURN, "", customer_id=world.ids["D1"])
    for bad in ({"grade": "B", "customer_id": world.ids["D1"]}, {}):
        with pytest.raises(FieldErrors):
            s.set_threshold(CHURN, 60, **bad)
    with pytest.raises(FieldErrors) as exc:
        s.set_threshold(CHURN, 0, grade="A")
    assert "warning.churn.days" in exc.value.fields
    assert rpc.calls == [
        ("set_warning_threshold", {"p_setting_key": "warning.churn.days", "p_value": 60,
                                   "p_grade": "B", "p_customer_id": None}),
        ("set_warning_threshold", {"p_setting_key": "warning.churn.days", "p_value": None,
                                   "p_grade": None, "p_customer_id": world.ids["D1"]}),
    ]  # fmt: skip


def test_a_customers_thresholds_take_its_own_then_its_grades_then_the_default(world) -> None:
    churn = {**CHURN, "value": 90, "overrides": {
        "grades": {"A": 60, "B": 120},
        "customers": [{"customer_id": "c1", "value": 45}, {"customer_id": "c2", "value": 30}],
    }}  # fmt: skip
    tolerance = {**CHURN, "key": "warning.behind_plan.tolerance", "value": 0.2,
                 "overrides": {"grades": {}, "customers": []}}  # fmt: skip
    rpc = FakeRpc({"setting_catalog": [churn, tolerance, RADIUS]})  # the radius has no overrides
    svc = service(world, rpc)
    got = {(t.entry["key"], t.default, t.grade, t.own, t.in_effect)
           for t in svc.customer_thresholds("c1", "A")}  # fmt: skip
    assert got == {
        ("warning.churn.days", 90, 60, 45, 45),
        ("warning.behind_plan.tolerance", 0.2, None, None, 0.2),
    }
    [c3] = [t for t in svc.customer_thresholds("c3", "A") if t.entry is churn]
    assert (c3.own, c3.in_effect) == (None, 60)  # no own value: the grade's
    [ungraded] = [t for t in svc.customer_thresholds("c3", None) if t.entry is churn]
    assert (ungraded.grade, ungraded.in_effect) == (None, 90)


@pytest.mark.parametrize("outbox_id", [0, -3, True, "7"])
def test_a_requeue_needs_a_dead_letters_id_and_sends_nothing_otherwise(world, outbox_id) -> None:
    rpc = FakeRpc()
    with pytest.raises(FieldErrors) as bad:
        service(world, rpc).requeue(outbox_id)
    assert "outbox_id" in bad.value.fields and rpc.calls == []
    service(world, rpc).requeue(7)
    assert rpc.calls == [("notify_requeue", {"p_outbox_id": 7})]
