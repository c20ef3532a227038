"""Eliminate (淘汰) and conduct flags (窜货, 砸价), issue 17: an area manager asks, a manager confirms
or refuses, the requester may withdraw; who may do each; an eliminated customer takes no new
orders or visit stops and keeps its debt; conduct flags recorded with evidence, in scope, bad
input refused with nothing written, and a flag lowers loyalty."""

from __future__ import annotations

import datetime as dt
from typing import Any

import psycopg
import pytest

from backend.risk.evaluate import evaluate
from tests.db.access_world import World, build_world
from tests.db.request_helpers import TODAY, freeze
from tests.postgrest import request, rpc, rpc_rows

REASON = {"p_reason": "连续两次窜货到浙江，并低价甩货"}


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    freeze(conn)
    # the world has an open request for D_SH by `am`; S_SH (an outlet of D_SH) has none
    return build_world(conn)


def _sqlstate(conn: psycopg.Connection, fn: str, args: dict[str, Any], claims: Any) -> str:
    with pytest.raises(psycopg.Error) as err:
        rpc(conn, fn, args, claims)
    assert err.value.diag.message_detail  # the Chinese half of the message
    return err.value.sqlstate or ""


def _fingerprint(conn: psycopg.Connection) -> Any:
    return conn.execute(
        "select (select jsonb_agg(to_jsonb(e) order by e.id) from customer_eliminations e),"
        " (select jsonb_agg(c.status order by c.id) from customers c),"
        " (select count(*) from customer_conduct_flags)"
    ).fetchone()


def _status(conn: psycopg.Connection, customer_id: str) -> str:
    return conn.execute("select status from customers where id = %s", (customer_id,)).fetchone()[0]


def test_request_then_confirm(conn: psycopg.Connection, world: World) -> None:
    c, s_sh = world.claims, world.ids["S_SH"]
    row = rpc(conn, "request_elimination", {"p_customer_id": s_sh, **REASON}, c("am"))
    assert row["status"] == "requested" and row["requested_by"] == world.users["am"]
    assert row["requested_at"].startswith(TODAY) and row["reason"] == REASON["p_reason"]
    # one open request per customer
    args = {"p_customer_id": s_sh, "p_reason": "再申请"}
    assert _sqlstate(conn, "request_elimination", args, c("am")) == "55000"
    open_ = rpc_rows(conn, "elimination_requests", {}, c("mgr"))
    assert {r["customer_id"] for r in open_} == {s_sh, world.ids["D_SH"]}
    assert [r["requested_by_name"] for r in open_ if r["id"] == row["id"]] == ["张经理"]
    assert _status(conn, s_sh) != "eliminated"
    done = rpc(conn, "decide_elimination", {"p_elimination_id": row["id"], "p_approved": True},
               c("mgr"))  # fmt: skip
    assert done["status"] == "confirmed" and done["decided_by"] == world.users["mgr"]
    assert done["decided_at"].startswith(TODAY)
    assert _status(conn, s_sh) == "eliminated"
    # decided: it stays decided, and it leaves the open list; no new request for an eliminated one
    again = {"p_elimination_id": row["id"], "p_approved": False, "p_note": "改主意"}
    assert _sqlstate(conn, "decide_elimination", again, c("mgr")) == "55000"
    assert (
        _sqlstate(conn, "withdraw_elimination", {"p_elimination_id": row["id"]}, c("am")) == "55000"
    )
    assert s_sh not in {
        r["customer_id"] for r in rpc_rows(conn, "elimination_requests", {}, c("am"))
    }
    history = rpc_rows(conn, "elimination_requests",
                       {"p_customer_id": s_sh, "p_open_only": False}, c("am"))  # fmt: skip
    assert [(r["status"], r["decided_by_name"]) for r in history] == [("confirmed", "陈总")]
    assert (
        _sqlstate(conn, "request_elimination", {"p_customer_id": s_sh, **REASON}, c("am"))
        == "55000"
    )


def test_refuse_needs_a_note_and_withdraw_is_the_requesters(
    conn: psycopg.Connection, world: World
) -> None:
    c, e = world.claims, {"p_elimination_id": world.ids["customer_eliminations"]}
    before = _fingerprint(conn)
    assert _sqlstate(conn, "decide_elimination", {**e, "p_approved": False}, c("mgr")) == "22023"
    blank = {**e, "p_approved": False, "p_note": "   "}
    assert _sqlstate(conn, "decide_elimination", blank, c("mgr")) == "22023"
    assert _sqlstate(conn, "decide_elimination", {**e, "p_approved": None}, c("mgr")) == "22023"
    assert _fingerprint(conn) == before
    row = rpc(conn, "decide_elimination", {**e, "p_approved": False, "p_note": "先整改三个月"},
              c("mgr"))  # fmt: skip
    assert (row["status"], row["decision_note"]) == ("refused", "先整改三个月")
    assert _status(conn, world.ids["D_SH"]) == "active"
    # a new request may follow a refused one; only its requester withdraws it
    new = rpc(conn, "request_elimination", {"p_customer_id": world.ids["D_SH"], **REASON}, c("am"))
    w = {"p_elimination_id": new["id"]}
    assert _sqlstate(conn, "withdraw_elimination", w, c("mgr")) == "42501"
    assert _sqlstate(conn, "withdraw_elimination", w, c("am2")) == "P0002"
    row = rpc(conn, "withdraw_elimination", w, c("am"))
    assert row["status"] == "withdrawn" and row["withdrawn_at"].startswith(TODAY)
    assert _status(conn, world.ids["D_SH"]) == "active"


