"""The server half of sync: pull cursors, paging, exactly-once push, conflicts, moves, bad input."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

import psycopg
import pytest

from tests.db.access_world import World, build_world
from tests.postgrest import request, rpc


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    return build_world(conn)


def pull_all(
    conn: psycopg.Connection,
    claims: dict,
    since: int = 0,
    limit: int = 1000,
    *,
    settle: bool = True,
) -> tuple[dict, int]:
    """Pull until done; return {table: {id: row}}, revoked ids under '_revoked', and the cursor.

    Like a phone, it pulls again while the cursor is short of every transaction that had finished
    when it began: a pull stops before an id whose transaction ended between its snapshot and its
    read of the locks (docs/sync.md, "The pull's horizon") — on a shared server, any test's.
    `settle=False`: one pass, for a test that holds a transaction open on purpose."""
    begun = conn.execute("select pg_snapshot_xmax(pg_current_snapshot())::text::bigint").fetchone()
    seen: dict[str, dict[str, Any]] = {"_revoked": {}}
    after = None
    for _ in range(100):
        page = rpc(
            conn,
            "sync_pull",
            {"p_since": since, "p_limit": limit, "p_after": after},
            claims,
            read_only=True,
        )
        for table, rows in page["changes"].items():
            for row in rows:
                seen.setdefault(table, {})[row["id"]] = row
        for r in page["revoked"]:
            seen["_revoked"][r["id"]] = r["table"]
        since, after = page["cursor"], page["after"]
        if not page["has_more"] and (since >= begun[0] or not settle):
            return seen, since
        if not page["has_more"]:
            time.sleep(0.02)
    raise AssertionError(f"the pull's cursor stayed at {since}, short of {begun[0]}")


def push(conn: psycopg.Connection, claims: dict, client: str, mutations: list[dict]) -> dict:
    return rpc(
        conn, "sync_push", {"p_client_id": client, "p_mutations": json.dumps(mutations)}, claims
    )


def visit(world: World, customer: str = "D_SH", **extra: Any) -> dict:
    return {"id": str(uuid.uuid4()), "rep_id": world.users["rep"], "customer_id": world.ids[customer],
            "checkin_at": "2026-11-27T10:00:00+08:00", **extra}  # fmt: skip


def test_first_pull_is_what_the_rep_may_see(conn, world: World) -> None:
    seen, cursor = pull_all(conn, world.claims("rep"))
    assert set(seen["customers"]) == {world.ids["D_SH"], world.ids["S_SH"]}
    assert world.ids["visits"] in seen["visits"] and world.ids["warnings"] in seen["warnings"]
    assert "visit.checkin_radius_m" in seen["settings"] and seen["products"]
    assert all("txid" not in row for rows in seen.values() for row in rows.values())
    other, _ = pull_all(conn, world.claims("rep2"))
    assert set(other["customers"]) == {world.ids["D_ZJ"]}
    assert "visits" not in other
    # nothing new: an empty page, the cursor does not go back
    page = rpc(
        conn, "sync_pull", {"p_since": cursor, "p_limit": 100}, world.claims("rep"), read_only=True
    )
    assert page["changes"] == {} and page["cursor"] >= cursor and not page["has_more"]


def test_a_late_commit_is_not_lost(server_url: str, db_url: str, conn, world: World) -> None:
    _, cursor = pull_all(conn, world.claims("rep"))
    early, late = visit(world, notes="T1 started first"), visit(world, notes="T2 committed first")
    insert = "insert into visits (id, rep_id, customer_id, checkin_at, notes) values (%(id)s, %(rep_id)s, %(customer_id)s, %(checkin_at)s, %(notes)s)"
    with psycopg.connect(db_url) as t1, psycopg.connect(db_url) as t2:
        t1.execute(insert, early)  # T1 takes its transaction id first ...
        t2.execute(insert, late)
        t2.commit()  # ... but T2 commits first
        first, cursor = pull_all(conn, world.claims("rep"), since=cursor, settle=False)
        t1.commit()
    second, _ = pull_all(conn, world.claims("rep"), since=cursor)
    got = set(first.get("visits", {})) | set(second.get("visits", {}))
    assert {early["id"], late["id"]} <= got
    assert early["id"] not in first.get("visits", {})  # T1 was still open at the first pull


def test_pages_end_on_transaction_edges_or_resume_inside_a_big_one(conn, world: World) -> None:
    _, cursor = pull_all(conn, world.claims("rep"))
    with conn.transaction():  # one transaction of 7 visits
        big = [visit(world, notes=f"big {i}") for i in range(7)]
        for v in big:
            conn.execute(
                "insert into visits (id, rep_id, customer_id, checkin_at, notes) values (%(id)s, %(rep_id)s, %(customer_id)s, %(checkin_at)s, %(notes)s)",
                v,
            )
    small = [visit(world, notes=f"small {i}") for i in range(2)]
    for v in small:  # two transactions of one
        conn.execute(
            "insert into visits (id, rep_id, customer_id, checkin_at, notes) values (%(id)s, %(rep_id)s, %(customer_id)s, %(checkin_at)s, %(notes)s)",
            v,
        )
    pages, since, after = [], cursor, None
    while True:
        page = rpc(
            conn,
            "sync_pull",
            {"p_since": since, "p_limit": 3, "p_after": after},
            world.claims("rep"),
            read_only=True,
        )
        pages.append([r["notes"] for r in page["changes"].get("visits", [])])
        since, after = page["cursor"], page["after"]
        if not page["has_more"]:
            break
    flat = [n for p in pages for n in p]
    assert sorted(flat) == sorted(v["notes"] for v in big + small)
    assert all(len(p) <= 3 for p in pages)
    # the big transaction was split with a resume position; small ones were never split
    assert (
        pages[-1] == ["small 0", "small 1"]
        or pages[-2:] == [["small 0"], ["small 1"]]
        or pages[-1][-2:] == ["small 0", "small 1"]
    )


def test_push_applies_exactly_once_and_a_gap_is_refused(conn, world: World) -> None:
    rep, client = world.claims("rep"), str(uuid.uuid4())
    v = visit(world)
    batch = [{"id": 1, "table": "visits", "op": "upsert", "row": v},
             {"id": 2, "table": "visits", "op": "upsert", "row": {"id": v["id"], "notes": "第二次"}}]  # fmt: skip
    first = push(conn, rep, client, batch)
    assert [r["status"] for r in first["results"]] == ["applied", "applied"]
    assert first["results"][1]["version"] == 2 and first["last_mutation_id"] == 2
    replay = push(conn, rep, client, batch)  # the response was lost; the phone sends again
    assert [r["status"] for r in replay["results"]] == ["duplicate", "duplicate"]
    assert conn.execute(
        "select count(*), max(notes), max(version) from visits where id = %s", (v["id"],)
    ).fetchone() == (1, "第二次", 2)
    with pytest.raises(psycopg.Error) as gap:
        push(conn, rep, client, [{"id": 5, "table": "visits", "op": "upsert", "row": visit(world)}])
    assert gap.value.sqlstate == "22023" and "expected id 3" in str(gap.value)
    assert conn.execute(
        "select last_mutation_id from sync_clients where client_id = %s", (client,)
    ).fetchone() == (2,)
    # someone else cannot use this device id
    with pytest.raises(psycopg.Error) as stolen:
        push(
            conn,
            world.claims("rep2"),
            client,
            [{"id": 3, "table": "visits", "op": "upsert", "row": visit(world)}],
        )
    assert stolen.value.sqlstate == "42501"


def test_bad_mutations_are_rejected_one_by_one_and_do_not_block(conn, world: World) -> None:
    rep, client = world.claims("rep"), str(uuid.uuid4())
    before = conn.execute("select count(*) from visits").fetchone()[0]
    good = visit(world, notes="after the bad ones")
    mutations = [
        {"id": 1, "table": "no_such_table", "op": "upsert", "row": {"id": str(uuid.uuid4())}},
        {"id": 2, "table": "visits", "op": "upsert", "row": "not an object"},
        {"id": 3, "table": "visits", "op": "upsert", "row": {"id": "not-a-uuid"}},
        {
            "id": 4,
            "table": "visits",
            "op": "upsert",
            "row": visit(world, checkin_accuracy_m="very good"),
        },
        {
            "id": 5,
            "table": "visits",
            "op": "upsert",
            "row": visit(world, customer="D_ZJ"),
        },  # not theirs
        {
            "id": 6,
            "table": "visits",
            "op": "upsert",
            "row": {"id": world.ids["visits"], "rep_id": world.users["rep2"]},
        },
        {
            "id": 7,
            "table": "warnings",
            "op": "upsert",
            "row": {"id": world.ids["warnings"], "status": "resolved"},
        },
        {"id": 8, "table": "visits", "op": "explode", "row": visit(world)},
        {
            "id": 9,
            "table": "customers",
            "op": "upsert",
            "row": {"id": world.ids["D_SH"], "credit_limit": 1},
        },
        {"id": 10, "table": "visits", "op": "delete", "row": {"id": str(uuid.uuid4())}},
        {"id": 11, "table": "visits", "op": "upsert", "row": good},
    ]
    result = push(conn, rep, client, mutations)
    statuses = [r["status"] for r in result["results"]]
    assert statuses == ["rejected"] * 10 + ["applied"]
    for r in result["results"][:10]:
        assert r["sqlstate"] and r["reason"]
    assert result["last_mutation_id"] == 11
    assert conn.execute("select count(*) from visits").fetchone()[0] == before + 1
    assert (
        conn.execute("select credit_limit from customers where code = 'D_SH'").fetchone()[0]
        == 100000
    )
    assert (
        conn.execute(
            "select rep_id::text from visits where id = %s", (world.ids["visits"],)
        ).fetchone()[0]
        == world.users["rep"]
    )
    # a mutation without a usable id cannot be numbered: the whole push is refused, nothing applied
    for broken in (
        [{"table": "visits", "op": "upsert", "row": visit(world)}],
        [{"id": "twelve"}],
        [7],
    ):
        with pytest.raises(psycopg.Error) as failed:
            push(conn, rep, client, broken)
        assert failed.value.sqlstate == "22023"
    with pytest.raises(psycopg.Error):
        rpc(conn, "sync_push", {"p_client_id": client, "p_mutations": '{"not": "an array"}'}, rep)


def test_conflicts_follow_the_policy(conn, world: World) -> None:
    rep, client = world.claims("rep"), str(uuid.uuid4())
    version = conn.execute("select version from customers where code = 'D_SH'").fetchone()[0]
    conn.execute(
        "update customers set address = '办公室改的地址' where code = 'D_SH'"
    )  # server moves on
    stale = {"id": 1, "table": "customers", "op": "upsert", "base_version": version,
             "row": {"id": world.ids["D_SH"], "address": "业务员离线改的地址"}}  # fmt: skip
    conn.execute("update orders set status = 'submitted' where id = %s", (world.ids["orders"],))
    locked = {
        "id": 2,
        "table": "orders",
        "op": "upsert",
        "row": {"id": world.ids["orders"], "note": "改单"},
    }
    fresh = {"id": 3, "table": "customers", "op": "upsert", "base_version": version + 1,
             "row": {"id": world.ids["D_SH"], "contact_name": "刘老板"}}  # fmt: skip
    result = push(conn, rep, client, [stale, locked, fresh])
    assert [r["status"] for r in result["results"]] == ["conflict", "conflict", "applied"]
    assert result["results"][0]["server"]["address"] == "办公室改的地址"
    row = conn.execute("select address, contact_name from customers where code = 'D_SH'").fetchone()
    assert row == ("办公室改的地址", "刘老板")


def test_deletes_travel_as_tombstones(conn, world: World) -> None:
    rep, client = world.claims("rep"), str(uuid.uuid4())
    _, cursor = pull_all(conn, rep)
    result = push(
        conn,
        rep,
        client,
        [
            {
                "id": 1,
                "table": "stock_counts",
                "op": "delete",
                "row": {"id": world.ids["stock_counts"]},
            }
        ],
    )
    assert result["results"][0]["status"] == "applied"
    with request(conn, world.claims("mgr"), commit=True) as cur:  # a plain REST delete too
        cur.execute(
            "delete from customer_contacts where id = %s", (world.ids["customer_contacts"],)
        )
    seen, _ = pull_all(conn, rep, since=cursor)
    assert seen["stock_counts"][world.ids["stock_counts"]]["deleted_at"]
    assert seen["customer_contacts"][world.ids["customer_contacts"]]["deleted_at"]


def test_moving_a_customer_revokes_and_resends(conn, world: World) -> None:
    _, rep_cursor = pull_all(conn, world.claims("rep"))
    _, rep2_cursor = pull_all(conn, world.claims("rep2"))
    with request(conn, world.claims("mgr"), commit=True) as cur:
        cur.execute("update customers set owner_id = %s, area_id = %s where code = 'D_SH'",
                    (world.users["rep2"], world.ids["area_ZJ"]))  # fmt: skip
    lost, _ = pull_all(conn, world.claims("rep"), since=rep_cursor)
    # the rep still owns the sub-distributor S_SH, so only the dealer is revoked
    assert lost["_revoked"] == {world.ids["D_SH"]: "customers"}
    gained, _ = pull_all(conn, world.claims("rep2"), since=rep2_cursor)
    assert {world.ids["D_SH"], world.ids["S_SH"]} <= set(gained["customers"])
    # the moved customers' records come along although they were written long ago
    assert world.ids["customer_contacts"] in gained["customer_contacts"]
    assert world.ids["warnings"] in gained["warnings"]
    am_lost, _ = pull_all(conn, world.claims("am"), since=rep_cursor)
    assert world.ids["D_SH"] in am_lost["_revoked"]


def test_epoch_is_reported_and_can_be_bumped(conn, world: World) -> None:
    page = rpc(
        conn, "sync_pull", {"p_since": 0, "p_limit": 10}, world.claims("rep"), read_only=True
    )
    conn.execute("select private.bump_sync_epoch()")
    again = rpc(
        conn,
        "sync_pull",
        {"p_since": page["cursor"], "p_limit": 10},
        world.claims("rep"),
        read_only=True,
    )
    assert again["epoch"] == page["epoch"] + 1


def test_pull_arguments_are_checked(conn, world: World) -> None:
    for args in ({"p_since": -1, "p_limit": 10}, {"p_since": 0, "p_limit": 0}, {"p_since": None, "p_limit": 10},
                 {"p_since": 0, "p_limit": 10, "p_after": "customers"}, {"p_since": 0, "p_limit": 10, "p_after": "x:y"}):  # fmt: skip
        with pytest.raises(psycopg.Error) as failed:
            rpc(conn, "sync_pull", args, world.claims("rep"), read_only=True)
        assert failed.value.sqlstate in ("22023", "22P02"), args
    for after in ("customers:not-a-uuid", "_revoked:abc", "nosuch:1"):  # no cast error leaks
        with pytest.raises(psycopg.Error) as failed:
            rpc(conn, "sync_pull", {"p_since": 0, "p_limit": 10, "p_after": after},
                world.claims("rep"), read_only=True)  # fmt: skip
        assert failed.value.sqlstate == "22023", after
        assert "同步位置无效" in (failed.value.diag.message_detail or "")
    with pytest.raises(psycopg.Error) as anon:
        rpc(conn, "sync_pull", {"p_since": 0, "p_limit": 10}, None, read_only=True)
    assert anon.value.sqlstate == "42501"


def test_a_pushed_major_incident_raises_a_warning(conn, world: World) -> None:
    rep, client = world.claims("rep"), str(uuid.uuid4())
    incident = {"id": str(uuid.uuid4()), "customer_id": world.ids["S_SH"], "occurred_on": "2026-11-26",
                "kind": "family_split", "description": "老板分家", "reported_by": world.users["rep"]}  # fmt: skip
    result = push(
        conn, rep, client, [{"id": 1, "table": "incidents", "op": "upsert", "row": incident}]
    )
    assert result["results"][0]["status"] == "applied"
    kinds = [
        r[0]
        for r in conn.execute(
            "select kind from warnings where customer_id = %s and status <> 'resolved'",
            (world.ids["S_SH"],),
        )
    ]
    assert "major_incident" in kinds


def test_a_rep_creates_an_outlet_and_visits_it_in_one_push(conn, world: World) -> None:
    rep, client = world.claims("rep"), str(uuid.uuid4())
    outlet = {"id": str(uuid.uuid4()), "code": "NEW-OUTLET", "name": "新开张便利店", "tier": 3,
              "parent_id": world.ids["S_SH"], "owner_id": world.users["rep"], "area_id": world.ids["area_SH"],
              "lat": 31.2, "lng": 121.5}  # fmt: skip
    first = visit(world, customer="D_SH") | {"customer_id": outlet["id"], "notes": "开业第一访"}
    result = push(conn, rep, client, [{"id": 1, "table": "customers", "op": "upsert", "row": outlet},
                                      {"id": 2, "table": "visits", "op": "upsert", "row": first}])  # fmt: skip
    assert [r["status"] for r in result["results"]] == ["applied", "applied"], result
    seen, _ = pull_all(conn, rep)
    assert outlet["id"] in seen["customers"] and first["id"] in seen["visits"]
    # the outlet sits under the rep's chain: the area manager sees it, another rep does not
    assert outlet["id"] in pull_all(conn, world.claims("am"))[0]["customers"]
    assert outlet["id"] not in pull_all(conn, world.claims("rep2"))[0].get("customers", {})


def test_owner_chain_follows_moves_down_the_tree(conn, world: World) -> None:
    def chain(code):
        return conn.execute(
            "select owner_chain::text[] from customers where code = %s", (code,)
        ).fetchone()[0]

    assert chain("S_SH") == [world.users["rep"]]
    conn.execute(  # an owner works in the customer's area: rep2 takes D_SH over into ZJ
        "update customers set owner_id = %s, area_id = %s where code = 'D_SH'",
        (world.users["rep2"], world.ids["area_ZJ"]),
    )
    assert set(chain("D_SH")) == {world.users["rep2"]}
    assert set(chain("S_SH")) == {world.users["rep"], world.users["rep2"]}


def test_one_statement_moving_a_dealer_and_its_sub_distributor_revokes_both(
    conn, world: World
) -> None:
    _, rep_cursor = pull_all(conn, world.claims("rep"))
    _, rep2_cursor = pull_all(conn, world.claims("rep2"))
    stamped = conn.execute(
        "select txid from customer_contacts where id = %s", (world.ids["customer_contacts"],)
    ).fetchone()[0]
    with request(conn, world.claims("mgr"), commit=True) as cur:
        cur.execute(  # D_ZJ is in the statement but does not move
            "update customers set owner_id = %s, area_id = %s"
            " where code in ('D_SH', 'S_SH', 'D_ZJ')",
            (world.users["rep2"], world.ids["area_ZJ"]),
        )
    lost, _ = pull_all(conn, world.claims("rep"), since=rep_cursor)
    assert lost["_revoked"] == {world.ids["D_SH"]: "customers", world.ids["S_SH"]: "customers"}
    gained, _ = pull_all(conn, world.claims("rep2"), since=rep2_cursor)
    assert {world.ids["D_SH"], world.ids["S_SH"]} <= set(gained["customers"])
    assert world.ids["customer_contacts"] in gained["customer_contacts"]
    assert conn.execute("select owner_chain::text[] from customers where code = 'S_SH'").fetchone()[
        0
    ] == [world.users["rep2"]]
    # re-sent once per move, and a statement that moves nothing re-sends nothing
    restamped = conn.execute(
        "select txid from customer_contacts where id = %s", (world.ids["customer_contacts"],)
    ).fetchone()[0]
    assert restamped != stamped
    revocations = conn.execute("select count(*) from sync_revocations").fetchone()[0]
    with request(conn, world.claims("mgr"), commit=True) as cur:
        cur.execute("update customers set owner_id = owner_id where code in ('D_SH', 'S_SH')")
    assert conn.execute("select count(*) from sync_revocations").fetchone()[0] == revocations
    assert (
        conn.execute(
            "select txid from customer_contacts where id = %s", (world.ids["customer_contacts"],)
        ).fetchone()[0]
        == restamped
    )
