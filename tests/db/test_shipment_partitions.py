"""Shipments partitioned by month (issue 20): every partition keeps row level security and is
closed to the API roles, a month is made on demand and takes its rows out of the default
partition, a change of day moves a row as one updated row, and the keys and references that
constraints no longer say are still refused in English and Chinese with nothing written."""

from __future__ import annotations

import uuid
from typing import Any

import psycopg
import pytest

from tests.db.access_world import World, build_world
from tests.db.request_helpers import freeze
from tests.db.test_sync_server import pull_all
from tests.postgrest import request


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    return build_world(conn)


def partitions(conn: psycopg.Connection) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "select i.inhrelid::regclass::text from pg_inherits i"
            " where i.inhparent = 'public.shipments'::regclass order by 1"
        )
    ]


def ship(conn: psycopg.Connection, world: World, doc: str, day: str, amount: int = 36) -> str:
    return str(
        conn.execute(
            "insert into shipments (doc_no, line_no, customer_id, product_id, shipped_on,"
            " quantity, unit_price, amount) values (%s, 1, %s, %s, %s, 1, %s, %s) returning id",
            (doc, world.ids["D_SH"], world.ids["product"], day, amount, amount),
        ).fetchone()[0]
    )


def where(conn: psycopg.Connection, sid: str) -> list[tuple[Any, ...]]:
    """(partition, version, txid, deleted) of every row holding the id."""
    return conn.execute(
        "select tableoid::regclass::text, version, txid::text, deleted_at is not null"
        " from shipments where id = %s",
        (sid,),
    ).fetchall()


def summaries_are_recomputable(conn: psycopg.Connection) -> None:
    """The purchase summaries by day and by product and month equal their rebuilds."""
    for query, rebuild in (
        (
            "select customer_id, day, cents, billed_cents, lines from private.purchase_days"
            " order by 1, 2",
            "select private.rebuild_purchase_days()",
        ),
        (
            "select * from private.purchase_months order by 1, 2, 3",
            "select private.rebuild_purchase_months()",
        ),
    ):
        kept = conn.execute(query).fetchall()
        conn.execute(rebuild)
        assert kept == conn.execute(query).fetchall()


def test_every_partition_has_rls_and_no_grants(conn: psycopg.Connection, world: World) -> None:
    assert conn.execute(
        "select relkind from pg_class where oid = 'public.shipments'::regclass"
    ).fetchone() == ("p",)
    parts = partitions(conn)
    # the world's lines span January 2026 (imported: its month was made) and December 2025
    # (inserted directly: the default partition)
    assert parts == ["shipment_months.shipments_2026_01", "shipment_months.shipments_default"]
    assert conn.execute(
        "select count(distinct tableoid), count(distinct date_trunc('month', shipped_on))"
        " from shipments"
    ).fetchone() == (2, 2)
    conn.execute("select private.ensure_shipment_months('2024-11-15', '2025-01-01')")
    parts = partitions(conn)
    assert len(parts) == 5
    for part in parts:
        assert conn.execute(
            "select relrowsecurity, relforcerowsecurity = (select relforcerowsecurity from pg_class"
            " where oid = 'public.shipments'::regclass) from pg_class where oid = %s::regclass",
            (part,),
        ).fetchone() == (True, True), part
        for role in ("anon", "authenticated"):
            assert not conn.execute(
                "select has_table_privilege(%s, %s, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE,"
                " REFERENCES, TRIGGER')",
                (role, part),
            ).fetchone()[0], (role, part)
        for persona in ("mgr", "dealer", "anon"):
            with (
                pytest.raises(psycopg.errors.InsufficientPrivilege),
                request(conn, world.claims(persona)) as cur,
            ):
                cur.execute(f"select * from {part}")
    # through the parent, the policies hold as before
    with request(conn, world.claims("dealer2")) as cur:
        cur.execute("select count(*) as n from shipments")
        assert cur.fetchone()["n"] == 0
    with request(conn, world.claims("mgr")) as cur:
        cur.execute("select count(*) as n from shipments")
        assert cur.fetchone()["n"] == 3


