"""Support activities in the browser (issue 18, 辅导支援). At 390×844 a rep checks in at the first
stop, opens the visit's 支援 section, tries 记录支援 without a kind (refused under the chips,
nothing written), picks 培训, types the cost, materials and outcome and records it; after the
check-out and the sync the server has the done activity (with the visit, and its one expense row),
and the customer's card shows it in 辅导支援. A manager opens 辅导支援 from the 工作台 desk at
1280×800 (the per-area summary with the over-budget area, and the activities table), then at
390×844. Screenshots: support-visit.png, support-card.png, support-desk-desktop.png,
support-desk.png."""

from __future__ import annotations

import psycopg
import pytest
from playwright.sync_api import Locator
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from psycopg.rows import dict_row

from tests.e2e.app_helpers import Phone, poll

pytestmark = pytest.mark.e2e
REP = "rep02@demo.fieldsales.cn"
MANAGER = "manager@demo.fieldsales.cn"
MATERIALS = "培训手册20本、试饮装2箱"
OUTCOME = "店员能讲清新品卖点"


def on_screen(phone: Phone, locator: Locator) -> None:
    """Scroll until the control is inside the window (a ListView keeps rows beyond the window in
    the semantics tree, where Playwright counts them as visible: docs/flet-lessons.md)."""
    for _ in range(40):
        box = locator.bounding_box()
        if box and 150 < box["y"] < 844 - 200:
            return
        phone.page.mouse.move(195, 600)
        phone.page.mouse.wheel(0, -300 if box and box["y"] <= 150 else 300)
        phone.page.wait_for_timeout(250)
    raise AssertionError("the control never scrolled into the window")


def _recorded(url: str, visit_customer: str) -> list[dict]:
    with psycopg.connect(url, row_factory=dict_row) as conn:
        return conn.execute(
            "select s.kind, s.status, s.cost, s.materials, s.outcome, s.visit_id is not null"
            " as at_visit, (select count(*) from expenses e where e.support_activity_id = s.id"
            " and e.deleted_at is null) as expense_rows from support_activities s"
            " where s.customer_id = %s and s.visit_id is not null",
            (visit_customer,),
        ).fetchall()


def test_a_rep_records_support_at_a_visit_and_sees_it_on_the_card(
    phone: Phone, demo_db_url: str
) -> None:
    stop = phone.check_in_at_first_stop(demo_db_url, REP)
    phone.button("支援").click()
    phone.see("本次拜访中为客户做的辅导或支援")
    # no kind: refused under the chips, nothing on the phone
    phone.reveal(phone.button("记录支援")).click()
    phone.see("请选择支援类型")
    store = phone.store()
    assert store.execute("select count(*) from support_activities where json_extract(data,"
                         " '$.visit_id') is not null").fetchone()[0] == 0  # fmt: skip
    phone.text("培训", exact=True).click()
    phone.fill("费用（元，没有填0）", "650")
    phone.fill("提供物料", MATERIALS)
    phone.fill("效果", OUTCOME)
    phone.shot("support-visit.png")
    phone.reveal(phone.button("记录支援")).click()
    phone.see("已记录支援，同步后上传")
    phone.see("本次已记录：")
    poll(lambda: store.execute("select count(*) from support_activities where json_extract(data,"
                               " '$.visit_id') is not null").fetchone()[0] == 1)  # fmt: skip
    store.close()
    phone.button("签退").click()
    phone.wait_synced()
    got = poll(lambda: _recorded(demo_db_url, stop["id"]) or None)
    assert got == [{"kind": "training", "status": "done", "cost": 650, "materials": MATERIALS,
                    "outcome": OUTCOME, "at_visit": True, "expense_rows": 1}]  # fmt: skip
    # the customer's card: 辅导支援 with the activity
    phone.tab("客户").click()
    phone.open_card(stop["code"], stop["name"])
    on_screen(phone, phone.reveal(phone.text(f"效果：{OUTCOME}"), steps=15))
    phone.see("辅导支援")
    phone.see("费用 ¥650.00")
    phone.shot("support-card.png")


def test_a_manager_reads_the_support_desk(phone: Phone, demo_db_url: str) -> None:
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        over = conn.execute(
            "select area_name from public.support_summary() where level = 'area'"
            " and expenses > budget and budget > 0"
        ).fetchall()
    assert len(over) == 1, over  # the demo's one area over budget
    phone.open()
    phone.text("销售经理", exact=True).click()
    phone.sign_in(MANAGER, first_tab="审批")
    phone.page.set_viewport_size({"width": 1280, "height": 800})
    phone.app.settle()  # the tabs move to the rail: a tap on the old bar would be lost
    for attempt in range(3):
        phone.tab("工作台").first.click()
        try:
            phone.see("客户分类", timeout_ms=15_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    phone.text("辅导支援", exact=True).first.click()  # the desks' chip
    phone.see("各区域汇总（本月）")
    phone.page.get_by_role("cell", name=over[0]["area_name"], exact=True).first.wait_for()
    phone.see("支援活动")
    phone.page.mouse.move(640, 790)  # no tooltip in the picture
    phone.app.settle()
    phone.app.screenshot("support-desk-desktop.png")
    phone.page.set_viewport_size({"width": 390, "height": 844})
    phone.app.settle()
    phone.see("超预算")
    phone.shot("support-desk.png")
