"""How numbers, distances, money and times read on a small screen, in Chinese and English."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from fieldapp.domain import clock as company_clock


def money(amount: Decimal | float | int, lang: str = "zh") -> str:
    """An amount in CNY with two decimals and thousands separators: ¥1,234.50, −¥720.00."""
    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"−¥{-value:,.2f}" if value < 0 else f"¥{abs(value):,.2f}"


def quantity(q: float | int | Decimal | None) -> str:
    """A quantity without trailing zeros (12, 12.5)."""
    if q is None:
        return "—"
    value = Decimal(str(q)).normalize()
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


NBSP = "\u00a0"  # between a number and its unit: a line never breaks between them


def distance(metres: float | None, lang: str = "zh") -> str:
    """A distance: 85 m, 1.2 km (Chinese: 85 米, 1.2 公里); a dash when unknown."""
    if metres is None:
        return "—"
    if metres < 1000:
        n = f"{round(metres):d}"
        return f"{n}{NBSP}米" if lang != "en" else f"{n}{NBSP}m"
    km = f"{metres / 1000:.1f}"
    return f"{km}{NBSP}公里" if lang != "en" else f"{km}{NBSP}km"


def parse_time(value: str | None) -> dt.datetime | None:
    """An ISO timestamp from the store (naive ones are UTC), or None."""
    if not value:
        return None
    try:
        t = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=dt.UTC)


def clock(value: str | dt.datetime | None) -> str:
    """Local time of day, HH:MM (a dash when unknown)."""
    t = parse_time(value) if isinstance(value, str) or value is None else value
    return "—" if t is None else company_clock.local(t).strftime("%H:%M")


def day(value: str | dt.date | None) -> str:
    """A date as YYYY-MM-DD (a dash when unknown)."""
    if value is None or value == "":
        return "—"
    if isinstance(value, dt.datetime):
        return company_clock.day_of(value).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    t = parse_time(value)
    return value[:10] if t is None or len(value) <= 10 else company_clock.day_of(t).isoformat()


def ago(value: str | None, now: dt.datetime, lang: str = "zh") -> str:
    """How long ago: 刚刚 / 5 分钟前 / 3 小时前 / a date."""
    t = parse_time(value)
    if t is None:
        return "从未" if lang != "en" else "never"
    seconds = (now - t).total_seconds()
    if seconds < 60:
        return "刚刚" if lang != "en" else "just now"
    if seconds < 3600:
        n = int(seconds // 60)
        return f"{n} 分钟前" if lang != "en" else f"{n} min ago"
    if seconds < 86400:
        n = int(seconds // 3600)
        return f"{n} 小时前" if lang != "en" else f"{n} h ago"
    return day(value)


def duration(seconds: float | None, lang: str = "zh") -> str:
    """A visit's length: 25 分钟 / 1 小时 5 分钟 (25 min / 1 h 5 min)."""
    if seconds is None:
        return "—"
    minutes = max(0, round(seconds / 60))
    h, m = divmod(minutes, 60)
    if lang == "en":
        return f"{h} h {m} min" if h else f"{m} min"
    return f"{h} 小时 {m} 分钟" if h else f"{m} 分钟"
