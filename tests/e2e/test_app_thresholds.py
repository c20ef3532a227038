"""A customer's warning thresholds in the browser (issue 17): a manager opens 预警阈值 from a
dealer's customer card, sees each threshold with the company default, the grade's value and the
customer's own; a value out of range is refused in the dialog (nothing saved), a good one is saved
and audited in setting_changes, and removing it is audited too."""

from __future__ import annotations

import psycopg
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from psycopg.rows import dict_row

from tests.e2e.app_helpers import Phone

pytestmark = pytest.mark.e2e
MANAGER = "manager@demo.fieldsales.cn"
KEY = "warning.churn.days"
LABEL = "流失：未进货天数"


def audit(conn: psycopg.Connection, customer_id: str) -> list[dict]:
    return conn.execute(
        "select c.old_value, c.new_value, p.email from setting_changes c"
        " join profiles p on p.id = c.changed_by where c.customer_id = %s and c.setting_key = %s"
        " order by c.changed_at, c.id",
        (customer_id, KEY),
    ).fetchall()


def test_a_manager_sets_and_removes_a_customer_threshold(phone: Phone, demo_db_url: str) -> None:
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        d = conn.execute(
            "select c.id::text, c.code, c.name from customers c where c.tier = 1"
            " and c.status = 'active' and c.deleted_at is null and not exists (select from"
            " warning_thresholds t where t.customer_id = c.id) order by c.code limit 1"
        ).fetchone()
        default = conn.execute(
            "select value #>> '{}' as v from settings where key = %s", (KEY,)
        ).fetchone()["v"]
    phone.open()
    phone.text("销售经理", exact=True).click()
    phone.sign_in(MANAGER, first_tab="审批")
    phone.tab("客户").click()
    phone.open_card(d["code"], d["name"])
    phone.reveal(phone.button("预警阈值")).click()
    phone.see("每项先看客户单独设置")
    tip = f"修改本客户的{LABEL}"
    card = phone.reveal(phone.page.get_by_label(tip, exact=True))
    phone.see(f"公司默认 {default} 天")
    phone.shot("thresholds.png")
    card.click()
    phone.see(f"修改：{d['name']} · {LABEL}")
    phone.fill(f"{LABEL}（天）", "0")
    phone.button("保存").click()
    phone.see("必须是1到3650之间的整数")
    phone.shot("thresholds-refused.png")
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        assert audit(conn, d["id"]) == []  # nothing was sent
    phone.fill(f"{LABEL}（天）", "45")
    phone.button("保存").click()
    phone.see(f"已保存：{LABEL}")
    phone.see("本客户：45 天")
    phone.see("生效值 45 天")
    phone.shot("thresholds-saved.png")
    phone.page.set_viewport_size({"width": 1280, "height": 800})
    phone.see("本客户：45 天")
    phone.shot("thresholds-desktop.png")
    phone.page.set_viewport_size({"width": 390, "height": 844})
    phone.app.settle()  # back to the phone size, every view is rebuilt: a tap on an old one is lost
    for attempt in range(3):
        phone.reveal(phone.page.get_by_label(tip, exact=True)).click()
        try:
            phone.button("删除本客户设置").wait_for(timeout=10_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    phone.button("删除本客户设置").click()
    phone.see(f"已删除本客户设置：{LABEL}")
    phone.see(f"生效值 {default} 天")
    with psycopg.connect(demo_db_url, row_factory=dict_row) as conn:
        rows = audit(conn, d["id"])
        left = conn.execute(
            "select count(*) as n from warning_thresholds where customer_id = %s", (d["id"],)
        ).fetchone()["n"]
    assert [(r["old_value"], r["new_value"], r["email"]) for r in rows] == [
        (None, 45, MANAGER),
        (45, None, MANAGER),
    ]
    assert left == 0
