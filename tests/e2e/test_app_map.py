"""The map in the browser (issue 7): markers and clusters on screen, the grade filter, a tapped
marker's card, near me, and the offline note (every tile request is blocked in these tests)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import closing

import psycopg
import pytest
from playwright.sync_api import Browser, Locator, Page

from fieldapp.domain import legend
from tests.e2e.app_helpers import BACK, PEOPLES_SQUARE, Phone, poll
from tests.e2e.conftest import BOOT_TIMEOUT_MS, AppPage, is_loopback_url

pytestmark = pytest.mark.e2e
MARK = re.compile(r"^(网点|聚合) ")
POINT = re.compile(r"^网点 ")
CLUSTER = re.compile(r"^聚合 ")
DESKTOP = {"width": 1280, "height": 800}


def outlets(conn: psycopg.Connection, email: str, grade: str | None = None) -> int:
    """How many positioned outlets the user's phone holds (optionally of one grade)."""
    return conn.execute(
        "select count(*) from customers c join profiles u on u.id = any(c.owner_chain)"
        " where u.email = %s and c.lat is not null and c.deleted_at is null"
        " and (%s::text is null or c.grade = %s)",
        (email, grade, grade),
    ).fetchone()[0]


def mark(page: Page, pattern: re.Pattern[str] = MARK) -> Locator:
    """Markers and cluster bubbles on screen (buttons named by their tooltips)."""
    return page.get_by_role("button", name=pattern)


def marks(page: Page, pattern: re.Pattern[str] = MARK) -> list[str]:
    """The labels of the markers and cluster bubbles on screen."""
    loc = mark(page, pattern)
    return [(loc.nth(i).text_content() or "").strip() for i in range(loc.count())]


def drawn(page: Page) -> int:
    """Customers drawn on screen: single markers plus the counts of the bubbles."""
    n = 0
    for label in marks(page, re.compile(r"^(网点|聚合|Outlet|Group of) ")):
        found = re.match(r"^(?:聚合|Group of) (\d+)", label)
        n += int(found.group(1)) if found else 1
    return n


def in_view(page: Page, total: int, timeout_ms: int = 20_000) -> int:
    """Wait for the status line '视野内 n / 共 total 个网点'; returns n."""
    line = page.get_by_text(re.compile(rf"^视野内 \d+ / 共 {total} 个网点$"))
    line.first.wait_for(timeout=timeout_ms)
    return int(re.search(r"视野内 (\d+)", line.first.inner_text()).group(1))  # type: ignore[union-attr]


