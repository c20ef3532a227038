"""Plan versus actual of a rep's week: one row of public.plan_vs_actual, for the app and the CLI."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

COUNTS = (
    "planned",
    "done",
    "missed",
    "pending",
    "unplanned",
    "offsite",
    "visits",
    "timed_visits",
    "exec_planned",
    "exec_done",
    "empty",
    "empty_visits",
)


@dataclass(frozen=True)
class PlanActual:
    """One rep's week: planned, done (with something recorded), empty (visited, nothing
    recorded), missed, pending and unplanned visits, off-site check-ins,
    visits (timed ones: with a check-out) and their average length; the executive visits (高层拜访)
    of the rep's customers planned in the week (not cancelled) and done."""

    rep_id: str
    rep_name: str
    area_code: str | None
    area_name: str
    week_start: dt.date
    plan_status: str | None
    planned: int
    done: int
    missed: int
    pending: int
    unplanned: int
    offsite: int
    visits: int
    timed_visits: int
    avg_duration_min: float | None
    exec_planned: int = 0
    exec_done: int = 0
    empty: int = 0  # planned stops visited with nothing recorded (已拜访·无记录), not in done
    empty_visits: int = 0  # the week's visits checked out with nothing recorded, planned or not

    @property
    def done_ratio(self) -> float | None:
        """Done / planned (None when nothing was planned)."""
        return self.done / self.planned if self.planned else None

    @classmethod
    def from_row(cls, r: Mapping[str, Any]) -> PlanActual:
        """A row of plan_vs_actual as the database (psycopg) or the RPC (JSON) gives it."""
        avg, week = r.get("avg_duration_min"), r.get("week_start")
        return cls(
            rep_id=str(r.get("rep_id")),
            rep_name=r.get("rep_name") or "",
            area_code=r.get("area_code"),
            area_name=r.get("area_name") or "",
            week_start=week if isinstance(week, dt.date) else dt.date.fromisoformat(str(week)),
            plan_status=r.get("plan_status"),
            **{k: int(r.get(k) or 0) for k in COUNTS},
            avg_duration_min=float(avg) if isinstance(avg, int | float | Decimal) else None,
        )
