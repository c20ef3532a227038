"""Input limits (issue 14): every text has a length, every number a sane range, trees have no
cycles. Generated from the catalog, so a new column is covered by default; each refusal is tried
on the world's rows, the service side's way and the API's way, and nothing may be written."""

from __future__ import annotations

import json
import uuid
from decimal import Decimal
from typing import Any

import psycopg
import pytest
from psycopg import sql

from fieldapp.sync.errors import from_sqlstate
from tests.db.access_world import World, build_world
from tests.db.limits_catalog import (
    NUMBER_TYPES,
    TEXT_TYPES,
    Column,
    box_columns,
    checks_on,
    columns,
    text_limit,
)
from tests.postgrest import request, rpc

# numbers the server writes itself: sync row versions (stamped by a trigger), sync counters
SERVER_COUNTERS = {"version": "bigint"}
SERVER_TABLES = ("sync_clients", "sync_meta", "sync_revocations")
API_PERSONAS = ("mgr", "am", "rep", "dealer")


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    return build_world(conn)


def constraints_on(conn: psycopg.Connection, col: Column) -> set[str]:
    """Names of the check constraints that involve this column (alone or with others)."""
    return {
        r[0]
        for r in conn.execute(
            """
            select k.conname from pg_constraint k
              join pg_attribute a on a.attrelid = k.conrelid and a.attnum = any(k.conkey)
             where k.conrelid = %s::regclass and k.contype = 'c' and a.attname = %s
            """,
            (f"public.{col.table}", col.name),
        )
    }


def row_of(conn: psycopg.Connection, world: World, col: Column) -> Any:
    """The key of the world's row of the column's table (for contracts: a draft, which people
    may still edit)."""
    if col.table == "contracts":
        if "draft" not in world.ids:
            draft = rpc(
                conn, "new_contract", {"p_customer_id": world.ids["D_SH"]}, world.claims("am")
            )
            world.ids["draft"] = draft["id"]
        return world.ids["draft"]
    return world.ids[col.table]


def over_long(col: Column, limit: int) -> sql.Composable:
    """An SQL value one past the column's limit."""
    if col.type == "jsonb":
        return sql.SQL("to_jsonb(repeat('x', {}))").format(sql.Literal(limit))
    if col.type == "text[]":
        return sql.SQL("array_fill('x'::text, array[{}])").format(sql.Literal(limit + 1))
    return sql.SQL("repeat('x', {})").format(sql.Literal(limit + 1))


def short(col: Column) -> sql.Composable:
    """An SQL value that is a short change of the column."""
    return sql.SQL({"jsonb": "'\"y\"'::jsonb", "text[]": "array['y']"}.get(col.type, "'y'"))


def update(col: Column, value: sql.Composable) -> sql.Composed:
    return sql.SQL("update public.{t} set {c} = {v} where {k} = %s").format(
        t=sql.Identifier(col.table), c=sql.Identifier(col.name), v=value, k=sql.Identifier(col.key)
    )


def value_of(conn: psycopg.Connection, col: Column, key: Any) -> Any:
    query = sql.SQL("select {c}::text from public.{t} where {k} = %s").format(
        t=sql.Identifier(col.table), c=sql.Identifier(col.name), k=sql.Identifier(col.key)
    )
    return conn.execute(query, (key,)).fetchone()


def refusal(conn: psycopg.Connection, claims: dict | None, stmt: sql.Composed, key: Any) -> Any:
    """Run one write that must fail, as PostgREST would (claims None: the service side); the
    error, or None when it went through (rolled back either way)."""
    try:
        if claims is None:
            with conn.transaction(force_rollback=True):
                conn.execute(stmt, (key,))
        else:
            with request(conn, claims) as cur:
                cur.execute(stmt, (key,))
                if cur.rowcount == 0:
                    return "no row"
    except psycopg.Error as exc:
        return exc
    return None


def names(err: psycopg.Error, col: Column) -> bool:
    """The refusal is by a check of this column (its name names table and column)."""
    return (err.diag.constraint_name or "").startswith(f"{col.table}_{col.name}_")


# -- texts ---------------------------------------------------------------------------------------


def test_every_text_column_has_a_length_limit(conn: psycopg.Connection) -> None:
    found = columns(conn, TEXT_TYPES)
    assert len(found) > 100  # the catalog query sees the schema
    missing = [f"{c.table}.{c.name}" for c in found if text_limit(conn, c) is None]
    assert missing == []
    too_long = [
        f"{c.table}.{c.name}"
        for c in found
        if c.type in ("text", "character varying") and text_limit(conn, c) > 4000
    ]
    assert too_long == []


