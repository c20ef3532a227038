"""Browser test of the app shell: Chinese rendering, language toggle, no CDN requests."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import AppPage

pytestmark = pytest.mark.e2e


def test_shell_zh_en_offline(app_page: AppPage, demo_db_url: str) -> None:
    """The demo's sign-in shows the database's counts in Chinese, switches to English, and
    stays offline."""
    import psycopg

    with psycopg.connect(demo_db_url) as conn:
        shipments = conn.execute("select count(*) from shipments").fetchone()[0]
    assert shipments > 1000
    page = app_page.page
    boot = app_page.open("登录销售通")
    print(f"app interactive after {boot:.1f}s")
    # CanvasKit, not skwasm, draws the app (docs/flet-lessons.md: skwasm's canvas froze)
    assert page.evaluate("[flet.webRenderer, !!window.flutterCanvasKit]") == ["canvaskit", True]

    assert page.get_by_text("销售通", exact=True).first.is_visible()
    assert page.get_by_text("演示模式").first.is_visible()
    assert page.get_by_text("经销商").first.is_visible()
    assert page.get_by_text(f"{shipments:,}").first.is_visible()
    app_page.screenshot("shell-zh.png")

    page.get_by_role("button", name="English").click()
    page.mouse.move(200, 700)  # away from the button, so no tooltip in the screenshot
    page.get_by_text("Sign in to FieldSales").first.wait_for(state="visible")
    assert page.get_by_text("Dealers").first.is_visible()
    assert page.get_by_text("登录销售通").count() == 0
    app_page.screenshot("shell-en.png")

    # Offline/no-CDN: everything came from the local server, except Flet's known Rive request,
    # which the fixture aborted (the app worked without it).
    assert app_page.unexpected_external_requests() == [], "requests left the machine (CDN?)"
    assert app_page.font_loaded(), "CJK font not loaded"
