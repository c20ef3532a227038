"""The exported HTML map in headless Chromium, served from loopback with the internet cut off."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import random
import threading
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import psycopg
import pytest
from playwright.sync_api import Browser, Page

from backend.importer import import_frames
from backend.map_export import export_map
from tests.e2e.conftest import REPO_ROOT, SCREENSHOT_DIR, is_loopback_url
from tests.fixtures import small_frames

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1280, "height": 800}
AS_OF = dt.date(2026, 2, 15)
EXTRA = 150  # stores added round Shanghai
WARNED_EXTRA = len(range(0, EXTRA, 4))  # every fourth has an open warning
FONT = REPO_ROOT / "assets" / "fonts" / "NotoSansSC-Regular.ttf"


@pytest.fixture
def exported(conn: psycopg.Connection, tmp_path: Path) -> Path:
    """The small fixture plus EXTRA stores round Shanghai (some warned), exported offline."""
    frames = small_frames()
    rnd = random.Random(7)
    extra = []
    for i in range(EXTRA):
        tier = 1 if i % 10 == 0 else 2 if i % 3 == 1 else 3
        extra.append(
            {
                "code": f"X{i:03d}",
                "name": f"测试门店{i:03d}",
                "tier": tier,
                "parent_code": {1: None, 2: "D001", 3: "S001"}[tier],
                "owner_email": "rep1@example.cn",
                "area_code": "SH",
                "lat": round(31.05 + rnd.uniform(-0.12, 0.12), 6),  # south-west of D001
                "lng": round(121.25 + rnd.uniform(-0.15, 0.15), 6),
                "grade": ["A", "B", "C", "D", None][i % 5],
            }
        )
    frames["customers"] = pd.concat([frames["customers"], pd.DataFrame(extra)], ignore_index=True)
    import_frames(conn, frames, evaluate=False)
    conn.execute(
        """
        insert into public.warnings (customer_id, kind, cause_key, severity)
        select c.id, (array['churn', 'behind_plan', 'credit_over_limit'])[n % 3 + 1], 'e2e',
               (array['low', 'medium', 'high'])[n % 3 + 1]
        from public.customers c, lateral (select substr(c.code, 2)::int as n) x
        where c.code like 'X%%' and x.n %% 4 = 0
        """.replace("%%", "%")
    )
    conn.execute(
        "insert into public.warnings (customer_id, kind, cause_key, severity)"
        " select id, 'credit_over_limit', 'e2e', 'high' from public.customers where code = 'D001'"
    )
    out = tmp_path / "site" / "map.html"
    out.parent.mkdir()
    stats = export_map(conn, out, offline=True, as_of=AS_OF)
    assert stats.on_map == EXTRA + 2 and stats.with_warnings == WARNED_EXTRA + 1
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves the export's folder, and /fonts/ from the repo (only to make the screenshot legible)."""

    def translate_path(self, path: str) -> str:
        if path.startswith("/fonts/"):
            return str(FONT.parent / Path(path).name)
        return super().translate_path(path)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def served(exported: Path) -> Iterator[str]:
    """A loopback HTTP server for the exported file; yields the page URL."""
    handler = functools.partial(_Quiet, directory=str(exported.parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{exported.name}"
    finally:
        server.shutdown()
        server.server_close()


def drawn(page: Page) -> dict[str, int]:
    """What the map shows: cluster bubbles, single markers and the customers they stand for."""
    return page.evaluate(
        """() => {
          const bubbles = [...document.querySelectorAll('.fs-cluster .fs-bubble')];
          return {
            icons: document.querySelectorAll('.leaflet-marker-icon:not(.fs-area-label)').length,
            clusters: bubbles.length,
            singles: document.querySelectorAll('.fs-marker').length,
            represented: bubbles.reduce((n, b) => n + Number(b.dataset.count), 0)
              + document.querySelectorAll('.fs-marker').length,
            shown: window.fieldsalesMap.shown,
          };
        }"""
    )


def wait_drawn(page: Page) -> dict[str, int]:
    """Wait until the markers are drawn and no zoom animation is running."""
    page.wait_for_function("window.fieldsalesMap && window.fieldsalesMap.ready")
    page.wait_for_function("!document.querySelector('.leaflet-zoom-anim, .leaflet-cluster-anim')")
    page.wait_for_timeout(300)  # markercluster fades icons in and out
    return drawn(page)


def test_export_opens_offline_and_shows_every_customer(browser: Browser, served: str) -> None:
    """No CDN, no internet: every placed customer is drawn, as a marker or inside a cluster."""
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    blocked: list[str] = []

    def block(route: object) -> None:
        blocked.append(route.request.url)  # type: ignore[attr-defined]
        route.abort()  # type: ignore[attr-defined]

    context.route(lambda url: not is_loopback_url(url), block)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(served)
        # only for a legible screenshot: this machine's Chromium has no CJK font of its own
        font = f"@font-face{{font-family:'Noto Sans SC';src:url(/fonts/{FONT.name})}}"
        page.add_style_tag(content=font)
        seen = wait_drawn(page)
        total = EXTRA + 2
        assert seen["represented"] == total == seen["shown"]
        assert seen["icons"] == seen["clusters"] + seen["singles"] and seen["clusters"] >= 1
        assert seen["icons"] < total  # clustered, not one icon per customer
        assert errors == []
        assert blocked and all("tile.openstreetmap.org" in u for u in blocked)  # tiles only
        assert page.locator("#fs-offline").is_visible()  # and the page says so
        page.evaluate("document.fonts.load('12px \"Noto Sans SC\"', '客户地图')")
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT_DIR / "map-export.png"))

        # layer control: untick grade D, then "no warning": the map follows the filters
        page.locator(".leaflet-control-layers-overlays label", has_text="Grade D").click()
        graded_d = sum(1 for i in range(EXTRA) if i % 5 == 3)
        assert wait_drawn(page)["represented"] == total - graded_d
        page.locator(".leaflet-control-layers-overlays label", has_text="No warning").click()
        warned_not_d = 1 + sum(1 for i in range(EXTRA) if i % 4 == 0 and i % 5 != 3)
        assert wait_drawn(page)["represented"] == warned_not_d

        # zoomed in on the dealer, it is its own marker; clicking it opens the key figures
        page.evaluate("window.fieldsalesMap.map.setView([31.23, 121.47], 17, {animate: false})")
        wait_drawn(page)
        page.locator('.fs-marker[title="上海鑫源副食品批发部"]').click()
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for()
        page.wait_for_timeout(400)  # the popup fades in
        text = popup.inner_text()
        for figure in ("¥1,800", "¥3,600", "50%", "¥728", "¥100,000", "2026-01-10", "超信用额度"):
            assert figure in text, (figure, text)
        page.screenshot(path=str(SCREENSHOT_DIR / "map-export-popup.png"))
    finally:
        context.close()