def test_an_over_long_text_is_refused_on_every_path_and_nothing_is_written(
    conn: psycopg.Connection, world: World
) -> None:
    problems: list[str] = []
    via_api: set[str] = set()
    for col in columns(conn, TEXT_TYPES):
        limit = text_limit(conn, col)
        if limit is None or col.type == "character":
            continue  # reported by the test above; char(1) cannot hold more
        key = row_of(conn, world, col)
        before = value_of(conn, col, key)
        name = f"{col.table}.{col.name}"
        stmt = update(col, over_long(col, limit))
        # the service side (importer, SQL functions) meets the same check; then the first API
        # persona that may change this column of the row
        for persona in (None, *API_PERSONAS):
            claims = None if persona is None else world.claims(persona)
            if persona and refusal(conn, claims, update(col, sql.Identifier(col.name)), key):
                continue  # this persona may not write this row's column at all
            err = refusal(conn, claims, stmt, key)
            if isinstance(err, psycopg.Error) and names(err, col):
                via_api.add(f"{persona}:{name}")
                if err.diag.constraint_name.endswith("_len"):  # the app's words name the field
                    said = from_sqlstate(err.sqlstate, err.diag.message_primary, None)
                    if name not in said.message_en or name not in said.message_zh:
                        problems.append(f"{name}: the app says {said.message_en!r}")
            elif err is None or refusal(conn, claims, update(col, short(col)), key) is None:
                # refused for another reason counts only if a short change is refused too
                problems.append(f"{name}: {persona or 'service side'} got {err!r}")
            if persona:
                break
        assert value_of(conn, col, key) == before, name
    assert problems == [], "\n".join(problems)
    # the attack's example and a column of each kind of writer are covered through the API
    assert {"rep:visits.notes", "rep:customer_notes.body", "mgr:contracts.quality_terms"} <= via_api
    assert sum(1 for k in via_api if k.startswith("None:")) > 100


def test_an_eight_megabyte_visit_note_is_rejected_by_sync_push(
    conn: psycopg.Connection, world: World
) -> None:
    visit = {
        "id": str(uuid.uuid4()),
        "rep_id": world.users["rep"],
        "customer_id": world.ids["D_SH"],
        "checkin_at": "2026-11-27T10:00:00+08:00",
        "notes": "x" * (8 * 1024 * 1024),
    }
    mutations = [{"id": 1, "table": "visits", "op": "upsert", "row": visit}]
    result = rpc(
        conn,
        "sync_push",
        {"p_client_id": str(uuid.uuid4()), "p_mutations": json.dumps(mutations)},
        world.claims("rep"),
    )
    (answer,) = result["results"]
    assert answer["status"] == "rejected" and answer["sqlstate"] == "23514"
    assert "visits_notes_len" in answer["reason"]
    assert (
        conn.execute("select count(*) from visits where id = %s", (visit["id"],)).fetchone()[0] == 0
    )


# -- numbers -------------------------------------------------------------------------------------


def limited_numbers(conn: psycopg.Connection) -> list[Column]:
    """Numeric columns people or the importer write (server counters left out)."""
    return [
        c
        for c in columns(conn, NUMBER_TYPES)
        if c.table not in SERVER_TABLES and SERVER_COUNTERS.get(c.name) != c.type
    ]


def extremes(col: Column) -> tuple[str, str]:
    """The largest and smallest value the column's type holds (far beyond any sane one)."""
    big = {
        "smallint": "32767",
        "integer": "2147483647",
        "bigint": "9223372036854775807",
        "real": "1e30",
        "double precision": "1e300",
    }.get(col.type)
    if big is None:  # numeric(p, s): p - s digits before the point; unconstrained: very big
        if col.typmod > 4:
            p, s = ((col.typmod - 4) >> 16) & 0xFFFF, (col.typmod - 4) & 0xFFFF
            big = str(Decimal(10) ** (p - s) - Decimal(10) ** -s)
        else:
            big = "1e30"
    return big, f"-{big}"


# columns checked together with another one: give the partner a value first
PARTNERS = {
    "customers": "lat = 31.2, lng = 121.5",
    "visits": "checkin_lat = 31.2, checkin_lng = 121.5",
}


