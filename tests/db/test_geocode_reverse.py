"""`fieldsales geocode --reverse` against the loopback provider: recent check-in positions with no
address within 150 m are named once, in the provider's datum on the way out, and the check-in's
geocode_near then finds the name; a position the provider cannot name is cached and not asked
again; errors are reported; a dry run asks and writes nothing."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from backend.geocode import geocode_customers
from backend.geocode_reverse import reverse_checkins, spot_key
from backend.geocoders import config_from_env
from fieldapp.errors import InvalidInput
from tests.db.access_world import World, build_world
from tests.db.request_helpers import freeze
from tests.geocode_fake import FakeProvider, fake_provider
from tests.postgrest import rpc, rpc_rows

MARKET = "上海市静安区南京西路1号"
PLACES = {MARKET: (31.2300, 121.4600), "上海市黄浦区人民大道200号": (31.2304, 121.4737)}
DESERT = (31.3000, 121.3000)  # no known place within 300 m: the provider names nothing


@pytest.fixture
def fake() -> Iterator[FakeProvider]:
    with fake_provider() as f:
        f.places.update(PLACES)
        yield f


@pytest.fixture
def world(conn: psycopg.Connection) -> World:
    freeze(conn)
    return build_world(conn)


def _checkin(
    conn: psycopg.Connection, world: World, pos: tuple[float, float], days_ago: int
) -> None:
    conn.execute(
        "insert into visits (rep_id, customer_id, checkin_at, checkin_lat, checkin_lng)"
        " values (%s, %s, private.company_now() - make_interval(days => %s), %s, %s)",
        (world.users["rep"], world.ids["customers"], days_ago, *pos),
    )


def _cached(conn: psycopg.Connection) -> int:
    return conn.execute("select count(*) from geocode_cache").fetchone()[0]


@pytest.mark.parametrize("provider", ["nominatim", "baidu", "amap"])
def test_check_in_spots_are_named_once_and_found_at_check_in(
    conn: psycopg.Connection, world: World, fake: FakeProvider, provider: str
) -> None:
    lat, lng = PLACES[MARKET]
    _checkin(conn, world, (lat + 0.0005, lng), 1)  # ~55 m from the market
    _checkin(conn, world, (lat + 0.0005, lng + 0.00001), 2)  # the same spot, rounded
    _checkin(conn, world, DESERT, 3)
    _checkin(conn, world, (31.2304, 121.4737), 90)  # too long ago for the last 30 days
    here = {"p_lat": lat + 0.0005, "p_lng": lng}
    assert rpc_rows(conn, "geocode_near", here, world.claims("rep")) == []

    cfg = config_from_env(provider, fake.env(provider))
    report = reverse_checkins(conn, cfg)
    assert (report.positions, report.asked, report.named) == (2, 2, 1)
    assert report.requests == fake.requests == 2
    assert [f[:2] for f in report.failures] == [DESERT]
    near = rpc(conn, "geocode_near", here, world.claims("rep"))
    assert near["address"] == f"{MARKET}附近"  # the fake names it from the provider's datum
    assert near["distance_m"] < 1  # kept at the WGS-84 point asked
    assert conn.execute(
        "select status from geocode_cache where address_key = %s", (spot_key(*DESERT),)
    ).fetchone() == ("not_found",)

    again = reverse_checkins(conn, cfg)  # named nearby, or cached as not found: nothing asked
    assert (again.near, again.cache_hits, again.asked, fake.requests) == (1, 1, 0, 2)
    assert "未得地址 not named                1" in "\n".join(again.lines())


def test_a_spot_near_a_geocoded_customer_is_not_asked(
    conn: psycopg.Connection, world: World, fake: FakeProvider
) -> None:
    area = conn.execute("insert into areas (code, name) values ('GEO', '定位') returning id")
    conn.execute(
        "insert into customers (code, name, tier, area_id, address) values ('G1', '店', 1, %s, %s)",
        (area.fetchone()[0], MARKET),
    )
    cfg = config_from_env("nominatim", fake.env("nominatim"))
    geocode_customers(conn, cfg)
    asked = fake.requests
    _checkin(conn, world, (PLACES[MARKET][0] + 0.0003, PLACES[MARKET][1]), 0)
    report = reverse_checkins(conn, cfg)
    assert (report.positions, report.near, report.asked, fake.requests) == (1, 1, 0, asked)


def test_errors_are_reported_and_a_dry_run_writes_nothing(
    conn: psycopg.Connection, world: World, fake: FakeProvider
) -> None:
    lat, lng = PLACES[MARKET]
    _checkin(conn, world, (lat, lng), 0)
    cfg = config_from_env("nominatim", fake.env("nominatim"))
    before = _cached(conn)
    dry = reverse_checkins(conn, cfg, dry_run=True)
    assert (dry.asked, dry.requests, _cached(conn)) == (1, 0, before)
    assert dry.lines()[0].startswith("试运行")

    fake.behaviour[f"{lat:.4f},{lng:.4f}"] = "500"
    failed = reverse_checkins(conn, cfg)
    assert failed.named == 0 and "服务商出错 | provider error" in failed.failures[0][2]
    assert fake.requests == 3  # geopy's RateLimiter: two retries
    assert reverse_checkins(conn, cfg).asked == 0  # an error is kept
    del fake.behaviour[f"{lat:.4f},{lng:.4f}"]
    retried = reverse_checkins(conn, cfg, retry_errors=True)
    assert (retried.asked, retried.named) == (1, 1)


@pytest.mark.parametrize("days", ["0", "400"])
def test_a_bad_period_is_refused_before_anything_is_asked(days: str) -> None:
    import argparse

    from backend.geocode_cli import add_parser

    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers())
    args = parser.parse_args(["geocode", "--reverse", "--days", days])
    with pytest.raises(InvalidInput) as err:
        args.run(args)
    assert "--days 须为1到366" in err.value.one_line() and "--days must be 1 to 366" in str(
        err.value
    )
