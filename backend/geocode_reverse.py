"""`fieldsales geocode --reverse`: addresses for the places reps check in, through geopy.

The phone holds no provider key and the database calls no provider, so a check-in's nearby
address (`geocode_near`) comes from the geocoder's cache. This run fills the cache where reps
actually are: each recent check-in position with no placed address within 150 m is asked of the
provider once (the point converted from WGS-84 to the provider's datum on the way out), and the
answer is kept as a cache row (the formatted address at the WGS-84 point asked). A position the
provider cannot name is cached as `not_found` under its rounded coordinates, so it is not asked
again; an error is cached with its reason and asked again only with `retry_errors`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import psycopg
from geopy.exc import GeopyError

from backend.geocode import (
    MAX_ADDRESS,
    Answer,
    Counting,
    cached_answers,
    normalise_address,
    rate_limited,
    remember,
)
from backend.geocoders import DATUM, ProviderConfig, make_geocoder
from fieldapp.domain.geo import wgs84_to_bd09, wgs84_to_gcj02

NEAR_M = 150  # as far as the check-in screen looks for an address (geocode_near's default)
_FROM_WGS84 = {"wgs84": lambda lat, lng: (lat, lng), "gcj02": wgs84_to_gcj02, "bd09": wgs84_to_bd09}


@dataclass
class ReverseReport:
    """What a reverse run did."""

    provider: str
    dry_run: bool
    days: int
    positions: int = 0  # distinct check-in positions (rounded to ~10 m) in the period
    near: int = 0  # already with a placed address within 150 m
    cache_hits: int = 0  # asked before (not found, or an error not retried)
    asked: int = 0  # asked of the provider (dry run: would ask)
    requests: int = 0  # HTTP requests, retries included
    named: int = 0  # given an address
    failures: list[tuple[float, float, str]] = field(default_factory=list)
    seconds: float = 0.0

    def lines(self) -> list[str]:
        """The report, bilingual, one line each; every position left unnamed with its reason."""
        out = ["试运行（不请求、不写入）| dry run (no requests, nothing written)"] * self.dry_run
        out += [
            f"服务商 provider            {self.provider}",
            f"签到位置 check-in spots    {self.positions:>8,}  ({self.days} 天 days)",
            f"附近已有地址 named nearby  {self.near:>8,}",
            f"缓存命中 cache hits        {self.cache_hits:>8,}",
            f"{'将请求 would ask' if self.dry_run else '已请求 asked'}{'':<13}{self.asked:>8,}",
            f"HTTP 请求 requests         {self.requests:>8,}",
            f"已得地址 named             {self.named:>8,}",
            f"未得地址 not named         {len(self.failures):>8,}",
            f"用时 seconds               {self.seconds:>8.1f}",
        ]
        out += [f"  ✗ {lat:.5f},{lng:.5f}  — {why}" for lat, lng, why in self.failures]
        return out


def spot_key(lat: float, lng: float) -> str:
    """The cache key of a position asked in reverse (an address key never starts with '@')."""
    return f"@{lat:.4f},{lng:.4f}"


def reverse_ask(reverse: Any, provider: str, lat: float, lng: float) -> Answer:
    """The provider's address at a WGS-84 point; errors and empty answers are answers."""
    plat, plng = _FROM_WGS84[DATUM[provider]](lat, lng)
    try:
        place = reverse((plat, plng))
    except GeopyError as exc:
        reason = f"{type(exc).__name__}: {exc}".strip()
        return Answer("error", reason=f"服务商出错 | provider error — {reason}"[:500])
    text = getattr(place, "address", None) if place is not None else None
    if isinstance(text, bytes):  # geopy's Baidu reverse answers bytes
        text = text.decode("utf-8")
    if not text or not str(text).strip():
        return Answer(
            "not_found", reason="服务商无法给出此处地址 | the provider names no address here"
        )
    return Answer("ok", plat, plng, lat, lng, str(text).strip()[:500])


def reverse_checkins(
    conn: psycopg.Connection,
    cfg: ProviderConfig,
    *,
    days: int = 30,
    dry_run: bool = False,
    retry_errors: bool = False,
) -> ReverseReport:
    """Name the recent check-in positions that have no placed address within 150 m."""
    started = time.perf_counter()
    report = ReverseReport(cfg.provider, dry_run, days)
    spots = conn.execute(
        "select distinct round(checkin_lat::numeric, 4)::float8,"
        "       round(checkin_lng::numeric, 4)::float8"
        "  from public.visits"
        " where checkin_lat is not null and checkin_lng is not null"
        "   and (checkin_at at time zone (select private.company_tz()))::date"
        "       >= private.company_today() - %s"
        " order by 1, 2",
        (days,),
    ).fetchall()
    report.positions = len(spots)
    cached = cached_answers(conn, cfg.provider, [spot_key(lat, lng) for lat, lng in spots])
    counting = Counting(make_geocoder(cfg).reverse)
    limited = rate_limited(counting, cfg)
    for lat, lng in spots:
        if _named_near(conn, lat, lng):
            report.near += 1
            continue
        key = spot_key(lat, lng)
        before = cached.get(key)
        if before is not None and not (retry_errors and before.status == "error"):
            report.cache_hits += 1
            report.failures.append((lat, lng, before.reason or ""))
            continue
        report.asked += 1
        if dry_run:
            continue
        answer = reverse_ask(limited, cfg.provider, lat, lng)
        if answer.status == "ok":  # kept under its address, so geocode_near finds it
            text = answer.formatted or ""
            remember(conn, cfg.provider, [(normalise_address(text)[:MAX_ADDRESS], text, answer)])
            report.named += 1
        else:
            remember(conn, cfg.provider, [(key, key, answer)])
            report.failures.append((lat, lng, answer.reason or ""))
    report.requests = counting.calls
    report.seconds = time.perf_counter() - started
    return report


def _named_near(conn: psycopg.Connection, lat: float, lng: float) -> bool:
    return (
        conn.execute("select 1 from public.geocode_near(%s, %s, %s)", (lat, lng, NEAR_M)).fetchone()
        is not None
    )