def test_every_number_has_a_range_and_boxes_are_whole(
    conn: psycopg.Connection, world: World
) -> None:
    found = limited_numbers(conn)
    assert len(found) > 50
    boxes = set(box_columns(conn))
    assert [f"{c.table}.{c.name}" for c in found if not checks_on(conn, c)] == []
    problems: list[str] = []
    for col in found:
        key = row_of(conn, world, col)
        before = value_of(conn, col, key)
        tries = list(extremes(col))
        if col in boxes:
            tries.append("1.5")
        for value in tries:
            try:
                with conn.transaction(force_rollback=True):
                    # the checks alone: triggers that compute from the value are off
                    conn.execute("set local session_replication_role = replica")
                    if col.table in PARTNERS:
                        conn.execute(
                            sql.SQL("update public.{t} set {p} where {k} = %s").format(
                                t=sql.Identifier(col.table),
                                p=sql.SQL(PARTNERS[col.table]),
                                k=sql.Identifier(col.key),
                            ),
                            (key,),
                        )
                    conn.execute(update(col, sql.Literal(value)), (key,))
                problems.append(f"{col.table}.{col.name} = {value} accepted")
            except psycopg.errors.CheckViolation as exc:
                if exc.diag.constraint_name not in constraints_on(conn, col):
                    problems.append(f"{col.table}.{col.name} = {value}: {exc.diag.constraint_name}")
        assert value_of(conn, col, key) == before
    assert problems == [], "\n".join(problems)


def test_a_fractional_box_is_refused_on_every_path_and_nothing_is_written(
    conn: psycopg.Connection, world: World
) -> None:
    boxes = box_columns(conn)
    assert {(c.table, c.name) for c in boxes} >= {
        ("stock_counts", "quantity"), ("order_lines", "quantity"), ("sales_plans", "quantity"),
        ("shipments", "received_quantity"), ("shipments", "damaged_quantity"),
        ("returns", "quantity"), ("contract_lines", "quantity"),
    }  # fmt: skip
    problems: list[str] = []
    via_api: set[str] = set()
    for col in boxes:
        key = row_of(conn, world, col)
        before = value_of(conn, col, key)
        name = f"{col.table}.{col.name}"
        half = update(col, sql.SQL("coalesce({}, 1) + 0.5").format(sql.Identifier(col.name)))
        whole = update(col, sql.SQL("coalesce({}, 1) + 1").format(sql.Identifier(col.name)))
        for persona in (None, *API_PERSONAS):
            claims = None if persona is None else world.claims(persona)
            if persona and refusal(conn, claims, update(col, sql.Identifier(col.name)), key):
                continue  # this persona may not write this row's column at all
            err = refusal(conn, claims, half, key)
            if isinstance(err, psycopg.errors.CheckViolation) and names(err, col):
                via_api.add(f"{persona}:{name}")
                said = from_sqlstate(err.sqlstate, err.diag.message_primary, None)
                if name not in said.message_en or "整" not in said.message_zh:
                    problems.append(f"{name}: the app says {said.message_zh!r}")
            elif err is None or refusal(conn, claims, whole, key) is None:
                problems.append(f"{name}: {persona or 'service side'} got {err!r}")
            if persona:
                break
        assert value_of(conn, col, key) == before, name
    assert problems == [], "\n".join(problems)
    assert {"rep:stock_counts.quantity", "rep:order_lines.quantity"} <= via_api
    # the phone's way: sync_push applies nothing of a batch line with an opened box
    lines = [Column(t, "quantity", "numeric", -1, "id") for t in ("stock_counts", "order_lines")]
    before = [value_of(conn, c, world.ids[c.table]) for c in lines]
    mutations = [
        {"id": 1, "table": "stock_counts", "op": "upsert",
         "row": {"id": world.ids["stock_counts"], "quantity": 2.5}},
        {"id": 2, "table": "order_lines", "op": "upsert",
         "row": {"id": world.ids["order_lines"], "quantity": 0.5}},
    ]  # fmt: skip
    result = rpc(
        conn,
        "sync_push",
        {"p_client_id": str(uuid.uuid4()), "p_mutations": json.dumps(mutations)},
        world.claims("rep"),
    )
    assert [(r["status"], r["sqlstate"]) for r in result["results"]] == [("rejected", "23514")] * 2
    assert "stock_counts_quantity_range" in result["results"][0]["reason"]
    assert [value_of(conn, c, world.ids[c.table]) for c in lines] == before


