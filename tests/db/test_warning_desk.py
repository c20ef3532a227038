"""The warnings desk (issue 17, 预警处理): assign, acknowledge, investigation notes and resolution,
who may do each and what each records (warning_events); the desk list (scope, overdue with the
company clock, order) and the detail; snooze and re-raise; bad input refused, nothing written."""

from __future__ import annotations

import datetime as dt
from typing import Any

import psycopg
import pytest

from tests.db.access_world import World, build_world
from tests.db.request_helpers import freeze
from tests.postgrest import request, rpc, rpc_rows

RESOLVE = {"p_category": "collected", "p_note": "已收回欠款 5,000 元"}


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    return build_world(conn)  # an open credit_over_limit warning of D_SH, owned by `rep`


def _fingerprint(conn: psycopg.Connection) -> Any:
    return conn.execute(
        "select (select jsonb_agg(to_jsonb(w) order by w.id) from warnings w),"
        " (select count(*) from warning_events)"
    ).fetchone()


def _sqlstate(conn: psycopg.Connection, fn: str, args: dict[str, Any], claims: Any) -> str:
    with pytest.raises(psycopg.Error) as err:
        rpc(conn, fn, args, claims)
    assert err.value.diag.message_detail  # the Chinese half of the message
    return err.value.sqlstate or ""


def test_a_warning_worked_from_open_to_resolved(conn: psycopg.Connection, world: World) -> None:
    warning, c = world.ids["warnings"], world.claims
    w = {"p_warning_id": warning}
    row = rpc(conn, "warning_acknowledge", w, c("rep"))  # the owner acknowledges
    assert row["status"] == "acknowledged" and row["acknowledged_at"]
    assert rpc(conn, "warning_acknowledge", w, c("am"))["status"] == "acknowledged"  # no-op
    note = {**w, "p_note": "经销商称月底回款", "p_photo_ids": [world.ids["photos"]]}
    row = rpc(conn, "warning_add_note", note, c("rep"))  # a rep investigates
    assert row["status"] == "investigating" and "月底回款" in row["notes"]
    assert _sqlstate(conn, "warning_acknowledge", w, c("am")) == "55000"  # past acknowledging
    row = rpc(conn, "warning_assign", {**w, "p_owner_id": world.users["am"]}, c("am"))
    assert row["owner_id"] == world.users["am"] and row["status"] == "investigating"
    row = rpc(conn, "warning_resolve", {**w, **RESOLVE}, c("am"))
    assert row["status"] == "resolved" and row["resolution_category"] == "collected"
    assert row["resolution"] == RESOLVE["p_note"] and row["resolved_at"]
    detail = rpc(conn, "warning_detail", w, c("mgr"))
    steps = [(e["action"], e["from_status"], e["to_status"], e["actor_name"])
             for e in detail["events"]][1:]  # fmt: skip
    # (the first event is the world's own note)
    assert steps == [
        ("acknowledged", "open", "acknowledged", "李业务"),
        ("note", "acknowledged", "investigating", "李业务"),
        ("assigned", "investigating", "investigating", "张经理"),
        ("resolved", "investigating", "resolved", "张经理"),
    ]
    assert detail["events"][2]["photo_ids"] == [world.ids["photos"]]
    assert detail["events"][3]["owner_name"] == "张经理"
    assert detail["events"][4]["category"] == "collected"
    assert detail["message_zh"] and detail["message_en"] and detail["customer_name"] == "上海鑫源"
    # resolved: it leaves the desk, and nothing more can be done to it
    assert [r for r in rpc_rows(conn, "warning_desk", {}, c("am")) if r["id"] == warning] == []
    for fn, args in [("warning_add_note", {"p_note": "再跟进"}), ("warning_acknowledge", {}),
                     ("warning_resolve", RESOLVE)]:  # fmt: skip
        assert _sqlstate(conn, fn, {**w, **args}, c("am")) == "55000"


