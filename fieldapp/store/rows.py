"""Synced rows: a server base plus pending local edits, folded into what the app reads."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fieldapp.store import outbox
from fieldapp.store.outbox import Mutation, dumps
from fieldapp.store.search import search_text

if TYPE_CHECKING:
    from fieldapp.store.store import Store


@dataclass(frozen=True)
class Row:
    """A stored row: the data the app sees, the server version and base it rests on."""

    id: str
    data: dict[str, Any]
    version: int | None
    deleted: bool
    base: dict[str, Any] | None

    def server_base(self) -> dict[str, Any] | None:
        """The server's row under the local edits (None when the server has never had it)."""
        if self.base is not None:
            return self.base
        return self.data if self.version is not None else None


def get(conn: sqlite3.Connection, table: str, row_id: str) -> Row | None:
    """One stored row, or None."""
    found = conn.execute(
        f"select data, version, deleted, base from {table} where id = ?", (row_id,)
    ).fetchone()
    if found is None:
        return None
    data, version, deleted, base = found
    return Row(row_id, json.loads(data), version, bool(deleted), json.loads(base) if base else None)


def _put_sql(table: str) -> str:
    cols = ["id", "data", "version", "deleted", "base"]
    if table == "customers":
        cols.append("search")
    sets = ", ".join(f"{c} = excluded.{c}" for c in cols[1:])
    return (
        f"insert into {table} ({', '.join(cols)}) values ({', '.join('?' * len(cols))})"
        f" on conflict (id) do update set {sets}"
    )


def _params(
    table: str,
    row_id: str,
    data: dict[str, Any],
    version: int | None,
    deleted: bool,
    base: dict[str, Any] | None,
) -> tuple[Any, ...]:
    params: tuple[Any, ...] = (
        row_id,
        dumps(data),
        version,
        int(deleted),
        None if base is None else dumps(base),
    )
    if table == "customers":
        params += (search_text(data),)
    return params


def put(
    conn: sqlite3.Connection,
    table: str,
    row_id: str,
    data: dict[str, Any],
    version: int | None,
    *,
    deleted: bool = False,
    base: dict[str, Any] | None = None,
) -> None:
    """Insert or replace one row."""
    conn.execute(_put_sql(table), _params(table, row_id, data, version, deleted, base))


def put_server_rows(conn: sqlite3.Connection, table: str, rows: Sequence[dict[str, Any]]) -> None:
    """Store pulled rows that have no pending local edits, as they are: the page's rows go to
    SQLite as one JSON array and each row's text is taken from it (json_each), not encoded one
    by one (a rep's first pull of 32,000 rows: 0.44 s of json.dumps calls)."""
    if not rows:
        return
    params = [dumps(list(rows))]
    cols, values, source = "id, data, version, deleted, base", "", "json_each(?) r"
    if table == "customers":  # with its search text: the n-th beside the n-th row
        cols, values = cols + ", search", ", s.value"
        source += " join json_each(?) s on s.key = r.key"
        params.append(dumps([search_text(r) for r in rows]))
    conn.execute(
        f"insert into {table} ({cols})"
        " select json_extract(r.value, '$.id'), r.value, json_extract(r.value, '$.version'), 0,"
        f" null{values} from {source} where true"  # (`where`: an upsert after a select needs it)
        " on conflict (id) do update set data = excluded.data, version = excluded.version,"
        " deleted = 0, base = null" + (", search = excluded.search" if values else ""),
        params,
    )


def remove(conn: sqlite3.Connection, table: str, ids: Iterable[str]) -> None:
    """Drop rows."""
    conn.executemany(f"delete from {table} where id = ?", [(i,) for i in ids])


def fold(base: dict[str, Any] | None, pending: Sequence[Mutation]) -> tuple[dict[str, Any], bool]:
    """The row the app sees: the server base with each pending edit applied in order."""
    data = dict(base or {})
    deleted = base is None or bool(data.get("deleted_at"))
    for m in pending:
        if m.op == "delete":
            deleted = True
        elif isinstance(m.patch, dict):
            data.update(m.patch)
            deleted = False
    return data, deleted


def rebase(
    conn: sqlite3.Connection,
    table: str,
    row_id: str,
    base: dict[str, Any] | None,
    version: int | None,
) -> None:
    """Rest a row on a (new) server base, re-apply its pending edits; drop it if nothing is left."""
    pending = outbox.pending_for(conn, table, row_id)
    if not pending:
        if base is None or base.get("deleted_at"):
            remove(conn, table, [row_id])
        else:
            put(conn, table, row_id, base, version)
        return
    data, deleted = fold(base, pending)
    data.setdefault("id", row_id)
    put(conn, table, row_id, data, version, deleted=deleted, base=base)


def select(
    conn: sqlite3.Connection,
    table: str,
    where: str = "",
    params: Sequence[Any] = (),
    *,
    order: str = "",
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Rows of a table that are not deleted locally, for the repositories (their SQL, their
    generated columns); the services never pass SQL."""
    sql = f"select data from {table} where deleted = 0"
    if where:
        sql += f" and ({where})"
    if order:
        sql += f" order by {order}"
    if limit is not None:
        sql += f" limit {int(limit)}"
    return [json.loads(r[0]) for r in conn.execute(sql, tuple(params))]


def read(
    store: Store,
    table: str,
    where: str = "",
    params: Sequence[Any] = (),
    *,
    order: str = "",
    limit: int | None = None,
) -> list[Any]:
    """select() on the store's reading connection (typed by the repository that calls it)."""
    with store.reading() as c:
        return select(c, table, where, params, order=order, limit=limit)


def marks(n: int) -> str:
    """n SQL placeholders: ?, ?, ?"""
    return ", ".join("?" * n)
