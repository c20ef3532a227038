"""Attacks that must fail, RPCs with good and bad arguments, and access that follows moves."""

from __future__ import annotations

import uuid
from typing import Any

import psycopg
import pytest
from psycopg.conninfo import make_conninfo

from tests.db.access_world import World, build_world
from tests.postgrest import request, rpc

INJECTIONS = (
    "'); drop table public.customers; --",
    "' or '1'='1",
    "$$; set role service_role; $$",
    "\\'; select pg_sleep(5); --",
    "x'); update public.customers set credit_limit = 0; --",
)


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    return build_world(conn)


def _fingerprint(conn: psycopg.Connection) -> tuple:
    """Everything an attack might try to change, in one comparable value."""
    return (
        conn.execute(
            "select count(*), sum(credit_limit), string_agg(coalesce(owner_id::text, ''), ',' order by code) from customers"
        ).fetchone(),
        conn.execute(
            "select string_agg(status || coalesce(decision_comment, ''), ',') from visit_plans"
        ).fetchone(),
        conn.execute(
            "select string_agg(coalesce(received_quantity::text, '-'), ',') from shipments"
        ).fetchone(),
        conn.execute(
            "select string_agg(status || coalesce(notes, '') || coalesce(owner_id::text, ''), ',') from warnings"
        ).fetchone(),
    )


def _error(conn: psycopg.Connection, fn: str, args: dict[str, Any], claims: dict | None) -> str:
    """Call an RPC that must fail; return its SQLSTATE."""
    with pytest.raises(psycopg.Error) as failed:
        rpc(conn, fn, args, claims)
    return failed.value.sqlstate


# -- attacks -------------------------------------------------------------------------------------


def test_rep_cannot_create_customers_in_another_area_or_for_someone_else(
    conn, world: World
) -> None:
    before = _fingerprint(conn)
    for area, owner in (
        (world.ids["area_ZJ"], world.users["rep"]),
        (world.ids["area_SH"], world.users["rep2"]),
    ):
        with (
            pytest.raises(psycopg.errors.InsufficientPrivilege),
            request(conn, world.claims("rep")) as cur,
        ):
            cur.execute(
                "insert into customers (code, name, tier, parent_id, owner_id, area_id)"
                " values ('X1', '冒名网点', 2, %s, %s, %s)",
                (world.ids["D_SH"], owner, area),
            )
    # a rep cannot create a tier-1 dealer, nor set a credit limit on a new outlet
    for tier, parent, limit in ((1, None, 0), (2, world.ids["D_SH"], 5000)):
        with (
            pytest.raises(psycopg.errors.InsufficientPrivilege),
            request(conn, world.claims("rep")) as cur,
        ):
            cur.execute(
                "insert into customers (code, name, tier, parent_id, owner_id, area_id, credit_limit)"
                " values ('X2', '网点', %s, %s, %s, %s, %s)",
                (tier, parent, world.users["rep"], world.ids["area_SH"], limit),
            )
    assert _fingerprint(conn) == before


def test_rep_cannot_change_credit_limit_grade_or_owner_of_own_customer(conn, world: World) -> None:
    before = _fingerprint(conn)
    for assignment in ("credit_limit = 999999", "grade = 'A'", "quadrant = 'core'",
                       f"owner_id = '{world.users['rep2']}'", f"area_id = '{world.ids['area_ZJ']}'"):  # fmt: skip
        with (
            pytest.raises(psycopg.errors.InsufficientPrivilege),
            request(conn, world.claims("rep")) as cur,
        ):
            cur.execute(f"update customers set {assignment} where code = 'D_SH'")
    # what a rep may change, they can
    with request(conn, world.claims("rep"), commit=True) as cur:
        cur.execute("update customers set phone = '13911112222' where code = 'D_SH'")
        assert cur.rowcount == 1
    # an area manager moves the customer; only a manager changes the credit limit
    with (
        pytest.raises(psycopg.errors.InsufficientPrivilege),
        request(conn, world.claims("am")) as cur,
    ):
        cur.execute("update customers set credit_limit = 1 where code = 'D_SH'")
    with request(conn, world.claims("mgr")) as cur:
        cur.execute("update customers set credit_limit = 1 where code = 'D_SH'")
        assert cur.rowcount == 1
    assert _fingerprint(conn) == before


