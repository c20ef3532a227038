"""The rep's visit planning: suggestions, days, order, estimates on a real SQLite store, and the
draft → submit → decision round trip against the real server."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

import psycopg
import pytest

from backend.clock import today as company_today
from fieldapp.domain.clock import day_of, monday
from fieldapp.errors import InvalidInput
from fieldapp.services.device import DEMO, PhoneFolder
from fieldapp.services.phone import Phone, ServerConfig
from fieldapp.services.plan_model import PlanLocked, PlanNotSent
from fieldapp.services.plans import PlanService
from tests.unit.services_db import AM, REP, build_server
from tests.unit.services_world import SHOP, World, build, north, uid

OFFLINE = ServerConfig(DEMO, "postgresql://postgres@127.0.0.1:1/nowhere?connect_timeout=1")


def _no_rpc(fn: str, **args: Any) -> Any:
    raise AssertionError(f"no server call expected, got {fn}")


def service(w: World) -> PlanService:
    return PlanService(w.store, w.user, w.clock, _no_rpc)


def setting(w: World, key: str, value: Any) -> None:
    row = {"id": key, "key": key, "value": value, "version": 1, "deleted_at": None}
    w.store.apply_page(cursor=11, after=None, epoch=1, changes={"settings": [row]}, revoked=[])


def next_week(w: World) -> dt.date:
    return monday(day_of(w.clock())) + dt.timedelta(days=7)


# -- on the phone ---------------------------------------------------------------------------------


def test_suggestions_due_warned_longest_and_nearby() -> None:
    w = build()
    plans = service(w)
    week = next_week(w)
    # R9 (grade D, every 90 days) was visited three days ago: not due; the others never were
    w.store.write(
        "visits",
        {
            "id": uid(),
            "rep_id": w.user.user_id,
            "customer_id": w.ids["R9"],
            "status": "done",
            "checkin_at": (w.clock() - dt.timedelta(days=3)).isoformat(),
        },
    )
    got = {s.customer["code"]: s for s in plans.suggestions(week, w.fix(*SHOP))}
    assert set(got) == {"D1", "S1", "R1", "R2", "R9"}
    assert "due" in got["R1"].reasons and "warning" in got["R1"].reasons  # open credit warning
    visited = day_of(w.clock() - dt.timedelta(days=3))
    assert "due" not in got["R9"].reasons and got["R9"].days_since_visit == (week - visited).days
    assert "nearby" in got["R1"].reasons and got["R1"].distance_m == pytest.approx(0, abs=1)
    assert next(iter(got)) != "R9"  # never-visited outlets come before a recently visited one
    # this week's approved plan already has R1, S1, R2: they are not suggested again
    this = {s.customer["code"] for s in plans.suggestions(plans.this_week())}
    assert this == {"D1", "R9"}


def test_days_assignment_and_validation() -> None:
    w = build()
    plans = service(w)
    week = next_week(w)
    mon, tue = week, week + dt.timedelta(days=1)
    assert plans.week(week).status == "none" and plans.week(week).editable
    plans.add(week, mon, w.ids["R1"])
    plans.add(week, mon, w.ids["S1"])
    plans.add(week, tue, w.ids["R2"])
    wp = plans.week(week)
    assert wp.status == "draft" and wp.pending and wp.stop_count == 3
    assert [s.name for s in wp.day(mon).stops] == ["联华便利店(南京路店)", "浦东鑫源二批"]
    assert [s.name for s in wp.day(tue).stops] == ["好德超市"]
    with pytest.raises(InvalidInput, match="already planned"):
        plans.add(week, tue, w.ids["R1"])  # once a week
    with pytest.raises(InvalidInput, match="not in the week"):
        plans.add(week, week + dt.timedelta(days=7), w.ids["R9"])
    with pytest.raises(InvalidInput, match="not a Monday"):
        plans.add(tue, tue, w.ids["R9"])
    with pytest.raises(InvalidInput, match="not on the phone"):
        plans.add(week, mon, uid())
    stop = wp.day(mon).stops[0].stop["id"]
    plans.move_to_day(stop, tue)
    assert [s.name for s in plans.week(week).day(tue).stops] == ["好德超市", "联华便利店(南京路店)"]
    plans.remove(stop)
    assert plans.week(week).stop_count == 2 and w.store.pending_count() > 0  # queued for sync
    # the approved plan of this week cannot change
    with pytest.raises(PlanLocked):
        plans.add(plans.this_week(), plans.this_week(), w.ids["R9"])


def test_optimise_from_the_start_point_and_reorder_by_hand() -> None:
    w = build()
    plans = service(w)
    week = next_week(w)
    day = week + dt.timedelta(days=2)
    for code in ("R9", "R1", "D1", "R2", "S1"):  # a zigzag through Shanghai
        plans.add(week, day, w.ids[code])
    before = plans.week(week).day(day).estimate.distance_km
    setting(w, "visit.route_start", {"mode": "office", "office": {"lat": SHOP[0], "lng": SHOP[1]}})
    start = plans.start_point()
    assert (start.kind, start.latlng) == ("office", SHOP)
    plans.optimise(week, day)
    dp = plans.week(week).day(day)
    codes = [s.customer["code"] for s in dp.stops]
    assert codes[0] == "R1"  # the outlet at the office goes first
    assert codes[-1] == "R9"  # the far one last (an open route from the office)
    assert dp.estimate.distance_km < before
    seqs = [s.stop["seq"] for s in dp.stops]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    # by hand: the second stop up, then the first stop further up (nothing moves)
    plans.move(dp.stops[1].stop["id"], -1)
    plans.move(dp.stops[1].stop["id"], -1)
    moved = [s.customer["code"] for s in plans.week(week).day(day).stops]
    assert moved == [codes[1], codes[0], *codes[2:]]
    plans.move(dp.stops[-1].stop["id"], +1)  # the last one stays last
    assert [s.customer["code"] for s in plans.week(week).day(day).stops] == moved


def test_start_point_falls_back_to_here_then_none() -> None:
    w = build()
    plans = service(w)
    assert plans.start_point().kind == "none"
    here = w.fix(*north(500))
    assert plans.start_point(here).kind == "here"
    setting(
        w,
        "visit.route_start",
        {
            "mode": "home",
            "office": {"lat": 31.0, "lng": 121.0},
            "homes": {w.user.user_id: {"lat": 31.1, "lng": 121.1}},
        },
    )
    assert plans.start_point(here).latlng == (31.1, 121.1)
    setting(w, "visit.route_start", {"mode": "home", "office": {"lat": 31.0, "lng": 121.0}})
    assert plans.start_point(here).kind == "office"  # no home known: the office
    setting(w, "visit.route_start", {"office": {"lat": "north", "lng": 121.0}})
    assert plans.start_point(here).kind == "here"  # a broken setting is ignored


def test_day_distance_and_time_estimate() -> None:
    w = build()
    setting(w, "visit.avg_speed_kmh", 30)
    setting(w, "visit.duration_min", {"A": 60, "B": 30, "C": 20, "D": 10})
    plans = service(w)
    week = next_week(w)
    for code in ("R1", "S1", "R2"):  # grades A, B, C
        plans.add(week, week, w.ids[code])
    est = plans.week(week).day(week).estimate
    assert est.visit_min == 60 + 30 + 20
    assert est.travel_min == pytest.approx(est.distance_km / 30 * 60)
    assert 0.5 < est.distance_km < 3  # three outlets within a few hundred metres to a km apart
    assert est.total_min == pytest.approx(est.travel_min + est.visit_min)
    setting(w, "visit.avg_speed_kmh", -5)  # unusable: the defaults are used
    assert plans.settings().avg_speed_kmh == 25


# -- with the server ------------------------------------------------------------------------------


def converge(phone: Phone, check: Any, timeout: float = 120.0) -> None:
    """Sync until check() is true (a pull waits for every older transaction)."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "the phone never caught up"
        time.sleep(0.2)
        phone.sync.sync()


