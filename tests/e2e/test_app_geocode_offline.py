"""Addresses offline at 390×844 (issue 19: "Offline, both say so and nothing blocks"). The app's
link to the server goes through a proxy the test cuts (test_app_offline.CutProxy). Offline, the
rep opens the new-outlet form, types an address and taps 根据地址定位: the form says it cannot
locate offline and saving still works; the outlet is saved on the phone and waits to upload.
At the first stop the check-in shows the distance and, beside it, that no nearby address can be
shown offline; the check-in still succeeds. Back online, one sync takes both to the server.
Screenshots: new-outlet-locate-offline.png, visit-checkin-offline.png."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.e2e.app_helpers import BACK, Phone, first_stop, near
from tests.e2e.conftest import ServedApp
from tests.e2e.cut_link import CutProxy, app_behind, proxy_for

pytestmark = pytest.mark.e2e
REP = "rep02@demo.fieldsales.cn"
NAME = "离线测试便利店"  # like none of the rep's outlets: no duplicate warning
ADDRESS = "上海市黄浦区离线路1号"
LOCATE_OFFLINE = "离线：暂不能根据地址定位"  # outlet_locate_offline
NEAR_OFFLINE = "离线：暂不能显示附近地址"  # checkin_near_offline


@pytest.fixture(scope="module")
def proxy(demo_db_url: str) -> Iterator[CutProxy]:
    """A cuttable proxy in front of this module's database."""
    with proxy_for(demo_db_url) as p:
        yield p


@pytest.fixture(scope="module")
def served_app(
    demo_db_url: str,
    proxy: CutProxy,
    tmp_path_factory: pytest.TempPathFactory,
    phones_dir: Path,
) -> Iterator[ServedApp]:
    """This module's app, serving phones whose server link goes through the proxy."""
    with app_behind(proxy, demo_db_url, tmp_path_factory, phones_dir) as app:
        yield app


def _on_server(url: str, sql: str, *args: object) -> int:
    with psycopg.connect(url) as conn:
        return int(conn.execute(sql, args).fetchone()[0])


def test_offline_locate_from_address_and_checkin_address_say_so_and_block_nothing(
    phone: Phone, demo_db_url: str, proxy: CutProxy
) -> None:
    with psycopg.connect(demo_db_url) as conn:
        stop = first_stop(conn, REP)
        parent_name = conn.execute(
            "select p.name from customers c join customers p on p.id = c.parent_id where c.id = %s",
            (stop["id"],),
        ).fetchone()[0]
    phone.context.set_geolocation(near(stop["lat"], stop["lng"], north_m=30, accuracy=9))
    phone.open()
    phone.sign_in(REP)
    phone.see("GPS ±9 米")

    proxy.cut()  # the phone has no server from here on
    try:
        # -- the new outlet: 根据地址定位 says it is offline, saving goes on ------------------
        phone.tab("客户").click()
        phone.button("新建网点").click()
        phone.see("网点类型")
        phone.see("GPS ±9 米")  # the form located the outlet by itself
        phone.fill("网点名称", NAME)
        phone.fill("联系人", "林店长")
        phone.fill("联系电话", "139 0000 4321")
        phone.fill("详细地址", ADDRESS)
        phone.fill("搜索经销商或二批", parent_name[:4])
        parent = phone.page.get_by_role("button", name=re.compile(re.escape(parent_name)))
        phone.reveal(parent).click()
        phone.reveal(phone.text("重新选择上级"))
        phone.reveal(phone.button("根据地址定位")).click()
        phone.see(LOCATE_OFFLINE)
        phone.see("保存不受影响")
        phone.above_the_bar(phone.button("根据地址定位"))  # and the note under it
        phone.shot("new-outlet-locate-offline.png")
        phone.button("保存网点").click()
        phone.see(f"已保存：{NAME}")
        phone.see("未上传")  # the card's chip: on the phone, not on the server yet
        with phone.store() as store:
            kept = store.execute(
                "select id, address, round(lat, 4) from customers where name = ?", (NAME,)
            ).fetchall()
            assert [k[1:] for k in kept] == [(ADDRESS, round(stop["lat"] + 30 / 111_195.0, 4))]
            queued = store.execute(
                "select count(*) from outbox where tbl = 'customers' and row_id = ?", (kept[0][0],)
            ).fetchone()[0]
        assert queued >= 1  # kept on the phone, queued for the server
        assert _on_server(demo_db_url, "select count(*) from customers where name = %s", NAME) == 0

        # -- the check-in: the distance, no nearby address offline, and it checks in -----------
        phone.page.get_by_role("button", name=BACK).first.click()
        phone.tab("今日").click()
        phone.button(f"开始拜访：{stop['name']}").click()
        phone.see("在签到范围 300 米内")
        phone.see(NEAR_OFFLINE)
        phone.see("所在区县：")  # the packaged boundaries need no network
        phone.shot("visit-checkin-offline.png")
        phone.button("签到").click()
        phone.see("签到距离 30 米")
        phone.see("按产品填写现有库存")
        with phone.store() as store:
            visits = store.execute(
                "select id, status from visits where customer_id = ?", (stop["id"],)
            ).fetchall()
            assert [v[1] for v in visits] == ["in_progress"]
            queued = store.execute(
                "select count(*) from outbox where tbl = 'visits' and row_id = ?", (visits[0][0],)
            ).fetchone()[0]
        assert queued >= 1
        assert (
            _on_server(demo_db_url, "select count(*) from visits where id = %s", visits[0][0]) == 0
        )
    finally:
        proxy.restore()

    # back online: the phone's sync, still retrying (the check-in asked for another), takes the
    # outlet and the visit up; had it given up already, 立即同步 on the sync tab does
    try:
        phone.wait_synced(timeout=60)
    except PlaywrightTimeout:
        phone.page.get_by_role("button", name=re.compile(r"^查看同步详情")).first.click()
        phone.button("立即同步").click()
        phone.wait_synced(timeout=60)
    assert _on_server(demo_db_url, "select count(*) from customers where name = %s", NAME) == 1
    assert (
        _on_server(
            demo_db_url,
            "select count(*) from visits where id = %s and status = 'in_progress'",
            visits[0][0],
        )
        == 1
    )