def test_who_may_do_what(conn: psycopg.Connection, world: World) -> None:
    warning, c, users = world.ids["warnings"], world.claims, world.users
    w = {"p_warning_id": warning}
    before = _fingerprint(conn)
    refused = [
        ("warning_resolve", {**w, **RESOLVE}, "rep", "42501"),  # reps cannot resolve
        ("warning_assign", {**w, "p_owner_id": users["am"]}, "rep", "42501"),
        ("set_warning_status", {**w, "p_status": "resolved", "p_note": "x"}, "rep", "42501"),
        ("warning_resolve", {**w, **RESOLVE}, "am2", "P0002"),  # another area's area manager
        ("warning_assign", {**w, "p_owner_id": users["am2"]}, "am2", "P0002"),
        ("warning_add_note", {**w, "p_note": "看看"}, "rep2", "P0002"),
        ("warning_acknowledge", w, "rep2", "P0002"),
        ("warning_detail", w, "rep2", "P0002"),
        ("warning_add_note", {**w, "p_note": "看看"}, "dealer", "P0002"),  # never a warning
        ("warning_detail", w, "dealer", "P0002"),
        ("warning_desk", {}, "dealer", "42501"),
        ("warning_assign", {**w, "p_owner_id": users["rep2"]}, "am", "22023"),  # not its customer
        ("warning_assign", {**w, "p_owner_id": users["dealer"]}, "am", "P0002"),  # not staff
        ("warning_assign", {**w, "p_owner_id": users["mgr"]}, "mgr", "P0002"),  # rep or am only
    ]
    for fn, args, persona, state in refused:
        assert (fn, persona, _sqlstate(conn, fn, args, c(persona))) == (fn, persona, state)
    assert _fingerprint(conn) == before
    # another rep who serves the customer may be given it; then it may acknowledge it
    rpc(conn, "warning_assign", {**w, "p_owner_id": users["am"]}, c("mgr"))
    assert _sqlstate(conn, "warning_acknowledge", w, c("rep")) == "42501"  # no longer the owner
    assert rpc(conn, "warning_acknowledge", w, c("am"))["status"] == "acknowledged"
    staff = rpc_rows(conn, "warning_staff", w, c("am"))
    assert {s["id"] for s in staff} == {users["rep"], users["am"]}
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        rpc_rows(conn, "warning_staff", w, c("rep"))
    # events are read like warnings: staff in scope, never a dealer, nobody writes them directly
    for persona, n in [("rep", 3), ("am", 3), ("mgr", 3), ("rep2", 0), ("dealer", 0)]:
        with request(conn, c(persona), read_only=True) as cur:
            cur.execute("select count(*) as n from warning_events")
            assert (persona, cur.fetchone()["n"]) == (persona, n)
    with pytest.raises(psycopg.errors.InsufficientPrivilege), request(conn, c("am")) as cur:
        cur.execute(
            "insert into warning_events (warning_id, customer_id, action) values (%s, %s, 'note')",
            (warning, world.ids["D_SH"]),
        )
    with pytest.raises(psycopg.errors.InsufficientPrivilege), request(conn, c("am")) as cur:
        cur.execute("update warnings set status = 'resolved' where id = %s", (warning,))
    with pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState):
        conn.execute("delete from warning_events")  # append-only, for the service side too


def test_bad_input_is_refused_and_writes_nothing(conn: psycopg.Connection, world: World) -> None:
    warning, am = world.ids["warnings"], world.claims("am")
    w = {"p_warning_id": warning}
    other = str(
        conn.execute(
            "insert into photos (customer_id, kind, storage_path, taken_by)"
            " values (%s, 'shelf', 'p/zj.jpg', %s) returning id",
            (world.ids["D_ZJ"], world.users["rep2"]),
        ).fetchone()[0]
    )
    before = _fingerprint(conn)
    bad = [
        ("warning_resolve", {**w, "p_category": "paid", "p_note": "x"}, "22023"),
        ("warning_resolve", {**w, "p_category": None, "p_note": "x"}, "22023"),
        ("warning_resolve", {**w, "p_category": "other", "p_note": "  "}, "22023"),
        ("warning_resolve", {**w, "p_category": "other", "p_note": None}, "22023"),
        ("warning_resolve", {**w, "p_category": "other", "p_note": "长" * 4001}, "22023"),
        ("warning_add_note", {**w, "p_note": ""}, "22023"),
        ("warning_add_note", {**w, "p_note": "x", "p_photo_ids": [other]}, "22023"),
        ("warning_add_note", {**w, "p_note": "x", "p_photo_ids": [None]}, "22023"),
        ("warning_assign", {**w, "p_owner_id": None}, "22023"),
        ("warning_acknowledge", {"p_warning_id": None}, "22023"),
        ("warning_detail", {"p_warning_id": None}, "22023"),
        ("warning_desk", {"p_lang": "fr"}, "22023"),
        ("warning_acknowledge", {"p_warning_id": "00000000-0000-0000-0000-000000000001"}, "P0002"),
        (
            "warning_resolve",
            {"p_warning_id": "00000000-0000-0000-0000-000000000001", **RESOLVE},
            "P0002",
        ),
        ("set_warning_status", {**w, "p_status": "open"}, "22023"),
    ]
    for fn, args, state in bad:
        assert (fn, _sqlstate(conn, fn, args, am)) == (fn, state)
    assert _fingerprint(conn) == before
    with pytest.raises(psycopg.errors.InvalidParameterValue):
        conn.execute("update settings set value = '0' where key = 'warning.snooze_days'")


