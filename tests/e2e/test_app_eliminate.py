"""Eliminate (淘汰) in the browser (issue 17), at 390×844 on two phones: an area manager opens a
dealer's customer card, taps 申请淘汰, records a 砸价 flag (refused without a kind), taps 申请淘汰, tries to send it without a reason (refused in the dialog,
nothing written), gives the reason and sends it; a manager finds the request on the 工作台 desk
(预警处理), confirms it, and after a sync the area manager's card shows 已淘汰; the database has the
confirmed request and the eliminated customer, its debt still in the ledger."""

from __future__ import annotations

import psycopg
import pytest
from psycopg.rows import dict_row

from tests.e2e.app_helpers import BACK, Phone

pytestmark = pytest.mark.e2e
AM = "am-sh@demo.fieldsales.cn"
MANAGER = "manager@demo.fieldsales.cn"
FLAG = "在苏州以出厂价八折批量出货"
REASON = "连续两个季度窜货到外区，并低于指导价甩货，屡次约谈无改善"


def _requests(url: str, customer_id: str) -> list[dict]:
    with psycopg.connect(url, row_factory=dict_row) as conn:
        return conn.execute(
            "select e.status, e.reason, c.status as customer_status from customer_eliminations e"
            " join customers c on c.id = e.customer_id where e.customer_id = %s",
            (customer_id,),
        ).fetchall()


def test_an_area_manager_asks_and_a_manager_confirms(
    phone: Phone, second_phone: Phone, demo_db_url: str
) -> None:
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        d = conn.execute(
            "select c.id::text, c.code, c.name from customers c join profiles p on p.email = %s"
            " where c.area_id = p.area_id and c.tier = 1 and c.status = 'active'"
            " and c.deleted_at is null order by c.code desc limit 1",
            (AM,),
        ).fetchone()
        assert d is not None, "the demo area has no dealer"
        debt = "select balance from private.balances(private.company_today(), array[%s]::uuid[])"
        balance = conn.execute(debt, (d["id"],)).fetchone()
    am, manager = phone, second_phone
    am.open()
    am.text("区域经理", exact=True).click()
    am.sign_in(AM, first_tab="审批")
    am.tab("客户").click()
    am.open_card(d["code"], d["name"])
    # a 砸价 flag first: refused without a kind, recorded with one
    am.reveal(am.button("记录窜货/砸价")).click()
    am.see("发现日期（年-月-日）")
    am.fill("情况说明（必填）", FLAG)
    am.button("记录窜货/砸价").last.click()
    am.see("请选择窜货或砸价")
    am.text("砸价", exact=True).click()
    am.shot("conduct-flag.png")
    am.button("记录窜货/砸价").last.click()
    am.see("已记录砸价")
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        flags = conn.execute(
            "select kind, note, flagged_on = private.company_today() as today"
            " from customer_conduct_flags where customer_id = %s",
            (d["id"],),
        ).fetchall()
    assert flags == [{"kind": "dumping", "note": FLAG, "today": True}]
    am.reveal(am.button("申请淘汰")).click()
    am.see("淘汰理由（必填）")
    am.button("申请淘汰").last.click()  # no reason: refused in the dialog
    am.see("请填写淘汰理由")
    assert _requests(demo_db_url, d["id"]) == []
    am.fill("淘汰理由（必填）", REASON)
    am.shot("eliminate-request.png")
    am.button("申请淘汰").last.click()
    am.see("已提交淘汰申请，等待销售经理确认")
    am.reveal(am.text("淘汰申请待审批"))
    assert _requests(demo_db_url, d["id"]) == [
        {"status": "requested", "reason": REASON, "customer_status": "active"}
    ]

    manager.open()
    manager.text("销售经理", exact=True).click()
    manager.sign_in(MANAGER, first_tab="审批")
    manager.tab("工作台").click()
    manager.see("售后工作台")
    manager.text("预警处理", exact=True).click()
    manager.see("淘汰申请 1")
    manager.see(REASON)
    manager.shot("eliminate-desk.png")
    manager.button("确认淘汰", exact=False).first.click()
    manager.see("说明（驳回时必填）")
    manager.button("确认淘汰").last.click()
    manager.see(f"已确认淘汰：{d['name']}")
    assert _requests(demo_db_url, d["id"]) == [
        {"status": "confirmed", "reason": REASON, "customer_status": "eliminated"}
    ]
    # the area manager's card, still open, shows 已淘汰 after the next sync (an eliminated
    # customer leaves the customer lists: the card is where it shows)
    am.page.get_by_role("button", name="查看同步详情").or_(
        am.page.get_by_label("查看同步详情")
    ).first.click()
    am.button("立即同步").click()
    am.wait_synced()
    am.page.get_by_role("button", name=BACK).first.click()
    am.see("已淘汰")
    assert am.button("申请淘汰").count() == 0  # nothing more to ask
    am.shot("eliminate-confirmed.png")
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        assert conn.execute(debt, (d["id"],)).fetchone() == balance  # the debt stays
