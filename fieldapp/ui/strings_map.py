"""UI strings of the map screen (地图): key → (中文, English)."""

PAIRS: dict[str, tuple[str, str]] = {
    "tab_map": ("地图", "Map"),
}
