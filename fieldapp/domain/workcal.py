"""The company's working calendar (工作日历): statutory holidays, make-up working days (调休) and
the company's own days.

A day is a working day by, in order: the company's override (setting ``calendar.days``, entered
by managers, e.g. next year's official schedule before the package knows it), the statutory
calendar of the package ``chinese-calendar`` (holidays and make-up working days), and otherwise
Monday to Friday. The server answers the same with ``private.is_working_day(date)`` (the override
setting + ``private.statutory_days``, filled from the same package). Pure: no store, no clock.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import chinese_calendar  # type: ignore[import-untyped]  # no stubs; four calls, typed here

from fieldapp.errors import InvalidInput

SETTING = "calendar.days"  # {"2027-01-01": {"kind": "holiday"|"workday", "note": "元旦"}, …}
HOLIDAY, WORKDAY = "holiday", "workday"  # the override kinds
KINDS = (HOLIDAY, WORKDAY)
# what a day is, for the plan screen: a holiday on a weekday (休), a make-up working day on a
# weekend (班), an ordinary weekend, an ordinary working day
DAY_HOLIDAY, DAY_MAKEUP, DAY_WEEKEND, DAY_WORK = "holiday", "makeup", "weekend", "work"
NOTE_MAX = 200
# the package's names of the statutory holidays, in Chinese
HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}


@dataclass(frozen=True)
class Override:
    """A company's own day: a holiday or a working day, with a note (e.g. 公司年会)."""

    kind: str
    note: str = ""


@functools.lru_cache(maxsize=4096)
def _statutory(day: dt.date) -> bool | None:
    """The package's answer (True: working day), or None for a year it does not know."""
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return None


@functools.lru_cache(maxsize=4096)
def statutory_name(day: dt.date) -> str | None:
    """The statutory holiday a day belongs to (holidays and their make-up days), if any."""
    try:
        _, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        return None
    return str(name) if name else None


def parse_overrides(value: Any) -> dict[dt.date, Override]:
    """The setting's value as {day: Override}; InvalidInput (bilingual) naming a bad entry."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InvalidInput(
            f"设置 {SETTING} 应为“日期 → 类型”的对象",
            f"setting {SETTING} must be an object of days",
        )
    out: dict[dt.date, Override] = {}
    for key, entry in value.items():
        try:
            day = dt.date.fromisoformat(str(key))
        except ValueError:
            raise InvalidInput(
                f"工作日历：日期 {key!r} 无效（应为 YYYY-MM-DD）",
                f"working calendar: {key!r} is not a date (YYYY-MM-DD)",
            ) from None
        kind = entry.get("kind") if isinstance(entry, Mapping) else None
        if kind not in KINDS:
            raise InvalidInput(
                f"工作日历：{day} 的类型 {kind!r} 无效（应为 holiday 或 workday）",
                f"working calendar: {day} has kind {kind!r}, not holiday or workday",
            )
        note = entry.get("note") or ""
        if not isinstance(note, str) or len(note) > NOTE_MAX:
            raise InvalidInput(
                f"工作日历：{day} 的备注应为最多 {NOTE_MAX} 字的文字",
                f"working calendar: the note of {day} must be text of at most {NOTE_MAX}"
                " characters",
            )
        out[day] = Override(kind, note)
    return out


@dataclass(frozen=True)
class WorkCalendar:
    """Answers whether a day is worked, and counts and lists working days."""

    overrides: Mapping[dt.date, Override] = field(default_factory=dict)

    @classmethod
    def from_setting(cls, value: Any) -> WorkCalendar:
        """From the setting calendar.days (None: statutory only)."""
        return cls(parse_overrides(value))

    def is_working_day(self, day: dt.date) -> bool:
        """Override, else the statutory calendar, else Monday–Friday."""
        o = self.overrides.get(day)
        if o is not None:
            return o.kind == WORKDAY
        statutory = _statutory(day)
        return day.isoweekday() < 6 if statutory is None else statutory

    def day_kind(self, day: dt.date) -> str:
        """holiday (休: off for a statutory or company holiday, weekends inside one too), makeup
        (班: worked on a weekend), weekend (an ordinary one) or work."""
        weekend = day.isoweekday() >= 6
        if self.is_working_day(day):
            return DAY_MAKEUP if weekend else DAY_WORK
        if not weekend or day in self.overrides or statutory_name(day):
            return DAY_HOLIDAY
        return DAY_WEEKEND

    def note(self, day: dt.date) -> str | None:
        """Why a day is special: the company's note or the statutory holiday's name."""
        o = self.overrides.get(day)
        if o is not None:
            return o.note or None
        return statutory_name(day)

    def working_days(self, days: Iterable[dt.date]) -> list[dt.date]:
        """The working days among days, in their order."""
        return [d for d in days if self.is_working_day(d)]

    def next_working_days(self, start: dt.date, count: int) -> list[dt.date]:
        """The first `count` working days on or after start (at most a year ahead)."""
        if count < 0:
            raise InvalidInput("天数不能为负", "count cannot be negative")
        out: list[dt.date] = []
        day = start
        while len(out) < count and (day - start).days <= 366:
            if self.is_working_day(day):
                out.append(day)
            day += dt.timedelta(days=1)
        return out

    def next_working_day(self, day: dt.date) -> dt.date:
        """The day itself when worked, else the first working day after it (a due day on a
        holiday or an ordinary weekend moves there; a make-up day 班 is worked). With no working
        day within a year (a calendar gone wrong), the day itself: a due day is never lost."""
        found = self.next_working_days(day, 1)
        return found[0] if found else day

    def add_working_days(self, start: dt.date, count: int) -> dt.date:
        """The day `count` working days after start (count 0: start itself)."""
        if count <= 0:
            return start
        return self.next_working_days(start + dt.timedelta(days=1), count)[-1]

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        """Working days after a up to and including b (0 when b <= a)."""
        n, day = 0, a + dt.timedelta(days=1)
        while day <= b:
            n += self.is_working_day(day)
            day += dt.timedelta(days=1)
        return n


STATUTORY = WorkCalendar()