def test_fractional_and_huge_boxes_are_refused_through_the_api(
    conn: psycopg.Connection, world: World
) -> None:
    plans = lambda: conn.execute("select quantity, amount from sales_plans").fetchall()  # noqa: E731
    before = plans()
    for qty in ("1000000000", "2.5"):
        # the RPC names the product and says why
        args = {"p_customer_id": world.ids["D_SH"], "p_month": "2027-03",
                "p_lines": json.dumps([{"sku": "P1", "quantity": qty}])}  # fmt: skip
        with pytest.raises(psycopg.errors.InvalidParameterValue) as err:
            rpc(conn, "set_sales_plans", args, world.claims("mgr"))
        assert "whole boxes" in str(err.value) and "P1" in str(err.value)
        assert "整箱" in err.value.diag.message_detail
        # a direct write meets the check
        with (
            pytest.raises(psycopg.errors.CheckViolation) as err,
            request(conn, world.claims("mgr")) as cur,
        ):
            cur.execute("update sales_plans set quantity = %s", (qty,))
        assert err.value.diag.constraint_name == "sales_plans_quantity_range"
    args = {"p_customer_id": world.ids["D_SH"], "p_month": "2027-03",
            "p_lines": json.dumps([{"sku": "P1", "quantity": "10", "amount": "2e9"}])}  # fmt: skip
    with pytest.raises(psycopg.errors.InvalidParameterValue, match="amount of P1"):
        rpc(conn, "set_sales_plans", args, world.claims("mgr"))
    assert plans() == before


# -- trees ---------------------------------------------------------------------------------------


def test_an_area_cycle_is_refused(conn: psycopg.Connection, world: World) -> None:
    hd, sh = world.ids["area_HD"], world.ids["area_SH"]
    for claims in (None, world.claims("mgr")):
        with pytest.raises(psycopg.errors.CheckViolation) as failed:
            if claims is None:
                with conn.transaction(force_rollback=True):
                    conn.execute("update areas set parent_id = %s where id = %s", (sh, hd))
            else:
                with request(conn, claims) as cur:
                    cur.execute("update areas set parent_id = %s where id = %s", (sh, hd))
        assert "parent_id" in str(failed.value) and "循环" in failed.value.diag.message_detail
    assert conn.execute("select parent_id from areas where id = %s", (hd,)).fetchone()[0] is None


def test_a_longer_area_cycle_in_one_statement_is_refused(
    conn: psycopg.Connection, world: World
) -> None:
    hd, sh, zj = (world.ids[f"area_{c}"] for c in ("HD", "SH", "ZJ"))
    with pytest.raises(psycopg.errors.CheckViolation), conn.transaction(force_rollback=True):
        conn.execute(  # SH under ZJ and HD under SH, in one statement: HD→SH→ZJ→HD
            "update areas set parent_id = case id when %s then %s::uuid else %s::uuid end"
            " where id in (%s, %s)",
            (sh, zj, sh, sh, hd),
        )
    rows = dict(conn.execute("select code, parent_id is null from areas").fetchall())
    assert rows == {"HD": True, "SH": False, "ZJ": False}


def test_a_customer_cycle_is_refused(conn: psycopg.Connection, world: World) -> None:
    # a dealer turned store under its own sub-distributor: the tiers allow it, the tree does not
    d, s = world.ids["D_SH"], world.ids["S_SH"]
    for claims in (None, world.claims("mgr")):
        with pytest.raises(psycopg.errors.CheckViolation) as failed:
            if claims is None:
                with conn.transaction(force_rollback=True):
                    conn.execute(
                        "update customers set tier = 3, parent_id = %s where id = %s", (s, d)
                    )
            else:
                with request(conn, claims) as cur:
                    cur.execute(
                        "update customers set tier = 3, parent_id = %s where id = %s", (s, d)
                    )
        assert "customers.parent_id" in str(failed.value)
    assert conn.execute("select tier, parent_id from customers where id = %s", (d,)).fetchone() == (
        1,
        None,
    )


# -- new contract --------------------------------------------------------------------------------


def test_a_second_new_contract_returns_the_open_draft(
    conn: psycopg.Connection, world: World
) -> None:
    mgr, am = world.claims("mgr"), world.claims("am")
    first = rpc(conn, "new_contract", {"p_customer_id": world.ids["D_SH"]}, mgr)
    count = conn.execute("select count(*) from contracts").fetchone()[0]
    again = rpc(conn, "new_contract", {"p_customer_id": world.ids["D_SH"]}, am)
    assert again["id"] == first["id"] and again["contract_no"] == first["contract_no"]
    assert conn.execute("select count(*) from contracts").fetchone()[0] == count
    assert not conn.execute(
        "select count(*) from contracts where contract_no like %s", (first["contract_no"] + "-%",)
    ).fetchone()[0]
    # once the draft goes to review, a new one is a new draft
    rpc(conn, "submit_contract", {"p_contract_id": first["id"]}, mgr)
    third = rpc(conn, "new_contract", {"p_customer_id": world.ids["D_SH"]}, mgr)
    assert third["id"] != first["id"] and third["status"] == "draft"
