"""The map offline at 390×844 (issue 19, the offline base map): every tile request is blocked in
these tests, so the map draws the packaged province/city/district lines instead, and at
district zoom writes the districts' names, so a rep sees which district a cluster is in."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from tests.e2e.app_helpers import PEOPLES_SQUARE, Phone
from tests.e2e.conftest import BOOT_TIMEOUT_MS, AppPage, is_loopback_url

pytestmark = pytest.mark.e2e
MARK = re.compile(r"^(网点|聚合) ")


def test_map_offline_shows_district_boundaries_and_names(phone: Phone) -> None:
    phone.open()
    phone.sign_in("rep01@demo.fieldsales.cn")
    phone.tab("地图").click()
    page = phone.page
    page.get_by_role("button", name=MARK).first.wait_for()
    phone.see("显示离线行政区划边界")  # tiles failed: the note says boundaries are drawn

    # the rep's outlets are round People's Square: at the first camera (district zoom) the
    # districts are named (the names' semantics merge into one node's aria-label)
    names = page.locator('flt-semantics[aria-label*="行政区 "]').first
    names.wait_for()
    shown = set(re.findall(r"行政区 (\S+)", names.get_attribute("aria-label") or ""))
    assert {"黄浦区", "静安区", "徐汇区", "普陀区"} <= shown, shown
    assert page.get_by_role("button", name=MARK).count() > 0  # the markers are still there
    phone.shot("map-offline-boundaries.png")

    # outlets per district, located offline: every outlet counted once
    status = page.get_by_text(re.compile(r"^视野内 \d+ / 共 \d+ 个网点$")).first
    total = int(re.search(r"共 (\d+) 个", status.inner_text()).group(1))  # type: ignore[union-attr]
    page.get_by_role("button", name="按区县").click()
    phone.see("各区县网点数")
    rows = page.get_by_text(re.compile(r"^.+：\d+ 个$"))
    rows.first.wait_for()
    texts = [(rows.nth(i).text_content() or "").strip() for i in range(rows.count())]
    assert any(t.startswith("上海市黄浦区：") for t in texts), texts
    assert sum(int(re.search(r"(\d+) 个$", t).group(1)) for t in texts) == total, texts  # type: ignore[union-attr]
    phone.shot("map-offline-by-district.png")


@pytest.fixture
def desktop(browser: Browser, app_url: str, phones_dir: Path, demo_plans: Any) -> Iterator[Phone]:
    """The app at 1280×800 (an area manager at a desk), tiles blocked like every request out."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 800},
        device_scale_factor=1,
        locale="zh-CN",
        permissions=["geolocation"],
        geolocation=PEOPLES_SQUARE,
    )
    context.route(lambda url: not is_loopback_url(url), lambda route: route.abort())
    page = context.new_page()
    page.set_default_timeout(BOOT_TIMEOUT_MS)
    app = AppPage(page=page, url=app_url)
    page.on("request", lambda req: app.requests.append(req.url))
    page.on("requestfinished", lambda req: app.finished.add(req.url))
    try:
        yield Phone(app, context, phones_dir)
    finally:
        context.close()


def test_area_manager_sees_outlets_per_district_at_a_desk(desktop: Phone) -> None:
    """The Shanghai area manager's whole area offline at 1280×800: boundaries and names, and
    the per-district counts of every outlet in the area."""
    desktop.open()
    desktop.text("区域经理", exact=True).click()
    desktop.sign_in("am-sh@demo.fieldsales.cn", first_tab="审批")
    desktop.tab("地图").click()
    page = desktop.page
    page.get_by_role("button", name=MARK).first.wait_for()
    desktop.see("显示离线行政区划边界")
    page.locator('flt-semantics[aria-label*="行政区 "]').first.wait_for()
    desktop.shot("map-offline-desktop.png")
    status = page.get_by_text(re.compile(r"^视野内 \d+ / 共 \d+ 个网点$")).first
    total = int(re.search(r"共 (\d+) 个", status.inner_text()).group(1))  # type: ignore[union-attr]
    assert total > 120  # the whole area
    page.get_by_role("button", name="按区县").click()
    desktop.see("各区县网点数")
    rows = page.get_by_text(re.compile(r"^.+：\d+ 个$"))
    rows.first.wait_for()
    texts = [(rows.nth(i).text_content() or "").strip() for i in range(rows.count())]
    assert len(texts) >= 8 and all(t.startswith("上海市") for t in texts), texts
