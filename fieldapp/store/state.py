"""Sync bookkeeping kept in the store: cursor, after, epoch, client id, user, times, last error."""

from __future__ import annotations

import json
import sqlite3
import uuid
from dataclasses import dataclass
from typing import Any

KEYS = (
    "client_id",  # uuid4, generated once per store; the server numbers this phone's mutations by it
    "user_id",  # the signed-in user the synced rows belong to
    "cursor",  # next p_since
    "after",  # next p_after (position inside one large transaction), opaque
    "epoch",  # the server's epoch at the last pull
    "mutation_seq",  # the last mutation id handed out (ids are never reused)
    "acked",  # the server's last_mutation_id for this client, as last answered
    "last_sync_at",  # ISO time of the last sync that finished without error
    "last_error",  # {"zh": …, "en": …, "at": …} of the last failed sync, or null
)


@dataclass(frozen=True)
class SyncState:
    """A snapshot of the sync bookkeeping."""

    client_id: str
    user_id: str | None
    cursor: int
    after: str | None
    epoch: int | None
    mutation_seq: int
    acked: int
    last_sync_at: str | None
    last_error: dict[str, str] | None


def get(conn: sqlite3.Connection, key: str, default: Any = None) -> Any:
    """One bookkeeping value (JSON-decoded), or default."""
    row = conn.execute("select value from sync_state where key = ?", (key,)).fetchone()
    return default if row is None or row[0] is None else json.loads(row[0])


def put(conn: sqlite3.Connection, **values: Any) -> None:
    """Set bookkeeping values (call inside the transaction they belong to)."""
    for key, value in values.items():
        if key not in KEYS:
            raise KeyError(key)
        conn.execute(
            "insert into sync_state (key, value) values (?, ?)"
            " on conflict (key) do update set value = excluded.value",
            (key, json.dumps(value)),
        )


PREFIX = "pref."  # the phone's own choices (base map, …): kept beside the bookkeeping, never synced


def preference(conn: sqlite3.Connection, name: str, default: Any = None) -> Any:
    """One of the phone's own choices, or default."""
    return get(conn, PREFIX + name, default)


def set_preference(conn: sqlite3.Connection, name: str, value: Any) -> None:
    """Remember one of the phone's own choices (call inside a transaction)."""
    conn.execute(
        "insert into sync_state (key, value) values (?, ?)"
        " on conflict (key) do update set value = excluded.value",
        (PREFIX + name, json.dumps(value)),
    )


def ensure_client_id(conn: sqlite3.Connection) -> str:
    """The store's client id, generated on first use (call inside a transaction)."""
    client_id = get(conn, "client_id")
    if client_id is None:
        client_id = str(uuid.uuid4())
        put(conn, client_id=client_id)
    return str(client_id)


def snapshot(conn: sqlite3.Connection) -> SyncState:
    """All bookkeeping values at once."""
    values = {k: json.loads(v) for k, v in conn.execute("select key, value from sync_state")}
    return SyncState(
        client_id=str(values.get("client_id") or ""),
        user_id=values.get("user_id"),
        cursor=int(values.get("cursor") or 0),
        after=values.get("after"),
        epoch=values.get("epoch"),
        mutation_seq=int(values.get("mutation_seq") or 0),
        acked=int(values.get("acked") or 0),
        last_sync_at=values.get("last_sync_at"),
        last_error=values.get("last_error"),
    )
