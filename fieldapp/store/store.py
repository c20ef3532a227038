"""The phone's local store: the one object the services and the sync engine hold."""

from __future__ import annotations

import datetime as dt
import decimal
import json
import sqlite3
import threading
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fieldapp.store import answers, conflicts, db, outbox, pages, rows, state
from fieldapp.store.answers import Answer, PushOutcome
from fieldapp.store.conflicts import Conflict
from fieldapp.store.errors import BadRow, StoreError, UnknownTable
from fieldapp.store.outbox import Mutation
from fieldapp.store.pages import PageOutcome
from fieldapp.store.schema import MIGRATIONS, PULLED, PUSHED
from fieldapp.store.state import SyncState


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID | decimal.Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def _json_row(row: Mapping[str, Any]) -> dict[str, Any]:
    try:
        plain: dict[str, Any] = json.loads(json.dumps(dict(row), default=_plain))
    except (TypeError, ValueError) as exc:
        raise BadRow(
            f"记录包含无法保存的值：{exc}", f"the record holds a value that cannot be stored: {exc}"
        ) from exc
    return plain


class Store:
    """SQLite on the phone: synced rows, the outbox, sync bookkeeping and conflicts.

    One writing connection shared by the UI thread and the sync thread (every transaction holds
    a lock) and, for a file, a reading connection; WAL keeps the file consistent if the app is
    killed at any instant.
    """

    def __init__(self, conn: sqlite3.Connection, reader: sqlite3.Connection | None = None) -> None:
        self._conn = conn
        self._lock = threading.RLock()
        self._depth = 0
        self._owner: int | None = None
        # a file store reads on its own connection: WAL lets the screens read while the sync
        # thread writes a page (an in-memory store has one connection, so reads wait)
        self._reader = reader or conn
        self._read_lock = threading.Lock() if reader is not None else self._lock

    @classmethod
    def open(cls, path: str | Path = ":memory:") -> Store:
        """Open (creating and migrating as needed) the store at path, or in memory."""
        conn = db.connect(path)
        db.migrate(conn, MIGRATIONS)
        store = cls(conn, None if str(path) == ":memory:" else db.connect(path))
        with store.transaction() as c:
            state.ensure_client_id(c)
        return store

    def close(self) -> None:
        """Close the file."""
        with self._lock, self._read_lock:
            if self._reader is not self._conn:
                self._reader.close()
            self._conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One SQLite transaction (nested calls join the outer one); rolled back on any error."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self._conn
                finally:
                    self._depth -= 1
                return
            try:
                self._conn.execute("begin immediate")
            except sqlite3.Error as exc:
                raise StoreError(
                    f"本地数据库忙：{exc}", f"the local database is busy: {exc}"
                ) from exc
            self._depth, self._owner = 1, threading.get_ident()
            try:
                yield self._conn
                self._conn.execute("commit")
            except BaseException as exc:
                if self._conn.in_transaction:
                    self._conn.execute("rollback")
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(
                        f"本地数据库写入失败，本次修改未保存：{exc}",
                        f"the local database could not be written; nothing was saved: {exc}",
                    ) from exc
                raise
            finally:
                self._depth = 0

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A connection for reads: committed data (never waiting for the sync thread's
        transaction on a file store), or this thread's own transaction when inside one."""
        if self._depth and self._owner == threading.get_ident():
            yield self._conn  # inside this thread's transaction: read its own writes
            return
        with self._read_lock:
            yield self._reader

    # -- local writes (each row and its outbox entry commit together) ------------------------

    @staticmethod
    def new_id() -> str:
        """A fresh row id (uuid4), generated on the phone."""
        return str(uuid.uuid4())

    def write(self, table: str, row: Mapping[str, Any]) -> dict[str, Any]:
        """Insert or update the fields of row (id required) and queue them; returns the row seen."""
        if table not in PUSHED:
            raise UnknownTable(table)
        patch = _json_row(row)
        row_id = patch.get("id")
        if not isinstance(row_id, str) or not row_id:
            raise BadRow("记录缺少编号", "the record has no id")
        with self.transaction() as c:
            current = rows.get(c, table, row_id)
            data = {} if current is None else dict(current.data)
            version = None if current is None else current.version
            base = None if current is None else current.server_base()
            outbox.append(c, table, row_id, "upsert", patch, version)
            data.update(patch)
            rows.put(c, table, row_id, data, version, base=base)
        return data

    def delete(self, table: str, row_id: str) -> None:
        """Delete a row locally (hidden at once) and queue the delete for the server."""
        if table not in PUSHED:
            raise UnknownTable(table)
        with self.transaction() as c:
            current = rows.get(c, table, row_id)
            if current is None or current.deleted:
                return
            outbox.append(c, table, row_id, "delete", {"id": row_id}, current.version)
            rows.put(
                c,
                table,
                row_id,
                current.data,
                current.version,
                deleted=True,
                base=current.server_base(),
            )

    # -- reads -------------------------------------------------------------------------------

    def get(self, table: str, row_id: str) -> dict[str, Any] | None:
        """One row as the app sees it (None when absent or deleted locally)."""
        if table not in PULLED:
            raise UnknownTable(table)
        with self.reading() as c:
            row = rows.get(c, table, row_id)
        return None if row is None or row.deleted else row.data

    def pending_count(self) -> int:
        """Mutations not yet answered by the server."""
        with self.reading() as c:
            return outbox.count(c)

    def has_pending(self, table: str, row_id: str) -> bool:
        """Whether a row has edits the server has not answered yet (for an 'unsynced' badge)."""
        with self.reading() as c:
            return bool(outbox.pending_for(c, table, row_id))

    def conflicts(self, *, unseen_only: bool = False) -> list[Conflict]:
        """Conflicts and rejections the server decided, newest first."""
        with self.reading() as c:
            return conflicts.listing(c, unseen_only=unseen_only)

    def mark_conflicts_seen(self, ids: Sequence[int]) -> None:
        """The user has seen these conflicts."""
        with self.transaction() as c:
            c.executemany("update conflicts set seen = 1 where id = ?", [(i,) for i in ids])

    def sync_state(self) -> SyncState:
        """Cursor, client id, user, last sync and last error."""
        with self.reading() as c:
            return state.snapshot(c)

    def set_state(self, **values: Any) -> None:
        """Set sync bookkeeping values in their own transaction."""
        with self.transaction() as c:
            state.put(c, **values)

    # -- used by the sync engine ---------------------------------------------------------------

    def next_batch(self, limit: int) -> list[Mutation]:
        """The oldest queued mutations to push next."""
        with self.transaction() as c:
            return outbox.next_batch(c, limit)

    def apply_answers(
        self, batch: Sequence[Mutation], answered: Mapping[int, Answer], last_mutation_id: int
    ) -> PushOutcome:
        """Apply the server's answers to a pushed batch in one transaction."""
        with self.transaction() as c:
            return answers.apply(c, batch, answered, last_mutation_id)

    def settle(self, uncertain: Sequence[Mutation]) -> list[Mutation]:
        """After a pull, carry versions of duplicates now visible; returns those not yet seen."""
        with self.transaction() as c:
            return answers.settle(c, uncertain)

    def apply_page(
        self,
        *,
        cursor: int,
        after: str | None,
        epoch: int | None,
        changes: Mapping[str, Sequence[dict[str, Any]]],
        revoked: Sequence[tuple[str, str]],
    ) -> PageOutcome:
        """Apply a pulled page and store its cursor, after and epoch in one transaction."""
        with self.transaction() as c:
            return pages.apply(
                c, cursor=cursor, after=after, epoch=epoch, changes=changes, revoked=revoked
            )

    def new_client(self) -> str:
        """Register as a new client: a fresh client id, the queue renumbered from 1.

        For a store that was copied or restored from a backup: its old client id is still in use
        by the original, whose mutation ids the server has already seen.
        """
        with self.transaction() as c:
            client_id = str(uuid.uuid4())
            state.put(c, client_id=client_id, mutation_seq=outbox.renumber(c), acked=0)
        return client_id

    def purge_revoked(self) -> int:
        """Drop revoked rows that were kept only for edits the server has now answered."""
        with self.transaction() as c:
            return pages.purge_revoked(c)
