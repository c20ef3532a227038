"""zh/en strings of the offline base map (boundaries) and outlets per district."""

from __future__ import annotations

PAIRS: dict[str, tuple[str, str]] = {
    "map_tiles_offline_bounds": (
        "底图不可用（离线或无法连接地图服务），显示离线行政区划边界",
        "Base map unavailable (offline or tile server unreachable): offline boundaries shown",
    ),
    "map_area_name": ("行政区 {name}", "Area {name}"),
    "map_by_district": ("按区县", "By district"),
    "map_by_district_tip": (
        "按区县统计筛选后的网点（离线判定）",
        "Filtered outlets per district (located offline)",
    ),
    "map_by_district_title": ("各区县网点数", "Outlets per district"),
    "map_by_district_row": ("{place}：{n} 个", "{place}: {n}"),
    "map_by_district_none": ("未落在已知区县内", "Not inside a known district"),
    "map_by_district_empty": ("没有带坐标的网点", "No outlets with coordinates"),
}