def test_a_month_without_partition_waits_in_the_default_then_moves(
    conn: psycopg.Connection, world: World
) -> None:
    sid = ship(conn, world, "SO-OLD", "2024-03-09")
    before = where(conn, sid)
    assert [r[0] for r in before] == ["shipment_months.shipments_default"]
    assert conn.execute(
        "select private.ensure_shipment_months('2024-03-01', '2024-04-30')"
    ).fetchone() == (2,)
    after = where(conn, sid)
    # moved unchanged: same version and txid, so no phone needs it again
    assert after == [("shipment_months.shipments_2024_03", *before[0][1:])]
    assert conn.execute(
        "select count(*) from shipment_months.shipments_default where shipped_on < '2024-05-01'"
    ).fetchone() == (0,)
    # made once: a second call makes nothing; the triggers work on the new partition
    assert conn.execute(
        "select private.ensure_shipment_months('2024-03-01', '2024-04-30')"
    ).fetchone() == (0,)
    conn.execute("update shipments set amount = 40 where id = %s", (sid,))
    assert where(conn, sid)[0][1] == before[0][1] + 1
    summaries_are_recomputable(conn)
    with pytest.raises(psycopg.errors.InvalidParameterValue, match="not a range") as e:
        conn.execute("select private.ensure_shipment_months('2024-05-01', '2024-03-01')")
    assert "发货月份范围无效" in str(e.value.diag.message_detail)


@pytest.mark.parametrize("persona", ["mgr", None])
def test_a_new_day_moves_the_row_as_one_update(
    conn: psycopg.Connection, world: World, persona: str | None
) -> None:
    freeze(conn, "2026-11-25")  # the dealer's phone holds the last 180 days' deliveries
    conn.execute("select private.ensure_shipment_months('2026-10-01', '2026-11-30')")
    sid = ship(conn, world, "SO-MOVE", "2026-11-10")
    ((part, version, txid, _),) = where(conn, sid)
    assert part == "shipment_months.shipments_2026_11"
    seen, cursor = pull_all(conn, world.claims("dealer"))
    assert sid in seen["shipments"]
    if persona:  # as the API would (PATCH), or as the importer (service side)
        with request(conn, world.claims(persona), commit=True) as cur:
            cur.execute("update shipments set shipped_on = '2026-10-20' where id = %s", (sid,))
    else:
        conn.execute("update shipments set shipped_on = '2026-10-20' where id = %s", (sid,))
    rows = where(conn, sid)
    assert len(rows) == 1
    part, new_version, new_txid, deleted = rows[0]
    assert (part, new_version, deleted) == ("shipment_months.shipments_2026_10", version + 1, False)
    assert int(new_txid) > int(txid)
    # a phone pulling sees the one row, updated, not deleted
    seen, _ = pull_all(conn, world.claims("dealer"), since=cursor)
    got = seen.get("shipments", {})
    assert list(got) == [sid]
    assert got[sid]["shipped_on"] == "2026-10-20" and got[sid]["deleted_at"] is None
    assert got[sid]["version"] == version + 1
    # into the default partition (a month nobody made) and back, still one row
    conn.execute("update shipments set shipped_on = '2023-07-01' where id = %s", (sid,))
    conn.execute("update shipments set shipped_on = '2026-11-02' where id = %s", (sid,))
    assert [(r[0], r[1]) for r in where(conn, sid)] == [
        ("shipment_months.shipments_2026_11", version + 3)
    ]
    assert conn.execute(
        "select count(*) from private.shipment_keys where id = %s", (sid,)
    ).fetchone() == (1,)
    summaries_are_recomputable(conn)


def test_a_document_line_is_one_row_company_wide(conn: psycopg.Connection, world: World) -> None:
    conn.execute("select private.ensure_shipment_months('2025-06-01', '2025-06-30')")
    count = conn.execute("select count(*) from shipments").fetchone()
    for day in ("2025-06-10", "2026-01-20", "2022-02-02"):  # other month, same month, default
        with pytest.raises(psycopg.errors.UniqueViolation, match="doc_no and line_no") as e:
            ship(conn, world, "SO-SH", day)
        assert "发货单号与行号" in str(e.value.diag.message_detail)
        assert conn.execute("select count(*) from shipments").fetchone() == count
    # nor by a change of document onto a taken one, nor an id twice
    other = ship(conn, world, "SO-NEW", "2025-06-11")
    with pytest.raises(psycopg.errors.UniqueViolation) as e:
        conn.execute("update shipments set doc_no = 'SO-SH' where id = %s", (other,))
    assert "已存在" in str(e.value.diag.message_detail)
    with pytest.raises(psycopg.errors.UniqueViolation, match="id already exists") as e:
        conn.execute(
            "insert into shipments (id, doc_no, line_no, customer_id, product_id, shipped_on,"
            " quantity, unit_price, amount) select id, 'SO-X', 9, customer_id, product_id,"
            " '2025-06-12', 1, 1, 1 from shipments where id = %s",
            (other,),
        )
    assert "发货记录编号已存在" in str(e.value.diag.message_detail)
    # a statement swapping two lines' numbers is fine: the keys hold at its end
    conn.execute(
        "insert into shipments (doc_no, line_no, customer_id, product_id, shipped_on, quantity,"
        " unit_price, amount) values ('SO-NEW', 2, %s, %s, '2025-06-12', 1, 1, 1)",
        (world.ids["D_SH"], world.ids["product"]),
    )
    conn.execute("update shipments set line_no = 3 - line_no where doc_no = 'SO-NEW'")
    assert (
        conn.execute(
            "select count(*) from shipments s join private.shipment_keys k using (id, doc_no, line_no)"
        ).fetchone()
        == conn.execute("select count(*) from shipments").fetchone()
    )


