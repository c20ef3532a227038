"""The customers a report covers (private.report_customers): its tier-filtered form (the report's
dealer sheets, migration 20261217100000) keeps exactly the customers of that tier among those the
one-argument form covers, for every caller and area, and refuses what the other refuses."""

from __future__ import annotations

import psycopg
import pytest

from tests.db.access_world import World, world_database
from tests.postgrest import request

AREAS = (None, "HD", "SH", "ZJ")


@pytest.fixture(scope="module")
def world_conn(server_url: str, template_db: str):
    with world_database(server_url, template_db, "scope") as (conn, world):
        yield conn, world


def _scopes(cur: psycopg.Cursor, area: str | None) -> tuple[set, set, dict]:
    every = {r["id"] for r in cur.execute("select id from private.report_customers(%s)", (area,))}
    dealers = {
        r["id"]
        for r in cur.execute("select id from private.report_customers(%s, 1::smallint)", (area,))
    }
    tiers = {
        r["id"]: r["tier"]
        for r in cur.execute(
            "select id, tier from public.customers where id = any(%s)", (list(every),)
        )
    }
    return every, dealers, tiers


@pytest.mark.parametrize("persona", ["service", "mgr", "am", "am2", "rep"])
def test_the_dealers_in_scope_are_the_tier_one_customers_in_scope(
    world_conn: tuple[psycopg.Connection, World], persona: str
) -> None:
    conn, world = world_conn
    for area in AREAS:
        claims = None if persona == "service" else world.claims(persona)
        if claims is None:
            with (
                conn.transaction(force_rollback=True),
                conn.cursor(row_factory=psycopg.rows.dict_row) as cur,
            ):
                every, dealers, tiers = _scopes(cur, area)
        else:
            with request(conn, claims, read_only=True) as cur:
                every, dealers, tiers = _scopes(cur, area)
        assert dealers == {i for i in every if tiers[i] == 1}, (persona, area)
    # the whole company as the service side sees it has dealers and others
    with (
        conn.transaction(force_rollback=True),
        conn.cursor(row_factory=psycopg.rows.dict_row) as cur,
    ):
        every, dealers, _ = _scopes(cur, None)
    assert dealers and every - dealers


def test_a_dealer_and_an_unknown_area_are_refused_alike(
    world_conn: tuple[psycopg.Connection, World],
) -> None:
    conn, world = world_conn
    for args in (("SH",), ("SH", 1)):
        sql = "select * from private.report_customers(%s" + (
            ", %s::smallint)" if len(args) > 1 else ")"
        )
        with (
            pytest.raises(psycopg.errors.InsufficientPrivilege, match="only staff"),
            request(conn, world.claims("dealer"), read_only=True) as cur,
        ):
            cur.execute(sql, args)
        with (
            pytest.raises(psycopg.errors.NoDataFound) as err,
            request(conn, world.claims("mgr"), read_only=True) as cur,
        ):
            cur.execute(sql, ("XX", *args[1:]))
        assert "找不到区域「XX」" in (err.value.diag.message_detail or "")
