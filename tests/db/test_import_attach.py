"""New months of shipment lines are attached as partitions: the same rows, keys, summaries and
pulls as lines inserted through public.shipments, the same refusals, and only for empty months."""

from __future__ import annotations

import datetime as dt
import functools
import json
import uuid
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pandas as pd
import psycopg
import pytest
from psycopg.conninfo import make_conninfo

import backend.importer as importer
from backend.demo import generate
from backend.importer import import_frames
from backend.importer.upsert import load
from backend.progress import Phases
from tests.db.test_import import TABLES, _row_versions
from tests.db.test_sync_server import pull_all
from tests.postgrest import claims_for

AS_OF = dt.date(2026, 11, 27)
ATTACH = "attach shipment months"
# what the import writes beside the public tables, with the columns that name the same thing in
# both databases
PRIVATE = {
    "private.purchase_days": "customer_id, day, cents, billed_cents, lines",
    "private.purchase_stats": "*",
    "private.purchase_months": "customer_id, product_id, month, lines, quantity, amount",
    "private.shipment_keys": "*",
}
# the natural key each id stands for, so that rows of two databases compare
LABELS = {
    "customers": "code",
    "products": "sku",
    "profiles": "email",
    "areas": "code",
    "contracts": "contract_no",
    "shipments": "doc_no || '/' || line_no",
    "incidents": "(select c.code from public.customers c where c.id = customer_id)"
    " || '/' || occurred_on || '/' || kind",
    "cases": "(select c.code from public.customers c where c.id = customer_id)"
    " || '/' || kind || '/' || title",
}
# and the times of the evaluation after the import (a warning raised, a case opened)
SKIP = {
    "id",
    "txid",
    "created_at",
    "updated_at",
    "raised_at",
    "opened_at",
    "at",
    "due_at",
    "last_at",
}


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return generate("default", seed=7, as_of=AS_OF)


@pytest.fixture
def twin(server_url: str, template_db: str) -> Iterator[psycopg.Connection]:
    """A second fresh migrated database."""
    name = f"fieldsales_t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"create database {name} template {template_db}")
    try:
        with psycopg.connect(make_conninfo(server_url, dbname=name), autocommit=True) as c:
            yield c
    finally:
        with psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(f"drop database if exists {name} with (force)")


def _attached(phases: Phases) -> int | None:
    """How many lines the import attached as new months (None: it did not try)."""
    return next((p.rows for p in phases.times if p.name == ATTACH), None)


def _through_parent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "load", functools.partial(load, attach_months=False))


def _labels(conn: psycopg.Connection) -> dict[str, str]:
    return {
        str(i): f"{t}:{k}"
        for t, key in LABELS.items()
        for i, k in conn.execute(f"select id, {key} from public.{t}")
    }


def _plain(value: Any, labels: dict[str, str]) -> Any:
    if isinstance(value, uuid.UUID | str) and str(value) in labels:
        return labels[str(value)]
    if isinstance(value, list):  # arrays of ids are sets, kept in id order
        return sorted(_plain(v, labels) for v in value) if value else value
    return value


def _plain_row(row: dict[str, Any], labels: dict[str, str]) -> str:
    plain = {k: _plain(v, labels) for k, v in row.items() if k not in SKIP}
    return json.dumps(plain, sort_keys=True, ensure_ascii=False)


def _rows(conn: psycopg.Connection, table: str, cols: str = "*") -> Counter[str]:
    """The table's rows without generated ids, times and stamps, ids as the keys they stand for."""
    labels = _labels(conn)
    rows = conn.execute(f"select to_jsonb(t) from (select {cols} from {table}) t")
    return Counter(_plain_row(row, labels) for (row,) in rows)


def _pulled(conn: psycopg.Connection, email: str) -> dict[str, Counter[str]]:
    """What the user's phone pulls from nothing, table by table."""
    (uid,) = conn.execute("select id from public.profiles where email = %s", (email,)).fetchone()
    seen, _ = pull_all(conn, claims_for(uid, email))
    labels = _labels(conn)
    return {t: Counter(_plain_row(r, labels) for r in rows.values()) for t, rows in seen.items()}


