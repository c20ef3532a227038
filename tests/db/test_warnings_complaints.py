"""complaint_unanswered (issue 16): raised for a customer while a complaint of it is past its due
time without an answer, cleared when answered or closed; on D's bounds of the company calendar,
with its figures and sentence, the same as the pandas twin, and never shown to a dealer."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from typing import Any
from zoneinfo import ZoneInfo

import psycopg
import pytest

from fieldapp.services.warnings import warning_message
from tests.conftest import ROOT
from tests.db.access_world import build_world
from tests.db.test_case_complaints import close_repair
from tests.db.warnings_world import World, evaluate, open_warnings
from tests.oracle import conditions, load_frames
from tests.postgrest import claims_for, request, rpc

ZONE = ZoneInfo("Asia/Shanghai")
D = dt.date(2026, 11, 27)


def at(day: dt.date, hour: int = 0) -> dt.datetime:
    """An instant of the company's calendar."""
    return dt.datetime.combine(day, dt.time(hour), ZONE)


@pytest.fixture
def ids(conn: psycopg.Connection) -> dict[str, Any]:
    w = World()
    for code in ("C1", "C2", "C3"):
        w.customer(code)
    w.customer("C9", status="eliminated")
    return w.load(conn)


def complaint(
    conn: psycopg.Connection,
    customer: Any,
    due: dt.datetime,
    *,
    severity: str = "medium",
    kind: str = "complaint",
    answered: dt.datetime | None = None,
    closed: dt.datetime | None = None,
) -> str:
    """A case as the service side writes it (opened three days before it is due)."""
    status = "closed" if closed else "resolved" if answered else "open"
    return str(
        conn.execute(
            "insert into cases (kind, customer_id, severity, status, opened_at, due_at, title,"
            " answer, answered_at, closed_at) values (%s, %s, %s, %s, %s, %s, '投诉', %s, %s, %s)"
            " returning id",
            (
                kind, customer, severity, status, due - dt.timedelta(days=3), due,
                "已答复" if answered else None, answered, closed,
            ),
        ).fetchone()[0]
    )  # fmt: skip


def unanswered(conn: psycopg.Connection) -> dict[str, tuple[str, dict[str, Any]]]:
    return {
        w["code"]: (w["severity"], w["figures"])
        for w in open_warnings(conn)
        if w["kind"] == "complaint_unanswered"
    }


def agrees_with_the_twin(conn: psycopg.Connection, as_of: dt.date) -> None:
    twin = conditions(load_frames(conn), as_of)
    twin = twin[twin["kind"] == "complaint_unanswered"]
    sql = conn.execute(
        "select c.code, w.severity, w.figures from warnings w join customers c on c.id ="
        " w.customer_id where w.kind = 'complaint_unanswered' and w.status <> 'resolved'"
    ).fetchall()
    codes = dict(conn.execute("select id::text, code from customers").fetchall())
    assert {(codes[str(r.customer_id)], r.severity, json.dumps(r.figures, sort_keys=True)) for r in
            twin.itertuples()} == {(c, s, json.dumps(f, sort_keys=True)) for c, s, f in sql}  # fmt: skip


def test_raised_the_day_after_it_was_due_with_its_figures(
    conn: psycopg.Connection, ids: dict[str, Any]
) -> None:
    complaint(conn, ids["C1"], at(D - dt.timedelta(days=4), 9), severity="low")
    complaint(conn, ids["C1"], at(D - dt.timedelta(days=1), 23), severity="high")
    complaint(conn, ids["C2"], at(D, 9))  # due during D: not yet
    complaint(conn, ids["C3"], at(D))  # due exactly when D begins: not before it
    complaint(conn, ids["C9"], at(D - dt.timedelta(days=9)))  # an eliminated customer
    complaint(conn, ids["C2"], at(D - dt.timedelta(days=9)), kind="return")  # not a complaint
    evaluate(conn, D)
    assert unanswered(conn) == {
        "C1": ("high", {"complaints": 2, "days_overdue": 4, "oldest_due": "2026-11-23"})
    }
    agrees_with_the_twin(conn, D)
    figures = unanswered(conn)["C1"][1]
    for lang in ("zh", "en"):
        sentence = conn.execute(
            "select public.warning_message('complaint_unanswered', %s::jsonb, %s)",
            (json.dumps(figures), lang),
        ).fetchone()[0]
        assert sentence == warning_message("complaint_unanswered", figures, lang)
    assert sentence == (
        "Complaints past their due time without an answer: 2; the oldest is 4 days overdue"
        " (due 2026-11-23)"
    )
    # a day later C2 and C3 are overdue too, and C1's figures move on
    evaluate(conn, D + dt.timedelta(days=1))
    got = unanswered(conn)
    assert got["C1"][1]["days_overdue"] == 5
    assert got["C2"] == ("medium", {"complaints": 1, "days_overdue": 1, "oldest_due": "2026-11-27"})
    assert got["C3"][1]["oldest_due"] == "2026-11-27"
    agrees_with_the_twin(conn, D + dt.timedelta(days=1))


