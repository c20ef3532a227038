"""Returns, exchanges and repairs (issue 16): the grade's window decides whether a return or an
exchange is accepted by rule or waits for a manager; an accepted return lowers the receivable
through the one balance definition and re-evaluates credit_over_limit; quantities never exceed what
was delivered less what is returned; repairs go received → done → sent back, in order."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import psycopg
import pytest

from tests.db.access_world import World, build_world
from tests.db.request_helpers import (
    TODAY,
    balance,
    case_of,
    counts,
    deliver,
    events_of,
    freeze,
    raise_request,
)
from tests.postgrest import request, rpc

WINDOWS = {"A": 60, "B": 45, "C": 30, "D": 15}


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    w = build_world(conn)
    freeze(conn)
    return w


def grade(conn: psycopg.Connection, world: World, g: str | None) -> None:
    conn.execute("update customers set grade = %s where id = %s", (g, world.ids["D_SH"]))


def returns_of(conn: psycopg.Connection, case_id: str) -> list[tuple[Any, ...]]:
    return conn.execute(
        "select reference, kind, status, quantity::int, amount, decided_on::text,"
        " shipment_id::text from returns where case_id = %s order by reference",
        (case_id,),
    ).fetchall()


def days_before(days: int) -> str:
    return (dt.date.fromisoformat(TODAY) - dt.timedelta(days=days)).isoformat()


def act(conn: psycopg.Connection, world: World, fn: str, persona: str, **args: Any) -> Any:
    return rpc(conn, fn, args, world.claims(persona))


@pytest.mark.parametrize("g", ["A", "B", "C", "D"])
def test_the_window_of_each_grade_from_the_shipping_date(
    conn: psycopg.Connection, world: World, g: str
) -> None:
    grade(conn, world, g)
    (inside,) = deliver(conn, world, "SO-IN", [10], shipped_on=days_before(WINDOWS[g]))
    (outside,) = deliver(conn, world, "SO-OUT", [10], shipped_on=days_before(WINDOWS[g] + 1))
    ok = raise_request(conn, world, "return", [{"shipment_id": inside, "quantity": 2}],
                       doc_no="SO-IN")  # fmt: skip
    late = raise_request(conn, world, "return", [{"shipment_id": outside, "quantity": 2}],
                         doc_no="SO-OUT")  # fmt: skip
    assert case_of(conn, ok["id"])["status"] == "in_progress"
    step = events_of(conn, ok["id"])[-1]
    assert step[:4] == ("status", "accepted_by_rule", "open", "in_progress")
    assert f"{g}级" in step[4] and f"day {WINDOWS[g]} of the {WINDOWS[g]}-day window" in step[4]
    reference = "RC-" + ok["id"].replace("-", "") + "-1"
    assert returns_of(conn, ok["id"]) == [
        (reference, "return", "accepted", 2, Decimal("72.00"), TODAY, inside)
    ]
    assert case_of(conn, late["id"])["status"] == "awaiting_approval"
    assert events_of(conn, late["id"])[-1][:4] == (
        "status", "awaiting_approval", "open", "awaiting_approval",
    )  # fmt: skip
    assert returns_of(conn, late["id"]) == []


def test_the_window_runs_from_the_confirmation_and_an_ungraded_customer_has_the_shortest(
    conn: psycopg.Connection, world: World
) -> None:
    grade(conn, world, None)
    (line,) = deliver(conn, world, "SO-CF", [10], shipped_on=days_before(100))
    conn.execute(
        "update shipments set confirmed_at = %s, received_quantity = 10 where doc_no = 'SO-CF'",
        (days_before(15) + "T09:00:00+08",),
    )
    ok = raise_request(conn, world, "exchange", [{"shipment_id": line, "quantity": 1}],
                       doc_no="SO-CF")  # fmt: skip
    assert case_of(conn, ok["id"])["status"] == "in_progress"  # day 15 of D's 15
    assert returns_of(conn, ok["id"]) == []  # an exchange credits no money
    conn.execute("update settings set value = '{\"A\": 60, \"B\": 45, \"C\": 30, \"D\": 14}'"
                 " where key = 'returns.window_days'")  # fmt: skip
    late = raise_request(conn, world, "exchange", [{"shipment_id": line, "quantity": 1}],
                         doc_no="SO-CF")  # fmt: skip
    assert case_of(conn, late["id"])["status"] == "awaiting_approval"


def test_a_bad_window_setting_is_refused(conn: psycopg.Connection, world: World) -> None:
    for value in ('{"A": 60, "B": 45, "C": 30}', '{"A": 60, "B": 45, "C": 30, "D": 1.5}', "30"):
        with pytest.raises(psycopg.errors.InvalidParameterValue) as err:
            conn.execute(
                "update settings set value = %s where key = 'returns.window_days'", (value,)
            )
        assert "退换货期限" in err.value.diag.message_detail


def test_a_manager_approves_a_late_return_and_the_balance_falls(
    conn: psycopg.Connection, world: World
) -> None:
    grade(conn, world, "B")
    (line,) = deliver(conn, world, "SO-L", [20], shipped_on=days_before(80), unit_price=50)
    before = balance(conn, world)
    late = raise_request(conn, world, "return", [{"shipment_id": line, "quantity": 6}],
                         doc_no="SO-L", reason="滞销退货")  # fmt: skip
    assert balance(conn, world) == before  # waiting: no credit yet
    snapshot = (case_of(conn, late["id"]), counts(conn))
    refusals = [
        ("am", {"p_approved": True, "p_reason": "同意"}, psycopg.errors.InsufficientPrivilege),
        ("rep", {"p_approved": True, "p_reason": "同意"}, psycopg.errors.InsufficientPrivilege),
        ("dealer", {"p_approved": True, "p_reason": "同意"}, psycopg.errors.InsufficientPrivilege),
        ("rep2", {"p_approved": True, "p_reason": "同意"}, psycopg.errors.NoDataFound),
        ("mgr", {"p_approved": True, "p_reason": "  "}, psycopg.errors.InvalidParameterValue),
        ("mgr", {"p_approved": None, "p_reason": "同意"}, psycopg.errors.InvalidParameterValue),
    ]
    for persona, args, error in refusals:
        with pytest.raises(error) as err:
            act(conn, world, "case_approve", persona, p_case_id=late["id"], **args)
        assert err.value.diag.message_detail, persona
    assert (case_of(conn, late["id"]), counts(conn)) == snapshot
    case = act(conn, world, "case_approve", "mgr", p_case_id=late["id"], p_approved=True,
               p_reason="老客户，同意退货")  # fmt: skip
    assert case["status"] == "in_progress" and case["decided_by"] == world.users["mgr"]
    assert case["decision"] == "老客户，同意退货"
    assert events_of(conn, late["id"])[-1] == (
        "decided", "approved", "awaiting_approval", "in_progress", "老客户，同意退货",
        world.users["mgr"],
    )  # fmt: skip
    ((_, _, _, qty, amount, day, _),) = returns_of(conn, late["id"])
    assert (qty, amount, day) == (6, Decimal("300.00"), TODAY)
    assert balance(conn, world) == before - 300
    # decided once: a second decision is a wrong state
    with pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState) as err:
        act(conn, world, "case_approve", "mgr", p_case_id=late["id"], p_approved=False,
            p_reason="再议")  # fmt: skip
    assert "待审批" in err.value.diag.message_detail


def test_a_manager_never_decides_their_own_request_and_a_refusal_frees_the_quantity(
    conn: psycopg.Connection, world: World
) -> None:
    grade(conn, world, "D")
    (line,) = deliver(conn, world, "SO-M", [10], shipped_on=days_before(40))
    own = raise_request(conn, world, "return", [{"shipment_id": line, "quantity": 8}],
                        persona="mgr", customer_id=world.ids["D_SH"], doc_no="SO-M")  # fmt: skip
    assert case_of(conn, own["id"])["status"] == "awaiting_approval"
    with pytest.raises(psycopg.errors.InsufficientPrivilege) as err:
        act(conn, world, "case_approve", "mgr", p_case_id=own["id"], p_approved=True,
            p_reason="同意")  # fmt: skip
    assert "自己" in err.value.diag.message_detail
    # the waiting request holds its 8 boxes: only 2 are left
    with pytest.raises(psycopg.errors.InvalidParameterValue) as err:
        raise_request(conn, world, "return", [{"shipment_id": line, "quantity": 3}],
                      doc_no="SO-M")  # fmt: skip
    assert "only 2 left" in err.value.diag.message_primary
    # another manager refuses it: rejected, and the boxes are free again
    conn.execute(
        "insert into auth.users (id, email) values"
        " ('0f8c3b4e-4c1d-4f2a-9a55-2d1c6a7e9b01', 'boss2@example.cn')"
    )
    conn.execute(
        "insert into profiles (id, email, full_name, role) values"
        " ('0f8c3b4e-4c1d-4f2a-9a55-2d1c6a7e9b01', 'boss2@example.cn', '王总', 'manager')"
    )
    boss2 = {"sub": "0f8c3b4e-4c1d-4f2a-9a55-2d1c6a7e9b01", "role": "authenticated"}
    case = rpc(conn, "case_approve", {"p_case_id": own["id"], "p_approved": False,
                                      "p_reason": "超期太久"}, boss2)  # fmt: skip
    assert case["status"] == "rejected" and returns_of(conn, own["id"]) == []
    again = raise_request(conn, world, "return", [{"shipment_id": line, "quantity": 10}],
                          doc_no="SO-M")  # fmt: skip
    assert case_of(conn, again["id"])["status"] == "awaiting_approval"
    # closing the rejected case keeps its boxes free
    act(conn, world, "case_close", "am", p_case_id=own["id"])
    with pytest.raises(psycopg.errors.InvalidParameterValue):
        raise_request(conn, world, "return", [{"shipment_id": line, "quantity": 1}],
                      doc_no="SO-M")  # fmt: skip


def test_quantities_count_accepted_returns_by_hand_and_the_confirmed_receipt(
    conn: psycopg.Connection, world: World
) -> None:
    (line,) = deliver(conn, world, "SO-Q", [10], shipped_on=days_before(3))
    # confirmed with two boxes missing: 8 delivered; 3 returned by hand (accepted)
    conn.execute(
        "update shipments set confirmed_at = now(), received_quantity = 8, missing_quantity = 2"
        " where id = %s",
        (line,),
    )
    conn.execute(
        "insert into returns (reference, customer_id, shipment_id, product_id, kind, quantity,"
        " amount, status, requested_on, decided_on) values ('RT-Q', %s, %s, %s, 'return', 3, 108,"
        " 'accepted', %s, %s)",
        (world.ids["D_SH"], line, world.ids["product"], TODAY, TODAY),
    )
    raise_request(conn, world, "exchange", [{"shipment_id": line, "quantity": 2}], doc_no="SO-Q")
    with pytest.raises(psycopg.errors.InvalidParameterValue) as err:
        raise_request(conn, world, "return", [{"shipment_id": line, "quantity": 4}], doc_no="SO-Q")
    assert "only 3 left" in err.value.diag.message_primary and "已退换或申请中5箱" in str(
        err.value.diag.message_detail
    )
    raise_request(conn, world, "return", [{"shipment_id": line, "quantity": 3}], doc_no="SO-Q")


def test_a_big_enough_return_clears_credit_over_limit(
    conn: psycopg.Connection, world: World
) -> None:
    grade(conn, world, "A")
    (line,) = deliver(conn, world, "SO-C", [100], shipped_on=days_before(5), unit_price=100)
    owed = balance(conn, world)
    conn.execute(
        "update customers set credit_limit = %s where id = %s", (owed - 1000, world.ids["D_SH"])
    )
    conn.execute(
        "select private.evaluate_warnings_core(array[%s]::uuid[], private.company_today())",
        (world.ids["D_SH"],),
    )

    def credit_warning() -> list[tuple[Any, ...]]:
        return conn.execute(
            "select status from warnings where customer_id = %s and kind = 'credit_over_limit'"
            " and status not in ('resolved')",
            (world.ids["D_SH"],),
        ).fetchall()

    assert credit_warning() != []
    small = raise_request(conn, world, "return", [{"shipment_id": line, "quantity": 5}],
                          doc_no="SO-C")  # fmt: skip
    assert balance(conn, world) == owed - 500 and credit_warning() != []  # still over
    assert case_of(conn, small["id"])["status"] == "in_progress"
    raise_request(conn, world, "return", [{"shipment_id": line, "quantity": 6}], doc_no="SO-C")
    assert balance(conn, world) == owed - 1100
    assert credit_warning() == []


def test_a_repair_goes_received_done_sent_back_in_order(
    conn: psycopg.Connection, world: World
) -> None:
    (line,) = deliver(conn, world, "SO-P", [10], shipped_on=days_before(200))
    rid = raise_request(conn, world, "repair", [{"shipment_id": line, "quantity": 1}])["id"]

    def step(persona: str, name: str, **args: Any) -> Any:
        return act(conn, world, "case_service_step", persona, p_case_id=rid, p_step=name, **args)

    snapshot = (case_of(conn, rid), events_of(conn, rid))
    bad = [
        ("am", "done", {"p_note": "换了泵头"}, psycopg.errors.ObjectNotInPrerequisiteState),
        ("am", "sent_back", {}, psycopg.errors.ObjectNotInPrerequisiteState),
        ("am", "fixed", {}, psycopg.errors.InvalidParameterValue),
        ("am", "received", {"p_on": "2026-12-11"}, psycopg.errors.InvalidParameterValue),
        ("am", "received", {"p_on": "2026-12-01"}, psycopg.errors.InvalidParameterValue),
        ("rep", "received", {}, psycopg.errors.InsufficientPrivilege),  # not the owner
        ("dealer", "received", {}, psycopg.errors.InsufficientPrivilege),
        ("am2", "received", {}, psycopg.errors.NoDataFound),
    ]
    for persona, name, args, error in bad:
        with pytest.raises(error) as err:
            step(persona, name, **args)
        assert err.value.diag.message_detail, (persona, name)
    assert (case_of(conn, rid), events_of(conn, rid)) == snapshot
    assert step("am", "received")["status"] == "in_progress"
    with pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState):
        step("am", "received")
    with pytest.raises(psycopg.errors.InvalidParameterValue) as err:
        step("mgr", "done", p_note="  ")
    assert "处理内容" in err.value.diag.message_detail
    case = step("mgr", "done", p_note="更换密封圈")
    assert (case["work_done"], case["done_on"], case["status"]) == (
        "更换密封圈",
        TODAY,
        "in_progress",
    )
    case = step("am", "sent_back", p_on=TODAY, p_note="顺丰寄回")
    assert (case["received_on"], case["sent_back_on"], case["status"]) == (TODAY, TODAY, "resolved")
    assert [e[:4] for e in events_of(conn, rid)][1:] == [
        ("status", "received", "open", "in_progress"),
        ("note", "done", "in_progress", "in_progress"),
        ("status", "sent_back", "in_progress", "resolved"),
    ]
    with pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState):
        step("am", "received")
    assert act(conn, world, "case_close", "am", p_case_id=rid)["status"] == "closed"


def test_a_waiting_exchange_takes_no_step_until_approved(
    conn: psycopg.Connection, world: World
) -> None:
    grade(conn, world, "C")
    (line,) = deliver(conn, world, "SO-X", [10], shipped_on=days_before(31))
    rid = raise_request(conn, world, "exchange", [{"shipment_id": line, "quantity": 2}],
                        doc_no="SO-X")["id"]  # fmt: skip
    with pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState) as err:
        act(conn, world, "case_service_step", "am", p_case_id=rid, p_step="received")
    assert "审批" in err.value.diag.message_detail
    act(conn, world, "case_approve", "mgr", p_case_id=rid, p_approved=True, p_reason="同意换货")
    assert returns_of(conn, rid) == []  # an exchange credits no money
    act(conn, world, "case_service_step", "am", p_case_id=rid, p_step="received")


def test_resolving_a_return_and_what_case_resolve_refuses(
    conn: psycopg.Connection, world: World
) -> None:
    (line,) = deliver(conn, world, "SO-V", [10], shipped_on=days_before(2))
    ret = raise_request(conn, world, "return", [{"shipment_id": line, "quantity": 1}],
                        doc_no="SO-V")["id"]  # fmt: skip
    complaint = raise_request(conn, world, "complaint", [], reason="送货员态度差")["id"]
    repair = world.ids["case_requests"]
    for persona, cid, text, error in [
        ("am", ret, " ", psycopg.errors.InvalidParameterValue),
        ("dealer", ret, "已收回", psycopg.errors.InsufficientPrivilege),
        ("rep", ret, "已收回", psycopg.errors.InsufficientPrivilege),
        ("am", repair, "已修好", psycopg.errors.ObjectNotInPrerequisiteState),
        ("am", complaint, "已处理", psycopg.errors.ObjectNotInPrerequisiteState),
    ]:
        with pytest.raises(error) as err:
            act(conn, world, "case_resolve", persona, p_case_id=cid, p_resolution=text)
        assert err.value.diag.message_detail
    case = act(conn, world, "case_resolve", "am", p_case_id=ret, p_resolution="货已收回入库")
    assert (case["status"], case["resolution"]) == ("resolved", "货已收回入库")
    assert events_of(conn, ret)[-1][:5] == (
        "status", "resolved", "in_progress", "resolved", "货已收回入库",
    )  # fmt: skip
    with pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState):
        act(conn, world, "case_resolve", "am", p_case_id=ret, p_resolution="再来")


def test_only_the_server_links_a_return_to_a_case(conn: psycopg.Connection, world: World) -> None:
    link = "update returns set case_id = %s where id = %s"
    before = conn.execute("select case_id from returns where id = %s", (world.ids["returns"],))
    before = before.fetchone()
    for persona in ("am", "mgr"):  # they may update returns, never their case
        with (
            pytest.raises(psycopg.errors.InsufficientPrivilege) as err,
            request(conn, world.claims(persona)) as cur,
        ):
            cur.execute(link, (world.ids["cases"], world.ids["returns"]))
        assert "系统" in err.value.diag.message_detail
    assert (
        conn.execute(
            "select case_id from returns where id = %s", (world.ids["returns"],)
        ).fetchone()
        == before
    )
