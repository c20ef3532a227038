"""Visit planning: suggestions by frequency, warnings and gap; days; day estimates."""

from __future__ import annotations

import datetime as dt

import pytest

from fieldapp.domain.distance import haversine_m
from fieldapp.domain.planning import (
    REASON_DUE,
    REASON_LONGEST,
    REASON_WARNING,
    DayEstimate,
    Outlet,
    PlanningSettings,
    assign_to_days,
    estimate_day,
    estimate_week,
    suggest_visits,
    week_days,
)
from fieldapp.errors import InvalidInput

MON = dt.date(2026, 11, 30)  # a Monday
SUN = MON + dt.timedelta(days=6)


def ago(days: int) -> dt.date:
    return MON - dt.timedelta(days=days)


def test_settings_defaults_and_from_settings_rows() -> None:
    s = PlanningSettings()
    assert s.frequency_for("A") == 7 and s.frequency_for("D") == 90
    assert s.frequency_for(None) == 90  # ungraded plans like D
    assert s.duration_for("B") == 30 and s.avg_speed_kmh == 25
    s2 = PlanningSettings.from_settings(
        {"visit.avg_speed_kmh": 30, "visit.duration_min": {"A": 60, "B": 30, "C": 20, "D": 10}}
    )
    assert s2.avg_speed_kmh == 30 and s2.duration_for("A") == 60 and s2.frequency_for("B") == 14


@pytest.mark.parametrize(
    "values",
    [
        {"visit.avg_speed_kmh": 0},
        {"visit.avg_speed_kmh": float("nan")},
        {"visit.avg_speed_kmh": "25"},
        {"visit.frequency_days": {"A": 7, "B": 14, "C": 30}},
        {"visit.duration_min": {"A": -1, "B": 30, "C": 20, "D": 15}},
        {"visit.duration_min": {"A": True, "B": 30, "C": 20, "D": 15}},
    ],
)
def test_bad_settings_are_rejected(values: dict) -> None:
    with pytest.raises(InvalidInput) as e:
        PlanningSettings.from_settings(values)
    assert e.value.message_zh and e.value.message_en


def test_outlet_validation() -> None:
    for bad in (
        {"id": " ", "name": "x"},
        {"id": "1", "name": "x", "lat": 31.0},
        {"id": "1", "name": "x", "lat": 95.0, "lng": 121.0},
        {"id": "1", "name": "x", "grade": "E"},
        {"id": "1", "name": "x", "open_warnings": -1},
    ):
        with pytest.raises(InvalidInput):
            Outlet(**bad)


def test_week_days() -> None:
    assert week_days(MON) == [MON + dt.timedelta(days=k) for k in range(5)]
    assert week_days(MON, 7)[-1] == SUN
    with pytest.raises(InvalidInput):
        week_days(MON + dt.timedelta(days=1))
    with pytest.raises(InvalidInput):
        week_days(MON, 8)


def test_due_by_grade_frequency_within_the_week() -> None:
    outlets = [
        Outlet("a_due", "A到期", grade="A", last_visit=ago(3)),  # due Friday: within the week
        Outlet("a_ok", "A未到期", grade="A", last_visit=MON),  # due next Monday
        Outlet("a_sun", "A周日到期", grade="A", last_visit=ago(1)),  # due Sunday: next Monday
        Outlet("b_due", "B到期", grade="B", last_visit=ago(10)),  # due Friday
        Outlet("b_ok", "B未到期", grade="B", last_visit=ago(7)),
        Outlet("c_over", "C逾期", grade="C", last_visit=ago(40)),
        Outlet("d_ok", "D未到期", grade="D", last_visit=ago(60)),
        Outlet("new", "新网点", grade=None, last_visit=None),
    ]
    got = suggest_visits(outlets, MON, longest=0)
    # both due on Friday: the one unvisited longer first
    assert [s.outlet.id for s in got] == ["new", "c_over", "b_due", "a_due"]
    assert all(s.reasons == (REASON_DUE,) for s in got)
    by_id = {s.outlet.id: s for s in got}
    assert by_id["new"].due_on is None and by_id["new"].days_since_visit is None
    assert by_id["new"].days_overdue is None
    assert by_id["c_over"].due_on == ago(10) and by_id["c_over"].days_since_visit == 40
    # due Friday 20 November: Monday 23 to Friday 4 December are working days after it
    assert by_id["c_over"].days_overdue == 10
    assert by_id["a_due"].due_on == MON + dt.timedelta(days=4)
    assert by_id["a_due"].days_overdue == 0  # the weekend after it is not worked


def test_warnings_and_longest_unvisited_are_suggested_too() -> None:
    outlets = [
        Outlet("warned", "有预警", grade="D", last_visit=ago(5), open_warnings=2),
        Outlet("quiet1", "久未拜访1", grade="D", last_visit=ago(80)),
        Outlet("quiet2", "久未拜访2", grade="D", last_visit=ago(70)),
        Outlet("fresh", "刚拜访", grade="D", last_visit=ago(1)),
    ]
    got = suggest_visits(outlets, MON, longest=2)
    # none is due by frequency; the least far from being due comes first
    assert [(s.outlet.id, s.reasons) for s in got] == [
        ("quiet1", (REASON_LONGEST,)),  # due 4 days after the week
        ("quiet2", (REASON_LONGEST,)),  # due 14 days after
        ("warned", (REASON_WARNING,)),  # due 79 days after, but has open warnings
    ]
    both = suggest_visits([Outlet("w", "w", grade="A", last_visit=ago(30), open_warnings=1)], MON)
    assert both[0].reasons == (REASON_DUE, REASON_WARNING, REASON_LONGEST)


