"""Applying a pulled page: rows, tombstones, revocations (with their cascade) and the epoch."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fieldapp.store import outbox, rows, state
from fieldapp.store.schema import CUSTOMER_CHILDREN, PULLED


@dataclass(frozen=True)
class PageOutcome:
    """What applying one page did."""

    rows: int
    removed: int
    revoked: int
    reset: bool  # the epoch changed: synced tables were dropped and the cursor is back at 0


def apply(
    conn: sqlite3.Connection,
    *,
    cursor: int,
    after: str | None,
    epoch: int | None,
    changes: Mapping[str, Sequence[dict[str, Any]]],
    revoked: Sequence[tuple[str, str]],
) -> PageOutcome:
    """Apply one page and store its cursor (inside the caller's transaction)."""
    stored_epoch = state.get(conn, "epoch")
    if stored_epoch is not None and epoch != stored_epoch:
        reset(conn, epoch)
        return PageOutcome(0, 0, 0, True)
    has_revoked = conn.execute("select exists (select 1 from revoked)").fetchone()[0]
    applied = removed = 0
    for table in PULLED:  # a table unknown to this app version is ignored
        page_rows = changes.get(table) or []
        if not page_rows:
            continue
        pending = outbox.pending_row_ids(conn, table)
        plain = [r for r in page_rows if str(r["id"]) not in pending]
        gone = [str(r["id"]) for r in plain if r.get("deleted_at")]
        rows.put_server_rows(conn, table, [r for r in plain if not r.get("deleted_at")])
        rows.remove(conn, table, gone)
        for r in page_rows:
            if str(r["id"]) in pending:
                rows.rebase(conn, table, str(r["id"]), r, r.get("version"))
        if has_revoked:  # visible again
            conn.executemany(
                "delete from revoked where tbl = ? and row_id = ?",
                [(table, str(r["id"])) for r in page_rows],
            )
        applied += len(page_rows) - len(gone)
        removed += len(gone)
    for table, row_id in revoked:
        revoke(conn, table, row_id)
    state.put(conn, cursor=cursor, after=after, epoch=epoch)
    return PageOutcome(applied, removed, len(revoked), False)


def reset(conn: sqlite3.Connection, epoch: int | None) -> None:
    """Drop every synced row except those with pending edits; pull again from 0; keep the outbox."""
    for table in PULLED:
        conn.execute(
            f"delete from {table} where id not in (select row_id from outbox where tbl = ?)",
            (table,),
        )
    conn.execute("delete from revoked")
    state.put(conn, cursor=0, after=None, epoch=epoch)


def _dependents(conn: sqlite3.Connection, customer_id: str) -> list[tuple[str, str]]:
    found = [
        (t, r[0])
        for t in CUSTOMER_CHILDREN
        for r in conn.execute(f"select id from {t} where customer_id = ?", (customer_id,))
    ]
    found += [
        ("order_lines", r[0])
        for r in conn.execute(
            "select l.id from order_lines l join orders o on o.id = l.order_id"
            " where o.customer_id = ?",
            (customer_id,),
        )
    ]
    return found


def revoke(conn: sqlite3.Connection, table: str, row_id: str) -> bool:
    """Drop a row the user may no longer see, with what hangs off it; returns True when all went.

    Rows with pending edits stay (their edits wait in the outbox for the server's answer); the
    revoked row is then remembered and dropped by purge_revoked once nothing pending refers to it.
    """
    if table not in PULLED:
        return True
    related = _dependents(conn, row_id) if table == "customers" else []
    kept = False
    for t, rid in related:
        if outbox.pending_for(conn, t, rid):
            kept = True
        else:
            rows.remove(conn, t, [rid])
    if kept or outbox.pending_for(conn, table, row_id):
        conn.execute(
            "insert into revoked (tbl, row_id) values (?, ?) on conflict do nothing",
            (table, row_id),
        )
        return False
    rows.remove(conn, table, [row_id])
    conn.execute("delete from revoked where tbl = ? and row_id = ?", (table, row_id))
    return True


def purge_revoked(conn: sqlite3.Connection) -> int:
    """Drop revoked rows kept for pending edits that have since been answered; returns how many."""
    purged = 0
    for table, row_id in conn.execute("select tbl, row_id from revoked").fetchall():
        purged += revoke(conn, table, row_id)
    return purged
