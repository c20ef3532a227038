"""Visit planning: which outlets to suggest for a week, on which day, and how long a day takes."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from fieldapp.domain.distance import check_point
from fieldapp.domain.route import LatLng, Stop, optimize_route, route_length_m
from fieldapp.domain.workcal import WorkCalendar
from fieldapp.errors import InvalidInput

GRADES = ("A", "B", "C", "D")
FALLBACK_GRADE = "D"  # an outlet not graded yet is planned like the least important grade

DEFAULT_FREQUENCY_DAYS = {"A": 7, "B": 14, "C": 30, "D": 90}
DEFAULT_DURATION_MIN = {"A": 40, "B": 30, "C": 20, "D": 15}
DEFAULT_AVG_SPEED_KMH = 25.0

REASON_DUE = "due"  # due by visit frequency within the week (or never visited)
REASON_WARNING = "warning"  # has open warnings
REASON_LONGEST = "longest"  # among those not visited for the longest time


@dataclass(frozen=True)
class PlanningSettings:
    """The settings behind suggestions and day estimates (keys visit.* in the settings table)."""

    frequency_days: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_FREQUENCY_DAYS))
    duration_min: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_DURATION_MIN))
    avg_speed_kmh: float = DEFAULT_AVG_SPEED_KMH

    def __post_init__(self) -> None:
        for name, table in (("frequency_days", self.frequency_days),
                            ("duration_min", self.duration_min)):  # fmt: skip
            for grade in GRADES:
                value = table.get(grade)
                if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                    raise InvalidInput(
                        f"设置 visit.{name} 中等级 {grade} 的值 {value!r} 应为正整数",
                        f"setting visit.{name}: grade {grade} needs a positive integer,"
                        f" not {value!r}",
                    )
        speed = self.avg_speed_kmh
        if (
            isinstance(speed, bool)
            or not isinstance(speed, int | float)
            or not (math.isfinite(speed) and speed > 0)
        ):
            raise InvalidInput(
                f"设置 visit.avg_speed_kmh 的值 {speed!r} 应为正数",
                f"setting visit.avg_speed_kmh needs a positive number, not {speed!r}",
            )

    @classmethod
    def from_settings(cls, values: Mapping[str, Any]) -> PlanningSettings:
        """Build from settings rows {key: value}; missing keys take the defaults."""
        return cls(
            frequency_days=dict(values.get("visit.frequency_days", DEFAULT_FREQUENCY_DAYS)),
            duration_min=dict(values.get("visit.duration_min", DEFAULT_DURATION_MIN)),
            avg_speed_kmh=values.get("visit.avg_speed_kmh", DEFAULT_AVG_SPEED_KMH),
        )

    def frequency_for(self, grade: str | None) -> int:
        """Days between visits for a grade (ungraded: the fallback grade)."""
        return self.frequency_days[_grade(grade)]

    def duration_for(self, grade: str | None) -> int:
        """Minutes a visit takes for a grade (ungraded: the fallback grade)."""
        return self.duration_min[_grade(grade)]


@dataclass(frozen=True)
class Outlet:
    """A customer as planning sees it: where it is, its grade, last visit and open warnings."""

    id: str
    name: str
    lat: float | None = None
    lng: float | None = None
    grade: str | None = None
    last_visit: dt.date | None = None
    open_warnings: int = 0

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id.strip():
            raise InvalidInput(f"网点编号 {self.id!r} 为空", f"outlet id {self.id!r} is empty")
        if (self.lat is None) != (self.lng is None):
            raise InvalidInput(
                f"网点“{self.name}”只有纬度或经度之一",
                f"outlet {self.name!r} has only one of latitude and longitude",
            )
        if self.lat is not None and self.lng is not None:
            check_point(self.lat, self.lng, f"网点“{self.name}”", f"outlet {self.name!r}")
        if self.grade is not None and self.grade not in GRADES:
            raise InvalidInput(
                f"网点“{self.name}”的等级 {self.grade!r} 无效（应为 A/B/C/D）",
                f"outlet {self.name!r}: grade {self.grade!r} is not one of A, B, C, D",
            )
        if self.open_warnings < 0:
            raise InvalidInput(
                f"网点“{self.name}”的预警数不能为负", f"outlet {self.name!r}: negative warnings"
            )

    @property
    def located(self) -> bool:
        """True when the outlet has coordinates."""
        return self.lat is not None and self.lng is not None


@dataclass(frozen=True)
class Suggestion:
    """An outlet worth visiting in the week, why, and how overdue it is (never visited: None)."""

    outlet: Outlet
    reasons: tuple[str, ...]
    due_on: dt.date | None  # None: never visited, due at once; else a working day (due_day)
    days_since_visit: int | None  # None: never visited
    # working days overdue at the week's end (days_overdue; negative: still to go); None: never
    # visited
    days_overdue: int | None = None


@dataclass(frozen=True)
class DayEstimate:
    """A day's visiting order, distance and time (travel at the average speed plus visits)."""

    day: dt.date | None
    order: list[str]  # located stops in optimised order, then those without coordinates
    distance_km: float
    travel_min: float
    visit_min: float
    unlocated: list[str]  # ids without coordinates: their travel is not counted

    @property
    def total_min(self) -> float:
        """Travel plus visit minutes."""
        return self.travel_min + self.visit_min


