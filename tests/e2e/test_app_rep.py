"""A rep's day in the browser (the real `fieldsales demo`): sign in, Today, a visit, offline-first."""

from __future__ import annotations

import re
import time
from decimal import Decimal

import psycopg
import pytest

from tests.e2e.app_helpers import Phone, first_stop, near, poll, reopen
from tests.e2e.conftest import BOOT_TIMEOUT_MS, E2E_TODAY

pytestmark = pytest.mark.e2e


def test_sign_in_as_a_demo_rep_and_open_today(
    phone: Phone, demo_db_url: str, demo_plans: dict[str, list[str]]
) -> None:
    """Sign in, see today's approved route in order; a restart opens Today without signing in."""
    email = "rep01@demo.fieldsales.cn"
    boot = phone.open()
    print(f"\ncold start to the sign-in screen: {boot:.1f} s")
    assert phone.see("演示模式").is_visible()
    phone.shot("app-signin.png")
    phone.sign_in(email)
    with psycopg.connect(demo_db_url) as conn:
        stops = conn.execute(
            "select c.name from visit_plan_stops s join visit_plans p on p.id = s.plan_id"
            " join profiles u on u.id = p.rep_id join customers c on c.id = s.customer_id"
            " where u.email = %s and s.visit_date = %s order by s.seq",
            (email, E2E_TODAY),
        ).fetchall()
        full_name = conn.execute(
            "select full_name from profiles where email = %s", (email,)
        ).fetchone()[0]
    names = [r[0] for r in stops]
    assert len(names) == len(demo_plans[email]) == 6
    phone.see(f"已完成 0/{len(names)} 站")
    phone.see(f"开始拜访：{names[0]}")
    phone.see("GPS ±15 米")  # the position the browser was given (distances are redrawn)
    # route order on screen is the plan's order (the first stops fit on the screen)
    tiles = [
        phone.page.get_by_role("button", name=re.compile(rf"^{i} {re.escape(n)} ")).first
        for i, n in enumerate(names[:3], start=1)
    ]
    for tile in tiles:
        tile.wait_for()
    tops = phone.tops(tiles)
    assert tops == sorted(tops), "stops are not in route order"
    phone.shot("app-today.png")

    # a restart (the app is closed and opened again): the session is on the phone, Today comes up
    page = phone.context.new_page()
    page.set_default_timeout(BOOT_TIMEOUT_MS)
    phone.page.close()
    phone.app.page = page
    started = time.monotonic()
    reopen(page, phone.app.url, f"开始拜访：{names[0]}")
    print(
        f"cold start of a signed-in phone to an interactive Today: {time.monotonic() - started:.1f} s"
    )
    page.get_by_label("设置", exact=True).click()
    phone.see(full_name)