def test_dealer_cannot_read_another_dealers_records_by_any_route(conn, world: World) -> None:
    d_zj = world.ids["D_ZJ"]
    conn.execute(
        "insert into payments (reference, customer_id, paid_on, amount) values ('PAY-ZJ', %s, private.company_today(), 5)",
        (d_zj,),
    )
    with request(conn, world.claims("dealer"), read_only=True) as cur:
        cur.execute("select count(*) as n from payments where customer_id = %s", (d_zj,))
        assert cur.fetchone()["n"] == 0
        cur.execute(
            "select count(*) as n from payments p join customers c on c.id = p.customer_id"
            " where c.code = 'D_ZJ'"
        )
        assert cur.fetchone()["n"] == 0
        cur.execute("select count(*) as n from payments")
        assert cur.fetchone()["n"] == 1  # its own
        # nor the warning system, evaluations or notes about itself, nor its own internal grade
        for table in (
            "warnings",
            "evaluations",
            "customer_notes",
            "customers",
            "customer_classifications",
        ):
            cur.execute(f"select count(*) as n from {table}")
            assert cur.fetchone()["n"] == 0, table
    me = rpc(conn, "whoami", {}, world.claims("dealer"), read_only=True)
    assert me["company"]["code"] == "D_SH"
    assert "grade" not in me["company"] and "quadrant" not in me["company"]


def test_dealer_cannot_confirm_another_dealers_delivery(conn, world: World) -> None:
    conn.execute(
        "insert into shipments (doc_no, line_no, customer_id, product_id, shipped_on, quantity, unit_price, amount)"
        " values ('SO-ZJ', 1, %s, %s, private.company_today(), 4, 36, 144)",
        (world.ids["D_ZJ"], world.ids["product"]),
    )
    other = str(conn.execute("select id from shipments where doc_no = 'SO-ZJ'").fetchone()[0])
    before = _fingerprint(conn)
    args = {
        "p_shipment_id": other,
        "p_received_quantity": 4,
        "p_damaged_quantity": 0,
        "p_note": None,
    }
    assert _error(conn, "confirm_delivery", args, world.claims("dealer")) == "P0002"
    with request(conn, world.claims("dealer")) as cur:
        cur.execute("update shipments set received_quantity = 4 where id = %s", (other,))
        assert cur.rowcount == 0
    assert _fingerprint(conn) == before


def test_security_definer_helpers_are_not_an_api_and_reveal_only_the_caller(
    conn, world: World
) -> None:
    # PostgREST exposes only the public schema: a helper's name does not resolve there
    with pytest.raises(psycopg.errors.UndefinedFunction):
        rpc(conn, "staff_customer_ids", {}, world.claims("rep2"))
    # called straight from SQL as a signed-in user, a helper still speaks only of the caller
    with request(conn, world.claims("rep2"), read_only=True) as cur:
        cur.execute("select array_agg(i::text) as ids from private.staff_customer_ids() i")
        assert cur.fetchone()["ids"] == [world.ids["D_ZJ"]]
    with pytest.raises(psycopg.errors.InsufficientPrivilege), request(conn, None) as cur:
        cur.execute("select private.my_role()")
    with pytest.raises(psycopg.Error), request(conn, world.claims("rep")) as cur:
        cur.execute("select private.guard_customer()")


def test_set_role_service_role_is_refused_to_an_authenticated_login(
    server_url: str, db_url: str
) -> None:
    name = f"mallory_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"create role {name} login in role authenticated")
    try:
        with psycopg.connect(make_conninfo(db_url, user=name), autocommit=True) as mallory:
            mallory.execute("set role authenticated")
            for attempt in ("set role service_role", "set role postgres",
                            "select set_config('role', 'service_role', false)"):  # fmt: skip
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    mallory.execute(attempt)
            assert mallory.execute("select count(*) from public.customers").fetchone()[0] == 0
    finally:
        with psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(f"drop role {name}")


def test_anon_gets_nothing(conn, world: World) -> None:
    for fn, args in (
        ("whoami", {}),
        ("approve_visit_plan", {"p_plan_id": world.ids["visit_plans"]}),
    ):
        assert _error(conn, fn, args, None) == "42501"


# -- RPCs ----------------------------------------------------------------------------------------


def _submit_plan(conn: psycopg.Connection, world: World) -> str:
    with request(conn, world.claims("rep"), commit=True) as cur:
        cur.execute("update visit_plans set status = 'submitted' where id = %s returning status",
                    (world.ids["visit_plans"],))  # fmt: skip
        assert cur.fetchone()["status"] == "submitted"
    return world.ids["visit_plans"]


def test_plan_approval_by_the_area_manager_is_recorded(conn, world: World) -> None:
    plan = _submit_plan(conn, world)
    assert _error(conn, "approve_visit_plan", {"p_plan_id": plan}, world.claims("rep")) == "42501"
    assert _error(conn, "approve_visit_plan", {"p_plan_id": plan}, world.claims("am2")) == "P0002"
    result = rpc(
        conn, "approve_visit_plan", {"p_plan_id": plan, "p_comment": "同意"}, world.claims("am")
    )
    assert result["status"] == "approved"
    assert result["decided_by"] == world.users["am"]
    assert result["decision_comment"] == "同意"
    assert result["decided_at"] is not None
    # decided: the rep can no longer withdraw it, nor change its stops
    with (
        pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState),
        request(conn, world.claims("rep")) as cur,
    ):
        cur.execute("update visit_plans set status = 'withdrawn' where id = %s", (plan,))
    with (
        pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState),
        request(conn, world.claims("rep")) as cur,
    ):
        cur.execute("update visit_plan_stops set seq = 9 where plan_id = %s", (plan,))
    assert (
        _error(
            conn, "reject_visit_plan", {"p_plan_id": plan, "p_comment": "晚了"}, world.claims("mgr")
        )
        == "55000"
    )


