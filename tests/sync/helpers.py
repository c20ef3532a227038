"""Phones for sync tests: a real SQLite store, a real remote and the engine, signed in as a persona."""

from __future__ import annotations

import json
import sqlite3
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

from fieldapp.store import Store
from fieldapp.store.schema import PULLED
from fieldapp.sync import SyncEngine
from fieldapp.sync.errors import ConnectionLost
from fieldapp.sync.pg_remote import PgRemote
from fieldapp.sync.remote import Backoff
from tests.db.access_world import EMAILS
from tests.postgrest import claims_for, request

NO_WAIT = Backoff(sleep=lambda _s: None)


@dataclass
class Phone:
    """One phone: its store file, its remote and its engine."""

    path: Path
    store: Store
    remote: PgRemote
    engine: SyncEngine
    probe: psycopg.Connection  # superuser connection for wait_pullable

    @property
    def user_id(self) -> str:
        """The signed-in user."""
        assert self.remote.session is not None
        return self.remote.session.user_id

    def sync(self) -> Any:
        """One full sync, once every transaction committed so far can be pulled."""
        wait_pullable(self.probe)
        return self.engine.sync()

    def reopen(self) -> None:
        """Simulate an app restart: a new Store and engine on the same file."""
        self.store.close()
        self.store = Store.open(self.path)
        self.engine = SyncEngine(
            self.store,
            self.remote,
            push_batch=self.engine.push_batch,
            pull_limit=self.engine.pull_limit,
        )

    def close(self) -> None:
        """Close the store and the connections."""
        self.store.close()
        self.remote.close()
        self.probe.close()


def make_phone(
    url: str, email: str, path: Path, *, push_batch: int = 200, pull_limit: int = 1000
) -> Phone:
    """A phone at path signed in (trusted mode) as the user with this email."""
    remote = PgRemote(url, backoff=NO_WAIT)
    remote.sign_in(email)
    store = Store.open(path)
    engine = SyncEngine(store, remote, push_batch=push_batch, pull_limit=pull_limit)
    return Phone(path, store, remote, engine, psycopg.connect(url, autocommit=True))


def persona_phone(url: str, persona: str, path: Path, **kw: Any) -> Phone:
    """A phone signed in as one of access_world's personas."""
    return make_phone(url, EMAILS[persona], path, **kw)


def server_row(conn: psycopg.Connection, table: str, row_id: str) -> dict[str, Any] | None:
    """A row as the server holds it (superuser view, tombstones included)."""
    found = conn.execute(
        f"select to_jsonb(t) - 'txid' from public.{table} t where id = %s", (row_id,)
    ).fetchone()
    return None if found is None else found[0]


def visible_ids(conn: psycopg.Connection, user_id: str, table: str) -> dict[str, int]:
    """Ids and versions of a table's live rows that a user may see (through RLS, as PostgREST)."""
    key = "key" if table == "settings" else "id"
    # a table pulled by some roles only, and the rows a phone needs (private.sync_tables)
    roles, pull_filter, role = conn.execute(
        "select s.roles, s.pull_filter, (select p.role from public.profiles p where p.id = %s)"
        " from private.sync_tables s where s.name = %s",
        (user_id, table),
    ).fetchone()
    if roles is not None and role not in roles:
        return {}
    with request(conn, claims_for(user_id), read_only=True) as cur:
        cur.execute(
            f"select {key}::text as id, version from public.{table} t"
            " where to_jsonb(t) ->> 'deleted_at' is null"  # warnings have no tombstones
            + (f" and ({pull_filter})" if pull_filter else "")
        )
        return {r["id"]: r["version"] for r in cur.fetchall()}


def local_ids(store: Store, table: str) -> dict[str, int]:
    """Ids and versions of a table's rows on the phone."""
    with store.reading() as c:
        return {r[0]: r[1] for r in c.execute(f"select id, version from {table} where deleted = 0")}


def outbox_rows(store: Store) -> list[tuple[Any, ...]]:
    """The raw outbox."""
    with store.reading() as c:
        return c.execute("select id, tbl, row_id, op, patch, base_version from outbox").fetchall()


