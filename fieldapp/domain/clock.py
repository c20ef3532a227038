"""The company's calendar on the phone: today, weeks and local times in the company's time zone.

"Today" is the company's today (setting ``company.timezone``, default Asia/Shanghai) whatever
zone the phone is set to, so the phone and the server agree on which day a visit, a plan or an
order belongs to. The instant comes from the services' injectable clock (``now``), whose default is
``system_now``: the machine's clock, or ``FIELDSALES_NOW`` (an ISO instant with a zone) when set,
from which the clock then runs on — for tests and frozen demos. The service side (backend/clock.py)
reads the same. The zone is the company's, one per deployment: the phone sets it from the pulled
settings (``use_zone``).
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fieldapp.errors import InvalidInput

DEFAULT_ZONE = "Asia/Shanghai"
NOW_ENV = "FIELDSALES_NOW"
_zone = ZoneInfo(DEFAULT_ZONE)
_real_start = dt.datetime.now(dt.UTC)  # FIELDSALES_NOW is this instant


def frozen_at() -> dt.datetime | None:
    """The instant FIELDSALES_NOW starts the clock at, or None (InvalidInput when unreadable)."""
    text = os.environ.get(NOW_ENV, "").strip()
    if not text:
        return None
    try:
        t = dt.datetime.fromisoformat(text)
    except ValueError:
        t = None
    if t is None or t.tzinfo is None:
        raise InvalidInput(
            f"{NOW_ENV} 须是带时区的时间，例如 2026-12-01T23:30:00+08:00（收到 {text!r}）",
            f"{NOW_ENV} must be an ISO time with a zone, e.g. 2026-12-01T23:30:00+08:00 "
            f"(got {text!r})",
        )
    return t


def system_now() -> dt.datetime:
    """The current instant in UTC: the machine's, or FIELDSALES_NOW plus the time since start."""
    return dt.datetime.now(dt.UTC) + _offset()


def from_device(t: dt.datetime) -> dt.datetime:
    """A time the device's own clock stamped (a GPS fix) on this clock: a frozen clock shifts
    it as it shifts now, so the fix is as fresh as it really is."""
    return (t if t.tzinfo else t.replace(tzinfo=dt.UTC)).astimezone(dt.UTC) + _offset()


def _offset() -> dt.timedelta:
    start = frozen_at()
    return dt.timedelta(0) if start is None else start - _real_start


def zone() -> ZoneInfo:
    """The company's time zone."""
    return _zone


def use_zone(name: str | None) -> ZoneInfo:
    """Use the named zone from now on (the default for a missing or unknown name)."""
    global _zone
    try:
        _zone = ZoneInfo(name) if name else ZoneInfo(DEFAULT_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        _zone = ZoneInfo(DEFAULT_ZONE)
    return _zone


def local(t: dt.datetime) -> dt.datetime:
    """An instant on the company's clock (a naive instant is taken as UTC)."""
    return (t if t.tzinfo else t.replace(tzinfo=dt.UTC)).astimezone(_zone)


def day_of(t: dt.datetime) -> dt.date:
    """The company's calendar day of an instant."""
    return local(t).date()


def today(now: dt.datetime) -> dt.date:
    """The company's today at the instant now."""
    return day_of(now)


def monday(day: dt.date) -> dt.date:
    """The Monday of day's ISO week (weeks start on Monday)."""
    return day - dt.timedelta(days=day.weekday())


def day_start(day: dt.date) -> dt.datetime:
    """The instant the company's calendar day starts, in UTC."""
    return dt.datetime.combine(day, dt.time(), _zone).astimezone(dt.UTC)
