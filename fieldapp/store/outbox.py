"""The outbox: the phone's mutations, numbered 1, 2, 3 …, waiting for the server's answer."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from fieldapp.domain import clock
from fieldapp.store import state

# Tables where the server compares base_version (outlet master data: server wins when stale).
# Two edits of one such row never travel in one batch, so the second is sent with the version
# the first produced.
VERSION_CHECKED = frozenset({"customers"})


@dataclass(frozen=True)
class Mutation:
    """One queued change as the server will receive it."""

    id: int
    table: str
    row_id: str
    op: str
    patch: Any  # the row fields sent (a JSON object; anything else is the server's to reject)
    base_version: int | None

    def wire(self) -> dict[str, Any]:
        """The mutation in the shape of docs/sync.md."""
        return {
            "id": self.id,
            "table": self.table,
            "op": self.op,
            "row": self.patch,
            "base_version": self.base_version,
        }


def dumps(value: Any) -> str:
    """Compact JSON as stored on the phone."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def append(
    conn: sqlite3.Connection,
    table: str,
    row_id: str,
    op: str,
    patch: Any,
    base_version: int | None,
) -> int:
    """Queue a mutation (inside the caller's transaction); returns its id."""
    seq = int(state.get(conn, "mutation_seq", 0)) + 1
    conn.execute(
        "insert into outbox (id, tbl, row_id, op, patch, base_version, created_at)"
        " values (?, ?, ?, ?, ?, ?, ?)",
        (seq, table, row_id, op, dumps(patch), base_version, clock.system_now().isoformat()),
    )
    state.put(conn, mutation_seq=seq)
    return seq


def _mutation(row: tuple[Any, ...]) -> Mutation:
    return Mutation(row[0], row[1], row[2], row[3], json.loads(row[4]), row[5])


_COLS = "id, tbl, row_id, op, patch, base_version"


def pending_for(conn: sqlite3.Connection, table: str, row_id: str) -> list[Mutation]:
    """The queued mutations of one row, oldest first."""
    rows = conn.execute(
        f"select {_COLS} from outbox where tbl = ? and row_id = ? order by id", (table, row_id)
    )
    return [_mutation(r) for r in rows]


def pending_row_ids(conn: sqlite3.Connection, table: str) -> set[str]:
    """Ids of the rows of a table that have queued mutations."""
    return {r[0] for r in conn.execute("select row_id from outbox where tbl = ?", (table,))}


def count(conn: sqlite3.Connection) -> int:
    """How many mutations wait for the server."""
    return int(conn.execute("select count(*) from outbox").fetchone()[0])


def next_batch(conn: sqlite3.Connection, limit: int) -> list[Mutation]:
    """The oldest queued mutations, at most limit, cut before a version-checked row repeats."""
    batch: list[Mutation] = []
    seen: set[tuple[str, str]] = set()
    for row in conn.execute(f"select {_COLS} from outbox order by id limit ?", (limit,)):
        m = _mutation(row)
        key = (m.table, m.row_id)
        if m.table in VERSION_CHECKED and key in seen:
            break
        seen.add(key)
        batch.append(m)
    if batch:
        conn.execute(
            "update outbox set attempts = attempts + 1 where id between ? and ?",
            (batch[0].id, batch[-1].id),
        )
    return batch


def remove(conn: sqlite3.Connection, ids: Iterable[int]) -> None:
    """Forget answered mutations."""
    conn.executemany("delete from outbox where id = ?", [(i,) for i in ids])


def carry_version(conn: sqlite3.Connection, m: Mutation, version: int) -> None:
    """Later edits of the row that started from m's base now start from the version m produced."""
    conn.execute(
        "update outbox set base_version = ? where tbl = ? and row_id = ? and id > ?"
        " and base_version is ?",
        (version, m.table, m.row_id, m.id, m.base_version),
    )


def renumber(conn: sqlite3.Connection) -> int:
    """Number the queued mutations 1, 2, 3 … again, in order (for a new client id)."""
    ids = [r[0] for r in conn.execute("select id from outbox order by id")]
    conn.execute("update outbox set id = -id")  # out of the way of the new numbers
    conn.executemany(
        "update outbox set id = ? where id = ?", [(n, -i) for n, i in enumerate(ids, 1)]
    )
    return len(ids)