def test_an_answer_or_a_closing_counts_from_its_day(
    conn: psycopg.Connection, ids: dict[str, Any]
) -> None:
    due = at(D - dt.timedelta(days=2))
    complaint(conn, ids["C1"], due, answered=at(D, 23))  # answered late on D: not unanswered on D
    complaint(conn, ids["C2"], due, answered=at(D + dt.timedelta(days=1)))  # answered after D
    complaint(conn, ids["C3"], due, answered=at(D, 1), closed=at(D + dt.timedelta(days=2)))
    evaluate(conn, D)
    assert set(unanswered(conn)) == {"C2"}
    agrees_with_the_twin(conn, D)
    evaluate(conn, D + dt.timedelta(days=1))
    assert unanswered(conn) == {}


def test_raised_then_cleared_when_answered_through_the_desk(conn: psycopg.Connection) -> None:
    world = build_world(conn)  # D_SH's complaint case, owned by the SH area manager
    case_id, due = conn.execute(
        "select id::text, due_at from cases where complaint_id = %s", (world.ids["complaints"],)
    ).fetchone()
    day = (due.astimezone(ZONE) + dt.timedelta(days=1)).date()
    d_sh = world.ids["D_SH"]
    run = "select action, kind from public.evaluate_customer_warnings(array[%s]::uuid[], %s)"
    assert ("raised", "complaint_unanswered") in conn.execute(run, (d_sh, day)).fetchall()
    # the dealer never sees this warning: not in its account, not by reading, not by a pull
    with request(conn, world.claims("dealer"), read_only=True) as cur:
        cur.execute("select count(*) as n from warnings")
        assert cur.fetchone()["n"] == 0
        cur.execute("select credit_warnings from dealer_account(%s)", (day,))
        assert "complaint_unanswered" not in json.dumps(cur.fetchone()["credit_warnings"])
    pulled = rpc(conn, "sync_pull", {"p_since": 0, "p_limit": 5000}, world.claims("dealer"))
    assert "warnings" not in pulled["changes"]
    # staff see it
    with request(conn, world.claims("rep"), read_only=True) as cur:
        cur.execute("select count(*) as n from warnings where kind = 'complaint_unanswered'")
        assert cur.fetchone()["n"] == 1
    # the answer re-evaluates the customer at once (as of the company's today)
    conn.execute("select set_config('fieldsales.now', %s, false)", (at(day, 12).isoformat(),))
    rpc(conn, "case_answer", {"p_case_id": case_id, "p_answer": "已补发"}, world.claims("am"))
    conn.execute("select set_config('fieldsales.now', '', false)")
    assert conn.execute(run, (d_sh, day)).fetchall() == []  # nothing left to clear
    status, resolution = conn.execute(
        "select status, resolution from warnings where kind = 'complaint_unanswered'"
    ).fetchone()
    assert (status, resolution) == ("resolved", "condition_cleared")


def test_a_rep_owned_world_raises_it_for_the_customers_rep(
    conn: psycopg.Connection, ids: dict[str, Any]
) -> None:
    rep = conn.execute("select id from profiles where role = 'rep'").fetchone()[0]
    complaint(conn, ids["C1"], at(D - dt.timedelta(days=1)))
    (row,) = [r for r in evaluate(conn, D) if r["kind"] == "complaint_unanswered"]
    assert row["action"] == "raised" and row["cause_key"] == "complaints"
    assert open_warnings(conn)[0]["owner_id"] == rep
    # staff may read the sentence through the API too
    with request(conn, claims_for(str(rep), "rep@example.cn"), read_only=True) as cur:
        cur.execute(
            "select public.warning_message('complaint_unanswered', %s::jsonb) as m",
            (json.dumps(row["figures"]),),
        )
        assert cur.fetchone()["m"].startswith("1 起客户投诉超过时限仍未答复，最久已逾期 1 天")


def test_the_cli_escalates_then_evaluates(conn: psycopg.Connection, db_url: str) -> None:
    """`fieldsales warnings evaluate`: one scheduled command escalates the cases and evaluates."""
    world = build_world(conn)
    close_repair(conn, world)
    opened = conn.execute(
        "select opened_at from cases where complaint_id = %s", (world.ids["complaints"],)
    ).fetchone()[0]
    later = (opened + dt.timedelta(days=5)).isoformat()
    env = os.environ | {"DATABASE_URL": db_url, "FIELDSALES_NOW": later}
    done = subprocess.run(
        [sys.executable, "-m", "backend.cli", "warnings", "evaluate", "--json"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["escalated_cases"] == 2  # the complaint and the delivery discrepancy
    assert any(r["kind"] == "complaint_unanswered" for r in out["raised"])
    assert conn.execute("select count(*) from cases where escalation_level = 1").fetchone()[0] == 2
