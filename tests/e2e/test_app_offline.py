"""Screens that need the server never hang: with the database cut off, each shows a spinner, then
"离线 — 显示本机已有的数据" and Retry within about 4 s, the tabs keep answering, and Retry shows the
data once the server is back.

This module's app reaches PostgreSQL through a TCP proxy the test can cut: open links are
closed, and new ones are accepted and never answered (a server that is gone, not one that
refuses), so a connect waits for its whole timeout.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldapp.ui.online import DEADLINE_S
from tests.e2e.app_helpers import BACK, Phone
from tests.e2e.conftest import ServedApp
from tests.e2e.cut_link import CutProxy, app_behind, proxy_for

AM = "am-sh@demo.fieldsales.cn"
OFFLINE = "离线 — 显示本机已有的数据"
LOADING = "正在从服务器读取…"
ONLINE_DEADLINE_S = DEADLINE_S  # an online section's deadline (3.5 s)
WITHIN_S = ONLINE_DEADLINE_S + 1  # a little for the page to draw


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


@pytest.fixture(scope="module")
def app_proxy(served_app: ServedApp) -> Iterator[CutProxy]:
    """A cuttable proxy between the browsers and the served app (HTTP and the websocket)."""
    port = int(served_app.url.rstrip("/").rsplit(":", 1)[1])
    p = CutProxy(("127.0.0.1", port))
    yield p
    p.close()


@pytest.fixture(scope="module")
def app_url(app_proxy: CutProxy) -> str:
    """Browsers reach this module's app through app_proxy."""
    return f"http://127.0.0.1:{app_proxy.port}/"


def offline_within(phone: Phone, started: float, what: str) -> float:
    """Wait for the offline panel; seconds since started (fails after WITHIN_S)."""
    phone.see(OFFLINE, timeout_ms=int(WITHIN_S * 1000) + 500)
    took = time.monotonic() - started
    assert took < WITHIN_S, f"{what}: offline shown after {took:.1f} s"
    phone.see("重试")
    return took


def test_online_screens_go_offline_quickly_and_retry(phone: Phone, proxy: CutProxy) -> None:
    phone.open()
    phone.text("区域经理", exact=True).click()
    phone.sign_in(AM, first_tab="审批")
    phone.see("团队执行情况")

    proxy.cut()
    try:
        # the team's plan vs actual (online): spinner, then offline with Retry
        started = time.monotonic()
        phone.button("团队执行情况").click()
        offline_within(phone, started, "team plan vs actual")
        phone.shot("offline_team.png")
        phone.page.get_by_role("button", name=BACK).click()

        # the ledger tab: a spinner while the connect waits, and the tabs still answer meanwhile
        started = time.monotonic()
        phone.tab("台账").click()
        phone.see(LOADING, timeout_ms=2000)
        phone.tab("客户").click()
        phone.tab("客户").wait_for()
        # the customers screen is up before the ledger's call could have given up (3.5 s): a tab
        # that waited for the server would take at least that long (a fixed 1.5 s failed when
        # the machine was busy)
        phone.field("搜索名称、编码、电话、地址").wait_for(timeout=ONLINE_DEADLINE_S * 1000)
        assert time.monotonic() - started < ONLINE_DEADLINE_S, "a tab waited for the server"
        started = time.monotonic()
        phone.tab("台账").click()
        phone.see(LOADING, timeout_ms=2000)
        offline_within(phone, started, "ledger")
        phone.shot("offline_ledger.png")
    finally:
        proxy.restore()

    # back online: Retry shows the data
    phone.button("重试").click()
    phone.see("经销商", timeout_ms=10_000)
    phone.tab("审批").click()
    phone.button("团队执行情况").click()
    phone.see("团队执行情况")
    phone.see("完成", timeout_ms=10_000)
    assert phone.text(OFFLINE).count() == 0


LOST = "连接已断开，正在重连…"


def test_a_lost_app_connection_is_shown_and_blocks_taps(phone: Phone, app_proxy: CutProxy) -> None:
    page = phone.page
    phone.open()
    phone.text("区域经理", exact=True).click()
    phone.sign_in(AM, first_tab="审批")
    notice = page.locator("#fieldsales-connection-lost")
    assert not notice.is_visible()
    box = phone.tab("台账").bounding_box()
    assert box is not None

    # the app server is gone (the websocket breaks, new connections hang): a notice within 2 s
    app_proxy.cut()
    try:
        started = time.monotonic()
        page.get_by_text(LOST).wait_for(state="visible", timeout=2500)
        assert time.monotonic() - started < 2.0
        assert page.get_by_text("Connection lost, reconnecting…").is_visible()
        phone.shot("connection_lost.png")
        # a tap meanwhile does nothing, now or later
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_timeout(500)
    finally:
        app_proxy.restore()

    # back: the notice goes away by itself, the app answers, the tap was not queued
    notice.wait_for(state="hidden", timeout=15_000)
    page.wait_for_timeout(1500)
    assert phone.text("团队执行情况").is_visible()  # still on the approvals tab
    phone.tab("台账").click()
    phone.see("经销商", timeout_ms=15_000)


def test_a_browser_gone_offline_is_shown_at_once(phone: Phone) -> None:
    """The phone loses its network (the browser says so): the notice shows within 2 s and
    goes when the network is back."""
    page = phone.page
    phone.open()
    phone.text("区域经理", exact=True).click()
    phone.sign_in(AM, first_tab="审批")
    notice = page.locator("#fieldsales-connection-lost")
    phone.context.set_offline(True)
    try:
        started = time.monotonic()
        notice.wait_for(state="visible", timeout=2500)
        assert time.monotonic() - started < 2.0
    finally:
        phone.context.set_offline(False)
    notice.wait_for(state="hidden", timeout=15_000)
    phone.tab("台账").click()
    phone.see("经销商", timeout_ms=15_000)
