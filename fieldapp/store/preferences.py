"""The server's settings as pulled, and the phone's own choices (never synced)."""

from __future__ import annotations

from typing import Any

from fieldapp.store import state
from fieldapp.store.store import Store


def setting(store: Store, key: str) -> Any:
    """A setting's value as pulled from the server (table settings), or None."""
    row = store.get("settings", key)
    return None if row is None else row.get("value")


def get(store: Store, name: str, default: Any = None) -> Any:
    """One of the phone's own choices, or default."""
    with store.reading() as c:
        return state.preference(c, name, default)


def put(store: Store, name: str, value: Any) -> None:
    """Remember one of the phone's own choices."""
    with store.transaction() as c:
        state.set_preference(c, name, value)