def test_references_to_shipments_are_kept(conn: psycopg.Connection, world: World) -> None:
    missing = str(uuid.uuid4())
    before = conn.execute(
        "select (select count(*) from case_lines), (select count(*) from returns)"
    ).fetchone()
    with pytest.raises(psycopg.errors.ForeignKeyViolation, match="does not exist") as e:
        conn.execute(
            "insert into case_lines (case_id, customer_id, shipment_id) values (%s, %s, %s)",
            (world.ids["cases"], world.ids["D_SH"], missing),
        )
    assert "发货记录" in str(e.value.diag.message_detail)
    with pytest.raises(psycopg.errors.ForeignKeyViolation, match="does not exist"):
        conn.execute(
            "insert into returns (reference, customer_id, kind, requested_on, shipment_id)"
            " values ('R-X', %s, 'return', '2026-01-10', %s)",
            (world.ids["D_SH"], missing),
        )
    with pytest.raises(psycopg.errors.ForeignKeyViolation, match="does not exist"):
        conn.execute(
            "update case_lines set shipment_id = %s where id = %s",
            (missing, world.ids["case_lines"]),
        )
    assert (
        conn.execute(
            "select (select count(*) from case_lines), (select count(*) from returns)"
        ).fetchone()
        == before
    )
    # the shipment a case line names cannot be deleted (nor can its id change) ...
    referenced = conn.execute(
        "select shipment_id from case_lines where id = %s", (world.ids["case_lines"],)
    ).fetchone()[0]
    count = conn.execute("select count(*) from shipments").fetchone()
    with pytest.raises(psycopg.errors.ForeignKeyViolation, match="still refers") as e:
        conn.execute("delete from shipments where id = %s", (referenced,))
    assert "不能删除" in str(e.value.diag.message_detail)
    with pytest.raises(psycopg.errors.ForeignKeyViolation):
        conn.execute("update shipments set id = gen_random_uuid() where id = %s", (referenced,))
    assert conn.execute("select count(*) from shipments").fetchone() == count
    # ... but may move to another month, and an unreferenced one may go
    conn.execute("update shipments set shipped_on = '2024-01-01' where id = %s", (referenced,))
    sid = ship(conn, world, "SO-GO", "2025-05-05")
    conn.execute("delete from shipments where id = %s", (sid,))
    assert conn.execute(
        "select count(*) from private.shipment_keys where id = %s", (sid,)
    ).fetchone() == (0,)


def test_purchase_days_follow_changes_across_partitions(
    conn: psycopg.Connection, world: World
) -> None:
    conn.execute("select private.ensure_shipment_months('2025-01-01', '2025-03-31')")
    ids = [ship(conn, world, f"SO-P{i}", day, 10 * i) for i, day in enumerate(
        ("2025-01-05", "2025-02-05", "2025-03-05", "2021-01-01"), start=1)]  # fmt: skip
    summaries_are_recomputable(conn)
    conn.execute(
        "update shipments set shipped_on = shipped_on + 31 where id = any(%s::uuid[])", (ids[:2],)
    )
    summaries_are_recomputable(conn)
    conn.execute(
        "update shipments set shipped_on = '2025-01-20', amount = 99 where id = %s", (ids[3],)
    )
    summaries_are_recomputable(conn)
    conn.execute("update shipments set deleted_at = now() where id = %s", (ids[2],))
    summaries_are_recomputable(conn)
    conn.execute("delete from shipments where id = any(%s::uuid[])", (ids,))
    summaries_are_recomputable(conn)
    conn.execute("select private.ensure_shipment_months('2021-01-01', '2021-01-31')")
    summaries_are_recomputable(conn)
