"""Complaints worked to an answer (issue 16): a complaint recorded at a visit opens a case, a
leader decides, the answer reaches the customer, a complaint closes only with it; cases without
progress escalate one level at a time on a controllable clock; incidents open internal cases; the
legacy complaints move into cases. complaint_unanswered is in test_warnings_complaints.py."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import psycopg
import pytest

from tests.conftest import ROOT
from tests.db.access_world import World, build_world
from tests.postgrest import request, rpc

DAY = dt.timedelta(days=1)


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    w = build_world(conn)  # the rep's dealer D_SH raised a complaint: it opened a case
    close_repair(conn, w)
    w.ids["complaint_case"] = str(
        conn.execute(
            "select id from cases where complaint_id = %s", (w.ids["complaints"],)
        ).fetchone()[0]
    )
    return w


def close_repair(conn: psycopg.Connection, w: World) -> None:
    """Close the case of the world's repair request (test_case_requests works on it), so only
    the complaint and the delivery discrepancy are open here."""
    conn.execute(
        "update cases set status = 'closed', closed_at = now() where id = %s",
        (w.ids["case_requests"],),
    )


def case(conn: psycopg.Connection, case_id: str) -> dict[str, Any]:
    return conn.execute("select to_jsonb(c) from cases c where id = %s", (case_id,)).fetchone()[0]


def events(conn: psycopg.Connection, case_id: str) -> list[tuple[Any, ...]]:
    return conn.execute(
        "select action, note, internal, actor_id::text, owner_id::text, from_status, to_status"
        " from case_events where case_id = %s order by at, created_at",
        (case_id,),
    ).fetchall()


def act(conn: psycopg.Connection, world: World, fn: str, persona: str, **args: Any) -> Any:
    args.setdefault("p_case_id", world.ids["complaint_case"])
    return rpc(conn, fn, args, world.claims(persona))


def state(conn: psycopg.Connection) -> tuple[Any, ...]:
    """Everything the RPCs write, to compare before and after a refusal."""
    return (
        conn.execute("select jsonb_agg(to_jsonb(c) order by id) from cases c").fetchone(),
        conn.execute("select count(*) from case_events").fetchone(),
    )


def test_a_complaint_recorded_at_a_visit_opens_one_case(
    conn: psycopg.Connection, world: World
) -> None:
    row = case(conn, world.ids["complaint_case"])
    assert (row["kind"], row["status"], row["severity"]) == ("complaint", "open", "medium")
    assert row["customer_id"] == world.ids["D_SH"] and row["owner_id"] == world.users["am"]
    assert row["title"] == "客户投诉：配送" and row["detail"] == "到货晚了"
    opened = dt.datetime.fromisoformat(row["opened_at"])
    assert dt.datetime.fromisoformat(row["due_at"]) - opened == 3 * DAY  # case.sla_days.medium
    assert events(conn, world.ids["complaint_case"]) == [
        ("opened", "到货晚了", False, world.users["dealer"], world.users["am"], None, "open")
    ]
    # the same complaint again (a replayed push) or an update opens nothing more
    conn.execute(
        "insert into complaints (id, customer_id, raised_on, category, detail)"
        " values (%s, %s, current_date, 'delivery', '到货晚了') on conflict (id) do nothing",
        (world.ids["complaints"], world.ids["D_SH"]),
    )
    conn.execute(
        "update complaints set detail = '到货晚了两天' where id = %s", (world.ids["complaints"],)
    )
    assert conn.execute("select count(*) from cases where kind = 'complaint'").fetchone()[0] == 1


def test_a_leader_decides(conn: psycopg.Connection, world: World) -> None:
    cid = world.ids["complaint_case"]
    row = act(conn, world, "case_decide", "am", p_decision="  补偿运费，提醒物流  ")
    assert (row["decision"], row["decided_by"], row["status"]) == (
        "补偿运费，提醒物流", world.users["am"], "in_progress",
    )  # fmt: skip
    assert row["decided_at"]
    assert events(conn, cid)[-1] == (
        "decided", "补偿运费，提醒物流", True, world.users["am"], None, "open", "in_progress",
    )  # fmt: skip
    row = act(
        conn, world, "case_decide", "mgr", p_decision="补偿运费"
    )  # a new decision replaces it
    assert (row["decision"], row["decided_by"], row["status"]) == (
        "补偿运费", world.users["mgr"], "in_progress",
    )  # fmt: skip
    # the decision is internal: the dealer does not read its events
    with request(conn, world.claims("dealer"), read_only=True) as cur:
        cur.execute("select count(*) as n from case_events where action = 'decided'")
        assert cur.fetchone()["n"] == 0


@pytest.mark.parametrize(
    ("persona", "args", "error"),
    [
        ("rep", {"p_decision": "退款"}, psycopg.errors.InsufficientPrivilege),
        ("dealer", {"p_decision": "退款"}, psycopg.errors.InsufficientPrivilege),
        ("am2", {"p_decision": "退款"}, psycopg.errors.NoDataFound),
        ("rep2", {"p_decision": "退款"}, psycopg.errors.NoDataFound),
        ("dealer2", {"p_decision": "退款"}, psycopg.errors.NoDataFound),
        ("anon", {"p_decision": "退款"}, psycopg.errors.InsufficientPrivilege),
        ("am", {"p_decision": "   "}, psycopg.errors.InvalidParameterValue),
        ("am", {"p_decision": None}, psycopg.errors.InvalidParameterValue),
        ("am", {"p_decision": "x" * 4001}, psycopg.errors.InvalidParameterValue),
        ("am", {"p_decision": "退款", "p_case_id": None}, psycopg.errors.InvalidParameterValue),
        ("mgr", {"p_decision": "退款", "p_case_id": str(uuid.uuid4())}, psycopg.errors.NoDataFound),
    ],
)
def test_bad_decisions_are_refused_and_nothing_written(
    conn: psycopg.Connection, world: World, persona: str, args: dict[str, Any], error: type
) -> None:
    before = state(conn)
    with pytest.raises(error) as err:
        act(conn, world, "case_decide", persona, **args)
    if persona != "anon":
        assert err.value.diag.message_primary and err.value.diag.message_detail
    assert state(conn) == before


def test_the_answer_reaches_the_customer_and_resolves_the_complaint(
    conn: psycopg.Connection, world: World
) -> None:
    cid = world.ids["complaint_case"]
    row = act(conn, world, "case_answer", "am", p_answer="已安排补发，明天送到")
    assert (row["answer"], row["status"]) == ("已安排补发，明天送到", "resolved")
    first = row["answered_at"]
    assert events(conn, cid)[-1] == (
        "answered", "已安排补发，明天送到", False, world.users["am"], None, "open", "resolved",
    )  # fmt: skip
    # given again: the latest counts, both are kept in the history
    row = act(conn, world, "case_answer", "mgr", p_answer="补发已送达")
    assert (row["answer"], row["status"]) == ("补发已送达", "resolved")
    assert row["answered_at"] >= first
    # the dealer reads the answer on its case and both answers in the history
    with request(conn, world.claims("dealer"), read_only=True) as cur:
        cur.execute("select answer from cases where id = %s", (cid,))
        assert cur.fetchone()["answer"] == "补发已送达"
        cur.execute(
            "select note from case_events where case_id = %s and action = 'answered' order by at",
            (cid,),
        )
        assert [r["note"] for r in cur.fetchall()] == ["已安排补发，明天送到", "补发已送达"]
    # a delivery discrepancy keeps its status when answered
    other = act(conn, world, "case_answer", "am", p_case_id=world.ids["cases"], p_answer="已补发")
    assert (other["status"], other["answer"]) == ("open", "已补发")


def test_the_owner_rep_answers_and_other_reps_do_not(
    conn: psycopg.Connection, world: World
) -> None:
    before = state(conn)
    for persona, error in (
        ("rep", psycopg.errors.InsufficientPrivilege),  # not the owner
        ("dealer", psycopg.errors.InsufficientPrivilege),
        ("rep2", psycopg.errors.NoDataFound),
        ("am2", psycopg.errors.NoDataFound),
        ("dealer2", psycopg.errors.NoDataFound),
    ):
        with pytest.raises(error) as err:
            act(conn, world, "case_answer", persona, p_answer="好的")
        assert err.value.diag.message_detail, persona
    for answer in (None, " ", "x" * 4001):
        with pytest.raises(psycopg.errors.InvalidParameterValue):
            act(conn, world, "case_answer", "am", p_answer=answer)
    assert state(conn) == before
    act(conn, world, "case_assign", "am", p_owner_id=world.users["rep"])
    row = act(conn, world, "case_answer", "rep", p_answer="已电话致歉")
    assert (row["status"], row["answer"]) == ("resolved", "已电话致歉")


def test_a_complaint_closes_only_with_an_answer(conn: psycopg.Connection, world: World) -> None:
    cid = world.ids["complaint_case"]
    before = state(conn)
    with pytest.raises(psycopg.errors.InvalidParameterValue) as err:
        act(conn, world, "case_close", "am", p_note="处理完毕")
    assert "answer" in err.value.diag.message_primary and "答复" in err.value.diag.message_detail
    assert state(conn) == before
    act(conn, world, "case_answer", "am", p_answer="已补发")
    row = act(conn, world, "case_close", "am", p_note="客户满意")
    assert row["status"] == "closed" and row["closed_at"]
    assert [e[0] for e in events(conn, cid)] == ["opened", "answered", "closed"]
    for fn, args in (
        ("case_answer", {"p_answer": "再答"}),
        ("case_decide", {"p_decision": "再定"}),
    ):
        with pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState):
            act(conn, world, fn, "mgr", **args)


def test_reps_see_their_customers_cases_and_add_notes(
    conn: psycopg.Connection, world: World
) -> None:
    cid = world.ids["complaint_case"]
    with request(conn, world.claims("rep"), read_only=True) as cur:
        cur.execute("select kind from cases order by kind")
        kinds = [r["kind"] for r in cur.fetchall()]
        assert kinds == ["complaint", "delivery_discrepancy", "repair"]
    ev = act(conn, world, "case_add_note", "rep", p_note="已到店核实，物流延误两天")
    assert (ev["action"], ev["internal"], ev["actor_id"]) == ("note", False, world.users["rep"])
    with request(conn, world.claims("rep2"), read_only=True) as cur:
        cur.execute("select count(*) as n from cases where id = %s", (cid,))
        assert cur.fetchone()["n"] == 0
    with pytest.raises(psycopg.errors.NoDataFound):
        act(conn, world, "case_add_note", "rep2", p_note="看看")


# -- escalation ------------------------------------------------------------------------------


def escalate(conn: psycopg.Connection, at: dt.datetime) -> int:
    """escalate_cases as the service side (the CLI, pg_cron)."""
    return conn.execute("select public.escalate_cases(%s)", (at,)).fetchone()[0]


def level(conn: psycopg.Connection, case_id: str) -> tuple[int, str]:
    row = case(conn, case_id)
    return row["escalation_level"], row["owner_id"]


def test_a_case_without_progress_escalates_once_per_level(
    conn: psycopg.Connection, world: World
) -> None:
    cid, am, mgr = world.ids["complaint_case"], world.users["am"], world.users["mgr"]
    disc = world.ids["cases"]  # the delivery discrepancy, medium too
    opened = dt.datetime.fromisoformat(case(conn, cid)["opened_at"])
    assert escalate(conn, opened + 3 * DAY - dt.timedelta(seconds=1)) == 0
    # a note by staff is progress: the window starts again
    conn.execute(
        "insert into case_events (case_id, customer_id, actor_id, at, action, note)"
        " values (%s, %s, %s, %s, 'note', '催物流')",
        (disc, world.ids["D_SH"], am, opened + DAY),
    )
    # a dealer asking again is not
    conn.execute(
        "insert into case_events (case_id, customer_id, actor_id, at, action, note)"
        " values (%s, %s, %s, %s, 'note', '怎么还没处理？')",
        (cid, world.ids["D_SH"], world.users["dealer"], opened + 2 * DAY),
    )
    t1 = opened + 3 * DAY
    assert escalate(conn, t1) == 1
    assert level(conn, cid) == (1, mgr) and level(conn, disc) == (0, am)
    ev = conn.execute(
        "select action, at, internal, owner_id::text, actor_id, note from case_events"
        " where case_id = %s order by at desc, created_at desc limit 1",
        (cid,),
    ).fetchone()
    assert ev[:5] == ("escalated", t1, True, mgr, None) and "3天无进展" in ev[5]
    # once per level: again at the same time, or before the next window has passed, nothing
    assert escalate(conn, t1) == 0
    # the discrepancy's own window (from the note) passes; the complaint's next one has not
    assert escalate(conn, opened + 4 * DAY) == 1
    assert level(conn, disc) == (1, mgr)
    assert escalate(conn, t1 + 2 * DAY) == 0
    assert level(conn, cid) == (1, mgr)
    # the next level: overdue at the manager's level, the owner stays
    conn.execute("update profiles set full_name = '阿总' where id = %s", (world.users["am"],))
    assert escalate(conn, t1 + 3 * DAY) == 1
    assert level(conn, cid) == (2, mgr)
    assert escalate(conn, t1 + 30 * DAY) == 1  # only the discrepancy is left to go up
    assert escalate(conn, t1 + 60 * DAY) == 0
    assert [e[0] for e in events(conn, cid)].count("escalated") == 2


def test_answered_or_closed_cases_do_not_escalate(conn: psycopg.Connection, world: World) -> None:
    cid = world.ids["complaint_case"]
    act(conn, world, "case_answer", "am", p_answer="已补发")  # resolved
    act(conn, world, "case_close", "am", p_case_id=world.ids["cases"], p_note="已补发")
    opened = dt.datetime.fromisoformat(case(conn, cid)["opened_at"])
    assert escalate(conn, opened + 100 * DAY) == 0
    assert level(conn, cid)[0] == 0


def test_the_first_active_manager_by_name_takes_the_case(
    conn: psycopg.Connection, world: World
) -> None:
    cid = world.ids["complaint_case"]
    for email, name, active in (("ai@example.cn", "艾总", False), ("bai@example.cn", "白总", True)):
        conn.execute(
            "with u as (insert into auth.users (email) values (%s) returning id)"
            " insert into profiles (id, email, full_name, role, active)"
            " select id, %s, %s, 'manager', %s from u",
            (email, email, name, active),
        )
    first = str(conn.execute("select id from profiles where full_name = '白总'").fetchone()[0])
    opened = dt.datetime.fromisoformat(case(conn, cid)["opened_at"])
    escalate(conn, opened + 3 * DAY)
    assert level(conn, cid) == (1, first)  # 白总 sorts before 陈总; 艾总 is inactive


def test_who_may_escalate(conn: psycopg.Connection, world: World) -> None:
    before = state(conn)
    for persona in ("rep", "am", "dealer", "anon"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            rpc(conn, "escalate_cases", {"p_as_of": None}, world.claims(persona))
    later = dt.datetime.now(dt.UTC) + 10 * DAY
    with pytest.raises(psycopg.errors.InvalidParameterValue) as err:
        rpc(conn, "escalate_cases", {"p_as_of": later.isoformat()}, world.claims("mgr"))
    assert err.value.diag.message_detail
    assert state(conn) == before
    assert rpc(conn, "escalate_cases", {}, world.claims("mgr")) == 0  # nothing is due yet


def test_escalation_follows_the_company_clock(conn: psycopg.Connection, world: World) -> None:
    cid = world.ids["complaint_case"]
    opened = dt.datetime.fromisoformat(case(conn, cid)["opened_at"])
    with conn.transaction():
        conn.execute(
            "select set_config('fieldsales.now', %s, true)", ((opened + 5 * DAY).isoformat(),)
        )
        assert conn.execute("select public.escalate_cases()").fetchone()[0] == 2
    assert level(conn, cid)[0] == 1


# -- incidents -------------------------------------------------------------------------------


def push_incident(
    conn: psycopg.Connection, world: World, kind: str, occurred: dt.date, **row: Any
) -> dict[str, Any]:
    row = {
        "id": row.pop("id", str(uuid.uuid4())),
        "customer_id": world.ids["D_SH"],
        "reported_by": world.users["rep"],
        "occurred_on": occurred.isoformat(),
        "kind": kind,
        "description": f"{kind} 情况",
        **row,
    }
    mutation = [{"id": 1, "table": "incidents", "op": "upsert", "row": row}]
    out = rpc(
        conn,
        "sync_push",
        {"p_client_id": str(uuid.uuid4()), "p_mutations": json.dumps(mutation)},
        world.claims("rep"),
    )
    assert out["results"][0]["status"] == "applied", out
    return row


def today(conn: psycopg.Connection) -> dt.date:
    return conn.execute("select private.company_today()").fetchone()[0]


def test_an_incident_opens_an_internal_case_once(conn: psycopg.Connection, world: World) -> None:
    assert conn.execute("select count(*) from cases where kind = 'incident'").fetchone()[0] == 0
    row = push_incident(conn, world, "theft", today(conn))
    (inc,) = conn.execute(
        "select to_jsonb(c) from cases c where incident_id = %s", (row["id"],)
    ).fetchone()
    assert (inc["kind"], inc["severity"], inc["status"], inc["owner_id"]) == (
        "incident", "high", "open", world.users["am"],
    )  # fmt: skip
    assert inc["title"].startswith("重大变故：被盗") and inc["detail"] == "theft 情况"
    opened = dt.datetime.fromisoformat(inc["opened_at"])
    assert dt.datetime.fromisoformat(inc["due_at"]) - opened == DAY  # case.sla_days.high
    assert events(conn, inc["id"]) == [
        ("opened", "theft 情况", True, world.users["rep"], world.users["am"], None, "open")
    ]
    # the phone sends it again (a retry under a new client, an edit): no second case
    push_incident(conn, world, "theft", today(conn), id=row["id"], description="仓库被盗，已报警")
    assert conn.execute("select count(*) from cases where kind = 'incident'").fetchone()[0] == 1
    # a minor one is low; an old one (imported history) opens none
    minor = push_incident(conn, world, "minor", today(conn) - dt.timedelta(days=3))
    sev = conn.execute(
        "select severity, due_at - opened_at from cases where incident_id = %s", (minor["id"],)
    ).fetchone()
    assert sev == ("low", 7 * DAY)
    old = push_incident(conn, world, "accident", today(conn) - dt.timedelta(days=200))
    assert (
        conn.execute("select count(*) from cases where incident_id = %s", (old["id"],)).fetchone()[
            0
        ]
        == 0
    )


def test_the_dealer_never_sees_an_incident_case(conn: psycopg.Connection, world: World) -> None:
    row = push_incident(conn, world, "family_split", today(conn))
    inc = str(
        conn.execute("select id from cases where incident_id = %s", (row["id"],)).fetchone()[0]
    )
    ev = act(conn, world, "case_add_note", "am", p_case_id=inc, p_note="已约见老板")
    assert ev["internal"] is True  # every event of an incident case is internal
    with request(conn, world.claims("dealer"), read_only=True) as cur:
        cur.execute("select count(*) as n from cases where kind = 'incident'")
        assert cur.fetchone()["n"] == 0
        cur.execute("select count(*) as n from case_events where case_id = %s", (inc,))
        assert cur.fetchone()["n"] == 0
    before = state(conn)
    with pytest.raises(psycopg.errors.NoDataFound):
        act(conn, world, "case_add_note", "dealer", p_case_id=inc, p_note="我看看")
    with pytest.raises(psycopg.errors.InvalidParameterValue) as err:
        act(conn, world, "case_answer", "am", p_case_id=inc, p_answer="答复")
    assert "internal" in err.value.diag.message_primary
    assert state(conn) == before
    # the follow-up: a decision, notes, a closing on the desk
    act(conn, world, "case_decide", "am", p_case_id=inc, p_decision="暂停赊销，观察一个月")
    row = act(conn, world, "case_close", "am", p_case_id=inc, p_note="分家后由长子经营，已重签合同")
    assert row["status"] == "closed"


# -- legacy complaints ------------------------------------------------------------------------


def test_legacy_complaints_become_cases_with_their_history(
    conn: psycopg.Connection, world: World
) -> None:
    """Section 6 of the migration, run again over complaints recorded without a case."""
    sql = (ROOT / "supabase/migrations/20261209200000_case_complaints.sql").read_text("utf-8")
    section = sql[
        sql.index("-- 6 legacy complaints --") : sql.index(
            "-- 7 the warning kind complaint_unanswered --"
        )
    ]
    d_sh, rep, am = world.ids["D_SH"], world.users["rep"], world.users["am"]
    conn.execute("alter table complaints disable trigger complaints_open_case")
    legacy = {}
    for status, extra in (
        ("open", {}),
        ("investigating", {"investigation": "查物流记录"}),
        ("decided", {"decision": "补发", "decided_by": am, "decided_at": "2026-11-02T10:00+08"}),
        ("answered", {"decision": "补发", "decided_by": am, "decided_at": "2026-11-02T10:00+08",
                      "reply": "已补发", "replied_at": "2026-11-03T10:00+08"}),
        ("closed", {"reply": "已退款", "replied_at": "2026-11-03T10:00+08", "escalated": True}),
    ):  # fmt: skip
        extra = {"created_at": "2026-11-01T10:00+08", "updated_at": "2026-11-04T10:00+08", **extra}
        cols = ["customer_id", "raised_by", "raised_on", "category", "detail", "status", *extra]
        legacy[status] = str(
            conn.execute(
                f"insert into complaints ({', '.join(cols)}) values"
                f" ({', '.join(['%s'] * len(cols))}) returning id",
                (d_sh, rep, "2026-11-01", "product", f"漏液 {status}", status, *extra.values()),
            ).fetchone()[0]
        )
    conn.execute("alter table complaints enable trigger complaints_open_case")
    conn.execute(section)
    conn.execute(section)  # twice: nothing more
    got = {
        s: conn.execute(
            "select status, answer, decision, escalation_level, id::text from cases"
            " where complaint_id = %s",
            (cid,),
        ).fetchall()
        for s, cid in legacy.items()
    }
    assert {s: [r[:4] for r in rows] for s, rows in got.items()} == {
        "open": [("open", None, None, 0)],
        "investigating": [("in_progress", None, None, 0)],
        "decided": [("in_progress", None, "补发", 0)],
        "answered": [("resolved", "已补发", "补发", 0)],
        "closed": [("closed", "已退款", None, 1)],
    }
    history = {s: [e[:3] for e in events(conn, rows[0][4])] for s, rows in got.items()}
    assert history["investigating"] == [("opened", "漏液 investigating", False),
                                        ("note", "查物流记录", True)]  # fmt: skip
    assert [e[0] for e in history["answered"]] == ["opened", "decided", "answered"]
    assert [e[0] for e in history["closed"]] == ["opened", "answered", "closed"]