@pytest.fixture
def server(conn: psycopg.Connection) -> dict[str, str]:
    return build_server(conn, company_today())


def test_draft_offline_then_submit_withdraw_and_decision(
    conn: psycopg.Connection, db_url: str, server: dict[str, str], tmp_path: Path
) -> None:
    device = PhoneFolder(tmp_path / "phone")
    online = ServerConfig(DEMO, db_url)
    phone = Phone(device, online)
    phone.sign_in(REP)
    converge(phone, lambda: phone.store.get("customers", server["D_SH"]) is not None)
    week = phone.plans.this_week() + dt.timedelta(days=7)
    phone.close()

    # offline: the draft is made and kept; submitting says why it cannot, nothing is lost
    offline = Phone(device, OFFLINE)
    offline.restore()
    plans = offline.plans
    for day, code in ((0, "R_SH"), (0, "S_SH"), (1, "D_SH")):
        plans.add(week, week + dt.timedelta(days=day), server[code])
    plan_id = plans.week(week).plan["id"]
    with pytest.raises(PlanNotSent) as exc:
        plans.submit(plan_id, offline.sync.sync)
    assert "联网后再提交" in exc.value.message_zh and "when online" in exc.value.message_en
    assert plans.week(week).stop_count == 3 and plans.week(week).status == "draft"
    assert (
        conn.execute("select count(*) from visit_plans where id = %s", (plan_id,)).fetchone()[0]
        == 0
    )
    offline.close()

    # online again: submit syncs the draft first, then submits it
    back = Phone(device, online)
    back.restore()
    row = back.plans.submit(plan_id, back.sync.sync)
    assert row["status"] == "submitted"
    assert conn.execute(
        "select p.status, count(s.id) from visit_plans p join visit_plan_stops s on s.plan_id"
        " = p.id where p.id = %s group by p.status",
        (plan_id,),
    ).fetchone() == ("submitted", 3)
    converge(back, lambda: back.plans.week(week).status == "submitted")
    assert not back.plans.week(week).editable
    with pytest.raises(PlanLocked):
        back.plans.add(week, week, server["D_SH"])

    # withdrawn before a decision, then submitted again
    back.plans.withdraw(plan_id, back.sync.sync)
    assert conn.execute("select status from visit_plans where id = %s", (plan_id,)).fetchone() == (
        "withdrawn",
    )
    converge(back, lambda: back.plans.week(week).status == "withdrawn")
    with pytest.raises(PlanLocked):
        back.plans.withdraw(plan_id, back.sync.sync)
    # edited while withdrawn: a stop out and back in, reordered (fresh seqs never collide with
    # the tombstone, which keeps its seq on the server)
    last = back.plans.week(week).day(week).stops[-1].stop["id"]
    back.plans.remove(last)
    back.plans.add(week, week, server["S_SH"])
    first = back.plans.week(week).day(week).stops[0].stop["id"]
    back.plans.move(first, +1)
    back.plans.move(first, -1)
    back.plans.submit(plan_id, back.sync.sync)
    assert back.store.conflicts() == []
    assert conn.execute(
        "select array_agg(c.code order by s.visit_date, s.seq) from visit_plan_stops s join customers c"
        " on c.id = s.customer_id where s.plan_id = %s and s.deleted_at is null",
        (plan_id,),
    ).fetchone() == (["R_SH", "S_SH", "D_SH"],)

    # the area manager rejects with a comment: the rep sees the decision and the comment
    am = Phone(PhoneFolder(tmp_path / "am"), online)
    am.sign_in(AM)
    am.approvals.reject(plan_id, "周二路线太绕，请调整")
    converge(back, lambda: back.plans.week(week).status == "rejected")
    wp = back.plans.week(week)
    assert wp.comment == "周二路线太绕，请调整" and wp.editable  # rejected: fix and resubmit
    assert back.today.route(day=week).stops == []  # a rejected plan never reaches Today
    back.plans.submit(plan_id, back.sync.sync)
    am.approvals.approve(plan_id, "同意")
    converge(back, lambda: back.plans.week(week).status == "approved")
    assert back.plans.week(week).comment == "同意"
    assert [s.customer["code"] for s in back.today.route(day=week).stops] == ["R_SH", "S_SH"]
    with pytest.raises(PlanLocked):
        back.plans.withdraw(plan_id, back.sync.sync)  # decided: no withdrawal
    am.close()
    back.close()