def test_who_may_ask_and_decide(conn: psycopg.Connection, world: World) -> None:
    c, ids = world.claims, world.ids
    e = {"p_elimination_id": ids["customer_eliminations"]}
    s_sh = {"p_customer_id": ids["S_SH"], **REASON}
    before = _fingerprint(conn)
    refused = [
        ("request_elimination", s_sh, "rep", "42501"),  # a rep cannot ask
        ("request_elimination", s_sh, "mgr", "42501"),  # a manager decides, does not ask
        ("request_elimination", s_sh, "am2", "P0002"),  # another area's area manager
        ("request_elimination", s_sh, "dealer", "42501"),
        ("decide_elimination", {**e, "p_approved": True}, "am", "42501"),  # cannot confirm
        ("decide_elimination", {**e, "p_approved": True}, "rep", "42501"),
        ("decide_elimination", {**e, "p_approved": True}, "dealer", "42501"),
        ("withdraw_elimination", e, "rep", "42501"),
        ("elimination_requests", {}, "rep", "42501"),
        ("request_elimination", {"p_customer_id": ids["S_SH"], "p_reason": " "}, "am", "22023"),
        ("request_elimination", {"p_customer_id": ids["S_SH"], "p_reason": None}, "am", "22023"),
        ("request_elimination", {"p_customer_id": ids["S_SH"], "p_reason": "长" * 4001}, "am",
         "22023"),
        ("request_elimination", {"p_customer_id": None, **REASON}, "am", "22023"),
        ("decide_elimination", {"p_elimination_id": None, "p_approved": True}, "mgr", "22023"),
    ]  # fmt: skip
    for fn, args, persona, state in refused:
        assert (fn, persona, _sqlstate(conn, fn, args, c(persona))) == (fn, persona, state)
    assert _fingerprint(conn) == before
    # the area manager of the other area sees none of this area's requests
    assert rpc_rows(conn, "elimination_requests", {}, c("am2")) == []
    # nobody writes the table directly
    with pytest.raises(psycopg.errors.InsufficientPrivilege), request(conn, c("am")) as cur:
        cur.execute(
            "insert into customer_eliminations (customer_id, reason, requested_by)"
            " values (%s, 'x', %s)",
            (ids["S_SH"], world.users["am"]),
        )


def test_an_eliminated_customer_takes_no_orders_or_stops_and_keeps_its_debt(
    conn: psycopg.Connection, world: World
) -> None:
    c, ids, d_sh = world.claims, world.ids, world.ids["D_SH"]
    debt = "select balance from private.balances(%s::date, array[%s]::uuid[])"
    before = conn.execute(debt, (TODAY, d_sh)).fetchone()
    assert before is not None and before[0] > 0  # the world's shipment, not paid in full
    order = ("insert into orders (customer_id, rep_id, ordered_on) values (%s, %s, %s)",
             (d_sh, world.users["rep"], TODAY))  # fmt: skip
    stop = ("insert into visit_plan_stops (plan_id, customer_id, visit_date, seq)"
            " values (%s, %s, '2026-12-02', 7)", (ids["visit_plans"], d_sh))  # fmt: skip
    for query, params in (order, stop):  # allowed before
        with request(conn, c("rep")) as cur:
            cur.execute(query, params)
    rpc(conn, "decide_elimination",
        {"p_elimination_id": ids["customer_eliminations"], "p_approved": True}, c("mgr"))  # fmt: skip
    for query, params in (order, stop):
        refused = pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState)
        with refused as err, request(conn, c("rep")) as cur:
            cur.execute(query, params)
        assert "淘汰" in (err.value.diag.message_detail or "")
        assert "eliminated" in str(err.value)
    assert conn.execute(debt, (TODAY, d_sh)).fetchone() == before  # the debt stays
    shipments = conn.execute("select count(*) from shipments where customer_id = %s", (d_sh,))
    assert shipments.fetchone()[0] > 0


