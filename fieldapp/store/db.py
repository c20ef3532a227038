"""Open the phone's SQLite file (WAL, no foreign keys); apply named migrations in transactions."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fieldapp.domain import clock
from fieldapp.store.errors import StoreError


@dataclass(frozen=True)
class Migration:
    """A named, append-only schema step: its statements run in one transaction."""

    name: str
    statements: tuple[str, ...]


def connect(path: str | Path) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL, foreign keys off."""
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=30)
        # WAL: readers never wait for the sync thread; FULL: a commit survives power loss too.
        conn.execute("pragma journal_mode = wal")
        conn.execute("pragma synchronous = full")
        # rows arrive page by page in server order, so references may point ahead for a while
        conn.execute("pragma foreign_keys = off")
    except sqlite3.Error as exc:
        raise StoreError(
            f"无法打开本地数据库：{exc}", f"cannot open the local database: {exc}"
        ) from exc
    return conn


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration]) -> list[str]:
    """Apply the migrations not yet recorded in _migrations; returns the names applied now."""
    conn.execute(
        "create table if not exists _migrations (name text primary key, applied_at text not null)"
    )
    applied = {row[0] for row in conn.execute("select name from _migrations")}
    done: list[str] = []
    for migration in migrations:
        if migration.name in applied:
            continue
        conn.execute("begin immediate")
        try:
            for statement in migration.statements:
                conn.execute(statement)
            conn.execute(
                "insert into _migrations (name, applied_at) values (?, ?)",
                (migration.name, clock.system_now().isoformat()),
            )
        except BaseException as exc:
            conn.execute("rollback")
            if isinstance(exc, sqlite3.Error):
                raise StoreError(
                    f"本地数据库升级失败（{migration.name}）：{exc}",
                    f"local database migration {migration.name} failed: {exc}",
                ) from exc
            raise
        conn.execute("commit")
        done.append(migration.name)
    return done