def _warning(conn: psycopg.Connection, world: World, kind: str, severity: str, raised: str) -> str:
    return str(
        conn.execute(
            "insert into warnings (customer_id, kind, cause_key, severity, owner_id, figures,"
            " raised_at) values (%s, %s, %s, %s, %s, '{}', %s) returning id",
            (world.ids["D_SH"], kind, f"k-{raised}", severity, world.users["rep"], raised),
        ).fetchone()[0]
    )


def test_overdue_follows_the_company_clock(conn: psycopg.Connection, world: World) -> None:
    conn.execute(  # the world's warning out of the way (the service side clears it)
        "update warnings set status = 'resolved', resolved_at = now(), cleared_at = now()"
    )
    # raised 1 Dec 23:30 Shanghai time (15:30 UTC): its company day is 1 Dec
    high = _warning(conn, world, "churn", "high", "2026-12-01T23:30:00+08:00")  # due 4 Dec
    # 28 Nov + 7 days is Saturday 5 Dec, not a working day: due Monday 7 Dec (docs/calendar.md)
    medium = _warning(conn, world, "behind_plan", "medium", "2026-11-28T09:00:00+08:00")
    low = _warning(conn, world, "expense_rising", "low", "2026-11-20T09:00:00+08:00")  # 4 Dec

    def desk(day: str) -> list[tuple[str, bool, int]]:
        freeze(conn, day)  # 10:00 of that company day; the desk's default date is today
        rows = rpc_rows(conn, "warning_desk", {}, world.claims("am"))
        return [(r["id"], r["overdue"], r["age_days"]) for r in rows]

    # nothing overdue: high first, then medium, then low
    assert desk("2026-12-04") == [(high, False, 3), (medium, False, 6), (low, False, 14)]
    # 5 Dec: high (due 4 Dec) and low (due 4 Dec) are overdue, medium (due 7 Dec) not yet
    assert desk("2026-12-05") == [(high, True, 4), (low, True, 15), (medium, False, 7)]
    assert desk("2026-12-07") == [(high, True, 6), (low, True, 17), (medium, False, 9)]
    assert desk("2026-12-08") == [(high, True, 7), (medium, True, 10), (low, True, 18)]
    rows = rpc_rows(conn, "warning_desk", {"p_as_of": "2026-12-02"}, world.claims("mgr"))
    assert [(r["id"], r["overdue"]) for r in rows][:1] == [(high, False)]
    r = rows[0]
    assert (r["customer_code"], r["area_name"], r["rep_name"], r["owner_name"]) == (
        "D_SH", "上海", "李业务", "李业务",
    )  # fmt: skip
    assert r["due_on"] == "2026-12-04" and r["message"]
    # the one definition: the desk agrees with private.warning_overdue row by row
    for day in ("2026-12-04", "2026-12-05"):
        rows = rpc_rows(conn, "warning_desk", {"p_as_of": day}, world.claims("mgr"))
        expected = dict(
            conn.execute(
                "select id::text, private.warning_overdue(severity, raised_at, status, %s)"
                " from warnings where status <> 'resolved'",
                (day,),
            ).fetchall()
        )
        assert {r["id"]: r["overdue"] for r in rows} == expected
    # due days come from the setting
    conn.execute(
        'update settings set value = \'{"low": 30, "medium": 7, "high": 3}\''
        " where key = 'warning.due_days'"
    )
    assert desk("2026-12-06")[-1] == (low, False, 16)
    # scope: another area sees none of them
    assert rpc_rows(conn, "warning_desk", {}, world.claims("am2")) == []


