"""The quadrant matrix (客户分类矩阵) of area managers and managers: the latest classification of
their areas, the company or one area from the server (public.quadrant_matrix: the cut lines,
counts per quadrant, the points or a binned grid, who moved from which quadrant to which;
docs/warnings.md, "The quadrant matrix")."""

from __future__ import annotations

from typing import Any

from fieldapp.errors import InvalidInput
from fieldapp.services.base import UserService

# the quadrants in reading order of the plot: top right, top left... (large & loyal first)
QUADRANTS = ("core", "dangerous", "cultivate", "eliminate")
# the worst destination first, as the server orders the movers (and the table sorts them)
SEVERITY = {"dangerous": 0, "eliminate": 1, "cultivate": 2, "core": 3}
MAX_MOVERS = 100  # listed on the screen; the total and the per-pair counts cover every mover
MAX_POINTS = 2000  # beyond this many customers the server sends the binned grid


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