def patch_of(entry: tuple[Any, ...]) -> Any:
    """The JSON patch of a raw outbox entry."""
    return json.loads(entry[4])


class AppKilled(BaseException):
    """The app was killed at this instant."""


STORE_OPS = (
    "next_batch",
    "apply_answers",
    "apply_page",
    "settle",
    "purge_revoked",
    "set_state",
    "write",
    "delete",
    "open",
)


class FaultyConnection:
    """Wraps the store's sqlite3 connection; kills the app at the n-th statement inside a
    transaction (BEGIN, COMMIT and ROLLBACK excluded)."""

    def __init__(self, real: sqlite3.Connection, kill_at: int) -> None:
        self._real = real
        self.kill_at = kill_at
        self.count = 0
        self.killed_in = ""

    def _tick(self, sql: str) -> None:
        if self._real.in_transaction and not sql.lstrip().lower().startswith(
            ("begin", "commit", "rollback")
        ):
            self.count += 1
            if self.count == self.kill_at:
                self.killed_in = next(
                    (f.name for f in reversed(traceback.extract_stack()) if f.name in STORE_OPS),
                    "?",
                )
                raise AppKilled(f"killed at statement {self.count}: {sql[:60]}")

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        """sqlite3.Connection.execute, maybe killed first."""
        self._tick(sql)
        return self._real.execute(sql, params)

    def executemany(self, sql: str, params: Any) -> sqlite3.Cursor:
        """sqlite3.Connection.executemany, maybe killed first."""
        self._tick(sql)
        return self._real.executemany(sql, params)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def arm(store: Store, kill_at: int) -> FaultyConnection:
    """Make the store die at the kill_at-th statement inside a transaction."""
    faulty = FaultyConnection(store._conn, kill_at)
    store._conn = faulty  # type: ignore[assignment]
    return faulty


def disarm(store: Store) -> None:
    """Undo arm()."""
    conn = store._conn
    if isinstance(conn, FaultyConnection):
        store._conn = conn._real


def converge(phone: Phone, check: Callable[[], None], timeout: float = 20.0) -> None:
    """Run check; while it fails, sync again (a pull waits for every older server transaction,
    including other databases' on a shared server, so the last rows may come a little later)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            check()
            return
        except AssertionError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.1)
        phone.sync()


def wait_pullable(conn: psycopg.Connection, timeout: float = 300.0) -> None:
    """Wait until every transaction committed so far lies below the pull bound.

    The bound is the server's own (`private.sync_pull_bound`): only a running writer of this
    database's synced tables holds it back, so other databases' work on a shared server (a
    benchmark's import, another session's tests) does not make this wait.
    """
    with conn.transaction():
        xid = conn.execute("select pg_current_xact_id()::text::bigint").fetchone()[0]
    deadline = time.monotonic() + timeout
    bound = "select private.sync_pull_bound(pg_current_snapshot())::text::bigint"
    while conn.execute(bound).fetchone()[0] <= xid:
        if time.monotonic() > deadline:
            raise AssertionError(f"a writer older than {xid} has been running for {timeout}s")
        time.sleep(0.05)


SYNCED = PULLED  # the phone's table list; test_tables_agree checks it against the server's


def assert_mirrors_server(conn: psycopg.Connection, phone) -> None:
    """The phone holds exactly the live rows the user may see, at the server's versions."""

    def check() -> None:
        for table in SYNCED:
            assert local_ids(phone.store, table) == visible_ids(conn, phone.user_id, table), table

    converge(phone, check)


class LosingRemote:
    """Passes calls to a PgRemote, but loses the answer of the n-th push after the server
    committed it, and drops the connection (the sync fails; the next one must see duplicates)."""

    def __init__(self, inner: PgRemote, lose_at: int) -> None:
        self.inner, self.lose_at, self.pushes = inner, lose_at, 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def push(self, client_id: str, mutations: list[dict[str, Any]]) -> dict[str, Any]:
        self.pushes += 1
        answer = self.inner.push(client_id, mutations)
        if self.pushes == self.lose_at:
            self.inner.close()
            raise ConnectionLost("连接中断", "connection dropped after the server committed")
        return answer
