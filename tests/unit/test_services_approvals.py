"""Approvals: validation before any server call, the area manager's list and decisions through
the real access rules, and plan versus actual."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import psycopg
import pytest

from backend.clock import today as company_today
from fieldapp.errors import FieldSalesError
from fieldapp.services.approvals import ApprovalService, actual_rows
from fieldapp.services.device import DEMO, PhoneFolder
from fieldapp.services.i18n import FieldErrors
from fieldapp.services.phone import Phone, ServerConfig
from fieldapp.sync.errors import PermissionDenied
from tests.unit.services_db import AM, REP, REP2, build_server
from tests.unit.services_world import build
from tests.unit.test_services_plans import converge


class Recorder:
    """An rpc that records calls (validation must stop bad input before any call)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def __call__(self, fn: str, **args: Any) -> Any:
        self.calls.append((fn, args))
        return {"id": args.get("p_plan_id"), "status": "approved"}


def test_a_rejection_needs_a_comment_and_comments_are_bounded() -> None:
    w = build()
    rpc = Recorder()
    svc = ApprovalService(w.store, w.user, w.clock, rpc)
    for comment in ("", "   "):
        with pytest.raises(FieldErrors) as exc:
            svc.reject(w.ids["plan"], comment)
        assert exc.value.fields["comment"].zh == "驳回时必须填写意见"
        assert exc.value.fields["comment"].en == "A rejection needs a comment"
    with pytest.raises(FieldErrors):
        svc.approve(w.ids["plan"], "好" * 2001)
    assert rpc.calls == []  # nothing reached the server
    svc.approve(w.ids["plan"], "  同意  ")
    svc.reject(w.ids["plan"], "路线太绕")
    assert rpc.calls == [
        ("approve_visit_plan", {"p_plan_id": w.ids["plan"], "p_comment": "同意"}),
        ("reject_visit_plan", {"p_plan_id": w.ids["plan"], "p_comment": "路线太绕"}),
    ]


def test_plan_vs_actual_rows() -> None:
    rows = actual_rows(
        [
            {
                "rep_id": "r1",
                "rep_name": "李业务",
                "area_name": "上海",
                "week_start": "2026-11-23",
                "plan_status": "approved",
                "planned": 10,
                "done": 7,
                "missed": 2,
                "pending": 1,
                "unplanned": 3,
                "offsite": 1,
                "visits": 10,
                "avg_duration_min": 24.5,
            }
        ]
    )
    r = rows[0]
    assert (r.rep_name, r.week_start, r.planned, r.done, r.avg_duration_min) == (
        "李业务",
        dt.date(2026, 11, 23),
        10,
        7,
        24.5,
    )
    assert r.done_ratio == pytest.approx(0.7)
    assert actual_rows(None) == []


def test_area_manager_sees_and_decides_only_their_area(
    conn: psycopg.Connection, db_url: str, tmp_path: Path
) -> None:
    today = company_today()
    ids = build_server(conn, today)
    week = today - dt.timedelta(days=today.weekday()) + dt.timedelta(days=7)
    online = ServerConfig(DEMO, db_url)

    # the Shanghai rep plans and submits next week; a Zhejiang rep's plan is submitted too
    rep = Phone(PhoneFolder(tmp_path / "rep"), online)
    rep.sign_in(REP)
    converge(rep, lambda: rep.store.get("customers", ids["R_SH"]) is not None)
    rep.plans.add(week, week, ids["R_SH"])
    rep.plans.add(week, week, ids["S_SH"])
    rep.plans.add(week, week + dt.timedelta(days=1), ids["D_SH"])
    plan_id = rep.plans.week(week).plan["id"]
    rep.plans.submit(plan_id, rep.sync.sync)
    rep2 = conn.execute("select id from profiles where email = %s", (REP2,)).fetchone()[0]
    other = str(
        conn.execute(
            "insert into visit_plans (rep_id, week_start, status, submitted_at)"
            " values (%s, %s, 'submitted', now()) returning id",
            (rep2, week),
        ).fetchone()[0]
    )
    conn.execute(
        "insert into visit_plan_stops (plan_id, customer_id, visit_date, seq)"
        " values (%s, %s, %s, 1)",
        (other, ids["D_ZJ"], week),
    )

    # a rep cannot decide, not even their own plan
    with pytest.raises(PermissionDenied):
        rep.approvals.approve(plan_id, "自己批准")

    am = Phone(PhoneFolder(tmp_path / "am"), online)
    am.sign_in(AM)
    converge(am, lambda: any(p.plan["id"] == plan_id for p in am.approvals.submitted()))
    listed = am.approvals.submitted()
    assert [p.plan["id"] for p in listed] == [plan_id]  # not the Zhejiang plan
    head = listed[0]
    assert (head.rep_name, head.area_name, head.stops, head.days) == ("李业务", "上海", 3, 2)
    detail = am.approvals.plan(plan_id)
    assert [d.day for d in detail.days] == [week, week + dt.timedelta(days=1)]
    assert [s.customer["code"] for s in detail.days[0].stops] == ["R_SH", "S_SH"]
    assert detail.distance_km > 0 and detail.days[0].estimate.visit_min > 0

    # another area's plan: the server refuses, nothing changes
    with pytest.raises(FieldSalesError):
        am.approvals.approve(other, "越权")
    assert conn.execute("select status from visit_plans where id = %s", (other,)).fetchone() == (
        "submitted",
    )

    am.approvals.approve(plan_id, "路线合理，同意")
    am_id = conn.execute("select id from profiles where email = %s", (AM,)).fetchone()[0]
    assert conn.execute(
        "select status, decision_comment, decided_by from visit_plans where id = %s", (plan_id,)
    ).fetchone() == ("approved", "路线合理，同意", am_id)
    assert conn.execute(
        "select decision, comment, decided_by from visit_plan_decisions where plan_id = %s",
        (plan_id,),
    ).fetchall() == [("approved", "路线合理，同意", am_id)]
    assert am.approvals.submitted() == []  # gone from the list at once
    converge(am, lambda: any(p.plan["id"] == plan_id for p in am.approvals.decided()))

    # the team view: planned stops of the approved plan, per rep of the area
    team = {r.rep_name: r for r in am.approvals.team(week)}
    assert set(team) == {"李业务"}
    assert (team["李业务"].planned, team["李业务"].plan_status) == (3, "approved")
    mine = rep.plans.actual(weeks=2)
    assert [r.week_start for r in mine] == [week - dt.timedelta(days=7), week - dt.timedelta(14)]
    am.close()
    rep.close()