def test_no_suggestions_on_a_holiday_and_the_week_marks_holidays_and_makeup_days() -> None:
    w = build()
    plans = service(w)
    week = next_week(w)
    sat = week + dt.timedelta(days=5)
    setting(
        w,
        "calendar.days",
        {
            week.isoformat(): {"kind": "holiday", "note": "公司年会"},
            sat.isoformat(): {"kind": "workday"},
        },
    )
    assert plans.suggestions(week, day=week) == []  # a holiday: nothing suggested
    assert plans.suggestions(week, day=sat)  # a make-up Saturday (调休): suggestions
    assert plans.suggestions(week, day=week + dt.timedelta(days=1))
    kinds = plans.day_kinds(week)
    assert kinds[week] == ("holiday", "公司年会") and kinds[sat][0] == "makeup"
    assert kinds[week + dt.timedelta(days=6)][0] == "weekend"
    # a bad setting is left out: the statutory calendar still answers
    setting(w, "calendar.days", {"someday": {"kind": "holiday"}})
    assert plans.day_kinds(week)[week][0] == "work"


def test_national_day_2026_on_the_plan() -> None:
    w = build()
    kinds = service(w).day_kinds(dt.date(2026, 9, 28))
    assert [kinds[dt.date(2026, 9, 28) + dt.timedelta(days=k)][0] for k in range(7)] == [
        "work", "work", "work", "holiday", "holiday", "holiday", "holiday",
    ]  # fmt: skip
    assert service(w).suggestions(dt.date(2026, 9, 28), day=dt.date(2026, 10, 1)) == []


@pytest.mark.parametrize(
    ("checkin_utc", "due_on", "overdue"),
    [
        # 23:59 on Wednesday 23 September in Shanghai: due 30 September, a working day; at the
        # week's end (11 October) 3 working days overdue: 8, 9 and the make-up Saturday 10th
        (dt.datetime(2026, 9, 23, 15, 59, tzinfo=dt.UTC), dt.date(2026, 9, 30), 3),
        # 00:30 on Thursday 24 September in Shanghai: due 1 October (国庆), so 8 October: 2
        (dt.datetime(2026, 9, 23, 16, 30, tzinfo=dt.UTC), dt.date(2026, 10, 8), 2),
    ],
)
def test_due_day_follows_the_calendar_near_shanghai_midnight(
    checkin_utc: dt.datetime, due_on: dt.date, overdue: int
) -> None:
    w = build()
    visit = {"id": uid(), "rep_id": w.user.user_id, "customer_id": w.ids["R1"]}
    w.store.write("visits", {**visit, "status": "done", "checkin_at": checkin_utc.isoformat()})
    got = {s.customer["code"]: s for s in service(w).suggestions(dt.date(2026, 10, 5))}
    r1 = got["R1"]  # grade A: every 7 calendar days
    assert "due" in r1.reasons and (r1.due_on, r1.days_overdue) == (due_on, overdue)
    assert got["D1"].due_on is None and got["D1"].days_overdue is None  # never visited