def test_map_markers_filter_and_card(phone: Phone, demo_db_url: str) -> None:
    """A rep's outlets on the map; grade A shows only A; a warning kind shows only those;
    tapping a marker opens its card with the warning sentence; 打开档案 opens the full card."""
    email = "rep01@demo.fieldsales.cn"
    with psycopg.connect(demo_db_url) as conn:
        total, grade_a = outlets(conn, email), outlets(conn, email, "A")
    assert 0 < grade_a < total
    phone.open()
    phone.sign_in(email)
    phone.see("GPS ±15 米")  # Today has the browser's position (People's Square)
    phone.tab("地图").click()
    page = phone.page
    mark(page).first.wait_for()
    assert in_view(page, total) == total  # the first camera shows every outlet
    assert drawn(page) == total  # each outlet drawn once, alone or in a bubble
    before = marks(page)
    assert 0 < len(before) <= 300
    phone.see("底图不可用")  # tiles are blocked: the markers stay, the map says so
    phone.shot("map-rep.png")

    page.get_by_role("checkbox", name="A 级").click()
    in_view(page, grade_a)
    poll_labels = marks(page, POINT)
    assert all("A 级" in x for x in poll_labels), poll_labels
    assert marks(page) != before
    phone.shot("map-grade-a.png")

    # the outlets with an open warning of the rep's most common kind: a tapped one says why
    page.get_by_role("checkbox", name="A 级").click()  # tapped again: every grade
    in_view(page, total)
    with psycopg.connect(demo_db_url) as conn:
        kind, warned = conn.execute(
            "select w.kind, count(distinct c.id) from warnings w join customers c on c.id ="
            " w.customer_id join profiles u on u.id = any(c.owner_chain) where u.email = %s"
            " and w.status <> 'resolved' and c.lat is not null group by 1 order by 2 desc, 1"
            " limit 1",
            (email,),
        ).fetchone()
    page.get_by_label("筛选", exact=True).click()
    page.get_by_role("checkbox", name=legend.WARNING_KINDS[kind][0]).click()
    phone.see(f"符合条件的网点：{warned} 个")
    page.keyboard.press("Escape")
    in_view(page, warned)
    for _ in range(8):  # open clusters until single outlets show
        if mark(page, POINT).count():
            break
        mark(page, CLUSTER).first.click()
        page.wait_for_timeout(600)
        phone.app.settle()  # the camera has stopped and the markers are redrawn
    label = (mark(page, POINT).first.text_content() or "").strip()
    assert "预警" in label  # its ring says it has a warning, and how severe
    name = label.removeprefix("网点 ").split(" · ")[0]
    mark(page, POINT).first.click()
    phone.see(name)
    with psycopg.connect(demo_db_url) as conn:
        code, sentence = conn.execute(
            "select c.code, public.warning_message(w.kind, w.figures, 'zh') from customers c"
            " join profiles u on u.id = any(c.owner_chain) join warnings w on w.customer_id ="
            " c.id where u.email = %s and c.name = %s and w.kind = %s"
            " and w.status <> 'resolved'",
            (email, name, kind),
        ).fetchone()
    phone.see(sentence)  # the warning in a sentence, built on the phone from its figures
    phone.see("距您")  # the browser's position (People's Square) is known
    phone.button("打开档案").wait_for()
    phone.button("开始拜访").wait_for()
    phone.shot("map-card.png")
    phone.button("打开档案").click()
    phone.see(code)


def test_near_me_lists_outlets_with_distances(phone: Phone) -> None:
    """附近 centres on the browser's position and lists the nearest outlets."""
    phone.open()
    phone.sign_in("rep02@demo.fieldsales.cn")
    phone.tab("地图").click()
    page = phone.page
    mark(page).first.wait_for()
    page.get_by_label("附近", exact=True).click()
    phone.see("附近网点")
    rows = page.get_by_role("button", name=re.compile(r"\d+(\.\d+)?\s(米|公里)$"))
    rows.first.wait_for()
    metres = []
    for i in range(rows.count()):
        n, unit = re.search(r"([\d.]+)\s(米|公里)$", rows.nth(i).text_content() or "").groups()  # type: ignore[union-attr]
        metres.append(float(n) * (1000 if unit == "公里" else 1))
    assert len(metres) >= 3 and metres == sorted(metres)  # nearest first
    phone.shot("map-near.png")
    rows.first.click()  # centres on that outlet and shows its card
    phone.button("打开档案").wait_for()
    page.keyboard.press("Escape")
    page.get_by_label("图例", exact=True).click()
    phone.see("外圈 = 最高预警")
    phone.see("形状 = 网点级别")
    phone.shot("map-legend.png")