def test_attached_months_hold_what_inserts_through_the_parent_would(
    conn: psycopg.Connection,
    twin: psycopg.Connection,
    frames: dict[str, pd.DataFrame],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every table the import writes, the keys and purchase summaries, and what a rep and a
    dealer pull are the same either way; the partitions are made alike."""
    fast = Phases()
    done = import_frames(conn, frames, as_of=AS_OF, progress=fast)
    assert _attached(fast) == len(frames["shipments"]) == done.inserted["shipments"]
    _through_parent(monkeypatch)
    slow = Phases()
    assert import_frames(twin, frames, as_of=AS_OF, progress=slow).inserted == done.inserted
    assert _attached(slow) is None

    for table in [f"public.{t}" for t in [*TABLES, "warnings"]]:
        assert _rows(conn, table) == _rows(twin, table), table
    for table, cols in PRIVATE.items():
        assert _rows(conn, table, cols) == _rows(twin, table, cols), table
    ids = "select count(*) from private.shipment_keys k join public.shipments s using (id)"
    assert conn.execute(ids).fetchone()[0] == len(frames["shipments"])
    (stamps,) = conn.execute("select count(distinct txid) from public.shipments").fetchone()
    assert stamps == 1  # the import's own sync stamp, as its inserts would have had

    people = twin.execute(
        "select min(email) filter (where role = 'rep'), min(email) filter (where role = 'dealer')"
        " from public.profiles"
    ).fetchone()
    for email in people:
        assert _pulled(conn, email) == _pulled(twin, email), email

    partitions = """
        select c.relname, c.relrowsecurity, c.relforcerowsecurity, c.relacl::text,
               (select count(*) from pg_index i where i.indrelid = c.oid),
               (select count(*) from pg_trigger t where t.tgrelid = c.oid),
               (select array_agg(k.conname::text order by k.conname) from pg_constraint k
                 where k.conrelid = c.oid and k.contype in ('c', 'f'))
          from pg_inherits i join pg_class c on c.oid = i.inhrelid
         where i.inhparent = 'public.shipments'::regclass order by 1"""
    made = conn.execute(partitions).fetchall()
    assert made == twin.execute(partitions).fetchall()
    assert len(made) == 19 and all(p[1] for p in made)  # 18 months and the default
    assert not conn.execute(
        "select from pg_class where relname like 'shipments_loading%'"
    ).fetchall()


def test_reimport_rewrites_nothing_and_a_new_month_alone_is_attached(
    conn: psycopg.Connection, frames: dict[str, pd.DataFrame]
) -> None:
    """An unchanged re-import attaches and writes nothing; a monthly import attaches its new
    month only, and leaves every earlier line as it was."""
    ship = frames["shipments"]
    last = pd.to_datetime(ship["shipped_on"]) >= "2026-11-01"
    earlier = {**frames, "shipments": ship[~last].reset_index(drop=True)}
    first = Phases()
    import_frames(conn, earlier, as_of=AS_OF, progress=first)
    assert _attached(first) == int((~last).sum())
    before = _row_versions(conn)

    again = Phases()
    result = import_frames(conn, earlier, as_of=AS_OF, progress=again)
    assert sum(result.inserted.values()) + sum(result.updated.values()) == 0
    assert _attached(again) == 0 and _row_versions(conn) == before

    monthly = Phases()
    result = import_frames(conn, frames, as_of=AS_OF, progress=monthly)
    assert _attached(monthly) == result.inserted["shipments"] == int(last.sum())
    assert result.updated["shipments"] == 0
    after = _row_versions(conn)
    assert before["shipments"] <= after["shipments"]
    assert len(after["shipments"]) == len(ship)
    (parts,) = conn.execute(
        "select count(*) from pg_inherits where inhparent = 'public.shipments'::regclass"
    ).fetchone()
    assert parts == 19


def test_a_day_corrected_into_a_new_month_moves_its_line(
    conn: psycopg.Connection, frames: dict[str, pd.DataFrame]
) -> None:
    """A known line whose day moves to a month without lines is an update (one row, version 2),
    not a new line; the month is made for it."""
    ship = frames["shipments"]
    import_frames(conn, frames, as_of=AS_OF)
    moved = ship.copy()
    moved.loc[0, "shipped_on"] = pd.Timestamp("2024-03-09")
    phases = Phases()
    result = import_frames(conn, {**frames, "shipments": moved}, as_of=AS_OF, progress=phases)
    assert result.inserted["shipments"] == 0 and result.updated["shipments"] == 1
    assert _attached(phases) == 0
    row = conn.execute(
        "select shipped_on, version, tableoid::regclass::text from public.shipments"
        " where doc_no = %s and line_no = %s",
        (ship.loc[0, "doc_no"], int(ship.loc[0, "line_no"])),
    ).fetchone()
    assert row == (dt.date(2024, 3, 9), 2, "shipment_months.shipments_2024_03")


def test_a_line_held_by_another_month_is_refused_and_nothing_is_written(
    conn: psycopg.Connection, frames: dict[str, pd.DataFrame]
) -> None:
    """The keys of attached lines go through the same unique indexes: a document line that
    another month holds fails the whole attach with the bilingual message, and nothing stays."""
    small = {**frames, "shipments": frames["shipments"].head(50)}
    import_frames(conn, small, evaluate=False)
    keys = conn.execute("select count(*) from private.shipment_keys").fetchone()
    days = conn.execute("select count(*), sum(cents) from private.purchase_days").fetchone()
    taken = conn.execute(
        "select doc_no, line_no, customer_id, product_id from public.shipments limit 1"
    ).fetchone()
    refused = pytest.raises(psycopg.errors.UniqueViolation, match="doc_no and line_no")
    with refused as e, conn.transaction():
        loader, months = conn.execute(
            "select loader::text, months from private.shipment_months_prepare("
            "array['2023-02-10', '2023-03-01']::date[])"
        ).fetchone()
        assert months == [dt.date(2023, 2, 1), dt.date(2023, 3, 1)]
        conn.execute(
            f"insert into {loader} (doc_no, line_no, customer_id, product_id, shipped_on,"
            " quantity, unit_price, amount) values (%s, %s, %s, %s, '2023-02-10', 1, 1, 1),"
            " ('NEW-1', 1, %s, %s, '2023-03-02', 1, 1, 1)",
            (*taken, *taken[2:]),
        )
        conn.execute("select private.shipment_months_attach(%s::regclass)", (loader,))
    assert "已存在" in str(e.value.diag.message_detail)
    assert conn.execute("select count(*) from private.shipment_keys").fetchone() == keys
    assert conn.execute("select count(*), sum(cents) from private.purchase_days").fetchone() == days
    assert not conn.execute(
        "select from pg_class where relname in ('shipments_2023_02', 'shipments_2023_03')"
        " or relname like 'shipments_loading%'"
    ).fetchall()


def test_the_loader_functions_are_the_service_sides_alone(conn: psycopg.Connection) -> None:
    """The API roles may not call them, and attach takes only this session's loader."""
    for role in ("anon", "authenticated"):
        for call in (
            "private.shipment_months_prepare('{2023-01-01}')",
            "private.shipment_months_attach('public.shipments')",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
                conn.execute(f"set local role {role}")
                conn.execute(f"select {call}")
    with pytest.raises(psycopg.errors.InvalidParameterValue, match="not a shipment loader"):
        conn.execute("select private.shipment_months_attach('public.shipments')")


def test_an_empty_partition_is_made_again_and_filled_by_attaching(
    conn: psycopg.Connection, frames: dict[str, pd.DataFrame]
) -> None:
    """A month whose partition exists but holds no line (made earlier, its lines moved away)
    is taken as a month without lines: its lines are attached."""
    import_frames(conn, frames, evaluate=False)
    conn.execute("select private.ensure_shipment_months('2023-05-01', '2023-05-31')")
    lines = frames["shipments"].head(40).copy()
    lines["doc_no"] = [f"MAY-{i}" for i in range(len(lines))]
    lines["shipped_on"] = pd.Timestamp("2023-05-20")
    phases = Phases()
    result = import_frames(conn, {**frames, "shipments": lines}, evaluate=False, progress=phases)
    assert _attached(phases) == result.inserted["shipments"] == 40
    assert conn.execute(
        "select count(*), count(distinct tableoid), min(tableoid::regclass::text)"
        " from public.shipments where shipped_on = '2023-05-20'"
    ).fetchone() == (40, 1, "shipment_months.shipments_2023_05")
    (days,) = conn.execute(
        "select sum(lines) from private.purchase_days where day = '2023-05-20'"
    ).fetchone()
    assert days == 40