def test_suggestions_reject_duplicates_and_non_mondays() -> None:
    o = Outlet("x", "x")
    with pytest.raises(InvalidInput):
        suggest_visits([o, o], MON)
    with pytest.raises(InvalidInput):
        suggest_visits([o], MON + dt.timedelta(days=2))
    assert suggest_visits([], MON) == []


def _ring(n: int, centre: tuple[float, float] = (31.2, 121.5)) -> list[Outlet]:
    """n outlets on four compass clusters around the centre."""
    spots = [(0.05, 0.0), (0.0, 0.05), (-0.05, 0.0), (0.0, -0.05)]
    out = []
    for k in range(n):
        dy, dx = spots[k % 4]
        jitter = 0.001 * (k // 4)
        out.append(
            Outlet(f"o{k:02d}", f"网点{k}", centre[0] + dy + jitter, centre[1] + dx + jitter, "B")
        )
    return out


def test_assign_to_days_groups_nearby_outlets_and_balances() -> None:
    outlets = _ring(12)
    days = week_days(MON, 4)
    plan, left = assign_to_days(outlets, days, start=(31.2, 121.5))
    assert left == []
    assert sorted(o.id for d in days for o in plan[d]) == sorted(o.id for o in outlets)
    assert [len(plan[d]) for d in days] == [3, 3, 3, 3]
    # each day is one compass cluster: all its outlets share one offset direction
    for d in days:
        assert len({int(o.id[1:]) % 4 for o in plan[d]}) == 1


def test_assign_to_days_capacity_and_unlocated() -> None:
    outlets = [*_ring(5), Outlet("nowhere", "无坐标", grade="C")]
    days = week_days(MON, 2)
    plan, left = assign_to_days(outlets, days, max_per_day=2)
    assert sum(len(v) for v in plan.values()) == 4
    assert [o.id for o in left] == ["o04", "nowhere"]  # beyond capacity, in the given order
    plan, left = assign_to_days(outlets, days)
    assert left == [] and sorted(len(v) for v in plan.values()) == [3, 3]
    assert any(o.id == "nowhere" for v in plan.values() for o in v)
    with pytest.raises(InvalidInput):
        assign_to_days(outlets, [])
    with pytest.raises(InvalidInput):
        assign_to_days(outlets, days, max_per_day=0)
    with pytest.raises(InvalidInput):
        assign_to_days([outlets[0], outlets[0]], days)
    assert assign_to_days([], days) == ({d: [] for d in days}, [])


def test_estimate_day_distance_travel_and_visit_time() -> None:
    home = (31.0, 121.0)
    a = Outlet("a", "A", 31.0, 121.1, "A")
    b = Outlet("b", "B", 31.0, 121.2, "C")
    far_first = [b, a]
    est = estimate_day(far_first, day=MON, start=home)
    assert est.order == ["a", "b"]  # the start chooses the order, its leg is not counted:
    expected_km = haversine_m(31.0, 121.1, 31.0, 121.2) / 1000  # the same figure for everyone
    assert est.distance_km == pytest.approx(expected_km)
    assert est.travel_min == pytest.approx(expected_km / 25 * 60)
    assert est.visit_min == 40 + 20
    assert est.total_min == pytest.approx(est.travel_min + 60)
    kept = estimate_day(far_first, start=home, optimize=False)
    assert kept.order == ["b", "a"] and kept.distance_km == pytest.approx(est.distance_km)
    three = [b, a, Outlet("c", "C", 31.0, 121.15, "C")]
    assert estimate_day(three, optimize=False).distance_km > estimate_day(three).distance_km
    fast = estimate_day(far_first, PlanningSettings(avg_speed_kmh=50), start=home)
    assert fast.travel_min == pytest.approx(est.travel_min / 2)


def test_estimate_day_degenerate_and_unlocated() -> None:
    empty = estimate_day([])
    assert empty == DayEstimate(None, [], 0.0, 0.0, 0.0, [])
    x = Outlet("x", "无坐标", grade=None)
    one = estimate_day([x, Outlet("a", "A", 31.0, 121.0, "B")])
    assert one.order == ["a", "x"] and one.unlocated == ["x"]
    assert one.distance_km == 0 and one.visit_min == 30 + 15


def test_estimate_week_uses_the_same_start_for_every_day() -> None:
    home = (31.2, 121.5)
    days = week_days(MON, 3)
    plan, _ = assign_to_days(_ring(6), days, start=home)
    week = estimate_week(plan, start=home, end=home)
    assert list(week) == days
    for d, est in week.items():
        assert est.day == d and len(est.order) == len(plan[d])
        assert est.distance_km > 0 and est.visit_min == 30 * len(plan[d])