def test_plan_rpc_bad_arguments_change_nothing(conn, world: World) -> None:
    plan = _submit_plan(conn, world)
    before = _fingerprint(conn)
    am = world.claims("am")
    assert _error(conn, "approve_visit_plan", {"p_plan_id": None}, am) == "22023"
    assert _error(conn, "approve_visit_plan", {"p_plan_id": str(uuid.uuid4())}, am) == "P0002"
    assert _error(conn, "approve_visit_plan", {"p_plan_id": "not-a-uuid"}, am) == "22P02"
    assert _error(conn, "reject_visit_plan", {"p_plan_id": plan, "p_comment": "  "}, am) == "22023"
    assert (
        _error(
            conn,
            "decide_visit_plan",
            {"p_plan_id": plan, "p_decision": "maybe", "p_comment": "x"},
            am,
        )
        == "22023"
    )
    assert (
        _error(conn, "approve_visit_plan", {"p_plan_id": plan, "p_comment": "长" * 2001}, am)
        == "22023"
    )
    for text in INJECTIONS:
        assert (
            _error(
                conn,
                "decide_visit_plan",
                {"p_plan_id": plan, "p_decision": text, "p_comment": text},
                am,
            )
            == "22023"
        )
    assert _fingerprint(conn) == before
    # an injection string as a comment is stored as plain text, nothing else happens
    result = rpc(conn, "reject_visit_plan", {"p_plan_id": plan, "p_comment": INJECTIONS[0]}, am)
    assert result["decision_comment"] == INJECTIONS[0]
    assert conn.execute("select count(*) from customers").fetchone()[0] == 3


def test_confirm_delivery(conn, world: World) -> None:
    shipment = world.ids["shipment"]
    dealer = world.claims("dealer")
    before = _fingerprint(conn)
    bad = [
        ({"p_shipment_id": None, "p_received_quantity": 10, "p_damaged_quantity": 0}, "22023"),
        ({"p_shipment_id": shipment, "p_received_quantity": -1, "p_damaged_quantity": 0}, "22023"),
        ({"p_shipment_id": shipment, "p_received_quantity": 5, "p_damaged_quantity": 6}, "22023"),
        (
            {"p_shipment_id": shipment, "p_received_quantity": 9, "p_damaged_quantity": 0},
            "22023",
        ),  # no note
        (
            {"p_shipment_id": str(uuid.uuid4()), "p_received_quantity": 1, "p_damaged_quantity": 0},
            "P0002",
        ),
        (
            {"p_shipment_id": shipment, "p_received_quantity": "ten", "p_damaged_quantity": 0},
            "22P02",
        ),
    ]
    for args, state in bad:
        assert _error(conn, "confirm_delivery", args, dealer) == state, args
    assert (
        _error(conn, "confirm_delivery", bad[3][0] | {"p_note": "x"}, world.claims("rep"))
        == "42501"
    )
    assert _fingerprint(conn) == before
    for text in INJECTIONS:
        args = {
            "p_shipment_id": shipment,
            "p_received_quantity": 9,
            "p_damaged_quantity": 1,
            "p_note": text,
        }
        row = rpc(conn, "confirm_delivery", args, dealer, commit=False)
        assert row["discrepancy_note"] == text.strip()
    row = rpc(conn, "confirm_delivery", {"p_shipment_id": shipment, "p_received_quantity": 10,
                                         "p_damaged_quantity": 0}, dealer)  # fmt: skip
    assert row["confirmed_by"] == world.users["dealer"] and row["confirmed_at"]
    again = {"p_shipment_id": shipment, "p_received_quantity": 10, "p_damaged_quantity": 0}
    assert _error(conn, "confirm_delivery", again, dealer) == "55000"


