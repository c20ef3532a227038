"""Visit plans end to end through the access rules: build, submit, withdraw, decide, the decision
log, Today's approved route, plan versus actual, and its Excel report."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

import psycopg
import pytest

from backend.reports_visits import (
    COUNT_HEADERS,
    REP_HEADERS,
    TEAM_HEADERS,
    parse_week,
    visits_report,
)
from backend.visits_cli import add_parser
from fieldapp.errors import InvalidInput
from tests.db.access_world import World, build_world
from tests.postgrest import request, rpc

WEEK = dt.date(2026, 11, 16)  # a past Monday (ISO 2026-W47): nothing is pending any more


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    return build_world(conn)


def _error(conn: psycopg.Connection, fn: str, args: dict[str, Any], claims: dict | None) -> str:
    """Call an RPC that must fail; return its SQLSTATE."""
    with pytest.raises(psycopg.Error) as failed:
        rpc(conn, fn, args, claims)
    return failed.value.sqlstate


def _plan(
    conn: psycopg.Connection,
    world: World,
    persona: str,
    week: dt.date,
    stops: list[tuple[str, dt.date, int]],
) -> str:
    """The persona builds a draft plan with stops (customer code, day, seq) through the API."""
    with request(conn, world.claims(persona), commit=True) as cur:
        cur.execute(
            "insert into visit_plans (rep_id, week_start) values (%s, %s) returning id",
            (world.users[persona], week),
        )
        plan = str(cur.fetchone()["id"])
        for code, day, seq in stops:
            cur.execute(
                "insert into visit_plan_stops (plan_id, customer_id, visit_date, seq)"
                " values (%s, %s, %s, %s)",
                (plan, world.ids[code], day, seq),
            )
    return plan


def _day(k: int) -> dt.date:
    return WEEK + dt.timedelta(days=k)


def _decisions(conn: psycopg.Connection, plan: str) -> list[tuple]:
    return conn.execute(
        "select decided_by::text, decision, comment from visit_plan_decisions"
        " where plan_id = %s order by decided_at, created_at",
        (plan,),
    ).fetchall()


def test_rep_submits_and_only_the_own_area_manager_approves(conn, world: World) -> None:
    rep, am = world.claims("rep"), world.claims("am")
    plan = _plan(conn, world, "rep", WEEK, [("D_SH", _day(0), 1), ("S_SH", _day(0), 2)])
    empty = _plan(conn, world, "rep", _day(7), [])
    assert _error(conn, "submit_visit_plan", {"p_plan_id": empty}, rep) == "22023"
    assert _error(conn, "submit_visit_plan", {"p_plan_id": None}, rep) == "22023"
    # someone else's plan: invisible to another rep, not theirs to submit for an approver
    assert _error(conn, "submit_visit_plan", {"p_plan_id": plan}, world.claims("rep2")) == "P0002"
    assert _error(conn, "submit_visit_plan", {"p_plan_id": plan}, am) == "42501"
    assert _error(conn, "submit_visit_plan", {"p_plan_id": plan}, None) == "42501"

    submitted = rpc(conn, "submit_visit_plan", {"p_plan_id": plan}, rep)
    assert submitted["status"] == "submitted" and submitted["submitted_at"] is not None
    assert _error(conn, "submit_visit_plan", {"p_plan_id": plan}, rep) == "55000"

    # a rep cannot approve, not even their own plan; another area's manager cannot see it
    assert _error(conn, "approve_visit_plan", {"p_plan_id": plan}, rep) == "42501"
    assert _error(conn, "approve_visit_plan", {"p_plan_id": plan}, world.claims("am2")) == "P0002"
    with request(conn, world.claims("am2")) as cur:
        cur.execute("update visit_plans set status = 'approved' where id = %s", (plan,))
        assert cur.rowcount == 0
    assert _decisions(conn, plan) == []

    approved = rpc(conn, "approve_visit_plan", {"p_plan_id": plan, "p_comment": "路线合理"}, am)
    assert approved["status"] == "approved" and approved["decided_by"] == world.users["am"]
    assert _decisions(conn, plan) == [(world.users["am"], "approved", "路线合理")]

    # decided: it can be neither withdrawn nor submitted again
    assert _error(conn, "withdraw_visit_plan", {"p_plan_id": plan}, rep) == "55000"
    assert _error(conn, "submit_visit_plan", {"p_plan_id": plan}, rep) == "55000"
    assert conn.execute("select status from visit_plans where id = %s", (plan,)).fetchone() == (
        "approved",
    )


def test_the_decision_log_is_readable_by_rep_and_approvers_and_written_by_nobody(
    conn, world: World
) -> None:
    plan = _plan(conn, world, "rep", WEEK, [("D_SH", _day(1), 1)])
    rpc(conn, "submit_visit_plan", {"p_plan_id": plan}, world.claims("rep"))
    rpc(
        conn, "reject_visit_plan", {"p_plan_id": plan, "p_comment": "周三太满"}, world.claims("mgr")
    )
    for persona, visible in (("rep", 1), ("am", 1), ("mgr", 1), ("rep2", 0), ("am2", 0),
                             ("dealer", 0)):  # fmt: skip
        with request(conn, world.claims(persona), read_only=True) as cur:
            cur.execute("select comment from visit_plan_decisions where plan_id = %s", (plan,))
            assert len(cur.fetchall()) == visible, persona
    for persona in ("rep", "am", "mgr"):
        for statement in (
            "insert into visit_plan_decisions (plan_id, rep_id, decided_by, decided_at, decision)"
            " values (%(p)s, %(r)s, %(r)s, now(), 'approved')",
            "update visit_plan_decisions set comment = 'x' where plan_id = %(p)s",
            "delete from visit_plan_decisions where plan_id = %(p)s",
        ):
            with (
                pytest.raises(psycopg.errors.InsufficientPrivilege),
                request(conn, world.claims(persona)) as cur,
            ):
                cur.execute(statement, {"p": plan, "r": world.users[persona]})
    # rejected → back to draft → resubmitted → approved: every decision is in the log, in order
    with request(conn, world.claims("rep"), commit=True) as cur:
        cur.execute("update visit_plans set status = 'draft' where id = %s", (plan,))
        cur.execute(
            "update visit_plan_stops set visit_date = %s where plan_id = %s", (_day(3), plan)
        )
    rpc(conn, "submit_visit_plan", {"p_plan_id": plan}, world.claims("rep"))
    rpc(conn, "approve_visit_plan", {"p_plan_id": plan}, world.claims("am"))
    assert _decisions(conn, plan) == [
        (world.users["mgr"], "rejected", "周三太满"),
        (world.users["am"], "approved", None),
    ]


def test_withdraw_before_a_decision_only(conn, world: World) -> None:
    rep = world.claims("rep")
    plan = _plan(conn, world, "rep", WEEK, [("D_SH", _day(2), 1)])
    assert _error(conn, "withdraw_visit_plan", {"p_plan_id": plan}, rep) == "55000"  # a draft
    rpc(conn, "submit_visit_plan", {"p_plan_id": plan}, rep)
    assert _error(conn, "withdraw_visit_plan", {"p_plan_id": plan}, world.claims("am")) == "42501"
    assert _error(conn, "withdraw_visit_plan", {"p_plan_id": plan}, world.claims("rep2")) == "P0002"
    assert rpc(conn, "withdraw_visit_plan", {"p_plan_id": plan}, rep)["status"] == "withdrawn"
    assert _error(conn, "withdraw_visit_plan", {"p_plan_id": plan}, rep) == "55000"
    # withdrawn: the stops can change again, and a stop outside the week is refused on submit
    with request(conn, rep, commit=True) as cur:
        cur.execute(
            "update visit_plan_stops set visit_date = %s where plan_id = %s", (_day(9), plan)
        )
    assert _error(conn, "submit_visit_plan", {"p_plan_id": plan}, rep) == "22023"
    with request(conn, rep, commit=True) as cur:
        cur.execute(
            "update visit_plan_stops set visit_date = %s where plan_id = %s", (_day(2), plan)
        )
    rpc(conn, "submit_visit_plan", {"p_plan_id": plan}, rep)
    rpc(conn, "reject_visit_plan", {"p_plan_id": plan, "p_comment": "不批"}, world.claims("am"))
    assert _error(conn, "withdraw_visit_plan", {"p_plan_id": plan}, rep) == "55000"
    assert _error(conn, "withdraw_visit_plan", {"p_plan_id": "not-a-uuid"}, rep) == "22P02"


def _route(conn: psycopg.Connection, world: World, persona: str, day: dt.date) -> list[tuple]:
    with request(conn, world.claims(persona), read_only=True) as cur:
        cur.execute("select customer_code, seq from public.todays_route(p_day => %s)", (day,))
        return [(r["customer_code"], r["seq"]) for r in cur.fetchall()]


def test_only_approved_plans_reach_today(conn, world: World) -> None:
    rep, am = world.claims("rep"), world.claims("am")
    day = _day(0)
    good = _plan(
        conn, world, "rep", WEEK, [("S_SH", day, 2), ("D_SH", day, 1), ("D_SH", _day(1), 1)]
    )
    bad = _plan(conn, world, "rep", WEEK, [("S_SH", day, 3)])
    for plan in (good, bad):
        rpc(conn, "submit_visit_plan", {"p_plan_id": plan}, rep)
    assert _route(conn, world, "rep", day) == []  # submitted is not approved
    rpc(conn, "reject_visit_plan", {"p_plan_id": bad, "p_comment": "重复"}, am)
    assert _route(conn, world, "rep", day) == []
    rpc(conn, "approve_visit_plan", {"p_plan_id": good}, am)
    assert _route(conn, world, "rep", day) == [("D_SH", 1), ("S_SH", 2)]
    assert _route(conn, world, "rep", _day(1)) == [("D_SH", 1)]
    assert _route(conn, world, "rep", _day(2)) == []
    # Today is the caller's own route: the approver and the other rep get nothing
    assert _route(conn, world, "am", day) == []
    assert _route(conn, world, "rep2", day) == []
    with pytest.raises(psycopg.errors.InsufficientPrivilege), request(conn, None) as cur:
        cur.execute("select * from public.todays_route(%s)", (day,))
    # a tombstoned stop leaves Today
    conn.execute(
        "update visit_plan_stops set deleted_at = now() where plan_id = %s and seq = 2", (good,)
    )
    assert _route(conn, world, "rep", day) == [("D_SH", 1)]


# -- plan versus actual ------------------------------------------------------------------------


def _visit(
    conn: psycopg.Connection,
    world: World,
    persona: str,
    code: str,
    checkin: str,
    checkout: str | None = None,
    *,
    status: str = "done",
    offsite: bool = False,
    deleted: bool = False,
) -> None:
    """A visit with local (+08) times, written by the service side."""
    conn.execute(
        "insert into visits (rep_id, customer_id, status, checkin_at, checkout_at, offsite,"
        " offsite_reason, deleted_at) values (%s, %s, %s, %s, %s, %s, %s,"
        " case when %s then now() end)",
        (world.users[persona], world.ids[code], status, checkin, checkout, offsite,
         "门店搬迁" if offsite else None, deleted),
    )  # fmt: skip


def _week_of_work(conn: psycopg.Connection, world: World) -> None:
    """rep: an approved plan of 4 stops and a rejected one; rep2: a plan still submitted."""
    rep, am = world.claims("rep"), world.claims("am")
    plan = _plan(
        conn,
        world,
        "rep",
        WEEK,
        [("D_SH", _day(0), 1), ("S_SH", _day(0), 2), ("D_SH", _day(2), 1), ("S_SH", _day(3), 1)],
    )
    rejected = _plan(conn, world, "rep", WEEK, [("S_SH", _day(4), 1)])
    for p in (plan, rejected):
        rpc(conn, "submit_visit_plan", {"p_plan_id": p}, rep)
    rpc(conn, "approve_visit_plan", {"p_plan_id": plan, "p_comment": "同意"}, am)
    rpc(conn, "reject_visit_plan", {"p_plan_id": rejected, "p_comment": "不需要"}, am)
    d = "2026-11-"
    _visit(conn, world, "rep", "D_SH", f"{d}16 09:00+08", f"{d}16 09:40+08")  # stop 1 done, 40'
    _visit(conn, world, "rep", "S_SH", f"{d}16 10:00+08", f"{d}16 10:20+08", offsite=True)  # 20'
    _visit(conn, world, "rep", "D_SH", f"{d}18 09:00+08", status="in_progress")  # not done
    _visit(conn, world, "rep", "S_SH", f"{d}20 14:00+08", f"{d}20 14:30+08")  # Fri: unplanned
    # Saturday 00:30 in Shanghai is Friday in UTC: still an unplanned Saturday visit, off-site
    _visit(conn, world, "rep", "D_SH", f"{d}21 00:30+08", f"{d}21 01:00+08", offsite=True)
    _visit(conn, world, "rep", "D_SH", f"{d}17 09:00+08", f"{d}17 09:10+08", status="cancelled")
    _visit(conn, world, "rep", "S_SH", f"{d}16 11:00+08", f"{d}16 12:00+08", deleted=True)
    _visit(conn, world, "rep", "D_SH", f"{d}23 00:10+08", f"{d}23 00:20+08")  # next week
    _visit(conn, world, "rep", "D_SH", f"{d}15 23:50+08", f"{d}16 00:10+08")  # last week
    waiting = _plan(conn, world, "rep2", WEEK, [("D_ZJ", _day(1), 1)])
    rpc(conn, "submit_visit_plan", {"p_plan_id": waiting}, world.claims("rep2"))
    _visit(conn, world, "rep2", "D_ZJ", f"{d}17 10:00+08", f"{d}17 10:45+08")


# hand-computed from _week_of_work
REP = {"plan_status": "approved", "planned": 4, "done": 2, "empty": 0, "missed": 2, "pending": 0,
       "unplanned": 2, "offsite": 2, "visits": 5, "empty_visits": 0, "timed_visits": 4,
       "avg_duration_min": 30.0}  # fmt: skip
REP2 = {"plan_status": "submitted", "planned": 0, "done": 0, "empty": 0, "missed": 0, "pending": 0,
        "unplanned": 1, "offsite": 0, "visits": 1, "empty_visits": 0, "timed_visits": 1,
        "avg_duration_min": 45.0}  # fmt: skip


COUNTS = [key for _, key in COUNT_HEADERS]


def _pva(
    conn: psycopg.Connection, world: World, persona: str, rep_id: str | None = None
) -> dict[str, dict]:
    """plan_vs_actual as the persona, by rep persona name."""
    names = {v: k for k, v in world.users.items()}
    with request(conn, world.claims(persona), read_only=True) as cur:
        cur.execute("select * from public.plan_vs_actual(%s, %s)", (WEEK, rep_id))
        rows = cur.fetchall()
    out = {}
    for r in rows:
        r = dict(r)
        r["avg_duration_min"] = (
            None if r["avg_duration_min"] is None else float(r["avg_duration_min"])
        )
        out[names[str(r["rep_id"])]] = {k: r[k] for k in REP}
    return out


def test_plan_vs_actual_figures_and_who_sees_them(conn, world: World) -> None:
    _week_of_work(conn, world)
    assert _pva(conn, world, "mgr") == {"rep": REP, "rep2": REP2}
    assert _pva(conn, world, "rep") == {"rep": REP}
    assert _pva(conn, world, "rep2") == {"rep2": REP2}
    assert _pva(conn, world, "am") == {"rep": REP}
    assert _pva(conn, world, "am2") == {"rep2": REP2}
    assert _pva(conn, world, "mgr", world.users["rep2"]) == {"rep2": REP2}
    # an idle week: every rep is there with zeros
    with request(conn, world.claims("am"), read_only=True) as cur:
        cur.execute("select planned, visits, avg_duration_min from plan_vs_actual('2026-11-02')")
        assert cur.fetchall() == [{"planned": 0, "visits": 0, "avg_duration_min": None}]


def test_plan_vs_actual_bad_arguments_and_strangers(conn, world: World) -> None:
    def fails(persona: str, week: Any, rep_id: str | None = None) -> str:
        with pytest.raises(psycopg.Error) as e, request(conn, world.claims(persona)) as cur:
            cur.execute("select * from public.plan_vs_actual(%s, %s)", (week, rep_id))
        return e.value.sqlstate

    assert fails("mgr", "2026-11-17") == "22023"  # a Tuesday
    assert fails("mgr", None) == "22023"
    assert fails("rep", WEEK, world.users["rep2"]) == "P0002"
    assert fails("am", WEEK, world.users["rep2"]) == "P0002"
    assert fails("mgr", WEEK, world.users["am"]) == "P0002"  # not a rep
    assert fails("dealer", WEEK) == "42501"
    assert fails("anon", WEEK) == "42501"


def test_a_pending_stop_is_not_missed_yet(conn, world: World) -> None:
    this_week = conn.execute(
        "select date_trunc('week', now() at time zone 'Asia/Shanghai')::date"
    ).fetchone()[0]
    later = this_week + dt.timedelta(days=6)
    plan = _plan(conn, world, "rep", this_week, [("D_SH", later, 1)])
    rpc(conn, "submit_visit_plan", {"p_plan_id": plan}, world.claims("rep"))
    rpc(conn, "approve_visit_plan", {"p_plan_id": plan}, world.claims("am"))
    with request(conn, world.claims("rep"), read_only=True) as cur:
        cur.execute("select planned, missed, pending from plan_vs_actual(%s)", (this_week,))
        assert cur.fetchone() == {"planned": 1, "missed": 0, "pending": 1}


# -- the Excel report ----------------------------------------------------------------------------


def _report_args(db_url: str, monkeypatch, argv: list[str]) -> argparse.Namespace:
    monkeypatch.setenv("DATABASE_URL", db_url)
    parser = argparse.ArgumentParser(prog="fieldsales")
    add_parser(parser.add_subparsers(required=True))
    return parser.parse_args(argv)


def test_the_excel_report_equals_plan_vs_actual(
    conn, world: World, db_url: str, tmp_path: Path, monkeypatch
) -> None:
    from openpyxl import load_workbook

    _week_of_work(conn, world)
    out = tmp_path / "visits.xlsx"
    args = _report_args(
        db_url, monkeypatch, ["report", "visits", "--week", "2026-W47", "-o", str(out)]
    )
    assert args.run(args) == 0
    wb = load_workbook(out)
    assert wb.sheetnames == [
        "业务员 By rep",
        "团队 Team",
        "客户意见 Feedback",
        "陈列检查 Display",
        "竞品 Competitors",
    ]
    reps = wb["业务员 By rep"]
    assert [c.value for c in reps[3]] == REP_HEADERS
    assert reps.freeze_panes == "C4"
    got = {}
    for row in reps.iter_rows(min_row=4, values_only=True):
        got[row[1]] = row
    names = dict(
        conn.execute("select id::text, full_name from profiles where role = 'rep'").fetchall()
    )
    expected = _pva(conn, world, "mgr")
    assert set(got) == {names[world.users[p]] for p in expected}
    for persona, figures in expected.items():
        row = got[names[world.users[persona]]]
        n = len(COUNTS)
        assert list(row[3 : 3 + n]) == [figures[k] for k in COUNTS]
        assert row[3 + n] == (figures["done"] / figures["planned"] if figures["planned"] else None)
        assert row[4 + n] == figures["avg_duration_min"]
    assert reps.cell(row=4, column=4 + len(COUNTS)).number_format == "0.0%"
    team = wb["团队 Team"]
    assert [c.value for c in team[3]] == TEAM_HEADERS
    total = [r for r in team.iter_rows(min_row=4, values_only=True)][-1]
    assert total[0].startswith("全部") and total[1] == 2
    assert list(total[2 : 2 + len(COUNTS)]) == [
        sum(f[k] for f in expected.values()) for k in COUNTS
    ]
    assert list(total[2:10]) == [4, 2, 0, 2, 0, 3, 2, 6]  # by hand, for the reader
    assert total[3 + len(COUNTS)] == pytest.approx((40 + 20 + 30 + 30 + 45) / 5, abs=0.05)

    # --area: only the reps of that area (and the areas below it); a date picks its week
    zj = tmp_path / "zj.xlsx"
    rows = visits_report(conn, "2026-11-18", zj, "ZJ")
    assert [r.rep_name for r in rows] == [names[world.users["rep2"]]]
    assert len(visits_report(conn, "2026-11-16", tmp_path / "hd.xlsx", "HD")) == 2


@pytest.mark.parametrize(
    ("week", "area"),
    [("2026-47", None), ("2026-W54", None), ("2026-02-30", None), ("下周", None),
     ("2026-W47", "NOPE")],
)  # fmt: skip
def test_bad_week_or_unknown_area_writes_nothing(
    conn, world: World, tmp_path: Path, week: str, area: str | None
) -> None:
    out = tmp_path / "x.xlsx"
    with pytest.raises(InvalidInput) as e:
        visits_report(conn, week, out, area)
    assert e.value.message_zh and e.value.message_en
    assert list(tmp_path.iterdir()) == []


def test_parse_week() -> None:
    assert parse_week("2026-W47") == WEEK
    assert parse_week(" 2026-11-22 ") == WEEK  # a Sunday belongs to the week before
    assert parse_week("2026-11-16") == WEEK
    assert parse_week("2026-W01") == dt.date(2025, 12, 29)
