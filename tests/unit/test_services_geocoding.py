"""Locate from address (根据地址定位) on the phone: the server's cache through geocode_lookup,
online only; offline and unknown addresses say so; bad input asks nothing."""

from __future__ import annotations

from typing import Any

import pytest

from fieldapp.errors import InvalidInput
from fieldapp.services.geocoding import GeocodingService
from fieldapp.services.position import MANUAL, Fix
from fieldapp.sync.errors import ConnectionLost
from fieldapp.sync.reverse import from_env
from tests.geocode_fake import fake_provider
from tests.unit.services_world import World, build


@pytest.fixture
def world() -> World:
    return build()


def service(world: World, answer: Any) -> tuple[GeocodingService, list[dict[str, Any]]]:
    calls: list[dict[str, Any]] = []

    def rpc(fn: str, **args: Any) -> Any:
        calls.append({"fn": fn, **args})
        if isinstance(answer, Exception):
            raise answer
        return answer

    return GeocodingService(world.store, world.user, world.clock, rpc), calls


def test_a_cached_address_gives_a_manual_position(world: World) -> None:
    row = {"lat": 31.23, "lng": 121.47, "provider": "amap", "formatted_address": "上海市人民广场"}
    svc, calls = service(world, [row])
    found = svc.locate("  上海市人民广场 ")
    assert found is not None and (found.fix.lat, found.fix.lng) == (31.23, 121.47)
    assert found.fix.source == MANUAL and found.provider == "amap"
    assert calls == [{"fn": "geocode_lookup", "p_address": "上海市人民广场"}]


def test_an_unknown_address_is_none_not_invented(world: World) -> None:
    svc, _ = service(world, [])
    assert svc.locate("火星市不存在路1号") is None


def test_offline_raises_connection_lost(world: World) -> None:
    svc, _ = service(world, ConnectionLost("无法连接服务器", "cannot reach the server"))
    with pytest.raises(ConnectionLost):
        svc.locate("上海市人民广场")


@pytest.mark.parametrize(
    ("address", "words"), [(None, "填写地址"), ("  ", "填写地址"), ("路" * 201, "200")]
)
def test_bad_addresses_are_refused_and_nothing_is_asked(
    world: World, address: str | None, words: str
) -> None:
    svc, calls = service(world, [])
    with pytest.raises(InvalidInput) as err:
        svc.locate(address)
    assert words in err.value.message_zh and "address" in err.value.message_en
    assert calls == []


def test_the_nearby_address_is_read_once_per_position(world: World) -> None:
    row = {"address": "上海市人民广场", "formatted_address": None, "distance_m": 42.5}
    svc, calls = service(world, [row])
    fix = Fix(31.2304, 121.4737, 8.0, world.clock())
    assert svc.near(fix) == ("上海市人民广场", 42.5)
    assert svc.near(fix) == ("上海市人民广场", 42.5)
    assert calls == [{"fn": "geocode_near", "p_lat": 31.2304, "p_lng": 121.4737}]


def test_no_nearby_address_and_offline(world: World) -> None:
    fix = Fix(31.2304, 121.4737, 8.0, world.clock())
    assert service(world, [])[0].near(fix) is None
    offline, _ = service(world, ConnectionLost("无法连接服务器", "cannot reach the server"))
    with pytest.raises(ConnectionLost):
        offline.near(fix)


def test_where_the_cache_knows_nothing_near_the_live_reverse_geocoder_names_the_spot(
    world: World,
) -> None:
    """Switched on by the company (FIELDSALES_REVERSE_GEOCODER=nominatim), against the loopback
    Nominatim: the address at the point, asked once per position; a spot the provider cannot
    name is None; an unreachable provider is ConnectionLost (the screen says offline)."""
    with fake_provider() as fake:
        fake.places["上海市静安区南京西路1号"] = (31.2300, 121.4600)
        env = {"FIELDSALES_REVERSE_GEOCODER": "nominatim", **fake.env("nominatim")}
        svc, calls = service(world, [])
        svc.reverse = from_env(env)
        here = Fix(31.2302, 121.4600, 8.0, world.clock())
        assert svc.near(here) == ("上海市静安区南京西路1号附近", 0.0)
        assert svc.near(here) == ("上海市静安区南京西路1号附近", 0.0)
        assert fake.requests == 1 and len(calls) == 1
        assert svc.near(Fix(31.4, 121.1, 8.0, world.clock())) is None  # the provider names none
        cached, _ = service(world, [{"address": "店", "distance_m": 12.0}])
        cached.reverse = from_env(env)
        assert cached.near(here) == ("店", 12.0) and fake.requests == 2  # the cache first
    gone = from_env({**env, "FIELDSALES_GEOCODE_NOMINATIM_DOMAIN": "127.0.0.1:9"})
    assert gone is not None
    with pytest.raises(ConnectionLost):
        gone.address(31.23, 121.46)
    assert from_env({}) is None and from_env({"FIELDSALES_REVERSE_GEOCODER": "baidu"}) is None
