"""The providers `fieldsales geocode` asks, as geopy geocoders, configured from the environment.

- Nominatim (OpenStreetMap): geopy's own; answers WGS-84.
- Baidu: geopy's BaiduV3 with its domain made settable (geopy fixes api.map.baidu.com); answers
  BD-09 (bd09ll, Baidu's default).
- AMap (高德): geopy has none; `AMap` below speaks AMap's REST geocode API
  (/v3/geocode/geo and /v3/geocode/regeo); answers GCJ-02.

Domain, scheme and keys come from the environment, never from the repository:
FIELDSALES_GEOCODE_<PROVIDER>_DOMAIN, _SCHEME (https), _KEY (Baidu's AK, AMap's key; Nominatim
needs none), FIELDSALES_GEOCODE_USER_AGENT (Nominatim's usage policy asks for one naming the
application), FIELDSALES_GEOCODE_MIN_DELAY (seconds between requests: 1.0, Nominatim's policy),
FIELDSALES_GEOCODE_TIMEOUT (seconds, 10), FIELDSALES_GEOCODE_ERROR_WAIT (seconds before one of
the two retries after a rate limit or a server error, 5).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import urlencode

from geopy.exc import (
    GeocoderAuthenticationFailure,
    GeocoderQueryError,
    GeocoderQuotaExceeded,
    GeocoderRateLimited,
    GeocoderServiceError,
)
from geopy.geocoders import BaiduV3, Nominatim
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location

from fieldapp.errors import InvalidInput

PROVIDERS = ("nominatim", "baidu", "amap")
DATUM = {"nominatim": "wgs84", "baidu": "bd09", "amap": "gcj02"}
DEFAULT_DOMAIN = {
    "nominatim": "nominatim.openstreetmap.org",
    "baidu": "api.map.baidu.com",
    "amap": "restapi.amap.com",
}
_ENV = "FIELDSALES_GEOCODE_"


@dataclass(frozen=True)
class ProviderConfig:
    """Where and how to ask one provider."""

    provider: str
    domain: str
    scheme: str = "https"
    api_key: str | None = None
    user_agent: str = "fieldsales-geocode"
    min_delay: float = 1.0
    timeout: float = 10.0
    error_wait: float = 5.0  # seconds before retrying an error (HTTP 429, 5xx, timeout)
    max_retries: int = 2


def config_from_env(provider: str, env: Mapping[str, str] | None = None) -> ProviderConfig:
    """The provider's settings from the environment; refuses an unknown provider, a missing key."""
    env = os.environ if env is None else env
    if provider not in PROVIDERS:
        raise InvalidInput(
            f"--provider 须为 {'、'.join(PROVIDERS)} 之一（不是「{provider}」）",
            f"--provider must be one of {', '.join(PROVIDERS)} (not {provider!r})",
        )
    p = f"{_ENV}{provider.upper()}_"
    scheme = env.get(p + "SCHEME", "https")
    if scheme not in ("http", "https"):
        raise InvalidInput(
            f"{p}SCHEME 须为 http 或 https（不是「{scheme}」）",
            f"{p}SCHEME must be http or https (not {scheme!r})",
        )
    key = env.get(p + "KEY") or None
    if provider != "nominatim" and key is None:
        raise InvalidInput(
            f"缺少 {p}KEY：{provider} 需要密钥（在环境变量中设置，不要写进代码库）",
            f"{p}KEY is missing: {provider} needs a key (set it in the environment)",
        )
    return ProviderConfig(
        provider=provider,
        domain=env.get(p + "DOMAIN") or DEFAULT_DOMAIN[provider],
        scheme=scheme,
        api_key=key,
        user_agent=env.get(_ENV + "USER_AGENT") or "fieldsales-geocode",
        min_delay=_seconds(env, _ENV + "MIN_DELAY", 1.0),
        timeout=_seconds(env, _ENV + "TIMEOUT", 10.0),
        error_wait=_seconds(env, _ENV + "ERROR_WAIT", 5.0),
    )


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 60:
        raise InvalidInput(
            f"{name} 须为0到60秒（不是「{raw}」）", f"{name} must be 0 to 60 seconds (not {raw!r})"
        )
    return value


def make_geocoder(cfg: ProviderConfig) -> Geocoder:
    """The geopy geocoder for a provider's settings."""
    common: dict[str, Any] = {"scheme": cfg.scheme, "timeout": cfg.timeout}
    if cfg.provider == "nominatim":
        return Nominatim(domain=cfg.domain, user_agent=cfg.user_agent, **common)
    if cfg.provider == "baidu":
        return BaiduV3Domain(api_key=cfg.api_key, domain=cfg.domain, **common)
    return AMap(api_key=cfg.api_key or "", domain=cfg.domain, **common)


