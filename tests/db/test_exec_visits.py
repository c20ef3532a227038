"""Executive visits (高层拜访), issue 18 part 3: an area manager (their areas) or a manager plans
one, records it done or cancels it; who may see and do what; bad input refused with a bilingual
message and nothing written; the visits reach the staff's phones by sync (never a dealer's); and
plan versus actual counts them."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest

from tests.db.access_world import World, build_world
from tests.db.request_helpers import TODAY, freeze
from tests.db.test_sync_server import pull_all
from tests.postgrest import request, rpc, rpc_rows

NEXT_WEEK = "2026-12-17"  # TODAY is Thursday 2026-12-10
PURPOSE = "年度合作洽谈，争取新品首批铺货"


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    freeze(conn)
    # the world has a planned executive visit of D_SH (by `am`, a week after the real today)
    return build_world(conn)


def _refused(conn: psycopg.Connection, fn: str, args: dict[str, Any], claims: Any) -> str:
    before = _fingerprint(conn)
    with pytest.raises(psycopg.Error) as err:
        rpc(conn, fn, args, claims)
    assert err.value.diag.message_detail  # the Chinese half of the message
    assert _fingerprint(conn) == before  # nothing written
    return err.value.sqlstate or ""


def _fingerprint(conn: psycopg.Connection) -> Any:
    return conn.execute(
        "select jsonb_agg(to_jsonb(v) - 'txid' order by v.id) from executive_visits v"
    ).fetchone()[0]


def _plan(world: World, customer: str = "D_SH", **extra: Any) -> dict[str, Any]:
    return {
        "p_customer_id": world.ids[customer],
        "p_planned_on": NEXT_WEEK,
        "p_purpose": PURPOSE,
        **extra,
    }


def test_plan_then_done(conn: psycopg.Connection, world: World) -> None:
    c = world.claims
    row = rpc(conn, "exec_visit_plan", _plan(world), c("am"))
    assert row["status"] == "planned" and row["executive_id"] == world.users["am"]
    assert row["created_by"] == world.users["am"] and row["planned_on"] == NEXT_WEEK
    assert row["purpose"] == PURPOSE
    # a manager plans for any customer, naming the area manager as the executive
    other = rpc(conn, "exec_visit_plan",
                _plan(world, "D_ZJ", p_executive_id=world.users["am2"]), c("mgr"))  # fmt: skip
    assert other["executive_id"] == world.users["am2"] and other["created_by"] == world.users["mgr"]
    # done on the planned day or later, not in the future: record it a week on
    freeze(conn, NEXT_WEEK)
    done = rpc(conn, "exec_visit_done",
               {"p_visit_id": row["id"], "p_done_on": NEXT_WEEK, "p_outcome": "签订年度协议"},
               c("am"))  # fmt: skip
    assert done["status"] == "done" and done["done_on"] == NEXT_WEEK
    assert done["outcome"] == "签订年度协议"
    # a done visit stays done
    again = {"p_visit_id": row["id"], "p_reason": "改期"}
    assert _refused(conn, "exec_visit_cancel", again, c("mgr")) == "55000"
    cancelled = rpc(conn, "exec_visit_cancel",
                    {"p_visit_id": other["id"], "p_reason": "客户临时有事"}, c("mgr"))  # fmt: skip
    assert cancelled["status"] == "cancelled" and cancelled["cancel_reason"] == "客户临时有事"


def test_who_may_plan(conn: psycopg.Connection, world: World) -> None:
    c = world.claims
    # a rep, a dealer: refused; an area manager outside the customer's area: not found
    assert _refused(conn, "exec_visit_plan", _plan(world), c("rep")) == "42501"
    assert _refused(conn, "exec_visit_plan", _plan(world), c("dealer")) == "42501"
    assert _refused(conn, "exec_visit_plan", _plan(world, "D_ZJ"), c("am")) == "P0002"
    assert _refused(conn, "exec_visit_plan", _plan(world), c("am2")) == "P0002"
    # the executive: a manager or an area manager over the customer's area, never a rep
    bad = _plan(world, p_executive_id=world.users["rep"])
    assert _refused(conn, "exec_visit_plan", bad, c("mgr")) == "22023"
    bad = _plan(world, p_executive_id=world.users["am2"])  # Zhejiang's manager for a SH dealer
    assert _refused(conn, "exec_visit_plan", bad, c("mgr")) == "22023"
    ok = rpc(conn, "exec_visit_plan", _plan(world, p_executive_id=world.users["mgr"]), c("am"))
    assert ok["executive_id"] == world.users["mgr"]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"p_planned_on": "2026-12-09"}, "计划日期"),  # yesterday
        ({"p_planned_on": None}, "计划日期"),
        ({"p_planned_on": "2027-12-12"}, "计划日期"),  # more than a year ahead
        ({"p_purpose": "  "}, "拜访目的"),
        ({"p_purpose": "目" * 4001}, "拜访目的"),
        ({"p_customer_id": None}, "客户"),
    ],
)
def test_bad_plans_are_refused(
    conn: psycopg.Connection, world: World, change: dict[str, Any], words: str
) -> None:
    with pytest.raises(psycopg.Error) as err:
        rpc(conn, "exec_visit_plan", {**_plan(world), **change}, world.claims("mgr"))
    assert err.value.sqlstate == "22023"
    assert words in (err.value.diag.message_detail or "")
    assert conn.execute("select count(*) from executive_visits").fetchone()[0] == 1  # the world's


def test_bad_steps_are_refused(conn: psycopg.Connection, world: World) -> None:
    c = world.claims
    row = rpc(conn, "exec_visit_plan", _plan(world), c("mgr"))
    args = {"p_visit_id": row["id"], "p_done_on": TODAY, "p_outcome": "已拜访"}
    assert _refused(conn, "exec_visit_done", args, c("mgr")) == "22023"  # done before planned
    freeze(conn, "2026-12-20")
    future = {**args, "p_done_on": "2026-12-21"}
    assert _refused(conn, "exec_visit_done", future, c("mgr")) == "22023"  # not in the future
    blank = {**args, "p_done_on": NEXT_WEEK, "p_outcome": " "}
    assert _refused(conn, "exec_visit_done", blank, c("mgr")) == "22023"  # outcome required
    no_reason = {"p_visit_id": row["id"], "p_reason": ""}
    assert _refused(conn, "exec_visit_cancel", no_reason, c("mgr")) == "22023"
    # a rep, a dealer, another area's manager: refused
    ok = {**args, "p_done_on": NEXT_WEEK}
    assert _refused(conn, "exec_visit_done", ok, c("rep")) == "42501"
    assert _refused(conn, "exec_visit_done", ok, c("dealer")) == "42501"
    assert _refused(conn, "exec_visit_done", ok, c("am2")) == "P0002"
    assert rpc(conn, "exec_visit_done", ok, c("am"))["status"] == "done"


def test_who_reads_them(conn: psycopg.Connection, world: World) -> None:
    rpc(conn, "exec_visit_plan", _plan(world, "D_ZJ"), world.claims("mgr"))

    def seen(persona: str) -> int:
        with request(conn, world.claims(persona)) as cur:
            return cur.execute("select count(*) as n from executive_visits").fetchone()["n"]

    assert {p: seen(p) for p in ("rep", "rep2", "am", "am2", "mgr", "dealer", "dealer2")} == {
        "rep": 1, "rep2": 1, "am": 1, "am2": 1, "mgr": 2, "dealer": 0, "dealer2": 0,
    }  # fmt: skip


def test_they_reach_staff_phones_not_dealers(conn: psycopg.Connection, world: World) -> None:
    def pulled(persona: str) -> list[str]:
        seen, _ = pull_all(conn, world.claims(persona))
        return list(seen.get("executive_visits", {}))

    target = world.ids["executive_visits"]
    assert target in pulled("rep") and target in pulled("am")
    assert pulled("dealer") == [] and pulled("rep2") == []


def test_plan_vs_actual_counts_them(conn: psycopg.Connection, world: World) -> None:
    c = world.claims
    # two for the rep's customers this week: one done, one cancelled, and one next week
    mon = "2026-12-07"
    conn.execute(
        "insert into executive_visits (customer_id, executive_id, planned_on, purpose, created_by,"
        " status, done_on, outcome, cancel_reason) values"
        " (%(d)s, %(am)s, '2026-12-08', '拜访', %(am)s, 'done', '2026-12-08', '已签约', null),"
        " (%(s)s, %(am)s, '2026-12-09', '拜访', %(am)s, 'cancelled', null, null, '改期'),"
        " (%(d)s, %(am)s, '2026-12-11', '拜访', %(am)s, 'planned', null, null, null)",
        {"d": world.ids["D_SH"], "s": world.ids["S_SH"], "am": world.users["am"]},
    )
    rows = rpc_rows(conn, "plan_vs_actual", {"p_week_start": mon}, c("am"))
    mine = [r for r in rows if r["rep_id"] == world.users["rep"]]
    assert [(r["exec_planned"], r["exec_done"]) for r in mine] == [(2, 1)]
    own = rpc_rows(conn, "plan_vs_actual", {"p_week_start": mon}, c("rep"))
    assert [(r["exec_planned"], r["exec_done"]) for r in own] == [(2, 1)]
    # the Zhejiang rep's customers had none
    zj = rpc_rows(conn, "plan_vs_actual", {"p_week_start": mon}, c("am2"))
    assert all(r["exec_planned"] == 0 for r in zj)
