"""The customers a report covers: private.report_customers, its tier-filtered form (the report's
dealer sheets, migration 20261217100000) and private.report_scope (the same customers as an array,
null when that is every live customer; 20261217300000), for every caller and area."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import psycopg
import pytest
from psycopg.rows import dict_row

from tests.db.access_world import World, world_database
from tests.postgrest import request

AREAS = (None, "HD", "SH", "ZJ")


@pytest.fixture(scope="module")
def world_conn(server_url: str, template_db: str):
    with world_database(server_url, template_db, "scope") as (conn, world):
        yield conn, world


@contextlib.contextmanager
def _as(conn: psycopg.Connection, world: World, persona: str) -> Iterator[psycopg.Cursor]:
    """A read-only request of the persona, or the service side's own (rolled back)."""
    if persona != "service":
        with request(conn, world.claims(persona), read_only=True) as cur:
            yield cur
        return
    with conn.transaction(force_rollback=True), conn.cursor(row_factory=dict_row) as cur:
        yield cur


def _ids(cur: psycopg.Cursor, query: str, *args: object) -> set:
    return {r["id"] for r in cur.execute(query, args)}


@pytest.mark.parametrize("persona", ["service", "mgr", "am", "am2", "rep"])
def test_the_dealers_in_scope_are_the_tier_one_customers_in_scope(
    world_conn: tuple[psycopg.Connection, World], persona: str
) -> None:
    conn, world = world_conn
    for area in AREAS:
        with _as(conn, world, persona) as cur:
            every = _ids(cur, "select id from private.report_customers(%s)", area)
            dealers = _ids(cur, "select id from private.report_customers(%s, 1::smallint)", area)
            tier_one = _ids(
                cur, "select id from public.customers where id = any(%s) and tier = 1", list(every)
            )
        assert dealers == tier_one, (persona, area)
        if persona == "service" and area is None:
            assert dealers and every - dealers  # dealers and others


@pytest.mark.parametrize("persona", ["service", "mgr", "am", "rep"])
def test_the_scope_is_null_only_when_it_is_every_customer(
    world_conn: tuple[psycopg.Connection, World], persona: str
) -> None:
    conn, world = world_conn
    for area in AREAS:
        with _as(conn, world, persona) as cur:
            scope = cur.execute("select private.report_scope(%s) as s", (area,)).fetchone()["s"]
            listed = _ids(cur, "select id from private.report_customers(%s)", area)
            live = _ids(cur, "select id from public.customers where deleted_at is null")
        if area is None and persona in ("service", "mgr"):
            assert scope is None and listed == live
        else:
            assert scope is not None and set(scope) == listed, (persona, area)


def test_a_dealer_and_an_unknown_area_are_refused_alike(
    world_conn: tuple[psycopg.Connection, World],
) -> None:
    conn, world = world_conn
    calls = (
        "select * from private.report_customers(%s)",
        "select * from private.report_customers(%s, 1::smallint)",
        "select private.report_scope(%s)",
    )
    for sql in calls:
        with (
            pytest.raises(psycopg.errors.InsufficientPrivilege, match="only staff"),
            _as(conn, world, "dealer") as cur,
        ):
            cur.execute(sql, ("SH",))
        with pytest.raises(psycopg.errors.NoDataFound) as err, _as(conn, world, "mgr") as cur:
            cur.execute(sql, ("XX",))
        assert "找不到区域「XX」" in (err.value.diag.message_detail or "")
