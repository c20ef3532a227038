"""`fieldsales geocode`: positions for customers that have an address and none, through geopy.

Every answer is kept in `geocode_cache` (provider, normalised address → the position in the
provider's datum and in WGS-84, or why it failed), so no address is asked twice of a provider:
an address the provider cannot place is reported and cached as `not_found`, never invented; an
error (rate limit after geopy's RateLimiter retries, quota, key, server) is cached as `error`
with its reason and asked again only with `retry_errors`. A dry run asks nothing and writes
nothing: it says what a real run would ask and place from the cache.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import psycopg
from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter

from backend.geocoders import DATUM, ProviderConfig, make_geocoder
from fieldapp.domain.geo import to_wgs84

_SPACES = re.compile(r"\s+")
_CJK_SPACES = re.compile(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])")  # a space beside 上海 etc.
NOT_FOUND = "服务商无法定位此地址 | the provider cannot place this address"
MAX_ADDRESS = 200  # geocode_cache.address_key's limit (and customers.address's)
_BATCH = 100  # answers written to the cache per transaction


def normalise_address(address: str) -> str:
    """The cache key of an address: NFKC, trimmed, one space for each run and none beside a
    Chinese character (上海市 黄浦区 = 上海市黄浦区), lower case (= private.geocode_key in SQL)."""
    spaced = _SPACES.sub(" ", unicodedata.normalize("NFKC", address).strip())
    return _CJK_SPACES.sub("", spaced).lower()


@dataclass(frozen=True)
class Answer:
    """What a provider said about one address."""

    status: str  # ok, not_found, error
    provider_lat: float | None = None
    provider_lng: float | None = None
    lat: float | None = None  # WGS-84
    lng: float | None = None
    formatted: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Failure:
    """A customer left without a position, and why."""

    code: str
    address: str
    reason: str


@dataclass
class Report:
    """What a run did."""

    provider: str
    dry_run: bool
    customers: int = 0  # with an address and no position (after --limit)
    addresses: int = 0  # distinct normalised addresses among them
    cache_hits: int = 0  # addresses answered from the cache
    asked: int = 0  # addresses asked of the provider (dry run: would ask)
    requests: int = 0  # HTTP requests made, retries included
    placed: int = 0  # customers given a position (dry run: from the cache)
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0

    def lines(self) -> list[str]:
        """The report, bilingual, one line each; every failure with code, address and reason."""
        head = (
            "试运行（不请求、不写入）| dry run (no requests, nothing written)"
            if self.dry_run
            else ""
        )
        out = [head] if head else []
        out += [
            f"服务商 provider            {self.provider}",
            f"待定位客户 customers       {self.customers:>8,}",
            f"不同地址 addresses         {self.addresses:>8,}",
            f"缓存命中 cache hits        {self.cache_hits:>8,}",
            f"{'将请求 would ask' if self.dry_run else '已请求 asked'}{'':<13}{self.asked:>8,}",
            f"HTTP 请求 requests         {self.requests:>8,}",
            f"已定位 placed              {self.placed:>8,}",
            f"未定位 not placed          {len(self.failures):>8,}",
            f"用时 seconds               {self.seconds:>8.1f}",
        ]
        for f in self.failures:
            out.append(f"  ✗ {f.code}  {f.address}  — {f.reason}")
        return out


def ask(geocode: Callable[[str], Any], provider: str, address: str) -> Answer:
    """One address through the (rate-limited) geocoder, converted to WGS-84; errors are answers."""
    try:
        place = geocode(address)
    except GeopyError as exc:
        reason = f"{type(exc).__name__}: {exc}".strip()
        return Answer("error", reason=f"服务商出错 | provider error — {reason}"[:500])
    if place is None:
        return Answer(
            "not_found", reason="服务商无法定位此地址 | the provider cannot place this address"
        )
    plat, plng = float(place.latitude), float(place.longitude)
    if not (-90 <= plat <= 90 and -180 <= plng <= 180):
        return Answer("error", reason=f"坐标超出范围 | position out of range ({plat}, {plng})")
    lat, lng = to_wgs84(plat, plng, DATUM[provider])
    # Baidu's geocoder answers a precision level ("门址"), not an address
    formatted = None if provider == "baidu" else str(place.address or "")[:500] or None
    return Answer("ok", plat, plng, lat, lng, formatted)


class Counting:
    """The geocoder's geocode, counting the HTTP requests it makes (retries included)."""

    def __init__(self, fn: Callable[..., Any]) -> None:
        self.fn, self.calls = fn, 0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        return self.fn(*args, **kwargs)


