"""Executive visits (高层拜访) in the browser (issue 18 part 3), at 390×844: a manager opens a
dealer's customer card, taps 计划高层拜访, is refused without a purpose (nothing written), plans
one for next week, sees it on the card after the sync, then on the map's 高层拜访 layer (a star
named for the dealer) and in the list of planned visits. Screenshots: exec-visit-card.png,
exec-visit-map.png."""

from __future__ import annotations

import datetime as dt
import re

import psycopg
import pytest
from psycopg.rows import dict_row

from tests.e2e.app_helpers import BACK, Phone
from tests.e2e.conftest import E2E_TODAY
from tests.e2e.test_app_matrix import on_screen

pytestmark = pytest.mark.e2e
MANAGER = "manager@demo.fieldsales.cn"
PURPOSE = "年度合作洽谈：新品首批铺货与年节陈列"


def _visits(url: str, customer_id: str) -> list[dict]:
    with psycopg.connect(url, row_factory=dict_row) as conn:
        return conn.execute(
            "select v.status, v.purpose, v.planned_on, p.email from executive_visits v"
            " join profiles p on p.id = v.executive_id where v.customer_id = %s",
            (customer_id,),
        ).fetchall()


def test_a_manager_plans_an_executive_visit_and_sees_it_on_the_map(
    phone: Phone, demo_db_url: str
) -> None:
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        d = conn.execute(  # a positioned dealer without executive visits (the demo's have some)
            "select c.id::text, c.code, c.name from customers c where c.tier = 1"
            " and c.status = 'active' and c.deleted_at is null and c.lat is not null"
            " and not exists (select from executive_visits v where v.customer_id = c.id)"
            " order by c.code desc limit 1"
        ).fetchone()
    assert d is not None, "the demo has no dealer without executive visits"
    day = E2E_TODAY + dt.timedelta(days=7)
    phone.open()
    phone.text("销售经理", exact=True).click()
    phone.sign_in(MANAGER, first_tab="审批")
    phone.tab("客户").click()
    phone.open_card(d["code"], d["name"])
    phone.see(d["code"])
    phone.reveal(phone.text("重点客户：建议安排高层拜访"))  # a dealer is a key customer
    phone.reveal(phone.button("计划高层拜访")).click()
    phone.see("拜访目的（必填）")
    assert phone.value("计划日期（年-月-日）") == day.isoformat()  # a week from today
    phone.button("计划高层拜访").last.click()  # no purpose: refused in the dialog
    phone.see("请填写拜访目的")
    assert _visits(demo_db_url, d["id"]) == []
    phone.fill("拜访目的（必填）", PURPOSE)
    phone.button("计划高层拜访").last.click()
    phone.see(f"已计划高层拜访：{day.isoformat()}")
    assert _visits(demo_db_url, d["id"]) == [
        {"status": "planned", "purpose": PURPOSE, "planned_on": day, "email": MANAGER}
    ]
    # the sync after the step brings it back to the card
    phone.reveal(phone.text(PURPOSE))
    phone.see("已计划")
    phone.app.settle()  # the card is rebuilt by the sync: scroll to the section for the picture
    on_screen(phone, phone.text(PURPOSE))
    phone.shot("exec-visit-card.png")

    phone.page.get_by_role("button", name=BACK).first.click()
    phone.tab("地图").click()
    chip = phone.page.get_by_role("checkbox", name=re.compile("高层拜访"))
    chip.first.click()
    name = re.compile(rf"^高层拜访 {re.escape(d['name'])} {day.isoformat()} 已计划")
    phone.page.get_by_role("button", name=name).first.wait_for(timeout=20_000)
    phone.shot("exec-visit-map.png")
    # and in the list of planned visits (审批 → 高层拜访计划)
    phone.tab("审批").click()
    phone.reveal(phone.button("高层拜访计划")).click()
    phone.see(f"{day.isoformat()} · {d['name']}")
