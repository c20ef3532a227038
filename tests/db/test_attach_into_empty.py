"""A first import writes its keys and purchase summaries into empty tables with their indexes
set aside and built again afterwards (migration 20261217500000): the same indexes come back,
a document line held twice is refused whole with the same message, and a table another session
is using is written as before."""

from __future__ import annotations

import datetime as dt
import uuid

import psycopg
import pytest

from backend.demo import generate
from backend.importer import import_frames

TABLES = ("private.shipment_keys", "private.purchase_days", "private.purchase_months")


def _indexes(conn: psycopg.Connection) -> list[tuple[str, str]]:
    """The three tables' key constraints and indexes, as their definitions."""
    return conn.execute(
        "select conrelid::regclass::text || '.' || conname, pg_get_constraintdef(oid)"
        " from pg_constraint where conrelid = any(%(t)s::regclass[]) and contype <> 'n'"
        " union all"
        " select indexrelid::regclass::text, pg_get_indexdef(indexrelid)"
        " from pg_index where indrelid = any(%(t)s::regclass[]) order by 1",
        {"t": list(TABLES)},
    ).fetchall()


def _oids(conn: psycopg.Connection) -> list[int]:
    return [
        r[0]
        for r in conn.execute(
            "select indexrelid::int from pg_index where indrelid = any(%s::regclass[])",
            (list(TABLES),),
        )
    ]


def _counts(conn: psycopg.Connection) -> list[int]:
    return [conn.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES]


def test_a_document_line_twice_among_new_months_is_refused_whole(
    conn: psycopg.Connection,
) -> None:
    """Into an empty database the unique index is built after the insert: a document line that
    two new lines hold (in two months) fails that build, with the bilingual refusal naming the
    document line, and nothing is written; the indexes are as they were."""
    before = _indexes(conn)
    customer, product = uuid.uuid4(), uuid.uuid4()  # the keys fail before anything refers
    refused = pytest.raises(psycopg.errors.UniqueViolation, match="doc_no and line_no")
    with refused as e, conn.transaction():
        loader, months = conn.execute(
            "select loader::text, months from private.shipment_months_prepare("
            "array['2024-01-05', '2024-02-05']::date[])"
        ).fetchone()
        assert months == [dt.date(2024, 1, 1), dt.date(2024, 2, 1)]
        conn.execute(
            f"insert into {loader} (doc_no, line_no, customer_id, product_id, shipped_on,"
            " quantity, unit_price, amount) values"
            " ('DUP-1', 1, %(c)s, %(p)s, '2024-01-05', 1, 1, 1),"
            " ('DUP-1', 2, %(c)s, %(p)s, '2024-01-05', 1, 1, 1),"
            " ('DUP-1', 1, %(c)s, %(p)s, '2024-02-05', 2, 1, 2)",
            {"c": customer, "p": product},
        )
        conn.execute("select private.shipment_months_attach(%s::regclass)", (loader,))
    assert e.value.diag.sqlstate == "23505"
    assert e.value.diag.constraint_name == "shipments_doc_no_line_no_key"
    assert "已存在" in str(e.value.diag.message_detail)
    assert _counts(conn) == [0, 0, 0]
    assert not conn.execute(
        "select from pg_class where relname in ('shipments_2024_01', 'shipments_2024_02')"
        " or relname like 'shipments_loading%'"
    ).fetchall()
    assert _indexes(conn) == before


def test_a_first_import_leaves_the_same_indexes_and_keys_that_refuse(
    conn: psycopg.Connection,
) -> None:
    """After a first import (all three tables written with their indexes set aside) the tables
    have the same constraints and indexes as before, and they hold: a key taken is refused."""
    before = _indexes(conn)
    oids = _oids(conn)
    frames = generate("default", seed=7, as_of=dt.date(2026, 11, 27))
    result = import_frames(conn, frames, evaluate=False)
    assert result.inserted["shipments"] == len(frames["shipments"])
    assert _indexes(conn) == before
    assert not set(_oids(conn)) & set(oids)  # built again, every one of them
    keys, days, months = _counts(conn)
    assert keys == len(frames["shipments"]) and days > 0 and months > 0
    with pytest.raises(psycopg.errors.UniqueViolation):
        conn.execute(
            "insert into private.shipment_keys select gen_random_uuid(), doc_no, line_no"
            " from private.shipment_keys limit 1"
        )
    # the summary by month is what a rebuild from the lines gives
    query = "select * from private.purchase_months order by 1, 2, 3"
    got = conn.execute(query).fetchall()
    with conn.transaction():
        conn.execute("select private.rebuild_purchase_months()")
        assert conn.execute(query).fetchall() == got
        raise psycopg.Rollback()


def test_a_table_in_use_elsewhere_is_written_as_before(
    db_url: str, conn: psycopg.Connection
) -> None:
    """The indexes are set aside only under a lock taken without waiting: while another session
    reads the table, nothing is set aside (the insert goes through the indexes as before)."""
    before = _indexes(conn)
    with psycopg.connect(db_url) as other:
        other.execute("select from private.purchase_days limit 1")  # its transaction stays open
        with conn.transaction():
            (aside,) = conn.execute(
                "select private.indexes_set_aside('private.purchase_days')"
            ).fetchone()
            assert aside is None
            assert _indexes(conn) == before
        other.rollback()
    with conn.transaction():
        (aside,) = conn.execute(
            "select private.indexes_set_aside('private.purchase_days')"
        ).fetchone()
        assert len(aside) == 4
        assert not [i for i in _indexes(conn) if i[0].startswith("private.purchase_days")]
        conn.execute("select private.indexes_restore(%s)", (aside,))
    assert _indexes(conn) == before


def test_a_table_with_rows_is_written_as_before(conn: psycopg.Connection) -> None:
    before = _indexes(conn)
    conn.execute(
        "insert into private.purchase_months values (gen_random_uuid(), gen_random_uuid(),"
        " '2024-01-01', 1, 1, 1)"
    )
    with conn.transaction():
        (aside,) = conn.execute(
            "select private.indexes_set_aside('private.purchase_months')"
        ).fetchone()
        assert aside is None
        raise psycopg.Rollback()
    assert _counts(conn)[2] == 1
    assert _indexes(conn) == before


def test_an_index_with_what_a_rebuild_would_lose_is_kept(conn: psycopg.Connection) -> None:
    """A commented index (or one clustered on, or the replica identity) is not set aside."""
    conn.execute("comment on index private.purchase_months_empty_idx is 'kept'")
    before = _indexes(conn)
    with conn.transaction():
        (aside,) = conn.execute(
            "select private.indexes_set_aside('private.purchase_months')"
        ).fetchone()
        assert aside is None
        assert _indexes(conn) == before
