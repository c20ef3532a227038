"""Customers (outlets) on the phone: search and look-up."""

from __future__ import annotations

from typing import Any

from fieldapp.store.store import Store


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search(
    store: Store, text: str = "", *, owner_id: str | None = None, limit: int = 50
) -> list[dict[str, Any]]:
    """Customers whose name, code, phone, address, contact or pinyin initials contain every word."""
    where, params = ["1 = 1"], []
    for word in text.lower().split():
        where.append("search like ? escape '\\'")
        params.append(_like(word))
    if owner_id is not None:
        where.append("owner_id = ?")
        params.append(owner_id)
    return store.query("customers", " and ".join(where), params, order="tier, name", limit=limit)


def get(store: Store, customer_id: str) -> dict[str, Any] | None:
    """One customer, or None."""
    return store.get("customers", customer_id)


def by_code(store: Store, code: str) -> dict[str, Any] | None:
    """The customer with this code, or None."""
    found = store.query("customers", "code = ?", [code], limit=1)
    return found[0] if found else None


def outlets_of(store: Store, parent_id: str) -> list[dict[str, Any]]:
    """The outlets a customer supplies (one tier down)."""
    return store.query("customers", "parent_id = ?", [parent_id], order="name")