def test_visit_check_in_stock_order_check_out(
    phone: Phone, demo_db_url: str, demo_plans: dict[str, list[str]]
) -> None:
    """Check in at the first stop with the browser's position, count stock, order, check out;
    the draft survives a restart; after the sync the server has it all."""
    email = "rep02@demo.fieldsales.cn"
    with psycopg.connect(demo_db_url) as conn:
        stop = first_stop(conn, email)
        products = conn.execute(
            "select id::text, name, spec, unit_price from products where active order by sku"
        ).fetchall()
    phone.context.set_geolocation(near(stop["lat"], stop["lng"], north_m=40, accuracy=9))
    phone.open()
    phone.sign_in(email)
    phone.see("GPS ±9 米")  # the Today screen has its position (and redrew the distances)
    phone.button(f"开始拜访：{stop['name']}").click()
    phone.see("在签到范围 300 米内")
    phone.see("GPS ±9 米")
    phone.see("所在区县：")  # from the packaged boundaries, no network asked
    phone.see("附近地址：")  # the server's geocoder cache answered (here: none within 150 m)
    phone.shot("app-visit-checkin.png")
    phone.button("签到").click()
    phone.see("签到距离 40 米")
    phone.see("按产品填写现有库存")

    # stock: the first two products of the sheet (never counted here: listed by SKU)
    p1, p2, p3 = (f"{name} {spec}" for _, name, spec, _ in products[:3])
    phone.fill(p1, "12")
    phone.fill(p2, "0")
    store = phone.store()
    poll(lambda: store.execute("select count(*) from stock_counts").fetchone()[0] == 2)
    store.close()
    phone.shot("app-visit-stock.png")

    # the app is killed and opened again: the visit in progress is on the phone
    again = phone.context.new_page()
    phone.page.close()
    phone.app.page = again
    phone.open("今日")
    phone.see(f"正在拜访：{stop['name']}")
    phone.button("继续拜访").first.click()
    phone.see("拜访中")
    assert phone.value(p1) == "12" and phone.value(p2) == "0"

    phone.button("订单").click()
    phone.see("填写订货数量")  # the order section is up (its fields share the stock's labels)
    phone.fill(p1, "5")
    phone.fill(p3, "2")
    price1, price3 = Decimal(str(products[0][3])), Decimal(str(products[2][3]))
    total = price1 * 5 + price3 * 2
    phone.see(f"合计 ¥{total:,.2f}（2 个品项）")
    phone.shot("app-visit-order.png")

    phone.button("反馈").click()
    phone.see("客户投诉")
    phone.fill("竞品信息", "康师傅冰红茶买二送一")
    phone.fill("客户反馈", "希望周二前到货")

    # check out: time from the tap to the visit being in the store and its outbox
    store = phone.store()
    visit_id = store.execute(
        "select id from visits where json_extract(data, '$.status') = 'in_progress'"
    ).fetchone()[0]
    tapped = time.perf_counter()
    phone.button("签退").click()
    poll(
        lambda: store.execute(
            "select 1 from visits where id = ? and json_extract(data, '$.status') = 'done'",
            (visit_id,),
        ).fetchone(),
        interval=0.005,
    )
    in_outbox_ms = (time.perf_counter() - tapped) * 1000
    phone.see("已完成 1/6 站")
    on_screen_ms = (time.perf_counter() - tapped) * 1000
    print(f"\ncheck-out tap → visit in the outbox: {in_outbox_ms:.0f} ms"
          f" (Today updated after {on_screen_ms:.0f} ms)")  # fmt: skip
    store.close()
    phone.wait_synced()
    phone.shot("app-today-after-visit.png")
    phone.tab("同步").click()
    phone.see("没有冲突")
    phone.shot("app-sync.png")

    with psycopg.connect(demo_db_url) as conn:
        v = conn.execute(
            "select v.status, v.checkin_distance_m, v.checkin_accuracy_m, v.offsite,"
            " v.checkout_at >= v.checkin_at, v.competitor_notes, v.feedback, u.email"
            " from visits v join profiles u on u.id = v.rep_id where v.id = %s",
            (visit_id,),
        ).fetchone()
        assert v[0] == "done" and v[1] == pytest.approx(40, abs=1) and v[2] == 9
        assert v[3:] == (False, True, "康师傅冰红茶买二送一", "希望周二前到货", email)
        counts = dict(
            conn.execute(
                "select product_id::text, quantity from stock_counts where visit_id = %s",
                (visit_id,),
            ).fetchall()
        )
        assert counts == {products[0][0]: 12, products[1][0]: 0}
        lines = conn.execute(
            "select sum(l.quantity * l.unit_price), count(*), min(o.status) from orders o"
            " join order_lines l on l.order_id = o.id where o.visit_id = %s",
            (visit_id,),
        ).fetchone()
        # checked out: the order went to the outlet's dealer (the first one up its parent chain)
        assert lines == (total, 2, "submitted")
        tier, dealer, supplier = conn.execute(
            "with recursive up as (select c.id, c.parent_id, c.tier, 0 as n from customers c"
            " join visits v on v.customer_id = c.id where v.id = %s union all"
            " select p.id, p.parent_id, p.tier, up.n + 1 from customers p"
            " join up on p.id = up.parent_id)"
            " select (select tier from up where n = 0), (select id from up where tier = 1),"
            " (select supplier_id from orders where visit_id = %s)",
            (visit_id, visit_id),
        ).fetchone()
        # a dealer's own order goes to the company (no supplier); an outlet's to its dealer
        assert supplier == (None if tier == 1 else dealer)


def test_check_in_beyond_the_radius_needs_a_reason(
    phone: Phone, demo_db_url: str, demo_plans: dict[str, list[str]]
) -> None:
    """500 m from the outlet: the check-in asks for a reason under the field, is flagged on the
    screen, and reaches the server as off-site with that reason."""
    email = "rep06@demo.fieldsales.cn"
    with psycopg.connect(demo_db_url) as conn:
        stop = first_stop(conn, email)
    phone.context.set_geolocation(near(stop["lat"], stop["lng"], north_m=500, accuracy=12))
    phone.open()
    phone.sign_in(email)
    phone.see("GPS ±12 米")
    phone.button(f"开始拜访：{stop['name']}").click()
    phone.see("超出签到范围 300 米")
    phone.button("签到").click()
    phone.see("请填写签到原因")
    phone.shot("app-visit-offsite.png")
    phone.fill("签到原因", "门店临时搬到对面商场")
    phone.button("签到").click()
    phone.see("异地签到")
    phone.wait_synced()
    with psycopg.connect(demo_db_url) as conn:
        row = conn.execute(
            "select v.offsite, v.offsite_reason, round(v.checkin_distance_m) from visits v"
            " join profiles u on u.id = v.rep_id where u.email = %s and v.customer_id = %s",
            (email, stop["id"]),
        ).fetchone()
    assert row == (True, "门店临时搬到对面商场", 500)
