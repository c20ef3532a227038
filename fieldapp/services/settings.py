"""Settings the server publishes (table `settings`, pulled to the phone), with safe defaults."""

from __future__ import annotations

from typing import Any

from fieldapp.domain import clock, legend
from fieldapp.errors import InvalidInput
from fieldapp.store import Store, preferences

CHECKIN_RADIUS_M = "visit.checkin_radius_m"
DUPLICATE_RADIUS_M = "visit.duplicate_radius_m"
COMPANY_TIMEZONE = "company.timezone"
FIX_MAX_AGE_S = "visit.fix_max_age_s"
DEFAULTS: dict[str, Any] = {
    CHECKIN_RADIUS_M: 300.0,
    FIX_MAX_AGE_S: 120.0,
    DUPLICATE_RADIUS_M: 200.0,
    COMPANY_TIMEZONE: clock.DEFAULT_ZONE,
}


def value(store: Store, key: str) -> Any:
    """A setting's value as pulled from the server, or its default before the first sync."""
    found = preferences.setting(store, key)
    return DEFAULTS.get(key) if found is None else found


def metres(store: Store, key: str) -> float:
    """A distance setting in metres (the default when the stored value is not a positive number)."""
    raw = value(store, key)
    try:
        m = float(raw)
    except (TypeError, ValueError):
        return float(DEFAULTS[key])
    return m if m > 0 else float(DEFAULTS[key])


def fix_max_age_s(store: Store) -> float:
    """The oldest position a check-in may use, in seconds (`visit.fix_max_age_s`)."""
    return metres(store, FIX_MAX_AGE_S)  # the same positive-number reading as a distance


def use_company_zone(store: Store) -> None:
    """Make the pulled company time zone the phone's calendar (today, weeks, local times)."""
    name = value(store, COMPANY_TIMEZONE)
    clock.use_zone(name if isinstance(name, str) else None)


# -- the phone's own choices (kept in the local store, never synced) ---------------------------

MAP_TILES = "map_tiles"
NO_TILES = "none"  # a plain background, no base map
DEFAULT_TILES = "osm"


def map_tiles(store: Store) -> str:
    """The base map chosen on this phone: a key of legend.TILES, or "none"."""
    key = preferences.get(store, MAP_TILES, DEFAULT_TILES)
    return key if key in tile_choices() else DEFAULT_TILES


def set_map_tiles(store: Store, key: str) -> None:
    """Choose the base map (InvalidInput, nothing saved, for an unknown one)."""
    if key not in tile_choices():
        raise InvalidInput(
            f"未知的底图：{key}（可选：{'、'.join(tile_choices())}）",
            f"unknown base map {key!r} (choose one of {', '.join(tile_choices())})",
        )
    preferences.put(store, MAP_TILES, key)


def tile_choices() -> tuple[str, ...]:
    """Every base map the phone can use, the default first, "none" last."""
    return (*legend.TILES, NO_TILES)