def test_tile_setting_and_english(phone: Phone) -> None:
    """Settings → base map: none (plain background, said so), AMap (kept on the phone; offline
    here, so the map says tiles are unavailable); the map in English."""
    phone.open()
    phone.sign_in("rep03@demo.fieldsales.cn")
    page = phone.page
    back = page.get_by_role("button", name=BACK)
    phone.tab("地图").click()
    mark(page).first.wait_for()
    page.get_by_label("设置", exact=True).click()
    phone.see("地图底图")
    assert page.get_by_role("checkbox", name="OSM").is_checked()
    none = page.get_by_role("checkbox", name="无底图")
    none.click()
    poll(none.is_checked)
    phone.shot("map-settings-tiles.png")
    box = poll(phone.button("退出登录").bounding_box)  # the new card leaves sign-out on screen
    assert box["y"] + box["height"] / 2 < 844
    back.click()
    phone.see("未使用底图（可在设置中选择）")
    mark(page).first.wait_for()
    assert not phone.text("底图不可用").is_visible()

    page.get_by_label("设置", exact=True).click()
    amap = page.get_by_role("checkbox", name="高德地图")
    amap.click()
    # (the confirmation toast may queue behind the first one: the choice itself is what counts)
    poll(amap.is_checked)
    with closing(phone.store()) as db:
        assert poll(
            lambda: (
                db.execute("select value from sync_state where key = 'pref.map_tiles'").fetchone()[
                    0
                ]
                == '"amap"'
            )
        )
    page.get_by_role("checkbox", name="English").click()
    phone.see("Base map")
    back.click()
    phone.see("Base map unavailable")  # AMap's tiles are blocked like every other host
    line = page.get_by_text(re.compile(r"^\d+ of \d+ outlets in view$")).first
    line.wait_for()
    page.wait_for_timeout(500)
    assert drawn(page) == int((line.text_content() or "").split()[0])
    page.get_by_role("button", name=re.compile("^(Outlet|Group of) ")).first.wait_for()
    phone.shot("map-en.png")


@pytest.fixture
def desktop(browser: Browser, app_url: str, phones_dir, demo_plans) -> Iterator[Phone]:
    """The app in a desktop-size browser window (an area manager at a desk)."""
    context = browser.new_context(
        viewport=DESKTOP,
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


def test_area_manager_map_at_desktop_size(desktop: Phone, demo_db_url: str) -> None:
    """An area manager's whole area at 1280×800: clusters; filters by tier and by rep."""
    email = "am-sh@demo.fieldsales.cn"
    desktop.open()
    desktop.text("区域经理", exact=True).click()  # the demo users of that role
    desktop.sign_in(email, first_tab="审批")
    desktop.tab("地图").click()
    page = desktop.page
    mark(page).first.wait_for()
    with closing(desktop.store()) as db:  # what the area manager's phone holds
        total = db.execute(
            "select count(*) from customers where deleted = 0 and lat is not null"
        ).fetchone()[0]
    assert total > 120  # the whole area, not one rep's outlets
    assert in_view(page, total) == total
    assert 0 < len(marks(page)) <= 300
    desktop.shot("map-desktop.png")
    page.mouse.move(640, 420)
    for _ in range(4):  # zoom in with the wheel: the camera event re-clusters the new view
        page.mouse.wheel(0, -400)
        page.wait_for_timeout(150)
    poll(lambda: in_view(page, total) < total, timeout=20)
    page.get_by_label("筛选", exact=True).click()
    desktop.see("业务员")
    desktop.see("预警类型")
    with closing(desktop.store()) as db:
        stores = db.execute(
            "select count(*) from customers where deleted = 0 and lat is not null and tier = 3"
        ).fetchone()[0]
        owner, owned = db.execute(
            "select owner_id, count(*) from customers where deleted = 0 and lat is not null"
            " and tier = 3 group by owner_id order by 2 desc limit 1"
        ).fetchone()
    with psycopg.connect(demo_db_url) as conn:
        rep = conn.execute("select full_name from profiles where id = %s", (owner,)).fetchone()[0]
    desktop.see(f"符合条件的网点：{total} 个")
    page.get_by_role("checkbox", name="终端").click()
    desktop.see(f"符合条件的网点：{stores} 个")
    page.get_by_role("checkbox", name=rep).click()  # names come from the server
    desktop.see(f"符合条件的网点：{owned} 个")
    desktop.shot("map-desktop-filters.png")
    page.keyboard.press("Escape")  # the sheet closes; the map shows the filtered outlets
    in_view(page, owned)
    assert all(x.startswith(("网点", "聚合")) for x in marks(page))
    page.get_by_label("筛选（2）", exact=True).click()  # the button counts the filters
    page.get_by_role("button", name="清除筛选").click()
    desktop.see(f"符合条件的网点：{total} 个")
