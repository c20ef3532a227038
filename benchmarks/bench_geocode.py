"""Geocoding (issue 19's target: 1,000 addresses against the loopback provider with a 0 s rate
limit in under 5 s; a second run, all cache hits, sends no request): `geocode_customers` for
1,000 customers with distinct addresses and no position (AMap's JSON, GCJ-02 → WGS-84, the
cache written row by row), beside its baseline, the same 1,000 HTTP round trips made by the
same geopy geocoder alone (no database, no RateLimiter). Medians of 3 runs, each on a fresh
set of customers and an empty cache.
Run: python -m benchmarks.bench_geocode"""

from __future__ import annotations

import statistics
import time

import psycopg
from psycopg.conninfo import make_conninfo

from backend.geocode import geocode_customers
from backend.geocoders import config_from_env, make_geocoder
from benchmarks.common import server_url
from tests.geocode_fake import fake_provider

DB = "fieldsales_bench_geocode"
ADDRESSES = 1_000
RUNS = 3
TARGET_S = 5.0


def database() -> str:
    """An empty migrated database of its own."""
    from backend.migrate import migrate

    url = make_conninfo(server_url(), dbname=DB)
    with psycopg.connect(server_url(), autocommit=True) as admin:
        if not admin.execute("select 1 from pg_database where datname = %s", (DB,)).fetchone():
            admin.execute(f"create database {DB}")
    with psycopg.connect(url, autocommit=True) as conn:
        migrate(conn)
    return url


def _addresses(run: int) -> list[str]:
    return [f"浙江省杭州市西湖区测试路{run}-{i}号" for i in range(ADDRESSES)]


def _reset(conn: psycopg.Connection, addresses: list[str]) -> None:
    conn.execute("delete from geocode_cache")
    conn.execute("delete from customers where code like 'BG%'")
    area = conn.execute(
        "insert into areas (code, name) values ('BGEO', '定位基准') on conflict (code)"
        " do update set name = excluded.name returning id"
    ).fetchone()[0]
    with conn.cursor() as cur:
        cur.executemany(
            "insert into customers (code, name, tier, area_id, address) values (%s, %s, 1, %s, %s)",
            [(f"BG{i:04d}", f"基准{i}", area, a) for i, a in enumerate(addresses)],
        )


def main() -> None:
    url = database()
    full, again, raw = [], [], []
    with fake_provider() as fake, psycopg.connect(url, autocommit=True) as conn:
        cfg = config_from_env("amap", fake.env("amap"))
        for run in range(RUNS):
            addresses = _addresses(run)
            for i, a in enumerate(addresses):
                fake.places[a] = (30.25 + i * 1e-4, 120.15 + i * 1e-4)
            # baseline: the same round trips through the same geocoder, nothing else
            geocoder = make_geocoder(cfg)
            t = time.perf_counter()
            for a in addresses:
                geocoder.geocode(a)
            raw.append(time.perf_counter() - t)
            _reset(conn, addresses)
            before = fake.requests
            first = geocode_customers(conn, cfg)
            assert first.placed == ADDRESSES and first.requests == ADDRESSES, first
            assert fake.requests - before == ADDRESSES
            full.append(first.seconds)
            conn.execute("update customers set lat = null, lng = null where code like 'BG%'")
            before = fake.requests
            second = geocode_customers(conn, cfg)
            assert second.placed == ADDRESSES and second.cache_hits == ADDRESSES
            assert second.requests == 0 and fake.requests == before, "a cache hit sent a request"
            again.append(second.seconds)
        _reset(conn, [])
    med = statistics.median
    print(f"geocode {ADDRESSES:,} addresses, loopback AMap, 0 s rate limit (median of {RUNS})")
    print(f"  baseline: raw HTTP round trips     {med(raw):6.2f} s")
    print(f"  fieldsales geocode, empty cache    {med(full):6.2f} s   (target < {TARGET_S:.0f} s)")
    print(f"  second run, all cache hits         {med(again):6.2f} s   0 requests")
    if med(full) >= TARGET_S:
        raise SystemExit(f"too slow: {med(full):.2f} s ≥ {TARGET_S} s")


if __name__ == "__main__":
    main()
