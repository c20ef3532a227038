"""The phone's local SQLite store: synced rows, the outbox, sync state and conflicts."""

from fieldapp.store.store import Store

__all__ = ["Store"]
