"""Where the phone is: a position fix, its age and accuracy, and how far it is from an outlet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from fieldapp.domain.distance import check_point, haversine_m
from fieldapp.errors import InvalidInput

GPS, MANUAL = "gps", "manual"
MAX_FIX_AGE_S = 120.0  # older fixes may come from the last store: never check in with them
MAX_CLOCK_SKEW_S = 60.0  # a fix from the future means a wrong clock on one side


class StaleFix(InvalidInput):
    """The position is too old (or dated in the future) to prove where the rep is now."""

    title_zh = "定位已过期"
    title_en = "Position is out of date"


@dataclass(frozen=True)
class Fix:
    """A position: WGS-84 degrees, horizontal accuracy in metres, when it was taken, from where."""

    lat: float
    lng: float
    accuracy_m: float | None
    at: dt.datetime
    source: str = GPS  # gps: from the device; manual: typed or picked by the user

    def __post_init__(self) -> None:
        check_point(self.lat, self.lng, "当前位置", "current position")
        if self.at.tzinfo is None:
            raise InvalidInput("定位时间缺少时区", "the position's time has no time zone")

    def age_s(self, now: dt.datetime) -> float:
        """Seconds since the fix was taken (negative when dated in the future)."""
        return (now - self.at).total_seconds()


def check_fresh(fix: Fix, now: dt.datetime, max_age_s: float = MAX_FIX_AGE_S) -> None:
    """Raise StaleFix unless the fix was taken within max_age_s before now."""
    age = fix.age_s(now)
    if age > max_age_s:
        raise StaleFix(
            f"位置是 {int(age)} 秒前的（最多 {int(max_age_s)} 秒），请重新定位",
            f"the position is {int(age)} s old (at most {int(max_age_s)} s); locate again",
        )
    if age < -MAX_CLOCK_SKEW_S:
        raise StaleFix(
            "位置的时间晚于手机时间，请检查手机时间后重新定位",
            "the position is dated in the future; check the phone's clock and locate again",
        )


def distance_to(fix: Fix | None, row: Mapping[str, Any] | None) -> float | None:
    """Metres from the fix to a row with lat/lng (None when either is unknown)."""
    if fix is None or row is None:
        return None
    lat, lng = row.get("lat"), row.get("lng")
    if lat is None or lng is None:
        return None
    return haversine_m(fix.lat, fix.lng, float(lat), float(lng))


def parse_manual(lat_text: str, lng_text: str, now: dt.datetime) -> Fix:
    """A manual position from two text fields; InvalidInput when they are not coordinates."""
    try:
        lat, lng = float(lat_text.strip()), float(lng_text.strip())
    except ValueError as exc:
        raise InvalidInput(
            "请输入数字形式的纬度和经度，例如 31.2304 和 121.4737",
            "enter latitude and longitude as numbers, e.g. 31.2304 and 121.4737",
        ) from exc
    return Fix(lat, lng, None, now, MANUAL)