def _over_limit(conn: psycopg.Connection, world: World, over: bool) -> None:
    """D_SH's balance (1,000 bought on 1 Nov, as well as the world's settled purchase) over its
    credit limit or not: the condition holds or clears."""
    conn.execute(
        "update customers set credit_limit = %s where id = %s",
        (500 if over else 100_000, world.ids["D_SH"]),
    )


def _evaluate(conn: psycopg.Connection, day: str) -> list[tuple[str, str | None]]:
    """Evaluate on the company day (clock frozen there); the raised (id, previous_id)."""
    freeze(conn, day)
    raised = conn.execute(
        "select warning_id from public.evaluate_warnings(%s)"
        " where action = 'raised' and kind = 'credit_over_limit'",
        (day,),
    ).fetchall()
    # (a second statement: the evaluation's own statement does not see the rows it inserts)
    return [
        (str(r[0]), r[1] and str(r[1]))
        for r in conn.execute(
            "select id, previous_id from warnings where id = any(%s)", ([i for (i,) in raised],)
        ).fetchall()
    ]


def test_snooze_and_re_raise(conn: psycopg.Connection, world: World) -> None:
    conn.execute(
        "insert into shipments (doc_no, line_no, customer_id, product_id, shipped_on, quantity,"
        " unit_price, amount) values ('SO-OVER', 1, %s, %s, '2026-11-01', 10, 100, 1000)",
        (world.ids["D_SH"], world.ids["product"]),
    )
    _over_limit(conn, world, True)
    first = world.ids["warnings"]  # the open credit warning: the evaluation keeps it
    assert _evaluate(conn, "2026-12-01") == []
    freeze(conn, "2026-12-01")
    rpc(conn, "warning_resolve", {"p_warning_id": first, **RESOLVE}, world.claims("am"))
    # resolved by hand on 1 Dec while it holds: quiet for 14 days, raised again on 15 Dec
    assert _evaluate(conn, "2026-12-02") == []
    assert _evaluate(conn, "2026-12-14") == []
    [(second, previous)] = _evaluate(conn, "2026-12-15")
    assert previous == first
    assert _evaluate(conn, "2026-12-16") == []  # one open warning per cause
    # a shorter snooze, from the setting
    conn.execute("update settings set value = '3' where key = 'warning.snooze_days'")
    freeze(conn, "2026-12-16")
    rpc(conn, "warning_resolve", {"p_warning_id": second, "p_category": "plan_adjusted",
                                  "p_note": "调整了信用额度计划"}, world.claims("mgr"))  # fmt: skip
    assert _evaluate(conn, "2026-12-18") == []
    [(third, previous)] = _evaluate(conn, "2026-12-19")
    assert previous == second
    # resolved by hand, then the condition clears (seen by an evaluation) and comes back: a new
    # warning at once, not linked (a new episode)
    freeze(conn, "2026-12-19")
    rpc(conn, "warning_resolve", {"p_warning_id": third, "p_category": "other",
                                  "p_note": "已沟通"}, world.claims("am"))  # fmt: skip
    _over_limit(conn, world, False)
    assert _evaluate(conn, "2026-12-20") == []
    _over_limit(conn, world, True)
    [(fourth, previous)] = _evaluate(conn, "2026-12-20")
    assert previous is None and fourth not in (first, second, third)
    # a condition that clears by itself (auto-resolved) and comes back: raised at once
    _over_limit(conn, world, False)
    assert _evaluate(conn, "2026-12-21") == []
    assert conn.execute("select status, cleared_at is not null from warnings where id = %s",
                        (fourth,)).fetchone() == ("resolved", True)  # fmt: skip
    _over_limit(conn, world, True)
    [(fifth, previous)] = _evaluate(conn, "2026-12-21")
    assert previous is None
    raised_at = conn.execute("select raised_at from warnings where id = %s", (fifth,)).fetchone()
    assert raised_at[0] == dt.datetime.fromisoformat("2026-12-21T10:00:00+08:00")
