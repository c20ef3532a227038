"""Locate from address (根据地址定位) on the phone: the server's geocoder cache through the
`geocode_lookup` RPC (the phone holds no provider key and never calls a provider). Online only:
offline the call raises ConnectionLost and the form says so; GPS and typing a position still
work. An address the cache does not know answers None (reported, never invented)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fieldapp.errors import InvalidInput
from fieldapp.services.base import UserService
from fieldapp.services.position import MANUAL, Fix
from fieldapp.sync.reverse import ReverseGeocoder
from fieldapp.sync.reverse import from_env as reverse_from_env

MAX_ADDRESS = 200


@dataclass(frozen=True)
class Located:
    """Where the server's cache places an address."""

    fix: Fix  # WGS-84, a manual position (not the phone's GPS)
    provider: str
    formatted: str | None


class GeocodingService(UserService):
    """The new-outlet form's 根据地址定位 and the check-in's nearby address."""

    def setup(self) -> None:
        """Nearby addresses already read, by position rounded to ~1 m; the company's live
        reverse geocoder, if it switched one on (fieldapp/sync/reverse.py)."""
        self._near: dict[tuple[float, float], tuple[str, float] | None] = {}
        self.reverse: ReverseGeocoder | None = reverse_from_env()

    def check_address(self, address: str | None) -> str:
        """The trimmed address; InvalidInput (naming the field) when empty or over-long."""
        text = (address or "").strip()
        if not text:
            raise InvalidInput("请先填写地址（地址）", "enter the address first (address)")
        if len(text) > MAX_ADDRESS:
            raise InvalidInput(
                f"地址不能超过{MAX_ADDRESS}个字符（地址）",
                f"the address is longer than {MAX_ADDRESS} characters (address)",
            )
        return text

    def locate(self, address: str | None) -> Located | None:
        """The cached position of the address, or None; InvalidInput for an empty or over-long
        address (nothing asked); ConnectionLost offline."""
        text = self.check_address(address)
        rows: Any = self.rpc("geocode_lookup", p_address=text)
        row = (
            rows[0] if isinstance(rows, list) and rows else rows if isinstance(rows, dict) else None
        )
        if not row or row.get("lat") is None or row.get("lng") is None:
            return None
        fix = Fix(float(row["lat"]), float(row["lng"]), None, self.now(), MANUAL)
        return Located(fix, str(row.get("provider") or ""), row.get("formatted_address"))

    def near(self, fix: Fix) -> tuple[str, float] | None:
        """The cached address nearest the position (within 150 m) and its distance in metres,
        else the live reverse geocoder's address at the position (distance 0) where the
        company switched one on, or None; ConnectionLost offline. Read once per position (the
        check-in screen rebuilds often)."""
        key = (round(fix.lat, 5), round(fix.lng, 5))
        if key in self._near:
            return self._near[key]
        rows: Any = self.rpc("geocode_near", p_lat=fix.lat, p_lng=fix.lng)
        row = (
            rows[0] if isinstance(rows, list) and rows else rows if isinstance(rows, dict) else None
        )
        found = None
        if row and row.get("address"):
            text = str(row.get("formatted_address") or row["address"])
            found = (text, float(row.get("distance_m") or 0.0))
        elif self.reverse is not None:  # none known near: the provider names the spot itself
            here = self.reverse.address(fix.lat, fix.lng)
            found = (here, 0.0) if here else None
        self._near[key] = found
        return found