class BaiduV3Domain(BaiduV3):  # type: ignore[misc]
    """geopy's BaiduV3 with a settable domain; "无相关结果" (no result) is None, not an error."""

    def __init__(self, api_key: str | None, *, domain: str, **kwargs: Any) -> None:
        super().__init__(api_key, **kwargs)
        self.api = f"{self.scheme}://{domain}{self.api_path}"
        self.reverse_api = f"{self.scheme}://{domain}{self.reverse_path}"

    def _parse_json(self, page: dict[str, Any], exactly_one: bool = True) -> Any:
        if (
            not page.get("result")
            and page.get("status") == 1
            and "无相关结果" in str(page.get("msg"))
        ):
            return None  # Baidu's answer for an address it cannot place
        return super()._parse_json(page, exactly_one)


# AMap infocodes (https://lbs.amap.com/api/webservice/guide/tools/info)
_AMAP_AUTH = {"10001", "10002", "10005", "10006", "10007", "10008", "10009", "10010", "10011"}
_AMAP_QUOTA = {"10003", "10044", "10045"}  # daily limits
_AMAP_RATE = {"10004", "10014", "10019", "10020", "10021"}  # per second / concurrency


class AMap(Geocoder):  # type: ignore[misc]
    """AMap's (高德) REST geocoder: /v3/geocode/geo (address → GCJ-02) and /v3/geocode/regeo."""

    geocode_path = "/v3/geocode/geo"
    reverse_path = "/v3/geocode/regeo"

    def __init__(self, api_key: str, *, domain: str = DEFAULT_DOMAIN["amap"], **kwargs: Any):
        super().__init__(**kwargs)
        self.api_key = api_key
        self.api = f"{self.scheme}://{domain}{self.geocode_path}"
        self.reverse_api = f"{self.scheme}://{domain}{self.reverse_path}"

    def geocode(
        self, query: str, *, exactly_one: bool = True, timeout: Any = DEFAULT_SENTINEL
    ) -> Any:
        """The GCJ-02 Location of an address, or None when AMap cannot place it."""
        params = {"key": self.api_key, "address": query, "output": "JSON"}
        url = f"{self.api}?{urlencode(params)}"
        return self._call_geocoder(
            url, partial(self._parse_geo, exactly_one=exactly_one), timeout=timeout
        )

    def reverse(
        self, query: Any, *, exactly_one: bool = True, timeout: Any = DEFAULT_SENTINEL
    ) -> Any:
        """The formatted address at a GCJ-02 point, or None."""
        lat, lng = (float(v) for v in self._coerce_point_to_string(query).split(","))
        params = {"key": self.api_key, "location": f"{lng:.6f},{lat:.6f}", "output": "JSON"}
        url = f"{self.reverse_api}?{urlencode(params)}"
        return self._call_geocoder(
            url,
            partial(self._parse_regeo, point=(lat, lng), exactly_one=exactly_one),
            timeout=timeout,
        )

    @staticmethod
    def _check(page: dict[str, Any]) -> None:
        if str(page.get("status")) == "1":
            return
        info, code = str(page.get("info")), str(page.get("infocode"))
        text = f"AMap {code} {info}"
        if code in _AMAP_AUTH:
            raise GeocoderAuthenticationFailure(text)
        if code in _AMAP_QUOTA:
            raise GeocoderQuotaExceeded(text)
        if code in _AMAP_RATE:
            raise GeocoderRateLimited(text)
        if code.startswith("200"):
            raise GeocoderQueryError(text)
        raise GeocoderServiceError(text)

    def _parse_geo(self, page: dict[str, Any], exactly_one: bool = True) -> Any:
        self._check(page)
        places = []
        for g in page.get("geocodes") or []:
            lng, lat = (float(v) for v in str(g["location"]).split(","))
            places.append(Location(g.get("formatted_address") or "", (lat, lng), g))
        if not places:
            return None
        return places[0] if exactly_one else places

    def _parse_regeo(
        self, page: dict[str, Any], point: tuple[float, float], exactly_one: bool = True
    ) -> Any:
        self._check(page)
        address = (page.get("regeocode") or {}).get("formatted_address")
        if not address or not isinstance(address, str):
            return None
        place = Location(address, point, page["regeocode"])
        return place if exactly_one else [place]