def test_export_offline_draws_the_boundaries(browser: Browser, served: str) -> None:
    """Issue 19: without tiles the exported map still shows the district lines round the
    customers (Shanghai) and, at district zoom, the districts' names."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    context.route(lambda url: not is_loopback_url(url), lambda route: route.abort())
    page = context.new_page()
    try:
        page.goto(served)
        font = f"@font-face{{font-family:'Noto Sans SC';src:url(/fonts/{FONT.name})}}"
        page.add_style_tag(content=font)
        wait_drawn(page)
        strokes = page.eval_on_selector_all(
            ".leaflet-overlay-pane path", "ps => ps.map(p => p.getAttribute('stroke'))"
        )  # one multi-line per level: province, city and district outlines
        assert {"#4A5866", "#7D8A97", "#9AA6B2"} <= set(strokes), strokes
        page.evaluate("window.fieldsalesMap.map.setView([31.2304, 121.4737], 12, {animate: false})")
        wait_drawn(page)
        names = page.locator(".fs-area-name")
        shown = {n for n in names.all_inner_texts() if n}
        assert {"黄浦区", "静安区", "徐汇区"} <= shown, shown
        page.evaluate("window.fieldsalesMap.map.setView([31.2304, 121.4737], 8, {animate: false})")
        page.wait_for_timeout(300)
        assert not page.locator(".fs-area-name").first.is_visible()  # names only when zoomed in
        page.evaluate("window.fieldsalesMap.map.setView([31.2304, 121.4737], 12, {animate: false})")
        wait_drawn(page)
        page.evaluate("document.fonts.load('12px \"Noto Sans SC\"', '黄浦区')")
        page.wait_for_timeout(300)
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT_DIR / "map-export-offline-boundaries.png"))
    finally:
        context.close()