def rate_limited(fn: Callable[..., Any], cfg: ProviderConfig) -> RateLimiter:
    """geopy's RateLimiter around a provider call, as the settings say (errors are raised)."""
    return RateLimiter(
        fn,
        min_delay_seconds=cfg.min_delay,
        max_retries=cfg.max_retries,
        error_wait_seconds=cfg.error_wait,
        swallow_exceptions=False,
    )


def geocode_customers(
    conn: psycopg.Connection,
    cfg: ProviderConfig,
    *,
    dry_run: bool = False,
    limit: int | None = None,
    retry_errors: bool = False,
) -> Report:
    """Fill lat/lng of customers with an address and no position; answers the report."""
    started = time.perf_counter()
    report = Report(cfg.provider, dry_run)
    rows = conn.execute(
        "select id, code, address from public.customers"
        " where deleted_at is null and lat is null and nullif(btrim(address), '') is not null"
        " order by code limit %s",
        (limit,),
    ).fetchall()
    report.customers = len(rows)
    by_key: dict[str, str] = {}
    for _id, _code, address in rows:
        by_key.setdefault(normalise_address(address)[:MAX_ADDRESS], address)
    report.addresses = len(by_key)
    cached = cached_answers(conn, cfg.provider, list(by_key))
    todo = [k for k in by_key if k not in cached or (retry_errors and cached[k].status == "error")]
    report.cache_hits = len(by_key) - len(todo)
    report.asked = len(todo)
    answers = dict(cached)
    if todo and not dry_run:
        counting = Counting(make_geocoder(cfg).geocode)
        limited = rate_limited(counting, cfg)
        batch: list[tuple[str, str, Answer]] = []
        try:
            for key in todo:
                answers[key] = answer = ask(limited, cfg.provider, by_key[key])
                batch.append((key, by_key[key], answer))
                if len(batch) >= _BATCH:  # what was asked is kept even if the run stops
                    remember(conn, cfg.provider, batch)
                    batch = []
        finally:
            remember(conn, cfg.provider, batch)
            report.requests = counting.calls
    placed: list[tuple[float | None, float | None, Any]] = []
    for cid, code, address in rows:
        answer = answers.get(normalise_address(address)[:MAX_ADDRESS])
        if answer is not None and answer.status == "ok":
            placed.append((answer.lat, answer.lng, cid))
        else:
            why = answer.reason if answer is not None else "未请求（试运行）| not asked (dry run)"
            report.failures.append(Failure(code, address, why or ""))
    report.placed = len(placed)
    if placed and not dry_run:
        with conn.transaction(), conn.cursor() as cur:
            cur.executemany(
                "update public.customers set lat = %s, lng = %s where id = %s and lat is null",
                placed,
            )
    report.seconds = time.perf_counter() - started
    return report


def cached_answers(conn: psycopg.Connection, provider: str, keys: list[str]) -> dict[str, Answer]:
    """The provider's cached answers for these keys."""
    found = conn.execute(
        "select address_key, status, provider_lat, provider_lng, lat, lng, formatted_address,"
        " reason from public.geocode_cache where provider = %s and address_key = any(%s)",
        (provider, keys),
    ).fetchall()
    return {r[0]: Answer(*r[1:]) for r in found}


def remember(
    conn: psycopg.Connection, provider: str, answers: list[tuple[str, str, Answer]]
) -> None:
    """Keep answers (key, address, answer) in the cache, in one transaction."""
    if not answers:
        return
    with conn.transaction(), conn.cursor() as cur:
        cur.executemany(
            "insert into public.geocode_cache (provider, address_key, address, status, datum,"
            " provider_lat, provider_lng, lat, lng, formatted_address, reason)"
            " values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
            " on conflict (provider, address_key) do update set address = excluded.address,"
            " status = excluded.status, datum = excluded.datum,"
            " provider_lat = excluded.provider_lat, provider_lng = excluded.provider_lng,"
            " lat = excluded.lat, lng = excluded.lng,"
            " formatted_address = excluded.formatted_address,"
            " reason = excluded.reason, at = now()",
            [
                (
                    provider,
                    key,
                    address[:MAX_ADDRESS],
                    a.status,
                    DATUM[provider] if a.status == "ok" else None,
                    a.provider_lat,
                    a.provider_lng,
                    a.lat,
                    a.lng,
                    a.formatted,
                    a.reason,
                )
                for key, address, a in answers
            ],
        )