def _grade(grade: str | None) -> str:
    return grade if grade in GRADES else FALLBACK_GRADE


def week_days(week_start: dt.date, count: int = 5) -> list[dt.date]:
    """The first `count` days (1–7) of the week starting on the Monday week_start."""
    if week_start.isoweekday() != 1:
        raise InvalidInput(
            f"周次应从周一开始（{week_start} 不是周一）", f"{week_start} is not a Monday"
        )
    if not 1 <= count <= 7:
        raise InvalidInput(f"每周工作天数 {count} 应在 1 到 7 之间", f"{count} days: use 1 to 7")
    return [week_start + dt.timedelta(days=k) for k in range(count)]


def working_week(week_start: dt.date, calendar: WorkCalendar | None = None) -> list[dt.date]:
    """The working days of the week starting on the Monday week_start, Monday to Sunday: make-up
    Saturdays and Sundays (调休) included, statutory and company holidays left out."""
    return (calendar or WorkCalendar()).working_days(week_days(week_start, 7))


def due_day(
    last_visit: dt.date, frequency_days: int, calendar: WorkCalendar | None = None
) -> dt.date:
    """The day an outlet is due: its last visit + the frequency in calendar days (a weekly outlet
    stays weekly), moved to the next working day when that day is not worked — a statutory
    holiday and the weekend days inside it, a company holiday, an ordinary weekend (a make-up
    day 班 is worked). Due on 3 October 2026 (国庆): due on Thursday 8 October."""
    return (calendar or WorkCalendar()).next_working_day(
        last_visit + dt.timedelta(days=frequency_days)
    )


def days_overdue(due_on: dt.date, as_of: dt.date, calendar: WorkCalendar | None = None) -> int:
    """Working days after the due day up to and including as_of (0 on the due day itself);
    negative: the working days still to go until it. Due on 8 October 2026, on the make-up
    Saturday 10 October: 2 (Friday 9 and Saturday 10)."""
    cal = calendar or WorkCalendar()
    if as_of >= due_on:
        return cal.working_days_between(due_on, as_of)
    return -cal.working_days_between(as_of, due_on)


def suggest_visits(
    outlets: Sequence[Outlet],
    week_start: dt.date,
    settings: PlanningSettings | None = None,
    *,
    longest: int = 5,
    calendar: WorkCalendar | None = None,
) -> list[Suggestion]:
    """Outlets due in the week by grade frequency, with open warnings, or unvisited longest.

    The frequency counts calendar days (a weekly outlet stays weekly over a holiday); the due day
    is a working day (due_day: one on a holiday or a weekend moves to the next working day); the
    week is its working days on the company calendar (statutory holidays off, make-up days 调休
    on): a week without a working day suggests nothing (the service asks the same of a day: none
    on a 国庆 holiday), and an outlet is due when its due day falls in the week or before.

    Ordered most urgent first: never visited, then by working days overdue at the week's end
    (days_overdue), then by open warnings, then by days since the last visit, then by id (stable
    for equal cases)."""
    settings = settings or PlanningSettings()
    calendar = calendar or WorkCalendar()
    worked = working_week(week_start, calendar)
    if not worked:
        return []
    week_end = week_start + dt.timedelta(days=6)
    seen: set[str] = set()
    rows: list[tuple[Outlet, list[str], dt.date | None, int | None, int | None]] = []
    for o in outlets:
        if o.id in seen:
            raise InvalidInput(f"网点编号“{o.id}”重复", f"outlet id {o.id!r} appears twice")
        seen.add(o.id)
        if o.last_visit is None:
            due_on, since, overdue = None, None, None
        else:
            due_on = due_day(o.last_visit, settings.frequency_for(o.grade), calendar)
            since = (week_start - o.last_visit).days
            overdue = days_overdue(due_on, week_end, calendar)
        reasons = []
        if due_on is None or due_on <= week_end:
            reasons.append(REASON_DUE)
        if o.open_warnings > 0:
            reasons.append(REASON_WARNING)
        rows.append((o, reasons, due_on, since, overdue))
    # the longest-unvisited, whatever their grade says (never visited counts as longest)
    by_gap = sorted(rows, key=lambda r: (r[3] is not None, -(r[3] or 0), r[0].id))
    for r in by_gap[: max(0, longest)]:
        r[1].append(REASON_LONGEST)
    picked = [r for r in rows if r[1]]

    def urgency(
        r: tuple[Outlet, list[str], dt.date | None, int | None, int | None],
    ) -> tuple[Any, ...]:
        o, _, _, since, overdue = r
        late = overdue if overdue is not None else math.inf
        return (-late, -o.open_warnings, -(since if since is not None else math.inf), o.id)

    picked.sort(key=urgency)
    return [
        Suggestion(o, tuple(reasons), due, since, overdue)
        for o, reasons, due, since, overdue in picked
    ]


