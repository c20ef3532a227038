"""The quadrant matrix (客户分类矩阵) of area managers and managers: the latest classification of
their areas, the company or one area from the server (public.quadrant_matrix: the cut lines,
counts per quadrant, the points or a binned grid, who moved from which quadrant to which), and
the movers sorted and totalled on the phone (docs/warnings.md, "The quadrant matrix")."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from fieldapp.errors import InvalidInput
from fieldapp.services.base import UserService

# the quadrants in reading order of the plot: top right, top left... (large & loyal first)
QUADRANTS = ("core", "dangerous", "cultivate", "eliminate")
# the worst destination first, as the server orders the movers
SEVERITY = {"dangerous": 0, "eliminate": 1, "cultivate": 2, "core": 3}
# the movers' table: its sortable columns (the key of a mover row each)
SORT_KEYS = ("name", "code", "area_name", "from", "to", "volume_12m", "loyalty")
MAX_MOVERS = 100  # listed on the screen; the total and the per-pair counts cover every mover
MAX_POINTS = 2000  # beyond this many customers the server sends the binned grid


def sort_movers(
    rows: Iterable[Mapping[str, Any]], key: str | None, descending: bool = False
) -> list[dict[str, Any]]:
    """The movers by a column (None: the server's order, worst destination first); quadrants
    sort by severity, names and codes as text, figures as numbers; ties keep their order."""
    items = [dict(r) for r in rows]
    if key is None:
        return items
    if key not in SORT_KEYS:
        raise ValueError(f"unknown column {key!r}; one of {', '.join(SORT_KEYS)}")

    def value(r: dict[str, Any]) -> Any:
        v = r.get(key)
        if key in ("from", "to"):
            return SEVERITY.get(str(v), 9)
        if key in ("volume_12m", "loyalty"):
            return float(v or 0)
        return str(v or "")

    return sorted(items, key=value, reverse=descending)


def mover_totals(rows: Iterable[Mapping[str, Any]]) -> dict[str, float]:
    """The listed movers' count and summed 12-month volume (the table's totals row)."""
    items = list(rows)
    return {
        "count": len(items),
        "volume_12m": round(sum(float(r.get("volume_12m") or 0) for r in items), 2),
    }


class QuadrantMatrixService(UserService):
    """The matrix's online call (area managers and managers; the server refuses others)."""

    def matrix(
        self,
        area_id: str | None = None,
        *,
        max_points: int = MAX_POINTS,
        max_movers: int = MAX_MOVERS,
    ) -> dict[str, Any]:
        """The latest classification in scope (public.quadrant_matrix); area_id narrows it to
        one area and those under it."""
        if not 0 <= max_points <= 5000:
            raise InvalidInput("散点上限必须在0到5000之间", "max_points must be from 0 to 5000")
        if not 0 <= max_movers <= 1000:
            raise InvalidInput("变动客户上限必须在0到1000之间", "max_movers must be from 0 to 1000")
        args: dict[str, Any] = {"p_max_points": max_points, "p_max_movers": max_movers}
        if area_id:
            args["p_area_id"] = area_id
        return dict(self.rpc("quadrant_matrix", **args) or {})