def test_an_eliminated_customers_debt_keeps_its_credit_warning(
    conn: psycopg.Connection, world: World
) -> None:
    c, d_sh = world.claims, world.ids["D_SH"]
    (balance,) = conn.execute(
        "select balance from private.balances(%s::date, array[%s]::uuid[])", (TODAY, d_sh)
    ).fetchone()
    conn.execute("update customers set credit_limit = 1 where id = %s", (d_sh,))
    rpc(conn, "decide_elimination",
        {"p_elimination_id": world.ids["customer_eliminations"], "p_approved": True}, c("mgr"))  # fmt: skip
    today = dt.date.fromisoformat(TODAY)
    done = evaluate(conn, today, [d_sh])
    # the world's open credit warning is kept and brought up to date; its other open warning
    # resolves as inactive, and nothing else is raised
    got = {x.kind: (x.action, str(x.warning_id), x.resolution) for x in done.changes}
    assert got.pop("churn")[::2] == ("cleared", "customer_inactive")
    assert got == {"credit_over_limit": ("updated", str(world.ids["warnings"]), None)}
    assert done.of("updated")[0].figures["balance"] == float(balance)
    open_ = conn.execute(
        "select kind from warnings where customer_id = %s and status <> 'resolved'", (d_sh,)
    ).fetchall()
    assert open_ == [("credit_over_limit",)]
    desk = rpc_rows(conn, "warning_desk", {}, c("mgr"))
    assert world.ids["warnings"] in [r["id"] for r in desk]  # the manager still works it
    conn.execute(
        "insert into payments (reference, customer_id, paid_on, amount)"
        " values ('P-ELIM', %s, %s, %s)",
        (d_sh, TODAY, balance),
    )
    done = evaluate(conn, today, [d_sh])
    assert [(x.action, x.kind, x.resolution) for x in done.changes] == [
        ("cleared", "credit_over_limit", "condition_cleared")
    ]


# conduct flags --------------------------------------------------------------------------------


def _flag(world: World, **kw: Any) -> dict[str, Any]:
    args = {"p_customer_id": world.ids["D_SH"], "p_kind": "dumping",
            "p_flagged_on": "2026-12-01", "p_note": "以低于指导价两成的价格向外区出货",
            "p_photo_ids": [world.ids["photos"]]}  # fmt: skip
    return {**args, **kw}


def test_conduct_flags_in_scope(conn: psycopg.Connection, world: World) -> None:
    c = world.claims
    row = rpc(conn, "record_conduct_flag", _flag(world), c("rep"))  # the rep's own customer
    assert row["reported_by"] == world.users["rep"] and row["photo_ids"] == [world.ids["photos"]]
    row = rpc(conn, "record_conduct_flag", _flag(world, p_kind="cross_territory", p_photo_ids=[]),
              c("am"))  # fmt: skip
    assert (row["kind"], row["flagged_on"]) == ("cross_territory", "2026-12-01")
    before = _fingerprint(conn)
    for persona, state in [("rep2", "P0002"), ("am2", "P0002"), ("dealer", "42501")]:
        assert (persona, _sqlstate(conn, "record_conduct_flag", _flag(world), c(persona))) == (
            persona,
            state,
        )
    assert _fingerprint(conn) == before


def test_conduct_flag_bad_input_writes_nothing(conn: psycopg.Connection, world: World) -> None:
    c, ids = world.claims, world.ids
    other = conn.execute(  # a photo the rep took of another customer (its outlet S_SH)
        "insert into photos (customer_id, kind, storage_path, taken_by)"
        " values (%s, 'evidence', 'p/other.jpg', %s) returning id",
        (ids["S_SH"], world.users["rep"]),
    ).fetchone()[0]
    today = dt.date.fromisoformat(TODAY)
    bad = [
        {"p_kind": "late_payment"},
        {"p_kind": None},
        {"p_flagged_on": str(today + dt.timedelta(days=1))},  # the future
        {"p_flagged_on": str(today - dt.timedelta(days=366))},  # over a year ago
        {"p_flagged_on": None},
        {"p_note": "  "},
        {"p_note": "长" * 4001},
        {"p_photo_ids": [str(other)]},  # a photo of another customer
        {"p_photo_ids": ["00000000-0000-0000-0000-000000000001"]},  # no such photo
        {"p_customer_id": None},
    ]
    before = _fingerprint(conn)
    for args in bad:
        assert (args, _sqlstate(conn, "record_conduct_flag", _flag(world, **args), c("rep"))) == (
            args,
            "22023",
        )
    assert _fingerprint(conn) == before
    # the oldest day allowed is a year ago today
    oldest = str(today - dt.timedelta(days=365))
    assert rpc(conn, "record_conduct_flag", _flag(world, p_flagged_on=oldest), c("rep"))["id"]
    # direct writes get the same day rule
    with pytest.raises(psycopg.errors.InvalidParameterValue), request(conn, c("rep")) as cur:
        cur.execute(
            "insert into customer_conduct_flags (customer_id, kind, flagged_on, reported_by)"
            " values (%s, 'dumping', %s, %s)",
            (ids["D_SH"], str(today + dt.timedelta(days=3)), world.users["rep"]),
        )


def test_a_recorded_flag_lowers_loyalty(conn: psycopg.Connection, world: World) -> None:
    def loyalty() -> Any:
        conn.execute("select public.classify_customers(%s::date)", (TODAY,))
        return conn.execute(
            "select loyalty_score from customer_classifications"
            " where customer_id = %s and as_of = %s",
            (world.ids["D_SH"], TODAY),
        ).fetchone()[0]

    conn.execute("delete from customer_conduct_flags")  # the world's own flag
    clean = loyalty()
    rpc(conn, "record_conduct_flag", _flag(world), world.claims("rep"))
    flagged = loyalty()
    assert flagged < clean, (clean, flagged)
