"""A customer without coordinates on the phone (issue 19): listed under 「未定位 N」 on the map as
待定位 with its address; `fieldsales geocode` (against the loopback provider, AMap's JSON) places
it; after a sync it is on the map and no longer in the list."""

from __future__ import annotations

import re

import psycopg
import pytest
from psycopg.rows import dict_row

from backend.geocode import geocode_customers
from backend.geocoders import config_from_env
from fieldapp.domain.distance import haversine_m
from tests.e2e.app_helpers import Phone
from tests.geocode_fake import fake_provider

pytestmark = pytest.mark.e2e
REP = "rep01@demo.fieldsales.cn"
UNPLACED = re.compile(r"未定位 (\d+)")
IN_VIEW = re.compile(r"视野内 \d+ / 共 (\d+) 个网点")


def _total(phone: Phone) -> int:
    text = phone.page.get_by_text(IN_VIEW).first.text_content() or ""
    found = IN_VIEW.search(text)
    assert found, text
    return int(found.group(1))


def test_a_customer_without_coordinates_is_geocoded_and_appears_on_the_map(
    phone: Phone, demo_db_url: str
) -> None:
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        c = conn.execute(
            "select c.id, c.name, c.address, c.lat, c.lng from customers c"
            " join profiles u on u.id = c.owner_id"
            " where u.email = %s and c.tier = 3 and c.lat is not null and c.deleted_at is null"
            " and c.address like '上海%%'"
            " order by c.code limit 1",
            (REP,),
        ).fetchone()
        assert c is not None
        # its address stays; the loopback provider knows where it is (WGS-84)
        address, where = c["address"], (c["lat"], c["lng"])
        conn.execute("update customers set lat = null, lng = null where id = %s", (c["id"],))
    phone.open()
    phone.sign_in(REP)
    phone.tab("地图").click()
    page = phone.page
    page.get_by_text(IN_VIEW).first.wait_for()
    chip = page.get_by_role("checkbox", name=UNPLACED).first
    chip.wait_for()
    label = (chip.get_attribute("aria-label") or "") + (chip.text_content() or "")
    found = UNPLACED.search(label)
    assert found, label
    before = int(found.group(1))
    on_map = _total(phone)
    chip.click()
    phone.see("未定位的客户")
    # one list entry (its texts merge into one label): the name, the address, 待定位
    phone.text(c["name"]).first.wait_for()
    phone.text(address).first.wait_for()
    phone.text("待定位").first.wait_for()
    phone.shot("map-unplaced.png")
    page.keyboard.press("Escape")

    # the administrator geocodes (the loopback provider answers GCJ-02, stored as WGS-84)
    with fake_provider() as fake, psycopg.connect(demo_db_url, autocommit=True) as conn:
        fake.places[address] = where
        report = geocode_customers(conn, config_from_env("amap", fake.env("amap")))
        assert report.placed >= 1 and fake.requests == report.asked
        lat, lng = conn.execute(
            "select lat, lng from customers where id = %s", (c["id"],)
        ).fetchone()
    assert haversine_m(lat, lng, *where) < 1.0

    phone.tab("同步").click()
    phone.button("立即同步").click()
    phone.wait_synced()
    phone.tab("地图").click()
    page.get_by_text(IN_VIEW).first.wait_for()
    phone.app.settle()
    assert _total(phone) == on_map + 1  # the customer is on the map now
    if before > 1:
        phone.see(f"未定位 {before - 1}")
    else:
        assert page.get_by_role("checkbox", name=UNPLACED).count() == 0
    with phone.store() as store:
        row = store.execute(
            "select lat, lng from customers where id = ?", (str(c["id"]),)
        ).fetchone()
    assert row is not None and haversine_m(row[0], row[1], *where) < 1.0
    phone.text("正在同步").first.wait_for(state="hidden", timeout=15_000)
    phone.shot("map-geocoded.png")

    # the new-outlet form: 根据地址定位 reads the server's cache (the address geocoded above)
    phone.tab("客户").click()
    phone.button("新建网点").click()
    phone.see("网点类型")
    phone.fill("详细地址", address)
    locate = phone.button("根据地址定位")
    phone.reveal(locate).click()
    note = phone.see("已根据地址定位：")
    text = (note.get_attribute("aria-label") or "") + (note.text_content() or "")
    got = re.search(r"已根据地址定位：(-?[\d.]+), (-?[\d.]+)", text)
    assert got, text
    assert haversine_m(float(got[1]), float(got[2]), *where) < 1.0  # the cache's WGS-84
    phone.above_the_bar(phone.button("根据地址定位"))  # and the note under it, on screen
    phone.shot("new-outlet-located-from-address.png")
    phone.fill("详细地址", "火星市不存在路1号")
    phone.reveal(phone.button("根据地址定位")).click()
    phone.see("服务器尚未定位此地址")