def assign_to_days(
    outlets: Sequence[Outlet],
    days: Sequence[dt.date],
    *,
    start: LatLng | None = None,
    max_per_day: int | None = None,
) -> tuple[dict[dt.date, list[Outlet]], list[Outlet]]:
    """Share outlets among days so that each day is a compact area; returns (days, left over).

    A sweep: located outlets sorted by bearing around the start (or their centre) are cut into
    consecutive, evenly sized groups, one per day; outlets without coordinates fill the least
    loaded days. With max_per_day, the outlets beyond the capacity — the last in the given
    order, so pass them most urgent first — are left over."""
    if not days:
        raise InvalidInput("没有可安排的日期", "no days to assign outlets to")
    if len(set(days)) != len(days):
        raise InvalidInput("日期重复", "a day appears twice")
    if max_per_day is not None and max_per_day < 1:
        raise InvalidInput("每天拜访数至少为 1", "max_per_day must be at least 1")
    if len({o.id for o in outlets}) != len(outlets):
        raise InvalidInput("网点重复", "an outlet appears twice")
    capacity = len(outlets) if max_per_day is None else max_per_day * len(days)
    chosen, left = list(outlets[:capacity]), list(outlets[capacity:])
    located = [o for o in chosen if o.located]
    unlocated = [o for o in chosen if not o.located]
    plan: dict[dt.date, list[Outlet]] = {d: [] for d in days}
    if located:
        centre = start or (
            sum(o.lat for o in located if o.lat is not None) / len(located),
            sum(o.lng for o in located if o.lng is not None) / len(located),
        )
        located.sort(key=lambda o: (_bearing(centre, o), o.id))
        # rotate so that the widest angular gap separates the last group from the first
        gaps = [
            (_bearing(centre, located[k]) - _bearing(centre, located[k - 1])) % (2 * math.pi)
            for k in range(len(located))
        ]
        cut = max(range(len(located)), key=lambda k: gaps[k]) if len(located) > 1 else 0
        located = located[cut:] + located[:cut]
        n, m = len(located), len(days)
        sizes = [n // m + (1 if k < n % m else 0) for k in range(m)]
        pos = 0
        for d, size in zip(days, sizes, strict=True):
            plan[d].extend(located[pos : pos + size])
            pos += size
    limit = max_per_day if max_per_day is not None else math.inf
    for o in unlocated:
        d = min(days, key=lambda d: (len(plan[d]), days.index(d)))
        if len(plan[d]) >= limit:
            left.append(o)
        else:
            plan[d].append(o)
    return plan, left


def _bearing(centre: LatLng, o: Outlet) -> float:
    assert o.lat is not None and o.lng is not None
    dy = o.lat - centre[0]
    dx = (o.lng - centre[1]) * math.cos(math.radians(centre[0]))
    return math.atan2(dy, dx) % (2 * math.pi)


def estimate_day(
    outlets: Sequence[Outlet],
    settings: PlanningSettings | None = None,
    *,
    day: dt.date | None = None,
    start: LatLng | None = None,
    end: LatLng | None = None,
    optimize: bool = True,
) -> DayEstimate:
    """Distance, travel and visit time of a day; the order is optimised unless optimize=False.

    The one definition of a day's distance (the plan, its approval and Today show the same): the
    legs between the stops in visiting order. The start and end points only choose the order:
    an approver does not know a rep's home, so a leg from it could not be the same figure."""
    settings = settings or PlanningSettings()
    located = [o for o in outlets if o.located]
    stops = [Stop(o.id, o.lat, o.lng) for o in located if o.lat is not None and o.lng is not None]
    if optimize:
        by_id = {s.id: s for s in stops}
        order = optimize_route(stops, start, end).order
        length_m = route_length_m([by_id[i] for i in order])
    else:
        order, length_m = [s.id for s in stops], route_length_m(stops)
    unlocated = [o.id for o in outlets if not o.located]
    distance_km = length_m / 1000
    return DayEstimate(
        day=day,
        order=order + unlocated,
        distance_km=distance_km,
        travel_min=distance_km / settings.avg_speed_kmh * 60,
        visit_min=float(sum(settings.duration_for(o.grade) for o in outlets)),
        unlocated=unlocated,
    )


def estimate_week(
    plan: Mapping[dt.date, Sequence[Outlet]],
    settings: PlanningSettings | None = None,
    *,
    start: LatLng | None = None,
    end: LatLng | None = None,
) -> dict[dt.date, DayEstimate]:
    """A DayEstimate per day of a plan, each from the same start (home or office) and end."""
    return {
        d: estimate_day(outlets, settings, day=d, start=start, end=end)
        for d, outlets in sorted(plan.items())
    }