def test_warning_lifecycle_rpcs(conn, world: World) -> None:
    warning = world.ids["warnings"]
    before = _fingerprint(conn)
    rep, am = world.claims("rep"), world.claims("am")
    assert (
        _error(
            conn,
            "set_warning_status",
            {"p_warning_id": warning, "p_status": "resolved", "p_note": "ok"},
            rep,
        )
        == "42501"
    )
    assert (
        _error(
            conn,
            "set_warning_status",
            {"p_warning_id": warning, "p_status": "acknowledged"},
            world.claims("rep2"),
        )
        == "P0002"
    )
    assert (
        _error(conn, "set_warning_status", {"p_warning_id": warning, "p_status": "open"}, am)
        == "22023"
    )
    assert (
        _error(conn, "set_warning_status", {"p_warning_id": warning, "p_status": "resolved"}, am)
        == "22023"
    )
    assert (
        _error(conn, "set_warning_status", {"p_warning_id": None, "p_status": "acknowledged"}, am)
        == "22023"
    )
    assert (
        _error(
            conn,
            "assign_warning",
            {"p_warning_id": warning, "p_owner_id": world.users["dealer"]},
            am,
        )
        == "P0002"
    )
    assert (
        _error(
            conn, "assign_warning", {"p_warning_id": warning, "p_owner_id": world.users["am"]}, rep
        )
        == "42501"
    )
    for text in INJECTIONS:
        assert (
            _error(
                conn,
                "set_warning_status",
                {"p_warning_id": warning, "p_status": text, "p_note": text},
                am,
            )
            == "22023"
        )
    with pytest.raises(psycopg.errors.InsufficientPrivilege), request(conn, am) as cur:
        cur.execute("update warnings set figures = '{\"balance\": 0}' where id = %s", (warning,))
    with (
        pytest.raises(psycopg.errors.InsufficientPrivilege),
        request(conn, world.claims("mgr")) as cur,
    ):
        cur.execute("delete from warnings where id = %s", (warning,))
    assert _fingerprint(conn) == before
    row = rpc(
        conn,
        "set_warning_status",
        {"p_warning_id": warning, "p_status": "acknowledged", "p_note": INJECTIONS[1]},
        rep,
    )
    assert (
        row["status"] == "acknowledged" and row["acknowledged_at"] and INJECTIONS[1] in row["notes"]
    )
    row = rpc(
        conn, "assign_warning", {"p_warning_id": warning, "p_owner_id": world.users["am"]}, am
    )
    assert row["owner_id"] == world.users["am"]
    row = rpc(
        conn,
        "set_warning_status",
        {"p_warning_id": warning, "p_status": "resolved", "p_note": "已回款"},
        am,
    )
    assert row["status"] == "resolved" and row["resolution"] == "已回款" and row["resolved_at"]
    assert (
        _error(
            conn, "set_warning_status", {"p_warning_id": warning, "p_status": "investigating"}, am
        )
        == "55000"
    )


def test_whoami(conn, world: World) -> None:
    me = rpc(conn, "whoami", {}, world.claims("am"), read_only=True)
    assert me["role"] == "area_manager" and me["area"]["code"] == "SH" and me["company"] is None
    stranger = {"sub": str(uuid.uuid4()), "role": "authenticated"}
    assert _error(conn, "whoami", {}, stranger) == "28000"


# -- access follows changes at once --------------------------------------------------------------


def _sees(conn: psycopg.Connection, world: World, persona: str, code: str) -> bool:
    with request(conn, world.claims(persona), read_only=True) as cur:
        cur.execute("select count(*) as n from customers where code = %s", (code,))
        return cur.fetchone()["n"] == 1


def test_moving_a_customer_changes_who_sees_it_at_once(conn, world: World) -> None:
    assert _sees(conn, world, "rep", "S_SH") and not _sees(conn, world, "rep2", "S_SH")
    with request(conn, world.claims("mgr"), commit=True) as cur:
        cur.execute(
            "update customers set owner_id = %s, area_id = %s where code in ('D_SH', 'S_SH')",
            (world.users["rep2"], world.ids["area_ZJ"]),
        )
    assert not _sees(conn, world, "rep", "D_SH") and not _sees(conn, world, "rep", "S_SH")
    assert _sees(conn, world, "rep2", "D_SH") and _sees(conn, world, "rep2", "S_SH")
    assert _sees(conn, world, "am2", "D_SH") and not _sees(conn, world, "am", "D_SH")
    with request(conn, world.claims("rep"), read_only=True) as cur:
        cur.execute("select count(*) as n from shipments")
        assert cur.fetchone()["n"] == 0


def test_social_notes_stay_in_the_authors_chain(conn, world: World) -> None:
    # rep2 takes over the customer, but the notes rep wrote stay with rep's chain
    conn.execute(  # an owner works in the customer's area: the customer moves to ZJ with rep2
        "update customers set owner_id = %s, area_id = %s where code = 'D_SH'",
        (world.users["rep2"], world.ids["area_ZJ"]),
    )
    for persona, sees in (
        ("rep", True),
        ("am", True),
        ("mgr", True),
        ("rep2", False),
        ("am2", False),
    ):
        with request(conn, world.claims(persona), read_only=True) as cur:
            cur.execute("select count(*) as n from customer_notes")
            assert (cur.fetchone()["n"] == 1) is sees, persona
