"""Journey (2) of issue 16 in the browser, on one served app with two phones: a rep takes an
order in a visit and checks out (the order goes to the outlet's dealer); the dealer sees it under
订单, accepts it with a lowered quantity and a reason, and marks it shipped; the rep sees 已发货 on
Today and on the outlet's card, and marks it received at the next visit."""

from __future__ import annotations

import re
from typing import Any

import psycopg
import pytest
from psycopg.rows import dict_row

from tests.e2e.app_helpers import Phone, near
from tests.e2e.conftest import (
    E2E_TODAY,
)

pytestmark = pytest.mark.e2e


def _first_stop_with_a_dealer_login(conn: psycopg.Connection) -> dict[str, Any]:
    """A rep's first stop today at an outlet whose supplying dealer (up the parent chain) has a
    login in the demo."""
    row = conn.execute(
        "select u.email as rep, c.id::text, c.name, c.lat, c.lng, d.email as dealer,"
        " d.customer_id::text as dealer_id"
        " from visit_plan_stops s join visit_plans p on p.id = s.plan_id"
        " join profiles u on u.id = p.rep_id join customers c on c.id = s.customer_id"
        " join profiles d on d.role = 'dealer' and d.customer_id = private.order_supplier(c.id)"
        " where s.visit_date = %s and p.status = 'approved' and c.tier > 1 and s.seq = 1"
        " and c.lat is not null order by u.email limit 1",
        (E2E_TODAY,),
    ).fetchone()
    assert row is not None, "no rep starts today at an outlet of a demo dealer with a login"
    return row


def test_an_order_travels_from_the_visit_to_the_dealer_and_back(
    phone: Phone, second_phone: Phone, demo_db_url: str
) -> None:
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        stop = _first_stop_with_a_dealer_login(conn)
        products = conn.execute(
            "select id::text, name, spec, unit_price from products where active order by sku"
        ).fetchall()
        # this journey's own state: the demo's orders of the rep and of the dealer are set aside
        mine = (  # the dealer's, and those of every outlet the rep sees
            "select o.id from orders o join customers c on c.id = o.customer_id"
            " where o.supplier_id = %s"
            " or c.owner_chain @> array[(select id from profiles where email = %s)]"
        )
        conn.execute(
            f"delete from order_lines where order_id in ({mine})", (stop["dealer_id"], stop["rep"])
        )
        conn.execute(f"delete from orders where id in ({mine})", (stop["dealer_id"], stop["rep"]))
    p1, p2 = (f"{p['name']} {p['spec']}" for p in products[:2])

    # the rep: a visit at the first stop, an order of 5 + 2 boxes, check-out
    rep = phone
    rep.context.set_geolocation(near(stop["lat"], stop["lng"], north_m=30, accuracy=9))
    rep.open()
    rep.sign_in(stop["rep"])
    rep.see("GPS ±9 米")  # Today has the position the browser was given
    rep.button(f"开始拜访：{stop['name']}").click()
    rep.see("在签到范围 300 米内")
    rep.button("签到").click()
    rep.see("按产品填写现有库存")
    rep.button("订单").click()
    rep.see("填写订货数量")
    rep.fill(p1, "5")
    rep.fill(p2, "2")
    rep.button("签退").click()
    rep.see("已完成 1/6 站")
    rep.wait_synced()
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        order = conn.execute(
            "select o.id::text, o.status, o.supplier_id::text from orders o"
            " join visits v on v.id = o.visit_id where v.customer_id = %s",
            (stop["id"],),
        ).fetchall()
    assert len(order) == 1, order
    order = order[0]
    assert order["status"] == "submitted" and order["supplier_id"] == stop["dealer_id"]
    rep.reveal(rep.text("订单动态 1"))  # below the route
    rep.reveal(rep.text("已提交"))

    # the dealer: 订单 → the order → accept 3 of the 5 with a reason → mark shipped
    dealer = second_phone
    dealer.open()
    dealer.text("经销商", exact=True).click()
    dealer.sign_in(stop["dealer"], first_tab="到货")
    dealer.tab("订单").click()
    dealer.see("待处理 1")
    # the card is a tappable container: its tooltip is its label (docs/flet-lessons.md)
    item = dealer.page.get_by_label(f"查看订单 {stop['name']}", exact=True)
    item.wait_for()
    dealer.shot("dealer-orders.png")
    item.click()
    dealer.see("订货明细 2 行")
    # a line's field is named by its card's heading (the card merges it): "1. 品名 规格"
    accepted = dealer.page.get_by_role("textbox", name=re.compile(r"^1\. ")).first
    accepted.wait_for()
    label = accepted.get_attribute("aria-label") or ""
    dealer.fill_in(accepted, label, "3")
    dealer.button("接单").click()
    dealer.see("减少数量时必须填写原因")  # checked on the phone: nothing sent yet
    dealer.fill("原因（减少数量或拒单时必填）", "库存不足，先发3箱")
    dealer.shot("dealer-order.png")
    dealer.button("接单").click()
    dealer.see("发货日期")
    dealer.see("接单 3 箱")
    dealer.button("标记发货").click()
    dealer.see(f"{E2E_TODAY.isoformat()} 发货")
    dealer.shot("dealer-order-shipped.png")
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        row = conn.execute(
            "select o.status, o.status_reason, o.shipped_on,"
            " (select array_agg(accepted_quantity::int order by quantity desc) from order_lines l"
            "   where l.order_id = o.id) as accepted,"
            " (select sum(quantity)::int from shipments s where s.doc_no = 'ORD-' ||"
            "   replace(o.id::text, '-', '')) as shipped"
            " from orders o where o.id = %s",
            (order["id"],),
        ).fetchone()
    assert row == {"status": "shipped", "status_reason": "库存不足，先发3箱",
                   "shipped_on": E2E_TODAY, "accepted": [3, 2], "shipped": 5}  # fmt: skip

    # the rep: after a sync, 已发货 on Today and on the outlet's card; received at the next visit
    rep.tab("同步").click()
    rep.button("立即同步").click()
    rep.wait_synced()
    rep.tab("今日").click()
    rep.see("有已发货订单待收货")
    rep.reveal(rep.text("订单动态 1"))
    rep.shot("rep-today-orders.png")
    # the outlet's card, found by its name (Today's meeting decisions and warnings lie between
    # the route's stops and the order lines)
    rep.tab("客户").click()
    rep.open_card(stop["name"], stop["name"])
    rep.see("开始拜访（签到）")
    rep.reveal(rep.text("最近订单"), steps=20)  # below the support and conduct cards
    rep.reveal(rep.text("库存不足，先发3箱"))
    rep.see("已发货")
    for _ in range(4):  # the card's history is at its end
        rep.page.mouse.move(195, 500)
        rep.page.mouse.wheel(0, 400)
        rep.page.wait_for_timeout(250)
    rep.shot("rep-card-order-shipped.png")
    rep.reveal(rep.button("开始拜访（签到）")).click()
    rep.see("在签到范围 300 米内")
    rep.button("签到").click()
    rep.see("已发货订单 · 请确认收货")
    rep.button("确认收货").click()
    rep.see("已确认收货")
    with psycopg.connect(demo_db_url) as conn:
        status = conn.execute("select status from orders where id = %s", (order["id"],)).fetchone()
    assert status == ("received",)
