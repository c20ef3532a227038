"""`fieldsales geocode` against the loopback provider (tests/geocode_fake.py; nothing reaches the
internet): positions filled and converted to WGS-84 for each provider, cache hits send no
request, a dry run asks and writes nothing, rate limits and errors reported and cached, the
phone's geocode_lookup, and the CLI as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

from backend.geocode import NOT_FOUND, geocode_customers, normalise_address
from backend.geocoders import ProviderConfig, config_from_env
from fieldapp.domain.distance import haversine_m
from fieldapp.errors import InvalidInput
from tests.conftest import ROOT
from tests.db.access_world import World, build_world
from tests.db.request_helpers import freeze
from tests.geocode_fake import FakeProvider, fake_provider
from tests.postgrest import rpc, rpc_rows

PEOPLE_SQUARE = "上海市黄浦区人民大道200号"
BUND = "上海市黄浦区中山东一路1号"
TRUE = {PEOPLE_SQUARE: (31.2304, 121.4737), BUND: (31.2400, 121.4900)}
NOWHERE = "火星市不存在路1号"


@pytest.fixture
def fake() -> Iterator[FakeProvider]:
    with fake_provider() as f:
        f.places.update(TRUE)
        yield f


def _area(conn: psycopg.Connection) -> str:
    return str(
        conn.execute(
            "insert into areas (code, name) values ('GEO', '定位测试区') returning id"
        ).fetchone()[0]
    )


def _customer(
    conn: psycopg.Connection, area: str, code: str, address: str | None, pos: Any = None
) -> None:
    lat, lng = pos or (None, None)
    conn.execute(
        "insert into customers (code, name, tier, area_id, address, lat, lng)"
        " values (%s, %s, 1, %s, %s, %s, %s)",
        (code, f"客户{code}", area, address, lat, lng),
    )


def _positions(conn: psycopg.Connection) -> dict[str, Any]:
    rows = conn.execute("select code, lat, lng from customers where code like 'G%'").fetchall()
    return {code: (lat, lng) for code, lat, lng in rows}


def _cfg(fake: FakeProvider, provider: str) -> ProviderConfig:
    return config_from_env(provider, fake.env(provider))


@pytest.mark.parametrize("provider", ["nominatim", "baidu", "amap"])
def test_positions_are_filled_in_wgs84_and_failures_reported(
    conn: psycopg.Connection, fake: FakeProvider, provider: str
) -> None:
    area = _area(conn)
    _customer(conn, area, "G1", PEOPLE_SQUARE)
    _customer(conn, area, "G2", " 上海市黄浦区人民大道２００号 ")  # the same, full-width and padded
    _customer(conn, area, "G3", BUND)
    _customer(conn, area, "G4", NOWHERE)
    _customer(conn, area, "G5", None)  # nothing to ask
    _customer(conn, area, "G6", BUND, (31.0, 121.0))  # already placed: left alone

    report = geocode_customers(conn, _cfg(fake, provider))

    assert (report.customers, report.addresses, report.asked, report.requests) == (4, 3, 3, 3)
    assert fake.requests == 3 and report.placed == 3 and report.cache_hits == 0
    pos = _positions(conn)
    for code, address in (("G1", PEOPLE_SQUARE), ("G2", PEOPLE_SQUARE), ("G3", BUND)):
        assert haversine_m(*pos[code], *TRUE[address]) < 1.0, (provider, code)
    assert pos["G4"] == (None, None) and pos["G5"] == (None, None) and pos["G6"] == (31.0, 121.0)
    assert [(f.code, f.address, f.reason) for f in report.failures] == [("G4", NOWHERE, NOT_FOUND)]
    text = "\n".join(report.lines())
    assert "G4" in text and NOWHERE in text and "cannot place" in text
    cache = conn.execute(
        "select address_key, status, datum, provider_lat, lat, reason from geocode_cache"
        " where provider = %s order by address_key",
        (provider,),
    ).fetchall()
    assert {r[0] for r in cache} == {normalise_address(a) for a in (PEOPLE_SQUARE, BUND, NOWHERE)}
    placed = [r for r in cache if r[1] == "ok"]
    assert {r[2] for r in placed} == {
        {"nominatim": "wgs84", "baidu": "bd09", "amap": "gcj02"}[provider]
    }
    if provider != "nominatim":  # the provider's own datum is kept beside the converted one
        assert all(abs(r[3] - r[4]) > 1e-4 for r in placed)
    assert [r[5] for r in cache if r[1] == "not_found"] == [NOT_FOUND]


def test_cache_hits_send_no_request(conn: psycopg.Connection, fake: FakeProvider) -> None:
    area = _area(conn)
    _customer(conn, area, "G1", PEOPLE_SQUARE)
    _customer(conn, area, "G2", NOWHERE)
    cfg = _cfg(fake, "amap")
    geocode_customers(conn, cfg)
    assert fake.requests == 2
    _customer(conn, area, "G3", "上海市黄浦区  人民大道200号")  # a new customer, a known address
    again = geocode_customers(conn, cfg)
    assert fake.requests == 2 and again.requests == 0 and again.asked == 0
    assert (again.cache_hits, again.placed, len(again.failures)) == (2, 1, 1)
    assert haversine_m(*_positions(conn)["G3"], *TRUE[PEOPLE_SQUARE]) < 1.0
    # the cache is per provider: another provider is asked afresh
    geocode_customers(conn, _cfg(fake, "nominatim"))
    assert fake.requests == 3  # only NOWHERE is still without a position


def test_dry_run_asks_nothing_and_writes_nothing(
    conn: psycopg.Connection, fake: FakeProvider
) -> None:
    area = _area(conn)
    _customer(conn, area, "G1", PEOPLE_SQUARE)
    _customer(conn, area, "G2", BUND)
    cfg = _cfg(fake, "nominatim")
    dry = geocode_customers(conn, cfg, dry_run=True)
    assert fake.requests == 0 and (dry.asked, dry.placed, len(dry.failures)) == (2, 0, 2)
    assert conn.execute("select count(*) from geocode_cache").fetchone()[0] == 0
    assert _positions(conn) == {"G1": (None, None), "G2": (None, None)}
    assert "dry run" in dry.lines()[0]
    geocode_customers(conn, cfg, limit=1)  # --limit: one customer only (G1)
    _customer(conn, area, "G3", PEOPLE_SQUARE)
    dry = geocode_customers(conn, cfg, dry_run=True)  # G3 from the cache; G2 would be asked
    assert fake.requests == 1 and (dry.cache_hits, dry.asked, dry.placed) == (1, 1, 1)
    assert _positions(conn)["G3"] == (None, None)


def test_rate_limits_are_retried_and_errors_cached_with_their_reason(
    conn: psycopg.Connection, fake: FakeProvider
) -> None:
    area = _area(conn)
    fake.behaviour.update({PEOPLE_SQUARE: "429-once", BUND: "429", "上海市坏服务器路": "500"})
    _customer(conn, area, "G1", PEOPLE_SQUARE)
    _customer(conn, area, "G2", BUND)
    _customer(conn, area, "G3", "上海市坏服务器路")
    cfg = _cfg(fake, "nominatim")
    report = geocode_customers(conn, cfg)
    # RateLimiter: 429 then the answer (2); 429 three times (3); 500 three times (3)
    assert report.requests == fake.requests == 8
    assert report.placed == 1 and {f.code for f in report.failures} == {"G2", "G3"}
    reasons = {f.code: f.reason for f in report.failures}
    assert "GeocoderRateLimited" in reasons["G2"] and "429" in reasons["G2"]
    assert "GeocoderServiceError" in reasons["G3"] and "500" in reasons["G3"]
    statuses = conn.execute("select status, count(*) from geocode_cache group by 1").fetchall()
    assert dict(statuses) == {"ok": 1, "error": 2}
    assert geocode_customers(conn, cfg).requests == 0  # errors are cached too
    fake.behaviour.clear()
    retried = geocode_customers(conn, cfg, retry_errors=True)
    assert retried.requests == 2 and retried.placed == 1  # BUND; the other one is not found now
    assert [(f.code, f.reason) for f in retried.failures] == [("G3", NOT_FOUND)]


@pytest.mark.parametrize(("provider", "how", "error"), [
    ("baidu", "quota", "GeocoderQuotaExceeded"),
    ("amap", "quota", "GeocoderQuotaExceeded"),
    ("baidu", "badkey", "GeocoderAuthenticationFailure"),
    ("amap", "badkey", "GeocoderAuthenticationFailure"),
])  # fmt: skip
def test_provider_errors_are_reported_not_invented(
    conn: psycopg.Connection, fake: FakeProvider, provider: str, how: str, error: str
) -> None:
    area = _area(conn)
    fake.behaviour[PEOPLE_SQUARE] = how
    _customer(conn, area, "G1", PEOPLE_SQUARE)
    report = geocode_customers(conn, _cfg(fake, provider))
    assert report.placed == 0 and error in report.failures[0].reason
    assert _positions(conn)["G1"] == (None, None)


def test_the_key_is_the_same_in_python_and_sql(conn: psycopg.Connection) -> None:
    cases = (
        PEOPLE_SQUARE,
        " 上海市 黄浦区\t人民大道２００号 ",
        "No. 1  ZHONGSHAN Rd",
        "ＡＢＣ １号",
        "a 路 b",
    )
    assert len({normalise_address(c) for c in cases[:2]}) == 1
    for raw in cases:
        sql_key = conn.execute("select private.geocode_key(%s)", (raw,)).fetchone()[0]
        assert sql_key == normalise_address(raw), raw


def test_geocode_lookup_for_the_phone(conn: psycopg.Connection, fake: FakeProvider) -> None:
    freeze(conn)
    world: World = build_world(conn)
    area = _area(conn)
    _customer(conn, area, "G1", PEOPLE_SQUARE)
    geocode_customers(conn, _cfg(fake, "amap"))
    found = rpc(conn, "geocode_lookup", {"p_address": " 上海市黄浦区人民大道２００号"},
                world.claims("rep"))  # fmt: skip
    assert haversine_m(found["lat"], found["lng"], *TRUE[PEOPLE_SQUARE]) < 1.0
    assert found["provider"] == "amap" and found["formatted_address"] == PEOPLE_SQUARE
    assert rpc_rows(conn, "geocode_lookup", {"p_address": NOWHERE}, world.claims("am")) == []
    for bad, words in (("   ", "不能为空"), ("路" * 201, "200")):
        with pytest.raises(psycopg.Error) as err:
            rpc(conn, "geocode_lookup", {"p_address": bad}, world.claims("rep"))
        assert err.value.sqlstate == "22023" and "p_address" in str(err.value)
        assert words in (err.value.diag.message_detail or "")
    with pytest.raises(psycopg.Error) as err:
        rpc(conn, "geocode_lookup", {"p_address": PEOPLE_SQUARE}, world.claims("dealer"))
    assert err.value.sqlstate == "42501"
    assert fake.requests == 1  # the lookup never asks the provider


def test_settings_are_checked_with_bilingual_messages() -> None:
    with pytest.raises(InvalidInput, match="KEY is missing") as err:
        config_from_env("baidu", {})
    assert "缺少" in err.value.message_zh
    with pytest.raises(InvalidInput, match="http or https"):
        config_from_env("nominatim", {"FIELDSALES_GEOCODE_NOMINATIM_SCHEME": "ftp"})
    with pytest.raises(InvalidInput, match="MIN_DELAY"):
        config_from_env("nominatim", {"FIELDSALES_GEOCODE_MIN_DELAY": "-1"})
    with pytest.raises(InvalidInput, match="--provider"):
        config_from_env("google", {})
    cfg = config_from_env("nominatim", {})
    assert (cfg.domain, cfg.scheme, cfg.min_delay) == ("nominatim.openstreetmap.org", "https", 1.0)


def _cli(*args: str, url: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("FIELDSALES_GEOCODE_")}
    return subprocess.run(
        [sys.executable, "-m", "backend.cli", "geocode", *args],
        cwd=ROOT,
        env=clean | env | {"DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli(conn: psycopg.Connection, db_url: str, fake: FakeProvider) -> None:
    area = _area(conn)
    _customer(conn, area, "G1", PEOPLE_SQUARE)
    _customer(conn, area, "G2", NOWHERE)
    missing = _cli("--provider", "baidu", url=db_url, env={})
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert "FIELDSALES_GEOCODE_BAIDU_KEY" in missing.stderr and "缺少" in missing.stderr
    dry = _cli("--provider", "baidu", "--dry-run", url=db_url, env=fake.env("baidu"))
    assert dry.returncode == 0 and "dry run" in dry.stdout and fake.requests == 0
    fake.behaviour["上海市限流路1号"] = "429"
    _customer(conn, area, "G3", "上海市限流路1号")
    done = _cli("--provider", "baidu", url=db_url, env=fake.env("baidu"))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "G3  上海市限流路1号" in done.stdout
    assert fake.requests == 2 + 3  # the rate-limited address: 3 tries
    assert "已定位 placed                     1" in done.stdout
    assert f"G2  {NOWHERE}  — {NOT_FOUND}" in done.stdout
    assert haversine_m(*_positions(conn)["G1"], *TRUE[PEOPLE_SQUARE]) < 1.0


def test_geocode_near_gives_the_cached_address_near_a_point(
    conn: psycopg.Connection, fake: FakeProvider
) -> None:
    freeze(conn)
    world: World = build_world(conn)
    area = _area(conn)
    _customer(conn, area, "G1", PEOPLE_SQUARE)
    _customer(conn, area, "G2", BUND)
    geocode_customers(conn, _cfg(fake, "nominatim"))
    lat, lng = TRUE[PEOPLE_SQUARE]
    near = rpc(conn, "geocode_near", {"p_lat": lat + 0.0004, "p_lng": lng}, world.claims("rep"))
    assert near["address"] == PEOPLE_SQUARE and 40 < near["distance_m"] < 50
    far = {"p_lat": lat + 0.01, "p_lng": lng}  # ~1.1 km from both
    assert rpc_rows(conn, "geocode_near", far, world.claims("rep")) == []
    for bad, name in (({"p_lat": 91.0, "p_lng": lng}, "p_lat"),
                      ({"p_lat": lat, "p_lng": 181.0}, "p_lng"),
                      ({"p_lat": lat, "p_lng": lng, "p_radius_m": 5000}, "p_radius_m")):  # fmt: skip
        with pytest.raises(psycopg.Error) as err:
            rpc(conn, "geocode_near", bad, world.claims("rep"))
        assert err.value.sqlstate == "22023" and name in str(err.value)
        assert name in (err.value.diag.message_detail or "")
    with pytest.raises(psycopg.Error) as err:
        rpc(conn, "geocode_near", {"p_lat": lat, "p_lng": lng}, world.claims("dealer"))
    assert err.value.sqlstate == "42501"


def test_the_import_reports_customers_to_geocode(
    conn: psycopg.Connection, db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    from backend.cli import _print_to_geocode

    monkeypatch.setenv("DATABASE_URL", db_url)
    area = _area(conn)
    _customer(conn, area, "G1", PEOPLE_SQUARE)
    _customer(conn, area, "G2", None)
    _customer(conn, area, "G3", BUND, (31.24, 121.49))
    _print_to_geocode()
    out = capsys.readouterr().out
    assert "待定位 | to geocode: 2 customer(s) without a position, 1 with an address" in out
    assert "fieldsales geocode" in out
