"""Pages of a pull (docs/sync.md): small pages return exactly what one big page does, and every
synced table has the (txid, id) index a page reads its keys from."""

from __future__ import annotations

import psycopg
import pytest

from tests.db.access_world import World, build_world
from tests.postgrest import request, rpc


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    return build_world(conn)


def test_small_pages_return_what_one_page_does(conn, world: World) -> None:
    """Paged two rows at a time, a first pull of every role returns exactly the rows, tables and
    revocations of one big page: none twice, none missed, across tables and transactions."""
    conn.execute("update customers set name = name || ' ' where tier = 3")  # a later transaction
    for role in ("rep", "am", "mgr", "dealer"):
        claims = world.claims(role)
        whole = rpc(conn, "sync_pull", {"p_since": 0, "p_limit": 10000}, claims, read_only=True)
        assert not whole["has_more"]
        seen: list[tuple[str, str]] = []
        since, after, pages = 0, None, 0
        while True:
            page = rpc(conn, "sync_pull", {"p_since": since, "p_limit": 2, "p_after": after},
                       claims, read_only=True)  # fmt: skip
            rows = [(t, str(r["id"])) for t, rs in page["changes"].items() for r in rs]
            assert len(rows) + len(page["revoked"]) <= 2
            seen += rows
            since, after, pages = page["cursor"], page["after"], pages + 1
            if not page["has_more"]:
                break
        assert len(seen) == len(set(seen)), role  # none twice
        assert sorted(seen) == sorted(
            (t, str(r["id"])) for t, rs in whole["changes"].items() for r in rs
        ), role
        assert since >= whole["cursor"] and pages > 1  # the bound moves on with the server


def test_every_synced_table_reads_its_keys_from_a_txid_id_index(conn) -> None:
    missing = conn.execute(
        "select s.name from private.sync_tables s where not exists ("
        " select from pg_index i join pg_class c on c.oid = i.indexrelid"
        " where i.indrelid = ('public.' || s.name)::regclass and c.relname = s.name || '_txid_idx'"
        " and (select array_agg(a.attname order by k.n) from unnest(i.indkey) with ordinality k (a, n)"
        "      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.a)"
        "     = array['txid', case when s.name = 'settings' then 'key' else 'id' end]::name[])"
    ).fetchall()
    assert missing == []


def test_a_first_pull_brings_exactly_the_customers_the_policy_lets_each_persona_read(
    conn, world: World
) -> None:
    """The customers branch reads by private.readable_customer_ids(): it must leave out none of
    the customers row level security lets a persona read, and the policy still keeps out the
    rest (a sub-distributor reached through the owner chain, a whole area, everyone, no one)."""
    for persona in ("rep", "rep2", "am", "am2", "mgr", "dealer", "dealer2"):
        claims = world.claims(persona)
        with request(conn, claims, read_only=True) as cur:
            readable = {str(r["id"]) for r in cur.execute("select id from customers")}
        pulled = rpc(conn, "sync_pull", {"p_since": 0, "p_limit": 10000}, claims, read_only=True)
        assert {str(r["id"]) for r in pulled["changes"].get("customers", [])} == readable, persona
        with request(conn, claims, read_only=True) as cur:
            ids = cur.execute("select private.readable_customer_ids() as ids").fetchone()["ids"]
        if persona != "mgr":  # a manager's pull does not ask for the ids
            assert {str(i) for i in ids} == readable, persona
        if persona == "rep":  # the sub-distributor through the owner chain
            assert {str(world.ids[c]) for c in ("D_SH", "S_SH")} <= readable
