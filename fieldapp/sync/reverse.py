"""The check-in's live address (附近地址) where the server's cache knows none within 150 m:
Nominatim's reverse geocoder (keyless, WGS-84, the project's datum) through geopy, asked by the
app only where the company switched it on, with its own Nominatim if it runs one:

    FIELDSALES_REVERSE_GEOCODER=nominatim
    FIELDSALES_GEOCODE_NOMINATIM_DOMAIN=nominatim.example.cn   (default the public one)
    FIELDSALES_GEOCODE_NOMINATIM_SCHEME=https

Keyed providers (Baidu, AMap) are never asked from the app: their keys stay on the server, which
fills the cache with `fieldsales geocode --reverse` (docs/geocode.md). Off by default."""

from __future__ import annotations

from collections.abc import Mapping

from fieldapp.sync.errors import ConnectionLost

# geopy and os are imported where used: sync's modules load only the standard library's basics
# at import time (tests/sync/test_packaging.py)

_PUBLIC = "nominatim.openstreetmap.org"


class ReverseGeocoder:
    """One provider's reverse lookups (called off the UI path)."""

    def __init__(self, domain: str, scheme: str = "https", timeout: float = 5.0) -> None:
        from geopy.geocoders import Nominatim

        self._geocoder = Nominatim(
            domain=domain, scheme=scheme, timeout=timeout, user_agent="fieldsales-app"
        )

    def address(self, lat: float, lng: float) -> str | None:
        """The address at a WGS-84 point, or None when the provider names none; ConnectionLost
        when it cannot be reached."""
        from geopy.exc import GeocoderTimedOut, GeocoderUnavailable, GeopyError

        try:
            place = self._geocoder.reverse((lat, lng), language="zh-CN", exactly_one=True)
        except (GeocoderUnavailable, GeocoderTimedOut) as exc:
            raise ConnectionLost("无法连接地址服务", "cannot reach the address service") from exc
        except GeopyError:
            return None  # a refusal or a bad answer: nothing to show, check-in goes on
        text = str(place.address).strip() if place is not None else ""
        return text or None


def from_env(env: Mapping[str, str] | None = None) -> ReverseGeocoder | None:
    """The company's reverse geocoder, or None when it is not switched on."""
    import os

    env = os.environ if env is None else env
    if env.get("FIELDSALES_REVERSE_GEOCODER", "").strip().lower() != "nominatim":
        return None
    scheme = env.get("FIELDSALES_GEOCODE_NOMINATIM_SCHEME") or "https"
    domain = env.get("FIELDSALES_GEOCODE_NOMINATIM_DOMAIN") or _PUBLIC
    return ReverseGeocoder(domain, "http" if scheme == "http" else "https")
