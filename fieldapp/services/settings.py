"""Settings the server publishes (table `settings`, pulled to the phone), with safe defaults."""

from __future__ import annotations

from typing import Any

from fieldapp.store import Store

CHECKIN_RADIUS_M = "visit.checkin_radius_m"
DUPLICATE_RADIUS_M = "visit.duplicate_radius_m"
DEFAULTS: dict[str, Any] = {CHECKIN_RADIUS_M: 300.0, DUPLICATE_RADIUS_M: 200.0}


def value(store: Store, key: str) -> Any:
    """A setting's value as pulled from the server, or its default before the first sync."""
    row = store.get("settings", key)
    if row is None or row.get("value") is None:
        return DEFAULTS.get(key)
    return row["value"]


def metres(store: Store, key: str) -> float:
    """A distance setting in metres (the default when the stored value is not a positive number)."""
    raw = value(store, key)
    try:
        m = float(raw)
    except (TypeError, ValueError):
        return float(DEFAULTS[key])
    return m if m > 0 else float(DEFAULTS[key])
